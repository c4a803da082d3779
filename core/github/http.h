// Plain HTTP request and response values exchanged between the core and a Transport.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace releasedesk {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup; the first match wins. Empty when absent.
std::string headerValue(const HttpHeaders& headers, std::string_view name);
bool hasHeader(const HttpHeaders& headers, std::string_view name);
void setHeader(HttpHeaders& headers, std::string name, std::string value);

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute
  HttpHeaders headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;
  std::string body;
};

// Why a request got no HTTP response at all.
enum class TransportFailure {
  None,
  Network,          // connection refused, DNS, TLS, reset (see TransportReply::unreachable)
  Timeout,          // no complete answer within the transfer timeout
  TooLarge,         // the body exceeded the response size cap
  RedirectRefused,  // a redirect the transport will not follow (to plain http, or too many)
  HeadersTooLarge,  // the response headers were more than the transport reads (a field or their count)
};

struct TransportReply {
  TransportFailure failure = TransportFailure::None;
  std::string failureDetail;  // a short technical phrase, never containing credentials
  HttpResponse response;      // valid when failure == None
  // With Network: the host refused the connection or its name did not resolve. Neither heals
  // within seconds, so such a failure is reported at once instead of retried.
  bool unreachable = false;
};

// The parts of an absolute URL the core cares about.
struct UrlParts {
  std::string scheme;  // "https"
  std::string host;    // lower case, without brackets
  int port = -1;       // -1 when not given
  std::string path;    // with the query, starting with '/'
};

std::optional<UrlParts> parseUrl(std::string_view url);
bool isLoopbackHost(std::string_view host);
// Same scheme, host and effective port.
bool sameOrigin(std::string_view a, std::string_view b);

// Percent-encodes a path segment or query value (RFC 3986 unreserved characters kept).
std::string percentEncode(std::string_view text);

}  // namespace releasedesk
