// $GITHUB_OUTPUT in GitHub's format: key=value for one line, the heredoc form with a delimiter
// that is not in the value for several.
#include "core/ci/github_output.h"

#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace releasedesk {
namespace {

DelimiterSource fixed(std::vector<std::string> tokens) {
  auto next = std::make_shared<std::size_t>(0);
  return [tokens = std::move(tokens), next] { return tokens[(*next)++ % tokens.size()]; };
}

TEST(GitHubOutput, ASingleLineIsKeyEqualsValue) {
  EXPECT_EQ(formatStepOutput("api_ref", "acr.azurecr.io/api@sha256:ab", fixed({"D"})),
            "api_ref=acr.azurecr.io/api@sha256:ab\n");
  EXPECT_EQ(formatStepOutput("empty", "", fixed({"D"})), "empty=\n");
}

TEST(GitHubOutput, NewlinesUseTheHeredocForm) {
  EXPECT_EQ(formatStepOutput("reason", "first line\nsecond line", fixed({"ghadelimiter_1"})),
            "reason<<ghadelimiter_1\nfirst line\nsecond line\nghadelimiter_1\n");
  // A trailing line feed is kept: GitHub drops only the one written before the delimiter.
  EXPECT_EQ(formatStepOutput("r", "a\n", fixed({"X"})), "r<<X\na\n\nX\n");
  EXPECT_EQ(formatStepOutput("r", "a\rb", fixed({"X"})), "r<<X\na\rb\nX\n");
}

TEST(GitHubOutput, ADelimiterFoundInTheValueIsDrawnAgain) {
  EXPECT_EQ(formatStepOutput("r", "one\nEOF\ntwo", fixed({"EOF", "EOF2"})), "r<<EOF2\none\nEOF\ntwo\nEOF2\n");
}

TEST(GitHubOutput, ASourceThatKeepsCollidingStillEnds) {
  const std::string text = formatStepOutput("r", "x\nD", fixed({"D"}));
  const std::string delimiter = text.substr(3, text.find('\n') - 3);
  EXPECT_EQ(std::string("x\nD").find(delimiter), std::string::npos);
  EXPECT_EQ(text, "r<<" + delimiter + "\nx\nD\n" + delimiter + "\n");
}

TEST(GitHubOutput, RandomDelimitersDiffer) {
  const DelimiterSource source = randomDelimiters();
  const std::string a = source();
  EXPECT_EQ(a.rfind("ghadelimiter_", 0), 0u);
  EXPECT_EQ(a.size(), 13u + 32u);
  EXPECT_NE(a, source());
}

TEST(GitHubOutput, OutputNames) {
  EXPECT_TRUE(isOutputName("scope_identity"));
  EXPECT_TRUE(isOutputName("api-ref"));
  EXPECT_FALSE(isOutputName(""));
  EXPECT_FALSE(isOutputName("1st"));
  EXPECT_FALSE(isOutputName("a=b"));
  EXPECT_FALSE(isOutputName("a<<b"));
  EXPECT_FALSE(isOutputName("a b"));
}

TEST(GitHubOutput, AppendsEveryOutputToTheFile) {
  testing::TempFolder folder;
  const std::string path = (folder / "output").string();
  { std::ofstream(path) << "earlier=1\n"; }
  std::string error;
  ASSERT_TRUE(
      appendStepOutputs(path, {{"proceed", "false"}, {"reason", "line one\nline two"}}, fixed({"DELIM"}), error))
      << error;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "earlier=1\nproceed=false\nreason<<DELIM\nline one\nline two\nDELIM\n");
}

TEST(GitHubOutput, RefusesABadNameAndWritesNothing) {
  testing::TempFolder folder;
  const std::string path = (folder / "output").string();
  std::string error;
  EXPECT_FALSE(appendStepOutputs(path, {{"ok", "1"}, {"bad=name", "x"}}, fixed({"D"}), error));
  EXPECT_EQ(error, "'bad=name' is not an output name");
  std::ifstream in(path);
  EXPECT_FALSE(in.good());
}

TEST(GitHubOutput, SaysWhenTheFileCannotBeWritten) {
  std::string error;
  EXPECT_FALSE(appendStepOutputs("/nonexistent-folder/output", {{"a", "b"}}, fixed({"D"}), error));
  EXPECT_EQ(error, "cannot open /nonexistent-folder/output for appending");
}

}  // namespace
}  // namespace releasedesk
