#include "core/actions/decision_grounds.h"

namespace releasedesk {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

DecisionGrounds groundsFor(const ActionCandidate* candidate, std::string_view sha,
                           const CompletenessReport* environment, CandidateDiff diff) {
  DecisionGrounds grounds;
  grounds.sha = std::string(sha);
  if (candidate) {
    grounds.evidenceKnown = true;
    grounds.verdict = candidate->verdict;
    grounds.acceptanceRunId = candidate->acceptanceRunId;
  }
  if (environment) {
    grounds.environmentKnown = true;
    if (!environment->environment.empty()) grounds.environment = environment->environment;
    grounds.environmentComplete = environment->complete();
    grounds.ready = environment->readyCount();
    grounds.needed = environment->neededCount();
  }
  grounds.diff = std::move(diff);
  return grounds;
}

std::string DecisionGrounds::verdictText() const {
  return evidenceKnown ? std::string(toString(verdict)) : "unknown";
}

std::string DecisionGrounds::readinessText() const {
  if (!environmentKnown) return "not checked";
  return std::to_string(ready) + " of " + std::to_string(needed) + " ready" +
         (environmentComplete ? "" : ", incomplete");
}

std::string DecisionGrounds::summaryLine() const {
  std::string line = evidenceKnown ? "Evidence " + verdictText() : std::string("Evidence not found");
  if (evidenceKnown && acceptanceRunId) line += " (acceptance run " + std::to_string(*acceptanceRunId) + ")";
  line += " · " + environment + " " + readinessText();
  if (diff.liveSha.empty() || diff.sameAsLive() || !diff.liveKnown) {
    line += " · " + diff.summary();
  } else {
    line += " · vs live " + diff.liveSha.substr(0, 8) + ": " + diff.summary();
  }
  return line;
}

GateResult approveGate(const DecisionGrounds& grounds, std::string_view overrideReason) {
  GateResult gate;
  if (!grounds.evidenceKnown) {
    gate.blockers.emplace_back("The candidate's evidence was not found, so it cannot be shown to be accepted.");
  } else if (grounds.verdict != Verdict::Accepted) {
    gate.blockers.push_back("The candidate's evidence is " + grounds.verdictText() + ", not accepted.");
  }
  if (!grounds.environmentKnown) {
    gate.blockers.push_back("The environment '" + grounds.environment + "' has not been checked.");
  } else if (!grounds.environmentComplete) {
    gate.blockers.push_back("The environment '" + grounds.environment + "' is not complete (" +
                            grounds.readinessText() + ").");
  }
  const bool hasReason = !trimmed(overrideReason).empty();
  gate.allowed = gate.blockers.empty() || hasReason;
  gate.overridden = !gate.blockers.empty() && hasReason;
  if (!gate.allowed) gate.blockers.emplace_back("Give an override reason to approve anyway; it goes into the comment.");
  return gate;
}

GateResult rejectGate(std::string_view comment) {
  GateResult gate;
  gate.allowed = !trimmed(comment).empty();
  if (!gate.allowed) gate.blockers.emplace_back("A rejection needs a comment that says why.");
  return gate;
}

std::string reviewComment(const DecisionGrounds& grounds, std::string_view comment, std::string_view overrideReason) {
  std::string text = grounds.summaryLine();
  if (const std::string reason = trimmed(overrideReason); !reason.empty()) text += "\nOverride: " + reason;
  if (const std::string own = trimmed(comment); !own.empty()) text += "\n\n" + own;
  return text;
}

}  // namespace releasedesk
