// What the acting commands (candidates, pending, approve, reject, replay, rollback) read from
// GitHub before they show or decide anything — candidates with their relation to live, the
// environment's readiness, the approval inbox — read synchronously over the session; and the
// confirmation they ask for before they change GitHub.
#pragma once

#include "app/cli/command.h"
#include "app/cli/github_session.h"

#include "core/actions/approval_inbox.h"
#include "core/actions/decision_context.h"
#include "core/actions/decision_sender.h"
#include "core/actions/live_relation.h"
#include "core/environment/completeness_report.h"
#include "core/evidence/artifact_tree.h"
#include "core/timeline/deployment_timeline.h"

#include <QCommandLineParser>

#include <optional>
#include <string>
#include <vector>

namespace releasedesk::cli {

// --yes: confirm without asking. --override REASON: act although the gate refuses.
void addYesOption(QCommandLineParser& parser);
void addOverrideOption(QCommandLineParser& parser);

// What an acting command reads before it shows or decides anything (core/actions/
// decision_context.h), all of it in one wave of requests. Prints why to `err` (prefixed with
// `command`) and returns std::nullopt when the candidates or the inbox, where asked for, cannot be
// read; an environment that cannot be checked is a warning (the gates count it as not ready), as
// are skipped artifacts and a partial timeline.
std::optional<DecisionContext> readContext(GitHubSession& session, const std::string& environment,
                                           DecisionContextParts parts, const std::string& command, std::ostream& err);

// Whether the inbox entry waits for `environment`.
bool waitsFor(const InboxEntry& entry, const std::string& environment);

enum class Confirmation { Confirmed, Declined, NoTerminal };

// Asks on the context's input for `expected` to be typed (the prompt goes to `err`). Without a
// terminal nothing is asked and the answer is NoTerminal, already explained on `err`.
Confirmation confirm(const CommandContext& context, const std::string& prompt, const std::string& expected,
                     std::ostream& err);
// The exit code and sentence for a confirmation that did not confirm.
int notConfirmed(Confirmation answer, const std::string& command, std::ostream& err);

// The decision journal at the XDG state path of the context's environment; "" (after saying why
// on `err`) when neither XDG_STATE_HOME nor HOME is set.
std::string journalPathFor(const CommandContext& context, std::ostream& err);

// Who decides, for the journal: the token's user (GET /user); else, in GitHub Actions, whose
// event started the workflow (GITHUB_ACTOR: installation tokens cannot read /user); else "".
std::string deciderLogin(GitHubSession& session, const CommandContext& context);

// Sends the decision once (journal intent → send → journal outcome) and waits for the outcome.
DecisionOutcome sendDecision(GitHubSession& session, const std::string& journalPath, Decision decision);

// Done 0; refused (by the gate or GitHub) 1; unknown or unconfirmed answers and journal
// failures 2 (nothing is known to have happened: look before retrying).
int exitCodeFor(const DecisionOutcome& outcome);

// Text from outside (comments, GitHub's messages) made safe to print on a line of its own under
// GitHub Actions: a line never starts a workflow command.
std::string indented(const std::string& text, const std::string& indent);

}  // namespace releasedesk::cli
