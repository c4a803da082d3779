#include "core/actions/decision_sender.h"

#include <algorithm>
#include <cctype>

namespace releasedesk {
namespace {

bool isReview(DecisionAction action) {
  return action == DecisionAction::Approve || action == DecisionAction::Reject;
}

// An answer that may hide a change: the request may have reached GitHub.
bool isAmbiguous(const GitHubError& error) {
  return error.kind == GitHubErrorKind::Timeout || error.kind == GitHubErrorKind::Network ||
         error.kind == GitHubErrorKind::ServerError;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// GitHub refuses a review by the run's own triggering user when the environment prevents
// self-review; its wording varies, so look for what it is about.
bool isSelfReviewRefusal(const GitHubError& error) {
  const std::string message = lower(error.gitHubMessage);
  return message.find("self-review") != std::string::npos || message.find("self review") != std::string::npos ||
         message.find("your own") != std::string::npos || message.find("own run") != std::string::npos;
}

std::string runName(std::int64_t id) {
  return "run " + std::to_string(id);
}

}  // namespace

std::string_view toString(DecisionAction action) {
  switch (action) {
    case DecisionAction::Approve: return "approve";
    case DecisionAction::Reject: return "reject";
    case DecisionAction::Replay: return "replay";
    case DecisionAction::Rollback: return "rollback";
    case DecisionAction::Redeploy: return "redeploy";
  }
  return "approve";
}

std::string_view toString(DecisionStatus status) {
  switch (status) {
    case DecisionStatus::Done: return "done";
    case DecisionStatus::Refused: return "refused";
    case DecisionStatus::Unconfirmed: return "unconfirmed";
    case DecisionStatus::Unknown: return "unknown";
    case DecisionStatus::AlreadySent: return "already sent";
  }
  return "unknown";
}

Decision approveDecision(const InboxEntry& entry, const DecisionGrounds& grounds, std::string_view comment,
                         std::string_view overrideReason, std::string login) {
  Decision d;
  d.action = DecisionAction::Approve;
  d.runId = entry.run.id;
  d.environmentIds = entry.environmentIds();
  d.sha = entry.sha.value_or(grounds.sha);
  d.grounds = grounds;
  d.overrideReason = trimmed(overrideReason);
  d.comment = reviewComment(grounds, comment, overrideReason);
  d.login = std::move(login);
  const GateResult gate = approveGate(grounds, overrideReason);
  if (!gate.allowed) d.blockers = gate.blockers;
  if (d.environmentIds.empty()) d.blockers.push_back(runName(entry.run.id) + " has no pending deployment to approve.");
  return d;
}

Decision rejectDecision(const InboxEntry& entry, const DecisionGrounds& grounds, std::string_view comment,
                        std::string login) {
  Decision d;
  d.action = DecisionAction::Reject;
  d.runId = entry.run.id;
  d.environmentIds = entry.environmentIds();
  d.sha = entry.sha.value_or(grounds.sha);
  d.grounds = grounds;
  d.comment = reviewComment(grounds, comment, {});
  d.login = std::move(login);
  const GateResult gate = rejectGate(comment);
  if (!gate.allowed) d.blockers = gate.blockers;
  if (d.environmentIds.empty()) d.blockers.push_back(runName(entry.run.id) + " has no pending deployment to reject.");
  return d;
}

Decision replayDecision(const ReplayPlan& plan, std::string_view comment, std::string login) {
  Decision d;
  d.action = plan.replayClass == ReplayClass::Rollback   ? DecisionAction::Rollback
             : plan.replayClass == ReplayClass::Redeploy ? DecisionAction::Redeploy
                                                         : DecisionAction::Replay;
  d.sha = plan.sha;
  d.grounds = plan.grounds;
  d.overrideReason = plan.overrideReason;
  d.comment = trimmed(comment);
  d.login = std::move(login);
  d.blockers = plan.blockers();
  return d;
}

struct DecisionSender::State : std::enable_shared_from_this<State> {
  State(GitHubClient& c, Scheduler& s, DecisionJournal& j, Decision d, DecisionSenderConfig o)
      : client(c), scheduler(s), journal(j), decision(std::move(d)), config(std::move(o)) {}

