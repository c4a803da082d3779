// Acting on the built-in sandbox through the real GitHubClient: the inbox and the lock, an
// approval and a rejection, a replay that queues behind the lock and becomes live, and what a
// re-read costs.
#include "core/actions/approval_inbox.h"
#include "core/actions/decision_sender.h"
#include "core/actions/run_follower.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"
#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>

#include <set>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kNewest = "a13e390e0d8caef0d8a77d1c754990fd5275835c";      // waits for approval
constexpr std::string_view kRuntimeOld = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";  // holds the lock
constexpr std::string_view kIdentity = "84131100147d9ed7a33d38a3c291f8edc7e4ea64";    // pending behind it
constexpr std::string_view kFailedDeploy = "4bd780cba4864856691dedee9ca56d1ea87442c5";

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");

class SandboxActionsTest : public ::testing::Test {
 protected:
  SandboxActionsTest()
      : repository_(kOpenedAt),
        scheduler_(kOpenedAt),
        transport_(repository_, scheduler_),
        client_(transport_, scheduler_, config()),
        journal_((folder_ / "decisions.jsonl").string()) {}

  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = std::string(kSandboxApiBase);
    c.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    c.token = "sandbox-token";
    return c;
  }

  ApprovalInbox readInbox(ApprovalInboxReader& reader) {
    std::optional<ApprovalInbox> inbox;
    reader.read(nullptr, [&](ApprovalInbox i) { inbox = std::move(i); });
    for (int i = 0; i < 50 && !inbox; ++i) scheduler_.runDue();
    EXPECT_TRUE(inbox.has_value());
    return inbox.value_or(ApprovalInbox{});
  }

  DecisionOutcome execute(Decision decision) {
    DecisionSenderConfig c;
    c.ref = "main";
    DecisionSender sender(client_, scheduler_, journal_, std::move(decision), c);
    std::optional<DecisionOutcome> outcome;
    sender.execute([&](DecisionOutcome o) { outcome = std::move(o); });
    for (int i = 0; i < 50 && !outcome; ++i) scheduler_.runDue();
    EXPECT_TRUE(outcome.has_value());
    return outcome.value_or(DecisionOutcome{});
  }

  // Follows the run to its end, moving the clock by the follower's interval.
  std::vector<FollowUpdate> follow(std::int64_t runId) {
    RunFollower follower(client_, scheduler_, runId);
    std::vector<FollowUpdate> updates;
    follower.start([&](const FollowUpdate& u) { updates.push_back(u); });
    for (int i = 0; i < 2000 && (updates.empty() || !updates.back().finished); ++i) {
      scheduler_.runDue();
      scheduler_.advance(1s);
    }
    return updates;
  }

  static DecisionGrounds grounds(std::string_view sha) {
    DecisionGrounds g;
    g.sha = std::string(sha);
    g.evidenceKnown = true;
    g.verdict = Verdict::Accepted;
    g.environmentKnown = true;
    g.environmentComplete = true;
    return g;
  }

  testing::TempFolder folder_;
  SandboxRepository repository_;
  testing::ManualScheduler scheduler_;
  SandboxTransport transport_;
  GitHubClient client_;
  DecisionJournal journal_;
};

TEST_F(SandboxActionsTest, InboxShowsTheWaitingRunAndTheLockAndARereadCostsNothing) {
  ApprovalInboxReader reader(client_);
  const ApprovalInbox inbox = readInbox(reader);
  ASSERT_FALSE(inbox.error) << inbox.error->message;
  ASSERT_EQ(inbox.waiting.size(), 1u);
  const InboxEntry& entry = inbox.waiting[0];
  EXPECT_EQ(entry.sha, std::string(kNewest));
  EXPECT_EQ(entry.runClass, RunClass::Auto);
  ASSERT_EQ(entry.pending.size(), 1u);
  EXPECT_EQ(entry.pending[0].environmentName, "production");
  EXPECT_TRUE(entry.canApprove());
  ASSERT_TRUE(inbox.lock.holder);
  EXPECT_NE(inbox.lock.holder->displayTitle.find(kRuntimeOld), std::string::npos);
  ASSERT_EQ(inbox.lock.queued.size(), 1u);
  EXPECT_NE(inbox.lock.queued[0].displayTitle.find(kIdentity), std::string::npos);
  EXPECT_EQ(inbox.cost.requests, 4);  // three run lists and one run's pending deployments

  const ApprovalInbox again = readInbox(reader);
  EXPECT_EQ(again.cost.requests, 4);
  EXPECT_EQ(again.cost.notModified, 4);
  EXPECT_EQ(again.cost.rateLimitCost, 0);
  EXPECT_EQ(again.waiting.size(), 1u);
}

