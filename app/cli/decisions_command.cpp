// `releasedesk-cli decisions [--json]`: reads the journal at the XDG state path.
#include "app/cli/decisions_command.h"
#include "app/cli/json_document.h"

#include "app/cli/action_inputs.h"
#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"

#include "core/actions/decision_journal.h"
#include "core/text/time_format.h"

#include <nlohmann/json.hpp>

#include <iomanip>

namespace releasedesk::cli {

int DecisionsCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("List the decisions this desk sent to GitHub (approve, reject, replay, rollback), "
                                  "newest first, from the journal at $XDG_STATE_HOME/releasedesk/decisions.jsonl "
                                  "(else ~/.local/state/releasedesk/decisions.jsonl): when, who, what, the run and "
                                  "sha, and GitHub's answer. Unreadable lines are reported on stderr.\n"
                                  "Exit codes: 0 listed, 2 usage or the journal cannot be read."));
  auto& parser = line.parser();
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string command = context_.programName.toStdString() + " decisions";
  const std::string path = journalPath([this](std::string_view name) -> std::optional<std::string> {
    const QString key = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    if (!context_.environment.contains(key)) return std::nullopt;
    return context_.environment.value(key).toStdString();
  });
  if (path.empty()) {
    err << command << ": no decision journal: neither XDG_STATE_HOME nor HOME is set.\n";
    return kExitUsage;
  }
  const JournalRead journal = DecisionJournal(path).read();
  if (!journal.error.empty()) {
    err << command << ": " << journal.error << '\n';
    return kExitUsage;
  }
  for (const std::string& problem : journal.problems) err << "warning: " << path << ": " << problem << '\n';

  if (parser.isSet(CommandLine::jsonOption())) {
    // An object, so that it can carry its schemaVersion: the journal's decisions, newest first.
    writeJsonDocument(
        out, nlohmann::ordered_json{{"journal", path}, {"decisions", nlohmann::ordered_json::parse(toJson(journal))}});
  } else {
    out << "Decisions in " << path << " (" << countOf(journal.decisions.size(), "decision") << "), newest first\n";
    if (!journal.decisions.empty()) {
      out << std::left << std::setw(28) << "TIME" << std::setw(10) << "ACTION" << std::setw(13) << "RUN"
          << std::setw(14) << "SHA" << std::setw(14) << "BY"
          << "OUTCOME" << '\n';
    }
    for (const JournalDecision& d : journal.decisions) {
      const JournalEntry& i = d.intent;
      out << std::setw(28) << formatLocalTime(i.time) << std::setw(10) << i.action << std::setw(13)
          << (i.runId ? std::to_string(*i.runId) : std::string("-")) << std::setw(14)
          << (i.sha.empty() ? std::string("-") : i.sha.substr(0, 12)) << std::setw(14)
          << (i.login.empty() ? std::string("-") : i.login) << (d.outcome && d.outcome->took ? "took: " : "")
          << d.outcomeText() << '\n';
    }
    out << std::right;
  }
  if (context_.inGitHubActions()) appendStepSummary(context_, toMarkdown(journal), err);
  return kExitOk;
}

}  // namespace releasedesk::cli
