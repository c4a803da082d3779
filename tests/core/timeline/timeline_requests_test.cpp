// What a cold timeline costs in requests as the history grows, against a GitHub stand-in with
// 28 to 1,000 runs: over GraphQL the count grows with pages of 100, not with runs; over REST
// (a server without GraphQL) it is one request per run, deployment and commit. Both read the same
// timeline.
#include "core/timeline/timeline_loader.h"

#include "tests/core/support/fake_network.h"
#include "tests/core/support/synthetic_github.h"

#include <gtest/gtest.h>

namespace releasedesk {
namespace {

const TimePoint kNow = *parseIsoTime("2026-11-30T12:00:00Z");

struct Read {
  TimelineRefresh refresh;
  std::map<std::string, int> asked;
  int waves = 0;
};

Read coldTimeline(int runs, bool graphql) {
  testing::ManualScheduler scheduler{kNow};
  testing::SyntheticGitHub github(scheduler, runs);
  GitHubClientConfig config;
  config.apiBase = "https://api.github.com";
  config.repo = {"contoso", "shop"};
  config.token = "t";
  config.graphql = graphql;
  GitHubClient client(github, scheduler, config);
  auto trace = std::make_shared<RequestTrace>();
  client.setTrace(trace);
  TimelineLoader loader(client, scheduler, {.window = std::chrono::days(90)});
  std::optional<TimelineRefresh> result;
  loader.refresh([&result](TimelineRefresh r) { result = std::move(r); });
  for (int i = 0; i < 100000 && !result; ++i) scheduler.runDue();
  EXPECT_TRUE(result);
  return {result ? std::move(*result) : TimelineRefresh{}, github.asked, trace->waves()};
}

int pages(int items) {
  return (items + 99) / 100;
}

class TimelineRequests : public ::testing::TestWithParam<int> {};

TEST_P(TimelineRequests, GrowWithPagesNotRuns) {
  const int runs = GetParam();
  const Read read = coldTimeline(runs, true);
  ASSERT_FALSE(read.refresh.error) << read.refresh.error->message;
  EXPECT_EQ(read.refresh.timeline.runs.size(), static_cast<std::size_t>(runs));
  EXPECT_EQ(read.asked.count("jobs"), 0u);
  EXPECT_EQ(read.asked.count("statuses"), 0u);
  EXPECT_EQ(read.asked.count("commit"), 0u);
  // The two run lists, the deployments, the workflow file; then one GraphQL request per 100 runs
  // and deployments, and one per 100 commits.
  EXPECT_EQ(read.asked.at("runs"), pages(runs) + 1);
  EXPECT_EQ(read.asked.at("deployments"), pages(runs));
  EXPECT_EQ(read.asked.at("graphql"), pages(2 * runs) + pages(runs));
  EXPECT_EQ(read.refresh.cost.requests, pages(runs) + 1 + pages(runs) + 1 + pages(2 * runs) + pages(runs));
  EXPECT_EQ(read.refresh.cost.graphqlRequests, read.asked.at("graphql"));
  // A list's pages follow one another; everything after the lists leaves at once.
  EXPECT_EQ(read.waves, pages(runs) + 1);
}

TEST_P(TimelineRequests, RestReadsTheSameTimelineOneRequestPerObject) {
  const int runs = GetParam();
  const Read rest = coldTimeline(runs, false);
  const Read graphql = coldTimeline(runs, true);
  ASSERT_FALSE(rest.refresh.error) << rest.refresh.error->message;
  EXPECT_EQ(rest.asked.at("jobs"), runs);
  EXPECT_EQ(rest.asked.at("statuses"), runs);
  EXPECT_EQ(rest.asked.at("commit"), runs);
  EXPECT_EQ(rest.asked.count("graphql"), 0u);
  ASSERT_EQ(rest.refresh.timeline.runs.size(), graphql.refresh.timeline.runs.size());
  ASSERT_EQ(rest.refresh.timeline.deployments.size(), graphql.refresh.timeline.deployments.size());
  for (std::size_t i = 0; i < rest.refresh.timeline.runs.size(); ++i) {
    const TimelineRun& a = rest.refresh.timeline.runs[i];
    const TimelineRun& b = graphql.refresh.timeline.runs[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.sha, b.sha);
    EXPECT_EQ(a.phases.size(), b.phases.size());
    EXPECT_EQ(a.jobs.size(), b.jobs.size());
  }
  EXPECT_EQ(rest.refresh.dora.successfulDeployments, graphql.refresh.dora.successfulDeployments);
  EXPECT_EQ(rest.refresh.dora.successfulDeployments, runs);
  EXPECT_EQ(rest.refresh.dora.leadTimeSeconds, graphql.refresh.dora.leadTimeSeconds);
  EXPECT_EQ(rest.refresh.timeline.live.has_value(), graphql.refresh.timeline.live.has_value());
}

INSTANTIATE_TEST_SUITE_P(Histories, TimelineRequests, ::testing::Values(28, 250, 1000));

}  // namespace
}  // namespace releasedesk
