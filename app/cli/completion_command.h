// `releasedesk-cli completion bash|zsh|fish`: prints a shell completion script generated from the
// command table (commands, subcommands, options and the values that are cheap to offer).
#pragma once

#include "app/cli/command.h"
#include "app/cli/command_reference.h"

#include <functional>
#include <vector>

namespace releasedesk::cli {

// The completion scripts, from the commands' references. `programName` is the executable the
// script completes ("releasedesk-cli").
QString bashCompletion(const std::vector<CommandReference>& commands, const QString& programName);
QString zshCompletion(const std::vector<CommandReference>& commands, const QString& programName);
QString fishCompletion(const std::vector<CommandReference>& commands, const QString& programName);

class CompletionCommand final : public Command {
 public:
  // `describe` returns every command's reference (this one's included); called only when a
  // script is printed.
  CompletionCommand(const CommandContext& context, std::function<std::vector<CommandReference>()> describe)
      : context_(context), describe_(std::move(describe)) {}
  QString name() const override { return QStringLiteral("completion"); }
  QString summary() const override { return QStringLiteral("Print a bash, zsh or fish completion script"); }
  int run(const QStringList& args, std::ostream& out, std::ostream& err) override;

 private:
  const CommandContext& context_;
  std::function<std::vector<CommandReference>()> describe_;
};

}  // namespace releasedesk::cli
