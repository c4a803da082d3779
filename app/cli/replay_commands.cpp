// `releasedesk-cli replay --sha SHA` and `rollback [--to SHA]`, with --follow.
#include "app/cli/replay_commands.h"
#include "app/cli/json_document.h"

#include "app/cli/action_inputs.h"
#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"

#include "core/actions/replay_plan.h"
#include "core/actions/run_follower.h"
#include "core/ci/workflow_commands.h"
#include "core/text/time_format.h"

#include <nlohmann/json.hpp>

namespace releasedesk::cli {
namespace {

using Json = nlohmann::ordered_json;

Json preflightJson(const ReplayPlan& plan) {
  Json checks = Json::array();
  for (const PreflightCheck& c : plan.checks)
    checks.push_back({{"check", c.check}, {"status", std::string(toString(c.status))}, {"message", c.message}});
  return checks;
}

void printChecklist(const ReplayPlan& plan, std::ostream& stream) {
  stream << "Preflight for " << toString(plan.replayClass) << " of " << plan.sha << ":\n";
  for (const PreflightCheck& c : plan.checks) {
    const std::string mark = c.status == PreflightStatus::Pass   ? "[pass]"
                             : c.status == PreflightStatus::Warn ? "[warn]"
                                                                 : "[FAIL]";
    stream << "  " << mark << ' ' << c.check << ": " << c.message << '\n';
  }
}

std::string checklistMarkdown(const ReplayPlan& plan) {
  std::string md = "| Check | Status | Message |\n|---|---|---|\n";
  for (const PreflightCheck& c : plan.checks)
    md += "| " + c.check + " | " + std::string(toString(c.status)) + " | " + c.message + " |\n";
  return md;
}

// Follows the run, one line on `err` per phase change; returns the last update.
FollowUpdate follow(GitHubSession& session, std::int64_t runId, std::ostream& err) {
  RunFollower follower(session.client(), session.scheduler(), runId);
  std::optional<FollowUpdate> last;
  std::string lastLine;
  follower.start([&](const FollowUpdate& update) {
    std::string text = (update.run ? runNameWithId(update.run->runNumber, runId) : "run " + std::to_string(runId)) +
                       ": " + update.sentence;
    if (update.error) text += " (reading it failed: " + update.error->message + ")";
    if (text != lastLine) err << text << '\n' << std::flush;
    lastLine = text;
    if (update.finished) last = update;
  });
  session.waitUntil([&last] { return last.has_value(); });
  return *last;
}

}  // namespace

int ReplayCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  const std::string word = name().toStdString();
  CommandLine line(
      context_, name(),
      rollback_
          ? QStringLiteral("Roll production back: replay an older accepted candidate through production-stage.yml on "
                           "the default branch. Without --to, the target is the candidate live before the current "
                           "one. Prints the preflight checklist (evidence, digest refs, environment, production "
                           "lock, relation to live), asks you to type the short sha (or pass --yes), dispatches "
                           "once and records it in the decision journal.\n"
                           "Exit codes: 0 dispatched (with --follow: the run succeeded), 1 refused by the preflight "
                           "or GitHub, not confirmed, or the followed run failed, 2 usage, journal or connection "
                           "error.")
          : QStringLiteral("Replay an accepted candidate: dispatch production-stage.yml on the default branch with "
                           "candidate_sha. Prints the preflight checklist (evidence, digest refs, environment, "
                           "production lock, relation to live: a replay of an older candidate is a rollback), asks "
                           "you to type the short sha (or pass --yes), dispatches once and records it in the "
                           "decision journal.\n"
                           "Exit codes: 0 dispatched (with --follow: the run succeeded), 1 refused by the preflight "
                           "or GitHub, not confirmed, or the followed run failed, 2 usage, journal or connection "
                           "error."));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  parser.addOption(CommandLine::environmentOption());
  parser.addOption(CommandLine::jsonOption());
  if (rollback_) {
    parser.addOption({QStringLiteral("to"),
                      QStringLiteral("The candidate to roll back to (default: the one live before the current one)."),
                      QStringLiteral("sha")});
  } else {
    parser.addOption({QStringLiteral("sha"), QStringLiteral("The candidate to replay (full sha or 7+ hex prefix)."),
                      QStringLiteral("sha")});
  }
  addOverrideOption(parser);
  addYesOption(parser);
  parser.addOption({QStringLiteral("follow"),
                    QStringLiteral("Follow the run to its end, one line per phase on stderr; the exit code is the "
                                   "run's.")});
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string command = context_.programName.toStdString() + " " + word;
  const QString shaOption = rollback_ ? QStringLiteral("to") : QStringLiteral("sha");
  const std::string requested = parser.value(shaOption).trimmed().toLower().toStdString();
  if (!rollback_ && requested.empty()) {
    err << command << ": --sha is required: the candidate to replay (see '" << context_.programName.toStdString()
        << " candidates').\n";
    return kExitUsage;
  }
  if (parser.isSet(shaOption) && (requested.size() < 7 || requested.size() > 40 ||
                                  requested.find_first_not_of("0123456789abcdef") != std::string::npos)) {
    err << command << ": --" << shaOption.toStdString() << " takes a commit sha (7 to 40 hex digits), not '"
        << requested << "'.\n";
    return kExitUsage;
  }
  const std::string overrideReason = parser.value(QStringLiteral("override")).toStdString();
  if (parser.isSet(QStringLiteral("override")) && trimmed(overrideReason).empty()) {
    err << command << ": --override needs a reason.\n";
    return kExitUsage;
  }
  const bool json = parser.isSet(CommandLine::jsonOption());
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

