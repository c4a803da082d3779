// libFuzzer target: the Link header of paginated answers, through the client's own paging. Each
// input line is the Link header of one page; the pages are answered in order and the list must
// end (with items or an error) within the page cap, never loop or crash.
#include "core/github/github_client.h"
#include "tests/core/support/fake_network.h"
#include "tests/fuzz/fuzz_support.h"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const std::string_view bytes = fuzz::bytesOf(data, size);
  testing::ManualScheduler scheduler;
  testing::ScriptedTransport transport(scheduler);
  GitHubClientConfig config;
  config.apiBase = "https://api.github.com";
  config.repo = {"o", "r"};
  config.token = "t";
  config.maxPages = 8;
  config.maxRetries = 0;
  int pages = 0;
  for (std::size_t pos = 0; pos <= bytes.size() && pages < 12; ++pages) {
    const auto end = std::min(bytes.find('\n', pos), bytes.size());
    const std::string link(bytes.substr(pos, end - pos));
    transport.respond(200, R"([{"id": 1, "sha": "a", "environment": "production"}])", {{"link", link}});
    pos = end + 1;
  }
  GitHubClient client(transport, scheduler, config);
  int answers = 0;
  client.listDeployments("production", [&](Result<std::vector<Deployment>> result) {
    ++answers;
    if (result) fuzz::require(result.value().size() <= 8, "no more pages than the cap");
  });
  scheduler.runAll();
  fuzz::require(answers == 1, "a list is answered exactly once");
  fuzz::require(transport.requests.size() <= 8, "no more requests than the page cap");
  for (const HttpRequest& request : transport.requests) {
    const bool withToken = hasHeader(request.headers, "authorization");
    fuzz::require(!withToken || sameOrigin(request.url, config.apiBase), "the token goes to the API origin only");
  }
  return 0;
}
