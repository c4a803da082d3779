// Run classes: how a production run came to be (auto promotion, replay, rollback, re-run).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace releasedesk {

struct DeploymentTimeline;

// How a run came to be. A rollback is a replay of a candidate older than the one live when the
// run was created; a re-run is a later attempt of a run.
enum class RunClass { Auto, Replay, Rollback, Rerun };
std::string_view toString(RunClass runClass);

// Sets every run's class from its badges (replay, re-run), and marks as a rollback each replay of
// a candidate older than `liveShaWhenCreated(i)`, the sha live when run i was created (null when
// nothing was). "Older" by commit time when both are known, else by when the sha first appeared in
// the history. Asks for the live sha of replays only.
void classifyRuns(DeploymentTimeline& timeline,
                  const std::function<const std::string*(std::size_t run)>& liveShaWhenCreated);

}  // namespace releasedesk