TEST_F(SandboxActionsTest, ApprovalMovesTheRunThroughItsJobsAndIsJournaled) {
  ApprovalInboxReader reader(client_);
  const InboxEntry entry = readInbox(reader).waiting.at(0);
  const RequestCounters before = client_.counters();
  const DecisionOutcome outcome = execute(approveDecision(entry, grounds(kNewest), "Ship the redesign", "", "mei-lin"));
  ASSERT_EQ(outcome.status, DecisionStatus::Done) << outcome.message;
  EXPECT_EQ((client_.counters() - before).requests, 1);
  const auto updates = follow(entry.run.id);
  ASSERT_FALSE(updates.empty());
  EXPECT_EQ(updates.back().phase, FollowPhase::Completed);
  EXPECT_EQ(updates.back().conclusion, "success");
  const JournalRead read = journal_.read();
  ASSERT_EQ(read.decisions.size(), 1u);
  EXPECT_TRUE(read.decisions[0].outcome && read.decisions[0].outcome->took);
}

TEST_F(SandboxActionsTest, RejectionFailsTheRun) {
  ApprovalInboxReader reader(client_);
  const InboxEntry entry = readInbox(reader).waiting.at(0);
  ASSERT_EQ(execute(rejectDecision(entry, grounds(kNewest), "Not during the sale", "mei-lin")).status,
            DecisionStatus::Done);
  const auto updates = follow(entry.run.id);
  EXPECT_EQ(updates.back().conclusion, "failure");
}

TEST_F(SandboxActionsTest, ApprovingARunThatNoLongerWaitsIsRefusedInASentence) {
  ApprovalInboxReader reader(client_);
  const InboxEntry entry = readInbox(reader).waiting.at(0);
  ASSERT_EQ(execute(rejectDecision(entry, grounds(kNewest), "No", "mei-lin")).status, DecisionStatus::Done);
  const DecisionOutcome second = execute(approveDecision(entry, grounds(kNewest), "", "", "mei-lin"));
  EXPECT_EQ(second.status, DecisionStatus::Refused);
  EXPECT_NE(second.message.find("no longer waiting"), std::string::npos) << second.message;
}

TEST_F(SandboxActionsTest, ReplayQueuesBehindTheLockRunsItsJobsAndBecomesLive) {
  ReplayPlan plan;
  plan.sha = std::string(kFailedDeploy);
  plan.grounds = grounds(kFailedDeploy);
  const RequestCounters before = client_.counters();
  const DecisionOutcome outcome = execute(replayDecision(plan, "Replay", "mei-lin"));
  ASSERT_EQ(outcome.status, DecisionStatus::Done) << outcome.message;
  ASSERT_TRUE(outcome.runId);
  EXPECT_EQ((client_.counters() - before).requests, 1);

  const auto updates = follow(*outcome.runId);
  std::set<FollowPhase> phases;
  std::set<std::string> running;
  for (const FollowUpdate& u : updates) {
    phases.insert(u.phase);
    if (u.phase == FollowPhase::Running && !u.jobName.empty()) running.insert(u.jobName);
  }
  EXPECT_TRUE(phases.count(FollowPhase::QueuedBehindLock)) << "the re-converge holds the lock";
  EXPECT_EQ(running, (std::set<std::string>{"load-accepted-candidate", "production-mutate", "post-deploy-verify",
                                            "production-stage-result"}));
  ASSERT_EQ(updates.back().phase, FollowPhase::Completed);
  EXPECT_EQ(updates.back().conclusion, "success");
  EXPECT_EQ(updates.back().jobCount, 5);
  // From the lock's release to the end takes about a minute or two.
  const auto lockSeen = std::find_if(updates.rbegin(), updates.rend(),
                                     [](const auto& u) { return u.phase == FollowPhase::QueuedBehindLock; });
  ASSERT_NE(lockSeen, updates.rend());

  std::optional<Result<std::vector<Deployment>>> deployments;
  client_.listDeployments("production", [&](Result<std::vector<Deployment>> r) { deployments.emplace(std::move(r)); });
  for (int i = 0; i < 50 && !deployments; ++i) scheduler_.runDue();
  ASSERT_TRUE(deployments && deployments->ok());
  const Deployment newest = deployments->value().at(0);
  EXPECT_EQ(newest.sha, kFailedDeploy);
  std::optional<Result<std::vector<DeploymentStatus>>> statuses;
  client_.listDeploymentStatuses(newest.id,
                                 [&](Result<std::vector<DeploymentStatus>> r) { statuses.emplace(std::move(r)); });
  for (int i = 0; i < 50 && !statuses; ++i) scheduler_.runDue();
  ASSERT_TRUE(statuses && statuses->ok());
  EXPECT_EQ(statuses->value().at(0).state, "success");  // newest first: live
}

TEST_F(SandboxActionsTest, AnUnchangedPollCostsNoRateLimit) {
  ApprovalInboxReader reader(client_);
  const InboxEntry entry = readInbox(reader).waiting.at(0);
  RunFollower follower(client_, scheduler_, entry.run.id);
  int updates = 0;
  follower.start([&](const FollowUpdate&) { ++updates; });
  scheduler_.runDue();
  const RequestCounters before = client_.counters();
  scheduler_.advance(5s);
  scheduler_.runDue();
  const RequestCounters poll = client_.counters() - before;
  EXPECT_EQ(poll.requests, 2);  // getRun + listJobs
  EXPECT_EQ(poll.rateLimitCost, 0);
  EXPECT_EQ(updates, 1);  // still waiting: nothing new to report
}

}  // namespace
}  // namespace releasedesk
