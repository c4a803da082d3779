// DeploymentTimeline: what the production stage ran, when, what waited and what is live, with
// DORA figures. Pure functions over plain structs (runs, jobs, deployments, statuses): no I/O.
#pragma once

#include "core/github/github_types.h"
#include "core/timeline/run_classes.h"
#include "core/timeline/string_table.h"
#include "core/workflow/workflow_lint.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace releasedesk {

// The runbook's job names.
inline constexpr std::string_view kProductionMutateJob = "production-mutate";

// Where a run's candidate sha came from.
enum class ShaSource {
  Title,     // the run-name "Production Stage: <sha>"
  Artifact,  // the production artifact "production-record-<sha>" (or its deployment-record.json)
  Dispatch,  // the candidate_sha input of a dispatch the desk sent itself
  HeadSha,   // an auto promotion: head_sha is the accepted acceptance run's commit
  Unknown,
};
std::string_view toString(ShaSource source);
// "from the run title", ...: where a known sha came from, in words ("" for Unknown).
std::string_view describe(ShaSource source);

// queued: pending behind the production-mutation lock while another run holds it;
// waiting: waiting for an approval of the production environment; runner: created, no job started
// yet and no lock in the way (GitHub is finding a runner); running: everything else.
enum class PhaseKind { Queued, Waiting, Running, Runner };
std::string_view toString(PhaseKind kind);

struct TimelinePhase {
  PhaseKind kind = PhaseKind::Running;
  TimePoint start;
  TimePoint end;
  bool open = false;  // still going: `end` is the model's `now`
  std::int64_t seconds() const { return (end - start).count(); }
};

struct JobSpan {
  std::int64_t id = 0;
  std::string_view name;  // the views are into DeploymentTimeline::strings
  std::string_view status;
  std::string_view conclusion;  // "" while not completed
  std::string htmlUrl;
  OptionalTime startedAt;  // unset until the job really started (GitHub reports created_at before)
  OptionalTime completedAt;
  int steps = 0;
  std::optional<std::int64_t> seconds() const;
};

struct StatusChange {
  std::int64_t deploymentId = 0;
  std::int64_t statusId = 0;
  std::string_view state;  // success, failure, error, in_progress, ... (in DeploymentTimeline::strings)
  std::string description;
  TimePoint at;
};

struct TimelineRun {
  std::int64_t id = 0;
  int runNumber = 0;
  int attempt = 1;
  std::string_view event;  // the three views are into DeploymentTimeline::strings
  std::string_view status;
  std::string_view conclusion;
  std::string title;
  std::string htmlUrl;
  std::optional<std::string> sha;
  ShaSource shaSource = ShaSource::Unknown;
  std::string shaNote;  // why the sha is unknown; empty when known (describe(shaSource) says where from)

  RunClass runClass = RunClass::Auto;
  bool replay = false;  // badges: a run can be a re-run of a rollback
  bool rollback = false;
  bool rerun = false;

  TimePoint start;  // run_started_at of the shown attempt (created_at when missing)
  TimePoint end;    // completion, or `now` while in progress
  bool inProgress = false;
  std::vector<TimelinePhase> phases;  // chronological, contiguous from start to end
  std::vector<JobSpan> jobs;
  std::vector<std::size_t> deployments;         // this run's, as indexes into DeploymentTimeline::deployments
  std::optional<std::int64_t> acceptanceRunId;  // the acceptance-stage run of the same sha

  std::int64_t phaseSeconds(PhaseKind kind) const;
  std::string_view outcome() const;  // conclusion, or status while not completed
};

// One production deployment, its statuses sorted oldest first, tied to a run when its statuses
// log_url (or its description) names one.
struct DeploymentRecord {
  std::int64_t id = 0;
  std::string sha;  // the run's candidate sha when known, else the deployment's own sha
  std::optional<std::int64_t> runId;
  TimePoint createdAt;
  std::vector<StatusChange> statuses;

  const StatusChange* finalStatus() const { return statuses.empty() ? nullptr : &statuses.back(); }
};

