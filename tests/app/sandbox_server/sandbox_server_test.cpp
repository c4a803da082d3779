// SandboxServer in-process: its injected clock, HTTP/1.1 details the Qt client never exercises
// (HEAD, 100-continue, the absolute form, bare line feeds), isolation between connections, and a
// clean teardown with answers still pending.
#include "app/sandbox_server/sandbox_server.h"
#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_transport.h"
#include "app/sandbox_server/http1_codec.h"
#include "core/github/github_client.h"

#include "core/sandbox/sandbox_repository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

using namespace releasedesk;
using namespace std::chrono_literals;

namespace {

constexpr int kWaitMs = 10000;

TimePoint nowSeconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// A client connection driven from the test's event loop, which the server shares.
class RawClient {
 public:
  explicit RawClient(quint16 port) { socket_.connectToHost(QStringLiteral("127.0.0.1"), port); }

  bool connected() {
    return QTest::qWaitFor([this] { return socket_.state() == QAbstractSocket::ConnectedState; }, kWaitMs);
  }
  void send(const QByteArray& bytes) { socket_.write(bytes); }

  // Waits until what arrived holds `needle` (or the time is up) and returns all of it so far.
  QByteArray readUntil(const QByteArray& needle, int timeoutMs = kWaitMs) {
    // The caller checks what arrived; a timeout shows as a missing needle.
    (void)QTest::qWaitFor(
        [&] {
          received_ += socket_.readAll();
          return received_.contains(needle);
        },
        timeoutMs);
    return received_;
  }
  // Waits for `count` complete answers (a status line each).
  QByteArray readAnswers(int count) {
    (void)QTest::qWaitFor(
        [&] {
          received_ += socket_.readAll();
          return received_.count("HTTP/1.1 ") >= count && received_.endsWith("}");
        },
        kWaitMs);
    return received_;
  }
  bool closedByServer() {
    return QTest::qWaitFor([this] { return socket_.state() == QAbstractSocket::UnconnectedState; }, kWaitMs);
  }

 private:
  QTcpSocket socket_;
  QByteArray received_;
};

template <typename T>
std::optional<Result<T>> await(const std::function<void(ResultCallback<T>)>& start) {
  auto outcome = std::make_shared<std::optional<Result<T>>>();
  start([outcome](Result<T> result) { outcome->emplace(std::move(result)); });
  (void)QTest::qWaitFor([&] { return outcome->has_value(); }, kWaitMs);  // empty on timeout
  return *outcome;
}

QByteArray hostHeader(quint16 port) {
  return "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
}

}  // namespace

class TestSandboxServer : public QObject {
  Q_OBJECT

  TimePoint clock_;
  std::unique_ptr<SandboxRepository> repository_;
  std::unique_ptr<SandboxServer> server_;

 private slots:
  void init() {
    clock_ = nowSeconds();
    repository_ = std::make_unique<SandboxRepository>(clock_);
    server_ = std::make_unique<SandboxServer>(*repository_);
    server_->setClock([this] { return clock_; });
    QVERIFY(server_->listen());
    QCOMPARE(server_->url(), QStringLiteral("http://127.0.0.1:%1").arg(server_->port()));
  }

  void cleanup() {
    server_.reset();
    repository_.reset();
  }

