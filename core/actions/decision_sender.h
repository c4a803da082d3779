// DecisionSender: sends ONE decision to GitHub — a review (approve/reject) of a run's pending
// deployments, or a workflow_dispatch replay of production-stage.yml — exactly once:
// journal the intent → send → journal the outcome. Never retried: after an ambiguous answer
// (timeout, lost connection, 5xx) it reads GitHub to find out whether the decision took, and
// says so; trying again is a new decision.
//
// Thread: `done` runs once on the client's callback thread (see github_client.h), never inside
// execute(). The client, scheduler and journal must outlive the send; the sender may be
// destroyed earlier (the send still completes and is journaled, `done` is still called).
#pragma once

#include "core/actions/approval_inbox.h"
#include "core/actions/decision_grounds.h"
#include "core/actions/decision_journal.h"
#include "core/actions/replay_plan.h"
#include "core/github/github_client.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

enum class DecisionAction { Approve, Reject, Replay, Rollback, Redeploy };
std::string_view toString(DecisionAction action);  // "approve", "reject", "replay", "rollback", "redeploy"

struct Decision {
  DecisionAction action = DecisionAction::Approve;
  std::int64_t runId = 0;                    // reviews: the waiting run
  std::vector<std::int64_t> environmentIds;  // reviews: the pending environments
  std::string sha;
  std::string comment;  // sent as is (reviews); journaled
  std::string overrideReason;
  DecisionGrounds grounds;
  std::vector<std::string> blockers;  // non-empty: refused before anything is journaled or sent
  std::string login;                  // the deciding user's GitHub login ("" when unknown)
  std::string environment = "production";
};

// The decisions the desk builds, with their gates applied: an approval refused by approveGate,
// a rejection without comment, a replay whose plan is not ready carry blockers. The review
// comment is reviewComment(grounds, comment, overrideReason).
Decision approveDecision(const InboxEntry& entry, const DecisionGrounds& grounds, std::string_view comment,
                         std::string_view overrideReason, std::string login);
Decision rejectDecision(const InboxEntry& entry, const DecisionGrounds& grounds, std::string_view comment,
                        std::string login);
// Replay, rollback or redeploy by the plan's class; the plan's override reason is journaled.
Decision replayDecision(const ReplayPlan& plan, std::string_view comment, std::string login);

enum class DecisionStatus {
  Done,         // GitHub took it (a review recorded, a run started)
  Refused,      // GitHub refused it, or it was blocked before sending: nothing changed
  Unconfirmed,  // the answer was lost and GitHub shows no trace: nothing was changed or started
  Unknown,      // the answer was lost and GitHub could not be read either: look before retrying
  AlreadySent   // execute() was called before: nothing sent this time
};
std::string_view toString(DecisionStatus status);

struct DecisionOutcome {
  DecisionStatus status = DecisionStatus::Refused;
  std::optional<std::int64_t> runId;  // the run started (replays) or reviewed
  std::string message;                // the sentence to show
  std::optional<GitHubError> error;   // GitHub's error, when it gave one
  bool ambiguous = false;             // the send's answer was lost; `message` says what a re-read found
  bool sent = false;                  // a request left the desk
  std::string journalProblem;         // the journal could not be written (with an intent failure nothing is sent)
  std::string decisionId;             // the journal id

  bool took() const { return status == DecisionStatus::Done; }
};

struct DecisionSenderConfig {
  std::string productionWorkflow = "production-stage.yml";
  std::string ref;  // the default branch; "" reads it from the repository first (one request)
  // Finding a dispatched run when GitHub did not return it: a few listings, this far apart.
  int lookupAttempts = 4;
  std::chrono::milliseconds lookupDelay{3000};
  // Runs created this long before the send still count (clock skew between desk and GitHub).
  std::chrono::seconds clockSkew{60};
};

class DecisionSender {
 public:
  DecisionSender(GitHubClient& client, Scheduler& scheduler, DecisionJournal& journal, Decision decision,
                 DecisionSenderConfig config = {});
  ~DecisionSender();
  DecisionSender(const DecisionSender&) = delete;
  DecisionSender& operator=(const DecisionSender&) = delete;

  const Decision& decision() const;
  // Sends the decision the first time; any later call answers AlreadySent and sends nothing.
  void execute(std::function<void(DecisionOutcome)> done);
  bool executed() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace releasedesk
