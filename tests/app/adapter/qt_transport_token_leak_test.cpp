// The token must never show: every error path reachable through GitHubClient over QtTransport is
// run against in-test servers, and every message, detail and log line is searched for it. The
// same token must have reached the API origin's Authorization header, so the search is real.
#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_transport.h"
#include "core/github/github_client.h"
#include "tests/app/adapter/http_test_server.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTest>

#include <functional>
#include <optional>
#include <vector>

using namespace releasedesk;
using namespace releasedesk::test;

namespace {

// Not shaped like a GitHub token on purpose: the repository's leak check flags those.
const std::string kMarker = "releasedesk-marker-token-7f3a9c";

// Everything Qt logs while the test runs.
QStringList& capturedLog() {
  static QStringList log;
  return log;
}
QtMessageHandler previousHandler = nullptr;
void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
  capturedLog() << message;
  if (previousHandler) previousHandler(type, context, message);
}

// One error case: a name, and how to start it on a client; the callback gets the error, if any.
using ErrorSink = std::function<void(std::optional<GitHubError>)>;
struct ErrorCase {
  const char* name;
  std::function<void(GitHubClient&, ErrorSink)> run;
};

template <typename T>
ResultCallback<T> sinkFor(ErrorSink sink) {
  return [sink](Result<T> result) { sink(result ? std::nullopt : std::optional<GitHubError>(result.error())); };
}

}  // namespace

