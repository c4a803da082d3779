// The requirement profile parser on hostile files: trailing bytes and the size cap.
#include "core/environment/requirement_profile.h"

#include <gtest/gtest.h>

#include <string>

namespace releasedesk {
namespace {

using namespace std::string_literals;

const std::string kProfile = R"({"extends": "none", "variables": [{"name": "ACR_NAME"}]})";

TEST(RequirementProfileFile, AWholeDocumentIsAccepted) {
  const auto parsed = parseRequirementProfile(kProfile + "\n", {}, "p.json");
  ASSERT_TRUE(parsed.profile) << (parsed.errors.empty() ? "" : parsed.errors[0]);
  EXPECT_EQ(parsed.profile->requirements.size(), 1u);
}

TEST(RequirementProfileFile, BytesAfterTheDocumentMakeItNotJson) {
  for (const std::string& tail : {"\0junk"s, "\0"s, "{}"s, " trailing"s}) {
    const auto parsed = parseRequirementProfile(kProfile + tail, {}, "p.json");
    EXPECT_FALSE(parsed.profile) << tail;
    ASSERT_EQ(parsed.errors.size(), 1u) << tail;
    EXPECT_EQ(parsed.errors[0], "p.json is not JSON: something follows the end of the document.") << tail;
  }
  // A cut-off profile ("unexpected end of input") is not JSON, but nothing follows it.
  const auto cut = parseRequirementProfile(kProfile.substr(0, kProfile.find(',') + 1), {}, "p.json");
  ASSERT_EQ(cut.errors.size(), 1u);
  EXPECT_EQ(cut.errors[0], "p.json is not a JSON object (see the README for the profile format).");
}

TEST(RequirementProfileFile, AProfileOverTheCapIsRefusedBeforeParsing) {
  std::string huge = kProfile;
  huge.append(kMaxProfileBytes, ' ');
  const auto parsed = parseRequirementProfile(huge, {}, "p.json");
  EXPECT_FALSE(parsed.profile);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0], "p.json is larger than 1 MiB (1048576 bytes), the limit for a requirement profile.");
}

}  // namespace
}  // namespace releasedesk
