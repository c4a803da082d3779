// Builds the DeploymentTimeline: sha resolution, phases, the live deployment and DORA (run classes
// are in run_classes.cpp).
#include "core/timeline/deployment_timeline.h"

#include "core/github/commit_sha.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <thread>
#include <unordered_map>

namespace releasedesk {
namespace {

using std::chrono::seconds;
using namespace std::string_view_literals;

// The number after `marker` in `text` ("/actions/runs/123/job/4" → 123).
std::optional<std::int64_t> numberAfter(std::string_view text, std::string_view marker) {
  const auto at = text.find(marker);
  if (at == std::string_view::npos) return std::nullopt;
  const char* first = text.data() + at + marker.size();
  const char* last = text.data() + text.size();
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(first, last, value);
  if (ec != std::errc() || end == first) return std::nullopt;
  return value;
}

bool hasStarted(const Job& job) {
  return job.startedAt && (job.status == "in_progress"sv || job.status == "completed"sv);
}

struct Interval {
  TimePoint start;
  TimePoint end;
};

// The union of the production-mutation lock holders' intervals, merged and sorted.
class LockUnion {
 public:
  void add(TimePoint start, TimePoint end) {
    if (end > start) intervals_.push_back({start, end});
  }
  void absorb(LockUnion&& other) {
    intervals_.insert(intervals_.end(), other.intervals_.begin(), other.intervals_.end());
  }
  void seal() {
    std::sort(intervals_.begin(), intervals_.end(),
              [](const Interval& a, const Interval& b) { return a.start < b.start; });
    std::vector<Interval> merged;
    merged.reserve(intervals_.size());
    for (const Interval& i : intervals_) {
      if (!merged.empty() && i.start <= merged.back().end) {
        merged.back().end = std::max(merged.back().end, i.end);
      } else {
        merged.push_back(i);
      }
    }
    intervals_ = std::move(merged);
  }
  // Calls `part` with each part of [start, end) held by the lock, in order (no allocation: this
  // runs once per lane).
  template <typename Part>
  void forEachOverlap(TimePoint start, TimePoint end, Part&& part) const {
    auto it = std::upper_bound(intervals_.begin(), intervals_.end(), start,
                               [](TimePoint t, const Interval& i) { return t < i.end; });
    for (; it != intervals_.end() && it->start < end; ++it) {
      const TimePoint a = std::max(start, it->start), b = std::min(end, it->end);
      if (b > a) part(Interval{a, b});
    }
  }

