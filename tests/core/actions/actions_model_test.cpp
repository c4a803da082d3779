// The pure parts of acting from the desk: each candidate's relation to live, its diff against
// live, the decision grounds and gates, the replay preflight and the rollback target.
#include "core/actions/approval_inbox.h"
#include "core/actions/decision_grounds.h"
#include "core/actions/live_relation.h"
#include "core/actions/replay_plan.h"

#include <gtest/gtest.h>

#include <string>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;

const TimePoint kT0 = *parseIsoTime("2026-02-01T00:00:00Z");

std::string sha(char c) {
  return std::string(40, c);
}

std::string digestRef(const char* image, char c) {
  return std::string("contoso.azurecr.io/shop/") + image + "@sha256:" + std::string(64, c);
}

ActionCandidate candidate(char c, Verdict verdict, char api, char web, bool infra = false, int acceptedHour = 0) {
  ActionCandidate a;
  a.sha = sha(c);
  a.verdict = verdict;
  a.manifest.headSha = a.sha;
  a.manifest.kind = "runtime";
  a.manifest.scope = {{"identity", false}, {"infra", infra}, {"runtime", true}};
  a.manifest.apiRef = digestRef("api", api);
  a.manifest.webRef = digestRef("web", web);
  a.acceptedAt = kT0 + std::chrono::hours(acceptedHour);
  return a;
}

// Commits a (1h) < e (2h) < b (3h) < c (4h) < d (5h); a, b, c deployed in that order, c live.
class LiveRelationTest : public ::testing::Test {
 protected:
  LiveRelationTest() {
    auto times = std::make_shared<CommitTimes>();
    const std::pair<char, int> commits[] = {{'a', 1}, {'e', 2}, {'b', 3}, {'c', 4}, {'d', 5}};
    for (const auto& [c, hour] : commits) (*times)[sha(c)] = kT0 + std::chrono::hours(hour);
    inputs_.commitTimes = times;
    deploy(1, 'a', 10);
    deploy(2, 'b', 20);
    deploy(3, 'c', 30);
    inputs_.now = kT0 + 40h;
    candidates_ = {
        candidate('a', Verdict::Accepted, '1', '1', false, 1), candidate('b', Verdict::Accepted, '2', '1', false, 3),
        candidate('c', Verdict::Accepted, '3', '1', false, 4), candidate('d', Verdict::Accepted, '4', '1', true, 5),
        candidate('e', Verdict::Accepted, '5', '5', false, 2)};
  }

  void deploy(std::int64_t id, char c, int hour) {
    Deployment d;
    d.id = id;
    d.sha = sha(c);
    d.environment = "production";
    d.createdAt = kT0 + std::chrono::hours(hour);
    inputs_.deployments.push_back(d);
    DeploymentStatus status;
    status.id = id * 10;
    status.state = "success";
    status.createdAt = kT0 + std::chrono::hours(hour) + 5min;
    inputs_.statuses[id] = {status};
  }

  LiveRelationTable table() { return relateToLive(buildDeploymentTimeline(inputs_), candidates_); }

  TimelineInputs inputs_;
  std::vector<ActionCandidate> candidates_;
};

TEST_F(LiveRelationTest, EachCandidateStandsAgainstTheTimelinesLive) {
  const LiveRelationTable t = table();
  ASSERT_TRUE(t.live);
  EXPECT_EQ(t.live->sha, sha('c'));
  struct Row {
    char c;
    LiveRelation relation;
    bool older;
    bool deployed;
  };
  const Row rows[] = {{'a', LiveRelation::Older, true, true},
                      {'b', LiveRelation::Older, true, true},
                      {'c', LiveRelation::Live, false, true},
                      {'d', LiveRelation::Newer, false, false},
                      {'e', LiveRelation::NeverDeployed, true, false}};
  for (const Row& row : rows) {
    const CandidateRelation* r = t.find(sha(row.c));
    ASSERT_NE(r, nullptr) << row.c;
    EXPECT_EQ(r->relation, row.relation) << row.c << ": " << toString(r->relation);
    EXPECT_EQ(r->olderThanLive, row.older) << row.c;
    EXPECT_EQ(r->deployedBefore, row.deployed) << row.c;
  }
}

TEST_F(LiveRelationTest, NothingLiveMeansNeverDeployed) {
  inputs_.deployments.clear();
  inputs_.statuses.clear();
  const LiveRelationTable t = table();
  EXPECT_FALSE(t.live);
  for (const CandidateRelation& r : t.rows) EXPECT_EQ(r.relation, LiveRelation::NeverDeployed);
}

