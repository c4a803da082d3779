// libFuzzer target: the non-commit guard's scan of one checked-out file for guarded values.
#include "core/environment/committed_values.h"
#include "tests/fuzz/fuzz_support.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  FuzzedDataProvider input(data, size);
  std::vector<GuardedValue> values;
  const int count = input.ConsumeIntegralInRange(0, 4);
  for (int i = 0; i < count; ++i) values.push_back({"VAR_" + std::to_string(i), input.ConsumeRandomLengthString(64)});
  const std::string bytes = input.ConsumeRemainingBytesAsString();
  std::vector<CommittedValueHit> hits;
  const bool text = scanForCommittedValues(values, "infra/main.tf", bytes, hits);
  if (!text) fuzz::require(hits.empty(), "a binary file has no hits");
  int previous = 0;
  for (const CommittedValueHit& hit : hits) {
    fuzz::require(hit.path == "infra/main.tf", "a hit names the file");
    fuzz::require(hit.line >= previous && hit.line >= 1, "hits come in line order, 1-based");
    previous = hit.line;
  }
  return 0;
}
