// TimelineLoader over the built-in sandbox (SandboxTransport + ManualScheduler): the story the
// sandbox tells comes out of the model, at a bounded request cost, and a second refresh is cheap.
#include "core/timeline/timeline_loader.h"
#include "core/github/github_client.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kRuntimeOld = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";
constexpr std::string_view kIdentity = "84131100147d9ed7a33d38a3c291f8edc7e4ea64";
constexpr std::string_view kFailedDeploy = "4bd780cba4864856691dedee9ca56d1ea87442c5";
constexpr std::string_view kNewest = "a13e390e0d8caef0d8a77d1c754990fd5275835c";

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");

// Counts requests per URL (path and query) so a test can tell none was repeated.
// Answers 404 for the production workflow's file when `hideWorkflow` is set, like a repository
// whose workflow the token cannot read.
class CountingTransport final : public Transport {
 public:
  CountingTransport(Transport& inner, Scheduler& scheduler) : inner_(inner), scheduler_(scheduler) {}
  void send(HttpRequest request, Completion done) override {
    ++byUrl[request.url];
    if (hideWorkflow && request.url.find("/contents/.github/workflows/") != std::string::npos) {
      TransportReply reply;
      reply.response.status = 404;
      reply.response.body = R"({"message":"Not Found"})";
      scheduler_.post(std::chrono::milliseconds(0),
                      [done = std::move(done), reply = std::move(reply)] { done(reply); });
      return;
    }
    inner_.send(std::move(request), std::move(done));
  }
  std::map<std::string, int> byUrl;
  bool hideWorkflow = false;

 private:
  Transport& inner_;
  Scheduler& scheduler_;
};

class TimelineLoaderTest : public ::testing::Test {
 protected:
  TimelineLoaderTest()
      : repository_(kOpenedAt),
        scheduler_(kOpenedAt),
        sandbox_(repository_, scheduler_),
        counting_(sandbox_, scheduler_),
        client_(counting_, scheduler_, config()) {}

  static GitHubClientConfig config() {
    GitHubClientConfig config;
    config.apiBase = std::string(kSandboxApiBase);
    config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    config.token = "sandbox-token";
    return config;
  }

  TimelineRefresh refresh(TimelineLoader& loader) {
    std::optional<TimelineRefresh> result;
    loader.refresh([&result](TimelineRefresh r) { result = std::move(r); });
    for (int i = 0; i < 500 && !result; ++i) scheduler_.runDue();
    EXPECT_TRUE(result.has_value());
    return result ? std::move(*result) : TimelineRefresh{};
  }

  SandboxRepository repository_;
  testing::ManualScheduler scheduler_;
  SandboxTransport sandbox_;
  CountingTransport counting_;
  GitHubClient client_;
};

const TimelineRun* laneOf(const DeploymentTimeline& t, std::string_view sha, RunClass cls) {
  for (const TimelineRun& lane : t.runs) {
    if (lane.sha && *lane.sha == sha && lane.runClass == cls) return &lane;
  }
  return nullptr;
}

