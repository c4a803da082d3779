#include "app/cli/action_inputs.h"

#include <algorithm>
#include <sstream>

namespace releasedesk::cli {

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

std::optional<DecisionContext> readContext(GitHubSession& session, const std::string& environment,
                                           DecisionContextParts parts, const std::string& command, std::ostream& err) {
  DecisionContextConfig config;
  config.environment = environment;
  DecisionContextReader reader(session.client(), session.scheduler(), config);
  std::optional<DecisionContext> context;
  reader.read(parts, [&context](DecisionContext c) { context = std::move(c); });
  session.waitUntil([&context] { return context.has_value(); });
  if (parts.candidates && !context->candidates) {
    err << command << ": " << context->candidatesError << '\n';
    return std::nullopt;
  }
  if (parts.inbox && !context->inbox) {
    err << command << ": the waiting runs could not be listed: " << context->inboxError << '\n';
    return std::nullopt;
  }
  if (parts.environment && !context->environment) {
    err << "warning: environment '" << environment << "' could not be checked: " << context->environmentError << '\n';
  }
  for (const std::string& warning : context->warnings) err << "warning: " << warning << '\n';
  return context;
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
  std::string path = journalPath([&context](std::string_view name) -> std::optional<std::string> {
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
