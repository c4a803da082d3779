// The console's command objects: each parses its own arguments and writes to the streams it is
// given, so tests run them in-process with captured output.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <ostream>

namespace releasedesk::cli {

// Exit codes shared by every command (documented in README.md).
enum ExitCode : int {
  kExitOk = 0,      // accepted / complete / all checks hold
  kExitFailed = 1,  // rejected, invalid, incomplete
  kExitUsage = 2,   // usage, I/O or connection error
};

// What a command may read from its surroundings. Tests build one by hand.
struct CommandContext {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  QString programName = QStringLiteral("releasedesk-cli");

  bool inGitHubActions() const { return environment.value(QStringLiteral("GITHUB_ACTIONS")) == QStringLiteral("true"); }
};

class Command {
 public:
  virtual ~Command() = default;

  // The words that select this command, e.g. "evidence verify".
  virtual QString name() const = 0;
  virtual QString summary() const = 0;
  // `args` are the arguments after the command's words.
  virtual int run(const QStringList& args, std::ostream& out, std::ostream& err) = 0;
};

}  // namespace releasedesk::cli
