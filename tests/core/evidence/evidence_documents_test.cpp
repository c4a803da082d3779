// The JSON and Markdown renderings that `releasedesk-cli` prints and GitHub step summaries show.
#include "core/evidence/artifact_tree.h"
#include "core/evidence/evidence_json.h"
#include "core/evidence/evidence_markdown.h"
#include "tests/core/support/manifests.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace releasedesk {
namespace {

using Json = nlohmann::json;
using testing::kShaA;
using testing::kShaB;
using testing::kShaC;
using testing::runtimeManifest;

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

EvidenceReport reportWithUnknownField() {
  std::string doc = runtimeManifest(kShaA);
  doc.insert(doc.rfind('}'), R"(, "build": {"workflowRun": 4182, "note": "a|b"})");
  return verifyEvidence(doc);
}

TEST(ReportToJson, AnAcceptedReportCarriesTheManifestAndItsFindings) {
  const EvidenceReport report = reportWithUnknownField();
  const Json doc = Json::parse(toJson(report));

  EXPECT_EQ(doc.at("verdict"), "accepted");
  EXPECT_EQ(doc.at("headSha"), kShaA);
  EXPECT_EQ(doc.at("kind"), "runtime");
  EXPECT_EQ(doc.at("scope"), Json::parse(R"({"identity": false, "infra": false, "runtime": true})"));
  EXPECT_EQ(doc.at("candidate").at("apiRef"), report.manifest.apiRef);
  EXPECT_EQ(doc.at("candidate").at("webRef"), report.manifest.webRef);
  EXPECT_EQ(doc.at("acceptanceStageGate"), "success");
  ASSERT_EQ(doc.at("findings").size(), 1u);
  EXPECT_EQ(doc.at("findings")[0].at("severity"), "info");
  EXPECT_EQ(doc.at("findings")[0].at("pointer"), "/build");
  // Unknown values come back as JSON values, not as strings holding JSON.
  ASSERT_EQ(doc.at("unknownFields").size(), 1u);
  EXPECT_EQ(doc.at("unknownFields")[0].at("pointer"), "/build");
  EXPECT_EQ(doc.at("unknownFields")[0].at("value").at("workflowRun"), 4182);
  EXPECT_FALSE(doc.contains("path"));
}

TEST(ReportToJson, EveryFindingKeepsSeverityPointerAndMessage) {
  std::string doc = runtimeManifest("ABC", "failure");
  const EvidenceReport report = verifyEvidence(doc);
  const Json json = Json::parse(toJson(report, "acceptance/x/evidence-manifest.json"));

  EXPECT_EQ(json.at("verdict"), "invalid");
  EXPECT_EQ(json.at("path"), "acceptance/x/evidence-manifest.json");
  ASSERT_EQ(json.at("findings").size(), report.findings.size());
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    const Json& f = json.at("findings")[i];
    EXPECT_EQ(f.at("severity"), toString(report.findings[i].severity));
    EXPECT_EQ(f.at("pointer"), report.findings[i].pointer);
    EXPECT_EQ(f.at("message"), report.findings[i].message);
  }
}

TEST(ReportToJson, WhatCouldNotBeReadIsNullNotEmpty) {
  const Json doc = Json::parse(toJson(verifyEvidence("[]")));
  EXPECT_EQ(doc.at("verdict"), "invalid");
  EXPECT_TRUE(doc.at("headSha").is_null());
  EXPECT_TRUE(doc.at("kind").is_null());
  EXPECT_TRUE(doc.at("candidate").at("apiRef").is_null());
  EXPECT_TRUE(doc.at("acceptanceStageGate").is_null());
  EXPECT_EQ(doc.at("scope"), Json::object());
  ASSERT_EQ(doc.at("findings").size(), 1u);
  EXPECT_EQ(doc.at("findings")[0].at("severity"), "error");
  EXPECT_EQ(doc.at("findings")[0].at("pointer"), "");
  EXPECT_TRUE(contains(doc.at("findings")[0].at("message"), "must be a JSON object"));
}

TEST(ReportToJson, InvalidUtf8InAHandBuiltReportStillRendersAsJson) {
  // Reports can be built by callers (e.g. a read error quoting a path); rendering must not throw.
  EvidenceReport report;
  report.findings.push_back({Severity::Error, "", "cannot open /tmp/\xff\xfe.json"});
  const Json doc = Json::parse(toJson(report, "\xff.json"));
  EXPECT_EQ(doc.at("findings").size(), 1u);
}

TEST(CatalogToJson, ListsCandidatesSkippedEntriesAndTheError) {
  const std::string a = runtimeManifest(kShaA);
  const std::string b = runtimeManifest(kShaB, "failure");
  const CandidateCatalog catalog =
      catalogFromFiles({{"acceptance/" + std::string(kShaA) + "/evidence-manifest.json", a},
                        {"acceptance/" + std::string(kShaB) + "/evidence-manifest.json", b},
                        {"acceptance/latest/evidence-manifest.json", a}});
  const Json doc = Json::parse(toJson(catalog));
  EXPECT_EQ(doc.at("root"), "");
  ASSERT_EQ(doc.at("candidates").size(), 2u);
  EXPECT_EQ(doc.at("candidates")[0].at("sha"), kShaA);
  EXPECT_EQ(doc.at("candidates")[0].at("verdict"), "accepted");
  EXPECT_EQ(doc.at("candidates")[0].at("path"), "acceptance/" + std::string(kShaA) + "/evidence-manifest.json");
  EXPECT_EQ(doc.at("candidates")[1].at("verdict"), "rejected");
  ASSERT_EQ(doc.at("skipped").size(), 1u);
  EXPECT_EQ(doc.at("skipped")[0].at("path"), "acceptance/latest");
  EXPECT_FALSE(doc.contains("error"));

  CandidateCatalog failed;
  failed.root = "/nowhere";
  failed.error = "The folder /nowhere does not exist.";
  const Json failedDoc = Json::parse(toJson(failed));
  EXPECT_EQ(failedDoc.at("error"), failed.error);
  EXPECT_TRUE(failedDoc.at("candidates").empty());
}

