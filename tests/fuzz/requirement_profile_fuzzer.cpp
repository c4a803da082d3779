// libFuzzer target: a repository's requirement profile (.github/releasedesk/profile.json, or
// --profile FILE) is outside input: any bytes give a profile or sentences saying why not.
#include "core/environment/requirement_profile.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const ProfileParseResult result =
      parseRequirementProfile(fuzz::bytesOf(data, size), defaultRequirementProfile(), "profile.json");
  fuzz::require(result.profile.has_value() != !result.errors.empty(), "a profile or errors, never both or neither");
  for (const std::string& error : result.errors) fuzz::require(!error.empty(), "every error is a sentence");
  if (result.profile) {
    for (const Requirement& requirement : result.profile->requirements) {
      fuzz::require(!requirement.name.empty(), "every requirement has a name");
      fuzz::require(result.profile->find(requirement.name, requirement.kind) != nullptr, "every requirement is found");
    }
  }
  return 0;
}
