// libFuzzer target: GitHub's REST answers read into the desk's types. Each converter is lenient
// (mistyped or absent fields read as empty), so any JSON value, and each element of an array or
// object, must convert without throwing or crashing. The first byte picks the converter, so each
// has its own entry; the rest is the body.
#include "core/github/github_json.h"
#include "tests/fuzz/fuzz_support.h"

#include <nlohmann/json.hpp>

#include <string>

namespace {

using namespace releasedesk;
using Json = nlohmann::json;

void convert(std::uint8_t which, const Json& j) {
  std::string problem;
  switch (which % 17) {
    case 0: (void)runFromJson(j); break;
    case 1: (void)jobFromJson(j); break;
    case 2: (void)deploymentFromJson(j); break;
    case 3: (void)deploymentStatusFromJson(j); break;
    case 4: (void)variableFromJson(j); break;
    case 5: (void)artifactFromJson(j); break;
    case 6: (void)secretFromJson(j); break;
    case 7: (void)pendingDeploymentFromJson(j); break;
    case 8: (void)approvalFromJson(j); break;
    case 9: (void)repositoryFromJson(j); break;
    case 10: (void)environmentFromJson(j); break;
    case 11: (void)branchFromJson(j); break;
    case 12: (void)commitFromJson(j); break;
    case 13: (void)rateLimitFromJson(j); break;
    case 14: (void)userFromJson(j); break;
    case 15: (void)dispatchResultFromJson(j); break;
    case 16:
      if (!fileContentsFromJson(j, problem)) fuzz::require(!problem.empty(), "unreadable contents say why");
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Json j = Json::parse(data + 1, data + size, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  convert(data[0], j);
  // List answers: the items arrive in an array, or in an object under "workflow_runs", "jobs"...
  if (j.is_array() || j.is_object()) {
    for (const Json& item : j) {
      convert(data[0], item);
      if (item.is_array()) {
        for (const Json& inner : item) convert(data[0], inner);
      }
    }
  }
  return 0;
}
