// CandidateFeed over the in-process sandbox: a repository's candidates come from its acceptance
// runs' evidence artifacts, verified like a local tree, and artifacts are downloaded only once.
#include "core/evidence/candidate_feed.h"

#include "core/evidence/artifact_zip.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <optional>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;

struct CandidateFeedTest : ::testing::Test {
  static GitHubClientConfig sandboxConfig() {
    GitHubClientConfig config;
    config.apiBase = std::string(kSandboxApiBase);
    config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    return config;
  }

  CandidateCatalog refresh() {
    std::optional<CandidateCatalog> catalog;
    feed.refresh([&](CandidateCatalog c) { catalog = std::move(c); });
    scheduler.runAll();
    EXPECT_TRUE(catalog.has_value());
    return catalog.value_or(CandidateCatalog{});
  }

  testing::ManualScheduler scheduler;
  SandboxRepository repository{std::chrono::floor<std::chrono::seconds>(scheduler.now())};
  SandboxTransport transport{repository, scheduler};
  GitHubClient client{transport, scheduler, sandboxConfig()};
  CandidateFeed feed{client};
};

TEST_F(CandidateFeedTest, ReadsEveryCandidateOfTheSandbox) {
  const CandidateCatalog catalog = refresh();
  ASSERT_TRUE(catalog.error.empty()) << catalog.error;
  EXPECT_EQ(catalog.root, "contoso/shop");
  ASSERT_EQ(catalog.candidates.size(), 6u);
  int accepted = 0, rejected = 0, invalid = 0;
  for (const CandidateEntry& entry : catalog.candidates) {
    EXPECT_EQ(entry.report.manifest.headSha, entry.sha);
    EXPECT_NE(entry.path.find("acceptance-evidence-"), std::string::npos) << entry.path;
    accepted += entry.report.verdict == Verdict::Accepted;
    rejected += entry.report.verdict == Verdict::Rejected;
    invalid += entry.report.verdict == Verdict::Invalid;
  }
  EXPECT_EQ(accepted, 4);
  EXPECT_EQ(rejected, 1);
  EXPECT_EQ(invalid, 1);
  EXPECT_EQ(feed.downloads(), 6);
}

TEST_F(CandidateFeedTest, ARepeatedRefreshDownloadsNothingAndCostsNoRateLimit) {
  refresh();
  const RequestCounters before = client.counters();
  const CandidateCatalog again = refresh();
  EXPECT_EQ(again.candidates.size(), 6u);
  EXPECT_EQ(feed.downloads(), 6);
  const RequestCounters batch = client.counters() - before;
  EXPECT_GT(batch.requests, 0);
  EXPECT_EQ(batch.rateLimitCost, 0);
  EXPECT_EQ(batch.notModified, batch.requests);
}

TEST_F(CandidateFeedTest, AMissingWorkflowIsAnErrorWithAPlainSentence) {
  CandidateFeedOptions options;
  options.acceptanceWorkflow = "no-such-workflow.yml";
  CandidateFeed missing(client, options);
  std::optional<CandidateCatalog> catalog;
  missing.refresh([&](CandidateCatalog c) { catalog = std::move(c); });
  scheduler.runAll();
  ASSERT_TRUE(catalog);
  EXPECT_TRUE(catalog->candidates.empty());
  EXPECT_NE(catalog->error.find("404"), std::string::npos) << catalog->error;
}

TEST_F(CandidateFeedTest, NoCallbackAfterTheFeedIsGone) {
  bool called = false;
  {
    CandidateFeed shortLived(client);
    shortLived.refresh([&](CandidateCatalog) { called = true; });
  }
  scheduler.runAll();
  EXPECT_FALSE(called);
}

TEST(CandidateFeedCredentials, ARejectedTokenIsMarkedSoTheDeskCanAskForANewOne) {
  testing::ManualScheduler scheduler;
  testing::ScriptedTransport transport(scheduler);
  GitHubClientConfig config;
  config.repo = {"contoso", "shop"};
  config.token = "expired";
  GitHubClient client(transport, scheduler, config);
  CandidateFeed feed(client);
  transport.respond(401, R"({"message":"Bad credentials"})");
  std::optional<CandidateCatalog> catalog;
  feed.refresh([&](CandidateCatalog c) { catalog = std::move(c); });
  scheduler.runAll();
  ASSERT_TRUE(catalog);
  EXPECT_TRUE(catalog->credentialsRejected);
  EXPECT_NE(catalog->error.find("did not accept the token"), std::string::npos) << catalog->error;

  // Any other failure is not a token problem.
  transport.respond(503, "{}");
  for (int i = 0; i < 3; ++i) transport.respond(503, "{}");
  catalog.reset();
  feed.refresh([&](CandidateCatalog c) { catalog = std::move(c); });
  scheduler.runAll();
  ASSERT_TRUE(catalog);
  EXPECT_FALSE(catalog->credentialsRejected);
  EXPECT_FALSE(catalog->error.empty());
}

TEST(ArtifactZip, RefusesWhatIsNotAZip) {
  std::string out;
  std::string error;
  EXPECT_FALSE(extractFromZip("not a zip at all", "evidence-manifest.json", 1024, out, error));
  EXPECT_EQ(error, "the artifact is not a zip archive");
}

}  // namespace
}  // namespace releasedesk
