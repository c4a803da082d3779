#include "app/cli/cli_app.h"

#include "app/cli/candidates_command.h"
#include "app/cli/completion_command.h"
#include "app/cli/decisions_command.h"
#include "app/cli/doctor_command.h"
#include "app/cli/env_command.h"
#include "app/cli/evidence_commands.h"
#include "app/cli/github_actions.h"
#include "app/cli/manual_page.h"
#include "app/cli/pipeline_commands.h"
#include "app/cli/replay_commands.h"
#include "app/cli/review_commands.h"
#include "app/cli/sandbox_command.h"
#include "app/cli/timeline_command.h"
#include "app/cli/workflow_command.h"

#include "core/ci/markdown_table.h"
#include "core/ci/workflow_commands.h"

#include <algorithm>
#include <sstream>
#include <streambuf>

namespace releasedesk::cli {
namespace {

// Passes everything to `target` and keeps a copy, so that under GitHub Actions a command's
// failure can become an annotation and a step summary without each command repeating it.
class TeeBuffer final : public std::streambuf {
 public:
  explicit TeeBuffer(std::streambuf* target) : target_(target) {}
  const std::string& text() const { return text_; }

 protected:
  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    text_.push_back(traits_type::to_char_type(c));
    return target_->sputc(traits_type::to_char_type(c));
  }
  std::streamsize xsputn(const char* data, std::streamsize size) override {
    text_.append(data, static_cast<std::size_t>(size));
    return target_->sputn(data, size);
  }
  int sync() override { return target_->pubsync(); }

 private:
  std::streambuf* target_;
  std::string text_;
};

// The lines a person should read: no workflow commands, no blank lines.
std::vector<std::string> messageLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) {
    if (!line.empty() && line.rfind("::", 0) != 0) lines.push_back(line);
  }
  return lines;
}

const char* exitMeaning(int code) {
  switch (code) {
    case kExitOk: return "succeeded";
    case kExitFailed: return "found a problem";
    default: return "could not run (usage, input or connection error)";
  }
}

}  // namespace

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
  commands_.push_back(std::make_unique<CandidateLoadCommand>(context_));
  commands_.push_back(std::make_unique<StaleGuardCommand>(context_));
  commands_.push_back(std::make_unique<RecordCommand>(context_));
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
  out << "\nRun '" << context_.programName.toStdString()
      << " <command> --help' for a command's options and what its exit codes mean.\n"
      << "Exit codes: 0 success, 1 a verdict or check that does not hold, 2 usage, input or connection error.\n";
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
    // A group word alone ("evidence") lists its commands; with --help that is the answer asked for.
    const bool help = args.size() == 2 && (args[1] == QStringLiteral("--help") || args[1] == QStringLiteral("-h"));
    std::ostream& stream = help ? out : err;
    bool isGroup = false;
    for (const auto& command : commands_) {
      if (command->name().startsWith(args.first() + QLatin1Char(' '))) {
        if (!isGroup) {
          if (help)
            stream << "Usage: " << context_.programName.toStdString() << ' ' << args.first().toStdString()
                   << " <subcommand> [options]\n\nSubcommands:\n";
          else
            stream << "'" << args.first().toStdString() << "' needs a subcommand:\n";
        }
        isGroup = true;
        stream << "  " << command->name().leftJustified(18).toStdString() << command->summary().toStdString() << '\n';
      }
    }
    if (isGroup && help) {
      out << "\nRun '" << context_.programName.toStdString() << ' ' << args.first().toStdString()
          << " <subcommand> --help' for its options and exit codes.\n";
      return kExitOk;
    }
    if (!isGroup) {
      err << context_.programName.toStdString() << ": unknown command '" << args.first().toStdString() << "'. Run '"
          << context_.programName.toStdString() << " --help' for the list.\n";
    }
    return kExitUsage;
  }
  const QStringList commandArgs = args.mid(bestWords);
  if (!context_.inGitHubActions() || commandArgs.contains(QStringLiteral("--help")) ||
      commandArgs.contains(QStringLiteral("-h"))) {
    return best->run(commandArgs, out, err);
  }
  return runInGitHubActions(*best, commandArgs, out, err);
}

int CliApp::runInGitHubActions(Command& command, const QStringList& args, std::ostream& out, std::ostream& err) {
  TeeBuffer tee(err.rdbuf());
  std::ostream teeErr(&tee);
  const int before = context_.stepSummaries;
  const int code = command.run(args, out, teeErr);
  teeErr.flush();
  const std::string title = context_.programName.toStdString() + " " + command.name().toStdString();
  const std::vector<std::string> lines = messageLines(tee.text());
  // A command that could not run (no connection, no token, bad input) is an error annotation,
  // unless it already annotated what went wrong.
  if (code == kExitUsage && tee.text().find("::error") == std::string::npos && !lines.empty()) {
    std::string message = lines.front();
    const std::string prefix = title + ": ";
    const std::string programPrefix = context_.programName.toStdString() + ": ";
    if (message.rfind(prefix, 0) == 0)
      message.erase(0, prefix.size());
    else if (message.rfind(programPrefix, 0) == 0)
      message.erase(0, programPrefix.size());
    err << "::error title=" << escapeWorkflowProperty(title) << "::" << escapeWorkflowData(message) << '\n';
  }
  // Every command leaves a step summary: its own, or this one saying how it ended and why.
  if (context_.stepSummaries == before) {
    std::string md = "### `" + title + "` " + exitMeaning(code) + "\n\nExit code " + std::to_string(code) + ".\n";
    std::vector<std::string> shown;
    for (const std::string& line : lines) {
      if (line.rfind("retrying (", 0) != 0 && line.find(": retrying (") == std::string::npos) shown.push_back(line);
    }
    if (!shown.empty()) {
      md += "\n| Message |\n|---|\n";
      for (const std::string& line : shown) md += "| " + markdownCell(line) + " |\n";
    }
    appendStepSummary(context_, md, err);
  }
  return code;
}

}  // namespace releasedesk::cli
