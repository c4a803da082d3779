// The decision sender over a scripted transport: one request per decision, the journal's intent
// on disk before it leaves, GitHub's refusals in sentences, and no resend after a lost answer.
#include "core/actions/decision_sender.h"
#include "tests/core/support/fake_network.h"
#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const std::string kSha = "4bd780cba4864856691dedee9ca56d1ea87442c5";

// Forwards to the scripted transport after calling `hook` with the request as it leaves.
class HookTransport final : public Transport {
 public:
  explicit HookTransport(Transport& inner) : inner_(inner) {}
  void send(HttpRequest request, Completion done) override {
    if (hook) hook(request);
    inner_.send(std::move(request), std::move(done));
  }
  std::function<void(const HttpRequest&)> hook;

 private:
  Transport& inner_;
};

class DecisionSenderTest : public ::testing::Test {
 protected:
  DecisionSenderTest()
      : scripted_(scheduler_),
        hooked_(scripted_),
        client_(hooked_, scheduler_, config()),
        journal_((folder_ / "releasedesk/decisions.jsonl").string()) {
    hooked_.hook = [this](const HttpRequest& request) {
      if (request.method == "POST") {
        ++posts_;
        // The intent must already be on disk when the POST leaves.
        const JournalRead read = journal_.read();
        intentOnDiskAtPost_ = !read.decisions.empty() && !read.decisions[0].outcome;
      }
    };
  }

  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = "https://api.github.com";
    c.repo = {"contoso", "shop"};
    c.token = "t";
    c.retryBaseDelay = 10ms;
    return c;
  }

  DecisionGrounds grounds(bool accepted = true, bool complete = true) const {
    DecisionGrounds g;
    g.sha = kSha;
    g.evidenceKnown = true;
    g.verdict = accepted ? Verdict::Accepted : Verdict::Rejected;
    g.acceptanceRunId = 9001;
    g.environmentKnown = true;
    g.environmentComplete = complete;
    g.needed = 18;
    g.ready = complete ? 18 : 17;
    g.diff.sha = kSha;
    g.diff.liveSha = std::string(40, 'c');
    return g;
  }

  InboxEntry waitingRun() const {
    InboxEntry entry;
    entry.run.id = 555;
    entry.sha = kSha;
    PendingDeployment pending;
    pending.environmentId = 4127553012;
    pending.environmentName = "production";
    pending.currentUserCanApprove = true;
    entry.pending = {pending};
    return entry;
  }

  ReplayPlan plan(bool accepted = true, bool complete = true, std::string overrideReason = {}) const {
    ReplayPlan p;
    p.sha = kSha;
    p.grounds = grounds(accepted, complete);
    p.overrideReason = overrideReason;
    if (!accepted) p.checks.push_back({"evidence", PreflightStatus::Fail, "The evidence is rejected."});
    if (!complete) {
      p.checks.push_back({"environment", overrideReason.empty() ? PreflightStatus::Fail : PreflightStatus::Warn,
                          "'production' is not complete."});
    }
    return p;
  }

  DecisionOutcome execute(DecisionSender& sender) {
    std::optional<DecisionOutcome> outcome;
    sender.execute([&](DecisionOutcome o) { outcome = std::move(o); });
    scheduler_.runAll();
    EXPECT_TRUE(outcome.has_value());
    return outcome.value_or(DecisionOutcome{});
  }

  DecisionOutcome send(Decision decision, DecisionSenderConfig cfg = senderConfig()) {
    DecisionSender sender(client_, scheduler_, journal_, std::move(decision), std::move(cfg));
    return execute(sender);
  }

  static DecisionSenderConfig senderConfig() {
    DecisionSenderConfig c;
    c.ref = "main";
    c.lookupAttempts = 2;
    c.lookupDelay = 1000ms;
    return c;
  }

  std::string runsPage(std::int64_t id, const std::string& sha) const {
    Json run{{"id", id},
             {"display_title", "Production Stage: " + sha},
             {"event", "workflow_dispatch"},
             {"status", "queued"},
             {"actor", {{"login", "mei-lin"}}},
             {"created_at", formatIsoTime(std::chrono::time_point_cast<std::chrono::seconds>(scheduler_.now()))}};
    return Json{{"total_count", 1}, {"workflow_runs", Json::array({run})}}.dump();
  }

  static std::string emptyRuns() { return R"({"total_count":0,"workflow_runs":[]})"; }
  static std::string githubError(const std::string& message) { return Json{{"message", message}}.dump(); }

  testing::TempFolder folder_;
  testing::ManualScheduler scheduler_;
  testing::ScriptedTransport scripted_;
  HookTransport hooked_;
  GitHubClient client_;
  DecisionJournal journal_;
  int posts_ = 0;
  bool intentOnDiskAtPost_ = false;
};

