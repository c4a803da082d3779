// Typed GitHub errors, each with a sentence a release manager understands.
#pragma once

#include "core/github/http.h"

#include <chrono>
#include <optional>
#include <string>

namespace releasedesk {

enum class GitHubErrorKind {
  Unauthorized,          // 401: token missing, wrong or expired
  Forbidden,             // 403 without a rate limit: a permission is missing
  NotFound,              // 404: does not exist, or the token cannot see it
  Validation,            // 422 (and 400/409): GitHub refused the request's content
  RateLimited,           // primary rate limit exhausted (403/429 with x-ratelimit-remaining: 0)
  SecondaryRateLimited,  // secondary limit (403/429 with retry-after or that message)
  ServerError,           // 5xx
  Network,               // no connection
  Timeout,               // no answer in time
  InvalidResponse,       // an answer that cannot be read (malformed or truncated JSON, bad Link header,
                         // too large, unexpected status)
  Configuration          // a setting that cannot work (an API URL that is not https, no repository)
};

std::string_view toString(GitHubErrorKind kind);

struct GitHubError {
  GitHubErrorKind kind = GitHubErrorKind::InvalidResponse;
  int httpStatus = 0;             // 0 when there was no HTTP answer
  std::string message;            // the sentence to show
  std::string gitHubMessage;      // GitHub's own "message", when it gave one
  std::string missingPermission;  // from X-Accepted-GitHub-Permissions, e.g. "actions=read"
  std::optional<std::chrono::system_clock::time_point> resetAt;  // primary limit
  std::optional<std::chrono::seconds> retryAfter;                // secondary limit
  // Network only: connection refused or host not found, which a retry within seconds will not
  // cure (a reset or a dropped connection may heal and is retried).
  bool unreachable = false;
  std::string transportDetail;  // without an HTTP answer: the transport's phrase ("connection reset by …")
};

// What a request was for, to name it in messages: "the environment 'production' of o/r".
struct RequestSubject {
  std::string what;
};

// Maps a failed exchange to a typed error. `reply` must be a transport failure or a status
// outside 2xx/304.
GitHubError errorFromReply(const TransportReply& reply, const RequestSubject& subject,
                           std::chrono::system_clock::time_point now);

GitHubError invalidResponse(const RequestSubject& subject, const std::string& detail);

// Whether an idempotent request that failed this way may be tried again: timeouts, resets and
// other passing network failures, 5xx and secondary rate limits. A refused connection or an
// unknown host is not (it will not heal in a second), nor is any answer about the request itself.
bool isRetryable(const GitHubError& error);

// A short reason for a retry notice: "connection reset", "server error 502", "timeout".
std::string retryReason(const GitHubError& error);

}  // namespace releasedesk
