// QtTransport against in-test HTTP servers: headers, credentials across redirects, HTTP errors as
// answers, timeouts, the size cap, TLS, and GitHubClient end to end over the real Qt Network path.
#include "app/adapter/qt_transport.h"
#include "app/adapter/qt_scheduler.h"
#include "core/github/github_client.h"
#include "tests/app/adapter/http_test_server.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTest>

#include <memory>
#include <optional>

using namespace releasedesk;
using namespace releasedesk::test;

namespace {

constexpr int kWaitMs = 10000;

HttpRequest get(std::string url, HttpHeaders headers = {}) {
  HttpRequest request;
  request.url = std::move(url);
  request.headers = std::move(headers);
  return request;
}

// Sends and waits for the one callback; std::nullopt when it never came.
std::optional<TransportReply> exchange(QtTransport& transport, HttpRequest request) {
  auto reply = std::make_shared<std::optional<TransportReply>>();
  auto calls = std::make_shared<int>(0);
  transport.send(std::move(request), [reply, calls](TransportReply answer) {
    ++*calls;
    *reply = std::move(answer);
  });
  if (!QTest::qWaitFor([&] { return reply->has_value(); }, kWaitMs)) return std::nullopt;
  QTest::qWait(20);  // a second callback would show up here
  if (*calls != 1) qWarning("the completion ran %d times", *calls);
  return *calls == 1 ? *reply : std::nullopt;
}

QString failureName(TransportFailure failure) {
  switch (failure) {
    case TransportFailure::None: return QStringLiteral("None");
    case TransportFailure::Network: return QStringLiteral("Network");
    case TransportFailure::Timeout: return QStringLiteral("Timeout");
    case TransportFailure::TooLarge: return QStringLiteral("TooLarge");
    case TransportFailure::RedirectRefused: return QStringLiteral("RedirectRefused");
    case TransportFailure::HeadersTooLarge: return QStringLiteral("HeadersTooLarge");
  }
  return {};
}

}  // namespace

class TestQtTransport : public QObject {
  Q_OBJECT

