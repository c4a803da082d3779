// One candidate's evidence fetched from GitHub: from the sandbox's acceptance runs, and each way
// it is not there (no run, no artifact, expired, GitHub failing) from a scripted GitHub.
#include "core/evidence/acceptance_evidence.h"

#include "core/evidence/evidence_manifest.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <optional>

namespace releasedesk {
namespace {

constexpr const char* kAccepted = "a13e390e0d8caef0d8a77d1c754990fd5275835c";
constexpr const char* kRejected = "85d2a9aa9ac858626fab413f82497b67316cc715";
constexpr const char* kNeverAccepted = "cd1287ea0aba93e4c72cb3677b786060d72c4a11";

class AcceptanceEvidenceSandbox : public ::testing::Test {
 protected:
  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = std::string(kSandboxApiBase);
    c.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    return c;
  }

  FetchedEvidence fetch(const std::string& sha) {
    std::optional<FetchedEvidence> result;
    const auto handle = fetchAcceptanceEvidence(client, sha, {}, [&](FetchedEvidence e) { result = std::move(e); });
    for (int i = 0; i < 100 && !result; ++i) scheduler.runDue();
    EXPECT_TRUE(result.has_value());
    return result.value_or(FetchedEvidence{});
  }

  testing::ManualScheduler scheduler;
  SandboxRepository repository{std::chrono::floor<std::chrono::seconds>(scheduler.now())};
  SandboxTransport transport{repository, scheduler};
  GitHubClient client{transport, scheduler, config()};
};

TEST_F(AcceptanceEvidenceSandbox, AnAcceptedCandidatesManifestIsDownloaded) {
  const FetchedEvidence evidence = fetch(kAccepted);
  ASSERT_TRUE(evidence.ok()) << evidence.message;
  EXPECT_EQ(evidence.artifactName, std::string("acceptance-evidence-") + kAccepted);
  EXPECT_NE(evidence.runId, 0);
  EXPECT_EQ(verifyEvidence(evidence.manifest, VerifyOptions{kAccepted}).verdict, Verdict::Accepted);
}

TEST_F(AcceptanceEvidenceSandbox, ARejectedCandidatesManifestIsDownloadedToo) {
  // Fetching is not judging: the caller verifies, and finds the gate failed.
  const FetchedEvidence evidence = fetch(kRejected);
  ASSERT_TRUE(evidence.ok()) << evidence.message;
  EXPECT_EQ(verifyEvidence(evidence.manifest, VerifyOptions{kRejected}).verdict, Verdict::Rejected);
}

TEST_F(AcceptanceEvidenceSandbox, ACommitWithoutAcceptanceRunHasNoEvidence) {
  const FetchedEvidence evidence = fetch(kNeverAccepted);
  EXPECT_EQ(evidence.problem, EvidenceFetchProblem::NoAcceptanceRun);
  EXPECT_EQ(evidence.message, std::string("There is no completed Acceptance Stage run (acceptance-stage.yml) for ") +
                                  kNeverAccepted + ": the candidate was never accepted.");
}

class AcceptanceEvidenceScripted : public ::testing::Test {
 protected:
  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = "https://api.github.test";
    c.repo = {"o", "r"};
    c.maxRetries = 0;
    return c;
  }

  FetchedEvidence fetch() {
    std::optional<FetchedEvidence> result;
    const auto handle =
        fetchAcceptanceEvidence(client, kAccepted, {}, [&](FetchedEvidence e) { result = std::move(e); });
    scheduler.runAll();
    EXPECT_TRUE(result.has_value());
    return result.value_or(FetchedEvidence{});
  }

  void oneRun() {
    transport.respond(200, std::string(R"({"total_count":1,"workflow_runs":[{"id":55,"head_sha":")") + kAccepted +
                               R"(","status":"completed","conclusion":"success"}]})");
  }

  testing::ManualScheduler scheduler;
  testing::ScriptedTransport transport{scheduler};
  GitHubClient client{transport, scheduler, config()};
};

