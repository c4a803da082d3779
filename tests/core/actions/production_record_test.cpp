// The production stage's record documents: deployment-record.json copies what was accepted,
// result.json says how the stage ended, both versioned.
#include "core/actions/production_record.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

constexpr const char* kSha = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";
constexpr const char* kApi =
    "contosoprod.azurecr.io/shop/api@sha256:1111111111111111111111111111111111111111111111111111111111111111";
constexpr const char* kWeb =
    "contosoprod.azurecr.io/shop/web@sha256:2222222222222222222222222222222222222222222222222222222222222222";

ProductionRecord record() {
  ProductionRecord r;
  r.headSha = kSha;
  r.manifest.headSha = kSha;
  r.manifest.kind = "runtime";
  r.manifest.scope = {{"identity", false}, {"infra", true}, {"runtime", true}, {"migrations", true}};
  r.manifest.apiRef = kApi;
  r.manifest.webRef = kWeb;
  r.outcome = "failure";
  r.jobs = {{"load-accepted-candidate", "success"}, {"stale-guard", "skipped"}, {"production-mutate", "failure"}};
  r.recordedAt = *parseIsoTime("2026-03-02T09:15:00Z");
  return r;
}

TEST(ProductionRecord, TheDeploymentRecordCopiesTheAcceptedManifest) {
  ProductionRecord r = record();
  r.run =
      RecordingRun{9001, 2, "https://github.com/contoso/shop/actions/runs/9001/attempts/2", "workflow_run", "octocat"};
  r.deploymentId = 77;
  const Json doc = Json::parse(deploymentRecordJson(r));
  EXPECT_EQ(doc.at("schemaVersion"), 1);
  EXPECT_EQ(doc.at("headSha"), kSha);
  EXPECT_EQ(doc.at("environment"), "production");
  EXPECT_EQ(doc.at("kind"), "runtime");
  EXPECT_EQ(doc.at("scope"), Json::parse(R"({"identity":false,"infra":true,"runtime":true,"migrations":true})"));
  EXPECT_EQ(doc.at("candidate").at("apiRef"), kApi);
  EXPECT_EQ(doc.at("candidate").at("webRef"), kWeb);
  EXPECT_EQ(doc.at("workflowRun"), Json::parse(R"({"id":9001,"attempt":2,
      "url":"https://github.com/contoso/shop/actions/runs/9001/attempts/2","event":"workflow_run","actor":"octocat"})"));
  EXPECT_EQ(doc.at("deploymentId"), 77);
  EXPECT_EQ(doc.at("recordedAt"), "2026-03-02T09:15:00Z");
}

TEST(ProductionRecord, WhatIsNotKnownIsLeftOutNeverEmpty) {
  ProductionRecord r = record();
  r.manifest.scope = {{"identity", true}, {"infra", false}, {"runtime", false}};
  r.manifest.apiRef.clear();
  r.manifest.webRef.clear();
  const Json doc = Json::parse(deploymentRecordJson(r));
  EXPECT_FALSE(doc.contains("workflowRun"));
  EXPECT_FALSE(doc.contains("deploymentId"));
  EXPECT_EQ(doc.at("candidate"), Json::object());
}

TEST(ProductionRecord, TheResultHasTheOutcomeAndEveryJobInOrder) {
  const std::string text = stageResultJson(record());
  EXPECT_EQ(text, R"({
  "schemaVersion": 1,
  "headSha": "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8",
  "outcome": "failure",
  "jobs": {
    "load-accepted-candidate": "success",
    "stale-guard": "skipped",
    "production-mutate": "failure"
  },
  "recordedAt": "2026-03-02T09:15:00Z"
}
)");
}

TEST(ProductionRecord, OutcomesAndJobResults) {
  EXPECT_TRUE(isStageOutcome("success"));
  EXPECT_TRUE(isStageOutcome("failure"));
  EXPECT_TRUE(isStageOutcome("cancelled"));
  EXPECT_FALSE(isStageOutcome("skipped"));
  EXPECT_FALSE(isStageOutcome("Success"));
  EXPECT_TRUE(isJobResult("skipped"));
  EXPECT_FALSE(isJobResult(""));
}

TEST(ProductionRecord, AJobNameThatIsNotUtf8StillGivesJson) {
  ProductionRecord r = record();
  r.jobs = {{"bad\xff", "success"}};
  EXPECT_TRUE(Json::accept(stageResultJson(r)));
}

}  // namespace
}  // namespace releasedesk
