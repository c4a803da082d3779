#include "core/github/github_error.h"

#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace releasedesk {
namespace {

std::string gitHubMessageOf(const std::string& body) {
  const auto doc = readJsonInput<nlohmann::json>(body).document;  // discarded unless all of it is JSON
  if (doc.is_object()) {
    const auto it = doc.find("message");
    if (it != doc.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

std::optional<long long> parseInteger(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  long long value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string clockTime(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::hh_mm_ss clock(seconds - day);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02ld:%02ld UTC", static_cast<long>(clock.hours().count()),
                static_cast<long>(clock.minutes().count()));
  return buffer;
}

std::string withGitHubMessage(std::string message, const std::string& gitHub) {
  if (!gitHub.empty()) message += " GitHub said: \"" + gitHub + "\".";
  return message;
}

}  // namespace

std::string_view toString(GitHubErrorKind kind) {
  switch (kind) {
    case GitHubErrorKind::Unauthorized: return "unauthorized";
    case GitHubErrorKind::Forbidden: return "forbidden";
    case GitHubErrorKind::NotFound: return "not-found";
    case GitHubErrorKind::Validation: return "validation";
    case GitHubErrorKind::RateLimited: return "rate-limited";
    case GitHubErrorKind::SecondaryRateLimited: return "secondary-rate-limited";
    case GitHubErrorKind::ServerError: return "server-error";
    case GitHubErrorKind::Network: return "network";
    case GitHubErrorKind::Timeout: return "timeout";
    case GitHubErrorKind::InvalidResponse: return "invalid-response";
    case GitHubErrorKind::Configuration: return "configuration";
  }
  return "invalid-response";
}

GitHubError invalidResponse(const RequestSubject& subject, const std::string& detail) {
  GitHubError error;
  error.kind = GitHubErrorKind::InvalidResponse;
  error.message = "GitHub's answer for " + subject.what + " could not be read: " + detail +
                  ". Try again; if it persists, the API URL may not point at a GitHub API.";
  return error;
}

GitHubError errorFromReply(const TransportReply& reply, const RequestSubject& subject,
                           std::chrono::system_clock::time_point now) {
  GitHubError error;
  error.transportDetail = reply.failureDetail;
  switch (reply.failure) {
    case TransportFailure::Network:
      error.kind = GitHubErrorKind::Network;
      error.unreachable = reply.unreachable;
      error.message = "Cannot reach GitHub for " + subject.what + " (" + reply.failureDetail +
                      "). Check the network connection and the API URL.";
      return error;
    case TransportFailure::Timeout:
      error.kind = GitHubErrorKind::Timeout;
      error.message = "GitHub did not answer in time for " + subject.what +
                      ". Try again; if it keeps happening, check the network.";
      return error;
    case TransportFailure::TooLarge:
      error.kind = GitHubErrorKind::InvalidResponse;
      error.message = "GitHub's answer for " + subject.what + " was larger than the size limit (" +
                      reply.failureDetail + ") and was not read.";
      return error;
    case TransportFailure::HeadersTooLarge:
      error.kind = GitHubErrorKind::InvalidResponse;
      error.message = "GitHub's answer for " + subject.what + " has headers too large to read (" + reply.failureDetail +
                      "); it was not read.";
      return error;
    case TransportFailure::RedirectRefused:
      error.kind = GitHubErrorKind::InvalidResponse;
      error.message = "GitHub redirected the request for " + subject.what + " somewhere ReleaseDesk does not follow (" +
                      reply.failureDetail + ").";
      return error;
    case TransportFailure::None: break;
  }

  const HttpResponse& response = reply.response;
  error.httpStatus = response.status;
  error.gitHubMessage = gitHubMessageOf(response.body);
  const std::string status = std::to_string(response.status);
  const auto remaining = parseInteger(headerValue(response.headers, "x-ratelimit-remaining"));
  const auto retryAfter = parseInteger(headerValue(response.headers, "retry-after"));
  const bool saysSecondary = error.gitHubMessage.find("secondary rate limit") != std::string::npos;

  if (response.status == 401) {
    error.kind = GitHubErrorKind::Unauthorized;
    error.message =
        "GitHub did not accept the token (401). It may be wrong, expired or revoked: set a new one "
        "(desktop: Project → Set Up; console: GH_TOKEN).";
  } else if ((response.status == 403 || response.status == 429) && (retryAfter || saysSecondary)) {
    error.kind = GitHubErrorKind::SecondaryRateLimited;
    // Without retry-after GitHub asks for at least a minute.
    error.retryAfter = std::chrono::seconds(retryAfter ? *retryAfter : 60);
    error.message = "GitHub's secondary rate limit paused requests (too many too fast) for " + subject.what + ". " +
                    (retryAfter ? "Wait " + std::to_string(*retryAfter) + " s before trying again."
                                : std::string("Wait a minute before trying again."));
  } else if ((response.status == 403 || response.status == 429) && remaining && *remaining == 0) {
    error.kind = GitHubErrorKind::RateLimited;
    std::string when = "soon";
    if (const auto reset = parseInteger(headerValue(response.headers, "x-ratelimit-reset"))) {
      const std::chrono::system_clock::time_point resetAt{std::chrono::seconds(*reset)};
      error.resetAt = resetAt;
      const auto minutes = std::chrono::ceil<std::chrono::minutes>(resetAt - now).count();
      when = "at " + clockTime(resetAt) + (minutes > 0 ? " (in " + std::to_string(minutes) + " min)" : std::string());
    }
    error.message = "The GitHub API rate limit for this token is used up; it resets " + when +
                    ". Refresh after that; nothing was lost.";
  } else if (response.status == 429) {
    // GitHub asks for at least a minute when it gives no retry-after.
    error.kind = GitHubErrorKind::SecondaryRateLimited;
    error.retryAfter = std::chrono::seconds(60);
    error.message =
        "GitHub asked ReleaseDesk to slow down (429) for " + subject.what + ". Wait a minute before trying again.";
  } else if (response.status == 403) {
    error.kind = GitHubErrorKind::Forbidden;
    error.missingPermission = headerValue(response.headers, "x-accepted-github-permissions");
    error.message = "The token may not read " + subject.what + " (403)" +
                    (error.missingPermission.empty() ? std::string(".")
                                                     : ": it needs the permission " + error.missingPermission + ".");
    error.message = withGitHubMessage(error.message, error.gitHubMessage);
  } else if (response.status == 404) {
    error.kind = GitHubErrorKind::NotFound;
    error.message = "Not found (404): " + subject.what + ". It does not exist, or the token is not allowed to see it.";
  } else if (response.status == 400 || response.status == 409 || response.status == 422) {
    error.kind = GitHubErrorKind::Validation;
    error.message =
        withGitHubMessage("GitHub refused the request for " + subject.what + " (" + status + ").", error.gitHubMessage);
  } else if (response.status >= 500) {
    error.kind = GitHubErrorKind::ServerError;
    error.message = "GitHub had a server error (" + status + ") while answering for " + subject.what +
                    ". This is usually brief: try again in a minute.";
  } else {
    error.kind = GitHubErrorKind::InvalidResponse;
    error.message = "GitHub answered " + status + " for " + subject.what + ", which ReleaseDesk does not expect.";
  }
  return error;
}

bool isRetryable(const GitHubError& error) {
  switch (error.kind) {
    case GitHubErrorKind::Network: return !error.unreachable;
    case GitHubErrorKind::ServerError:
    case GitHubErrorKind::Timeout:
    case GitHubErrorKind::SecondaryRateLimited: return true;
    default: return false;
  }
}

std::string retryReason(const GitHubError& error) {
  switch (error.kind) {
    case GitHubErrorKind::ServerError: return "server error " + std::to_string(error.httpStatus);
    case GitHubErrorKind::Timeout: return "no answer in time";
    case GitHubErrorKind::SecondaryRateLimited: return "secondary rate limit";
    case GitHubErrorKind::Network: return error.transportDetail.empty() ? "network failure" : error.transportDetail;
    default: return std::string(toString(error.kind));
  }
}

}  // namespace releasedesk
