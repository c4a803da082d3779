// DeploymentTimeline on hand-built histories: sha sources, phases, classes, the live deployment,
// DORA figures and clock edges (midnight, missing run_started_at, statuses out of order).
#include "core/timeline/deployment_timeline.h"
#include "core/github/commit_sha.h"
#include "core/timeline/durations.h"
#include "core/timeline/timeline_json.h"
#include "tests/benchmarks/synthetic_history.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;

const std::string kOld = "1111111111111111111111111111111111111111";
const std::string kMid = "2222222222222222222222222222222222222222";
const std::string kNew = "3333333333333333333333333333333333333333";

TimePoint at(const char* iso) {
  return *parseIsoTime(iso);
}

// A history builder: runs with the runbook's five jobs laid out from a start time.
std::shared_ptr<const CommitTimes> commitTimes(CommitTimes times) {
  return std::make_shared<const CommitTimes>(std::move(times));
}

class History {
 public:
  explicit History(TimePoint now) {
    inputs.now = now;
    inputs.runs.reserve(64);
  }

  WorkflowRun& run(std::int64_t id, const std::string& event, const std::string& sha, TimePoint created) {
    WorkflowRun run;
    run.id = id;
    run.event = event;
    run.displayTitle = sha.empty() ? "Production Stage" : "Production Stage: " + sha;
    run.headSha = sha.empty() ? kNew : sha;
    run.status = "completed";
    run.conclusion = "success";
    run.createdAt = created;
    run.runStartedAt = created;
    run.updatedAt = created;
    inputs.runs.push_back(run);
    return inputs.runs.back();
  }

  // load (10s), stale-guard (5s), then production-mutate `gap` after the guard for `mutate`,
  // verify (20s), result (5s). Returns the end.
  TimePoint jobs(WorkflowRun& run, std::chrono::seconds gap, std::chrono::seconds mutate,
                 const std::string& failJob = {}) {
    TimePoint t = *run.runStartedAt;
    std::vector<Job> jobs;
    const auto add = [&](const std::string& name, TimePoint start, std::chrono::seconds length) {
      Job job;
      job.id = run.id * 10 + static_cast<std::int64_t>(jobs.size());
      job.runId = run.id;
      job.name = name;
      job.status = "completed";
      job.conclusion = name == failJob ? "failure" : "success";
      job.startedAt = start;
      job.completedAt = start + length;
      job.steps.resize(3);
      jobs.push_back(job);
      return *job.completedAt;
    };
    t = add("load-accepted-candidate", t, 10s);
    t = add("stale-guard", t, 5s);
    t = add("production-mutate", t + gap, mutate);
    t = add("post-deploy-verify", t, 20s);
    t = add("production-stage-result", t, 5s);
    run.updatedAt = t;
    run.conclusion = failJob.empty() ? "success" : "failure";
    inputs.jobs[run.id] = jobs;
    return t;
  }

  void deployment(std::int64_t id, std::int64_t runId, const std::string& sha,
                  std::vector<std::pair<std::string, TimePoint>> statuses) {
    Deployment d;
    d.id = id;
    d.sha = sha;
    d.createdAt = statuses.empty() ? inputs.now : statuses.front().second;
    inputs.deployments.push_back(d);
    std::int64_t statusId = id * 10;
    for (const auto& [state, time] : statuses) {
      DeploymentStatus s;
      s.id = ++statusId;
      s.state = state;
      s.createdAt = time;
      s.logUrl = "https://github.com/o/r/actions/runs/" + std::to_string(runId);
      inputs.statuses[id].push_back(s);
    }
  }

  TimelineInputs inputs;
};

