// GitHub workflow commands: escaping and the annotation lines `releasedesk-cli` prints in CI.
#include "core/ci/workflow_commands.h"
#include "core/evidence/evidence_manifest.h"

#include <gtest/gtest.h>

#include <string>

namespace releasedesk {
namespace {

TEST(EscapeWorkflowData, EscapesPercentAndLineBreaks) {
  EXPECT_EQ(escapeWorkflowData("100%\r\nnext\nline"), "100%25%0D%0Anext%0Aline");
  // Percent first: an already-escaped sequence must survive as text, not be decoded by GitHub.
  EXPECT_EQ(escapeWorkflowData("%0A"), "%250A");
}

TEST(EscapeWorkflowData, LeavesColonsAndCommasInMessages) {
  EXPECT_EQ(escapeWorkflowData("a: b, c"), "a: b, c");
  EXPECT_EQ(escapeWorkflowData(""), "");
}

TEST(EscapeWorkflowProperty, AlsoEscapesColonAndComma) {
  EXPECT_EQ(escapeWorkflowProperty("C:\\ci\\a,b.json"), "C%3A\\ci\\a%2Cb.json");
  EXPECT_EQ(escapeWorkflowProperty("50%:\n,"), "50%25%3A%0A%2C");
}

TEST(AnnotationFor, AnErrorNamesFileAndPointer) {
  const Finding finding{Severity::Error, "/headSha", "headSha is missing: name the commit."};
  EXPECT_EQ(annotationFor(finding, "acceptance/x/evidence-manifest.json"),
            "::error file=acceptance/x/evidence-manifest.json,title=/headSha::headSha is missing: name the commit.");
}

TEST(AnnotationFor, WarningsAndInfoMapToGitHubCommands) {
  EXPECT_EQ(annotationFor({Severity::Warning, "/candidate/apiRef", "m"}, "f"),
            "::warning file=f,title=/candidate/apiRef::m");
  // GitHub has no "info" annotation; notice is its equivalent.
  EXPECT_EQ(annotationFor({Severity::Info, "/build", "m"}, "f"), "::notice file=f,title=/build::m");
}

TEST(AnnotationFor, WithoutFileOrPointerStillHasATitle) {
  EXPECT_EQ(annotationFor({Severity::Error, "", "The file is empty."}, ""),
            "::error title=evidence manifest::The file is empty.");
}

TEST(AnnotationFor, EscapesPropertiesAndMessageSeparately) {
  const Finding finding{Severity::Error, "/a:b,c", "line one\nline two: 100%"};
  EXPECT_EQ(annotationFor(finding, "C:\\x,y.json"),
            "::error file=C%3A\\x%2Cy.json,title=/a%3Ab%2Cc::line one%0Aline two: 100%25");
}

TEST(AnnotationAt, NamesLineAndColumn) {
  EXPECT_EQ(annotationAt(Severity::Error, ".github/workflows/p.yml", 12, 7, "lock", "m: 100%"),
            "::error file=.github/workflows/p.yml,line=12,col=7,title=lock::m: 100%25");
  EXPECT_EQ(annotationAt(Severity::Warning, "", 3, 0, "run-name", "m"), "::warning line=3,title=run-name::m");
}

TEST(AnnotationFor, EveryFindingOfARealReportIsOneLine) {
  // A line break would end the command early and leak the rest into the log as plain text.
  const EvidenceReport report = verifyEvidence("{\"headSha\": \"x\",\n\"kind\": \"\\n\\r\", \"x\\ny\": 1}");
  ASSERT_FALSE(report.findings.empty());
  for (const Finding& finding : report.findings) {
    const std::string line = annotationFor(finding, "dir\nname/evidence-manifest.json");
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << line;
    EXPECT_EQ(line.rfind("::", 0), 0u);
  }
}

}  // namespace
}  // namespace releasedesk

namespace releasedesk {
namespace {

TEST(EscapeWorkflowData, ShowsOtherControlCharactersEscaped) {
  // ESC, BEL and NUL from a manifest or a server must not reach the runner's log raw.
  EXPECT_EQ(escapeWorkflowData(std::string("a\x1b[2Jb\x07\0c", 9)), "a\\x1b[2Jb\\x07\\x00c");
  EXPECT_EQ(escapeWorkflowProperty("x\x1b:y"), "x\\x1b%3Ay");
}

}  // namespace
}  // namespace releasedesk