  Json doc{{"runId", nullptr}, {"htmlUrl", nullptr},         {"sha", nullptr},
           {"class", nullptr}, {"preflight", Json::array()}, {"conclusion", nullptr}};
  const ActionCandidate* candidate = nullptr;
  std::string sha = requested;
  if (!requested.empty()) {
    candidate = view->findByPrefix(requested);
    if (candidate) sha = candidate->sha;
    if (!candidate && requested.size() < 40) {
      err << command << ": no candidate (or more than one) starts with " << requested << "; give the full sha.\n";
      return kExitUsage;
    }
  } else {
    candidate = proposeRollbackTarget(view->relations, view->candidates);
    if (!candidate) {
      story << "Refused: there is nothing to roll back to: no accepted candidate older than live was live before.\n";
      if (json) writeJsonDocument(out, doc);
      return kExitFailed;
    }
    sha = candidate->sha;
    story << "Rollback target: " << sha << " (the candidate live before the current one).\n";
  }

  ReplayInputs inputs;
  inputs.candidate = candidate;
  inputs.sha = sha;
  inputs.relations = &view->relations;
  inputs.candidates = &view->candidates;
  inputs.environment = report ? &*report : nullptr;
  inputs.lock = &inbox->lock;
  ReplayPlan plan = planReplay(inputs, overrideReason);
  plan.grounds.environment = environment;
  doc["sha"] = sha;
  doc["class"] = std::string(toString(plan.replayClass));
  doc["preflight"] = preflightJson(plan);

  printChecklist(plan, story);
  if (context_.inGitHubActions()) {
    for (const PreflightCheck& c : plan.checks) {
      if (c.status == PreflightStatus::Pass) continue;
      annotations << (c.status == PreflightStatus::Fail ? "::error title=" : "::warning title=")
                  << escapeWorkflowProperty(word + " preflight: " + c.check) << "::" << escapeWorkflowData(c.message)
                  << '\n';
    }
  }
  if (!plan.ready()) {
    story << "Refused by the preflight: nothing was sent.\n";
    if (context_.inGitHubActions())
      appendStepSummary(context_, "### " + word + " of `" + sha + "` refused\n\n" + checklistMarkdown(plan), err);
    if (json) writeJsonDocument(out, doc);
    return kExitFailed;
  }
  if (rollback_ && plan.replayClass != ReplayClass::Rollback) {
    err << "warning: " << sha.substr(0, 12) << " is not older than live: this is a " << toString(plan.replayClass)
        << ", not a rollback.\n";
  }
  story << "Dispatch production-stage.yml on the default branch of " << session.client().config().repo.fullName()
        << " with candidate_sha=" << sha << " (" << toString(plan.replayClass) << ").\n";
  if (!plan.overrideReason.empty()) story << "  Override: " << plan.overrideReason << '\n';
  const std::string shortSha = sha.substr(0, 7);
  if (!parser.isSet(QStringLiteral("yes"))) {
    const Confirmation answer = confirm(context_,
                                        "Type the short sha (" + shortSha + ") to dispatch the " +
                                            std::string(toString(plan.replayClass)) + ", anything else to stop: ",
                                        shortSha, err);
    if (answer != Confirmation::Confirmed) return notConfirmed(answer, command, err);
  }
  const std::string path = journalPathFor(context_, err);
  if (path.empty()) return kExitUsage;
  const DecisionOutcome outcome =
      sendDecision(session, path, replayDecision(plan, "", deciderLogin(session, context_)));
  if (!outcome.journalProblem.empty()) err << "warning: decision journal: " << outcome.journalProblem << '\n';
  story << toString(outcome.status) << ": " << outcome.message << '\n';
  doc["status"] = std::string(toString(outcome.status));
  doc["message"] = outcome.message;
  doc["decisionId"] = outcome.decisionId;
  if (outcome.runId) doc["runId"] = *outcome.runId;
  int code = exitCodeFor(outcome);

  if (outcome.took() && outcome.runId) {
    if (parser.isSet(QStringLiteral("follow"))) {
      const FollowUpdate last = follow(session, *outcome.runId, err);
      if (last.run) doc["htmlUrl"] = last.run->htmlUrl;
      if (!last.conclusion.empty()) doc["conclusion"] = last.conclusion;
      story << "Run " << *outcome.runId << " "
            << (last.conclusion.empty() ? "not followed to its end" : last.conclusion) << '\n';
      code = last.conclusion == "success" ? kExitOk : kExitFailed;
    } else {
      std::optional<Result<WorkflowRun>> run;
      session.client().getRun(*outcome.runId, [&run](Result<WorkflowRun> r) { run.emplace(std::move(r)); });
      session.waitUntil([&run] { return run.has_value(); });
      if (*run) doc["htmlUrl"] = run->value().htmlUrl;
    }
    if (doc["htmlUrl"].is_string()) story << "  " << doc["htmlUrl"].get<std::string>() << '\n';
  }
  if (context_.inGitHubActions()) {
    annotations << (outcome.took() ? "::notice title=" : "::error title=") << word
                << "::" << escapeWorkflowData(word + " of " + sha + ": " + outcome.message) << '\n';
    std::string md = "### " + word + " of `" + sha + "`\n\n" + checklistMarkdown(plan) +
                     "\n- Outcome: " + std::string(toString(outcome.status)) + ": " + outcome.message + "\n";
    if (doc["conclusion"].is_string()) md += "- Run conclusion: " + doc["conclusion"].get<std::string>() + "\n";
    appendStepSummary(context_, md, err);
  }
  if (json) writeJsonDocument(out, doc);
  return code;
}

}  // namespace releasedesk::cli
