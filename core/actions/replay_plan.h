// ReplayPlan: the preflight checklist shown before a replay (or rollback) of a candidate is
// dispatched, and the rollback target proposal. Pure functions over plain structs: no I/O.
#pragma once

#include "core/actions/approval_inbox.h"
#include "core/actions/decision_grounds.h"
#include "core/actions/live_relation.h"
#include "core/environment/completeness_report.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

enum class PreflightStatus { Pass, Warn, Fail };
std::string_view toString(PreflightStatus status);  // "pass", "warn", "fail"

struct PreflightCheck {
  std::string check;  // "evidence", "digest refs", "environment", "lock", "relation to live"
  PreflightStatus status = PreflightStatus::Fail;
  std::string message;
};

// replay: a candidate newer than live (or nothing live); rollback: older than live; redeploy:
// the live candidate again.
enum class ReplayClass { Replay, Rollback, Redeploy };
std::string_view toString(ReplayClass replayClass);

struct ReplayPlan {
  std::string sha;
  ReplayClass replayClass = ReplayClass::Replay;
  std::vector<PreflightCheck> checks;  // in the order above
  DecisionGrounds grounds;             // for the journal and the confirmation
  std::string overrideReason;          // as given (trimmed)
  std::optional<std::int64_t> queuedBehindRunId;

  // No check failed: the replay may be dispatched.
  bool ready() const;
  // The messages of the failed checks.
  std::vector<std::string> blockers() const;
};

struct ReplayInputs {
  const ActionCandidate* candidate = nullptr;  // null: the sha has no evidence among the candidates
  std::string sha;
  const LiveRelationTable* relations = nullptr;
  const std::vector<ActionCandidate>* candidates = nullptr;  // for the diff against live
  const CompletenessReport* environment = nullptr;           // null: not checked (counts as incomplete)
  const ProductionLock* lock = nullptr;                      // null: not read
};

// Checks: evidence accepted (rejected/invalid/missing fail); digest refs valid where the scope
// needs them; environment complete (incomplete fails without `overrideReason`, warns with it);
// lock (held: warn, the run queues behind the holder); relation to live (sets the class).
ReplayPlan planReplay(const ReplayInputs& inputs, std::string_view overrideReason = {});

// The accepted candidates a rollback may go to: those live once (not the live one), the most
// recently live first, then accepted candidates older than live that never were live, newest
// acceptance first.
std::vector<const ActionCandidate*> rollbackChoices(const LiveRelationTable& relations,
                                                    const std::vector<ActionCandidate>& candidates);
// The proposal: the candidate live before the current one, i.e. the accepted candidate (other
// than live) with the latest production `success`. Null when there is none. When live is itself
// a rollback, that candidate is newer than live and the plan calls its dispatch a replay.
const ActionCandidate* proposeRollbackTarget(const LiveRelationTable& relations,
                                             const std::vector<ActionCandidate>& candidates);

}  // namespace releasedesk