TEST(ReportToMarkdown, ShowsVerdictFieldsAndAFindingsTable) {
  const std::string md = reportToMarkdown(reportWithUnknownField(), "acceptance/x/evidence-manifest.json");
  EXPECT_EQ(md.rfind("### Candidate evidence: ✅ accepted\n", 0), 0u) << md;
  EXPECT_TRUE(contains(md, "| Source | `acceptance/x/evidence-manifest.json` |"));
  EXPECT_TRUE(contains(md, "| Head SHA | `" + std::string(kShaA) + "` |"));
  EXPECT_TRUE(contains(md, "| Scope | identity ✘, infra ✘, runtime ✔ |"));
  EXPECT_TRUE(contains(md, "| Acceptance gate | success |"));
  EXPECT_TRUE(contains(md, "| Severity | Where | Finding |"));
  EXPECT_TRUE(contains(md, "| ℹ️ info | `/build` |"));
}

TEST(ReportToMarkdown, ACleanReportSaysSoAndMissingFieldsShowADash) {
  const std::string clean = reportToMarkdown(verifyEvidence(runtimeManifest(kShaA)), "m.json");
  EXPECT_TRUE(contains(clean, "No findings."));

  const std::string empty = reportToMarkdown(verifyEvidence(""), "m.json");
  EXPECT_TRUE(contains(empty, "❌ invalid"));
  EXPECT_TRUE(contains(empty, "| Head SHA | `—` |"));
  EXPECT_TRUE(contains(empty, "| ❌ error | `/` | The file is empty"));
}

TEST(ReportToMarkdown, PipesAndLineBreaksCannotBreakTheTable) {
  EvidenceReport report;
  report.manifest.kind = "run|time";
  report.findings.push_back({Severity::Warning, "/a|b", "first line\nsecond | part\r"});
  const std::string md = reportToMarkdown(report, "a|b.json");
  EXPECT_TRUE(contains(md, "| Kind | run\\|time |"));
  EXPECT_TRUE(contains(md, "| ⚠️ warning | `/a\\|b` | first line\\nsecond \\| part\\r |"));
  EXPECT_TRUE(contains(md, "`a\\|b.json`"));
}

TEST(CatalogToJson, TheStreamedDocumentIsByteForByteWhatNlohmannWouldPrint) {
  for (const std::size_t count : {0, 1, 3}) {
    std::vector<std::string> manifests;
    std::vector<TreeFile> files;
    for (std::size_t i = 0; i < count; ++i)
      manifests.push_back(runtimeManifest(i == 0 ? kShaA : i == 1 ? kShaB : kShaC));
    for (std::size_t i = 0; i < count; ++i) {
      const std::string_view sha = i == 0 ? kShaA : i == 1 ? kShaB : kShaC;
      files.push_back({"acceptance/" + std::string(sha) + "/evidence-manifest.json", manifests[i]});
    }
    files.push_back({"acceptance/la\ntest/evidence-manifest.json", "{}"});
    CandidateCatalog catalog = catalogFromFiles(files);
    catalog.root = "/tree \"quoted\"";
    if (count == 3) catalog.error = "Listing stopped early.";
    const std::string streamed = toJson(catalog);
    EXPECT_EQ(streamed, nlohmann::ordered_json::parse(streamed).dump(2)) << streamed;
  }
}

TEST(CatalogToMarkdown, OneRowPerCandidateWithShortShaAndErrorCount) {
  const CandidateCatalog catalog = catalogFromFiles(
      {{"acceptance/" + std::string(kShaA) + "/evidence-manifest.json", runtimeManifest(kShaA)},
       {"acceptance/" + std::string(kShaB) + "/evidence-manifest.json", runtimeManifest("x", "failure")},
       {"acceptance/nope/evidence-manifest.json", "{}"}});
  const std::string md = catalogToMarkdown(catalog);
  EXPECT_TRUE(contains(md, "| `" + std::string(kShaA.substr(0, 12)) + "` | runtime | ✅ accepted | 0 |")) << md;
  EXPECT_TRUE(contains(md, "| `" + std::string(kShaB.substr(0, 12)) + "` | runtime | ❌ invalid | 2 |")) << md;
  EXPECT_TRUE(contains(md, "Skipped `acceptance/nope`: the folder name is not"));

  CandidateCatalog failed;
  failed.root = "/nowhere";
  failed.error = "The folder /nowhere does not exist.";
  EXPECT_TRUE(contains(catalogToMarkdown(failed), "> The folder /nowhere does not exist."));
}

TEST(VerdictLabel, PairsAnIconWithTheWord) {
  // Never colour or icon alone: the word is always there.
  EXPECT_EQ(verdictLabel(Verdict::Accepted), "✅ accepted");
  EXPECT_EQ(verdictLabel(Verdict::Rejected), "⛔ rejected");
  EXPECT_EQ(verdictLabel(Verdict::Invalid), "❌ invalid");
}

}  // namespace
}  // namespace releasedesk
