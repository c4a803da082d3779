// The console front door: picks the command named by the first arguments and runs it.
#pragma once

#include "app/cli/command.h"
#include "app/cli/command_reference.h"

#include <memory>
#include <vector>

namespace releasedesk::cli {

class CliApp {
 public:
  explicit CliApp(CommandContext context = {});

  // `args` excludes the program name. Returns the process exit code.
  int run(const QStringList& args, std::ostream& out, std::ostream& err);

  // Every command's options and arguments, read from its --help (for the man page and the
  // shell completions).
  std::vector<CommandReference> reference() const;

 private:
  void printUsage(std::ostream& out) const;
  // Under GITHUB_ACTIONS=true: runs `command`, then makes a failure to run an ::error annotation
  // and writes a step summary when the command wrote none.
  int runInGitHubActions(Command& command, const QStringList& args, std::ostream& out, std::ostream& err);

  CommandContext context_;
  std::vector<std::unique_ptr<Command>> commands_;
};

}  // namespace releasedesk::cli