  // A dispatched run moves along only as the server's clock does.
  void theInjectedClockDrivesTheRepository() {
    QtScheduler scheduler;
    QtTransport transport;
    GitHubClientConfig config;
    config.apiBase = server_->url().toStdString();
    config.repo = {"contoso", "shop"};
    config.token = "dummy";
    GitHubClient client(transport, scheduler, config);
    const auto runs = await<std::vector<WorkflowRun>>(
        [&](auto done) { client.listWorkflowRuns("production-stage.yml", RunFilter{}, std::move(done)); });
    QVERIFY(runs && runs->ok() && !runs->value().empty());

    DispatchRequest dispatch;
    dispatch.workflowFile = "production-stage.yml";
    dispatch.ref = "main";
    dispatch.inputs = {{"candidate_sha", runs->value().front().headSha}};
    const auto started = await<DispatchResult>([&](auto done) { client.dispatchWorkflow(dispatch, std::move(done)); });
    QVERIFY(started && started->ok() && started->value().workflowRunId);
    const std::int64_t id = *started->value().workflowRunId;

    const auto fresh = await<WorkflowRun>([&](auto done) { client.getRun(id, std::move(done)); });
    QVERIFY(fresh && fresh->ok());
    QVERIFY2(fresh->value().status != "completed", fresh->value().status.c_str());

    clock_ += std::chrono::hours(6);
    const auto later = await<WorkflowRun>([&](auto done) { client.getRun(id, std::move(done)); });
    QVERIFY(later && later->ok());
    QCOMPARE(later->value().status, std::string("completed"));
  }

  void theDateHeaderFollowsTheClock() {
    clock_ = TimePoint(std::chrono::seconds(1767225600));  // 2026-01-01T00:00:00Z
    RawClient client(server_->port());
    QVERIFY(client.connected());
    client.send("GET /rate_limit HTTP/1.1\r\n" + hostHeader(server_->port()) + "\r\n");
    QVERIFY(client.readUntil("\r\n\r\n").contains("Date: Thu, 01 Jan 2026 00:00:00 GMT\r\n"));
  }

