// Production artifacts of a run: read from real zips (the sandbox's and hand-built ones), with a
// clear word for every way an artifact or a file in it can fail.
#include "core/timeline/production_artifacts.h"
#include "core/sandbox/sandbox_repository.h"
#include "core/sandbox/sandbox_zip.h"
#include "core/timeline/timeline_loader.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;
using sandbox::buildZip;

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");

std::optional<std::string> field(const ProductionFile& file, std::string_view key) {
  for (const auto& [name, value] : file.fields) {
    if (name == key) return value;
  }
  return std::nullopt;
}

const ProductionFile* fileOf(const ProductionArtifact& artifact, ProductionFileKind kind) {
  const auto it = std::find_if(artifact.files.begin(), artifact.files.end(),
                               [kind](const ProductionFile& f) { return f.kind == kind; });
  return it == artifact.files.end() ? nullptr : &*it;
}

ProductionArtifact read(std::string name, const std::vector<sandbox::ZipEntry>& entries,
                        ProductionArtifactLimits limits = {}) {
  ProductionArtifact artifact;
  artifact.name = std::move(name);
  readProductionArchive(buildZip(entries, kOpenedAt), limits, artifact);
  return artifact;
}

TEST(ProductionArtifacts, KindsFollowTheRunbookPaths) {
  EXPECT_EQ(productionFileKind("production-record-abc", "deployment-record.json"),
            ProductionFileKind::DeploymentRecord);
  EXPECT_EQ(productionFileKind("production-record-abc", "result.json"), ProductionFileKind::Result);
  EXPECT_EQ(productionFileKind("anything", ".artifacts/deploy/abc/api.json"), ProductionFileKind::Deploy);
  EXPECT_EQ(productionFileKind("deploy-abc", "web.json"), ProductionFileKind::Deploy);
  EXPECT_EQ(productionFileKind("browser-evidence-abc", "manifest.json"), ProductionFileKind::BrowserEvidence);
  EXPECT_EQ(productionFileKind("x", ".artifacts/browser-evidence/abc/manifest.json"),
            ProductionFileKind::BrowserEvidence);
  EXPECT_FALSE(productionFileKind("browser-evidence-abc", "screenshots/home.json"));
  EXPECT_FALSE(productionFileKind("x", "redeploy/api.json"));
  EXPECT_FALSE(productionFileKind("deploy-abc", "log.txt"));
  EXPECT_FALSE(productionFileKind("x", "notes.json"));
}

TEST(ProductionArtifacts, FieldsAreFlattenedInFileOrder) {
  const ProductionArtifact artifact =
      read("production-record-abc",
           {{"deployment-record.json",
             R"({"headSha":"abc","workflowRun":{"id":7,"attempt":2},"revisions":{"api":"r1"},"tags":["a","b"],)"
             R"("steps":[{"name":"x"}],"empty":[]})"},
            {"notes.txt", "kept by name"}});
  EXPECT_TRUE(artifact.error.empty()) << artifact.error;
  ASSERT_EQ(artifact.files.size(), 1u);
  const ProductionFile& record = artifact.files[0];
  EXPECT_TRUE(record.error.empty()) << record.error;
  ASSERT_GE(record.fields.size(), 6u);
  EXPECT_EQ(record.fields[0], (std::pair<std::string, std::string>("headSha", "abc")));
  EXPECT_EQ(record.fields[1], (std::pair<std::string, std::string>("workflowRun.id", "7")));
  EXPECT_EQ(field(record, "revisions.api"), "r1");
  EXPECT_EQ(field(record, "tags"), "a, b");
  EXPECT_EQ(field(record, "steps"), R"([{"name":"x"}])");
  EXPECT_EQ(field(record, "empty"), "(none)");
  EXPECT_EQ(artifact.others, (std::vector<std::string>{"notes.txt"}));
}

