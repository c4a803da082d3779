// SandboxRepository::handle(): the HTTP envelope around the routes (URL parsing, rate limit,
// ETag and 304, GitHub's common headers) and the in-process SandboxTransport.
#include "core/sandbox/sandbox_repository.h"

#include "core/github/redirect_policy.h"
#include "core/sandbox/sandbox_api.h"
#include "core/sandbox/sandbox_codec.h"
#include "core/sandbox/sandbox_state.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace releasedesk {

class SandboxRepository::State : public sandbox::RepositoryState {};

namespace {

using sandbox::ApiReply;
using sandbox::ApiRequest;
using sandbox::RepositoryState;

constexpr auto kRateWindow = std::chrono::hours(1);
constexpr int kMaxRedirects = 3;
constexpr std::string_view kEnterprisePrefix = "/api/v3";  // bases like https://host/api/v3 are served too

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string originOf(const UrlParts& url) {
  const std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  return url.scheme + "://" + host + (url.port >= 0 ? ":" + std::to_string(url.port) : std::string());
}

// Decodes the path's segments, dropping a GitHub Enterprise style "/api/v3" prefix (kept in
// apiRoot). False when an escape is malformed.
bool readPath(ApiRequest& request) {
  std::string_view rest = request.path;
  if (rest.starts_with(std::string(kEnterprisePrefix) + "/")) {
    rest.remove_prefix(kEnterprisePrefix.size());
    request.apiRoot += std::string(kEnterprisePrefix);
  }
  bool ok = true;
  while (ok && rest.size() > 1) {
    rest.remove_prefix(1);
    const auto slash = rest.find('/');
    request.segments.push_back(sandbox::percentDecode(rest.substr(0, slash), false, ok));
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  }
  return ok;
}

bool readQuery(ApiRequest& request) {
  bool ok = true;
  std::string_view query = request.rawQuery;
  while (ok && !query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    std::string key = sandbox::percentDecode(pair.substr(0, equals), true, ok);
    std::string value =
        equals == std::string_view::npos ? std::string() : sandbox::percentDecode(pair.substr(equals + 1), true, ok);
    if (!key.empty()) request.query.emplace_back(std::move(key), std::move(value));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return ok;
}

// Reads "/a/b%2Fc?x=1" into the request. False when it cannot be decoded.
bool readTarget(const std::string& target, ApiRequest& request) {
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  request.rawQuery = question == std::string::npos ? std::string() : target.substr(question + 1);
  if (const auto hash = request.rawQuery.find('#'); hash != std::string::npos) request.rawQuery.resize(hash);
  return readPath(request) && readQuery(request);
}

void rollRateWindow(RepositoryState& state) {
  if (state.clock < state.rate.resetAt) return;
  state.rate.used = 0;
  state.rate.resetAt = state.clock + kRateWindow;
}

ApiReply rateLimitExceeded() {
  ApiReply reply = sandbox::errorReply(403, "API rate limit exceeded for user ID 5210443.",
                                       "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api");
  reply.countsAgainstRateLimit = false;
  return reply;
}

bool etagMatches(const std::string& ifNoneMatch, const std::string& etag) {
  const auto bare = [](std::string_view tag) {
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
  };
  std::string_view rest = ifNoneMatch;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view tag = bare(rest.substr(0, comma));
    if (tag == "*" || tag == bare(etag)) return true;
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return false;
}

// The headers GitHub puts on every API answer.
void addGitHubHeaders(HttpHeaders& headers, const RepositoryState& state, const ApiRequest& request,
                      const std::string& resource) {
  char requestId[40];
  std::snprintf(requestId, sizeof requestId, "5A4D:%06llX:%08llX",
                static_cast<unsigned long long>(state.requestCount % 0xFFFFFF),
                static_cast<unsigned long long>(sandbox::stableHash(request.path) & 0xFFFFFFFF));
  setHeader(headers, "x-github-request-id", requestId);
  setHeader(headers, "x-github-api-version-selected", "2022-11-28");
  setHeader(headers, "x-github-media-type", "github.v3; format=json");
  setHeader(headers, "cache-control", "private, max-age=60, s-maxage=60");
  setHeader(headers, "vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
  // GraphQL's answers show GraphQL's budget, as on GitHub.
  const sandbox::RateWindow& rate = resource == "graphql" ? state.graphqlRate : state.rate;
  setHeader(headers, "x-ratelimit-limit", std::to_string(rate.limit));
  setHeader(headers, "x-ratelimit-remaining", std::to_string(rate.limit - rate.used));
  setHeader(headers, "x-ratelimit-used", std::to_string(rate.used));
  setHeader(headers, "x-ratelimit-reset", std::to_string(rate.resetAt.time_since_epoch().count()));
  setHeader(headers, "x-ratelimit-resource", resource);
}

// Turns a route's reply into the HTTP response: a strong ETag on GET answers (304 when it
// matches If-None-Match, free of rate limit), the rate limit spent, GitHub's headers. Request
// headers are never copied into an answer, so the token cannot leak through the sandbox.
HttpResponse finish(RepositoryState& state, const HttpRequest& http, const ApiRequest& request, ApiReply reply) {
  HttpResponse response{reply.status, std::move(reply.headers), std::move(reply.body)};
  if (request.method == "GET" && response.status == 200) {
    const std::string etag = "\"" + sandbox::sha1Hex(response.body) + "\"";
    setHeader(response.headers, "etag", etag);
    const std::string ifNoneMatch = headerValue(http.headers, "if-none-match");
    if (!ifNoneMatch.empty() && etagMatches(ifNoneMatch, etag)) {
      response.status = 304;
      response.body.clear();
      reply.countsAgainstRateLimit = false;
    }
  }
  if (reply.countsAgainstRateLimit) state.rate.used++;
  if (!reply.contentType.empty() && response.status != 304) {
    setHeader(response.headers, "content-type", reply.contentType);
  }
  if (reply.isApi) addGitHubHeaders(response.headers, state, request, reply.rateResource);
  return response;
}

}  // namespace

SandboxRepository::SandboxRepository(TimePoint now) : state_(std::make_unique<State>()) {
  sandbox::seedRepository(*state_, now);
}

SandboxRepository::~SandboxRepository() = default;

HttpResponse SandboxRepository::handle(const HttpRequest& request, TimePoint now) {
  RepositoryState& state = *state_;
  state.clock = std::max(state.clock, now);
  state.requestCount++;
  ApiRequest api;
  api.method = request.method;
  std::transform(api.method.begin(), api.method.end(), api.method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  api.body = request.body;
  api.at = state.clock;
  const auto url = parseUrl(request.url);
  if (url) api.origin = api.apiRoot = originOf(*url);
  if (!url || !readTarget(url->path, api)) return finish(state, request, api, sandbox::notFound());
  rollRateWindow(state);
  const bool isStorage = !api.segments.empty() && api.segments.front() == "_storage";
  const bool isRateLimit = api.segments.size() == 1 && api.segments.front() == "rate_limit";
  // GraphQL keeps its own budget (sandbox_graphql.cpp).
  const bool isGraphQL = !api.segments.empty() && api.segments.back() == "graphql" && api.segments.size() <= 2;
  if (!isStorage && !isRateLimit && !isGraphQL && state.rate.used >= state.rate.limit) {
    return finish(state, request, api, rateLimitExceeded());
  }
  return finish(state, request, api, sandbox::routeApiRequest(state, api));
}

SandboxTransport::SandboxTransport(SandboxRepository& repository, Scheduler& scheduler)
    : repository_(repository), scheduler_(scheduler) {}

// Answers on the scheduler's thread, never inside send(). Follows the artifact redirect itself,
// by the same redirect policy as the Qt transport.
void SandboxTransport::send(HttpRequest request, Completion done) {
  std::weak_ptr<int> alive = alive_;
  scheduler_.post(std::chrono::milliseconds(0),
                  [this, alive, request = std::move(request), done = std::move(done)]() mutable {
                    if (alive.expired()) return;
                    const TimePoint now = std::chrono::floor<std::chrono::seconds>(scheduler_.now());
                    TransportReply reply;
                    reply.response = repository_.handle(request, now);
                    HttpRequest current = request;
                    for (int hop = 0; hop < kMaxRedirects && isRedirect(reply.response.status); ++hop) {
                      const std::string location = headerValue(reply.response.headers, "location");
                      // In-process, only the sandbox itself can answer.
                      if (location.empty() || !sameOrigin(location, request.url)) {
                        reply.failure = TransportFailure::RedirectRefused;
                        reply.failureDetail = "a redirect away from the sandbox";
                        break;
                      }
                      RedirectDecision decision = decideRedirect(current, reply.response.status, location, request.url);
                      if (!decision.follow) {
                        reply.failure = TransportFailure::RedirectRefused;
                        reply.failureDetail = std::move(decision.refusal);
                        break;
                      }
                      current = std::move(decision.next);
                      reply.response = repository_.handle(current, now);
                    }
                    done(std::move(reply));
                  });
}

}  // namespace releasedesk