TEST(DeploymentTimeline, ShaComesFromTitleThenArtifactThenDispatchThenHeadSha) {
  History h(at("2026-03-01T12:00:00Z"));
  h.run(1, "workflow_dispatch", kOld, at("2026-03-01T01:00:00Z"));
  auto& untitled = h.run(2, "workflow_dispatch", "", at("2026-03-01T02:00:00Z"));
  untitled.headSha = kNew;  // the branch head, not the candidate
  h.run(3, "workflow_dispatch", "", at("2026-03-01T03:00:00Z"));
  h.run(4, "workflow_dispatch", "", at("2026-03-01T04:00:00Z"));
  auto& autoRun = h.run(5, "workflow_run", "", at("2026-03-01T05:00:00Z"));
  autoRun.headSha = kMid;
  h.inputs.artifactShas[3] = kMid;
  h.inputs.dispatchedShas[4] = kNew;

  const DeploymentTimeline t = buildDeploymentTimeline(h.inputs);
  ASSERT_EQ(t.runs.size(), 5u);
  EXPECT_EQ(t.runs[0].shaSource, ShaSource::Title);
  EXPECT_EQ(*t.runs[0].sha, kOld);
  EXPECT_EQ(t.runs[1].shaSource, ShaSource::Unknown);
  EXPECT_FALSE(t.runs[1].sha);
  EXPECT_NE(t.runs[1].shaNote.find("head_sha is the branch head"), std::string::npos);
  EXPECT_EQ(t.runs[2].shaSource, ShaSource::Artifact);
  EXPECT_EQ(*t.runs[2].sha, kMid);
  EXPECT_EQ(t.runs[3].shaSource, ShaSource::Dispatch);
  EXPECT_EQ(t.runs[4].shaSource, ShaSource::HeadSha);
  EXPECT_EQ(*t.runs[4].sha, kMid);
}

TEST(DeploymentTimeline, ClassifiesAutoReplayRollbackAndRerun) {
  History h(at("2026-03-10T00:00:00Z"));
  h.inputs.commitTimes = commitTimes(
      {{kOld, at("2026-03-01T00:00:00Z")}, {kMid, at("2026-03-02T00:00:00Z")}, {kNew, at("2026-03-03T00:00:00Z")}});
  auto& a = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  h.deployment(100, 1, kOld, {{"in_progress", at("2026-03-01T10:01:00Z")}, {"success", h.jobs(a, 60s, 120s)}});
  auto& b = h.run(2, "workflow_run", kNew, at("2026-03-03T10:00:00Z"));
  h.deployment(200, 2, kNew, {{"in_progress", at("2026-03-03T10:01:00Z")}, {"success", h.jobs(b, 60s, 120s)}});
  auto& replay = h.run(3, "workflow_dispatch", kNew, at("2026-03-04T10:00:00Z"));  // same as live
  h.jobs(replay, 30s, 60s);
  auto& rollback = h.run(4, "workflow_dispatch", kMid, at("2026-03-05T10:00:00Z"));  // older than live kNew
  h.jobs(rollback, 30s, 60s);
  auto& rerun = h.run(5, "workflow_run", kNew, at("2026-03-06T10:00:00Z"));
  rerun.runAttempt = 2;
  h.jobs(rerun, 30s, 60s);

  const DeploymentTimeline t = buildDeploymentTimeline(h.inputs);
  EXPECT_EQ(t.run(1)->runClass, RunClass::Auto);
  EXPECT_EQ(t.run(3)->runClass, RunClass::Replay);
  EXPECT_EQ(t.run(4)->runClass, RunClass::Rollback);
  EXPECT_TRUE(t.run(4)->replay);
  EXPECT_EQ(t.run(5)->runClass, RunClass::Rerun);
  EXPECT_TRUE(t.run(5)->rerun);
}

TEST(DeploymentTimeline, RollbackWithoutCommitTimesUsesFirstAppearance) {
  History h(at("2026-03-10T00:00:00Z"));
  auto& a = h.run(1, "workflow_run", kMid, at("2026-03-01T10:00:00Z"));
  h.deployment(100, 1, kMid, {{"success", h.jobs(a, 10s, 60s)}});
  auto& b = h.run(2, "workflow_run", kOld, at("2026-03-02T10:00:00Z"));  // kOld deployed later: newer
  h.deployment(200, 2, kOld, {{"success", h.jobs(b, 10s, 60s)}});
  auto& back = h.run(3, "workflow_dispatch", kMid, at("2026-03-03T10:00:00Z"));
  h.jobs(back, 10s, 60s);
  EXPECT_EQ(buildDeploymentTimeline(h.inputs).run(3)->runClass, RunClass::Rollback);
}