TEST_F(DecisionSenderTest, ApproveSendsOneReviewAfterTheIntentIsOnDisk) {
  scripted_.respond(200, "[]");
  const DecisionOutcome outcome = send(approveDecision(waitingRun(), grounds(), "Ship the redesign", "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Done);
  EXPECT_EQ(scripted_.requests.size(), 1u);  // one request per approval
  EXPECT_TRUE(intentOnDiskAtPost_);
  const HttpRequest& post = scripted_.requests[0];
  EXPECT_NE(post.url.find("/actions/runs/555/pending_deployments"), std::string::npos);
  const Json body = Json::parse(post.body);
  EXPECT_EQ(body.at("state"), "approved");
  EXPECT_EQ(body.at("environment_ids"), Json::array({4127553012}));
  EXPECT_EQ(body.at("comment").get<std::string>().rfind("Evidence accepted (acceptance run 9001)", 0), 0u);
  const JournalRead read = journal_.read();
  ASSERT_EQ(read.decisions.size(), 1u);
  ASSERT_TRUE(read.decisions[0].outcome);
  EXPECT_TRUE(read.decisions[0].outcome->took);
  EXPECT_EQ(read.decisions[0].intent.login, "mei-lin");
  EXPECT_EQ(read.decisions[0].intent.runId, 555);
}

TEST_F(DecisionSenderTest, RejectSendsRejectedAndNeedsAComment) {
  EXPECT_EQ(send(rejectDecision(waitingRun(), grounds(), "  ", "mei-lin")).status, DecisionStatus::Refused);
  EXPECT_TRUE(scripted_.requests.empty());
  EXPECT_TRUE(journal_.read().decisions.empty());  // nothing sent, nothing journaled
  scripted_.respond(200, "[]");
  EXPECT_EQ(send(rejectDecision(waitingRun(), grounds(), "Not during the sale", "mei-lin")).status,
            DecisionStatus::Done);
  ASSERT_EQ(scripted_.requests.size(), 1u);
  EXPECT_EQ(Json::parse(scripted_.requests[0].body).at("state"), "rejected");
}

TEST_F(DecisionSenderTest, ApprovingARunThatNoLongerWaitsSaysSo) {
  scripted_.respond(422, githubError("No pending deployment requests to approve or reject"));
  const DecisionOutcome outcome = send(approveDecision(waitingRun(), grounds(), "", "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Refused);
  EXPECT_EQ(outcome.message,
            "run 555 is no longer waiting for a review of 'production' (someone else answered it, or it was "
            "cancelled). Nothing was changed.");
  EXPECT_EQ(posts_, 1);
}

TEST_F(DecisionSenderTest, ApprovingWithoutRightsSaysSo) {
  scripted_.respond(403, githubError("Resource not accessible by integration"));
  const DecisionOutcome outcome = send(approveDecision(waitingRun(), grounds(), "", "", "tomas-r"));
  EXPECT_EQ(outcome.status, DecisionStatus::Refused);
  EXPECT_NE(outcome.message.find("not one of its required reviewers"), std::string::npos) << outcome.message;
}

TEST_F(DecisionSenderTest, SelfReviewRefusalSaysAskAnotherReviewer) {
  scripted_.respond(422, githubError("You cannot approve your own deployment: self-review is prevented"));
  const DecisionOutcome outcome = send(approveDecision(waitingRun(), grounds(), "", "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Refused);
  EXPECT_NE(outcome.message.find("review a run you started yourself"), std::string::npos) << outcome.message;
}

TEST_F(DecisionSenderTest, IncompleteEnvironmentNeedsAnOverrideReasonForApproval) {
  EXPECT_EQ(send(approveDecision(waitingRun(), grounds(true, false), "", "", "mei-lin")).status,
            DecisionStatus::Refused);
  EXPECT_EQ(posts_, 0);
  scripted_.respond(200, "[]");
  EXPECT_EQ(send(approveDecision(waitingRun(), grounds(true, false), "", "values set by hand", "mei-lin")).status,
            DecisionStatus::Done);
  EXPECT_NE(
      Json::parse(scripted_.requests[0].body).at("comment").get<std::string>().find("Override: values set by hand"),
      std::string::npos);
  EXPECT_EQ(journal_.read().decisions[0].intent.overrideReason, "values set by hand");
}

TEST_F(DecisionSenderTest, ReviewAnswerLostThenStillWaitingIsNotResent) {
  scripted_.fail(TransportFailure::Timeout);
  scripted_.respond(200, R"([{"environment":{"id":4127553012,"name":"production"},"current_user_can_approve":true}])");
  const DecisionOutcome outcome = send(approveDecision(waitingRun(), grounds(), "", "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Unconfirmed);
  EXPECT_TRUE(outcome.ambiguous);
  EXPECT_EQ(posts_, 1);
  EXPECT_NE(outcome.message.find("did not take"), std::string::npos);
}

TEST_F(DecisionSenderTest, ReviewAnswerLostButTheApprovalIsRecorded) {
  const Decision decision = approveDecision(waitingRun(), grounds(), "ok", "", "mei-lin");
  scripted_.respond(502, githubError("Bad gateway"));
  scripted_.respond(200, "[]");
  scripted_.respond(200, Json::array({{{"state", "approved"},
                                       {"comment", decision.comment},
                                       {"user", {{"login", "mei-lin"}}},
                                       {"environments", Json::array({{{"name", "production"}}})}}})
                             .dump());
  const DecisionOutcome outcome = send(decision);
  EXPECT_EQ(outcome.status, DecisionStatus::Done);
  EXPECT_EQ(posts_, 1);
}

TEST_F(DecisionSenderTest, ReplayWithRunDetailsIsOnePost) {
  scripted_.respond(200, R"({"workflow_run_id":9911,"run_url":"u","html_url":"h"})");
  const DecisionOutcome outcome = send(replayDecision(plan(), "Replay after the incident", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Done);
  EXPECT_EQ(outcome.runId, 9911);
  EXPECT_EQ(scripted_.requests.size(), 1u);  // one request per replay
  EXPECT_TRUE(intentOnDiskAtPost_);
  const Json body = Json::parse(scripted_.requests[0].body);
  EXPECT_EQ(body.at("ref"), "main");
  EXPECT_EQ(body.at("inputs").at("candidate_sha"), kSha);
  EXPECT_EQ(body.at("return_run_details"), true);
  EXPECT_EQ(journal_.read().decisions[0].outcome->runId, 9911);
}

TEST_F(DecisionSenderTest, ReplayAnswered204FindsTheRunByListing) {
  scripted_.respond(204, "");
  scripted_.respond(200, runsPage(9912, kSha));
  const DecisionOutcome outcome = send(replayDecision(plan(), "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Done);
  EXPECT_EQ(outcome.runId, 9912);
  ASSERT_EQ(scripted_.requests.size(), 2u);
  EXPECT_NE(scripted_.requests[1].url.find("event=workflow_dispatch"), std::string::npos);
  EXPECT_NE(scripted_.requests[1].url.find("created=%3E%3D"), std::string::npos);
  EXPECT_EQ(posts_, 1);
}

TEST_F(DecisionSenderTest, ReplayRefusingReturnRunDetailsFallsBackOnceThenLists) {
  scripted_.respond(422, githubError("Invalid request.\n\n\"return_run_details\" is not a permitted key."));
  scripted_.respond(204, "");
  scripted_.respond(200, runsPage(9913, kSha));
  const DecisionOutcome outcome = send(replayDecision(plan(), "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Done);
  EXPECT_EQ(outcome.runId, 9913);
  EXPECT_EQ(posts_, 2);  // the client's one documented fallback, which created no run the first time
  EXPECT_FALSE(Json::parse(scripted_.requests[1].body).contains("return_run_details"));
}

TEST_F(DecisionSenderTest, TimeoutAfterSendLooksForTheRunInsteadOfResending) {
  scripted_.fail(TransportFailure::Timeout);
  scripted_.respond(200, runsPage(9914, kSha));
  const DecisionOutcome outcome = send(replayDecision(plan(), "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Done);
  EXPECT_TRUE(outcome.ambiguous);
  EXPECT_EQ(outcome.runId, 9914);
  EXPECT_EQ(outcome.message, "GitHub's answer to the dispatch was lost; found run 9914 for 4bd780cba486.");
  EXPECT_EQ(posts_, 1);
}

TEST_F(DecisionSenderTest, ServerErrorOnSendIsNeverResentAndNoRunMeansNothingStarted) {
  scripted_.respond(502, githubError("Server Error"));
  scripted_.respond(200, emptyRuns());
  scripted_.respond(200, runsPage(1, std::string(40, 'f')));  // another candidate's run: not ours
  const DecisionOutcome outcome = send(replayDecision(plan(), "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Unconfirmed);
  EXPECT_EQ(outcome.message, "GitHub's answer to the dispatch was lost, and no run was found: nothing was started.");
  EXPECT_EQ(posts_, 1);
  EXPECT_EQ(scripted_.requests.size(), 3u);
  const JournalRead read = journal_.read();
  ASSERT_TRUE(read.decisions[0].outcome);
  EXPECT_FALSE(read.decisions[0].outcome->took);
}

TEST_F(DecisionSenderTest, DoubleSubmitSendsOnce) {
  scripted_.respond(200, R"({"workflow_run_id":9915})");
  DecisionSender sender(client_, scheduler_, journal_, replayDecision(plan(), "", "mei-lin"), senderConfig());
  std::vector<DecisionOutcome> outcomes;
  sender.execute([&](DecisionOutcome o) { outcomes.push_back(o); });
  sender.execute([&](DecisionOutcome o) { outcomes.push_back(o); });
  scheduler_.runAll();
  ASSERT_EQ(outcomes.size(), 2u);
  const auto count = [&](DecisionStatus status) {
    return std::count_if(outcomes.begin(), outcomes.end(), [&](const auto& o) { return o.status == status; });
  };
  EXPECT_EQ(count(DecisionStatus::Done), 1);
  EXPECT_EQ(count(DecisionStatus::AlreadySent), 1);
  EXPECT_EQ(posts_, 1);
  EXPECT_EQ(journal_.read().decisions.size(), 1u);
}

TEST_F(DecisionSenderTest, RejectedEvidenceIsNeverDispatched) {
  const DecisionOutcome outcome = send(replayDecision(plan(false), "", "mei-lin"));
  EXPECT_EQ(outcome.status, DecisionStatus::Refused);
  EXPECT_EQ(outcome.message, "The evidence is rejected.");
  EXPECT_TRUE(scripted_.requests.empty());
}

TEST_F(DecisionSenderTest, IncompleteEnvironmentReplayNeedsAnOverride) {
  EXPECT_EQ(send(replayDecision(plan(true, false), "", "mei-lin")).status, DecisionStatus::Refused);
  EXPECT_EQ(posts_, 0);
  scripted_.respond(200, R"({"workflow_run_id":9916})");
  EXPECT_EQ(send(replayDecision(plan(true, false, "hotfix"), "", "mei-lin")).status, DecisionStatus::Done);
  EXPECT_EQ(posts_, 1);
  EXPECT_EQ(journal_.read().decisions[0].intent.overrideReason, "hotfix");
}

TEST_F(DecisionSenderTest, AJournalThatCannotBeWrittenStopsTheSend) {
  const auto blocker = folder_.write("file", "x");
  DecisionJournal broken((blocker / "decisions.jsonl").string());
  DecisionSender sender(client_, scheduler_, broken, replayDecision(plan(), "", "mei-lin"), senderConfig());
  const DecisionOutcome outcome = execute(sender);
  EXPECT_EQ(outcome.status, DecisionStatus::Refused);
  EXPECT_FALSE(outcome.journalProblem.empty());
  EXPECT_TRUE(scripted_.requests.empty());
}

}  // namespace
}  // namespace releasedesk
