#include "core/actions/replay_plan.h"

#include "core/evidence/digest_ref.h"

#include <algorithm>

namespace releasedesk {

std::string_view toString(PreflightStatus status) {
  switch (status) {
    case PreflightStatus::Pass: return "pass";
    case PreflightStatus::Warn: return "warn";
    case PreflightStatus::Fail: return "fail";
  }
  return "fail";
}

std::string_view toString(ReplayClass replayClass) {
  switch (replayClass) {
    case ReplayClass::Replay: return "replay";
    case ReplayClass::Rollback: return "rollback";
    case ReplayClass::Redeploy: return "redeploy";
  }
  return "replay";
}

bool ReplayPlan::ready() const {
  return std::none_of(checks.begin(), checks.end(),
                      [](const PreflightCheck& c) { return c.status == PreflightStatus::Fail; });
}

std::vector<std::string> ReplayPlan::blockers() const {
  std::vector<std::string> out;
  for (const PreflightCheck& c : checks) {
    if (c.status == PreflightStatus::Fail) out.push_back(c.message);
  }
  return out;
}

ReplayPlan planReplay(const ReplayInputs& inputs, std::string_view overrideReason) {
  ReplayPlan plan;
  const ActionCandidate* candidate = inputs.candidate;
  plan.sha = candidate ? candidate->sha : inputs.sha;
  plan.overrideReason = trimmed(overrideReason);
  CandidateDiff diff;
  diff.sha = plan.sha;
  if (candidate && inputs.relations && inputs.candidates) {
    diff = diffAgainstLive(*candidate, *inputs.relations, *inputs.candidates);
  } else if (inputs.relations && inputs.relations->live) {
    diff.liveSha = inputs.relations->live->sha;
  }
  plan.grounds = groundsFor(candidate, plan.sha, inputs.environment, diff);

  // Evidence.
  if (!candidate) {
    plan.checks.push_back({"evidence", PreflightStatus::Fail,
                           "No evidence was found for " + plan.sha.substr(0, 12) +
                               ": only accepted candidates can be "
                               "replayed."});
  } else if (candidate->verdict != Verdict::Accepted) {
    plan.checks.push_back({"evidence", PreflightStatus::Fail,
                           "The evidence is " + std::string(toString(candidate->verdict)) +
                               ": a rejected or invalid candidate cannot be replayed."});
  } else {
    std::string message = "The evidence is accepted";
    if (candidate->acceptanceRunId) message += " (acceptance run " + std::to_string(*candidate->acceptanceRunId) + ")";
    plan.checks.push_back({"evidence", PreflightStatus::Pass, message + "."});
  }

  // Digest refs: required when the scope deploys images.
  if (candidate) {
    const EvidenceManifest& m = candidate->manifest;
    std::vector<std::string> problems;
    if (m.inScope("infra") || m.inScope("runtime")) {
      for (auto& p : digestRefProblems(m.apiRef, "The API image")) problems.push_back(std::move(p));
      for (auto& p : digestRefProblems(m.webRef, "The Web image")) problems.push_back(std::move(p));
    }
    if (problems.empty()) {
      plan.checks.push_back({"digest refs", PreflightStatus::Pass, "The image refs are ACR digest refs."});
    } else {
      std::string message;
      for (const std::string& p : problems) message += (message.empty() ? "" : " ") + p;
      plan.checks.push_back({"digest refs", PreflightStatus::Fail, message});
    }
  }

  // Environment.
  const DecisionGrounds& g = plan.grounds;
  if (g.environmentKnown && g.environmentComplete) {
    plan.checks.push_back(
        {"environment", PreflightStatus::Pass, "'" + g.environment + "' is complete (" + g.readinessText() + ")."});
  } else {
    const std::string what = g.environmentKnown ? "'" + g.environment + "' is not complete (" + g.readinessText() + ")"
                                                : "'" + g.environment + "' has not been checked";
    if (plan.overrideReason.empty()) {
      plan.checks.push_back(
          {"environment", PreflightStatus::Fail, what + ": give an override reason to replay anyway."});
    } else {
      plan.checks.push_back({"environment", PreflightStatus::Warn, what + "; overridden: " + plan.overrideReason});
    }
  }

  // Lock.
  if (!inputs.lock) {
    plan.checks.push_back({"lock", PreflightStatus::Warn, "The production-mutation lock was not read."});
  } else if (inputs.lock->holder) {
    const WorkflowRun& holder = inputs.lock->holder.value();
    plan.queuedBehindRunId = holder.id;
    std::string message = "The production-mutation lock is held by run " + std::to_string(holder.id) + " (" +
                          holder.displayTitle + "): the new run will queue behind it";
    if (!inputs.lock->queued.empty()) {
      message += " and replace the run already pending (" + std::to_string(inputs.lock->queued.back().id) +
                 "), which GitHub cancels";
    }
    plan.checks.push_back({"lock", PreflightStatus::Warn, message + "."});
  } else {
    plan.checks.push_back({"lock", PreflightStatus::Pass, "The production-mutation lock is free."});
  }

  // Relation to live.
  const CandidateRelation* relation = inputs.relations ? inputs.relations->find(plan.sha) : nullptr;
  const bool isLive = inputs.relations && inputs.relations->live && inputs.relations->live->sha == plan.sha;
  if (isLive) {
    plan.replayClass = ReplayClass::Redeploy;
    plan.checks.push_back(
        {"relation to live", PreflightStatus::Warn, "This candidate is live: the run redeploys the same images."});
  } else if (relation && relation->olderThanLive) {
    plan.replayClass = ReplayClass::Rollback;
    plan.checks.push_back({"relation to live", PreflightStatus::Warn,
                           "Older than live " + inputs.relations->live->sha.substr(0, 8) + ": this is a rollback (" +
                               g.diff.summary() + ")."});
  } else {
    plan.replayClass = ReplayClass::Replay;
    const std::string against = g.diff.liveSha.empty() ? "nothing is live" : g.diff.summary();
    plan.checks.push_back({"relation to live", PreflightStatus::Pass, "A replay (" + against + ")."});
  }
  return plan;
}

std::vector<const ActionCandidate*> rollbackChoices(const LiveRelationTable& relations,
                                                    const std::vector<ActionCandidate>& candidates) {
  // Accepted candidates that were live once (other than the live one), the most recently live
  // first; then accepted ones older than live that never were, newest acceptance first.
  std::vector<std::pair<const ActionCandidate*, const CandidateRelation*>> choices;
  for (const ActionCandidate& c : candidates) {
    const CandidateRelation* r = relations.find(c.sha);
    if (c.verdict != Verdict::Accepted || !r || r->relation == LiveRelation::Live) continue;
    if (r->deployedBefore || r->olderThanLive) choices.emplace_back(&c, r);
  }
  std::stable_sort(choices.begin(), choices.end(), [](const auto& a, const auto& b) {
    if (a.second->deployedBefore != b.second->deployedBefore) return a.second->deployedBefore;
    if (a.second->lastSuccessAt != b.second->lastSuccessAt) return a.second->lastSuccessAt > b.second->lastSuccessAt;
    return a.first->acceptedAt > b.first->acceptedAt;
  });
  std::vector<const ActionCandidate*> out;
  out.reserve(choices.size());
  for (const auto& [candidate, relation] : choices) out.push_back(candidate);
  return out;
}

const ActionCandidate* proposeRollbackTarget(const LiveRelationTable& relations,
                                             const std::vector<ActionCandidate>& candidates) {
  // The candidate live before the current one: of those live once, the latest to succeed.
  const auto choices = rollbackChoices(relations, candidates);
  if (choices.empty()) return nullptr;
  const CandidateRelation* first = relations.find(choices.front()->sha);
  return first && first->deployedBefore ? choices.front() : nullptr;
}

}  // namespace releasedesk
