#include "core/actions/live_relation.h"

#include "core/evidence/digest_ref.h"

#include <algorithm>
#include <map>

namespace releasedesk {

std::vector<ActionCandidate> actionCandidates(const CandidateCatalog& catalog,
                                              const std::vector<WorkflowRun>& acceptanceRuns) {
  std::map<std::string, const WorkflowRun*, std::less<>> newest;
  for (const WorkflowRun& run : acceptanceRuns) {
    const WorkflowRun*& slot = newest[run.headSha];
    if (!slot || run.createdAt > slot->createdAt) slot = &run;
  }
  std::vector<ActionCandidate> out;
  out.reserve(catalog.candidates.size());
  for (const CandidateEntry& entry : catalog.candidates) {
    ActionCandidate candidate{entry.sha, entry.report.verdict, entry.report.manifest, std::nullopt, std::nullopt};
    if (const auto it = newest.find(entry.sha); it != newest.end()) {
      candidate.acceptanceRunId = it->second->id;
      candidate.acceptedAt = it->second->createdAt;
    }
    out.push_back(std::move(candidate));
  }
  return out;
}

std::string_view toString(LiveRelation relation) {
  switch (relation) {
    case LiveRelation::Live: return "live";
    case LiveRelation::Newer: return "newer";
    case LiveRelation::Older: return "older";
    case LiveRelation::NeverDeployed: return "never deployed";
  }
  return "never deployed";
}

std::string_view toString(DigestChange change) {
  switch (change) {
    case DigestChange::Same: return "same";
    case DigestChange::Changed: return "changed";
    case DigestChange::Unknown: return "unknown";
  }
  return "unknown";
}

const CandidateRelation* LiveRelationTable::find(std::string_view sha) const {
  const auto it = std::find_if(rows.begin(), rows.end(), [&](const CandidateRelation& r) { return r.sha == sha; });
  return it == rows.end() ? nullptr : &*it;
}

std::optional<bool> olderCandidate(const DeploymentTimeline& timeline, const ActionCandidate& a,
                                   const ActionCandidate& b) {
  const OptionalTime ca = timeline.commitTimeOf(a.sha), cb = timeline.commitTimeOf(b.sha);
  if (ca && cb && *ca != *cb) return *ca < *cb;
  if (a.acceptedAt && b.acceptedAt && *a.acceptedAt != *b.acceptedAt) return *a.acceptedAt < *b.acceptedAt;
  return std::nullopt;
}

LiveRelationTable relateToLive(const DeploymentTimeline& timeline, const std::vector<ActionCandidate>& candidates) {
  LiveRelationTable table;
  table.live = timeline.live;
  std::map<std::string, TimePoint, std::less<>> lastSuccess;
  for (const DeploymentRecord& record : timeline.deployments) {
    for (const StatusChange& status : record.statuses) {
      if (status.state != "success") continue;
      auto [it, inserted] = lastSuccess.emplace(record.sha, status.at);
      if (!inserted) it->second = std::max(it->second, status.at);
    }
  }
  const std::string liveSha = table.live ? table.live->sha : std::string();
  const auto liveCandidate =
      std::find_if(candidates.begin(), candidates.end(), [&](const ActionCandidate& c) { return c.sha == liveSha; });
  // Without the live candidate's manifest, a live timeline still knows its commit time.
  ActionCandidate liveStandIn;
  liveStandIn.sha = liveSha;
  if (table.live) liveStandIn.acceptedAt = table.live->at;
  const ActionCandidate& live = liveCandidate != candidates.end() ? *liveCandidate : liveStandIn;

  for (const ActionCandidate& candidate : candidates) {
    CandidateRelation row;
    row.sha = candidate.sha;
    if (const auto it = lastSuccess.find(candidate.sha); it != lastSuccess.end()) {
      row.deployedBefore = true;
      row.lastSuccessAt = it->second;
    }
    if (!table.live) {
      row.relation = LiveRelation::NeverDeployed;
    } else if (candidate.sha == liveSha) {
      row.relation = LiveRelation::Live;
    } else {
      // A candidate deployed before but not live is older unless the dates say otherwise.
      const std::optional<bool> older = olderCandidate(timeline, candidate, live);
      row.olderThanLive = older.value_or(row.deployedBefore);
      if (!row.olderThanLive) {
        row.relation = LiveRelation::Newer;
      } else {
        row.relation = row.deployedBefore ? LiveRelation::Older : LiveRelation::NeverDeployed;
      }
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

namespace {

DigestChange compareDigests(const std::string& a, const std::string& b) {
  const std::string da = splitImageRef(a).digest, db = splitImageRef(b).digest;
  if (da.empty() || db.empty()) return DigestChange::Unknown;
  return da == db ? DigestChange::Same : DigestChange::Changed;
}

std::string shortSha(const std::string& sha) {
  return sha.substr(0, 8);
}

}  // namespace

CandidateDiff diffAgainstLive(const ActionCandidate& candidate, const std::string& liveSha,
                              const ActionCandidate* live) {
  CandidateDiff diff;
  diff.sha = candidate.sha;
  diff.liveSha = liveSha;
  diff.kind = candidate.manifest.kind;
  if (!live) return diff;
  diff.liveKnown = true;
  diff.liveKind = live->manifest.kind;
  diff.api = compareDigests(candidate.manifest.apiRef, live->manifest.apiRef);
  diff.web = compareDigests(candidate.manifest.webRef, live->manifest.webRef);
  std::vector<std::string> names;
  for (const auto& [name, value] : candidate.manifest.scope) names.push_back(name);
  for (const auto& [name, value] : live->manifest.scope) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  for (const std::string& name : names) {
    const bool mine = candidate.manifest.inScope(name), theirs = live->manifest.inScope(name);
    if (mine != theirs) diff.scope.push_back({name, mine, theirs});
  }
  return diff;
}

CandidateDiff diffAgainstLive(const ActionCandidate& candidate, const LiveRelationTable& table,
                              const std::vector<ActionCandidate>& candidates) {
  const std::string liveSha = table.live ? table.live->sha : std::string();
  const auto it = std::find_if(candidates.begin(), candidates.end(),
                               [&](const ActionCandidate& c) { return !liveSha.empty() && c.sha == liveSha; });
  return diffAgainstLive(candidate, liveSha, it == candidates.end() ? nullptr : &*it);
}

std::string CandidateDiff::summary() const {
  if (liveSha.empty()) return "nothing is live";
  if (sameAsLive()) return "same as live";
  if (!liveKnown) return "live " + shortSha(liveSha) + " is not among the candidates";
  std::string text = "API " + std::string(toString(api)) + ", Web " + std::string(toString(web));
  for (const ScopeFlagChange& flag : scope) {
    text += ", scope " + flag.name + (flag.candidate ? " on" : " off") + " (live " + (flag.live ? "on" : "off") + ")";
  }
  if (kind != liveKind) text += ", kind " + kind + " (live " + liveKind + ")";
  return text;
}

}  // namespace releasedesk
