// libFuzzer target: the API URL (settings, --api-url, GITHUB_API_URL) parsed and checked. The
// token may go to it, so plain http must only ever be accepted for a loopback host.
#include "core/github/github_client.h"
#include "core/github/http.h"
#include "tests/fuzz/fuzz_support.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const auto text = fuzz::bytesOf(data, size);
  const auto url = parseUrl(text);
  if (url) {
    fuzz::require(url->port == -1 || (url->port >= 0 && url->port <= 65535), "a port is a port");
    fuzz::require(url->path.empty() || url->path.front() == '/', "a path starts with /");
    (void)isLoopbackHost(url->host);
    fuzz::require(sameOrigin(text, text), "a URL is its own origin");
  }
  (void)isLoopbackHost(text);
  const std::string problem = checkApiBase(text);
  if (problem.empty()) {
    fuzz::require(url.has_value(), "an accepted API URL parses");
    fuzz::require(url->scheme == "https" || (url->scheme == "http" && isLoopbackHost(url->host)),
                  "plain http is accepted only for loopback");
  }
  const std::string base = apiBaseForHost(text);
  (void)checkApiBase(base);
  const std::string encoded = percentEncode(text);
  for (const char c : encoded) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~' || c == '%';
    fuzz::require(unreserved, "percentEncode leaves only unreserved characters raw");
  }
  return 0;
}