 private:
  std::vector<Interval> intervals_;
};

void addPhase(std::vector<TimelinePhase>& phases, PhaseKind kind, TimePoint start, TimePoint end, bool open) {
  if (end < start) end = start;
  if (!phases.empty() && phases.back().kind == kind && phases.back().end == start) {
    phases.back().end = end;
    phases.back().open = open;
    return;
  }
  if (end == start && !open) return;
  phases.push_back({kind, start, end, open});
}

struct ShaResolution {
  std::optional<std::string> sha;
  ShaSource source = ShaSource::Unknown;
  std::string unknownReason;
};

ShaResolution resolveSha(const WorkflowRun& run, const TimelineInputs& inputs) {
  if (auto sha = findSha(run.displayTitle)) return {sha, ShaSource::Title, {}};
  if (const auto it = inputs.artifactShas.find(run.id); it != inputs.artifactShas.end() && isHexSha(it->second)) {
    return {lowerSha(it->second), ShaSource::Artifact, {}};
  }
  if (const auto it = inputs.dispatchedShas.find(run.id); it != inputs.dispatchedShas.end() && isHexSha(it->second)) {
    return {lowerSha(it->second), ShaSource::Dispatch, {}};
  }
  if (run.event == "workflow_run"sv && isHexSha(run.headSha)) {
    return {lowerSha(run.headSha), ShaSource::HeadSha, {}};
  }
  std::string why = "no sha in the run title ('" + run.displayTitle + "')";
  why += ", no production artifact";
  if (run.event == "workflow_dispatch"sv)
    why += ", and a dispatch not sent by this desk (head_sha is the branch head, not the candidate)";
  return {std::nullopt, ShaSource::Unknown, why};
}

std::optional<std::int64_t> runOfDeployment(const Deployment& deployment,
                                            const std::vector<DeploymentStatus>& statuses) {
  for (const DeploymentStatus& status : statuses) {
    if (auto id = numberAfter(status.logUrl, "/actions/runs/")) return id;
  }
  if (auto id = numberAfter(deployment.description, "(run ")) return id;
  return std::nullopt;
}

// Whether `statuses` are strictly newest first by (created_at, id), missing times read as `fallback`.
bool newestFirst(const std::vector<DeploymentStatus>& statuses, TimePoint fallback) {
  for (std::size_t i = 1; i < statuses.size(); ++i) {
    const TimePoint a = statuses[i - 1].createdAt.value_or(fallback), b = statuses[i].createdAt.value_or(fallback);
    if (a < b || (a == b && statuses[i - 1].id <= statuses[i].id)) return false;
  }
  return true;
}

struct SuccessEvent {
  TimePoint at;
  std::int64_t statusId;
  std::size_t deployment;  // index into timeline.deployments
};

std::vector<SuccessEvent> successEvents(const DeploymentTimeline& timeline) {
  std::vector<SuccessEvent> events;
  events.reserve(timeline.deployments.size());
  for (std::size_t i = 0; i < timeline.deployments.size(); ++i) {
    for (const StatusChange& status : timeline.deployments[i].statuses) {
      if (status.state == "success"sv) events.push_back({status.at, status.statusId, i});
    }
  }
  std::sort(events.begin(), events.end(), [](const SuccessEvent& a, const SuccessEvent& b) {
    return a.at != b.at ? a.at < b.at : a.statusId < b.statusId;
  });
  return events;
}

LiveDeployment liveOf(const DeploymentTimeline& timeline, const SuccessEvent& event) {
  const DeploymentRecord& record = timeline.deployments[event.deployment];
  return {record.id, event.statusId, record.sha, event.at, record.runId};
}

// The latest success at or before `at`, by binary search over time-sorted events.
const SuccessEvent* latestSuccessBy(const std::vector<SuccessEvent>& events, TimePoint at) {
  auto it =
      std::upper_bound(events.begin(), events.end(), at, [](TimePoint t, const SuccessEvent& e) { return t < e.at; });
  return it == events.begin() ? nullptr : &*std::prev(it);
}

template <typename T>
std::optional<T> median(std::vector<T> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

bool isFailureState(std::string_view state) {
  return state == "failure"sv || state == "error"sv;
}

// Where the environment job (production-mutate) waited, read from the lane's jobs in the first pass
// so that laying out phases, which needs every lane's lock interval first, does not walk the jobs again.
struct EnvironmentGap {
  // Before the first job: [lane.start, firstJob), or open until `now` while no job has started.
  OptionalTime firstJob;
  bool pending = false;  // GitHub reports the run `pending`: an open gap is the lock
  bool present = false;  // else the lane is one running phase
  bool open = false;     // the environment job has not started yet and the run is still going
  TimePoint ready;       // every job before it had completed
  TimePoint end;         // it started (or `now` while open)
};

EnvironmentGap environmentGapOf(const TimelineRun& lane, const WorkflowRun& run, TimePoint now) {
  EnvironmentGap gap;
  gap.pending = run.status == "pending"sv;
  for (const JobSpan& job : lane.jobs) {
    if (job.startedAt && job.steps > 0) gap.firstJob = std::min(gap.firstJob.value_or(*job.startedAt), *job.startedAt);
  }
  // No jobs read for a run that ran (or runs): nothing tells a wait before its first job.
  const bool notStarted =
      run.status == "queued"sv || run.status == "pending"sv || run.status == "waiting"sv || run.status == "requested"sv;
  if (lane.jobs.empty() && !notStarted) gap.firstJob = lane.start;
  const auto mutate =
      std::find_if(lane.jobs.begin(), lane.jobs.end(), [](const JobSpan& j) { return j.name == kProductionMutateJob; });
  if (mutate == lane.jobs.end() || mutate->conclusion == "skipped"sv) return gap;
  TimePoint ready = lane.start;
  bool earlierDone = true;
  for (auto it = lane.jobs.begin(); it != mutate; ++it) {
    if (it->completedAt) {
      ready = std::max(ready, *it->completedAt);
    } else {
      earlierDone = false;
    }
  }
  gap.open = !mutate->startedAt && lane.inProgress && earlierDone;
  if (!mutate->startedAt && !gap.open) return gap;
  gap.present = true;
  gap.ready = ready;
  gap.end = std::clamp(mutate->startedAt ? *mutate->startedAt : now, ready, std::max(ready, lane.end));
  return gap;
}

// The production-mutation lock as the lanes tell it: `jobs` holds production-mutate's intervals
// (a job-level lock), `runs` each run's span from its first job to its end (a workflow-level lock).
struct LockHolders {
  LockUnion jobs;
  LockUnion runs;
  std::vector<Interval> runSpans;  // unmerged, sorted by start after seal(): which run held when

  void seal() {
    jobs.seal();
    runs.seal();
    std::sort(runSpans.begin(), runSpans.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
  }
  // The span of the run that started last at or before `t`, when it was still going at `t`.
  const Interval* runningAt(TimePoint t) const {
    auto it = std::upper_bound(runSpans.begin(), runSpans.end(), t,
                               [](TimePoint x, const Interval& i) { return x < i.start; });
    if (it == runSpans.begin()) return nullptr;
    --it;
    return t < it->end ? &*it : nullptr;
  }
};

// Whether the lane waited for a workflow-level lock before its first job: declared so, or (not
// known) it was created while another run was in progress and started only after that one ended.
bool waitedForRunLock(const TimelineRun& lane, const EnvironmentGap& gap, const LockHolders& locks, LockScope scope) {
  switch (scope) {
    case LockScope::Workflow: return true;
    case LockScope::Job: return false;
    case LockScope::Unknown: break;
  }
  const Interval* holder = locks.runningAt(lane.start);
  return holder != nullptr && (!gap.firstJob || *gap.firstJob >= holder->end);
}

// [lane.start, end): held by another run under a workflow-level lock is queued, the rest is
// waiting for a runner (an open tail of a `pending` run is the lock even where no holder is shown).
void layOutStart(TimelineRun& lane, const EnvironmentGap& gap, TimePoint end, bool open, const LockHolders& locks,
                 LockScope scope) {
  TimePoint cursor = lane.start;
  if (waitedForRunLock(lane, gap, locks, scope)) {
    locks.runs.forEachOverlap(lane.start, end, [&](const Interval& held) {
      addPhase(lane.phases, PhaseKind::Runner, cursor, held.start, false);
      addPhase(lane.phases, PhaseKind::Queued, held.start, held.end, false);
      cursor = held.end;
    });
  }
  const PhaseKind tail = open && gap.pending ? PhaseKind::Queued : PhaseKind::Runner;
  addPhase(lane.phases, tail, cursor, end, open);
}

void layOutPhases(TimelineRun& lane, const EnvironmentGap& gap, const LockHolders& locks, LockScope scope) {
  lane.phases.reserve(5);  // runner, running, waiting, queued, running in the common case
  const bool started = gap.firstJob.has_value();
  const TimePoint firstJob = started ? std::min(*gap.firstJob, lane.end) : lane.end;
  layOutStart(lane, gap, firstJob, !started && lane.inProgress, locks, scope);
  if (!started) return;
  if (!gap.present) {
    addPhase(lane.phases, PhaseKind::Running, firstJob, lane.end, lane.inProgress);
    return;
  }
  addPhase(lane.phases, PhaseKind::Running, firstJob, std::max(firstJob, gap.ready), false);
  TimePoint cursor = std::max(firstJob, gap.ready);
  locks.jobs.forEachOverlap(cursor, gap.end, [&](const Interval& held) {
    addPhase(lane.phases, PhaseKind::Waiting, cursor, held.start, false);
    addPhase(lane.phases, PhaseKind::Queued, held.start, held.end, false);
    cursor = held.end;
  });
  // An open gap of a run GitHub reports `pending` is the lock even where no holder is shown.
  const PhaseKind tail = gap.open && gap.pending ? PhaseKind::Queued : PhaseKind::Waiting;
  addPhase(lane.phases, tail, cursor, gap.end, gap.open);
  if (!gap.open) addPhase(lane.phases, PhaseKind::Running, gap.end, lane.end, lane.inProgress);
}

// One lane: sha, jobs, span, the environment job's gap; the production-mutate interval goes to
// `locks`. Reads only its run and the shared inputs, so lanes can be built side by side.
EnvironmentGap buildLane(TimelineRun& lane, const WorkflowRun& run, TimePoint created, const TimelineInputs& inputs,
                         const std::unordered_map<std::string, std::int64_t>& acceptanceBySha, StringTable& words,
                         LockHolders& locks) {
  static const std::vector<Job> kNoJobs;
  lane.id = run.id;
  lane.runNumber = run.runNumber;
  lane.attempt = run.runAttempt;
  lane.event = words.intern(run.event);
  lane.status = words.intern(run.status);
  lane.conclusion = words.intern(run.conclusion);
  lane.title = run.displayTitle;
  lane.htmlUrl = run.htmlUrl;
  lane.replay = lane.event == "workflow_dispatch"sv;
  lane.rerun = lane.attempt > 1;
  ShaResolution sha = resolveSha(run, inputs);
  lane.sha = std::move(sha.sha);
  lane.shaSource = sha.source;
  lane.shaNote = std::move(sha.unknownReason);
  if (lane.sha && !acceptanceBySha.empty()) {
    if (const auto it = acceptanceBySha.find(*lane.sha); it != acceptanceBySha.end()) lane.acceptanceRunId = it->second;
  }
  lane.inProgress = run.status != "completed"sv;
  lane.start = run.runStartedAt.value_or(created);

  const auto jobsIt = inputs.jobs.find(run.id);
  const std::vector<Job>& jobs = jobsIt == inputs.jobs.end() ? kNoJobs : jobsIt->second;
  TimePoint lastJobEnd = lane.start;
  lane.jobs.reserve(jobs.size());
  for (const Job& job : jobs) {
    JobSpan& bar = lane.jobs.emplace_back();
    bar.id = job.id;
    bar.name = words.intern(job.name);
    bar.status = words.intern(job.status);
    bar.conclusion = words.intern(job.conclusion);
    bar.htmlUrl = job.htmlUrl;
    bar.steps = static_cast<int>(job.steps.size());
    if (hasStarted(job)) bar.startedAt = std::max(*job.startedAt, lane.start);
    if (job.status == "completed"sv && job.completedAt) {
      bar.completedAt = std::max(*job.completedAt, bar.startedAt.value_or(*job.completedAt));
      if (!bar.startedAt) bar.startedAt = bar.completedAt;  // skipped jobs
      lastJobEnd = std::max(lastJobEnd, *bar.completedAt);
    }
    if (bar.name == kProductionMutateJob && bar.startedAt && bar.steps > 0) {
      locks.jobs.add(*bar.startedAt, bar.completedAt.value_or(std::max(*bar.startedAt, inputs.now)));
    }
  }
  if (lane.inProgress) {
    lane.end = std::max(lane.start, inputs.now);
  } else {
    lane.end = std::max({lane.start, lastJobEnd, run.updatedAt.value_or(lane.start)});
  }
  EnvironmentGap gap = environmentGapOf(lane, run, inputs.now);
  if (gap.firstJob && lane.end > *gap.firstJob) {
    locks.runs.add(*gap.firstJob, lane.end);
    locks.runSpans.push_back({*gap.firstJob, lane.end});
  }
  return gap;
}

// One deployment record: statuses oldest first (GitHub lists them newest first, but do not rely
// on it), its run, its sha; its success statuses go to `successes`. Returns its run's lane.
template <typename LaneOf>
TimelineRun* buildRecord(DeploymentRecord& record, const Deployment& deployment, const TimelineInputs& inputs,
                         StringTable& words, const LaneOf& laneOf, std::size_t index,
                         std::vector<SuccessEvent>& successes) {
  static const std::vector<DeploymentStatus> kNoStatuses;
  const auto statusIt = inputs.statuses.find(deployment.id);
  const std::vector<DeploymentStatus>& statuses = statusIt == inputs.statuses.end() ? kNoStatuses : statusIt->second;
  record.id = deployment.id;
  record.createdAt = deployment.createdAt.value_or(inputs.now);
  record.runId = runOfDeployment(deployment, statuses);
  record.statuses.reserve(statuses.size());
  const auto marker = [&](const DeploymentStatus& status) {
    return StatusChange{deployment.id, status.id, words.intern(status.state), status.description,
                        status.createdAt.value_or(record.createdAt)};
  };
  const auto earlier = [](const StatusChange& a, const StatusChange& b) {
    return a.at != b.at ? a.at < b.at : a.statusId < b.statusId;
  };
  if (newestFirst(statuses, record.createdAt)) {  // as GitHub lists them: copy backwards, no sort
    for (auto it = statuses.rbegin(); it != statuses.rend(); ++it) record.statuses.push_back(marker(*it));
  } else {
    for (const DeploymentStatus& status : statuses) record.statuses.push_back(marker(status));
    if (!std::is_sorted(record.statuses.begin(), record.statuses.end(), earlier))
      std::sort(record.statuses.begin(), record.statuses.end(), earlier);
  }
  for (const StatusChange& status : record.statuses) {
    if (status.state == "success"sv) successes.push_back({status.at, status.statusId, index});
  }
  TimelineRun* lane = record.runId ? laneOf(*record.runId) : nullptr;
  record.sha = lane && lane->sha ? *lane->sha : lowerSha(deployment.sha);
  return lane;
}

// Calls part(from, to, half) over [0, count): in two halves on two threads when `split`, else
// once (half 0). An exception from either half is rethrown after both have stopped.
template <typename Part>
void inHalves(std::size_t count, bool split, const Part& part) {
  if (!split || count < 2) {
    part(0, count, 0);
    return;
  }
  std::exception_ptr failure;
  std::thread second([&] {
    try {
      part(count / 2, count, 1);
    } catch (...) {
      failure = std::current_exception();
    }
  });
  try {
    part(0, count / 2, 0);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

std::string_view toString(ShaSource source) {
  switch (source) {
    case ShaSource::Title: return "title";
    case ShaSource::Artifact: return "artifact";
    case ShaSource::Dispatch: return "dispatch";
    case ShaSource::HeadSha: return "head_sha";
    case ShaSource::Unknown: return "unknown";
  }
  return "unknown";
}

std::string_view describe(ShaSource source) {
  switch (source) {
    case ShaSource::Title: return "from the run title";
    case ShaSource::Artifact: return "from the run's production artifact";
    case ShaSource::Dispatch: return "from the dispatch that created the run";
    case ShaSource::HeadSha: return "from head_sha of the triggering acceptance run";
    case ShaSource::Unknown: return "";
  }
  return "";
}

std::string_view toString(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::Queued: return "queued";
    case PhaseKind::Waiting: return "waiting";
    case PhaseKind::Running: return "running";
    case PhaseKind::Runner: return "runner";
  }
  return "running";
}

std::optional<std::int64_t> JobSpan::seconds() const {
  if (!startedAt || !completedAt) return std::nullopt;
  return std::max<std::int64_t>(0, (*completedAt - *startedAt).count());
}

std::int64_t TimelineRun::phaseSeconds(PhaseKind kind) const {
  std::int64_t total = 0;
  for (const TimelinePhase& phase : phases) {
    if (phase.kind == kind) total += phase.seconds();
  }
  return total;
}

std::string_view TimelineRun::outcome() const {
  return conclusion.empty() ? status : conclusion;
}

const TimelineRun* DeploymentTimeline::run(std::int64_t id) const {
  const auto it = std::find_if(runs.begin(), runs.end(), [id](const TimelineRun& lane) { return lane.id == id; });
  return it == runs.end() ? nullptr : &*it;
}

bool DeploymentTimeline::anyInProgress() const {
  return std::any_of(runs.begin(), runs.end(), [](const TimelineRun& lane) { return lane.inProgress; });
}

std::vector<const StatusChange*> DeploymentTimeline::statusesOf(const TimelineRun& lane) const {
  std::vector<const StatusChange*> statuses;
  for (std::size_t index : lane.deployments) {
    for (const StatusChange& status : deployments[index].statuses) statuses.push_back(&status);
  }
  if (lane.deployments.size() > 1) {
    std::stable_sort(statuses.begin(), statuses.end(),
                     [](const StatusChange* a, const StatusChange* b) { return a->at < b->at; });
  }
  return statuses;
}

OptionalTime DeploymentTimeline::commitTimeOf(const std::string& sha) const {
  if (!commitTimes) return std::nullopt;
  const auto it = commitTimes->find(sha);
  return it == commitTimes->end() ? std::nullopt : OptionalTime(it->second);
}

std::vector<std::int64_t> DeploymentTimeline::deploymentIdsOf(const TimelineRun& lane) const {
  std::vector<std::int64_t> ids;
  ids.reserve(lane.deployments.size());
  for (std::size_t index : lane.deployments) ids.push_back(deployments[index].id);
  return ids;
}

// The build touches each input once and writes each output once: with 10,000 runs the inputs and
// the model are far larger than the caches, so a second walk over either costs as much as the work.
DeploymentTimeline buildDeploymentTimeline(const TimelineInputs& inputs, TimelineBuildOptions options) {
  DeploymentTimeline timeline;
  timeline.now = inputs.now;
  timeline.commitTimes = inputs.commitTimes;

  // Lanes: sha, jobs, span. Runs oldest first (created_at, then id).
  const auto createdOf = [&](const WorkflowRun& r) {
    return r.createdAt.value_or(r.runStartedAt.value_or(r.updatedAt.value_or(inputs.now)));
  };
  struct RunOrder {
    TimePoint created;
    std::int64_t id;
    const WorkflowRun* run;
  };
  std::vector<RunOrder> runs;
  runs.reserve(inputs.runs.size());
  for (const WorkflowRun& run : inputs.runs) runs.push_back({createdOf(run), run.id, &run});
  std::sort(runs.begin(), runs.end(), [](const RunOrder& a, const RunOrder& b) {
    return a.created != b.created ? a.created < b.created : a.id < b.id;
  });

  std::unordered_map<std::string, std::int64_t> acceptanceBySha;
  for (const WorkflowRun& run : inputs.acceptanceRuns) {
    if (run.conclusion == "success"sv && isHexSha(run.headSha)) acceptanceBySha[lowerSha(run.headSha)] = run.id;
  }

  // Lanes do not depend on each other: a long history is built in two halves at once, each with
  // its own word table and lock intervals, joined afterwards (the timeline keeps both tables).
  const bool twoThreads = runs.size() >= options.parallelLanesFrom;
  StringTable secondWords;
  const std::array<StringTable*, 2> words{timeline.strings.get(), &secondWords};
  timeline.runs.resize(runs.size());
  std::vector<EnvironmentGap> gaps(runs.size());
  std::array<LockHolders, 2> halfLocks;
  inHalves(runs.size(), twoThreads, [&](std::size_t from, std::size_t to, std::size_t half) {
    for (std::size_t i = from; i < to; ++i) {
      gaps[i] = buildLane(timeline.runs[i], *runs[i].run, runs[i].created, inputs, acceptanceBySha, *words[half],
                          halfLocks[half]);
    }
  });
  LockHolders& locks = halfLocks[0];
  locks.jobs.absorb(std::move(halfLocks[1].jobs));
  locks.runs.absorb(std::move(halfLocks[1].runs));
  locks.runSpans.insert(locks.runSpans.end(), halfLocks[1].runSpans.begin(), halfLocks[1].runSpans.end());
  // Run id → lane, for tying deployments to lanes: a sorted array (a hash map allocates per entry).
  std::vector<std::pair<std::int64_t, std::size_t>> laneIndex;
  laneIndex.reserve(timeline.runs.size());
  for (std::size_t i = 0; i < timeline.runs.size(); ++i) laneIndex.emplace_back(timeline.runs[i].id, i);
  std::sort(laneIndex.begin(), laneIndex.end());
  const auto laneOf = [&](std::int64_t runId) -> TimelineRun* {
    const auto it =
        std::lower_bound(laneIndex.begin(), laneIndex.end(), std::pair<std::int64_t, std::size_t>(runId, 0));
    return it != laneIndex.end() && it->first == runId ? &timeline.runs[it->second] : nullptr;
  };
  locks.seal();
  for (std::size_t i = 0; i < timeline.runs.size(); ++i) {
    layOutPhases(timeline.runs[i], gaps[i], locks, inputs.lockScope);
  }

  // Deployments oldest first, tied to lanes. The success events for the live deployment and
  // rollbacks are read on the way.
  std::vector<const Deployment*> deployments;
  deployments.reserve(inputs.deployments.size());
  for (const Deployment& deployment : inputs.deployments) deployments.push_back(&deployment);
  std::sort(deployments.begin(), deployments.end(), [&](const Deployment* a, const Deployment* b) {
    const TimePoint ca = a->createdAt.value_or(inputs.now), cb = b->createdAt.value_or(inputs.now);
    return ca != cb ? ca < cb : a->id < b->id;
  });
  // Records are independent too; what ties them to lanes is gathered per half and applied after,
  // in record order.
  std::array<std::vector<SuccessEvent>, 2> halfSuccesses;
  std::array<std::vector<std::pair<TimelineRun*, std::size_t>>, 2> halfLinks;
  timeline.deployments.resize(deployments.size());
  inHalves(deployments.size(), twoThreads, [&](std::size_t from, std::size_t to, std::size_t half) {
    halfSuccesses[half].reserve(to - from);
    halfLinks[half].reserve(to - from);
    for (std::size_t index = from; index < to; ++index) {
      TimelineRun* lane = buildRecord(timeline.deployments[index], *deployments[index], inputs, *words[half], laneOf,
                                      index, halfSuccesses[half]);
      if (lane) halfLinks[half].emplace_back(lane, index);
    }
  });
  for (const auto& links : halfLinks) {
    for (const auto& [lane, index] : links) lane->deployments.push_back(index);
  }
  timeline.strings->absorb(std::move(secondWords));
  std::vector<SuccessEvent>& successes = halfSuccesses[0];
  successes.insert(successes.end(), halfSuccesses[1].begin(), halfSuccesses[1].end());
  std::sort(successes.begin(), successes.end(), [](const SuccessEvent& a, const SuccessEvent& b) {
    return a.at != b.at ? a.at < b.at : a.statusId < b.statusId;
  });

  classifyRuns(timeline, [&](std::size_t i) -> const std::string* {
    const SuccessEvent* live = latestSuccessBy(successes, runs[i].created);
    return live ? &timeline.deployments[live->deployment].sha : nullptr;
  });
  if (!successes.empty()) timeline.live = liveOf(timeline, successes.back());
  return timeline;
}

std::optional<LiveDeployment> liveDeployment(const DeploymentTimeline& timeline, OptionalTime at) {
  const std::vector<SuccessEvent> events = successEvents(timeline);
  const SuccessEvent* event = at ? latestSuccessBy(events, *at) : (events.empty() ? nullptr : &events.back());
  if (!event) return std::nullopt;
  return liveOf(timeline, *event);
}

DoraFigures computeDora(const DeploymentTimeline& timeline, TimePoint from, TimePoint to) {
  DoraFigures dora;
  dora.from = from;
  dora.to = to;
  const auto inWindow = [&](TimePoint t) { return t >= from && t <= to; };

  // Terminal events over the whole history, for time to restore.
  struct Terminal {
    TimePoint at;
    bool success;
  };
  std::vector<Terminal> terminals;
  struct FirstSuccess {
    TimePoint at;
    const std::string* sha;  // the record's: its commit time is looked up only when in the window
  };
  std::unordered_map<std::string_view, FirstSuccess> firstSuccessOfSha;  // keys view timeline.deployments
  firstSuccessOfSha.reserve(timeline.deployments.size());
  terminals.reserve(timeline.deployments.size());
  std::vector<std::int64_t> leadTimes;
  for (const DeploymentRecord& record : timeline.deployments) {
    const StatusChange* firstSuccess = nullptr;
    for (const StatusChange& status : record.statuses) {
      if (status.state == "success"sv) {
        firstSuccess = &status;
        break;
      }
    }
    if (firstSuccess) {
      terminals.push_back({firstSuccess->at, true});
      if (inWindow(firstSuccess->at)) ++dora.successfulDeployments;
      if (!record.sha.empty()) {
        auto [it, inserted] = firstSuccessOfSha.try_emplace(record.sha, FirstSuccess{firstSuccess->at, &record.sha});
        if (!inserted && firstSuccess->at < it->second.at) it->second.at = firstSuccess->at;
      }
    } else if (const StatusChange* last = record.finalStatus(); last && isFailureState(last->state)) {
      terminals.push_back({last->at, false});
      if (inWindow(last->at)) ++dora.failedDeployments;
    }
  }
  for (const auto& [sha, first] : firstSuccessOfSha) {
    const TimePoint at = first.at;
    if (!inWindow(at)) continue;
    const OptionalTime committed = timeline.commitTimeOf(*first.sha);
    if (committed && *committed <= at) leadTimes.push_back((at - *committed).count());
  }
  std::sort(terminals.begin(), terminals.end(), [](const Terminal& a, const Terminal& b) { return a.at < b.at; });
  std::vector<std::int64_t> restores;
  std::optional<TimePoint> nextSuccess;
  for (auto it = terminals.rbegin(); it != terminals.rend(); ++it) {
    if (it->success) {
      nextSuccess = it->at;
    } else if (inWindow(it->at) && nextSuccess) {
      restores.push_back((*nextSuccess - it->at).count());
    }
  }
  const double days = std::max(1.0, static_cast<double>((to - from).count()) / 86400.0);
  dora.deploymentsPerDay = dora.successfulDeployments / days;
  dora.leadTimeSamples = static_cast<int>(leadTimes.size());
  dora.leadTimeSeconds = median(std::move(leadTimes));
  dora.restoreSamples = static_cast<int>(restores.size());
  dora.timeToRestoreSeconds = median(std::move(restores));
  const int attempted = dora.successfulDeployments + dora.failedDeployments;
  if (attempted > 0) dora.changeFailureRate = static_cast<double>(dora.failedDeployments) / attempted;
  return dora;
}

}  // namespace releasedesk
