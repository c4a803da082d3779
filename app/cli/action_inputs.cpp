#include "app/cli/action_inputs.h"

#include "core/environment/environment_check.h"
#include "core/evidence/candidate_feed.h"
#include "core/timeline/timeline_loader.h"

#include <algorithm>
#include <sstream>

namespace releasedesk::cli {

void addEnvironmentAndJsonOptions(QCommandLineParser& parser) {
  parser.addOption({QStringLiteral("environment"), QStringLiteral("The deployment environment (default: production)."),
                    QStringLiteral("name"), QStringLiteral("production")});
  parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON document instead of text.")});
}

void addYesOption(QCommandLineParser& parser) {
  parser.addOption({QStringLiteral("yes"),
                    QStringLiteral("Confirm without asking (required when stdin is not a terminal, as in CI).")});
}

void addOverrideOption(QCommandLineParser& parser) {
  parser.addOption({QStringLiteral("override"),
                    QStringLiteral("Act although the evidence is not accepted or the environment is not ready; the "
                                   "reason is sent with the decision and journaled."),
                    QStringLiteral("reason")});
}

const ActionCandidate* CandidateView::find(std::string_view sha) const {
  const auto it = std::find_if(candidates.begin(), candidates.end(), [sha](const auto& c) { return c.sha == sha; });
  return it == candidates.end() ? nullptr : &*it;
}

const ActionCandidate* CandidateView::findByPrefix(std::string_view shaOrPrefix) const {
  if (const ActionCandidate* exact = find(shaOrPrefix)) return exact;
  if (shaOrPrefix.size() < 7) return nullptr;
  const ActionCandidate* found = nullptr;
  for (const ActionCandidate& c : candidates) {
    if (c.sha.compare(0, shaOrPrefix.size(), shaOrPrefix) != 0) continue;
    if (found) return nullptr;  // ambiguous
    found = &c;
  }
  return found;
}

CandidateDiff CandidateView::diff(std::string_view sha) const {
  if (const ActionCandidate* candidate = find(sha)) return diffAgainstLive(*candidate, relations, candidates);
  ActionCandidate unknown;
  unknown.sha = std::string(sha);
  return diffAgainstLive(unknown, relations, candidates);
}

std::optional<CandidateView> readCandidates(GitHubSession& session, const std::string& environment,
                                            const std::string& command, std::ostream& err) {
  CandidateFeed feed(session.client());
  std::optional<CandidateCatalog> catalog;
  feed.refresh([&catalog](CandidateCatalog c) { catalog = std::move(c); });

  RunFilter filter;
  filter.status = "completed";
  std::optional<Result<std::vector<WorkflowRun>>> runs;
  session.client().listWorkflowRuns("acceptance-stage.yml", filter,
                                    [&runs](Result<std::vector<WorkflowRun>> r) { runs.emplace(std::move(r)); });

  TimelineLoaderConfig config;
  config.environment = environment;
  config.window = std::chrono::days(90);  // far enough back to tell older candidates by their commits
  TimelineLoader loader(session.client(), session.scheduler(), config);
  std::optional<TimelineRefresh> refresh;
  loader.refresh([&refresh](TimelineRefresh r) { refresh = std::move(r); });

  session.waitUntil([&] { return catalog && runs && refresh; });
  if (!catalog->error.empty()) {
    err << command << ": the candidates could not be read: " << catalog->error << '\n';
    return std::nullopt;
  }
  if (!*runs) {
    err << command << ": the acceptance runs could not be listed: " << runs->error().message << '\n';
    return std::nullopt;
  }
  if (refresh->error) {
    err << command << ": what is live could not be read: " << refresh->error->message << '\n';
    return std::nullopt;
  }
  for (const SkippedEntry& skipped : catalog->skipped)
    err << "warning: skipped " << skipped.path << ": " << skipped.reason << '\n';
  for (const std::string& warning : refresh->warnings) err << "warning: " << warning << '\n';

  CandidateView view;
  view.catalog = std::move(*catalog);
  view.candidates = actionCandidates(view.catalog, runs->value());
  std::stable_sort(view.candidates.begin(), view.candidates.end(), [](const auto& a, const auto& b) {
    if (a.acceptedAt && b.acceptedAt) return *a.acceptedAt > *b.acceptedAt;
    return a.acceptedAt.has_value() && !b.acceptedAt.has_value();
  });
  view.timeline = std::move(refresh->timeline);
  view.relations = relateToLive(view.timeline, view.candidates);
  return view;
}

std::optional<CompletenessReport> readEnvironment(GitHubSession& session, const std::string& environment,
                                                  std::ostream& err) {
  EnvironmentCheck check(session.client());
  EnvironmentCheckRequest request;
  request.environment = environment;
  std::optional<EnvironmentCheckOutcome> outcome;
  check.run(std::move(request), [&outcome](EnvironmentCheckOutcome o) { outcome = std::move(o); });
  session.waitUntil([&outcome] { return outcome.has_value(); });
  if (outcome->connectionError) {
    err << "warning: environment '" << environment << "' could not be checked: " << outcome->connectionError->message
        << '\n';
    return std::nullopt;
  }
  if (!outcome->profileErrors.empty()) {
    for (const std::string& e : outcome->profileErrors) err << "warning: requirement profile: " << e << '\n';
    return std::nullopt;
  }
  return std::move(outcome->report);
}

std::optional<ApprovalInbox> readInbox(GitHubSession& session, const DeploymentTimeline* timeline,
                                       const std::string& command, std::ostream& err) {
  ApprovalInboxReader reader(session.client());
  std::optional<ApprovalInbox> inbox;
  reader.read(timeline, [&inbox](ApprovalInbox i) { inbox = std::move(i); });
  session.waitUntil([&inbox] { return inbox.has_value(); });
  if (inbox->error) {
    err << command << ": the waiting runs could not be listed: " << inbox->error->message << '\n';
    return std::nullopt;
  }
  for (const std::string& warning : inbox->warnings) err << "warning: " << warning << '\n';
  return inbox;
}

bool waitsFor(const InboxEntry& entry, const std::string& environment) {
  return std::any_of(entry.pending.begin(), entry.pending.end(),
                     [&environment](const PendingDeployment& p) { return p.environmentName == environment; });
}

Confirmation confirm(const CommandContext& context, const std::string& prompt, const std::string& expected,
                     std::ostream& err) {
  if (!context.inputIsTerminal || context.input == nullptr) {
    err << context.programName.toStdString()
        << ": no terminal to confirm on: pass --yes to confirm non-interactively. Nothing was sent.\n";
    return Confirmation::NoTerminal;
  }
  err << prompt << std::flush;
  std::string answer;
  if (!std::getline(*context.input, answer)) return Confirmation::Declined;
  return trimmed(answer) == expected ? Confirmation::Confirmed : Confirmation::Declined;
}

int notConfirmed(Confirmation answer, const std::string& command, std::ostream& err) {
  if (answer == Confirmation::NoTerminal) return kExitUsage;
  err << command << ": not confirmed: nothing was sent.\n";
  return kExitFailed;
}

std::string journalPathFor(const CommandContext& context, std::ostream& err) {
  const std::string path = journalPath([&context](std::string_view name) -> std::optional<std::string> {
    const QString key = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    if (!context.environment.contains(key)) return std::nullopt;
    return context.environment.value(key).toStdString();
  });
  if (path.empty()) {
    err << context.programName.toStdString()
        << ": no place for the decision journal: set XDG_STATE_HOME or HOME. Nothing was sent.\n";
  }
  return path;
}

std::string deciderLogin(GitHubSession& session, const CommandContext& context) {
  std::optional<Result<User>> user;
  session.client().getCurrentUser([&user](Result<User> r) { user.emplace(std::move(r)); });
  session.waitUntil([&user] { return user.has_value(); });
  if (*user && !user->value().login.empty()) return user->value().login;
  if (context.inGitHubActions()) return context.environment.value(QStringLiteral("GITHUB_ACTOR")).toStdString();
  return {};
}

DecisionOutcome sendDecision(GitHubSession& session, const std::string& journalPath, Decision decision) {
  DecisionJournal journal(journalPath);
  DecisionSender sender(session.client(), session.scheduler(), journal, std::move(decision));
  std::optional<DecisionOutcome> outcome;
  sender.execute([&outcome](DecisionOutcome o) { outcome = std::move(o); });
  session.waitUntil([&outcome] { return outcome.has_value(); });
  return std::move(*outcome);
}

int exitCodeFor(const DecisionOutcome& outcome) {
  switch (outcome.status) {
    case DecisionStatus::Done: return kExitOk;
    case DecisionStatus::Refused:
    case DecisionStatus::AlreadySent: return outcome.journalProblem.empty() || outcome.sent ? kExitFailed : kExitUsage;
    case DecisionStatus::Unconfirmed:
    case DecisionStatus::Unknown: return kExitUsage;
  }
  return kExitUsage;
}

std::string indented(const std::string& text, const std::string& indent) {
  std::istringstream lines(text);
  std::string line;
  std::string out;
  while (std::getline(lines, line)) out += indent + line + '\n';
  return out;
}

}  // namespace releasedesk::cli
