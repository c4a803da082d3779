// Run schedules: when each job and step of an attempt starts and ends, and what GitHub would
// report about them at a given moment.
#pragma once

#include "core/sandbox/sandbox_state.h"

#include <string>

namespace releasedesk::sandbox {

// Schedules an attempt of `workflow`. A pure function of the script: rescheduling after a
// review keeps everything that already happened.
AttemptRecord scheduleAttempt(const WorkflowRecord& workflow, const AttemptScript& script);

struct RunState {
  std::string status;      // queued, in_progress, waiting, pending, completed
  std::string conclusion;  // empty until completed
};

inline bool reached(const OptionalTime& time, TimePoint at) {
  return time && *time <= at;
}

RunState stepStateAt(const StepTimes& step, TimePoint at);
RunState jobStateAt(const JobTimes& job, TimePoint at);
RunState attemptStateAt(const AttemptRecord& attempt, TimePoint at);
// The latest moment by `at` when anything about the attempt changed (GitHub's updated_at).
TimePoint lastChangeAt(const AttemptRecord& attempt, TimePoint at);

}  // namespace releasedesk::sandbox