TEST(DeploymentTimeline, WaitingThenQueuedBehindTheLockThenRunning) {
  History h(at("2026-03-01T12:00:00Z"));
  // Run 1 holds the lock from 10:00:25 for 30 minutes.
  auto& holder = h.run(1, "workflow_dispatch", kOld, at("2026-03-01T10:00:00Z"));
  h.jobs(holder, 10s, 30min);
  // Run 2 is ready at 10:05:15, is approved after 5 minutes, then queues until the lock frees.
  auto& queued = h.run(2, "workflow_dispatch", kMid, at("2026-03-01T10:05:00Z"));
  const TimePoint ready = at("2026-03-01T10:05:15Z");
  const TimePoint lockFree = at("2026-03-01T10:30:25Z");
  h.jobs(queued, lockFree - ready + 4s, 60s);

  const DeploymentTimeline timeline1 = buildDeploymentTimeline(h.inputs);
  const TimelineRun& lane = *timeline1.run(2);
  ASSERT_EQ(lane.phases.size(), 4u);
  EXPECT_EQ(lane.phases[0].kind, PhaseKind::Running);
  EXPECT_EQ(lane.phases[1].kind, PhaseKind::Queued);  // the whole gap overlaps the holder
  EXPECT_EQ(lane.phases[1].start, ready);
  EXPECT_EQ(lane.phases[1].end, lockFree);
  EXPECT_EQ(lane.phases[2].kind, PhaseKind::Waiting);
  EXPECT_EQ(lane.phases[2].seconds(), 4);
  EXPECT_EQ(lane.phaseSeconds(PhaseKind::Queued), (lockFree - ready).count());
  // The holder itself waited only for approval.
  const DeploymentTimeline timeline2 = buildDeploymentTimeline(h.inputs);
  const TimelineRun& first = *timeline2.run(1);
  EXPECT_EQ(first.phaseSeconds(PhaseKind::Queued), 0);
  EXPECT_EQ(first.phaseSeconds(PhaseKind::Waiting), 10);
}

TEST(DeploymentTimeline, OpenPhasesOfRunsInProgress) {
  History h(at("2026-03-01T12:00:00Z"));
  auto& waiting = h.run(1, "workflow_run", kNew, at("2026-03-01T11:50:00Z"));
  h.jobs(waiting, 0s, 0s);
  waiting.status = "waiting";
  waiting.conclusion.clear();
  auto& jobs = h.inputs.jobs[1];
  jobs.resize(3);
  jobs[2].status = "waiting";
  jobs[2].conclusion.clear();
  jobs[2].completedAt.reset();  // started_at of a waiting job is its created_at: it must be ignored
  const DeploymentTimeline timeline3 = buildDeploymentTimeline(h.inputs);
  const TimelineRun& lane = *timeline3.run(1);
  EXPECT_TRUE(lane.inProgress);
  EXPECT_EQ(lane.end, h.inputs.now);
  ASSERT_FALSE(lane.phases.empty());
  EXPECT_EQ(lane.phases.back().kind, PhaseKind::Waiting);
  EXPECT_TRUE(lane.phases.back().open);
  EXPECT_EQ(lane.phases.back().end, h.inputs.now);
  EXPECT_EQ(lane.phases.back().seconds(), (h.inputs.now - at("2026-03-01T11:50:15Z")).count());
}

TEST(DeploymentTimeline, PendingRunWithoutVisibleHolderIsQueued) {
  History h(at("2026-03-01T12:00:00Z"));
  auto& pending = h.run(1, "workflow_dispatch", kNew, at("2026-03-01T11:50:00Z"));
  h.jobs(pending, 0s, 0s);
  pending.status = "pending";
  pending.conclusion.clear();
  auto& jobs = h.inputs.jobs[1];
  jobs.resize(3);
  jobs[2].status = "pending";
  jobs[2].conclusion.clear();
  const DeploymentTimeline timeline4 = buildDeploymentTimeline(h.inputs);
  const TimelineRun& lane = *timeline4.run(1);
  EXPECT_EQ(lane.phases.back().kind, PhaseKind::Queued);
  EXPECT_TRUE(lane.phases.back().open);
}

TEST(DeploymentTimeline, RunCrossingMidnightKeepsItsLength) {
  History h(at("2026-03-02T06:00:00Z"));
  auto& run = h.run(1, "workflow_run", kNew, at("2026-03-01T23:58:00Z"));
  const TimePoint end = h.jobs(run, 2min, 5min);
  const DeploymentTimeline timeline5 = buildDeploymentTimeline(h.inputs);
  const TimelineRun& lane = *timeline5.run(1);
  EXPECT_EQ(lane.start, at("2026-03-01T23:58:00Z"));
  EXPECT_EQ(lane.end, end);
  EXPECT_GT(lane.end, at("2026-03-02T00:00:00Z"));
  EXPECT_EQ(lane.phaseSeconds(PhaseKind::Waiting), 120);
  EXPECT_EQ(lane.phaseSeconds(PhaseKind::Running) + 120, (end - lane.start).count());
}

