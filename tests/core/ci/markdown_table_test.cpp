// Markdown cells and lines for step summaries: text from outside cannot break a row or carry
// control characters into the summary.
#include "core/ci/markdown_table.h"

#include <gtest/gtest.h>

#include <string>

namespace releasedesk {
namespace {

TEST(MarkdownCell, EscapesPipesAndKeepsTheRowOnOneLine) {
  EXPECT_EQ(markdownCell("a|b"), "a\\|b");
  EXPECT_EQ(markdownCell("kind\n::error file=x::owned"), "kind\\n::error file=x::owned");
  EXPECT_EQ(markdownCell("\x1b[31mred|\r"), "\\x1b[31mred\\|\\r");
}

TEST(MarkdownLine, EscapesControlsButLeavesPipes) {
  EXPECT_EQ(markdownLine("note | reason\n::add-mask::x"), "note | reason\\n::add-mask::x");
}

}  // namespace
}  // namespace releasedesk