struct LiveDeployment {
  std::int64_t deploymentId = 0;
  std::int64_t statusId = 0;
  std::string sha;
  TimePoint at;
  std::optional<std::int64_t> runId;
};

// DORA figures over [from, to]. Medians; std::nullopt when nothing in the window measures it.
struct DoraFigures {
  TimePoint from;
  TimePoint to;
  int successfulDeployments = 0;  // deployments with a success status in the window
  int failedDeployments = 0;      // deployments whose final status (in the window) is failure/error
  double deploymentsPerDay = 0;
  std::optional<std::int64_t> leadTimeSeconds;       // commit time → first successful deployment of that sha
  std::optional<double> changeFailureRate;           // failed / (failed + successful)
  std::optional<std::int64_t> timeToRestoreSeconds;  // a failure status → the next success status
  int leadTimeSamples = 0;
  int restoreSamples = 0;
};

// Everything the model is built from. Runs are the production-stage workflow's; jobs are keyed
// by run id (the latest attempt's); statuses by deployment id, in any order. Hash maps: the build
// looks each run and deployment up once, and a tree of 10,000 nodes costs a cache miss per level.
// sha → committer time. Shared, never copied: the timeline keeps the map it was built with for
// the DORA lead time, which needs it only for deployments in the window asked for.
using CommitTimes = std::unordered_map<std::string, TimePoint>;

struct TimelineInputs {
  std::vector<WorkflowRun> runs;
  std::unordered_map<std::int64_t, std::vector<Job>> jobs;
  std::vector<Deployment> deployments;
  std::unordered_map<std::int64_t, std::vector<DeploymentStatus>> statuses;
  std::vector<WorkflowRun> acceptanceRuns;                       // optional: ties a lane to its acceptance run
  std::shared_ptr<const CommitTimes> commitTimes;                // for lead time and rollbacks (may be null)
  std::unordered_map<std::int64_t, std::string> artifactShas;    // run id → sha read from its production artifact
  std::unordered_map<std::int64_t, std::string> dispatchedShas;  // run id → candidate_sha the desk dispatched
  // Where production-stage.yml declares the production-mutation lock. With a workflow-level lock a
  // run waits for it before its first job; with a job-level one at production-mutate. Unknown (the
  // file could not be read): a run created while another was in progress, whose first job started
  // only after that run ended, waited on the lock.
  LockScope lockScope = LockScope::Unknown;
  TimePoint now;
};

struct DeploymentTimeline {
  std::shared_ptr<StringTable> strings = std::make_shared<StringTable>();  // what the lanes' words view
  TimePoint now;
  std::vector<TimelineRun> runs;  // oldest first
  std::optional<LiveDeployment> live;
  std::vector<DeploymentRecord> deployments;  // oldest first
  std::shared_ptr<const CommitTimes> commitTimes;

  const TimelineRun* run(std::int64_t id) const;
  bool anyInProgress() const;
  // The statuses of the lane's deployments, oldest first (a copy of pointers: for lists and reports;
  // painting walks `lane.deployments` directly).
  std::vector<const StatusChange*> statusesOf(const TimelineRun& lane) const;
  std::vector<std::int64_t> deploymentIdsOf(const TimelineRun& lane) const;
  OptionalTime commitTimeOf(const std::string& sha) const;
};

struct TimelineBuildOptions {
  // Histories with at least this many runs build their lanes on two threads. The result is the
  // same either way.
  std::size_t parallelLanesFrom = 2000;
};

// Builds the timeline. Deterministic; O((runs + statuses) log n).
DeploymentTimeline buildDeploymentTimeline(const TimelineInputs& inputs, TimelineBuildOptions options = {});

// The latest `success` status in production over every deployment (GitHub does not mark older
// production deployments inactive by itself), at or before `at` when given.
std::optional<LiveDeployment> liveDeployment(const DeploymentTimeline& timeline, OptionalTime at = std::nullopt);

// The DORA figures over [from, to] (see README "timeline" for the definitions).
DoraFigures computeDora(const DeploymentTimeline& timeline, TimePoint from, TimePoint to);

}  // namespace releasedesk