TEST(DeploymentTimeline, MissingRunStartedAtFallsBackToCreatedAt) {
  History h(at("2026-03-02T06:00:00Z"));
  auto& run = h.run(1, "workflow_run", kNew, at("2026-03-01T10:00:00Z"));
  h.jobs(run, 1min, 2min);
  run.runStartedAt.reset();
  const DeploymentTimeline timeline6 = buildDeploymentTimeline(h.inputs);
  const TimelineRun& lane = *timeline6.run(1);
  EXPECT_EQ(lane.start, at("2026-03-01T10:00:00Z"));
  EXPECT_EQ(lane.phases.front().start, lane.start);
}

TEST(DeploymentTimeline, LiveIsLatestSuccessEvenWithStatusesOutOfOrder) {
  History h(at("2026-03-10T00:00:00Z"));
  auto& a = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  h.jobs(a, 10s, 60s);
  auto& b = h.run(2, "workflow_run", kNew, at("2026-03-02T10:00:00Z"));
  h.jobs(b, 10s, 60s);
  // Newest first, as GitHub lists them, and a later failure of another deployment.
  h.deployment(200, 2, kNew, {{"success", at("2026-03-02T10:05:00Z")}, {"in_progress", at("2026-03-02T10:01:00Z")}});
  h.deployment(100, 1, kOld, {{"success", at("2026-03-01T10:05:00Z")}, {"in_progress", at("2026-03-01T10:01:00Z")}});
  h.deployment(300, 2, kMid, {{"failure", at("2026-03-03T10:05:00Z")}});
  const DeploymentTimeline t = buildDeploymentTimeline(h.inputs);
  ASSERT_TRUE(t.live);
  EXPECT_EQ(t.live->deploymentId, 200);
  EXPECT_EQ(t.live->sha, kNew);
  EXPECT_EQ(t.live->runId, 2);
  const auto statuses = t.statusesOf(*t.run(2));
  ASSERT_EQ(statuses.size(), 3u);
  EXPECT_EQ(statuses.front()->state, "in_progress");  // sorted oldest first
  EXPECT_EQ(statuses.back()->state, "failure");
  EXPECT_EQ(t.deploymentIdsOf(*t.run(2)), (std::vector<std::int64_t>{200, 300}));
  EXPECT_EQ(liveDeployment(t, at("2026-03-01T12:00:00Z"))->deploymentId, 100);
  EXPECT_FALSE(liveDeployment(t, at("2026-03-01T00:00:00Z")));
}

TEST(DeploymentTimeline, DoraFigures) {
  History h(at("2026-03-11T00:00:00Z"));
  h.inputs.commitTimes = commitTimes(
      {{kOld, at("2026-03-01T08:00:00Z")}, {kMid, at("2026-03-03T06:00:00Z")}, {kNew, at("2026-03-05T00:00:00Z")}});
  for (int i = 1; i <= 4; ++i)
    h.run(i, "workflow_run", i == 1 ? kOld : i == 2 ? kMid : kNew, at("2026-03-01T10:00:00Z"));
  h.deployment(1, 1, kOld, {{"success", at("2026-03-01T10:00:00Z")}});  // lead 2h
  h.deployment(2, 2, kMid, {{"success", at("2026-03-03T10:00:00Z")}});  // lead 4h
  h.deployment(3, 3, kNew, {{"in_progress", at("2026-03-05T09:00:00Z")}, {"failure", at("2026-03-05T10:00:00Z")}});
  h.deployment(4, 4, kNew, {{"success", at("2026-03-05T13:00:00Z")}});  // restores after 3h, lead 13h
  h.deployment(5, 1, kOld, {{"success", at("2026-03-06T10:00:00Z")}});  // a replay: no new lead time
  const DeploymentTimeline t = buildDeploymentTimeline(h.inputs);
  const DoraFigures dora = computeDora(t, at("2026-03-01T00:00:00Z"), at("2026-03-11T00:00:00Z"));
  EXPECT_EQ(dora.successfulDeployments, 4);
  EXPECT_EQ(dora.failedDeployments, 1);
  EXPECT_DOUBLE_EQ(dora.deploymentsPerDay, 0.4);
  EXPECT_EQ(dora.leadTimeSamples, 3);
  EXPECT_EQ(*dora.leadTimeSeconds, 4 * 3600);  // median of 2h, 4h, 13h
  EXPECT_DOUBLE_EQ(*dora.changeFailureRate, 0.2);
  EXPECT_EQ(*dora.timeToRestoreSeconds, 3 * 3600);

  const DoraFigures empty = computeDora(t, at("2026-02-01T00:00:00Z"), at("2026-02-10T00:00:00Z"));
  EXPECT_EQ(empty.successfulDeployments, 0);
  EXPECT_FALSE(empty.leadTimeSeconds);
  EXPECT_FALSE(empty.changeFailureRate);
  EXPECT_FALSE(empty.timeToRestoreSeconds);
}