TEST_F(TimelineLoaderTest, TellsTheSandboxStory) {
  TimelineLoader loader(client_, scheduler_, {.window = std::chrono::days(90)});
  const TimelineRefresh r = refresh(loader);
  ASSERT_FALSE(r.error) << r.error->message;
  const DeploymentTimeline& t = r.timeline;
  ASSERT_GE(t.runs.size(), 25u);

  // What is live: the rollback target (the re-converge of it is still running).
  ASSERT_TRUE(t.live);
  EXPECT_EQ(t.live->sha, kRuntimeOld);

  // The rollback: a replay of 0b8f1f0 while the newer 84131100 was live.
  const TimelineRun* rollback = laneOf(t, kRuntimeOld, RunClass::Rollback);
  ASSERT_NE(rollback, nullptr);
  EXPECT_EQ(rollback->conclusion, "success");

  // The failed deploy.
  const auto failed = std::find_if(t.runs.begin(), t.runs.end(), [](const TimelineRun& l) {
    return l.sha && *l.sha == kFailedDeploy && l.conclusion == "failure";
  });
  ASSERT_NE(failed, t.runs.end());
  EXPECT_FALSE(t.statusesOf(*failed).empty());

  // The re-run attempt.
  const auto rerun = std::find_if(t.runs.begin(), t.runs.end(), [](const TimelineRun& l) { return l.rerun; });
  ASSERT_NE(rerun, t.runs.end());
  EXPECT_EQ(*rerun->sha, kIdentity);
  EXPECT_EQ(rerun->deployments.size(), 2u);  // the failed attempt's and the re-run's

  // The run queued behind the lock, now.
  const TimelineRun* queued = laneOf(t, kIdentity, RunClass::Replay);
  ASSERT_NE(queued, nullptr);
  EXPECT_TRUE(queued->inProgress);
  EXPECT_EQ(queued->phases.back().kind, PhaseKind::Queued);
  EXPECT_TRUE(queued->phases.back().open);
  EXPECT_GT(queued->phaseSeconds(PhaseKind::Queued), 0);

  // The run waiting for approval.
  const TimelineRun* waiting = laneOf(t, kNewest, RunClass::Auto);
  ASSERT_NE(waiting, nullptr);
  EXPECT_EQ(waiting->status, "waiting");
  EXPECT_EQ(waiting->phases.back().kind, PhaseKind::Waiting);

  // The run that cannot be tied to a sha, and why.
  const auto untied = std::find_if(t.runs.begin(), t.runs.end(), [](const TimelineRun& l) { return !l.sha; });
  ASSERT_NE(untied, t.runs.end());
  EXPECT_EQ(untied->shaSource, ShaSource::Unknown);
  EXPECT_FALSE(untied->shaNote.empty());

  // DORA over ninety days.
  EXPECT_GT(r.dora.successfulDeployments, 10);
  EXPECT_GE(r.dora.failedDeployments, 2);
  ASSERT_TRUE(r.dora.leadTimeSeconds);
  EXPECT_GT(*r.dora.leadTimeSeconds, 0);
  ASSERT_TRUE(r.dora.timeToRestoreSeconds);
  ASSERT_TRUE(r.dora.changeFailureRate);
}

TEST_F(TimelineLoaderTest, ReadsWhereTheWorkflowDeclaresTheLock) {
  TimelineLoader loader(client_, scheduler_, {.window = std::chrono::days(90)});
  const TimelineRefresh r = refresh(loader);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.inputs.lockScope, LockScope::Job);  // the sandbox's production-mutate holds it
}

TEST_F(TimelineLoaderTest, UnreadableWorkflowStillGivesTheTimeline) {
  counting_.hideWorkflow = true;
  TimelineLoader loader(client_, scheduler_, {.window = std::chrono::days(90)});
  const TimelineRefresh r = refresh(loader);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.inputs.lockScope, LockScope::Unknown);
  const TimelineRun* queued = laneOf(r.timeline, kIdentity, RunClass::Replay);
  ASSERT_NE(queued, nullptr);
  EXPECT_EQ(queued->phases.back().kind, PhaseKind::Queued);  // the history still tells the lock
}

// Every run's jobs and artifact list, every deployment's statuses and the commits of the shas
// the lists give leave together once the lists are in: two waves, however long the history.
// Over GraphQL they are a few batched
// requests; over REST (a server without GraphQL) one per object, in the same two waves.
TEST_F(TimelineLoaderTest, EverythingAfterTheListsLeavesInOneWave) {
  auto trace = std::make_shared<RequestTrace>();
  client_.setTrace(trace);
  TimelineLoader loader(client_, scheduler_, {.window = std::chrono::days(90)});
  const TimelineRefresh result = refresh(loader);
  ASSERT_FALSE(result.error);
  EXPECT_EQ(trace->waves(), 2);
  int graphql = 0;
  for (const TracedRequest& request : trace->requests()) {
    // The lists, and the workflow file that tells where the lock is declared.
    const bool list = request.target.find("/runs?") != std::string::npos ||
                      request.target.find("/deployments?") != std::string::npos ||
                      request.target.find("/contents/") != std::string::npos;
    graphql += request.target == "/graphql" ? 1 : 0;
    EXPECT_EQ(request.wave, list ? 1 : 2) << request.target;
  }
  EXPECT_EQ(graphql, 2);  // the jobs and statuses, and the commits
  EXPECT_EQ(result.cost.graphqlRequests, 2);

  auto restTrace = std::make_shared<RequestTrace>();
  GitHubClientConfig restOnly = config();
  restOnly.graphql = false;
  GitHubClient rest(counting_, scheduler_, restOnly);
  rest.setTrace(restTrace);
  TimelineLoader restLoader(rest, scheduler_, {.window = std::chrono::days(90)});
  const TimelineRefresh overRest = refresh(restLoader);
  ASSERT_FALSE(overRest.error);
  EXPECT_EQ(restTrace->waves(), 2);
  EXPECT_GT(restTrace->sent(), 4 * trace->sent());
  EXPECT_EQ(overRest.timeline.runs.size(), result.timeline.runs.size());

  std::cout << "timeline: " << trace->sent() << " requests in " << trace->waves() << " waves (GraphQL); "
            << restTrace->sent() << " in " << restTrace->waves() << " over REST\n";
}