TEST_F(LiveRelationTest, WithoutCommitTimesAcceptanceTimeOrders) {
  inputs_.commitTimes = nullptr;
  const LiveRelationTable t = table();
  EXPECT_EQ(t.find(sha('d'))->relation, LiveRelation::Newer);
  EXPECT_EQ(t.find(sha('b'))->relation, LiveRelation::Older);
}

TEST_F(LiveRelationTest, DiffAgainstLiveNamesDigestsScopeAndKind) {
  const LiveRelationTable t = table();
  ActionCandidate d = candidates_[3];
  d.manifest.kind = "infra";
  const CandidateDiff diff = diffAgainstLive(d, t, candidates_);
  EXPECT_EQ(diff.api, DigestChange::Changed);
  EXPECT_EQ(diff.web, DigestChange::Same);
  ASSERT_EQ(diff.scope.size(), 1u);
  EXPECT_EQ(diff.scope[0].name, "infra");
  EXPECT_EQ(diff.summary(), "API changed, Web same, scope infra on (live off), kind infra (live runtime)");
  EXPECT_EQ(diffAgainstLive(candidates_[2], t, candidates_).summary(), "same as live");
  const std::vector<ActionCandidate> withoutLive = {candidates_[0]};
  EXPECT_EQ(diffAgainstLive(candidates_[0], t, withoutLive).summary(), "live cccccccc is not among the candidates");
  ActionCandidate tagged = candidates_[3];
  tagged.manifest.webRef = "contoso.azurecr.io/shop/web:latest";
  EXPECT_EQ(diffAgainstLive(tagged, t, candidates_).web, DigestChange::Unknown);
}

TEST_F(LiveRelationTest, RollbackTargetIsTheCandidateLiveBeforeTheCurrentOne) {
  const LiveRelationTable t = table();
  const ActionCandidate* target = proposeRollbackTarget(t, candidates_);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->sha, sha('b'));
  const auto choices = rollbackChoices(t, candidates_);
  ASSERT_EQ(choices.size(), 3u);
  EXPECT_EQ(choices[0]->sha, sha('b'));
  EXPECT_EQ(choices[1]->sha, sha('a'));
  EXPECT_EQ(choices[2]->sha, sha('e'));  // never deployed: still a choice, after the deployed ones
}

TEST_F(LiveRelationTest, WhenLiveIsARollbackTheProposalIsTheNewerCandidateLiveBeforeIt) {
  // Live was rolled back to an old candidate; the one live before it is newer than live.
  LiveRelationTable t;
  t.live = LiveDeployment{};
  t.live->sha = sha('a');
  const auto at = [](int hour) { return OptionalTime(TimePoint(std::chrono::hours(hour))); };
  t.rows = {{sha('a'), LiveRelation::Live, false, true, at(30)},
            {sha('b'), LiveRelation::Newer, false, true, at(20)},
            {sha('c'), LiveRelation::Newer, false, false, std::nullopt},
            {sha('d'), LiveRelation::Newer, false, true, at(10)}};
  std::vector<ActionCandidate> candidates(4);
  for (int i = 0; i < 4; ++i) {
    candidates[static_cast<std::size_t>(i)].sha = sha(static_cast<char>('a' + i));
    candidates[static_cast<std::size_t>(i)].verdict = Verdict::Accepted;
  }
  const ActionCandidate* target = proposeRollbackTarget(t, candidates);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->sha, sha('b'));
  const auto choices = rollbackChoices(t, candidates);
  ASSERT_EQ(choices.size(), 2u) << "never live and newer than live is no rollback choice";
  EXPECT_EQ(choices[1]->sha, sha('d'));
}

TEST_F(LiveRelationTest, ARejectedPreviousCandidateIsSkippedForTheOneBefore) {
  candidates_[1].verdict = Verdict::Rejected;
  const ActionCandidate* target = proposeRollbackTarget(table(), candidates_);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->sha, sha('a'));
}

CompletenessReport environment(bool complete) {
  CompletenessReport report;
  report.environment = "production";
  for (int i = 0; i < 18; ++i) {
    CompletenessItem item;
    item.name = "VAR_" + std::to_string(i);
    item.required = true;
    item.status = (complete || i > 0) ? ItemStatus::Ok : ItemStatus::Missing;
    report.items.push_back(item);
  }
  return report;
}

