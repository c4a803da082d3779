// Which redirects a transport follows, and what the next hop carries. One rule for the Qt transport
// and the sandbox's in-process transport; pure, so it is tested without a network.
#pragma once

#include "core/github/http.h"

#include <string>
#include <string_view>

namespace releasedesk {

struct RedirectDecision {
  bool follow = false;
  std::string refusal;  // when not followed: a short phrase for TransportReply::failureDetail
  HttpRequest next;     // when followed: the request to send to the target
};

// One redirect hop: `current` was answered `status` (301, 302, 303, 307 or 308) with a Location
// that resolves to the absolute URL `target`. `credentialUrl` is the URL of the exchange's first
// request: its credentials belong to that origin only.
//
// Refused: a target that is not an absolute http(s) URL, one with a user name, plain http after
// https (to any host, this machine included: "a redirect from https to plain http"), and plain
// http to any host other than this machine.
// Followed: the credential headers (Authorization, Proxy-Authorization, Cookie) are dropped when
// the target is not on the credentials' origin, so once dropped they stay dropped; 303, and 301
// or 302 after a POST, continue as a GET without the body, as browsers do.
RedirectDecision decideRedirect(const HttpRequest& current, int status, std::string_view target,
                                std::string_view credentialUrl);

// Authorization, Proxy-Authorization or Cookie, in any case.
bool isCredentialHeader(std::string_view name);

}  // namespace releasedesk