TEST(ProductionArtifacts, BadFilesSayWhyAndKeepTheRest) {
  ProductionArtifactLimits limits;
  limits.maxFileBytes = 64;
  limits.maxFields = 2;
  const ProductionArtifact artifact = read("deploy-abc",
                                           {{"api.json", R"({"revision": "ca-api--1", "digest": )"},  // cut short
                                            {"web.json", R"(["not", "an", "object"])"},
                                            {"big.json", std::string(100, ' ') + "{}"},
                                            {"many.json", R"({"a":1,"b":2,"c":3})"},
                                            {"ok.json", R"({"revision":"ca-web--1"})"},
                                            {"huge.json", R"({"replicas": 1e400})"}},
                                           limits);
  ASSERT_EQ(artifact.files.size(), 6u);
  EXPECT_NE(artifact.files[0].error.find("api.json is not JSON"), std::string::npos) << artifact.files[0].error;
  EXPECT_TRUE(artifact.files[0].fields.empty());
  EXPECT_NE(artifact.files[1].error.find("not a JSON object but an array"), std::string::npos);
  EXPECT_NE(artifact.files[2].error.find("larger than 64 bytes"), std::string::npos);
  EXPECT_TRUE(artifact.files[3].truncated);
  EXPECT_EQ(artifact.files[3].fields.size(), 2u);
  EXPECT_TRUE(artifact.files[4].error.empty());
  EXPECT_EQ(field(artifact.files[4], "revision"), "ca-web--1");
  EXPECT_NE(artifact.files[5].error.find("huge.json is not JSON"), std::string::npos) << artifact.files[5].error;
  EXPECT_NE(artifact.files[5].error.find("number overflow"), std::string::npos) << artifact.files[5].error;
  EXPECT_EQ(artifact.files[0].error.find("json.exception"), std::string::npos) << artifact.files[0].error;
}

// A file of the run is outside input: a document followed by a NUL and junk, or by a second
// document, is not JSON, whatever the first document held.
TEST(ProductionArtifacts, TrailingDataAfterTheDocumentIsNotJson) {
  const ProductionArtifact artifact =
      read("production-record-abc", {{"result.json", std::string(R"({"status":"success"})") + std::string("\0junk", 5)},
                                     {"deployment-record.json", R"({"headSha":"abc"}{})"}});
  ASSERT_EQ(artifact.files.size(), 2u);
  for (const ProductionFile& file : artifact.files) {
    EXPECT_NE(file.error.find("is not JSON: something follows the end of the document"), std::string::npos)
        << file.error;
    EXPECT_TRUE(file.fields.empty());
  }
}

TEST(ProductionArtifacts, DeepNestingIsRefusedNotRecursedInto) {
  const std::string deep = R"({"a":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  const ProductionArtifact artifact = read("production-record-abc", {{"result.json", deep}});
  ASSERT_EQ(artifact.files.size(), 1u);
  EXPECT_NE(artifact.files[0].error.find("nested deeper than 64 levels"), std::string::npos) << artifact.files[0].error;
  std::vector<std::pair<std::string, std::string>> fields;
  bool truncated = false;
  std::string error;
  EXPECT_TRUE(
      summarizeJson(R"({"a":)" + std::string(60, '[') + std::string(60, ']') + "}", 10, fields, truncated, error))
      << error;
}

TEST(ProductionArtifacts, LongValuesAreCutOnACharacterBoundary) {
  const std::string longValue(118, 'a');
  const ProductionArtifact artifact =
      read("production-record-abc", {{"result.json", R"({"message":")" + longValue + "\xC3\xA9\xC3\xA9" + R"("})"}});
  ASSERT_EQ(artifact.files.size(), 1u);
  const std::string value = *field(artifact.files[0], "message");
  EXPECT_EQ(value, longValue + "\xC3\xA9…");
}

TEST(ProductionArtifacts, BytesThatAreNotAZipSaySo) {
  ProductionArtifact artifact;
  artifact.name = "production-record-abc";
  readProductionArchive("<html>not a zip</html>", {}, artifact);
  EXPECT_EQ(artifact.error, "the artifact is not a zip archive");
  EXPECT_TRUE(artifact.files.empty());
}

