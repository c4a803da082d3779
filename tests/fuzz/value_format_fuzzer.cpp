// libFuzzer target: value formats. The value comes from GitHub and the pattern and hint from a
// repository's profile file: checkFormat must answer for any of them, in bounded time and stack.
#include "core/environment/value_format.h"
#include "tests/fuzz/fuzz_support.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  FuzzedDataProvider input(data, size);
  const std::string formatName = input.ConsumeRandomLengthString(24);
  (void)parseValueFormat(formatName);
  FormatRule rule;
  rule.format = static_cast<ValueFormat>(input.ConsumeIntegralInRange<int>(0, static_cast<int>(ValueFormat::Pattern)));
  fuzz::require(parseValueFormat(toString(rule.format)) == rule.format, "every format's spelling parses back");
  rule.pattern = input.ConsumeRandomLengthString(256);
  rule.hint = input.ConsumeRandomLengthString(64);
  const std::string name = input.ConsumeRandomLengthString(64);
  const std::string value = input.ConsumeRemainingBytesAsString();
  if (const auto problem = checkFormat(rule, name, value)) fuzz::require(!problem->empty(), "a problem is a sentence");
  return 0;
}
