// libFuzzer target: artifact zips come from GitHub (and from CI output the desk does not
// control): reading an entry, or walking them all, gives bytes or a reason, within the cap.
#include "core/evidence/artifact_zip.h"
#include "tests/fuzz/fuzz_support.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  constexpr std::size_t kCap = 64 * 1024;
  const auto zip = fuzz::bytesOf(data, size);
  std::string out, error;
  if (extractFromZip(zip, "evidence-manifest.json", kCap, out, error)) {
    fuzz::require(out.size() <= kCap, "an extracted entry is within the cap");
  } else {
    fuzz::require(!error.empty(), "a failed extraction says why");
  }
  std::string walkError;
  int entries = 0;
  const bool walked = forEachZipEntry(
      zip, kCap, [&](std::string_view) { return ++entries % 2 == 1; },
      [&](std::string_view, const std::string& bytes, const std::string& problem) {
        fuzz::require(bytes.size() <= kCap, "a walked entry is within the cap");
        fuzz::require(problem.empty() || bytes.empty(), "bytes or a problem, not both");
      },
      walkError);
  if (!walked) fuzz::require(!walkError.empty(), "a failed walk says why");
  return 0;
}
