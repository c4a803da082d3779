// The stale-head guard: its decisions on what was read (head, superseded, behind live, replay),
// every GitHub failure on the way failing closed, and the whole read over the sandbox.
#include "core/actions/stale_guard.h"

#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <optional>

namespace releasedesk {
namespace {

constexpr const char* kCandidate = "a13e390e0d8caef0d8a77d1c754990fd5275835c";
constexpr const char* kNewer = "b5d3e2c7a1f04c6e8d9b7a6c5e4f3d2c1b0a9f8e";
constexpr const char* kLive = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";

StaleGuardRequest autoPromotion(std::string sha = kCandidate) {
  StaleGuardRequest request;
  request.sha = std::move(sha);
  request.event = "workflow_run";
  return request;
}

GitHubError serverError(std::string message) {
  GitHubError error;
  error.kind = GitHubErrorKind::ServerError;
  error.httpStatus = 502;
  error.message = std::move(message);
  return error;
}

StaleGuardFacts headIsCandidate() {
  StaleGuardFacts facts;
  facts.head = Result<Branch>(Branch{"main", kCandidate, true});
  return facts;
}

StaleGuardFacts liveAt(const char* sha, CommitComparison comparison) {
  StaleGuardFacts facts = headIsCandidate();
  facts.live = Result<std::optional<LiveProduction>>(std::optional<LiveProduction>(LiveProduction{2100000217, sha}));
  facts.comparison = Result<CommitComparison>(std::move(comparison));
  return facts;
}

// ---- decisions ---------------------------------------------------------------------------

TEST(StaleGuardDecision, AReplayProceedsWithoutReadingGitHub) {
  StaleGuardRequest request = autoPromotion();
  request.event = "workflow_dispatch";
  const StaleGuardDecision decision = decideStaleGuard(request, {});
  EXPECT_TRUE(decision.decided);
  EXPECT_TRUE(decision.proceed);
  EXPECT_EQ(decision.reason,
            "A workflow_dispatch run is a replay or rollback a person chose: the stale guard lets "
            "a13e390e0d8caef0d8a77d1c754990fd5275835c through (it holds back auto promotions only).");
}

TEST(StaleGuardDecision, TheHeadProceedsWhenNothingIsLive) {
  StaleGuardFacts facts = headIsCandidate();
  facts.live = Result<std::optional<LiveProduction>>(std::optional<LiveProduction>());
  const StaleGuardDecision decision = decideStaleGuard(autoPromotion(), facts);
  EXPECT_TRUE(decision.decided);
  EXPECT_TRUE(decision.proceed);
  EXPECT_EQ(decision.reason, std::string(kCandidate) + " is the head of main and nothing is live in production yet.");
}

TEST(StaleGuardDecision, TheHeadAheadOfLiveProceeds) {
  const StaleGuardDecision decision = decideStaleGuard(autoPromotion(), liveAt(kLive, {"ahead", 5, 0, kLive, ""}));
  EXPECT_TRUE(decision.decided);
  EXPECT_TRUE(decision.proceed);
  EXPECT_EQ(decision.reason, std::string(kCandidate) +
                                 " is the head of main and 5 commits ahead of the live production deployment "
                                 "2100000217 (0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8).");
}

TEST(StaleGuardDecision, TheHeadThatIsAlreadyLiveProceedsWithoutComparing) {
  StaleGuardFacts facts = headIsCandidate();
  facts.live = Result<std::optional<LiveProduction>>(std::optional<LiveProduction>(LiveProduction{7, kCandidate}));
  const StaleGuardDecision decision = decideStaleGuard(autoPromotion(), facts);
  EXPECT_TRUE(decision.proceed);
  EXPECT_NE(decision.reason.find("is already the live production deployment 7"), std::string::npos);
}

TEST(StaleGuardDecision, ANewerHeadSupersedesTheCandidate) {
  StaleGuardFacts facts;
  facts.head = Result<Branch>(Branch{"main", kNewer, true});
  const StaleGuardDecision decision = decideStaleGuard(autoPromotion(), facts);
  EXPECT_TRUE(decision.decided);
  EXPECT_FALSE(decision.proceed);
  EXPECT_EQ(decision.reason, std::string("main has moved on: its head ") + kNewer + " supersedes " + kCandidate +
                                 ", and an auto promotion deploys only the branch's head.");
}

TEST(StaleGuardDecision, AHeadBehindLiveDoesNotProceedAndNamesTheLiveDeployment) {
  const StaleGuardDecision decision = decideStaleGuard(autoPromotion(), liveAt(kNewer, {"behind", 0, 3, kNewer, ""}));
  EXPECT_TRUE(decision.decided);
  EXPECT_FALSE(decision.proceed);
  EXPECT_EQ(decision.reason, std::string("the live production deployment 2100000217 (") + kNewer +
                                 ") is 3 commits newer than " + kCandidate +
                                 " and supersedes it: an auto promotion never moves production back (a rollback is "
                                 "a workflow_dispatch replay).");
}

TEST(StaleGuardDecision, AHeadThatDivergedFromLiveDoesNotProceed) {
  const StaleGuardDecision decision = decideStaleGuard(autoPromotion(), liveAt(kNewer, {"diverged", 2, 1, kNewer, ""}));
  EXPECT_TRUE(decision.decided);
  EXPECT_FALSE(decision.proceed);
  EXPECT_NE(decision.reason.find("has diverged from the live production deployment 2100000217"), std::string::npos);
  EXPECT_NE(decision.reason.find("it lacks 1 commit that are live"), std::string::npos);
}

struct Undecided {
  const char* name;
  StaleGuardRequest request;
  StaleGuardFacts facts;
  std::string reason;
};

class StaleGuardUndecided : public ::testing::TestWithParam<Undecided> {};

TEST_P(StaleGuardUndecided, FailsClosedAndSaysWhatCouldNotBeRead) {
  const StaleGuardDecision decision = decideStaleGuard(GetParam().request, GetParam().facts);
  EXPECT_FALSE(decision.decided);
  EXPECT_FALSE(decision.proceed);
  EXPECT_EQ(decision.reason, GetParam().reason);
}

StaleGuardFacts headError() {
  StaleGuardFacts facts;
  facts.head = Result<Branch>(serverError("GitHub answered 502 for the branch 'main' of o/r."));
  return facts;
}

StaleGuardFacts liveError() {
  StaleGuardFacts facts = headIsCandidate();
  facts.live = Result<std::optional<LiveProduction>>(serverError("GitHub answered 502 for the deployments."));
  return facts;
}

StaleGuardFacts compareError() {
  StaleGuardFacts facts = liveAt(kLive, {});
  facts.comparison = Result<CommitComparison>(serverError("GitHub answered 502 for the comparison."));
  return facts;
}

StaleGuardFacts noComparison() {
  StaleGuardFacts facts = liveAt(kLive, {});
  facts.comparison.reset();
  return facts;
}

StaleGuardFacts headWithoutCommit() {
  StaleGuardFacts facts;
  facts.head = Result<Branch>(Branch{"main", "", false});
  return facts;
}

StaleGuardRequest withEvent(std::string event) {
  StaleGuardRequest request = autoPromotion();
  request.event = std::move(event);
  return request;
}

const std::string kCompareWhat = std::string("The comparison of ") + kCandidate +
                                 " with the live production deployment 2100000217 (" + kLive + ") could not be read";

INSTANTIATE_TEST_SUITE_P(
    EveryGap, StaleGuardUndecided,
    ::testing::Values(
        Undecided{"NoEvent",
                  withEvent(""),
                  {},
                  "The event that started the workflow could not be read: pass --event or set GITHUB_EVENT_NAME."},
        Undecided{"OtherEvent",
                  withEvent("push"),
                  {},
                  "The stale guard decides for workflow_run and workflow_dispatch runs only, not for 'push'."},
        Undecided{"ShortSha",
                  autoPromotion("a13e390"),
                  {},
                  "The candidate SHA 'a13e390' could not be read: the guard needs the full 40-character commit SHA."},
        Undecided{"HeadNotRead", autoPromotion(), {}, "The head of branch 'main' could not be read."},
        Undecided{"HeadError", autoPromotion(), headError(),
                  "The head of branch 'main' could not be read: GitHub answered 502 for the branch 'main' of o/r."},
        Undecided{"HeadWithoutCommit", autoPromotion(), headWithoutCommit(),
                  "The head of branch 'main' could not be read: GitHub named no commit for it."},
        Undecided{"LiveNotRead", autoPromotion(), headIsCandidate(),
                  "The live production deployment could not be read."},
        Undecided{"LiveError", autoPromotion(), liveError(),
                  "The live production deployment could not be read: GitHub answered 502 for the deployments."},
        Undecided{"CompareNotRead", autoPromotion(), noComparison(), kCompareWhat + "."},
        Undecided{"CompareError", autoPromotion(), compareError(),
                  kCompareWhat + ": GitHub answered 502 for the comparison."},
        Undecided{"UnknownStatus", autoPromotion(), liveAt(kLive, {"sideways", 0, 0, kLive, ""}),
                  kCompareWhat + ": GitHub answered the unknown status 'sideways'."}),
    [](const ::testing::TestParamInfo<Undecided>& info) { return std::string(info.param.name); });

// ---- the read, over a scripted GitHub ----------------------------------------------------

class StaleGuardRead : public ::testing::Test {
 protected:
  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = "https://api.github.test";
    c.repo = {"o", "r"};
    c.maxRetries = 0;  // a failure is the answer: no retry to script
    return c;
  }

