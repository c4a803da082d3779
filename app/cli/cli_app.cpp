#include "app/cli/cli_app.h"

#include "app/cli/candidates_command.h"
#include "app/cli/completion_command.h"
#include "app/cli/decisions_command.h"
#include "app/cli/doctor_command.h"
#include "app/cli/env_command.h"
#include "app/cli/evidence_commands.h"
#include "app/cli/manual_page.h"
#include "app/cli/replay_commands.h"
#include "app/cli/review_commands.h"
#include "app/cli/sandbox_command.h"
#include "app/cli/timeline_command.h"
#include "app/cli/workflow_command.h"

#include <algorithm>

namespace releasedesk::cli {

CliApp::CliApp(CommandContext context) : context_(std::move(context)) {
  commands_.push_back(std::make_unique<EvidenceVerifyCommand>(context_));
  commands_.push_back(std::make_unique<EvidenceListCommand>(context_));
  commands_.push_back(std::make_unique<DoctorCommand>(context_));
  commands_.push_back(std::make_unique<EnvCheckCommand>(context_));
  commands_.push_back(std::make_unique<EnvScanRepoCommand>(context_));
  commands_.push_back(std::make_unique<SandboxServeCommand>(context_));
  commands_.push_back(std::make_unique<TimelineCommand>(context_));
  commands_.push_back(std::make_unique<CandidatesCommand>(context_));
  commands_.push_back(std::make_unique<PendingCommand>(context_));
  commands_.push_back(std::make_unique<ReviewCommand>(context_, /*approve=*/true));
  commands_.push_back(std::make_unique<ReviewCommand>(context_, /*approve=*/false));
  commands_.push_back(std::make_unique<ReplayCommand>(context_, /*rollback=*/false));
  commands_.push_back(std::make_unique<ReplayCommand>(context_, /*rollback=*/true));
  commands_.push_back(std::make_unique<DecisionsCommand>(context_));
  commands_.push_back(std::make_unique<WorkflowLintCommand>(context_));
  commands_.push_back(std::make_unique<CompletionCommand>(context_, [this] { return reference(); }));
}

std::vector<CommandReference> CliApp::reference() const {
  return describeCommands(commands_, context_.programName);
}

void CliApp::printUsage(std::ostream& out) const {
  out << "Usage: " << context_.programName.toStdString() << " <command> [options]\n\n"
      << "ReleaseDesk console: the release desk's verdicts for CI.\n\nCommands:\n";
  // At least two spaces after the longest name, so the list stays readable (and parseable).
  qsizetype width = 18;
  for (const auto& command : commands_) width = std::max(width, command->name().size() + 2);
  for (const auto& command : commands_) {
    out << "  " << command->name().leftJustified(width).toStdString() << command->summary().toStdString() << '\n';
  }
  out << "\nRun '" << context_.programName.toStdString() << " <command> --help' for a command's options.\n"
      << "Exit codes: 0 accepted or all good, 1 rejected, invalid or incomplete, 2 usage or I/O error.\n";
}

int CliApp::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  if (args.isEmpty() || args.first() == QStringLiteral("--help") || args.first() == QStringLiteral("-h") ||
      args.first() == QStringLiteral("help")) {
    printUsage(args.isEmpty() ? err : out);
    return args.isEmpty() ? kExitUsage : kExitOk;
  }
  if (args.first() == QStringLiteral("--version")) {
    out << "releasedesk-cli " << RELEASEDESK_VERSION << '\n';
    return kExitOk;
  }
  // Hidden: the man page, generated at build time from every command's --help.
  if (args.first() == QStringLiteral("--man")) {
    out << manualPage(reference(), context_.programName, QStringLiteral(RELEASEDESK_VERSION)).toStdString();
    return kExitOk;
  }
  // Longest match on the command words ("evidence verify" before "evidence").
  Command* best = nullptr;
  qsizetype bestWords = 0;
  for (const auto& command : commands_) {
    const QStringList words = command->name().split(QLatin1Char(' '));
    if (words.size() <= args.size() && args.mid(0, words.size()) == words && words.size() > bestWords) {
      best = command.get();
      bestWords = words.size();
    }
  }
  if (best == nullptr) {
    // A group word alone ("evidence") lists its commands.
    bool isGroup = false;
    for (const auto& command : commands_) {
      if (command->name().startsWith(args.first() + QLatin1Char(' '))) {
        if (!isGroup) err << "'" << args.first().toStdString() << "' needs a subcommand:\n";
        isGroup = true;
        err << "  " << command->name().leftJustified(18).toStdString() << command->summary().toStdString() << '\n';
      }
    }
    if (!isGroup) {
      err << context_.programName.toStdString() << ": unknown command '" << args.first().toStdString() << "'. Run '"
          << context_.programName.toStdString() << " --help' for the list.\n";
    }
    return kExitUsage;
  }
  return best->run(args.mid(bestWords), out, err);
}

}  // namespace releasedesk::cli
