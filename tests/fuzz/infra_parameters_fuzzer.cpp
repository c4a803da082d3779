// libFuzzer target: the infra parameter list read from a repository's infra README (Markdown).
// The first line of the input is the section heading to look for, the rest the README.
#include "core/environment/requirement_profile.h"
#include "tests/fuzz/fuzz_support.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const std::string_view bytes = fuzz::bytesOf(data, size);
  const auto newline = bytes.find('\n');
  const std::string_view section = newline == std::string_view::npos ? bytes : bytes.substr(0, newline);
  const std::string_view markdown = newline == std::string_view::npos ? std::string_view() : bytes.substr(newline + 1);
  const std::vector<Requirement> parameters = parseInfraParameters(markdown, section, "infra/README.md");
  for (const Requirement& parameter : parameters) {
    fuzz::require(!parameter.name.empty(), "a parameter has a name");
    fuzz::require(markdown.find(parameter.name) != std::string_view::npos, "a parameter is named in the README");
  }
  RequirementProfile profile = defaultRequirementProfile();
  addInfraParameters(profile, parameters);
  return 0;
}
