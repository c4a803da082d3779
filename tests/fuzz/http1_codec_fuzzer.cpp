// libFuzzer target: the sandbox server's HTTP/1.1 request parsing (app/sandbox_server), on the
// bytes a client sends. The codec works on QByteArray, so this target links Qt Core (only it).
#include "app/sandbox_server/http1_codec.h"
#include "tests/fuzz/fuzz_support.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const QByteArray buffer(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
  const http1::ParseResult result = http1::parseRequest(buffer);
  switch (result.outcome) {
    case http1::ParseOutcome::Complete: {
      fuzz::require(result.consumed > 0 && result.consumed <= buffer.size(), "a request takes bytes it has");
      const http1::Request& request = result.request;
      fuzz::require(http1::isToken(request.method), "the method is a token");
      fuzz::require(!request.target.isEmpty() && request.target.startsWith('/'), "the target is origin form");
      fuzz::require(request.body.size() <= http1::kMaxBodyBytes, "the body is within the cap");
      fuzz::require(request.headers.size() <= http1::kMaxHeaderFields, "headers are within the cap");
      for (const auto& [name, value] : request.headers) {
        fuzz::require(http1::isToken(name), "a header name is a token");
        fuzz::require(!http1::hasControlCharacters(value), "a header value has no control characters");
      }
      (void)request.path();
      // What follows is the next request on the connection: it must parse on its own too.
      (void)http1::parseRequest(buffer.mid(result.consumed));
      break;
    }
    case http1::ParseOutcome::Malformed:
      fuzz::require(result.errorStatus >= 400 && result.errorStatus <= 599, "a refusal is a 4xx or 5xx");
      fuzz::require(!result.errorMessage.isEmpty(), "a refusal says why");
      fuzz::require(!http1::reasonPhrase(result.errorStatus).isEmpty(), "a refusal has a reason phrase");
      break;
    case http1::ParseOutcome::Incomplete:
      // Waiting for more bytes is only right while the header (empty lines before it included)
      // is within its cap: no blank line yet means no header end yet.
      fuzz::require(result.consumed == 0, "an incomplete request takes nothing");
      if (buffer.indexOf("\n\n") < 0 && buffer.indexOf("\n\r\n") < 0)
        fuzz::require(buffer.size() <= http1::kMaxHeaderBytes, "an endless header is refused, not awaited");
      break;
  }
  return 0;
}
