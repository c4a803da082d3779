// The format rules, table-driven: each rule accepts what Azure accepts and, for what it
// rejects, says what a good value looks like.
#include "core/environment/value_format.h"

#include <gtest/gtest.h>

namespace releasedesk {
namespace {

struct FormatCase {
  const char* label;
  ValueFormat format;
  const char* value;
  bool valid;
  const char* hint;  // a phrase the message must contain when invalid
};

class ValueFormatTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(ValueFormatTest, AcceptsOrExplains) {
  const FormatCase& c = GetParam();
  const auto problem = checkFormat({c.format, {}, {}}, "NAME", c.value);
  EXPECT_EQ(!problem.has_value(), c.valid) << (problem ? *problem : std::string("accepted"));
  if (problem) {
    EXPECT_NE(problem->find(c.hint), std::string::npos) << *problem;
    EXPECT_NE(problem->find(std::string("\"") + c.value + "\""), std::string::npos) << *problem;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ValueFormatTest,
    ::testing::Values(
        FormatCase{"guid_ok", ValueFormat::Guid, "3f8c2a71-6d4e-4b9a-9c1e-5a2b7d0e4f19", true, ""},
        FormatCase{"guid_upper_ok", ValueFormat::Guid, "3F8C2A71-6D4E-4B9A-9C1E-5A2B7D0E4F19", true, ""},
        FormatCase{"guid_malformed", ValueFormat::Guid, "not-a-guid-1234", false, "8-4-4-4-12"},
        FormatCase{"guid_braces", ValueFormat::Guid, "{3f8c2a71-6d4e-4b9a-9c1e-5a2b7d0e4f19}", false, "GUID"},
        FormatCase{"guid_non_hex", ValueFormat::Guid, "3f8c2a71-6d4e-4b9a-9c1e-5a2b7d0e4f1g", false, "GUID"},
        FormatCase{"rg_ok", ValueFormat::ResourceGroup, "rg-shop_prod.(eu)", true, ""},
        FormatCase{"rg_trailing_period", ValueFormat::ResourceGroup, "rg-shop.", false, "not ending with a period"},
        FormatCase{"rg_space", ValueFormat::ResourceGroup, "rg shop", false, "1-90"},
        FormatCase{"rg_too_long", ValueFormat::ResourceGroup,
                   "rgaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false,
                   "1-90"},
        FormatCase{"acr_ok", ValueFormat::AcrName, "contosoprod", true, ""},
        FormatCase{"acr_too_short", ValueFormat::AcrName, "acr1", false, "5-50"},
        FormatCase{"acr_hyphen", ValueFormat::AcrName, "contoso-prod", false, "letters and digits"},
        FormatCase{"acr_with_host", ValueFormat::AcrName, "contosoprod.azurecr.io", false, "without .azurecr.io"},
        FormatCase{"app_ok", ValueFormat::ContainerAppName, "ca-shop-api", true, ""},
        FormatCase{"app_upper", ValueFormat::ContainerAppName, "Ca-shop", false, "lowercase"},
        FormatCase{"app_digit_first", ValueFormat::ContainerAppName, "1shop", false, "starting with a letter"},
        FormatCase{"app_trailing_hyphen", ValueFormat::ContainerAppName, "shop-", false, "not ending with a hyphen"},
        FormatCase{"app_double_hyphen", ValueFormat::ContainerAppName, "shop--api", false, "--"},
        FormatCase{"app_too_long", ValueFormat::ContainerAppName, "a23456789012345678901234567890123", false, "2-32"},
        FormatCase{"app_one_char", ValueFormat::ContainerAppName, "a", false, "2-32"},
        FormatCase{"host_ok", ValueFormat::HostName, "api.shop.contoso.com", true, ""},
        FormatCase{"host_scheme", ValueFormat::HostName, "https://shop.contoso.com", false, "without https://"},
        FormatCase{"host_path", ValueFormat::HostName, "shop.contoso.com/app", false, "host name"},
        FormatCase{"host_single_label", ValueFormat::HostName, "localhost", false, "api.contoso.com"},
        FormatCase{"host_label_hyphen", ValueFormat::HostName, "-shop.contoso.com", false, "host name"},
        FormatCase{"method_cname", ValueFormat::ValidationMethod, "CNAME", true, ""},
        FormatCase{"method_http", ValueFormat::ValidationMethod, "HTTP", true, ""},
        FormatCase{"method_txt", ValueFormat::ValidationMethod, "TXT", true, ""},
        FormatCase{"method_lower", ValueFormat::ValidationMethod, "cname", false, "CNAME, HTTP or TXT"},
        FormatCase{"method_other", ValueFormat::ValidationMethod, "DNS", false, "CNAME, HTTP or TXT"},
        FormatCase{"any_ok", ValueFormat::Any, "whatever", true, ""}),
    [](const ::testing::TestParamInfo<FormatCase>& info) { return std::string(info.param.label); });

TEST(ValueFormat, PatternUsesTheProfilesHint) {
  const FormatRule rule{ValueFormat::Pattern, "[a-z]+-(dev|prod)", "a name ending in -dev or -prod"};
  EXPECT_FALSE(checkFormat(rule, "X", "shop-prod"));
  const auto problem = checkFormat(rule, "X", "shop-test");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("a name ending in -dev or -prod"), std::string::npos);
}

// A profile's pattern is the repository's: one that backtracks exponentially ("(a*)*b" on a run of
// a's) must still answer at once, and a value longer than the cap is not matched at all.
TEST(ValueFormat, PatternThatBacktracksAnswersAtOnce) {
  const FormatRule rule{ValueFormat::Pattern, "(a*)*b", ""};
  const auto problem = checkFormat(rule, "X", std::string(40, 'a') + "c");
  ASSERT_TRUE(problem);
  EXPECT_EQ(*problem, "X is \"" + std::string(40, 'a') + "c\", which does not match \"(a*)*b\".");
  EXPECT_FALSE(checkFormat(rule, "X", std::string(1000, 'a') + "b"));  // no recursion as deep as the value
}

TEST(ValueFormat, PatternAndValueLengthsAreCapped) {
  const FormatRule rule{ValueFormat::Pattern, "a+", ""};
  EXPECT_FALSE(checkFormat(rule, "X", std::string(1024, 'a')));
  EXPECT_EQ(checkFormat(rule, "X", std::string(1025, 'a')),
            "X is 1025 characters long, more than the 1024 checked against \"a+\".");
  const FormatRule longPattern{ValueFormat::Pattern, std::string(257, 'a'), ""};
  EXPECT_EQ(checkFormat(longPattern, "X", "a"), "The profile's pattern for X is longer than 256 characters.");
  // Back-references need backtracking: refused as an expression this check cannot run.
  EXPECT_EQ(checkFormat({ValueFormat::Pattern, "(a)\\1", ""}, "X", "aa"),
            "The profile's pattern for X is not a valid regular expression: \"(a)\\1\".");
}

// Found by the fuzzer: std::regex overflows reading a count this long (UBSan), and nested counts
// multiply into millions of states. A GUID's counts (6,144 copies) still pass.
TEST(ValueFormat, PatternRepeatCountsAreBounded) {
  EXPECT_EQ(checkFormat({ValueFormat::Pattern, "a{8888888888888888888}", ""}, "X", "a"),
            "The profile's pattern for X repeats too much (its {n,m} counts make more than 10000 copies): "
            "\"a{8888888888888888888}\".");
  EXPECT_TRUE(checkFormat({ValueFormat::Pattern, "((a{100}){100}){100}", ""}, "X", "a"));
  EXPECT_TRUE(checkFormat({ValueFormat::Pattern, "\\\\{99999}", ""}, "X", "a"));       // a repeated backslash
  EXPECT_FALSE(checkFormat({ValueFormat::Pattern, "\\{99999}", ""}, "X", "{99999}"));  // a literal brace
  // A back-reference whose number std::regex would overflow reading: refused like any back-reference.
  EXPECT_EQ(checkFormat({ValueFormat::Pattern, "\\8888888888888888888", ""}, "X", "a"),
            "The profile's pattern for X is not a valid regular expression: \"\\8888888888888888888\".");
  const std::string guid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  EXPECT_FALSE(checkFormat({ValueFormat::Pattern, guid, ""}, "X", "3f8c2a71-6d4e-4b9a-9c1e-5a2b7d0e4f19"));
}

TEST(ValueFormat, EmptyIsNotAFormatProblem) {
  EXPECT_FALSE(checkFormat({ValueFormat::Guid, {}, {}}, "X", ""));
}

TEST(ValueFormat, NamesRoundTrip) {
  for (const char* name : {"any", "guid", "resource-group", "acr-name", "container-app-name", "host-name",
                           "validation-method", "pattern"}) {
    const auto format = parseValueFormat(name);
    ASSERT_TRUE(format) << name;
    EXPECT_EQ(toString(*format), name);
  }
  EXPECT_FALSE(parseValueFormat("uuid"));
}

}  // namespace
}  // namespace releasedesk
