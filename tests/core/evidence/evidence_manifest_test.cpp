// Manifest validation beyond the asset table: generated documents (size and depth limits) and
// what the parsed manifest carries for the desk and the console.
#include "core/evidence/evidence_manifest.h"
#include "tests/core/support/manifests.h"

#include <gtest/gtest.h>

#include <string>

namespace releasedesk {
namespace {

using testing::kShaA;
using testing::runtimeManifest;

std::string nestedArrays(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

std::string nestedObjects(int depth) {
  std::string doc;
  for (int i = 0; i < depth; ++i) doc += R"({"a":)";
  return doc + "0" + std::string(depth, '}');
}

// A valid manifest with an unknown field nested so that the whole document is `levels` deep.
std::string manifestWithDepth(int levels) {
  std::string doc = runtimeManifest(kShaA);
  const int inner = levels - 1;  // the manifest object itself is the first level
  doc.insert(doc.rfind('}'), R"(, "deep": )" + nestedArrays(inner));
  return doc;
}

std::string repeated(std::string_view part, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += part;
  return out;
}

TEST(EvidenceManifest, TenThousandNestedArraysAreRefusedWithoutCrashing) {
  const EvidenceReport report = verifyEvidence(nestedArrays(10'000));
  EXPECT_EQ(report.verdict, Verdict::Invalid);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].severity, Severity::Error);
  EXPECT_NE(report.findings[0].message.find("nests deeper than 64 levels"), std::string::npos)
      << report.findings[0].message;
  EXPECT_EQ(report.findings[0].pointer, repeated("/0", kMaxManifestDepth));
}

TEST(EvidenceManifest, TenThousandNestedObjectsAreRefusedAtTheDeepPointer) {
  const EvidenceReport report = verifyEvidence(nestedObjects(10'000));
  EXPECT_EQ(report.verdict, Verdict::Invalid);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].message.find("deeper than 64 levels"), std::string::npos);
  EXPECT_EQ(report.findings[0].pointer, repeated("/a", kMaxManifestDepth));
}

TEST(EvidenceManifest, UnterminatedNestingIsRefusedByDepthBeforeTheSyntaxError) {
  const EvidenceReport report = verifyEvidence(std::string(10'000, '['));
  EXPECT_EQ(report.verdict, Verdict::Invalid);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_NE(report.findings[0].message.find("deeper than"), std::string::npos);
}

TEST(EvidenceManifest, NestingUpToTheLimitIsAcceptedAndOneMoreLevelIsNot) {
  const EvidenceReport atLimit = verifyEvidence(manifestWithDepth(kMaxManifestDepth));
  EXPECT_EQ(atLimit.verdict, Verdict::Accepted);
  ASSERT_EQ(atLimit.manifest.unknownFields.size(), 1u);
  EXPECT_EQ(atLimit.manifest.unknownFields[0].pointer, "/deep");

  const EvidenceReport beyond = verifyEvidence(manifestWithDepth(kMaxManifestDepth + 1));
  EXPECT_EQ(beyond.verdict, Verdict::Invalid);
  ASSERT_FALSE(beyond.findings.empty());
  EXPECT_EQ(beyond.findings[0].pointer, "/deep" + repeated("/0", kMaxManifestDepth - 1));
}

// A valid manifest padded with an unknown string field to exactly `size` bytes.
std::string manifestOfSize(std::size_t size) {
  std::string doc = runtimeManifest(kShaA);
  const std::string prefix = R"(, "padding": ")";
  const std::string suffix = "\"";
  const std::size_t fixed = doc.size() + prefix.size() + suffix.size();
  doc.insert(doc.rfind('}'), prefix + std::string(size - fixed, 'x') + suffix);
  return doc;
}

TEST(EvidenceManifest, AFileOfExactlyOneMebibyteIsRead) {
  const std::string doc = manifestOfSize(kMaxManifestBytes);
  ASSERT_EQ(doc.size(), kMaxManifestBytes);
  const EvidenceReport report = verifyEvidence(doc);
  EXPECT_EQ(report.verdict, Verdict::Accepted);
  ASSERT_EQ(report.findings.size(), 1u);
  EXPECT_EQ(report.findings[0].severity, Severity::Info);
  EXPECT_EQ(report.findings[0].pointer, "/padding");
}

TEST(EvidenceManifest, AFileOverOneMebibyteIsRefusedNamingTheLimit) {
  const std::string doc = manifestOfSize(kMaxManifestBytes + 1);
  const EvidenceReport report = verifyEvidence(doc);
  EXPECT_EQ(report.verdict, Verdict::Invalid);
  ASSERT_EQ(report.findings.size(), 1u);
  const Finding& finding = report.findings[0];
  EXPECT_EQ(finding.severity, Severity::Error);
  EXPECT_EQ(finding.pointer, "");
  EXPECT_NE(finding.message.find("larger than 1 MiB"), std::string::npos) << finding.message;
  EXPECT_NE(finding.message.find("1048576 bytes"), std::string::npos) << finding.message;
  // Refused before parsing: nothing of the document was taken in.
  EXPECT_TRUE(report.manifest.headSha.empty());
}

TEST(EvidenceManifest, BytesAfterTheDocumentMakeItNotJson) {
  using namespace std::string_literals;
  const std::string manifest = runtimeManifest(kShaA);
  // A NUL byte and junk, a second document, stray text: the whole input must be one document.
  for (const std::string& tail : {"\0junk"s, "\0"s, "\n{\"kind\": \"other\"}"s, " x"s, "[]"s}) {
    const EvidenceReport report = verifyEvidence(manifest + tail);
    EXPECT_EQ(report.verdict, Verdict::Invalid) << tail;
    ASSERT_EQ(report.findings.size(), 1u) << tail;
    EXPECT_EQ(report.findings[0].pointer, "");
    EXPECT_NE(report.findings[0].message.find("not valid JSON"), std::string::npos) << report.findings[0].message;
    EXPECT_NE(report.findings[0].message.find("something follows the end of the document"), std::string::npos)
        << report.findings[0].message;
  }
  // Trailing whitespace is part of JSON text.
  EXPECT_EQ(verifyEvidence(manifest + " \n\t\r\n").verdict, Verdict::Accepted);
  // A NUL inside a string is a broken string, not a trailing byte.
  EXPECT_EQ(verifyEvidence("{\"kind\": \"a\0b\"}"s).findings[0].message.find("follows the end"), std::string::npos);
  // A cut-off document ("unexpected end of input") has nothing after it: its syntax breaks.
  const EvidenceReport cut = verifyEvidence(manifest.substr(0, manifest.find(',') + 1));
  ASSERT_EQ(cut.findings.size(), 1u);
  EXPECT_NE(cut.findings[0].message.find("the syntax breaks near byte"), std::string::npos) << cut.findings[0].message;
}

TEST(EvidenceManifest, AnAcceptedManifestCarriesEveryFieldForTheDesk) {
  const std::string doc = R"({
    "headSha": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
    "kind": "runtime",
    "scope": {"runtime": true, "identity": false, "migrations": true, "infra": false},
    "candidate": {
      "apiRef": "contosoprod.azurecr.io/shop/api@sha256:beed8af1abfd09c00261a86152eb6ada276377153c5d311b3384a916aa60c225",
      "webRef": "contosoprod.azurecr.io/shop/web@sha256:08006b2b11e8f384ffeecf44f5df29343a0090b16172480bd5641a8928df8e36"
    },
    "checks": {"acceptanceStageGate": "success"},
    "build": {"workflowRun": 4182, "tags": ["a", "b"]}
  })";
  const EvidenceReport report = verifyEvidence(doc, VerifyOptions{std::string(kShaA)});
  ASSERT_EQ(report.verdict, Verdict::Accepted);
  const EvidenceManifest& m = report.manifest;
  EXPECT_EQ(m.headSha, kShaA);
  EXPECT_EQ(m.kind, "runtime");
  const std::vector<std::pair<std::string, bool>> scope = {
      {"runtime", true}, {"identity", false}, {"migrations", true}, {"infra", false}};
  EXPECT_EQ(m.scope, scope);
  EXPECT_TRUE(m.inScope("runtime"));
  EXPECT_TRUE(m.inScope("migrations"));
  EXPECT_FALSE(m.inScope("infra"));
  EXPECT_FALSE(m.inScope("absent"));
  EXPECT_EQ(m.apiRef.substr(0, 35), "contosoprod.azurecr.io/shop/api@sha");
  EXPECT_EQ(m.webRef.substr(0, 35), "contosoprod.azurecr.io/shop/web@sha");
  EXPECT_EQ(m.acceptanceStageGate, "success");
  // Unknown values are kept as compact JSON, ready to be shown.
  ASSERT_EQ(m.unknownFields.size(), 1u);
  EXPECT_EQ(m.unknownFields[0], (UnknownField{"/build", R"({"workflowRun":4182,"tags":["a","b"]})"}));
  EXPECT_FALSE(report.hasErrors());
}

TEST(EvidenceManifest, WhatCouldBeReadIsKeptEvenWhenTheManifestIsInvalid) {
  const EvidenceReport report = verifyEvidence(runtimeManifest("not-a-sha", "failure"));
  EXPECT_EQ(report.verdict, Verdict::Invalid);
  EXPECT_EQ(report.manifest.headSha, "not-a-sha");
  EXPECT_EQ(report.manifest.kind, "runtime");
  EXPECT_EQ(report.manifest.acceptanceStageGate, "failure");
  EXPECT_TRUE(report.manifest.inScope("runtime"));
}

TEST(EvidenceManifest, ARejectionThatAlsoBreaksTheContractIsInvalid) {
  // Invalid outranks rejected: a broken manifest says nothing trustworthy about its gate.
  const EvidenceReport report = verifyEvidence(runtimeManifest("abc", "failure"));
  EXPECT_EQ(report.verdict, Verdict::Invalid);
  EXPECT_EQ(report.findings.size(), 2u);
}

TEST(EvidenceManifest, FolderShaOnlyMattersWhenGiven) {
  EXPECT_EQ(verifyEvidence(runtimeManifest(kShaA)).verdict, Verdict::Accepted);
  EXPECT_EQ(verifyEvidence(runtimeManifest(kShaA), VerifyOptions{std::string(kShaA)}).verdict, Verdict::Accepted);
  EXPECT_EQ(verifyEvidence(runtimeManifest(kShaA), VerifyOptions{std::string(testing::kShaB)}).verdict,
            Verdict::Invalid);
}

TEST(EvidenceManifest, ArbitraryBytesAlwaysYieldAReport) {
  // Every byte value, NULs included: no throw, always a verdict with a reason.
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  for (const std::string& input : {bytes, std::string("\0\0\0", 3), std::string("{\"a\":\"\0\"}", 9),
                                   std::string("{\"headSha\":\"\\ud800\"}"), std::string("\xef\xbb\xbf")}) {
    const EvidenceReport report = verifyEvidence(input);
    EXPECT_EQ(report.verdict, Verdict::Invalid);
    EXPECT_TRUE(report.hasErrors());
  }
}

TEST(EvidenceManifest, VerdictAndSeverityWords) {
  EXPECT_EQ(toString(Verdict::Accepted), "accepted");
  EXPECT_EQ(toString(Verdict::Rejected), "rejected");
  EXPECT_EQ(toString(Verdict::Invalid), "invalid");
  EXPECT_EQ(toString(Severity::Error), "error");
  EXPECT_EQ(toString(Severity::Warning), "warning");
  EXPECT_EQ(toString(Severity::Info), "info");
}

TEST(EvidenceManifest, AnEmptyReportIsInvalidUntilProvenOtherwise) {
  // Fail closed: a default report never reads as promotable.
  EXPECT_EQ(EvidenceReport{}.verdict, Verdict::Invalid);
}

}  // namespace
}  // namespace releasedesk
