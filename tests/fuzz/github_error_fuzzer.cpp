// libFuzzer target: a failed GitHub answer (status, rate-limit and Retry-After headers, body)
// mapped to a typed error with a sentence.
#include "core/github/github_error.h"
#include "tests/fuzz/fuzz_support.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  FuzzedDataProvider input(data, size);
  TransportReply reply;
  if (input.ConsumeBool()) {
    reply.failure = static_cast<TransportFailure>(input.ConsumeIntegralInRange<int>(
        static_cast<int>(TransportFailure::Network), static_cast<int>(TransportFailure::HeadersTooLarge)));
    reply.failureDetail = input.ConsumeRandomLengthString(64);
  } else {
    reply.response.status = input.ConsumeIntegralInRange<int>(300, 599);
    if (reply.response.status == 304) reply.response.status = 403;
  }
  static constexpr const char* kNames[] = {"x-ratelimit-remaining",         "x-ratelimit-reset", "retry-after",
                                           "x-accepted-github-permissions", "x-ratelimit-limit", "content-type"};
  const int headers = input.ConsumeIntegralInRange(0, 6);
  for (int i = 0; i < headers; ++i) {
    const char* name = kNames[input.ConsumeIntegralInRange<std::size_t>(0, std::size(kNames) - 1)];
    reply.response.headers.emplace_back(name, input.ConsumeRandomLengthString(40));
  }
  const auto now = std::chrono::system_clock::time_point(
      std::chrono::seconds(input.ConsumeIntegralInRange<std::int64_t>(0, std::int64_t{4'000'000'000})));
  reply.response.body = input.ConsumeRemainingBytesAsString();
  const GitHubError error = errorFromReply(reply, {"the runs of o/r"}, now);
  fuzz::require(!error.message.empty(), "every error has a sentence");
  if (reply.failure == TransportFailure::None)
    fuzz::require(error.httpStatus == reply.response.status, "the status is kept");
  if (error.retryAfter) fuzz::require(error.retryAfter->count() >= 0, "a wait is not negative");
  (void)isRetryable(error);
  (void)toString(error.kind);
  return 0;
}
