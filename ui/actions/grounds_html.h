// What a decision rests on, as the HTML of a details pane: the candidate's evidence verdict and
// findings, the environment's readiness with its problems, the diff against live and the lock.
// Every value from outside is escaped.
#pragma once

#include "core/actions/live_relation.h"

#include <QString>

#include <optional>

#include <string>

namespace releasedesk {

class DecisionDesk;

// The evidence section of `sha` (verdict and findings, or why there is none).
QString evidenceHtml(const DecisionDesk& desk, const std::string& sha);
// The environment section: "17 of 18 ready" and the blocking items.
QString environmentHtml(const DecisionDesk& desk);
// The "vs live" section: relation to live, API/Web digests same or changed, scope, kind; of a
// candidate the desk read from GitHub, of one from elsewhere (a local tree), or as given.
QString liveDiffHtml(const DecisionDesk& desk, const std::string& sha);
QString liveDiffHtml(const DecisionDesk& desk, const ActionCandidate& candidate);
QString liveDiffHtml(std::optional<LiveRelation> relation, const CandidateDiff& diff);
// The production-mutation lock: who holds it and how many runs queue behind it.
QString lockHtml(const DecisionDesk& desk);

}  // namespace releasedesk
