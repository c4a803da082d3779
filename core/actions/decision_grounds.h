// DecisionGrounds: what a review or replay decision rests on, in the one line that starts every
// review comment, and the gates that refuse an approval or a rejection. Pure functions: no I/O.
#pragma once

#include "core/actions/live_relation.h"
#include "core/environment/completeness_report.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

struct DecisionGrounds {
  std::string sha;
  Verdict verdict = Verdict::Invalid;
  bool evidenceKnown = false;  // the candidate's evidence was read
  std::optional<std::int64_t> acceptanceRunId;
  std::string environment = "production";
  bool environmentKnown = false;  // a completeness report was given
  bool environmentComplete = false;
  int ready = 0;
  int needed = 0;
  CandidateDiff diff;

  // "Evidence accepted (acceptance run 42) · production 17 of 18 ready · vs live 0b8f1f0b: API
  // changed, Web same". Unknown parts say so ("evidence not found", "production not checked").
  std::string summaryLine() const;
  std::string verdictText() const;    // "accepted", "rejected", "invalid", "unknown"
  std::string readinessText() const;  // "17 of 18 ready", "not checked"
};

// `candidate` or `environment` may be null when they could not be read.
DecisionGrounds groundsFor(const ActionCandidate* candidate, std::string_view sha,
                           const CompletenessReport* environment, CandidateDiff diff);

struct GateResult {
  bool allowed = false;
  bool overridden = false;            // allowed only because an override reason was given
  std::vector<std::string> blockers;  // why it is refused, or what the override covers
};

// Approve: refused when the evidence is not accepted or the environment is not complete (or
// unknown), unless `overrideReason` (trimmed) is non-empty.
GateResult approveGate(const DecisionGrounds& grounds, std::string_view overrideReason);
// Reject: refused without a comment (trimmed).
GateResult rejectGate(std::string_view comment);

// The review comment sent to GitHub: the summary line, then "Override: <reason>" when given,
// then the reviewer's own comment.
std::string reviewComment(const DecisionGrounds& grounds, std::string_view comment, std::string_view overrideReason);

// Whitespace trimmed at both ends.
std::string trimmed(std::string_view text);

}  // namespace releasedesk
