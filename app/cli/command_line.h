// Shared argument handling for commands: QCommandLineParser with errors and --help written to
// the command's own streams instead of exiting the process.
#pragma once

#include "app/cli/command.h"

#include <QCommandLineParser>

#include <optional>

namespace releasedesk::cli {

class CommandLine {
 public:
  CommandLine(const CommandContext& context, const QString& command, const QString& description,
              const QString& positionalSyntax = {});

  QCommandLineParser& parser() { return parser_; }

  // What this command's exit codes mean, shown at the end of its --help ("0 complete, 1 …").
  // A description ending in "\nExit codes: …" sets it too.
  void setExitCodes(const QString& meaning) { exitCodes_ = meaning; }

  // Options several commands share, declared once (as KeePassXC's Command::QuietOption). Look
  // them up with the same call: parser.isSet(CommandLine::jsonOption()).
  // --json: one JSON document instead of text.
  static QCommandLineOption jsonOption();
  // --environment <name>, default production. `description` is the command's wording of it.
  static QCommandLineOption environmentOption(
      const QString& description = QStringLiteral("The deployment environment (default: production)."));

  // Parses `args`. Returns an exit code when the command should stop now (after --help, or on a
  // usage error, both already printed; a positional argument to a command that names no
  // positional syntax is one); std::nullopt when it should go on.
  std::optional<int> parse(const QStringList& args, std::ostream& out, std::ostream& err);

 private:
  const CommandContext& context_;
  QString command_;
  QString positionalSyntax_;
  QString exitCodes_;
  QCommandLineParser parser_;
};

}  // namespace releasedesk::cli