TEST(DeploymentTimeline, JsonReportHasTheDocumentedShapeAndCacheRoundTrips) {
  History h(at("2026-03-10T00:00:00Z"));
  auto& a = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  h.deployment(100, 1, kOld, {{"success", h.jobs(a, 60s, 120s)}});
  h.run(2, "workflow_dispatch", "", at("2026-03-02T10:00:00Z"));
  const DeploymentTimeline t = buildDeploymentTimeline(h.inputs);
  const auto doc = nlohmann::json::parse(toJson(t, computeDora(t, at("2026-03-01T00:00:00Z"), h.inputs.now)));
  EXPECT_EQ(doc["live"]["sha"], kOld);
  EXPECT_EQ(doc["live"]["deploymentId"], 100);
  EXPECT_EQ(doc["runs"][0]["class"], "auto");
  EXPECT_EQ(doc["runs"][0]["phases"][0]["name"], "waiting");
  EXPECT_EQ(doc["runs"][0]["phases"][0]["seconds"], 60);
  EXPECT_TRUE(doc["runs"][1]["sha"].is_null());
  for (const char* key : {"deploymentsPerDay", "leadTimeSeconds", "changeFailureRate", "timeToRestoreSeconds"})
    EXPECT_TRUE(doc["dora"].contains(key)) << key;

  const auto back = timelineFromJson(toJson(t, std::nullopt, TimelineJsonForm::Cache));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->runs.size(), 2u);
  EXPECT_EQ(back->run(1)->phases.size(), t.run(1)->phases.size());
  EXPECT_EQ(back->live->deploymentId, 100);
  EXPECT_EQ(back->deployments.size(), 1u);
  EXPECT_FALSE(timelineFromJson("{\"runs\": []}"));
}

// The cache file is outside input: a valid cache followed by a NUL and junk, or by a second
// document, is not a cache, and the reason says so.
// An id written as a number beyond 64 bits (7.7e62 where deploymentId belongs) is refused, not
// converted (the conversion is undefined; the fuzz target found it).
TEST(DeploymentTimeline, CacheWithAHugeNumberIsNotRead) {
  History h(at("2026-03-10T00:00:00Z"));
  auto& a = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  h.deployment(100, 1, kOld, {{"success", h.jobs(a, 60s, 120s)}});
  std::string cache = toJson(buildDeploymentTimeline(h.inputs), std::nullopt, TimelineJsonForm::Cache);
  const auto id = cache.find("\"deploymentId\": 100");
  ASSERT_NE(id, std::string::npos) << cache;
  cache.replace(id, std::string("\"deploymentId\": 100").size(), "\"deploymentId\": 7.7e62");
  std::string problem;
  EXPECT_FALSE(timelineFromJson(cache, &problem));
  EXPECT_EQ(problem, "not a timeline cache");
}

TEST(DeploymentTimeline, CacheWithTrailingDataIsNotRead) {
  History h(at("2026-03-10T00:00:00Z"));
  auto& a = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  h.deployment(100, 1, kOld, {{"success", h.jobs(a, 60s, 120s)}});
  const std::string cache = toJson(buildDeploymentTimeline(h.inputs), std::nullopt, TimelineJsonForm::Cache);
  std::string problem;
  ASSERT_TRUE(timelineFromJson(cache, &problem)) << problem;
  EXPECT_TRUE(timelineFromJson(cache + "\n"));
  for (const std::string& trailing : {std::string("\0junk", 5), std::string("{}")}) {
    problem.clear();
    EXPECT_FALSE(timelineFromJson(cache + trailing, &problem)) << trailing;
    EXPECT_EQ(problem, "not JSON: something follows the end of the document");
  }
  problem.clear();
  EXPECT_FALSE(timelineFromJson(cache.substr(0, cache.size() / 2), &problem));
  EXPECT_TRUE(problem.starts_with("not JSON: ")) << problem;
}