TEST_F(TimelineLoaderTest, ProgressCountsTheRunsWhoseJobsAreRead) {
  TimelineLoader loader(client_, scheduler_, {.window = std::chrono::days(90)});
  std::vector<TimelineProgress> seen;
  loader.setProgress([&seen](const TimelineProgress& p) { seen.push_back(p); });
  const TimelineRefresh r = refresh(loader);
  ASSERT_FALSE(r.error);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_TRUE(seen.front().listed);
  EXPECT_EQ(seen.front().jobsDone, 0);
  EXPECT_EQ(seen.back().jobsTotal, static_cast<int>(r.timeline.runs.size()));
  EXPECT_EQ(seen.back().jobsDone, seen.back().jobsTotal);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_EQ(seen[i].jobsDone, seen[i - 1].jobsDone + 1);
}

TEST_F(TimelineLoaderTest, NoRequestRepeatedAndTheSecondRefreshIsCheap) {
  TimelineLoader loader(client_, scheduler_, {.window = std::chrono::days(90), .maxParallel = 3});
  const TimelineRefresh first = refresh(loader);
  ASSERT_FALSE(first.error);
  const std::string graphqlUrl = std::string(kSandboxApiBase) + "/graphql";
  for (const auto& [url, count] : counting_.byUrl) {
    if (url != graphqlUrl) EXPECT_EQ(count, 1) << url;
  }
  EXPECT_EQ(counting_.byUrl[graphqlUrl], 2);
  // Completed first attempts' jobs come in the batch; a run still going, or a re-run, over REST.
  const int jobsRequests =
      static_cast<int>(std::count_if(counting_.byUrl.begin(), counting_.byUrl.end(),
                                     [](const auto& e) { return e.first.find("/jobs") != std::string::npos; }));
  const auto changing = std::count_if(first.inputs.runs.begin(), first.inputs.runs.end(), [](const WorkflowRun& run) {
    return run.status != "completed" || run.runAttempt > 1;
  });
  EXPECT_EQ(jobsRequests, changing);
  EXPECT_EQ(first.inputs.jobs.size(), first.inputs.runs.size());

  counting_.byUrl.clear();
  scheduler_.advance(30s);
  const TimelineRefresh second = refresh(loader);
  ASSERT_FALSE(second.error);
  for (const auto& [url, count] : counting_.byUrl) {
    EXPECT_EQ(count, 1) << url;
    EXPECT_EQ(url.find("/commits/"), std::string::npos) << "commit fetched twice: " << url;
  }
  // Only runs in progress have their jobs read again; finished deployments keep their statuses.
  int jobs = 0, statuses = 0;
  for (const auto& [url, count] : counting_.byUrl) {
    jobs += url.find("/jobs") != std::string::npos;
    statuses += url.find("/statuses") != std::string::npos;
  }
  const auto inProgress = std::count_if(second.timeline.runs.begin(), second.timeline.runs.end(),
                                        [](const TimelineRun& l) { return l.inProgress; });
  EXPECT_EQ(jobs, inProgress);
  EXPECT_EQ(statuses, 0);
  EXPECT_LE(counting_.byUrl[graphqlUrl], 1);  // at most the deployment still in progress
  EXPECT_LT(second.cost.requests, first.cost.requests);
}

TEST_F(TimelineLoaderTest, ThirtyDayWindowStillFindsTheLiveDeployment) {
  TimelineLoader loader(client_, scheduler_, {.window = std::chrono::days(30)});
  const TimelineRefresh r = refresh(loader);
  ASSERT_FALSE(r.error);
  for (const TimelineRun& lane : r.timeline.runs) EXPECT_GE(lane.start, kOpenedAt - std::chrono::days(31));
  ASSERT_TRUE(r.timeline.live);
  EXPECT_EQ(r.timeline.live->sha, kRuntimeOld);
}

}  // namespace
}  // namespace releasedesk
