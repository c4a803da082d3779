#include "core/github/redirect_policy.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace releasedesk {
namespace {

// Headers that carry credentials: dropped when a redirect leaves the credentials' origin.
constexpr std::array<std::string_view, 3> kCredentialHeaders = {"Authorization", "Proxy-Authorization", "Cookie"};

bool sameHeaderName(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

std::string lowerScheme(std::string_view url) {
  const auto end = url.find("://");
  std::string scheme(url.substr(0, end == std::string_view::npos ? 0 : end));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return scheme;
}

bool hasUserInfo(std::string_view url) {
  const auto start = url.find("://");
  if (start == std::string_view::npos) return false;
  const std::string_view rest = url.substr(start + 3);
  return rest.substr(0, rest.find_first_of("/?#")).find('@') != std::string_view::npos;
}

RedirectDecision refuse(std::string why) {
  RedirectDecision decision;
  decision.refusal = std::move(why);
  return decision;
}

}  // namespace

bool isCredentialHeader(std::string_view name) {
  return std::any_of(kCredentialHeaders.begin(), kCredentialHeaders.end(),
                     [&](std::string_view credential) { return sameHeaderName(name, credential); });
}

RedirectDecision decideRedirect(const HttpRequest& current, int status, std::string_view target,
                                std::string_view credentialUrl) {
  const std::string scheme = lowerScheme(target);
  if (scheme != "https" && scheme != "http") return refuse("a redirect to something other than an http(s) URL");
  if (hasUserInfo(target)) return refuse("a redirect to a URL with a user name");
  const auto url = parseUrl(target);
  if (!url) return refuse("a redirect to something other than an http(s) URL");
  // An exchange that started over TLS stays on TLS, even towards this machine: a downgrade is
  // how a hostile server would get the rest of the exchange out of the encryption.
  if (scheme == "http" && lowerScheme(current.url) == "https") return refuse("a redirect from https to plain http");
  // Plain http is only acceptable on this machine, where nothing crosses a network.
  if (scheme == "http" && !isLoopbackHost(url->host)) return refuse("a redirect to plain http on another machine");

  RedirectDecision decision;
  decision.follow = true;
  HttpRequest& next = decision.next;
  next = current;
  next.url = std::string(target);
  if (!sameOrigin(next.url, credentialUrl)) {
    std::erase_if(next.headers, [](const auto& header) { return isCredentialHeader(header.first); });
  }
  if (status == 303 || ((status == 301 || status == 302) && next.method == "POST")) {
    if (next.method != "HEAD") next.method = "GET";
    next.body.clear();
    std::erase_if(next.headers, [](const auto& header) {
      return sameHeaderName(header.first, "Content-Type") || sameHeaderName(header.first, "Content-Length");
    });
  }
  return decision;
}

}  // namespace releasedesk