  StaleGuardDecision run(StaleGuardRequest request = autoPromotion()) {
    std::optional<StaleGuardDecision> decision;
    const auto handle = runStaleGuard(client, std::move(request), [&](StaleGuardDecision d) { decision = d; });
    scheduler.runAll();
    EXPECT_TRUE(decision.has_value());
    return decision.value_or(StaleGuardDecision{true, true, "no answer"});
  }

  void branchHead(const std::string& sha) {
    transport.respond(200, R"({"name":"main","commit":{"sha":")" + sha + R"("},"protected":true})");
  }
  void deployments() {
    transport.respond(200, R"([{"id":12,"sha":")" + std::string(kNewer) +
                               R"(","environment":"production","created_at":"2026-03-02T10:00:00Z"},
                              {"id":11,"sha":")" +
                               std::string(kLive) +
                               R"(","environment":"production","created_at":"2026-03-01T10:00:00Z"}])");
  }
  // Deployment 12 failed, 11 is live.
  void statuses() {
    transport.respond(200, R"([{"id":2,"state":"failure"},{"id":1,"state":"in_progress"}])");
    transport.respond(200, R"([{"id":4,"state":"success"},{"id":3,"state":"in_progress"}])");
  }

  testing::ManualScheduler scheduler;
  testing::ScriptedTransport transport{scheduler};
  GitHubClient client{transport, scheduler, config()};
};