class TestTokenLeak : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    // As much of Qt Network's own logging as it has, so a header dump would be caught too.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.network.*=true"));
    previousHandler = qInstallMessageHandler(captureMessage);
  }
  void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

  void errorPathsNeverShowTheToken() {
    HttpTestServer api;
    HttpTestServer storage;
    storage.answerAlways({404, {}, "no such blob"});
    const QByteArray apiPrefix = "/repos/octo/desk";
    api.setHandler([&](const RecordedRequest& request) -> ScriptedResponse {
      const QByteArray path = request.target;
      if (path == apiPrefix) return ScriptedResponse::json(401, R"({"message":"Bad credentials"})");
      if (path.startsWith(apiPrefix + "/environments/production/variables")) {
        return ScriptedResponse::json(403, R"({"message":"Resource not accessible by personal access token"})",
                                      {{"X-Accepted-GitHub-Permissions", "environments=read"}});
      }
      if (path.startsWith(apiPrefix + "/environments/"))
        return ScriptedResponse::json(404, R"({"message":"Not Found"})");
      if (path.contains("/dispatches")) {
        return ScriptedResponse::json(422, "{\"message\":\"Unexpected inputs provided: x\"}");
      }
      if (path.startsWith(apiPrefix + "/actions/runs/7/jobs")) return ScriptedResponse::silence();
      if (path.startsWith(apiPrefix + "/actions/runs/7/artifacts")) {
        return ScriptedResponse::json(
            200, R"({"artifacts":[]})",
            {{"Link", "<" + storage.url(QStringLiteral("/page2")).toUtf8() + ">; rel=\"next\""}});
      }
      if (path.startsWith(apiPrefix + "/actions/runs/7")) return ScriptedResponse::json(500, "<html>oops</html>");
      if (path.startsWith(apiPrefix + "/commits/")) return ScriptedResponse::json(200, R"({"sha": "abc", "commit": {)");
      if (path.startsWith(apiPrefix + "/contents/")) {
        return ScriptedResponse::json(200, R"({"encoding":"base64","content":"***"})");
      }
      if (path.startsWith(apiPrefix + "/actions/artifacts/1/zip")) {
        return ScriptedResponse::redirect(302,
                                          storage.url(QStringLiteral("/blob/1"), QStringLiteral("localhost")).toUtf8());
      }
      if (path.startsWith(apiPrefix + "/actions/artifacts/2/zip")) {
        return ScriptedResponse::redirect(302, "http://storage.example.invalid/blob/2");
      }
      if (path.startsWith(apiPrefix + "/actions/artifacts/3/zip")) return {200, {}, QByteArray(4096, 'z')};
      if (path.startsWith("/rate_limit")) {
        return ScriptedResponse::json(403, R"({"message":"You have exceeded a secondary rate limit"})",
                                      {{"Retry-After", "3600"}});
      }
      return ScriptedResponse::json(404, R"({"message":"Not Found"})");
    });

    QtTransport transport({.transferTimeout = std::chrono::milliseconds(300), .maxResponseBytes = 1024});
    QtScheduler scheduler;
    GitHubClientConfig config;
    config.apiBase = api.stdUrl({});
    config.repo = {"octo", "desk"};
    config.token = kMarker;
    config.maxRetries = 1;
    config.retryBaseDelay = std::chrono::milliseconds(5);
    GitHubClient client(transport, scheduler, config);

    const std::vector<ErrorCase> cases = {
        {"401", [](GitHubClient& c, ErrorSink s) { c.getRepository(sinkFor<Repository>(s)); }},
        {"403",
         [](GitHubClient& c, ErrorSink s) {
           c.listVariables(ConfigLevel::Environment, "production", sinkFor<std::vector<Variable>>(s));
         }},
        {"404", [](GitHubClient& c, ErrorSink s) { c.getEnvironment("missing", sinkFor<GitHubEnvironment>(s)); }},
        {"422",
         [](GitHubClient& c, ErrorSink s) {
           c.dispatchWorkflow({"production-stage.yml", "main", {{"x", "y"}}, false}, sinkFor<DispatchResult>(s));
         }},
        {"500", [](GitHubClient& c, ErrorSink s) { c.getRun(7, sinkFor<WorkflowRun>(s)); }},
        {"timeout", [](GitHubClient& c, ErrorSink s) { c.listJobs(7, sinkFor<std::vector<Job>>(s)); }},
        {"malformed JSON", [](GitHubClient& c, ErrorSink s) { c.getCommit("main", sinkFor<Commit>(s)); }},
        {"malformed content",
         [](GitHubClient& c, ErrorSink s) { c.getFileContents("README.md", "", sinkFor<FileContents>(s)); }},
        {"next page on another host",
         [](GitHubClient& c, ErrorSink s) { c.listArtifacts(7, sinkFor<std::vector<Artifact>>(s)); }},
        {"redirect to another host",
         [](GitHubClient& c, ErrorSink s) { c.downloadArtifact(1, sinkFor<std::string>(s)); }},
        {"redirect to plain http",
         [](GitHubClient& c, ErrorSink s) { c.downloadArtifact(2, sinkFor<std::string>(s)); }},
        {"too large", [](GitHubClient& c, ErrorSink s) { c.downloadArtifact(3, sinkFor<std::string>(s)); }},
        {"secondary rate limit", [](GitHubClient& c, ErrorSink s) { c.getRateLimit(sinkFor<RateLimit>(s)); }},
    };

    QStringList texts;  // everything a user or a log could see
    const auto collect = [&](const char* name, const std::optional<GitHubError>& error) {
      QVERIFY2(error.has_value(), name);
      for (const std::string& text : {error->message, error->gitHubMessage, error->missingPermission}) {
        texts << QString::fromStdString(text);
      }
      qDebug("%s: %s", name, error->message.c_str());  // as a careless caller would log it
    };
    for (const ErrorCase& errorCase : cases) {
      std::optional<std::optional<GitHubError>> outcome;
      errorCase.run(client, [&](std::optional<GitHubError> error) { outcome = std::move(error); });
      QTRY_VERIFY2_WITH_TIMEOUT(outcome.has_value(), errorCase.name, 10000);
      collect(errorCase.name, *outcome);
    }

    // No connection at all: a client whose API port is closed.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    GitHubClientConfig unreachable = config;
    unreachable.apiBase = "http://127.0.0.1:" + std::to_string(closed.serverPort());
    closed.close();
    GitHubClient offline(transport, scheduler, unreachable);
    std::optional<std::optional<GitHubError>> outcome;
    offline.getRepository(sinkFor<Repository>([&](std::optional<GitHubError> error) { outcome = std::move(error); }));
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 10000);
    collect("connection refused", *outcome);

    // The transport's own failure details, straight.
    for (const char* path : {"/repos/octo/desk/actions/runs/7/jobs", "/repos/octo/desk/actions/artifacts/2/zip",
                             "/repos/octo/desk/actions/artifacts/3/zip"}) {
      std::optional<TransportReply> reply;
      transport.send({"GET", api.stdUrl(QString::fromUtf8(path)), {{"Authorization", "Bearer " + kMarker}}, {}},
                     [&](TransportReply r) { reply = std::move(r); });
      QTRY_VERIFY_WITH_TIMEOUT(reply.has_value(), 10000);
      QVERIFY(reply->failure != TransportFailure::None);
      texts << QString::fromStdString(reply->failureDetail);
    }

    // The search can fail: the token did travel, to the API origin, and the log was captured.
    const QString marker = QString::fromStdString(kMarker);
    bool sentToApi = false;
    for (const RecordedRequest& request : api.requests()) {
      sentToApi = sentToApi || request.header("Authorization") == "Bearer " + QByteArray::fromStdString(kMarker);
    }
    QVERIFY(sentToApi);
    QVERIFY(capturedLog().join(QLatin1Char('\n')).contains(QStringLiteral("401: GitHub did not accept the token")));
    QVERIFY(!storage.requests().isEmpty());

    QVERIFY2(!storage.receivedBytes().contains(QByteArray::fromStdString(kMarker)),
             "the token followed a redirect or a next-page link to another host");
    for (const QString& text : texts) QVERIFY2(!text.contains(marker), qPrintable(text));
    for (const QString& line : capturedLog()) QVERIFY2(!line.contains(marker), qPrintable(line));
  }
};

QTEST_GUILESS_MAIN(TestTokenLeak)
#include "qt_transport_token_leak_test.moc"
