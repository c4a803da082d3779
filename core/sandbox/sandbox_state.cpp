// Lookups over the sandbox's records, run numbering, and the outcome a production attempt has
// on its own (from the candidate's evidence and main's head).
#include "core/sandbox/sandbox_state.h"

#include "core/sandbox/sandbox_codec.h"

#include <algorithm>

namespace releasedesk::sandbox {
namespace {

constexpr std::int64_t kFirstRunId = 11'873'402'115;
// Roughly when the stale-head guard looks at main, after the run was queued.
constexpr Seconds kStaleGuardDelay{120};

void failLoad(AttemptScript& script, std::string step, std::string message) {
  script.failJob = "load-accepted-candidate";
  script.failStep = std::move(step);
  script.failMessage = std::move(message);
}

}  // namespace

const Person* RepositoryState::person(std::string_view login) const {
  const auto it = std::find_if(people.begin(), people.end(), [&](const Person& p) { return p.login == login; });
  return it == people.end() ? nullptr : &*it;
}

const WorkflowRecord* RepositoryState::workflow(std::string_view fileOrId) const {
  const auto it = std::find_if(workflows.begin(), workflows.end(), [&](const WorkflowRecord& w) {
    return w.fileName() == fileOrId || w.path == fileOrId || std::to_string(w.id) == fileOrId;
  });
  return it == workflows.end() ? nullptr : &*it;
}

const CommitRecord* RepositoryState::commit(std::string_view shaOrPrefix) const {
  if (shaOrPrefix.size() < 7) return nullptr;
  const CommitRecord* found = nullptr;
  for (const CommitRecord& c : commits) {
    if (!c.sha.starts_with(shaOrPrefix)) continue;
    if (found) return nullptr;  // ambiguous prefix
    found = &c;
  }
  return found;
}

const CommitRecord* RepositoryState::headAt(TimePoint at) const {
  const CommitRecord* head = nullptr;
  for (const CommitRecord& c : commits) {
    if (c.at <= at) head = &c;
  }
  return head;
}

const CandidateRecord* RepositoryState::candidate(std::string_view sha) const {
  const auto it = candidates.find(std::string(sha));
  return it == candidates.end() ? nullptr : &it->second;
}

RunRecord* RepositoryState::run(std::int64_t id) {
  const auto it = std::find_if(runs.begin(), runs.end(), [&](const RunRecord& r) { return r.id == id; });
  return it == runs.end() ? nullptr : &*it;
}

RunRecord& appendRun(RepositoryState& state, RunRecord run) {
  run.index = static_cast<int>(state.runs.size());
  run.id = state.runs.empty() ? kFirstRunId
                              : state.runs.back().id + 1200 + static_cast<std::int64_t>(mixSeed(run.index, 11) % 60000);
  run.runNumber = run.workflow->firstRunNumber +
                  static_cast<int>(std::count_if(state.runs.begin(), state.runs.end(),
                                                 [&](const RunRecord& r) { return r.workflow == run.workflow; }));
  state.runs.push_back(std::move(run));
  return state.runs.back();
}

CandidateScope scopeOf(const RepositoryState& state, std::string_view sha) {
  if (const CandidateRecord* candidate = state.candidate(sha)) return candidate->scope;
  if (const CommitRecord* commit = isFullSha(sha) ? state.commit(sha) : nullptr) return commit->scope;
  return {};
}

void decideProductionOutcome(const RepositoryState& state, AttemptScript& script, std::string_view candidate,
                             bool historicEvidence) {
  const std::string sha(candidate);
  const CandidateRecord* record = state.candidate(sha);
  const bool historic = historicEvidence && isFullSha(sha) && state.commit(sha) != nullptr;
  if (!record && !historic) {
    return failLoad(script, "Download acceptance evidence",
                    "No acceptance evidence for \"" + sha + "\": there is no artifact acceptance-evidence-" + sha +
                        " (it expired, or the candidate was never accepted).");
  }
  if (record && record->evidence == EvidenceState::Rejected) {
    return failLoad(script, "Validate candidate contract",
                    sha + " was not accepted: its acceptance stage gate is not \"success\".");
  }
  if (record && record->evidence != EvidenceState::Accepted) {
    return failLoad(script, "Validate candidate contract",
                    "The evidence of " + sha + " breaks the candidate contract (see releasedesk-cli verify).");
  }
  const CommitRecord* head = state.headAt(script.queuedAt + kStaleGuardDelay);
  if (script.autoPromotion && head && head->sha != sha) {
    script.failJob = "stale-guard";
    script.failStep = "Compare candidate with main head";
    script.failMessage =
        "main moved past " + sha + " to " + head->sha + ": an auto promotion deploys main's head only.";
  }
}

}  // namespace releasedesk::sandbox