TEST(DeploymentTimeline, StatusesAreOldestFirstWhateverOrderTheyCameIn) {
  History h(at("2026-03-10T00:00:00Z"));
  auto& a = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  h.jobs(a, 10s, 60s);
  const TimePoint t1 = at("2026-03-01T10:01:00Z"), t2 = at("2026-03-01T10:02:00Z"), t3 = at("2026-03-01T10:03:00Z");
  h.deployment(100, 1, kOld, {{"queued", t1}, {"in_progress", t2}, {"success", t3}});      // oldest first
  h.deployment(200, 1, kOld, {{"success", t3}, {"in_progress", t2}, {"queued", t1}});      // newest first
  h.deployment(300, 1, kOld, {{"in_progress", t2}, {"success", t3}, {"queued", t1}});      // mixed
  h.deployment(400, 1, kOld, {{"in_progress", t2}, {"in_progress", t2}, {"queued", t1}});  // a repeated time
  const DeploymentTimeline t = buildDeploymentTimeline(h.inputs);
  ASSERT_EQ(t.deployments.size(), 4u);
  for (const DeploymentRecord& record : t.deployments) {
    ASSERT_EQ(record.statuses.size(), 3u) << record.id;
    EXPECT_EQ(record.statuses.front().state, "queued") << record.id;
    EXPECT_TRUE(std::is_sorted(record.statuses.begin(), record.statuses.end(),
                               [](const StatusChange& x, const StatusChange& y) {
                                 return x.at != y.at ? x.at < y.at : x.statusId < y.statusId;
                               }))
        << record.id;
  }
}

TEST(DeploymentTimeline, CacheKeepsWordsDeploymentsAndCommitTimes) {
  History h(at("2026-03-10T00:00:00Z"));
  h.inputs.commitTimes = commitTimes({{kOld, at("2026-03-01T08:00:00Z")}});
  auto& a = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  h.deployment(100, 1, kOld, {{"success", h.jobs(a, 60s, 120s)}, {"in_progress", at("2026-03-01T10:01:00Z")}});
  const DeploymentTimeline t = buildDeploymentTimeline(h.inputs);
  const DoraFigures before = computeDora(t, at("2026-03-01T00:00:00Z"), h.inputs.now);
  ASSERT_TRUE(before.leadTimeSeconds);

  const std::string cached = toJson(t, std::nullopt, TimelineJsonForm::Cache);
  std::optional<DeploymentTimeline> back = timelineFromJson(cached);
  ASSERT_TRUE(back);
  // The copy outlives the parsed original: the interned words must not dangle.
  const DeploymentTimeline copy = *back;
  back.reset();
  const TimelineRun& lane = *copy.run(1);
  EXPECT_EQ(lane.event, "workflow_run");
  EXPECT_EQ(lane.conclusion, "success");
  ASSERT_EQ(lane.jobs.size(), t.run(1)->jobs.size());
  EXPECT_EQ(lane.jobs[2].name, kProductionMutateJob);
  EXPECT_EQ(copy.deploymentIdsOf(lane), (std::vector<std::int64_t>{100}));
  const auto statuses = copy.statusesOf(lane);
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses.front()->state, "in_progress");
  EXPECT_EQ(statuses.back()->state, "success");
  EXPECT_EQ(computeDora(copy, at("2026-03-01T00:00:00Z"), h.inputs.now).leadTimeSeconds, before.leadTimeSeconds);

  // A cache written when commit times were one map still yields the lead time.
  auto legacy = nlohmann::json::parse(cached);
  legacy["deployments"][0].erase("commitTime");
  legacy["commitTimes"] = {{kOld, "2026-03-01T08:00:00Z"}};
  const auto old = timelineFromJson(legacy.dump());
  ASSERT_TRUE(old);
  EXPECT_EQ(computeDora(*old, at("2026-03-01T00:00:00Z"), h.inputs.now).leadTimeSeconds, before.leadTimeSeconds);
}

