// libFuzzer target: a file of the contents API, base64 with GitHub's line breaks. The input is
// the "content" string; decoded bytes are never more than three quarters of it.
#include "core/github/github_json.h"
#include "tests/fuzz/fuzz_support.h"

#include <nlohmann/json.hpp>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const auto content = fuzz::bytesOf(data, size);
  nlohmann::json j = {{"encoding", "base64"}, {"path", "infra/README.md"}, {"sha", "abc"}};
  j["content"] = std::string(content);  // nlohmann keeps the bytes; only dump() checks UTF-8
  std::string problem;
  const auto file = fileContentsFromJson(j, problem);
  if (file) {
    fuzz::require(file->content.size() <= content.size() / 4 * 3 + 3, "decoding never grows the text");
    fuzz::require(problem.empty(), "no problem with a decoded file");
  } else {
    fuzz::require(problem == "the base64 content is malformed", "undecodable content says so");
  }
  return 0;
}