  // HEAD: the GET's headers and length, no body; the next answer on the connection is intact.
  void headHasTheLengthButNoBody() {
    RawClient client(server_->port());
    QVERIFY(client.connected());
    client.send("HEAD /repos/contoso/shop HTTP/1.1\r\n" + hostHeader(server_->port()) +
                "\r\nGET /rate_limit HTTP/1.1\r\n" + hostHeader(server_->port()) + "\r\n");
    const QByteArray answers = client.readAnswers(2);
    const qsizetype second = answers.indexOf("HTTP/1.1 ", 1);
    QVERIFY(second > 0);
    const QByteArray head = answers.left(second);
    QVERIFY2(head.startsWith("HTTP/1.1 200 OK\r\n"), head.constData());
    QVERIFY(head.endsWith("\r\n\r\n"));  // nothing after the header
    QVERIFY(!head.contains("Content-Length: 0\r\n") && head.contains("Content-Length: "));
    QVERIFY(answers.mid(second).startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(answers.contains("\"resources\""));
  }

  void expectContinueGetsA100First() {
    RawClient client(server_->port());
    QVERIFY(client.connected());
    const QByteArray body = R"({"ref": "main", "inputs": {"candidate_sha": "nope"}})";
    client.send("POST /repos/contoso/shop/actions/workflows/production-stage.yml/dispatches HTTP/1.1\r\n" +
                hostHeader(server_->port()) + "Content-Type: application/json\r\nExpect: 100-continue\r\n" +
                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n");
    QVERIFY(client.readUntil("\r\n\r\n").startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    client.send(body);
    const QByteArray answer = client.readUntil("candidate_sha");
    QVERIFY2(answer.contains("HTTP/1.1 422 "), answer.constData());
  }

  // The absolute form names the host itself, and the Link header follows it.
  void absoluteFormTargetAndBareLineFeeds() {
    RawClient client(server_->port());
    QVERIFY(client.connected());
    const QByteArray authority = "localhost:" + QByteArray::number(server_->port());
    client.send("GET http://" + authority +
                "/repos/contoso/shop/environments/production/variables?per_page=5 HTTP/1.1\nHost: elsewhere\n\n");
    const QByteArray answer = client.readUntil("\"variables\"");
    QVERIFY2(answer.contains("link: <http://" + authority +
                             "/repos/contoso/shop/environments/production/variables?per_page=5&page=2>"),
             answer.constData());
    const QJsonArray log = server_->requestLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].toObject().value(QStringLiteral("host")).toString(), QString::fromLatin1(authority));
    QCOMPARE(log[0].toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("/repos/contoso/shop/environments/production/variables?per_page=5"));
  }

  // A hanging answer holds its own connection only.
  void aHangBlocksOnlyItsConnection() {
    SandboxFault hang;
    hang.path = "/repos/contoso/shop/actions/variables";
    hang.action = SandboxFault::Action::Hang;
    server_->addFaults({hang});
    QCOMPARE(server_->activeFaults(), 1);
    RawClient stuck(server_->port());
    QVERIFY(stuck.connected());
    stuck.send("GET /repos/contoso/shop/actions/variables HTTP/1.1\r\n" + hostHeader(server_->port()) + "\r\n");
    QVERIFY(stuck.readUntil("HTTP/1.1", 300).isEmpty());
    QCOMPARE(server_->activeFaults(), 0);  // worn out after one use

    RawClient other(server_->port());
    QVERIFY(other.connected());
    other.send("GET /repos/contoso/shop/actions/variables HTTP/1.1\r\n" + hostHeader(server_->port()) + "\r\n");
    QVERIFY(other.readUntil("\"variables\"").startsWith("HTTP/1.1 200 OK"));
    const QJsonArray log = server_->requestLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].toObject().value(QStringLiteral("status")).toInt(), 0);  // never answered
    QCOMPARE(log[0].toObject().value(QStringLiteral("fault")).toBool(), true);
    server_->clearRequestLog();
    QVERIFY(server_->requestLog().isEmpty());
  }

  // Destroying the server with a delayed answer due must neither crash nor answer.
  void teardownWithAnAnswerPending() {
    SandboxFault delay;
    delay.path = "/";
    delay.action = SandboxFault::Action::Delay;
    delay.delayMs = 200;
    server_->addFaults({delay});
    RawClient client(server_->port());
    QVERIFY(client.connected());
    client.send("GET /rate_limit HTTP/1.1\r\n" + hostHeader(server_->port()) + "\r\n");
    QTest::qWait(50);
    server_.reset();
    QTest::qWait(300);
    QVERIFY(client.closedByServer());
    QVERIFY(client.readUntil("HTTP/1.1", 50).isEmpty());
  }

  void emptyLinesBeforeARequestCountTowardTheHeaderCap() {
    // Leading CRs were skipped without counting: a client sending only CR grew the buffer forever.
    const auto result = releasedesk::http1::parseRequest(QByteArray(releasedesk::http1::kMaxHeaderBytes + 1, '\r'));
    QCOMPARE(result.outcome, releasedesk::http1::ParseOutcome::Malformed);
    QCOMPARE(result.errorStatus, 431);
    const auto small = releasedesk::http1::parseRequest(QByteArray(100, '\r') + "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(small.outcome, releasedesk::http1::ParseOutcome::Complete);
  }

  // The faults file is outside input: a valid rule followed by a NUL and junk, or by a second
  // document, is not JSON, and the error says what follows.
  void aFaultsFileWithTrailingDataIsNotJson() {
    const QByteArray rule = R"({"path":"/repos/contoso/shop","status":503})";
    QString error;
    QVERIFY2(releasedesk::parseSandboxFaults(rule, error), qPrintable(error));
    for (const QByteArray& trailing : {QByteArray("\0junk", 5), QByteArray("{}")}) {
      error.clear();
      QVERIFY(!releasedesk::parseSandboxFaults(rule + trailing, error));
      QCOMPARE(error, QStringLiteral("not valid JSON: something follows the end of the document"));
    }
  }

  void aTakenPortIsReported() {
    SandboxServer second(*repository_);
    QVERIFY(!second.listen(server_->port()));
    QVERIFY(second.addressInUse());
    QVERIFY(!second.errorString().isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "sandbox_server_test.moc"