TEST(DeploymentTimeline, TwoThreadsBuildTheSameTimelineAsOne) {
  const TimelineInputs inputs = benchmarks::syntheticHistory(3000, 5);
  const DeploymentTimeline one = buildDeploymentTimeline(inputs, {.parallelLanesFrom = inputs.runs.size() + 1});
  std::optional<DeploymentTimeline> two = buildDeploymentTimeline(inputs, {.parallelLanesFrom = 1});
  const auto window = [&](const DeploymentTimeline& t) {
    return computeDora(t, inputs.now - std::chrono::days(90), inputs.now);
  };
  const std::string expected = toJson(one, window(one), TimelineJsonForm::Cache);
  ASSERT_GT(one.runs.size(), 2000u);
  EXPECT_EQ(toJson(*two, window(*two), TimelineJsonForm::Cache), expected);
  // The second half's words outlive the build: a copy still reads them after the original is gone.
  const DeploymentTimeline copy = *two;
  two.reset();
  EXPECT_EQ(toJson(copy, window(copy), TimelineJsonForm::Cache), expected);
  EXPECT_EQ(copy.runs.back().jobs.at(2).name, kProductionMutateJob);
}

TEST(StringTable, OneStableCopyPerWordWhateverCollides) {
  StringTable table;
  std::vector<std::string> words;
  for (int i = 0; i < 500; ++i) words.push_back("w" + std::to_string(i % 7) + std::string(i % 13, 'x') + "z");
  words.push_back("");
  std::vector<std::string_view> first;
  for (const std::string& word : words) first.push_back(table.intern(word));
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string copy = words[i];  // another buffer, same text
    const std::string_view again = table.intern(copy);
    EXPECT_EQ(again, words[i]);
    EXPECT_EQ(again.data(), first[i].data()) << words[i];  // the one copy, not a new one
    EXPECT_NE(again.data(), copy.data());
  }
}

TEST(DeploymentTimeline, Helpers) {
  EXPECT_EQ(parseDuration("30d")->count(), 30 * 86400);
  EXPECT_EQ(parseDuration("12h")->count(), 12 * 3600);
  EXPECT_FALSE(parseDuration("d"));
  EXPECT_FALSE(parseDuration("30x"));
  EXPECT_EQ(formatDuration(3725), "1h 02m");
  EXPECT_EQ(formatDuration(45), "45s");
  EXPECT_EQ(*findSha("Production Stage: " + kOld), kOld);
  EXPECT_FALSE(findSha("Production Stage: v2024.06-hotfix"));
  EXPECT_FALSE(findSha(kOld + "1"));
}

// One history told three ways: run 2 is created while run 1 holds the lock and starts only after
// run 1 ends; run 3 is created with nothing running and waits two minutes for a runner; run 5 is
// created while run 4 runs and starts at once (no workflow-level lock in the way).
History lockHistory() {
  History h(at("2026-03-01T14:00:00Z"));
  auto& holder = h.run(1, "workflow_run", kOld, at("2026-03-01T10:00:00Z"));
  const TimePoint holderEnd = h.jobs(holder, 10s, 30min);
  const auto delayed = [&](std::int64_t id, const std::string& sha, TimePoint created, TimePoint firstJob) {
    auto& run = h.run(id, "workflow_dispatch", sha, created);
    run.runStartedAt = firstJob;  // the jobs are laid out from here
    h.jobs(run, 10s, 60s);
    run.runStartedAt = created;
  };
  delayed(2, kMid, at("2026-03-01T10:05:00Z"), holderEnd);
  delayed(3, kNew, at("2026-03-01T11:00:00Z"), at("2026-03-01T11:02:00Z"));
  auto& parallel = h.run(4, "workflow_run", kOld, at("2026-03-01T12:00:00Z"));
  h.jobs(parallel, 10s, 10min);
  delayed(5, kMid, at("2026-03-01T12:01:00Z"), at("2026-03-01T12:01:30Z"));
  return h;
}

TEST(DeploymentTimeline, WorkflowLevelLockQueuesTheRunBeforeItsFirstJob) {
  History h = lockHistory();
  h.inputs.lockScope = LockScope::Workflow;
  const DeploymentTimeline timeline = buildDeploymentTimeline(h.inputs);
  const TimelineRun& queued = *timeline.run(2);
  ASSERT_FALSE(queued.phases.empty());
  EXPECT_EQ(queued.phases[0].kind, PhaseKind::Queued);
  EXPECT_EQ(queued.phases[0].start, at("2026-03-01T10:05:00Z"));
  EXPECT_EQ(queued.phases[0].end, at("2026-03-01T10:30:50Z"));
  EXPECT_EQ(queued.phaseSeconds(PhaseKind::Runner), 0);
  // Nothing held the lock: a wait for a runner, not the queue.
  EXPECT_EQ(timeline.run(3)->phases[0].kind, PhaseKind::Runner);
  EXPECT_EQ(timeline.run(3)->phaseSeconds(PhaseKind::Runner), 120);
  EXPECT_EQ(timeline.run(3)->phaseSeconds(PhaseKind::Queued), 0);
  // The holder itself never queued.
  EXPECT_EQ(timeline.run(1)->phaseSeconds(PhaseKind::Queued), 0);
  EXPECT_EQ(timeline.run(1)->phases[0].kind, PhaseKind::Running);
}

