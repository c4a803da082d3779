// The decision context read through the real GitHubClient over the built-in sandbox: every part
// in one read, candidates tied to their acceptance runs and to live, the inbox classified
// against the timeline, and a re-read of an unchanged repository that costs no rate limit.
#include "core/actions/decision_context.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

namespace releasedesk {
namespace {

using testing::ManualScheduler;

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");
constexpr std::string_view kWaiting = "a13e390e0d8caef0d8a77d1c754990fd5275835c";  // waits for approval

class DecisionContextTest : public ::testing::Test {
 protected:
  DecisionContextTest()
      : repository_(kOpenedAt),
        scheduler_(kOpenedAt),
        transport_(repository_, scheduler_),
        client_(transport_, scheduler_, config()) {}

  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = std::string(kSandboxApiBase);
    c.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    return c;
  }

  DecisionContext read(DecisionContextReader& reader, DecisionContextParts parts = {}) {
    std::optional<DecisionContext> context;
    reader.read(parts, [&](DecisionContext c) { context = std::move(c); });
    EXPECT_FALSE(context.has_value()) << "answered inside read()";
    for (int i = 0; i < 200 && !context; ++i) scheduler_.runDue();
    EXPECT_TRUE(context.has_value());
    return context.value_or(DecisionContext{});
  }

  SandboxRepository repository_;
  ManualScheduler scheduler_;
  SandboxTransport transport_;
  GitHubClient client_;
};

TEST_F(DecisionContextTest, OneReadBringsCandidatesLiveEnvironmentAndInbox) {
  DecisionContextReader reader(client_, scheduler_);
  const DecisionContext context = read(reader);

  ASSERT_TRUE(context.candidates.has_value()) << context.candidatesError;
  const CandidateRelations& candidates = *context.candidates;
  ASSERT_FALSE(candidates.candidates.empty());
  ASSERT_TRUE(candidates.relations.live.has_value());
  // Newest acceptance first, each tied to its acceptance run.
  for (std::size_t i = 1; i < candidates.candidates.size(); ++i) {
    ASSERT_TRUE(candidates.candidates[i].acceptedAt.has_value());
    EXPECT_GE(*candidates.candidates[i - 1].acceptedAt, *candidates.candidates[i].acceptedAt);
  }
  for (const ActionCandidate& candidate : candidates.candidates) EXPECT_TRUE(candidate.acceptanceRunId.has_value());
  const CandidateRelation* live = candidates.relationOf(candidates.relations.live->sha);
  ASSERT_NE(live, nullptr);
  EXPECT_EQ(live->relation, LiveRelation::Live);
  EXPECT_TRUE(candidates.diff(candidates.relations.live->sha).sameAsLive());
  EXPECT_EQ(candidates.findByPrefix(kWaiting.substr(0, 7)), candidates.find(kWaiting));
  EXPECT_EQ(candidates.findByPrefix(kWaiting.substr(0, 6)), nullptr) << "six digits are too short a prefix";

  // The sandbox's production environment misses one variable.
  ASSERT_TRUE(context.environment.has_value()) << context.environmentError;
  EXPECT_FALSE(context.environment->complete());

  ASSERT_TRUE(context.inbox.has_value()) << context.inboxError;
  ASSERT_EQ(context.inbox->waiting.size(), 1u);
  EXPECT_EQ(context.inbox->waiting.front().sha.value_or(""), kWaiting);
  EXPECT_FALSE(context.credentialsRejected);
}

TEST_F(DecisionContextTest, AnUnchangedRereadCostsNoRateLimit) {
  DecisionContextReader reader(client_, scheduler_);
  const DecisionContextParts parts{true, false, true};
  const DecisionContext first = read(reader, parts);
  ASSERT_TRUE(first.candidates.has_value());
  EXPECT_GT(first.cost.rateLimitCost, 0);

  const DecisionContext second = read(reader, parts);
  ASSERT_TRUE(second.candidates.has_value());
  EXPECT_GT(second.cost.requests, 0);
  EXPECT_EQ(second.cost.rateLimitCost, 0) << second.cost.requests << " requests, " << second.cost.notModified << " 304";
}

TEST_F(DecisionContextTest, AReadAskedForDuringAnotherIsAnsweredByAFreshOne) {
  DecisionContextReader reader(client_, scheduler_);
  std::vector<int> order;
  reader.read({true, false, false}, [&](DecisionContext) { order.push_back(1); });
  reader.read({false, false, true}, [&](DecisionContext c) {
    order.push_back(2);
    EXPECT_TRUE(c.inbox.has_value()) << "the queued read reads what it asked for";
  });
  for (int i = 0; i < 400 && order.size() < 2; ++i) scheduler_.runDue();
  EXPECT_EQ(order, (std::vector<int>{1, 2}));
}

TEST_F(DecisionContextTest, ACatalogGivenIsUsedInsteadOfDownloadingTheEvidenceAgain) {
  DecisionContextReader first(client_, scheduler_);
  const DecisionContext firstRead = read(first, {true, false, false});
  ASSERT_TRUE(firstRead.candidates.has_value());

  DecisionContextReader reader(client_, scheduler_);
  CandidateCatalog catalog = firstRead.candidates->catalog;
  catalog.candidates.pop_back();
  const std::size_t expected = catalog.candidates.size();
  reader.useCatalog(std::move(catalog));
  const RequestCounters before = client_.counters();
  const DecisionContext context = read(reader, {true, false, false});
  ASSERT_TRUE(context.candidates.has_value());
  EXPECT_EQ(context.candidates->candidates.size(), expected);
  EXPECT_TRUE(context.candidates->relations.live.has_value());
  // Only the timeline's listings: no acceptance runs, no artifact list, no download.
  EXPECT_LT(client_.counters().requests - before.requests, firstRead.cost.requests);
}

TEST_F(DecisionContextTest, NothingAskedIsStillAnsweredLater) {
  DecisionContextReader reader(client_, scheduler_);
  const DecisionContext context = read(reader, {false, false, false});
  EXPECT_FALSE(context.candidates.has_value());
  EXPECT_EQ(context.cost.requests, 0);
}

TEST_F(DecisionContextTest, AnUnreachableRepositorySaysWhyForEachPart) {
  GitHubClientConfig c = config();
  c.repo = {"contoso", "missing"};
  GitHubClient client(transport_, scheduler_, c);
  DecisionContextReader reader(client, scheduler_);
  const DecisionContext context = read(reader);
  EXPECT_FALSE(context.candidates.has_value());
  EXPECT_NE(context.candidatesError.find("could not be read"), std::string::npos) << context.candidatesError;
  EXPECT_FALSE(context.inbox.has_value());
  EXPECT_FALSE(context.inboxError.empty());
}

}  // namespace
}  // namespace releasedesk
