// The redirect policy shared by the Qt transport and the sandbox transport: which hops are
// followed, and which request headers survive them.
#include "core/github/redirect_policy.h"

#include <gtest/gtest.h>

#include <string>

namespace releasedesk {
namespace {

constexpr std::string_view kApi = "https://api.github.com/repos/o/r/actions/artifacts/1/zip";

HttpRequest withCredentials(std::string url, std::string method = "GET") {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.headers = {{"Authorization", "Bearer secret-token"},
                     {"proxy-authorization", "Basic c2VjcmV0"},
                     {"COOKIE", "session=secret"},
                     {"Accept", "application/vnd.github+json"},
                     {"X-GitHub-Api-Version", "2022-11-28"}};
  return request;
}

// GitHub's artifact download: 302 to a storage host. The token must not go along.
TEST(RedirectPolicy, CrossOriginDropsEveryCredentialHeaderAndKeepsTheRest) {
  const auto decision = decideRedirect(withCredentials(std::string(kApi)), 302,
                                       "https://pipelines.actions.githubusercontent.com/blob?sig=abc", kApi);
  ASSERT_TRUE(decision.follow);
  EXPECT_EQ(decision.next.url, "https://pipelines.actions.githubusercontent.com/blob?sig=abc");
  EXPECT_FALSE(hasHeader(decision.next.headers, "authorization"));
  EXPECT_FALSE(hasHeader(decision.next.headers, "proxy-authorization"));
  EXPECT_FALSE(hasHeader(decision.next.headers, "cookie"));
  EXPECT_EQ(headerValue(decision.next.headers, "accept"), "application/vnd.github+json");
  EXPECT_EQ(headerValue(decision.next.headers, "x-github-api-version"), "2022-11-28");
  EXPECT_EQ(decision.next.method, "GET");
}

TEST(RedirectPolicy, SameOriginKeepsCredentials) {
  const auto decision = decideRedirect(withCredentials(std::string(kApi)), 301,
                                       "https://API.github.com:443/repositories/1/zip?page=2", kApi);
  ASSERT_TRUE(decision.follow);
  EXPECT_EQ(headerValue(decision.next.headers, "authorization"), "Bearer secret-token");
  EXPECT_EQ(headerValue(decision.next.headers, "cookie"), "session=secret");
}

TEST(RedirectPolicy, AnotherPortOrSchemeIsAnotherOrigin) {
  const std::string local = "http://127.0.0.1:8080/repos/o/r";
  const auto port = decideRedirect(withCredentials(local), 307, "http://127.0.0.1:8081/elsewhere", local);
  ASSERT_TRUE(port.follow);
  EXPECT_FALSE(hasHeader(port.next.headers, "authorization"));
  const auto host = decideRedirect(withCredentials(local), 307, "http://localhost:8080/repos/o/r", local);
  ASSERT_TRUE(host.follow);
  EXPECT_FALSE(hasHeader(host.next.headers, "authorization"));
}

// The credentials belong to the first request's origin: a later hop back there does not bring
// them back, and a hop judged against that origin, not the previous hop's, decides.
TEST(RedirectPolicy, OnceDroppedCredentialsStayDropped) {
  const auto away = decideRedirect(withCredentials(std::string(kApi)), 302, "https://storage.example.com/a", kApi);
  ASSERT_TRUE(away.follow);
  const auto back = decideRedirect(away.next, 302, "https://api.github.com/again", kApi);
  ASSERT_TRUE(back.follow);
  EXPECT_FALSE(hasHeader(back.next.headers, "authorization"));

  HttpRequest onStorage = withCredentials("https://storage.example.com/a");
  const auto sameHost = decideRedirect(onStorage, 302, "https://storage.example.com/b", kApi);
  ASSERT_TRUE(sameHost.follow);
  EXPECT_FALSE(hasHeader(sameHost.next.headers, "authorization"));
}

TEST(RedirectPolicy, HttpsToPlainHttpIsRefused) {
  const auto decision = decideRedirect(withCredentials(std::string(kApi)), 302, "http://storage.example.com/x", kApi);
  EXPECT_FALSE(decision.follow);
  EXPECT_EQ(decision.refusal, "a redirect from https to plain http");
}

TEST(RedirectPolicy, PlainHttpToAnotherMachineIsRefused) {
  const std::string local = "http://127.0.0.1:8080/";
  const auto decision = decideRedirect(withCredentials(local), 302, "http://127.example.invalid/blob", local);
  EXPECT_FALSE(decision.follow);
  EXPECT_EQ(decision.refusal, "a redirect to plain http on another machine");
}

// On this machine nothing crosses a network: a loopback server and the sandbox are reachable
// over plain http, still without the credentials of another origin.
TEST(RedirectPolicy, PlainHttpOnLoopbackIsFollowedWithoutCredentials) {
  const std::string local = "http://127.0.0.1:8443/to-loopback";
  for (const std::string target :
       {"http://127.0.0.1:8080/local", "http://localhost:8080/local", "http://[::1]:8080/"}) {
    const auto decision = decideRedirect(withCredentials(local), 302, target, local);
    ASSERT_TRUE(decision.follow) << target;
    EXPECT_FALSE(hasHeader(decision.next.headers, "authorization")) << target;
  }
}

// Once on TLS, an exchange stays on TLS, even when the plain http target is this machine.
TEST(RedirectPolicy, HttpsToPlainHttpIsRefusedEvenOnLoopback) {
  const std::string secure = "https://127.0.0.1:8443/to-loopback";
  for (const std::string target :
       {"http://127.0.0.1:8080/local", "http://localhost:8443/to-loopback", "http://[::1]:8080/"}) {
    const auto decision = decideRedirect(withCredentials(secure), 302, target, secure);
    EXPECT_FALSE(decision.follow) << target;
    EXPECT_EQ(decision.refusal, "a redirect from https to plain http") << target;
  }
}

TEST(RedirectPolicy, NonHttpTargetsAreRefused) {
  for (const std::string target : {"ftp://127.0.0.1/blob", "file:///etc/passwd", "", "/relative/only", "https://"}) {
    const auto decision = decideRedirect(withCredentials(std::string(kApi)), 302, target, kApi);
    EXPECT_FALSE(decision.follow) << target;
    EXPECT_EQ(decision.refusal, "a redirect to something other than an http(s) URL") << target;
  }
}

TEST(RedirectPolicy, UserNameInTheTargetIsRefused) {
  const auto decision = decideRedirect(withCredentials(std::string(kApi)), 302, "https://user@api.github.com/x", kApi);
  EXPECT_FALSE(decision.follow);
  EXPECT_EQ(decision.refusal, "a redirect to a URL with a user name");
}

TEST(RedirectPolicy, SeeOtherAndPostRedirectsContinueAsGetWithoutBody) {
  HttpRequest post = withCredentials(std::string(kApi), "POST");
  post.body = R"({"ref":"main"})";
  post.headers.emplace_back("Content-Type", "application/json");
  post.headers.emplace_back("Content-Length", "14");
  for (const int status : {301, 302, 303}) {
    const auto decision = decideRedirect(post, status, "https://api.github.com/result", kApi);
    ASSERT_TRUE(decision.follow) << status;
    EXPECT_EQ(decision.next.method, "GET") << status;
    EXPECT_TRUE(decision.next.body.empty()) << status;
    EXPECT_FALSE(hasHeader(decision.next.headers, "content-type")) << status;
    EXPECT_FALSE(hasHeader(decision.next.headers, "content-length")) << status;
  }
  for (const int status : {307, 308}) {
    const auto decision = decideRedirect(post, status, "https://api.github.com/result", kApi);
    ASSERT_TRUE(decision.follow) << status;
    EXPECT_EQ(decision.next.method, "POST") << status;
    EXPECT_EQ(decision.next.body, post.body) << status;
  }
  HttpRequest head = withCredentials(std::string(kApi), "HEAD");
  EXPECT_EQ(decideRedirect(head, 303, "https://api.github.com/result", kApi).next.method, "HEAD");
}

TEST(RedirectPolicy, CredentialHeadersAreRecognisedInAnyCase) {
  EXPECT_TRUE(isCredentialHeader("authorization"));
  EXPECT_TRUE(isCredentialHeader("AUTHORIZATION"));
  EXPECT_TRUE(isCredentialHeader("Proxy-Authorization"));
  EXPECT_TRUE(isCredentialHeader("cookie"));
  EXPECT_FALSE(isCredentialHeader("Accept"));
  EXPECT_FALSE(isCredentialHeader("Authorization-Hint"));
}

}  // namespace
}  // namespace releasedesk
