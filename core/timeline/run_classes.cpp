#include "core/timeline/run_classes.h"

#include "core/timeline/deployment_timeline.h"

#include <unordered_map>

namespace releasedesk {

std::string_view toString(RunClass runClass) {
  switch (runClass) {
    case RunClass::Auto: return "auto";
    case RunClass::Replay: return "replay";
    case RunClass::Rollback: return "rollback";
    case RunClass::Rerun: return "rerun";
  }
  return "auto";
}

void classifyRuns(DeploymentTimeline& timeline,
                  const std::function<const std::string*(std::size_t run)>& liveShaWhenCreated) {
  // Rollbacks: a replay of a candidate older than the one live when the run was created. "Older" by
  // commit time when both are known, else by when the sha first appeared in the history.
  std::unordered_map<std::string_view, std::size_t> firstSeen;  // filled on first need
  const auto appearedBefore = [&](const std::string& a, const std::string& b) {
    if (firstSeen.empty()) {
      firstSeen.reserve(timeline.runs.size());
      for (std::size_t i = 0; i < timeline.runs.size(); ++i) {
        if (timeline.runs[i].sha) firstSeen.emplace(*timeline.runs[i].sha, i);
      }
    }
    const auto fa = firstSeen.find(a), fb = firstSeen.find(b);
    return fa != firstSeen.end() && fb != firstSeen.end() && fa->second < fb->second;
  };
  const auto olderThan = [&](const std::string& a, const std::string& b) {
    const OptionalTime ca = timeline.commitTimeOf(a), cb = timeline.commitTimeOf(b);
    if (ca && cb) return *ca < *cb;
    return appearedBefore(a, b);
  };
  for (std::size_t i = 0; i < timeline.runs.size(); ++i) {
    TimelineRun& lane = timeline.runs[i];
    if (lane.replay && lane.sha) {
      const std::string* liveSha = liveShaWhenCreated(i);
      lane.rollback = liveSha && !liveSha->empty() && *liveSha != *lane.sha && olderThan(*lane.sha, *liveSha);
    }
    lane.runClass = lane.rollback ? RunClass::Rollback
                    : lane.rerun  ? RunClass::Rerun
                    : lane.replay ? RunClass::Replay
                                  : RunClass::Auto;
  }
}

}  // namespace releasedesk