TEST_F(StaleGuardRead, ReadsHeadThenLiveThenComparesWithTheLiveSha) {
  branchHead(kCandidate);
  deployments();
  statuses();
  transport.respond(
      200, R"({"status":"ahead","ahead_by":4,"behind_by":0,"base_commit":{"sha":")" + std::string(kLive) + R"("}})");
  const StaleGuardDecision decision = run();
  EXPECT_TRUE(decision.decided);
  EXPECT_TRUE(decision.proceed);
  EXPECT_NE(decision.reason.find("4 commits ahead of the live production deployment 11"), std::string::npos);
  ASSERT_EQ(transport.requests.size(), 5u);
  EXPECT_NE(transport.requests[0].url.find("/repos/o/r/branches/main"), std::string::npos);
  EXPECT_NE(transport.requests[1].url.find("/repos/o/r/deployments?per_page=100&environment=production"),
            std::string::npos);
  EXPECT_NE(transport.requests[2].url.find("/deployments/12/statuses"), std::string::npos);
  EXPECT_NE(transport.requests[3].url.find("/deployments/11/statuses"), std::string::npos);
  EXPECT_NE(transport.requests[4].url.find(std::string("/repos/o/r/compare/") + kLive + "..." + kCandidate),
            std::string::npos);
}

TEST_F(StaleGuardRead, StopsAtANewerHead) {
  branchHead(kNewer);
  const StaleGuardDecision decision = run();
  EXPECT_TRUE(decision.decided);
  EXPECT_FALSE(decision.proceed);
  EXPECT_EQ(transport.requests.size(), 1u);
}

TEST_F(StaleGuardRead, AReplayReadsNothing) {
  StaleGuardRequest request = autoPromotion();
  request.event = "workflow_dispatch";
  EXPECT_TRUE(run(request).proceed);
  EXPECT_TRUE(transport.requests.empty());
}