 private slots:
  void sendsRequestHeadersAndADefaultUserAgent() {
    HttpTestServer server;
    server.answerAlways(ScriptedResponse::json(200, "{}"));
    QtTransport transport;
    const auto reply = exchange(
        transport, get(server.stdUrl(QStringLiteral("/repos/o/r")), {{"Accept", "application/vnd.github+json"},
                                                                     {"X-GitHub-Api-Version", "2022-11-28"},
                                                                     {"Authorization", "Bearer same-origin-token"}}));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("None"));
    QCOMPARE(reply->response.status, 200);
    QCOMPARE(server.requests().size(), 1);
    const RecordedRequest& sent = server.requests().first();
    QCOMPARE(sent.method, QByteArray("GET"));
    QCOMPARE(sent.target, QByteArray("/repos/o/r"));
    QCOMPARE(sent.header("Accept"), QByteArray("application/vnd.github+json"));
    QCOMPARE(sent.header("X-GitHub-Api-Version"), QByteArray("2022-11-28"));
    QCOMPARE(sent.header("Authorization"), QByteArray("Bearer same-origin-token"));
    QCOMPARE(sent.header("User-Agent"), QByteArray("ReleaseDesk/" RELEASEDESK_VERSION));
  }

  void keepsTheRequestsOwnUserAgent() {
    HttpTestServer server;
    QtTransport transport;
    QVERIFY(exchange(transport, get(server.stdUrl(QStringLiteral("/")), {{"User-Agent", "ReleaseDesk-cli/9"}})));
    QCOMPARE(server.requests().first().header("User-Agent"), QByteArray("ReleaseDesk-cli/9"));
  }

  void sendsMethodAndBody() {
    HttpTestServer server;
    server.answerAlways({204, {}, {}});
    QtTransport transport;
    HttpRequest request = get(server.stdUrl(QStringLiteral("/dispatches")), {{"Content-Type", "application/json"}});
    request.method = "POST";
    request.body = R"({"ref":"main"})";
    const auto reply = exchange(transport, request);
    QVERIFY(reply);
    QCOMPARE(reply->response.status, 204);
    QCOMPARE(server.requests().first().method, QByteArray("POST"));
    QCOMPARE(server.requests().first().body, QByteArray(R"({"ref":"main"})"));
    QCOMPARE(server.requests().first().header("Content-Type"), QByteArray("application/json"));
  }

  void returnsHttpErrorStatusesAsResponses_data() {
    QTest::addColumn<int>("status");
    QTest::newRow("404") << 404;
    QTest::newRow("500") << 500;
    QTest::newRow("401") << 401;
    QTest::newRow("422") << 422;
  }
  void returnsHttpErrorStatusesAsResponses() {
    QFETCH(int, status);
    HttpTestServer server;
    server.answerAlways(ScriptedResponse::json(status, R"({"message":"Not this time"})",
                                               {{"X-RateLimit-Remaining", "4999"}, {"ETag", "\"abc\""}}));
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/x"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("None"));
    QCOMPARE(reply->response.status, status);
    QCOMPARE(reply->response.body, std::string(R"({"message":"Not this time"})"));
    // Names arrive lower case; the core looks them up case-insensitively anyway.
    QCOMPARE(headerValue(reply->response.headers, "x-ratelimit-remaining"), std::string("4999"));
    QCOMPARE(headerValue(reply->response.headers, "etag"), std::string("\"abc\""));
    QVERIFY(hasHeader(reply->response.headers, "content-type"));
  }

  // GitHub's artifact download: 302 to a storage host. The token must not go along.
  void crossOriginRedirectDropsCredentials() {
    HttpTestServer api;
    HttpTestServer storage;
    api.answerAlways(ScriptedResponse::redirect(
        302, storage.url(QStringLiteral("/blob/1?sig=abc"), QStringLiteral("localhost")).toUtf8()));
    storage.answerAlways({200, {{"Content-Type", "application/zip"}}, "PK-zip-bytes"});
    QtTransport transport;
    const auto reply = exchange(transport, get(api.stdUrl(QStringLiteral("/repos/o/r/actions/artifacts/1/zip")),
                                               {{"Authorization", "Bearer api-only-token"},
                                                {"Cookie", "session=api-only"},
                                                {"Accept", "application/vnd.github+json"}}));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("None"));
    QCOMPARE(reply->response.status, 200);
    QCOMPARE(reply->response.body, std::string("PK-zip-bytes"));
    QCOMPARE(api.requests().size(), 1);
    QCOMPARE(api.requests().first().header("Authorization"), QByteArray("Bearer api-only-token"));
    QCOMPARE(storage.requests().size(), 1);
    const RecordedRequest& hop = storage.requests().first();
    QCOMPARE(hop.target, QByteArray("/blob/1?sig=abc"));
    QVERIFY(hop.header("Host").startsWith("localhost:"));
    QVERIFY(!hop.hasHeader("Authorization"));
    QVERIFY(!hop.hasHeader("Cookie"));
    QVERIFY(!storage.receivedBytes().contains("api-only"));
    QCOMPARE(hop.header("Accept"), QByteArray("application/vnd.github+json"));  // not a credential
  }

  // Same host name, another port: another origin too.
  void redirectToAnotherPortDropsCredentials() {
    HttpTestServer api;
    HttpTestServer other;
    api.answerAlways(ScriptedResponse::redirect(307, other.url(QStringLiteral("/elsewhere")).toUtf8()));
    other.answerAlways({200, {}, "ok"});
    QtTransport transport;
    QVERIFY(exchange(transport, get(api.stdUrl(QStringLiteral("/")), {{"Authorization", "Bearer t"}})));
    QCOMPARE(other.requests().size(), 1);
    QVERIFY(!other.requests().first().hasHeader("Authorization"));
  }

  void sameOriginRedirectKeepsCredentials() {
    HttpTestServer server;
    server.setHandler([](const RecordedRequest& request) {
      if (request.target == "/old") return ScriptedResponse::redirect(301, "/new?page=2");  // relative
      return ScriptedResponse::json(200, "[]");
    });
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/old")), {{"Authorization", "Bearer t"}}));
    QVERIFY(reply);
    QCOMPARE(reply->response.status, 200);
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(1).target, QByteArray("/new?page=2"));
    QCOMPARE(server.requests().at(0).header("Authorization"), QByteArray("Bearer t"));
    QCOMPARE(server.requests().at(1).header("Authorization"), QByteArray("Bearer t"));
  }

  void redirectLoopIsRefused() {
    HttpTestServer server;
    server.answerAlways(ScriptedResponse::redirect(302, "/again"));
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/start"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("RedirectRefused"));
    QCOMPARE(reply->failureDetail, std::string("more than 5 redirects"));
    QCOMPARE(server.requests().size(), 6);  // the request and 5 redirects
  }

  void redirectToPlainHttpOnAnotherMachineIsRefused_data() {
    QTest::addColumn<QByteArray>("location");
    QTest::newRow("a host name") << QByteArray("http://storage.example.invalid/blob");
    QTest::newRow("a name that only starts like loopback") << QByteArray("http://127.example.invalid/blob");
    QTest::newRow("not http at all") << QByteArray("ftp://127.0.0.1/blob");
    QTest::newRow("with a user name") << QByteArray("http://user@127.0.0.1/blob");
  }
  void redirectToPlainHttpOnAnotherMachineIsRefused() {
    QFETCH(QByteArray, location);
    HttpTestServer server;
    server.answerAlways(ScriptedResponse::redirect(302, location));
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("RedirectRefused"));
    QCOMPARE(server.requests().size(), 1);
  }

  void seeOtherContinuesAsGetWithoutBody() {
    HttpTestServer server;
    server.setHandler([](const RecordedRequest& request) {
      if (request.method == "POST") return ScriptedResponse::redirect(303, "/result");
      return ScriptedResponse::json(200, "{}");
    });
    QtTransport transport;
    HttpRequest request = get(server.stdUrl(QStringLiteral("/submit")), {{"Content-Type", "application/json"}});
    request.method = "POST";
    request.body = "{}";
    QVERIFY(exchange(transport, request));
    QCOMPARE(server.requests().size(), 2);
    QCOMPARE(server.requests().at(1).method, QByteArray("GET"));
    QVERIFY(server.requests().at(1).body.isEmpty());
    QVERIFY(!server.requests().at(1).hasHeader("Content-Type"));
  }

  void silentServerTimesOut() {
    HttpTestServer server;
    server.answerAlways(ScriptedResponse::silence());
    QtTransport transport({.transferTimeout = std::chrono::milliseconds(300)});
    QElapsedTimer clock;
    clock.start();
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/slow"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Timeout"));
    QVERIFY2(clock.elapsed() < 5000, "the transfer timeout did not apply");
    QVERIFY(reply->failureDetail.find("300 ms") != std::string::npos);
  }

  void bodyOverTheCapIsTooLarge_data() {
    QTest::addColumn<bool>("chunked");
    QTest::newRow("with Content-Length") << false;
    QTest::newRow("chunked, size unknown up front") << true;
  }
  void bodyOverTheCapIsTooLarge() {
    QFETCH(bool, chunked);
    HttpTestServer server;
    server.answerAlways({200, {}, QByteArray(2048, 'x'), chunked});
    QtTransport transport({.maxResponseBytes = 1024});
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/big"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("TooLarge"));
    QCOMPARE(reply->failureDetail, std::string("1 KiB"));
  }

  // The announced size is enough: the transport does not wait for the body.
  void announcedSizeOverTheCapStopsAtOnce() {
    HttpTestServer server;
    ScriptedResponse announced;
    announced.raw = "HTTP/1.1 200 OK\r\nContent-Length: 67108864\r\n\r\nPK";  // then silence
    server.answerAlways(announced);
    QtTransport transport({.transferTimeout = std::chrono::seconds(20), .maxResponseBytes = 1024});
    QElapsedTimer clock;
    clock.start();
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/huge"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("TooLarge"));
    QVERIFY(clock.elapsed() < 5000);
  }

  void bodyAtTheCapIsRead() {
    HttpTestServer server;
    server.answerAlways({200, {}, QByteArray(1024, 'x')});
    QtTransport transport({.maxResponseBytes = 1024});
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/exact"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("None"));
    QCOMPARE(reply->response.body.size(), std::size_t(1024));
  }

  void defaultsAreThirtySecondsAndSixtyFourMiB() {
    QtTransport transport;
    QCOMPARE(transport.options().transferTimeout, std::chrono::milliseconds(30000));
    QCOMPARE(describeByteSize(transport.options().maxResponseBytes), std::string("64 MiB"));
    QCOMPARE(transport.options().maxRedirects, 5);
  }

  void closedPortIsNetworkFailure() {
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    QtTransport transport;
    const auto reply = exchange(transport, get("http://127.0.0.1:" + std::to_string(port) + "/",
                                               {{"Authorization", "Bearer must-not-appear"}}));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Network"));
    QCOMPARE(reply->failureDetail, "connection refused by 127.0.0.1:" + std::to_string(port));
  }

  void invalidUrlIsNetworkFailure() {
    QtTransport transport;
    const auto reply = exchange(transport, get("ftp://example.invalid/file"));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Network"));
  }

  void callbackNeverRunsInsideSend() {
    HttpTestServer server;
    QtTransport transport;
    for (const std::string& url :
         {server.stdUrl(QStringLiteral("/")), std::string("not a url"), std::string("http://127.0.0.1:1/")}) {
      bool insideSend = true;
      bool ranInsideSend = false;
      bool done = false;
      transport.send(get(url), [&](TransportReply) {
        ranInsideSend = insideSend;
        done = true;
      });
      insideSend = false;
      QVERIFY(!done);
      QTRY_VERIFY_WITH_TIMEOUT(done, kWaitMs);
      QVERIFY(!ranInsideSend);
    }
  }

  void destroyedTransportDropsCallbacks() {
    HttpTestServer server;
    server.answerAlways(ScriptedResponse::silence());
    QNetworkAccessManager network;  // outlives the transport, as a shared one would
    auto transport = std::make_unique<QtTransport>(network);
    bool called = false;
    transport->send(get(server.stdUrl(QStringLiteral("/"))), [&](TransportReply) { called = true; });
    QTRY_COMPARE_WITH_TIMEOUT(server.requests().size(), 1, kWaitMs);
    transport.reset();
    QTest::qWait(200);
    QVERIFY(!called);
  }

  void untrustedCertificateIsNetworkFailureNamingTls() {
    const TestCertificate certificate = makeLoopbackCertificate();
    if (certificate.isNull()) QSKIP("openssl is needed to make a test certificate");
    HttpTestServer server(certificate.key, certificate.certificate);
    QVERIFY(server.isListening());
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/"))));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("Network"));
    QVERIFY2(reply->failureDetail.find("TLS") != std::string::npos, reply->failureDetail.c_str());
    QVERIFY(server.requests().isEmpty());
  }

  void httpsToHttpDowngradeIsRefused() {
    const TestCertificate certificate = makeLoopbackCertificate();
    if (certificate.isNull()) QSKIP("openssl is needed to make a test certificate");
    // Trust the test certificate the way a system CA is trusted: verification stays on.
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    const auto restore = qScopeGuard([&] { QSslConfiguration::setDefaultConfiguration(saved); });
    QSslConfiguration trusting = saved;
    trusting.addCaCertificate(certificate.certificate);
    QSslConfiguration::setDefaultConfiguration(trusting);

    HttpTestServer secure(certificate.key, certificate.certificate);
    HttpTestServer plain;
    plain.answerAlways({200, {}, "plain"});
    secure.setHandler([&](const RecordedRequest& request) {
      if (request.target == "/to-remote") return ScriptedResponse::redirect(302, "http://storage.example.invalid/x");
      return ScriptedResponse::redirect(302, plain.url(QStringLiteral("/local")).toUtf8());
    });
    QtTransport transport;

    const auto refused = exchange(transport, get(secure.stdUrl(QStringLiteral("/to-remote"))));
    QVERIFY(refused);
    QCOMPARE(failureName(refused->failure), QStringLiteral("RedirectRefused"));
    QCOMPARE(refused->failureDetail, std::string("a redirect from https to plain http"));

    // This machine is no exception: the exchange started over TLS and stays there.
    const auto local =
        exchange(transport, get(secure.stdUrl(QStringLiteral("/to-loopback")), {{"Authorization", "Bearer tls-only"}}));
    QVERIFY(local);
    QCOMPARE(failureName(local->failure), QStringLiteral("RedirectRefused"));
    QCOMPARE(local->failureDetail, std::string("a redirect from https to plain http"));
    QCOMPARE(secure.requests().last().header("Authorization"), QByteArray("Bearer tls-only"));
    QVERIFY(plain.requests().isEmpty());
  }

  void notModifiedIsAResponse() {
    HttpTestServer server;
    server.answerAlways({304, {{"ETag", "\"v1\""}}, {}});
    QtTransport transport;
    const auto reply = exchange(transport, get(server.stdUrl(QStringLiteral("/")), {{"If-None-Match", "\"v1\""}}));
    QVERIFY(reply);
    QCOMPARE(failureName(reply->failure), QStringLiteral("None"));
    QCOMPARE(reply->response.status, 304);
    QCOMPARE(server.requests().first().header("If-None-Match"), QByteArray("\"v1\""));
  }

  // The core's client over the real Qt path: retry after a 500, then two pages by Link header.
  void gitHubClientListsRunsEndToEnd() {
    HttpTestServer server;
    int runRequests = 0;
    const QByteArray page2 = server
                                 .url(QStringLiteral("/repos/octo/desk/actions/workflows/production-stage.yml/"
                                                     "runs?per_page=100&page=2"))
                                 .toUtf8();
    server.setHandler([&](const RecordedRequest& request) {
      if (request.target.contains("page=2")) {
        return ScriptedResponse::json(200, R"({"total_count":2,"workflow_runs":[{"id":2,"status":"completed"}]})");
      }
      if (++runRequests == 1) return ScriptedResponse::json(500, R"({"message":"Server Error"})");
      return ScriptedResponse::json(200, R"({"total_count":2,"workflow_runs":[{"id":1,"status":"waiting"}]})",
                                    {{"Link", "<" + page2 + ">; rel=\"next\""},
                                     {"X-RateLimit-Limit", "5000"},
                                     {"X-RateLimit-Remaining", "4998"}});
    });
    QtTransport transport;
    QtScheduler scheduler;
    GitHubClientConfig config;
    config.apiBase = server.stdUrl({});
    config.repo = {"octo", "desk"};
    config.token = "end-to-end-token";
    config.retryBaseDelay = std::chrono::milliseconds(10);
    GitHubClient client(transport, scheduler, config);

    std::optional<Result<std::vector<WorkflowRun>>> result;
    client.listWorkflowRuns("production-stage.yml", {}, [&](Result<std::vector<WorkflowRun>> runs) { result = runs; });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kWaitMs);
    QVERIFY2(result->ok(), result->ok() ? "" : result->error().message.c_str());
    QCOMPARE(result->value().size(), std::size_t(2));
    QCOMPARE(result->value().at(0).status, std::string("waiting"));
    QCOMPARE(result->value().at(1).id, std::int64_t(2));
    QCOMPARE(client.counters().retries, 1);
    QCOMPARE(client.counters().requests, 3);
    QVERIFY(client.lastRateLimit().has_value());
    QCOMPARE(client.lastRateLimit()->remaining, 4998);
    QCOMPARE(server.requests().size(), 3);
    for (const RecordedRequest& request : server.requests()) {
      QCOMPARE(request.header("Authorization"), QByteArray("Bearer end-to-end-token"));
      QCOMPARE(request.header("Accept"), QByteArray("application/vnd.github+json"));
    }
  }

  // A second read of the same thing is conditional; the 304 is served from the client's cache.
  void gitHubClientRevalidatesWithETag() {
    HttpTestServer server;
    server.setHandler([](const RecordedRequest& request) {
      if (request.header("If-None-Match") == "\"runs-v1\"") return ScriptedResponse{304, {{"ETag", "\"runs-v1\""}}, {}};
      return ScriptedResponse::json(200, R"({"id":42,"status":"completed"})", {{"ETag", "\"runs-v1\""}});
    });
    QtTransport transport;
    QtScheduler scheduler;
    GitHubClientConfig config;
    config.apiBase = server.stdUrl({});
    config.repo = {"octo", "desk"};
    GitHubClient client(transport, scheduler, config);
    for (int round = 0; round < 2; ++round) {
      std::optional<Result<WorkflowRun>> result;
      client.getRun(42, [&](Result<WorkflowRun> run) { result = run; });
      QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), kWaitMs);
      QVERIFY(result->ok());
      QCOMPARE(result->value().id, std::int64_t(42));
    }
    QCOMPARE(client.counters().notModified, 1);
    QCOMPARE(server.requests().size(), 2);
    QVERIFY(!server.requests().at(0).hasHeader("If-None-Match"));
  }
};

QTEST_GUILESS_MAIN(TestQtTransport)
#include "qt_transport_test.moc"
