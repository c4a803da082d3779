// Lays out when the jobs and steps of a workflow run attempt happen, and reads their state back
// at any moment.
#include "core/sandbox/sandbox_schedule.h"

#include "core/sandbox/sandbox_codec.h"

#include <algorithm>

namespace releasedesk::sandbox {
namespace {

constexpr Seconds kLiveQueueDelay{5};
constexpr Seconds kLiveGap{2};
constexpr Seconds kAfterReview{0};  // approval starts the job: the run is in_progress at once
constexpr Seconds kAfterLock{4};

bool isLive(const AttemptScript& script, TimePoint at) {
  return script.livePaceFrom && at >= *script.livePaceFrom;
}

bool stepRuns(const StepTemplate& step, const CandidateScope& scope, bool stageFailed) {
  if (step.when.empty()) return true;
  if (step.when == "failed") return stageFailed;
  if (step.when == "identity") return scope.identity;
  if (step.when == "infra") return scope.infra;
  if (step.when == "runtime") return scope.runtime;
  if (step.when == "migrations") return scope.migrations;
  return false;
}

// The step a job fails at, or empty when it succeeds.
std::string failingStep(const JobTemplate& job, const AttemptScript& script, bool stageFailed) {
  if (job.always && stageFailed) {
    const auto it = std::find_if(job.steps.begin(), job.steps.end(), [](const auto& s) { return s.when == "failed"; });
    return it == job.steps.end() ? std::string() : it->name;
  }
  if (script.failJob != job.name) return {};
  if (!script.failStep.empty()) return script.failStep;
  const auto heaviest = std::max_element(job.steps.begin(), job.steps.end(),
                                         [](const auto& a, const auto& b) { return a.weight < b.weight; });
  return heaviest == job.steps.end() ? std::string() : heaviest->name;
}

Seconds jobLength(const JobTemplate& job, const AttemptScript& script, TimePoint start, std::uint64_t seed) {
  if (job.environment && script.environmentJobLength) return *script.environmentJobLength;
  if (isLive(script, start)) return Seconds(seededInRange(seed, 8, 16));
  return Seconds(seededInRange(seed, job.minSeconds, job.maxSeconds));
}

// Spreads a started job's steps over `length` by weight. After a failing step only the last
// step ("Complete job") still runs, as on GitHub.
void layOutSteps(JobTimes& job, const JobTemplate& tpl, const CandidateScope& scope, bool stageFailed,
                 const std::string& failStep, Seconds length) {
  int totalWeight = 0;
  for (const StepTemplate& step : tpl.steps) {
    if (stepRuns(step, scope, stageFailed)) totalWeight += step.weight;
  }
  TimePoint cursor = *job.startedAt;
  bool stopped = false;
  for (std::size_t i = 0; i < tpl.steps.size(); ++i) {
    const StepTemplate& step = tpl.steps[i];
    StepTimes times{step.name, static_cast<int>(i + 1), cursor, cursor, "skipped"};
    const bool last = i + 1 == tpl.steps.size();
    if (stepRuns(step, scope, stageFailed) && (!stopped || last)) {
      cursor += std::max(Seconds(1), length * step.weight / std::max(1, totalWeight));
      times.completedAt = cursor;
      times.conclusion = step.name == failStep ? "failure" : "success";
      stopped = stopped || step.name == failStep;
    }
    job.steps.push_back(std::move(times));
  }
  job.completedAt = cursor;
  job.conclusion = stopped ? "failure" : "success";
}

struct Walk {
  TimePoint cursor;
  bool failed = false;
  bool blocked = false;  // a review nobody has given: later jobs have no times yet
};

// Applies the review and the lock to an environment job. Returns whether the job then runs
// from `start`; false when it waits for a review or was rejected.
bool passEnvironmentGate(JobTimes& job, AttemptRecord& attempt, const AttemptScript& script, Walk& walk,
                         TimePoint& start) {
  job.reviewRequired = script.review != ReviewMode::None;
  switch (script.review) {
    case ReviewMode::None: break;
    case ReviewMode::Awaiting: walk.blocked = true; return false;
    case ReviewMode::After:
      attempt.review =
          ReviewRecord{script.reviewer, script.reviewApproves, script.reviewComment, *job.readyAt + script.reviewWait};
      break;
    case ReviewMode::Decided:
      attempt.review = script.decision;
      attempt.review->at = std::max(attempt.review->at, *job.readyAt);
      break;
  }
  if (attempt.review) {
    job.reviewDecided = attempt.review->at;
    if (!attempt.review->approved) {
      job.startedAt = job.completedAt = attempt.review->at;
      job.conclusion = "failure";
      walk.failed = true;
      walk.cursor = attempt.review->at + kLiveGap;
      return false;
    }
    start = attempt.review->at + kAfterReview;
  }
  if (script.lockFreeAt && *script.lockFreeAt > start) {
    job.lockWait = true;
    start = *script.lockFreeAt + kAfterLock;
  }
  return true;
}

}  // namespace

AttemptRecord scheduleAttempt(const WorkflowRecord& workflow, const AttemptScript& script) {
  AttemptRecord attempt;
  attempt.script = script;
  const bool liveStart = isLive(script, script.queuedAt);
  Walk walk{script.queuedAt + (liveStart ? kLiveQueueDelay : Seconds(seededInRange(mixSeed(script.seed, 1), 4, 15)))};
  for (std::size_t i = 0; i < workflow.jobs.size(); ++i) {
    const JobTemplate& tpl = workflow.jobs[i];
    const std::uint64_t jobSeed = mixSeed(script.seed, 100 + i);
    JobTimes job;
    job.name = tpl.name;
    job.environment = tpl.environment;
    if (walk.blocked) {
      attempt.jobs.push_back(std::move(job));
      continue;
    }
    if ((tpl.autoOnly && !script.autoPromotion) || (walk.failed && !tpl.always)) {
      job.readyAt = job.startedAt = job.completedAt = walk.cursor;
      job.conclusion = "skipped";
      attempt.jobs.push_back(std::move(job));
      continue;
    }
    job.readyAt = walk.cursor;
    TimePoint start = walk.cursor;
    if (tpl.environment && !passEnvironmentGate(job, attempt, script, walk, start)) {
      attempt.jobs.push_back(std::move(job));
      continue;
    }
    job.startedAt = start;
    layOutSteps(job, tpl, script.scope, walk.failed, failingStep(tpl, script, walk.failed),
                jobLength(tpl, script, start, jobSeed));
    walk.failed = walk.failed || job.conclusion == "failure";
    walk.cursor = *job.completedAt +
                  (isLive(script, *job.completedAt) ? kLiveGap : Seconds(seededInRange(mixSeed(jobSeed, 7), 3, 9)));
    attempt.jobs.push_back(std::move(job));
  }
  return attempt;
}

RunState stepStateAt(const StepTimes& step, TimePoint at) {
  if (reached(step.completedAt, at)) return {"completed", step.conclusion};
  if (reached(step.startedAt, at)) return {"in_progress", ""};
  return {"queued", ""};
}

RunState jobStateAt(const JobTimes& job, TimePoint at) {
  if (reached(job.completedAt, at)) return {"completed", job.conclusion};
  if (reached(job.startedAt, at)) return {"in_progress", ""};
  if (job.environment && reached(job.readyAt, at)) {
    if (job.reviewRequired && !reached(job.reviewDecided, at)) return {"waiting", ""};
    if (job.lockWait) return {"pending", ""};
  }
  return {"queued", ""};
}

RunState attemptStateAt(const AttemptRecord& attempt, TimePoint at) {
  bool allDone = true, anyStarted = false, anyFailure = false, waiting = false, running = false, pending = false;
  for (const JobTimes& job : attempt.jobs) {
    const RunState state = jobStateAt(job, at);
    if (state.status == "completed") {
      anyStarted = true;
      anyFailure = anyFailure || state.conclusion == "failure";
      continue;
    }
    allDone = false;
    waiting = waiting || state.status == "waiting";
    running = running || state.status == "in_progress";
    pending = pending || state.status == "pending";
  }
  if (allDone) return {"completed", anyFailure ? "failure" : "success"};
  if (waiting) return {"waiting", ""};
  if (running) return {"in_progress", ""};
  if (pending) return {"pending", ""};
  return {anyStarted ? "in_progress" : "queued", ""};
}

TimePoint lastChangeAt(const AttemptRecord& attempt, TimePoint at) {
  TimePoint latest = attempt.script.queuedAt;
  const auto consider = [&](const OptionalTime& time) {
    if (reached(time, at)) latest = std::max(latest, *time);
  };
  for (const JobTimes& job : attempt.jobs) {
    for (const OptionalTime& time : {job.readyAt, job.reviewDecided, job.startedAt, job.completedAt}) consider(time);
    for (const StepTimes& step : job.steps) {
      consider(step.startedAt);
      consider(step.completedAt);
    }
  }
  return latest;
}

OptionalTime AttemptRecord::completedAt() const {
  TimePoint latest = script.queuedAt;
  for (const JobTimes& job : jobs) {
    if (!job.completedAt) return std::nullopt;
    latest = std::max(latest, *job.completedAt);
  }
  return latest;
}

const JobTimes* AttemptRecord::failedJob() const {
  for (const JobTimes& job : jobs) {
    if (job.conclusion == "failure") return &job;
  }
  return nullptr;
}

const JobTimes* AttemptRecord::job(std::string_view name) const {
  const auto it = std::find_if(jobs.begin(), jobs.end(), [&](const JobTimes& j) { return j.name == name; });
  return it == jobs.end() ? nullptr : &*it;
}

const AttemptRecord& RunRecord::attemptAt(TimePoint at) const {
  for (auto it = attempts.rbegin(); it != attempts.rend(); ++it) {
    if (it->script.queuedAt <= at) return *it;
  }
  return attempts.front();
}

}  // namespace releasedesk::sandbox