// Over the scripted transport: the list and each download fail in their own words.
struct ScriptedRead : ::testing::Test {
  testing::ManualScheduler scheduler{kOpenedAt};
  testing::ScriptedTransport transport{scheduler};
  GitHubClient client{transport, scheduler, config()};

  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = "https://api.github.com";
    c.repo = {"contoso", "shop"};
    c.token = "test-token-value";
    c.maxRetries = 0;
    return c;
  }

  RunArtifacts readRun(ProductionArtifactLimits limits = {}) {
    std::optional<RunArtifacts> out;
    const auto handle = readRunArtifacts(
        client, 42, [&out](RunArtifacts r) { out = std::move(r); }, limits);
    scheduler.runAll();
    EXPECT_TRUE(out.has_value());
    return out ? std::move(*out) : RunArtifacts{};
  }
};

std::string artifactList(const std::string& items) {
  return R"({"total_count":9,"artifacts":[)" + items + "]}";
}

std::string artifactJson(int id, const std::string& name, long size, bool expired = false) {
  return R"({"id":)" + std::to_string(id) + R"(,"name":")" + name + R"(","size_in_bytes":)" + std::to_string(size) +
         R"(,"expired":)" + (expired ? "true" : "false") + "}";
}

TEST_F(ScriptedRead, ListFailureIsTheResultsError) {
  transport.respond(404, R"({"message":"Not Found"})");
  const RunArtifacts r = readRun();
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, GitHubErrorKind::NotFound);
  EXPECT_TRUE(r.artifacts.empty());
}

TEST_F(ScriptedRead, EachArtifactKeepsItsOwnOutcome) {
  ProductionArtifactLimits limits;
  limits.maxArchiveBytes = 1000;
  transport.respond(
      200, artifactList(artifactJson(1, "production-record-abc", 500) + "," +
                        artifactJson(2, "browser-evidence-abc", 500, true) + "," + artifactJson(3, "deploy-abc", 5000) +
                        "," + artifactJson(4, "deploy-def", 500) + "," + artifactJson(5, "infra-abc", 500)));
  transport.respond(200, buildZip({{"result.json", R"({"conclusion":"success"})"}}, kOpenedAt));
  transport.respond(500, R"({"message":"boom"})");
  transport.respond(200, "truncated garbage");
  const RunArtifacts r = readRun(limits);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.artifacts.size(), 5u);
  ASSERT_EQ(r.artifacts[0].files.size(), 1u);
  EXPECT_EQ(field(r.artifacts[0].files[0], "conclusion"), "success");
  EXPECT_NE(r.artifacts[1].error.find("expired"), std::string::npos);
  EXPECT_NE(r.artifacts[2].error.find("not downloaded: 4 KiB is more than the 1000 bytes the desk previews"),
            std::string::npos)
      << r.artifacts[2].error;
  EXPECT_NE(r.artifacts[3].error.find("not downloaded:"), std::string::npos) << r.artifacts[3].error;
  EXPECT_EQ(r.artifacts[4].error, "the artifact is not a zip archive");
  // One list and three downloads: the expired and the oversized one were never asked for.
  ASSERT_EQ(transport.requests.size(), 4u);
  EXPECT_NE(transport.requests[1].url.find("/actions/artifacts/1/zip"), std::string::npos);
  EXPECT_NE(transport.requests[2].url.find("/actions/artifacts/4/zip"), std::string::npos);
  EXPECT_NE(transport.requests[3].url.find("/actions/artifacts/5/zip"), std::string::npos);
}