// Every request of the read failing, each in every way GitHub can fail: always fail closed.
struct Failure {
  const char* name;
  int status;  // 0: the network failed
  std::string body;
};

class StaleGuardReadFailure : public StaleGuardRead, public ::testing::WithParamInterface<std::tuple<int, Failure>> {
 protected:
  void fail(const Failure& f) {
    if (f.status == 0) {
      transport.fail(TransportFailure::Network, "connection refused");
    } else {
      transport.respond(f.status, f.body);
    }
  }
};

TEST_P(StaleGuardReadFailure, FailsClosed) {
  const auto& [failingStep, failure] = GetParam();
  // Script the requests before the failing one as good answers, then the failure.
  const std::vector<std::function<void()>> good = {
      [&] { branchHead(kCandidate); },
      [&] { deployments(); },
      [&] { transport.respond(200, R"([{"id":2,"state":"failure"}])"); },
      [&] { transport.respond(200, R"([{"id":4,"state":"success"}])"); },
  };
  for (int i = 0; i < failingStep; ++i) good[static_cast<std::size_t>(i)]();
  fail(failure);
  const StaleGuardDecision decision = run();
  EXPECT_FALSE(decision.decided) << decision.reason;
  EXPECT_FALSE(decision.proceed);
  static const char* const kWhat[] = {
      "The head of branch 'main' could not be read: ", "The live production deployment could not be read: ",
      "The live production deployment could not be read: ", "The live production deployment could not be read: ",
      "The comparison of "};
  EXPECT_EQ(decision.reason.rfind(kWhat[failingStep], 0), 0u) << decision.reason;
}

using FailureCase = std::tuple<int, Failure>;

std::string failureName(const ::testing::TestParamInfo<FailureCase>& info) {
  static const char* const kStep[] = {"Branch", "Deployments", "NewestStatuses", "LiveStatuses", "Compare"};
  return std::string(kStep[std::get<0>(info.param)]) + std::get<1>(info.param).name;
}

INSTANTIATE_TEST_SUITE_P(
    EveryRequest, StaleGuardReadFailure,
    ::testing::Combine(::testing::Values(0, 1, 2, 3, 4),
                       ::testing::Values(Failure{"ServerError", 502, R"({"message":"Bad gateway"})"},
                                         Failure{"Unauthorized", 401, R"({"message":"Bad credentials"})"},
                                         Failure{"NotFound", 404, R"({"message":"Not Found"})"},
                                         Failure{"Network", 0, ""}, Failure{"Malformed", 200, R"({"status":)"})),
    failureName);

// ---- over the sandbox --------------------------------------------------------------------

class StaleGuardSandbox : public ::testing::Test {
 protected:
  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = std::string(kSandboxApiBase);
    c.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    return c;
  }

  StaleGuardDecision run(const char* sha) {
    std::optional<StaleGuardDecision> decision;
    const auto handle = runStaleGuard(client, autoPromotion(sha), [&](StaleGuardDecision d) { decision = d; });
    for (int i = 0; i < 100 && !decision; ++i) scheduler.runDue();
    EXPECT_TRUE(decision.has_value());
    return decision.value_or(StaleGuardDecision{});
  }

  testing::ManualScheduler scheduler;
  SandboxRepository repository{std::chrono::floor<std::chrono::seconds>(scheduler.now())};
  SandboxTransport transport{repository, scheduler};
  GitHubClient client{transport, scheduler, config()};
};

TEST_F(StaleGuardSandbox, MainsHeadIsAheadOfLive) {
  const StaleGuardDecision decision = run(kCandidate);
  EXPECT_TRUE(decision.decided);
  EXPECT_TRUE(decision.proceed) << decision.reason;
  EXPECT_NE(decision.reason.find("commits ahead of the live production deployment"), std::string::npos);
  EXPECT_NE(decision.reason.find(kLive), std::string::npos);
}

TEST_F(StaleGuardSandbox, AnOlderCandidateIsSupersededByMainsHead) {
  const StaleGuardDecision decision = run("4bd780cba4864856691dedee9ca56d1ea87442c5");
  EXPECT_TRUE(decision.decided);
  EXPECT_FALSE(decision.proceed);
  EXPECT_NE(decision.reason.find(std::string("its head ") + kCandidate + " supersedes"), std::string::npos);
}

}  // namespace
}  // namespace releasedesk
