// `releasedesk-cli pending`, `approve --run ID` and `reject --run ID --comment TEXT`.
#include "app/cli/review_commands.h"
#include "app/cli/json_document.h"

#include "app/cli/action_inputs.h"
#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"

#include "core/ci/workflow_commands.h"
#include "core/text/time_format.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <set>

namespace releasedesk::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string evidenceVerdict(const CandidateRelations& view, const std::optional<std::string>& sha) {
  const ActionCandidate* candidate = sha ? view.find(*sha) : nullptr;
  return candidate ? std::string(toString(candidate->verdict)) : "unknown";
}

std::vector<std::string> reviewersOf(const InboxEntry& entry) {
  std::set<std::string> seen;
  std::vector<std::string> reviewers;
  for (const PendingDeployment& p : entry.pending) {
    for (const std::string& r : p.reviewers) {
      if (seen.insert(r).second) reviewers.push_back(r);
    }
  }
  return reviewers;
}

}  // namespace

int PendingCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("List the production-stage runs waiting for a review in the environment, oldest "
                                  "wait first: run, candidate sha, class, waiting since, whether you may approve, "
                                  "the reviewers, the candidate's evidence verdict and whether the environment is "
                                  "complete.\nExit codes: 0 listed, 2 usage or connection error."));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  parser.addOption(CommandLine::environmentOption());
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string command = context_.programName.toStdString() + " pending";
  GitHubSession session(context_);
  if (!session.open(parser, err)) return kExitUsage;
  const std::string environment = parser.value(CommandLine::environmentOption()).toStdString();
  const auto context = readContext(session, environment, {true, true, true}, command, err);
  if (!context) return kExitUsage;
  const CandidateRelations* view = &*context->candidates;
  const ApprovalInbox* inbox = &*context->inbox;
  const std::optional<CompletenessReport>& report = context->environment;

  std::vector<const InboxEntry*> entries;
  for (const InboxEntry& entry : inbox->waiting) {
    if (waitsFor(entry, environment)) entries.push_back(&entry);
  }
  if (parser.isSet(CommandLine::jsonOption())) {
    Json pending = Json::array();
    for (const InboxEntry* entry : entries) {
      pending.push_back({{"runId", entry->run.id},
                         {"runNumber", entry->run.runNumber},
                         {"sha", entry->sha ? Json(*entry->sha) : Json(nullptr)},
                         {"class", std::string(toString(entry->runClass))},
                         {"waitingSince", formatIsoTime(entry->waitingSince)},
                         {"canApprove", entry->canApprove()},
                         {"reviewers", reviewersOf(*entry)},
                         {"evidence", {{"verdict", evidenceVerdict(*view, entry->sha)}}},
                         {"environmentComplete", report ? Json(report->complete()) : Json(nullptr)}});
    }
    writeJsonDocument(out, Json{{"environment", environment}, {"pending", pending}});
  } else {
    out << "Waiting for a review in " << environment << " (" << countOf(entries.size(), "run") << ")\n";
    for (const InboxEntry* entry : entries) {
      std::string reviewers;
      for (const std::string& r : reviewersOf(*entry)) reviewers += (reviewers.empty() ? "" : ", ") + r;
      out << "  " << runNameWithId(entry->run.runNumber, entry->run.id) << "  "
          << (entry->sha ? entry->sha->substr(0, 12) : std::string("unknown     ")) << "  " << std::left << std::setw(8)
          << toString(entry->runClass) << std::right << "  since " << formatLocalTime(entry->waitingSince)
          << "  evidence " << evidenceVerdict(*view, entry->sha) << "  "
          << (entry->canApprove() ? "you may approve" : "you may not approve")
          << (reviewers.empty() ? "" : "  reviewers: " + reviewers) << '\n';
    }
    out << "Environment " << environment << ": "
        << (report ? (report->complete() ? "complete" : "incomplete") + std::string(" (") + report->summary() + ")"
                   : std::string("not checked"))
        << '\n';
    if (inbox->lock.holder || !inbox->lock.queued.empty()) out << "Production lock: " << inbox->lock.summary() << '\n';
  }
  if (context_.inGitHubActions()) {
    std::string md = "### Waiting for a review in " + environment +
                     "\n\n| Run | Candidate | Class | Since | Evidence |\n"
                     "|---|---|---|---|---|\n";
    for (const InboxEntry* entry : entries) {
      md += "| " + std::to_string(entry->run.id) + " | `" + entry->sha.value_or("unknown") + "` | " +
            std::string(toString(entry->runClass)) + " | " + formatIsoTime(entry->waitingSince) + " | " +
            evidenceVerdict(*view, entry->sha) + " |\n";
    }
    appendStepSummary(context_, md, err);
  }
  return kExitOk;
}

int ReviewCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  const std::string word = name().toStdString();
  CommandLine line(
      context_, name(),
      approve_ ? QStringLiteral("Approve a production-stage run waiting for a review. The decision rests on its "
                                "grounds: the evidence verdict of the run's candidate, the environment's readiness "
                                "and the diff against live; an approval is refused when the evidence is not "
                                "accepted or the environment is not complete, unless --override gives a reason. "
                                "Shows what will be sent, asks you to type the run id (or pass --yes), sends it "
                                "once and records it in the decision journal.\n"
                                "Exit codes: 0 approved, 1 refused (by the gate, by GitHub, or not confirmed), "
                                "2 usage, journal or connection error.")
               : QStringLiteral("Reject a production-stage run waiting for a review, with a comment saying why. "
                                "Shows what will be sent, asks you to type the run id (or pass --yes), sends it "
                                "once and records it in the decision journal.\n"
                                "Exit codes: 0 rejected, 1 refused (by GitHub, or not confirmed), 2 usage, "
                                "journal or connection error."));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  parser.addOption(CommandLine::environmentOption());
  parser.addOption(CommandLine::jsonOption());
  parser.addOption({QStringLiteral("run"), QStringLiteral("The waiting run's id."), QStringLiteral("id")});
  parser.addOption({QStringLiteral("comment"),
                    approve_ ? QStringLiteral("A comment sent with the approval, after its grounds.")
                             : QStringLiteral("Why it is rejected (required)."),
                    QStringLiteral("text")});
  if (approve_) addOverrideOption(parser);
  addYesOption(parser);
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string command = context_.programName.toStdString() + " " + word;
  bool idOk = false;
  const std::int64_t runId = parser.value(QStringLiteral("run")).toLongLong(&idOk);
  if (!parser.isSet(QStringLiteral("run")) || !idOk || runId <= 0) {
    err << command << ": --run takes the waiting run's id (see '" << context_.programName.toStdString()
        << " pending').\n";
    return kExitUsage;
  }
  const std::string comment = parser.value(QStringLiteral("comment")).toStdString();
  if (!approve_ && trimmed(comment).empty()) {
    err << command << ": --comment is required: say why the run is rejected.\n";
    return kExitUsage;
  }
  const std::string overrideReason = approve_ ? parser.value(QStringLiteral("override")).toStdString() : std::string();
  if (approve_ && parser.isSet(QStringLiteral("override")) && trimmed(overrideReason).empty()) {
    err << command << ": --override needs a reason.\n";
    return kExitUsage;
  }
  const bool json = parser.isSet(CommandLine::jsonOption());
  // With --json the document is the only thing on stdout; the plan goes to stderr.
  std::ostream& story = json ? err : out;
  // Workflow commands go where the runner reads them; with --json, stderr keeps stdout a document.
  std::ostream& annotations = json ? err : out;
  const std::string environment = parser.value(CommandLine::environmentOption()).toStdString();

  GitHubSession session(context_);
  if (!session.open(parser, err)) return kExitUsage;
  const auto context = readContext(session, environment, {true, true, true}, command, err);
  if (!context) return kExitUsage;
  const CandidateRelations* view = &*context->candidates;
  const ApprovalInbox* inbox = &*context->inbox;
  const std::optional<CompletenessReport>& report = context->environment;
  const auto entry = std::find_if(inbox->waiting.begin(), inbox->waiting.end(),
                                  [runId](const InboxEntry& e) { return e.run.id == runId; });
  Json doc{{"decision", word}, {"runId", runId}, {"environment", environment}};
  const auto refuse = [&](const std::vector<std::string>& blockers, const std::string& sha) {
    story << "Refused: nothing was sent.\n";
    for (const std::string& b : blockers) story << "  - " << b << '\n';
    if (context_.inGitHubActions()) {
      for (const std::string& b : blockers)
        annotations << "::error title=" << word << " refused::" << escapeWorkflowData(b) << '\n';
    }
    if (json) {
      doc["sha"] = sha.empty() ? Json(nullptr) : Json(sha);
      doc["status"] = "refused";
      doc["blockers"] = blockers;
      writeJsonDocument(out, doc);
    }
    return kExitFailed;
  };
  if (entry == inbox->waiting.end() || !waitsFor(*entry, environment)) {
    return refuse({"Run " + std::to_string(runId) + " is not waiting for a review in " + environment + "."}, "");
  }
  const std::string sha = entry->sha.value_or("");
  const DecisionGrounds grounds = groundsFor(view->find(sha), sha, report ? &*report : nullptr, view->diff(sha));
  Decision decision = approve_ ? approveDecision(*entry, grounds, comment, overrideReason, "")
                               : rejectDecision(*entry, grounds, comment, "");
  decision.environment = environment;
  doc["sha"] = sha.empty() ? Json(nullptr) : Json(sha);
  doc["grounds"] = grounds.summaryLine();
  if (!decision.blockers.empty()) return refuse(decision.blockers, sha);

  story << (approve_ ? "Approve" : "Reject") << " run " << runNameWithId(entry->run.runNumber, runId) << " ("
        << entry->run.displayTitle << ") in " << environment << " of " << session.client().config().repo.fullName()
        << ".\n"
        << "  Grounds: " << grounds.summaryLine() << '\n';
  if (approve_ && !decision.overrideReason.empty()) {
    story << "  Overriding:\n";
    for (const std::string& b : approveGate(grounds, overrideReason).blockers) story << "    - " << b << '\n';
  }
  story << "  Comment sent to GitHub:\n" << indented(decision.comment, "    ");
  if (!parser.isSet(QStringLiteral("yes"))) {
    const Confirmation answer =
        confirm(context_, "Type the run id (" + std::to_string(runId) + ") to " + word + " it, anything else to stop: ",
                std::to_string(runId), err);
    if (answer != Confirmation::Confirmed) return notConfirmed(answer, command, err);
  }
  const std::string path = journalPathFor(context_, err);
  if (path.empty()) return kExitUsage;
  decision.login = deciderLogin(session, context_);
  const DecisionOutcome outcome = sendDecision(session, path, std::move(decision));
  if (!outcome.journalProblem.empty()) err << "warning: decision journal: " << outcome.journalProblem << '\n';
  story << toString(outcome.status) << ": " << outcome.message << '\n';
  if (context_.inGitHubActions()) {
    const std::string annotationText = word + " run " + std::to_string(runId) + ": " + outcome.message;
    annotations << (outcome.took() ? "::notice title=" : "::error title=") << word
                << "::" << escapeWorkflowData(annotationText) << '\n';
    appendStepSummary(context_,
                      "### " + std::string(approve_ ? "Approval" : "Rejection") + " of run " + std::to_string(runId) +
                          "\n\n- Grounds: " + grounds.summaryLine() +
                          "\n- Outcome: " + std::string(toString(outcome.status)) + ": " + outcome.message + "\n",
                      err);
  }
  if (json) {
    doc["status"] = std::string(toString(outcome.status));
    doc["took"] = outcome.took();
    doc["message"] = outcome.message;
    doc["comment"] = approve_ ? reviewComment(grounds, comment, overrideReason) : reviewComment(grounds, comment, {});
    doc["decisionId"] = outcome.decisionId;
    writeJsonDocument(out, doc);
  }
  return exitCodeFor(outcome);
}

}  // namespace releasedesk::cli