  GitHubClient& client;
  Scheduler& scheduler;
  DecisionJournal& journal;
  Decision decision;
  DecisionSenderConfig config;
  bool executed = false;
  std::string id;
  TimePoint sentAt;
  std::function<void(DecisionOutcome)> done;

  JournalEntry entry(JournalPhase phase) const {
    JournalEntry e;
    e.id = id;
    e.phase = phase;
    e.time = std::chrono::time_point_cast<std::chrono::seconds>(scheduler.now());
    e.login = decision.login;
    e.action = std::string(toString(decision.action));
    e.repository = client.config().repo.fullName();
    e.environment = decision.environment;
    if (isReview(decision.action)) e.runId = decision.runId;
    e.sha = decision.sha;
    e.evidenceVerdict = decision.grounds.verdictText();
    e.environmentReadiness = decision.grounds.readinessText();
    e.diff = decision.grounds.diff.summary();
    e.comment = decision.comment;
    e.overrideReason = decision.overrideReason;
    return e;
  }

  // Answers through the scheduler, so `done` never runs inside execute().
  void answerLater(DecisionOutcome outcome, std::function<void(DecisionOutcome)> callback) {
    scheduler.post(std::chrono::milliseconds(0),
                   [outcome = std::move(outcome), callback = std::move(callback)] { callback(outcome); });
  }

  void start() {
    id = newDecisionId(std::chrono::time_point_cast<std::chrono::seconds>(scheduler.now()));
    if (!decision.blockers.empty()) {
      DecisionOutcome outcome;
      outcome.status = DecisionStatus::Refused;
      for (const std::string& b : decision.blockers) outcome.message += (outcome.message.empty() ? "" : " ") + b;
      return answerLater(std::move(outcome), std::move(done));
    }
    // The intent is on disk before anything leaves: a crash after the send still leaves a trace.
    if (std::string problem = journal.append(entry(JournalPhase::Intent)); !problem.empty()) {
      DecisionOutcome outcome;
      outcome.status = DecisionStatus::Refused;
      outcome.message = "Nothing was sent: the decision journal could not be written. " + problem;
      outcome.journalProblem = std::move(problem);
      return answerLater(std::move(outcome), std::move(done));
    }
    sentAt = std::chrono::time_point_cast<std::chrono::seconds>(scheduler.now());
    if (isReview(decision.action)) return sendReview();
    if (!config.ref.empty()) return sendDispatch();
    auto self = shared_from_this();
    client.getRepository([self](const Result<Repository>& repository) {
      if (!repository || repository.value().defaultBranch.empty()) {
        DecisionOutcome outcome;
        outcome.status = DecisionStatus::Refused;
        outcome.message = "Nothing was sent: the repository's default branch could not be read" +
                          (repository ? std::string(".") : ": " + repository.error().message);
        if (!repository) outcome.error = repository.error();
        return self->finish(std::move(outcome));
      }
      self->config.ref = repository.value().defaultBranch;
      self->sentAt = std::chrono::time_point_cast<std::chrono::seconds>(self->scheduler.now());
      self->sendDispatch();
    });
  }

  void finish(DecisionOutcome outcome) {
    outcome.decisionId = id;
    if (outcome.sent) {
      JournalEntry e = entry(JournalPhase::Outcome);
      e.outcome = outcome.message;
      e.took = outcome.took();
      if (outcome.runId) e.runId = outcome.runId;
      outcome.journalProblem = journal.append(e);
    }
    auto callback = std::move(done);
    if (callback) callback(std::move(outcome));
  }

  // ---- reviews -------------------------------------------------------------------------------

  std::string verb() const { return decision.action == DecisionAction::Approve ? "approval" : "rejection"; }

  void sendReview() {
    auto self = shared_from_this();
    const bool approve = decision.action == DecisionAction::Approve;
    client.reviewPendingDeployments(
        decision.runId, decision.environmentIds, approve, decision.comment, [self](const Result<Done>& result) {
          DecisionOutcome outcome;
          outcome.sent = true;
          outcome.runId = self->decision.runId;
          if (result) {
            outcome.status = DecisionStatus::Done;
            outcome.message = "GitHub recorded the " + self->verb() + " of " + runName(self->decision.runId) + ".";
            return self->finish(std::move(outcome));
          }
          const GitHubError& error = result.error();
          outcome.error = error;
          if (isAmbiguous(error)) return self->checkReview(std::move(outcome));
          outcome.status = DecisionStatus::Refused;
          outcome.message = self->reviewRefusal(error);
          self->finish(std::move(outcome));
        });
  }