TEST(DeploymentTimeline, JobLevelLockLeavesTheWaitBeforeTheFirstJobToTheRunner) {
  History h = lockHistory();
  h.inputs.lockScope = LockScope::Job;
  const DeploymentTimeline timeline = buildDeploymentTimeline(h.inputs);
  const TimelineRun& run2 = *timeline.run(2);
  EXPECT_EQ(run2.phases[0].kind, PhaseKind::Runner);
  EXPECT_EQ(run2.phaseSeconds(PhaseKind::Runner), (at("2026-03-01T10:30:50Z") - at("2026-03-01T10:05:00Z")).count());
  EXPECT_EQ(run2.phaseSeconds(PhaseKind::Queued), 0);
  EXPECT_EQ(timeline.run(3)->phaseSeconds(PhaseKind::Runner), 120);
}

TEST(DeploymentTimeline, UnreadableWorkflowLetsTheHistoryTellTheLock) {
  History h = lockHistory();
  h.inputs.lockScope = LockScope::Unknown;
  const DeploymentTimeline timeline = buildDeploymentTimeline(h.inputs);
  // Created while run 1 was in progress, started only after it ended: it waited on the lock.
  EXPECT_EQ(timeline.run(2)->phases[0].kind, PhaseKind::Queued);
  EXPECT_EQ(timeline.run(2)->phaseSeconds(PhaseKind::Queued),
            (at("2026-03-01T10:30:50Z") - at("2026-03-01T10:05:00Z")).count());
  EXPECT_EQ(timeline.run(3)->phaseSeconds(PhaseKind::Runner), 120);
  // Created while run 4 ran but started before it ended: no lock in the way.
  EXPECT_EQ(timeline.run(5)->phases[0].kind, PhaseKind::Runner);
  EXPECT_EQ(timeline.run(5)->phaseSeconds(PhaseKind::Runner), 30);
}

TEST(DeploymentTimeline, RunPendingOnAWorkflowLevelLockIsQueuedUntilNow) {
  History h(at("2026-03-01T12:00:00Z"));
  auto& holder = h.run(1, "workflow_run", kOld, at("2026-03-01T11:40:00Z"));
  h.jobs(holder, 10s, 60min);  // still running at `now`
  holder.status = "in_progress";
  holder.conclusion.clear();
  h.inputs.jobs[1].back().status = "in_progress";
  h.inputs.jobs[1].back().completedAt.reset();
  auto& pending = h.run(2, "workflow_dispatch", kMid, at("2026-03-01T11:50:00Z"));
  pending.status = "pending";
  pending.conclusion.clear();
  for (LockScope scope : {LockScope::Workflow, LockScope::Unknown}) {
    h.inputs.lockScope = scope;
    const DeploymentTimeline timeline = buildDeploymentTimeline(h.inputs);
    const TimelineRun& lane = *timeline.run(2);
    ASSERT_EQ(lane.phases.size(), 1u) << toString(scope);
    EXPECT_EQ(lane.phases[0].kind, PhaseKind::Queued) << toString(scope);
    EXPECT_TRUE(lane.phases[0].open);
    EXPECT_EQ(lane.phases[0].end, h.inputs.now);
  }
}

TEST(DeploymentTimeline, RunnerPhaseRoundTripsThroughJson) {
  History h = lockHistory();
  h.inputs.lockScope = LockScope::Job;
  const DeploymentTimeline timeline = buildDeploymentTimeline(h.inputs);
  const std::optional<DeploymentTimeline> back =
      timelineFromJson(toJson(timeline, std::nullopt, TimelineJsonForm::Cache));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->run(3)->phaseSeconds(PhaseKind::Runner), 120);
}

}  // namespace
}  // namespace releasedesk