TEST_F(LiveRelationTest, GroundsLineAndApproveGate) {
  const LiveRelationTable t = table();
  ActionCandidate d = candidates_[3];
  d.acceptanceRunId = 4242;
  const CompletenessReport incomplete = environment(false);
  const DecisionGrounds grounds = groundsFor(&d, d.sha, &incomplete, diffAgainstLive(d, t, candidates_));
  EXPECT_EQ(grounds.summaryLine(),
            "Evidence accepted (acceptance run 4242) · production 17 of 18 ready, incomplete · vs live cccccccc: API "
            "changed, Web same, scope infra on (live off)");
  GateResult gate = approveGate(grounds, "");
  EXPECT_FALSE(gate.allowed);
  gate = approveGate(grounds, "  hotfix for the outage ");
  EXPECT_TRUE(gate.allowed);
  EXPECT_TRUE(gate.overridden);
  EXPECT_EQ(reviewComment(grounds, "Ship it", " hotfix for the outage"),
            grounds.summaryLine() + "\nOverride: hotfix for the outage\n\nShip it");

  const CompletenessReport complete = environment(true);
  EXPECT_TRUE(approveGate(groundsFor(&d, d.sha, &complete, {}), "").allowed);
  ActionCandidate rejected = d;
  rejected.verdict = Verdict::Rejected;
  EXPECT_FALSE(approveGate(groundsFor(&rejected, d.sha, &complete, {}), "").allowed);
  EXPECT_FALSE(approveGate(groundsFor(nullptr, d.sha, &complete, {}), "").allowed);
  EXPECT_FALSE(rejectGate("   ").allowed);
  EXPECT_TRUE(rejectGate("Not during the sale").allowed);
}

TEST_F(LiveRelationTest, ReplayPlanChecks) {
  const LiveRelationTable t = table();
  const CompletenessReport complete = environment(true);
  const CompletenessReport incomplete = environment(false);
  ProductionLock lock;
  WorkflowRun holder;
  holder.id = 77;
  holder.displayTitle = "Production Stage: " + sha('c');
  lock.holder = holder;

  ReplayInputs in{&candidates_[1], sha('b'), &t, &candidates_, &complete, &lock};
  ReplayPlan plan = planReplay(in);
  EXPECT_TRUE(plan.ready());
  EXPECT_EQ(plan.replayClass, ReplayClass::Rollback);
  ASSERT_EQ(plan.checks.size(), 5u);
  EXPECT_EQ(plan.checks[3].check, "lock");
  EXPECT_EQ(plan.checks[3].status, PreflightStatus::Warn);
  EXPECT_NE(plan.checks[3].message.find("run 77"), std::string::npos);
  EXPECT_EQ(plan.queuedBehindRunId, 77);

  in.candidate = &candidates_[2];
  in.sha = sha('c');
  EXPECT_EQ(planReplay(in).replayClass, ReplayClass::Redeploy);
  in.candidate = &candidates_[3];
  in.sha = sha('d');
  EXPECT_EQ(planReplay(in).replayClass, ReplayClass::Replay);

  in.environment = &incomplete;
  EXPECT_FALSE(planReplay(in).ready());
  plan = planReplay(in, "portal fix pending, values verified by hand");
  EXPECT_TRUE(plan.ready());
  EXPECT_EQ(plan.checks[2].status, PreflightStatus::Warn);

  ActionCandidate rejected = candidates_[3];
  rejected.verdict = Verdict::Rejected;
  in.environment = &complete;
  in.candidate = &rejected;
  plan = planReplay(in);
  EXPECT_FALSE(plan.ready());
  EXPECT_EQ(plan.checks[0].status, PreflightStatus::Fail);

  ActionCandidate tagged = candidates_[3];
  tagged.manifest.apiRef = "contoso.azurecr.io/shop/api:v1";
  in.candidate = &tagged;
  plan = planReplay(in);
  EXPECT_EQ(plan.checks[1].status, PreflightStatus::Fail);

  in.candidate = nullptr;
  EXPECT_FALSE(planReplay(in).ready());
}

TEST(RunClassification, FallsBackToEventAttemptAndLive) {
  WorkflowRun run;
  run.id = 5;
  run.event = "workflow_run";
  EXPECT_EQ(classifyRun(run, nullptr), RunClass::Auto);
  run.runAttempt = 2;
  EXPECT_EQ(classifyRun(run, nullptr), RunClass::Rerun);
  run.runAttempt = 1;
  run.event = "workflow_dispatch";
  run.displayTitle = "Production Stage: " + sha('a');
  EXPECT_EQ(classifyRun(run, nullptr), RunClass::Replay);
  DeploymentTimeline timeline;
  timeline.live = LiveDeployment{1, 1, sha('b'), kT0, std::nullopt};
  timeline.commitTimes = std::make_shared<CommitTimes>(CommitTimes{{sha('a'), kT0}, {sha('b'), kT0 + 1h}});
  EXPECT_EQ(classifyRun(run, &timeline), RunClass::Rollback);
}

}  // namespace
}  // namespace releasedesk