  std::string reviewRefusal(const GitHubError& error) const {
    const std::string run = runName(decision.runId);
    if (error.httpStatus == 422 && isSelfReviewRefusal(error)) {
      return "GitHub refused: the environment '" + decision.environment +
             "' does not let you review a run you started yourself. Ask another reviewer. Nothing was changed.";
    }
    if (error.httpStatus == 422 || error.kind == GitHubErrorKind::Validation) {
      return run + " is no longer waiting for a review of '" + decision.environment +
             "' (someone else answered it, or it was cancelled). Nothing was changed.";
    }
    if (error.kind == GitHubErrorKind::Forbidden || error.httpStatus == 403) {
      return "You may not review deployments to '" + decision.environment +
             "': you are not one of its required reviewers, or the token lacks the permission to review " +
             "(Actions: write). Nothing was changed.";
    }
    if (error.kind == GitHubErrorKind::NotFound) return run + " was not found. Nothing was changed.";
    return error.message;
  }

  // The review's answer was lost: read whether the environments still wait, and who answered.
  void checkReview(DecisionOutcome outcome) {
    outcome.ambiguous = true;
    auto self = shared_from_this();
    client.listPendingDeployments(
        decision.runId, [self, outcome](const Result<std::vector<PendingDeployment>>& pending) mutable {
          const std::string run = runName(self->decision.runId);
          if (!pending) {
            outcome.status = DecisionStatus::Unknown;
            outcome.message = "GitHub's answer to the " + self->verb() + " was lost (" + outcome.error->message +
                              ") and " + run + " could not be read back: look at it on GitHub before deciding again.";
            return self->finish(std::move(outcome));
          }
          const auto& ids = self->decision.environmentIds;
          const bool stillWaiting = std::any_of(pending.value().begin(), pending.value().end(), [&](const auto& p) {
            return std::find(ids.begin(), ids.end(), p.environmentId) != ids.end();
          });
          if (stillWaiting) {
            outcome.status = DecisionStatus::Unconfirmed;
            outcome.message = "GitHub's answer to the " + self->verb() + " was lost, and " + run +
                              " still waits for a review: the " + self->verb() + " did not take. Nothing was changed.";
            return self->finish(std::move(outcome));
          }
          self->client.listApprovals(self->decision.runId, [self, outcome](
                                                               const Result<std::vector<Approval>>& approvals) mutable {
            const std::string run = runName(self->decision.runId);
            const std::string state = self->decision.action == DecisionAction::Approve ? "approved" : "rejected";
            const bool mine =
                approvals && std::any_of(approvals.value().begin(), approvals.value().end(), [&](const auto& a) {
                  return a.state == state && a.comment == self->decision.comment &&
                         (self->decision.login.empty() || a.user == self->decision.login);
                });
            if (mine) {
              outcome.status = DecisionStatus::Done;
              outcome.message = "GitHub's answer was lost, but " + run + " shows the " + self->verb() + ": it took.";
            } else {
              outcome.status = DecisionStatus::Unconfirmed;
              outcome.message = "GitHub's answer was lost; " + run +
                                " no longer waits, but no matching review of yours is recorded (someone else answered, "
                                "or the run was cancelled).";
            }
            self->finish(std::move(outcome));
          });
        });
  }

  // ---- dispatches ----------------------------------------------------------------------------

  void sendDispatch() {
    DispatchRequest request;
    request.workflowFile = config.productionWorkflow;
    request.ref = config.ref;
    request.inputs = {{"candidate_sha", decision.sha}};
    request.returnRunDetails = true;
    auto self = shared_from_this();
    client.dispatchWorkflow(request, [self](const Result<DispatchResult>& result) {
      DecisionOutcome outcome;
      outcome.sent = true;
      if (result && result.value().workflowRunId) {
        outcome.status = DecisionStatus::Done;
        outcome.runId = result.value().workflowRunId;
        outcome.message =
            "GitHub started " + runName(*outcome.runId) + " for " + self->decision.sha.substr(0, 12) + ".";
        return self->finish(std::move(outcome));
      }
      if (result) {
        // Accepted without run details (204, or a server that refused return_run_details).
        outcome.status = DecisionStatus::Done;
        return self->findRun(std::move(outcome), self->config.lookupAttempts);
      }
      const GitHubError& error = result.error();
      outcome.error = error;
      if (isAmbiguous(error)) {
        outcome.ambiguous = true;
        return self->findRun(std::move(outcome), self->config.lookupAttempts);
      }
      outcome.status = DecisionStatus::Refused;
      outcome.message = self->dispatchRefusal(error);
      self->finish(std::move(outcome));
    });
  }