TEST_F(ScriptedRead, AnArtifactAlreadyReadIsNotDownloadedAgain) {
  transport.respond(200, artifactList(artifactJson(1, "production-record-abc", 500)));
  transport.respond(200, buildZip({{"result.json", R"({"conclusion":"success"})"}}, kOpenedAt));
  const RunArtifacts first = readRun();
  ASSERT_EQ(first.artifacts.size(), 1u);
  ASSERT_EQ(transport.requests.size(), 2u);

  transport.respond(200, artifactList(artifactJson(1, "production-record-abc", 500) + "," +
                                      artifactJson(2, "browser-evidence-abc", 500)));
  transport.respond(200, buildZip({{"manifest.json", R"({"pages":3})"}}, kOpenedAt));
  std::optional<RunArtifacts> second;
  const auto handle = readRunArtifacts(
      client, 42, [&second](RunArtifacts r) { second = std::move(r); }, {}, first.artifacts);
  scheduler.runAll();
  ASSERT_TRUE(second);
  ASSERT_EQ(second->artifacts.size(), 2u);
  EXPECT_TRUE(second->artifacts[0].reused);
  EXPECT_EQ(field(second->artifacts[0].files.at(0), "conclusion"), "success");
  const ProductionFile* manifest = fileOf(second->artifacts[1], ProductionFileKind::BrowserEvidence);
  ASSERT_NE(manifest, nullptr);
  EXPECT_EQ(field(*manifest, "pages"), "3");
  ASSERT_EQ(transport.requests.size(), 4u);  // the second list and only the new artifact
  EXPECT_NE(transport.requests[3].url.find("/actions/artifacts/2/zip"), std::string::npos);
}

TEST_F(ScriptedRead, DroppingTheHandleDropsTheAnswer) {
  transport.respond(200, artifactList(artifactJson(1, "production-record-abc", 10)));
  bool called = false;
  {
    const auto handle = readRunArtifacts(client, 42, [&called](RunArtifacts) { called = true; });
  }
  scheduler.runAll();
  EXPECT_FALSE(called);
}

// The sandbox's production runs upload production-record-<sha>: its deployment record and result
// come back through the real client, tied to the run that wrote them.
TEST(ProductionArtifactsSandbox, ReadsTheRecordOfADeployRun) {
  SandboxRepository repository(kOpenedAt);
  testing::ManualScheduler scheduler(kOpenedAt);
  SandboxTransport transport(repository, scheduler);
  GitHubClientConfig config;
  config.apiBase = std::string(kSandboxApiBase);
  config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
  config.token = "sandbox-token";
  GitHubClient client(transport, scheduler, config);

  TimelineLoader loader(client, scheduler, {.window = std::chrono::days(90)});
  std::optional<TimelineRefresh> refreshed;
  loader.refresh([&refreshed](TimelineRefresh r) { refreshed = std::move(r); });
  for (int i = 0; i < 500 && !refreshed; ++i) scheduler.runDue();
  ASSERT_TRUE(refreshed && !refreshed->error);
  const DeploymentTimeline& timeline = refreshed->timeline;
  const auto deployed = std::find_if(timeline.runs.begin(), timeline.runs.end(), [](const TimelineRun& lane) {
    return lane.sha && lane.conclusion == "success" && !lane.deployments.empty();
  });
  ASSERT_NE(deployed, timeline.runs.end());

  std::optional<RunArtifacts> out;
  const auto handle = readRunArtifacts(client, deployed->id, [&out](RunArtifacts r) { out = std::move(r); });
  for (int i = 0; i < 100 && !out; ++i) scheduler.runDue();
  ASSERT_TRUE(out);
  ASSERT_FALSE(out->error) << out->error->message;
  ASSERT_EQ(out->artifacts.size(), 1u);
  const ProductionArtifact& artifact = out->artifacts[0];
  EXPECT_EQ(artifact.name, "production-record-" + *deployed->sha);
  EXPECT_TRUE(artifact.error.empty()) << artifact.error;
  const ProductionFile* record = fileOf(artifact, ProductionFileKind::DeploymentRecord);
  ASSERT_NE(record, nullptr);
  EXPECT_EQ(field(*record, "headSha"), *deployed->sha);
  EXPECT_EQ(field(*record, "workflowRun.id"), std::to_string(deployed->id));
  const ProductionFile* result = fileOf(artifact, ProductionFileKind::Result);
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(field(*result, "conclusion"), "success");
}

}  // namespace
}  // namespace releasedesk