TEST_F(AcceptanceEvidenceScripted, NoEvidenceArtifact) {
  oneRun();
  transport.respond(200, R"({"total_count":1,"artifacts":[{"id":9,"name":"playwright-report","expired":false}]})");
  const FetchedEvidence evidence = fetch();
  EXPECT_EQ(evidence.problem, EvidenceFetchProblem::NoArtifact);
  EXPECT_EQ(evidence.message,
            std::string("The Acceptance Stage run 55 (success) of ") + kAccepted + " uploaded no evidence artifact.");
}

TEST_F(AcceptanceEvidenceScripted, AnExpiredArtifact) {
  oneRun();
  transport.respond(200, R"({"total_count":1,"artifacts":[{"id":9,"name":"acceptance-evidence-x","expired":true}]})");
  const FetchedEvidence evidence = fetch();
  EXPECT_EQ(evidence.problem, EvidenceFetchProblem::Expired);
  EXPECT_EQ(evidence.message, std::string("The evidence artifact acceptance-evidence-x of the Acceptance Stage run 55 "
                                          "(success) has expired: GitHub no longer keeps its files. Re-run the "
                                          "Acceptance Stage for ") +
                                  kAccepted + ".");
  EXPECT_EQ(transport.requests.size(), 2u);  // never downloaded
}

TEST_F(AcceptanceEvidenceScripted, AnArtifactThatExpiredAfterTheListIsGone) {
  oneRun();
  transport.respond(200, R"({"total_count":1,"artifacts":[{"id":9,"name":"acceptance-evidence-x","expired":false}]})");
  transport.respond(410, R"({"message":"Artifact has expired"})");
  const FetchedEvidence evidence = fetch();
  EXPECT_EQ(evidence.problem, EvidenceFetchProblem::Expired);
  EXPECT_EQ(evidence.message.rfind("The evidence artifact acceptance-evidence-x of the Acceptance Stage run 55 "
                                   "(success) has expired: ",
                                   0),
            0u);
}

TEST_F(AcceptanceEvidenceScripted, AServerErrorIsGitHubsSentence) {
  transport.respond(503, R"({"message":"Service unavailable"})");
  const FetchedEvidence evidence = fetch();
  EXPECT_EQ(evidence.problem, EvidenceFetchProblem::GitHub);
  ASSERT_TRUE(evidence.error.has_value());
  EXPECT_EQ(evidence.error->kind, GitHubErrorKind::ServerError);
  EXPECT_EQ(evidence.message, evidence.error->message);
  EXPECT_FALSE(evidence.message.empty());
}

TEST_F(AcceptanceEvidenceScripted, ADownloadThatIsNotAZip) {
  oneRun();
  transport.respond(200, R"({"total_count":1,"artifacts":[{"id":9,"name":"acceptance-evidence-x","expired":false}]})");
  transport.respond(200, "not a zip");
  const FetchedEvidence evidence = fetch();
  EXPECT_EQ(evidence.problem, EvidenceFetchProblem::NoManifest);
  EXPECT_NE(evidence.message.find("could not be read: "), std::string::npos);
}

TEST_F(AcceptanceEvidenceScripted, AskedForTheCompletedRunsOfTheSha) {
  transport.respond(200, R"({"total_count":0,"workflow_runs":[]})");
  EXPECT_EQ(fetch().problem, EvidenceFetchProblem::NoAcceptanceRun);
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_NE(transport.requests[0].url.find("/actions/workflows/acceptance-stage.yml/runs?"), std::string::npos);
  EXPECT_NE(transport.requests[0].url.find(std::string("head_sha=") + kAccepted), std::string::npos);
  EXPECT_NE(transport.requests[0].url.find("status=completed"), std::string::npos);
}

}  // namespace
}  // namespace releasedesk
