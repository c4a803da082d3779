// printable(): outside text made safe for a terminal, a runner's log and a Markdown summary.
#include "core/ci/display_text.h"

#include <gtest/gtest.h>

#include <string>

namespace releasedesk {
namespace {

using namespace std::string_literals;

TEST(Printable, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(printable("web-only"), "web-only");
  EXPECT_EQ(printable("acr.azurecr.io/api@sha256:ab, \"quoted\" 100%"),
            "acr.azurecr.io/api@sha256:ab, \"quoted\" 100%");
  EXPECT_EQ(printable("Überprüfung ✅ 部署"), "Überprüfung ✅ 部署");
  EXPECT_EQ(printable(""), "");
}

TEST(Printable, ALineBreakCannotStartAWorkflowCommand) {
  EXPECT_EQ(printable("runtime\n::error file=x::owned"), "runtime\\n::error file=x::owned");
  EXPECT_EQ(printable("a\r\nb"), "a\\r\\nb");
  EXPECT_EQ(printable("\n").find('\n'), std::string::npos);
}

TEST(Printable, EscapesEveryC0ControlDelAndNul) {
  EXPECT_EQ(printable("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
  EXPECT_EQ(printable("a\0b"s), "a\\x00b");
  EXPECT_EQ(printable("tab\there"), "tab\\there");
  EXPECT_EQ(printable("\x7f"), "\\x7f");
  for (int c = 0; c < 0x20; ++c) {
    const std::string shown = printable(std::string(1, static_cast<char>(c)));
    EXPECT_TRUE(shown.starts_with('\\')) << c;
    for (char s : shown) EXPECT_GE(static_cast<unsigned char>(s), 0x20) << c;
  }
}

TEST(Printable, EscapesC1ControlsAndBytesThatAreNotUtf8) {
  // U+009B is the one-character CSI of 8-bit terminals.
  EXPECT_EQ(printable("\xc2\x9b"
                      "31m"),
            "\\u009b31m");
  EXPECT_EQ(printable("\xc2\x85"), "\\u0085");
  EXPECT_EQ(printable("\x9b"
                      "2J"),
            "\\x9b2J");
  EXPECT_EQ(printable("\xff\xfe"), "\\xff\\xfe");
  // A truncated sequence, an overlong encoding and a surrogate are not UTF-8 either.
  EXPECT_EQ(printable("\xe2\x9c"), "\\xe2\\x9c");
  EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");
  EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");
  // U+00A0 (no-break space) is printable: only the C1 block is escaped.
  EXPECT_EQ(printable("\xc2\xa0"), "\xc2\xa0");
}

TEST(Printable, NeverLetsALineStartWithACommandMarker) {
  // Whatever comes in, the result is one line.
  const std::string hostile = "ok\n::set-output name=x::y\r::add-mask::z\x1b[2K\0"s;
  const std::string shown = printable(hostile);
  EXPECT_EQ(shown.find('\n'), std::string::npos);
  EXPECT_EQ(shown.find('\r'), std::string::npos);
  EXPECT_EQ(shown.find('\x1b'), std::string::npos);
  EXPECT_EQ(shown.find('\0'), std::string::npos);
}

}  // namespace
}  // namespace releasedesk