  std::string dispatchRefusal(const GitHubError& error) const {
    if (error.kind == GitHubErrorKind::Forbidden || error.httpStatus == 403) {
      return "You may not start " + config.productionWorkflow +
             ": the token needs the Actions write permission on the repository. Nothing was started.";
    }
    if (error.kind == GitHubErrorKind::Validation) {
      return "GitHub refused to start " + config.productionWorkflow + ": " +
             (error.gitHubMessage.empty() ? error.message : error.gitHubMessage) + " Nothing was started.";
    }
    return error.message + " Nothing was started.";
  }

  // Lists workflow_dispatch runs created since the send and looks for the sha in their titles.
  void findRun(DecisionOutcome outcome, int attemptsLeft) {
    RunFilter filter;
    filter.event = "workflow_dispatch";
    filter.created = ">=" + formatIsoTime(sentAt - config.clockSkew);
    auto self = shared_from_this();
    client.listWorkflowRuns(
        config.productionWorkflow, filter,
        [self, outcome, attemptsLeft](const Result<std::vector<WorkflowRun>>& runs) mutable {
          const WorkflowRun* found = nullptr;
          if (runs) {
            for (const WorkflowRun& run : runs.value()) {
              if (run.displayTitle.find(self->decision.sha) == std::string::npos) continue;
              if (!run.createdAt || *run.createdAt < self->sentAt - self->config.clockSkew) continue;
              if (!self->decision.login.empty() && !run.actor.empty() && run.actor != self->decision.login) continue;
              if (!found || run.createdAt > found->createdAt) found = &run;
            }
          }
          if (found) {
            outcome.runId = found->id;
            outcome.status = DecisionStatus::Done;
            outcome.message = (outcome.ambiguous ? "GitHub's answer to the dispatch was lost; found " : "Found ") +
                              runName(found->id) + " for " + self->decision.sha.substr(0, 12) + ".";
            return self->finish(std::move(outcome));
          }
          if (attemptsLeft > 1) {
            // GitHub lists a dispatched run a few seconds after accepting it.
            self->scheduler.post(self->config.lookupDelay, [self, outcome, attemptsLeft]() mutable {
              self->findRun(std::move(outcome), attemptsLeft - 1);
            });
            return;
          }
          if (!runs) {
            outcome.status = outcome.ambiguous ? DecisionStatus::Unknown : DecisionStatus::Done;
            outcome.message = "The runs could not be listed to find the new run (" + runs.error().message +
                              "): look on GitHub before trying again.";
          } else if (outcome.ambiguous) {
            outcome.status = DecisionStatus::Unconfirmed;
            outcome.message = "GitHub's answer to the dispatch was lost, and no run was found: nothing was started.";
          } else {
            outcome.message = "GitHub accepted the dispatch, but the new run is not listed yet.";
          }
          self->finish(std::move(outcome));
        });
  }
};

DecisionSender::DecisionSender(GitHubClient& client, Scheduler& scheduler, DecisionJournal& journal, Decision decision,
                               DecisionSenderConfig config)
    : state_(std::make_shared<State>(client, scheduler, journal, std::move(decision), std::move(config))) {}

DecisionSender::~DecisionSender() = default;

const Decision& DecisionSender::decision() const {
  return state_->decision;
}

bool DecisionSender::executed() const {
  return state_->executed;
}

void DecisionSender::execute(std::function<void(DecisionOutcome)> done) {
  if (state_->executed) {
    DecisionOutcome outcome;
    outcome.status = DecisionStatus::AlreadySent;
    outcome.message = "This decision was already sent; nothing was sent again.";
    outcome.decisionId = state_->id;
    return state_->answerLater(std::move(outcome), std::move(done));
  }
  state_->executed = true;
  state_->done = std::move(done);
  state_->start();
}

}  // namespace releasedesk
