// Integration: the real `releasedesk-cli sandbox serve` process on loopback, driven by the GitHub
// client over Qt Network (QtTransport + QtScheduler), with faults programmed through the server's
// control endpoints; plus the console's doctor as a real process, and the server's HTTP framing.
#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_transport.h"
#include "core/github/batched_reads.h"
#include "core/github/github_client.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <csignal>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif
#include <functional>
#include <memory>
#include <optional>

using namespace releasedesk;
using namespace std::chrono_literals;

namespace {

const QString kCli = QStringLiteral(RELEASEDESK_CLI_PATH);
const QString kListeningPrefix = QStringLiteral("ReleaseDesk sandbox listening on ");
// A dummy token with a recognisable value, to prove that it never comes back from the server.
constexpr const char* kToken = "dummy-token-7c1e9a";
constexpr int kWaitMs = 15000;

const QString kRepoPath = QStringLiteral("/repos/contoso/shop");
const QString kProductionVariables = kRepoPath + QStringLiteral("/environments/production/variables");

// One `sandbox serve` process on a free port; always stopped when the object goes.
class SandboxProcess {
 public:
  SandboxProcess() = default;
  ~SandboxProcess() { stop(); }
  SandboxProcess(const SandboxProcess&) = delete;
  SandboxProcess& operator=(const SandboxProcess&) = delete;

  // Starts the server and reads its URL from the first line. Empty when it runs, else why not.
  QString start(const QStringList& extraArguments = {}) {
    process_.setProgram(kCli);
#ifdef Q_OS_LINUX
    // Should this test crash or be killed by ctest's timeout, the server goes with it.
    process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
    process_.setArguments(
        QStringList{QStringLiteral("sandbox"), QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")} +
        extraArguments);
    process_.start();
    if (!process_.waitForStarted(kWaitMs)) return QStringLiteral("did not start: ") + process_.errorString();
    QElapsedTimer waited;
    waited.start();
    while (!process_.canReadLine() && waited.elapsed() < kWaitMs) {
      if (process_.state() == QProcess::NotRunning) {
        return QStringLiteral("exited early: ") + QString::fromUtf8(process_.readAllStandardError());
      }
      process_.waitForReadyRead(200);
    }
    if (!process_.canReadLine()) return QStringLiteral("printed no line within 15 s");
    firstLine_ = QString::fromUtf8(process_.readLine()).chopped(1);
    if (!firstLine_.startsWith(kListeningPrefix)) return QStringLiteral("unexpected first line: ") + firstLine_;
    url_ = firstLine_.mid(kListeningPrefix.size());
    port_ = QUrl(url_).port();
    return port_ > 0 ? QString() : QStringLiteral("no port in ") + url_;
  }

  // SIGTERM first, for a clean exit; SIGKILL when that does not end it.
  void stop() {
    if (process_.state() == QProcess::NotRunning) return;
    process_.terminate();
    if (!process_.waitForFinished(5000)) {
      process_.kill();
      process_.waitForFinished(5000);
    }
  }

  QProcess& process() {
    return process_;
  }
  const QString& firstLine() const {
    return firstLine_;
  }
  // "http://127.0.0.1:<port>"
  const QString& url() const {
    return url_;
  }
  int port() const {
    return port_;
  }
  // The same server under another host name.
  QString urlFor(const QString& host) const {
    return QStringLiteral("http://%1:%2").arg(host).arg(port_);
  }

 private:
  QProcess process_;
  QString firstLine_;
  QString url_;
  int port_ = -1;
};

struct ControlReply {
  int status = 0;
  QByteArray body;
  QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Plain requests to the server, for its control endpoints.
ControlReply httpRequest(QNetworkAccessManager& network, const QString& url, const QByteArray& method,
                         const QByteArray& body = {}) {
  QNetworkRequest request{QUrl(url)};
  request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
  QNetworkReply* reply = network.sendCustomRequest(request, method, body);
  QEventLoop loop;
  QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
  QTimer::singleShot(kWaitMs, &loop, &QEventLoop::quit);
  if (!reply->isFinished()) loop.exec();
  ControlReply result;
  result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  result.body = reply->readAll();
  reply->deleteLater();
  return result;
}

// A client against the server, with short retry delays so retries do not slow the suite.
struct ClientRig {
  explicit ClientRig(const QString& apiBase, QtTransportOptions options = {},
                     const std::function<void(GitHubClientConfig&)>& tune = {})
      : transport(options) {
    GitHubClientConfig config;
    config.apiBase = apiBase.toStdString();
    config.repo = {"contoso", "shop"};
    config.token = kToken;
    config.retryBaseDelay = 50ms;
    if (tune) tune(config);
    client = std::make_unique<GitHubClient>(transport, scheduler, std::move(config));
  }

  QtScheduler scheduler;
  QtTransport transport;
  std::unique_ptr<GitHubClient> client;
};

// Starts an operation and runs the event loop until its callback ran (or 15 s passed).
template <typename T>
std::optional<Result<T>> await(const std::function<void(ResultCallback<T>)>& start) {
  auto outcome = std::make_shared<std::optional<Result<T>>>();
  QEventLoop loop;
  QPointer<QEventLoop> guard(&loop);
  start([outcome, guard](Result<T> result) {
    outcome->emplace(std::move(result));
    if (guard) guard->quit();
  });
  QTimer::singleShot(kWaitMs, &loop, &QEventLoop::quit);
  if (!outcome->has_value()) loop.exec();
  return *outcome;
}

// Why a result is not the expected error; empty when it is.
template <typename T>
QString errorMismatch(const std::optional<Result<T>>& result, GitHubErrorKind kind, const std::string& phrase) {
  if (!result) return QStringLiteral("no answer within 15 s");
  if (result->ok()) return QStringLiteral("succeeded, expected ") + QString::fromStdString(std::string(toString(kind)));
  const GitHubError& error = result->error();
  if (error.kind != kind) {
    return QStringLiteral("kind %1, expected %2; message: %3")
        .arg(QString::fromStdString(std::string(toString(error.kind))),
             QString::fromStdString(std::string(toString(kind))), QString::fromStdString(error.message));
  }
  if (error.message.find(phrase) == std::string::npos) {
    return QStringLiteral("message lacks \"%1\": %2")
        .arg(QString::fromStdString(phrase), QString::fromStdString(error.message));
  }
  return {};
}

template <typename T>
QString failureOf(const std::optional<Result<T>>& result) {
  if (!result) return QStringLiteral("no answer within 15 s");
  return result->ok() ? QString() : QString::fromStdString(result->error().message);
}

struct CliRun {
  int exitCode = -1;
  QString out;
  QString err;
};

// The console as a real process, with a clean token environment and GH_TOKEN set.
CliRun runCli(const QStringList& arguments, const QString& token = QString::fromLatin1(kToken)) {
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  for (const char* name : {"GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN",
                           "GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"}) {
    environment.remove(QString::fromLatin1(name));
  }
  if (!token.isEmpty()) environment.insert(QStringLiteral("GH_TOKEN"), token);
  QProcess process;
  process.setProcessEnvironment(environment);
  process.start(kCli, arguments);
  CliRun run;
  if (!process.waitForFinished(60000)) {
    process.kill();
    process.waitForFinished();
    return run;
  }
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  run.out = QString::fromUtf8(process.readAllStandardOutput());
  run.err = QString::fromUtf8(process.readAllStandardError());
  return run;
}

// Sends raw bytes on a new connection and reads until the server closes it or goes quiet.
QByteArray rawExchange(int port, const QByteArray& bytes, bool* closedByServer = nullptr, int quietMs = 1500) {
  QTcpSocket socket;
  socket.connectToHost(QStringLiteral("127.0.0.1"), static_cast<quint16>(port));
  if (!socket.waitForConnected(kWaitMs)) return {};
  socket.write(bytes);
  QByteArray received;
  bool closed = false;
  while (true) {
    if (!socket.waitForReadyRead(quietMs)) {
      closed = socket.state() != QAbstractSocket::ConnectedState;
      break;
    }
    received += socket.readAll();
  }
  received += socket.readAll();
  if (closedByServer) *closedByServer = closed;
  return received;
}

}  // namespace

class TestSandboxIntegration : public QObject {
  Q_OBJECT

 public:
  ~TestSandboxIntegration() override { server_.stop(); }

 private:
  QString url(const QString& path = {}) const { return server_.url() + path; }

  ControlReply control(const QByteArray& method, const QString& path, const QByteArray& body = {}) {
    return httpRequest(network_, url(path), method, body);
  }

  // Programs one rule; fails the test when the server refuses it.
  bool addFault(const QJsonObject& rule) {
    const ControlReply reply = control("POST", QStringLiteral("/_sandbox/faults"), QJsonDocument(rule).toJson());
    if (reply.status != 201) qWarning("fault refused (%d): %s", reply.status, reply.body.constData());
    return reply.status == 201;
  }

  QJsonArray requestLog() {
    return control("GET", QStringLiteral("/_sandbox/requests")).json().value(QStringLiteral("requests")).toArray();
  }

  // A completed acceptance run and its evidence artifact, found through the API.
  std::optional<Artifact> someArtifact(GitHubClient& client) {
    const auto runs = await<std::vector<WorkflowRun>>(
        [&](auto done) { client.listWorkflowRuns("acceptance-stage.yml", RunFilter{}, std::move(done)); });
    if (!runs || !runs->ok()) return std::nullopt;
    for (const WorkflowRun& run : runs->value()) {
      if (run.conclusion != "success") continue;
      const auto artifacts =
          await<std::vector<Artifact>>([&](auto done) { client.listArtifacts(run.id, std::move(done)); });
      if (artifacts && artifacts->ok() && !artifacts->value().empty()) return artifacts->value().front();
    }
    return std::nullopt;
  }

  SandboxProcess server_;
  QNetworkAccessManager network_;

 private slots:
  void initTestCase() {
    QVERIFY2(QFileInfo::exists(kCli), qPrintable(kCli));
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
  }

  void init() {
    // Every test starts without faults and with an empty log.
    QCOMPARE(control("DELETE", QStringLiteral("/_sandbox/faults")).status, 200);
    QCOMPARE(control("DELETE", QStringLiteral("/_sandbox/requests")).status, 200);
  }

  void cleanupTestCase() { server_.stop(); }

  // ---- start-up --------------------------------------------------------------------------

  void firstLineNamesTheUrlAndAHintFollows() {
    QVERIFY(QRegularExpression(QStringLiteral("^ReleaseDesk sandbox listening on http://127\\.0\\.0\\.1:\\d+$"))
                .match(server_.firstLine())
                .hasMatch());
    QProcess& process = server_.process();
    QString rest;
    QElapsedTimer waited;
    waited.start();
    while (!rest.contains(QStringLiteral("Ctrl+C")) && waited.elapsed() < kWaitMs) {
      process.waitForReadyRead(100);
      rest += QString::fromUtf8(process.readAllStandardOutput());
    }
    const QString hint = rest.section(QLatin1Char('\n'), 0, 0);
    QCOMPARE(hint, QStringLiteral("Try: GH_TOKEN=anything releasedesk-cli doctor --api-url ") + server_.url() +
                       QStringLiteral(" --repo contoso/shop"));
  }

  // ---- typed errors, each from a fault ------------------------------------------------------

  void unauthorized() {
    QVERIFY(addFault(
        {{QStringLiteral("path"), kProductionVariables},
         {QStringLiteral("status"), 401},
         {QStringLiteral("body"), QJsonObject{{QStringLiteral("message"), QStringLiteral("Bad credentials")}}}}));
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch = errorMismatch(result, GitHubErrorKind::Unauthorized, "did not accept the token (401)");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QCOMPARE(result->error().gitHubMessage, std::string("Bad credentials"));
  }

  void forbiddenNamesThePermission() {
    QVERIFY(addFault(
        {{QStringLiteral("path"), kProductionVariables},
         {QStringLiteral("status"), 403},
         {QStringLiteral("headers"),
          QJsonObject{{QStringLiteral("X-Accepted-GitHub-Permissions"), QStringLiteral("variables=read")}}},
         {QStringLiteral("body"),
          QJsonObject{{QStringLiteral("message"), QStringLiteral("Resource not accessible by integration")}}}}));
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch =
        errorMismatch(result, GitHubErrorKind::Forbidden, "it needs the permission variables=read");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QCOMPARE(result->error().missingPermission, std::string("variables=read"));
  }

  // The sandbox's organization secrets are unreadable to a repository token, as on GitHub.
  void forbiddenFromTheSandboxItself() {
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Secret>>(
        [&](auto done) { rig.client->listSecrets(ConfigLevel::Organization, "", std::move(done)); });
    const QString mismatch = errorMismatch(result, GitHubErrorKind::Forbidden, "it needs the permission secrets=read");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  void rateLimitedUntilReset() {
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 15 * 60;
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables},
                      {QStringLiteral("status"), 403},
                      {QStringLiteral("headers"), QJsonObject{{QStringLiteral("x-ratelimit-limit"), 5000},
                                                              {QStringLiteral("x-ratelimit-remaining"), 0},
                                                              {QStringLiteral("x-ratelimit-used"), 5000},
                                                              {QStringLiteral("x-ratelimit-reset"), reset}}},
                      {QStringLiteral("body"), QJsonObject{{QStringLiteral("message"),
                                                            QStringLiteral("API rate limit exceeded for user.")}}}}));
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch =
        errorMismatch(result, GitHubErrorKind::RateLimited, "rate limit for this token is used up; it resets at ");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QVERIFY(result->error().resetAt.has_value());
    QCOMPARE(std::chrono::duration_cast<std::chrono::seconds>(result->error().resetAt->time_since_epoch()).count(),
             reset);
    QVERIFY(rig.client->lastRateLimit().has_value());
    QCOMPARE(rig.client->lastRateLimit()->remaining, 0);
    QCOMPARE(rig.client->counters().retries, 0);  // a primary limit is never retried
  }

  void secondaryRateLimitWithoutRetries() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables},
                      {QStringLiteral("status"), 429},
                      {QStringLiteral("headers"), QJsonObject{{QStringLiteral("retry-after"), 30}}}}));
    ClientRig rig(server_.url(), {}, [](GitHubClientConfig& config) { config.maxRetries = 0; });
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch = errorMismatch(result, GitHubErrorKind::SecondaryRateLimited, "Wait 30 s");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QVERIFY(result->error().retryAfter.has_value());
    QCOMPARE(result->error().retryAfter->count(), 30);
  }

  void secondaryRateLimitRetriedAfterItsWait() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables},
                      {QStringLiteral("status"), 429},
                      {QStringLiteral("times"), 1},
                      {QStringLiteral("headers"), QJsonObject{{QStringLiteral("retry-after"), QStringLiteral("1")}}}}));
    ClientRig rig(server_.url());
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    QVERIFY2(result && result->ok(), qPrintable(failureOf(result)));
    QCOMPARE(result->value().size(), std::size_t(12));
    QCOMPARE(rig.client->counters().retries, 1);
    QCOMPARE(rig.client->counters().requests, 2);
    QVERIFY2(elapsed.elapsed() >= 900, "the retry must wait for retry-after (1 s), not the 50 ms backoff");
  }

  void unknownEnvironmentIsNotFound() {
    ClientRig rig(server_.url());
    const auto result =
        await<GitHubEnvironment>([&](auto done) { rig.client->getEnvironment("staging", std::move(done)); });
    const QString mismatch =
        errorMismatch(result, GitHubErrorKind::NotFound, "Not found (404): the environment 'staging'");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    // No fault was involved: the sandbox itself knows only 'production'.
    const QJsonArray log = requestLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].toObject().value(QStringLiteral("fault")).toBool(), false);
    QCOMPARE(log[0].toObject().value(QStringLiteral("status")).toInt(), 404);
  }

  void serverErrorRetriedThenSuccess() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables},
                      {QStringLiteral("status"), 500},
                      {QStringLiteral("times"), 1}}));
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    QVERIFY2(result && result->ok(), qPrintable(failureOf(result)));
    QCOMPARE(result->value().size(), std::size_t(12));
    QCOMPARE(rig.client->counters().retries, 1);
    QCOMPARE(rig.client->counters().requests, 2);
    const QJsonArray log = requestLog();
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[0].toObject().value(QStringLiteral("status")).toInt(), 500);
    QCOMPARE(log[1].toObject().value(QStringLiteral("status")).toInt(), 200);
  }

  void hangingServerTimesOut() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables}, {QStringLiteral("hang"), true}}));
    QtTransportOptions options;
    options.transferTimeout = 500ms;
    ClientRig rig(server_.url(), options, [](GitHubClientConfig& config) { config.maxRetries = 0; });
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch = errorMismatch(result, GitHubErrorKind::Timeout, "did not answer in time");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
    QVERIFY(elapsed.elapsed() >= 450);
    QVERIFY(elapsed.elapsed() < 10000);
  }

  void delayedAnswerStillArrives() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables}, {QStringLiteral("delayMs"), 300}}));
    ClientRig rig(server_.url());
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    QVERIFY2(result && result->ok(), qPrintable(failureOf(result)));
    QVERIFY(elapsed.elapsed() >= 280);
  }

  void truncatedJsonIsInvalid() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables}, {QStringLiteral("truncate"), true}}));
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch = errorMismatch(result, GitHubErrorKind::InvalidResponse, "malformed or cut off");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  void bodyOverTheCapIsRefused() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables}, {QStringLiteral("padBytes"), 100000}}));
    QtTransportOptions options;
    options.maxResponseBytes = 4096;
    ClientRig rig(server_.url(), options);
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch =
        errorMismatch(result, GitHubErrorKind::InvalidResponse, "larger than the size limit (4 KiB)");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  void paddedBodyUnderTheCapIsStillRead() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables}, {QStringLiteral("padBytes"), 100000}}));
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    QVERIFY2(result && result->ok(), qPrintable(failureOf(result)));
    QCOMPARE(result->value().size(), std::size_t(12));
  }

  void malformedLinkHeaderIsInvalid() {
    QVERIFY(addFault({{QStringLiteral("path"), kProductionVariables},
                      {QStringLiteral("link"), QStringLiteral("http://127.0.0.1/next; rel=next")}}));
    ClientRig rig(server_.url());
    const auto result = await<std::vector<Variable>>(
        [&](auto done) { rig.client->listVariables(ConfigLevel::Environment, "production", std::move(done)); });
    const QString mismatch = errorMismatch(result, GitHubErrorKind::InvalidResponse, "pagination header (Link)");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  // GitHub sends artifact downloads to a storage host; the token must stay with the API host.
  void crossHostRedirectLeavesTheTokenBehind() {
    ClientRig rig(server_.url());
    const auto artifact = someArtifact(*rig.client);
    QVERIFY2(artifact.has_value(), "the sandbox has no acceptance artifact");
    const QString zipPath = kRepoPath + QStringLiteral("/actions/artifacts/%1/zip").arg(artifact->id);
    const QString storagePath = QStringLiteral("/_storage/artifacts/%1.zip").arg(artifact->id);
    QVERIFY(addFault({{QStringLiteral("path"), zipPath},
                      {QStringLiteral("redirectTo"), server_.urlFor(QStringLiteral("localhost")) + storagePath}}));
    QCOMPARE(control("DELETE", QStringLiteral("/_sandbox/requests")).status, 200);

    const auto zip =
        await<std::string>([&](auto done) { rig.client->downloadArtifact(artifact->id, std::move(done)); });
    QVERIFY2(zip && zip->ok(), qPrintable(failureOf(zip)));
    QVERIFY(zip->value().starts_with("PK\x03\x04"));
    QCOMPARE(static_cast<std::int64_t>(zip->value().size()), artifact->sizeInBytes);

    const QJsonArray log = requestLog();
    QCOMPARE(log.size(), 2);
    const QJsonObject api = log[0].toObject();
    const QJsonObject storage = log[1].toObject();
    QCOMPARE(api.value(QStringLiteral("path")).toString(), zipPath);
    QCOMPARE(api.value(QStringLiteral("host")).toString(), QStringLiteral("127.0.0.1:%1").arg(server_.port()));
    QCOMPARE(api.value(QStringLiteral("authorization")).toBool(), true);
    QCOMPARE(api.value(QStringLiteral("status")).toInt(), 302);
    QCOMPARE(storage.value(QStringLiteral("path")).toString(), storagePath);
    QCOMPARE(storage.value(QStringLiteral("host")).toString(), QStringLiteral("localhost:%1").arg(server_.port()));
    QCOMPARE(storage.value(QStringLiteral("authorization")).toBool(), false);
    QVERIFY(!storage.value(QStringLiteral("headers")).toArray().contains(QStringLiteral("Authorization")));
    QCOMPARE(storage.value(QStringLiteral("status")).toInt(), 200);
  }

  // ---- the real API paths --------------------------------------------------------------------

  // A fresh server, with enough dispatched runs that the client's per_page=100 needs two pages;
  // under "localhost", so the Link header must use the host the client addressed.
  void paginationReturnsEveryItem() {
    SandboxProcess fresh;
    const QString problem = fresh.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    ClientRig rig(fresh.urlFor(QStringLiteral("localhost")));
    const auto before = await<std::vector<WorkflowRun>>(
        [&](auto done) { rig.client->listWorkflowRuns("production-stage.yml", RunFilter{}, std::move(done)); });
    QVERIFY2(before && before->ok(), qPrintable(failureOf(before)));
    const int existing = static_cast<int>(before->value().size());
    QVERIFY(existing > 0 && existing < 100);
    const std::string candidate = before->value().front().headSha;

    const int dispatches = 100 - existing + 17;
    for (int i = 0; i < dispatches; ++i) {
      DispatchRequest dispatch;
      dispatch.workflowFile = "production-stage.yml";
      dispatch.ref = "main";
      dispatch.inputs = {{"candidate_sha", candidate}};
      const auto started =
          await<DispatchResult>([&](auto done) { rig.client->dispatchWorkflow(dispatch, std::move(done)); });
      QVERIFY2(started && started->ok(), qPrintable(failureOf(started)));
      QVERIFY(started->value().workflowRunId.has_value());
    }
    httpRequest(network_, fresh.url() + QStringLiteral("/_sandbox/requests"), "DELETE");

    const RequestCounters start = rig.client->counters();
    const auto all = await<std::vector<WorkflowRun>>(
        [&](auto done) { rig.client->listWorkflowRuns("production-stage.yml", RunFilter{}, std::move(done)); });
    QVERIFY2(all && all->ok(), qPrintable(failureOf(all)));
    QCOMPARE(static_cast<int>(all->value().size()), existing + dispatches);
    QSet<std::int64_t> ids;
    for (const WorkflowRun& run : all->value()) ids.insert(run.id);
    QCOMPARE(static_cast<int>(ids.size()), existing + dispatches);
    QCOMPARE((rig.client->counters() - start).requests, 2);

    const QJsonArray log = httpRequest(network_, fresh.url() + QStringLiteral("/_sandbox/requests"), "GET")
                               .json()
                               .value(QStringLiteral("requests"))
                               .toArray();
    QCOMPARE(log.size(), 2);
    const QString first = log[0].toObject().value(QStringLiteral("path")).toString();
    const QString second = log[1].toObject().value(QStringLiteral("path")).toString();
    QVERIFY2(first.contains(QStringLiteral("per_page=100")) && !first.contains(QStringLiteral("page=2")),
             qPrintable(first));
    QVERIFY2(second.contains(QStringLiteral("per_page=100")) && second.contains(QStringLiteral("page=2")),
             qPrintable(second));
    QCOMPARE(log[1].toObject().value(QStringLiteral("host")).toString(),
             QStringLiteral("localhost:%1").arg(fresh.port()));
  }

  // The second identical batch is all 304s: it costs no rate limit.
  void repeatedBatchCostsNoRateLimit() {
    ClientRig rig(server_.url());
    std::vector<std::size_t> firstCounts;
    const auto batch = [&](std::vector<std::size_t>& counts) -> QString {
      for (const ConfigLevel level : {ConfigLevel::Environment, ConfigLevel::Repository, ConfigLevel::Organization}) {
        const auto variables = await<std::vector<Variable>>(
            [&](auto done) { rig.client->listVariables(level, "production", std::move(done)); });
        if (!variables || !variables->ok()) return failureOf(variables);
        counts.push_back(variables->value().size());
      }
      const auto runs = await<std::vector<WorkflowRun>>(
          [&](auto done) { rig.client->listWorkflowRuns("production-stage.yml", RunFilter{}, std::move(done)); });
      if (!runs || !runs->ok()) return failureOf(runs);
      counts.push_back(runs->value().size());
      const auto deployments = await<std::vector<Deployment>>(
          [&](auto done) { rig.client->listDeployments("production", std::move(done)); });
      if (!deployments || !deployments->ok()) return failureOf(deployments);
      counts.push_back(deployments->value().size());
      return {};
    };
    QString problem = batch(firstCounts);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const RequestCounters afterFirst = rig.client->counters();
    QCOMPARE(afterFirst.requests, 5);
    QCOMPARE(afterFirst.rateLimitCost, 5);

    std::vector<std::size_t> secondCounts;
    problem = batch(secondCounts);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const RequestCounters second = rig.client->counters() - afterFirst;
    QCOMPARE(second.requests, 5);
    QCOMPARE(second.notModified, second.requests);
    QCOMPARE(second.rateLimitCost, 0);
    QCOMPARE(secondCounts, firstCounts);
  }

  // ---- GraphQL --------------------------------------------------------------------------------

  // Batched reads go to POST /graphql over real HTTP; a fault there (GraphQL's errors without
  // data, by path like any other) turns GraphQL off for that client, and the same reads go over
  // REST with the same answer.
  void batchedReadsUseGraphQLAndFallBackToRestOnAFault() {
    std::vector<RunJobsWanted> wanted;
    {
      ClientRig rig(server_.url());
      const auto runs = await<std::vector<WorkflowRun>>(
          [&](auto done) { rig.client->listWorkflowRuns("production-stage.yml", RunFilter{}, std::move(done)); });
      QVERIFY2(runs && runs->ok(), qPrintable(failureOf(runs)));
      for (const WorkflowRun& run : runs->value()) {
        // Completed first attempts: the jobs that go to GraphQL (a run still going is read over REST).
        if (wanted.size() < 5 && run.status == "completed" && run.runAttempt <= 1)
          wanted.push_back({run.id, run.nodeId, run.runAttempt, true});
      }
      QCOMPARE(wanted.size(), std::size_t(5));
    }
    const auto read = [&](GitHubClient& client) {
      return await<JobsAndStatuses>([&](auto done) {
        readJobsAndStatuses(client, wanted, {}, nullptr, [done](JobsAndStatuses result) { done(std::move(result)); });
      });
    };
    const auto jobNames = [](const JobsAndStatuses& read) {
      QStringList names;
      for (const auto& [runId, jobs] : read.jobs) {
        for (const Job& job : jobs)
          names << QStringLiteral("%1/%2 %3").arg(runId).arg(job.id).arg(QString::fromStdString(job.name));
      }
      return names;
    };

    QCOMPARE(control("DELETE", QStringLiteral("/_sandbox/requests")).status, 200);
    ClientRig overGraphQL(server_.url());
    const auto viaGraphQL = read(*overGraphQL.client);
    QVERIFY2(viaGraphQL && viaGraphQL->ok(), qPrintable(failureOf(viaGraphQL)));
    QVERIFY2(overGraphQL.client->graphqlEnabled(), overGraphQL.client->graphqlUnavailableReason().c_str());
    QCOMPARE(viaGraphQL->value().jobs.size(), std::size_t(5));
    QCOMPARE(overGraphQL.client->counters().requests, 1);
    QCOMPARE(overGraphQL.client->counters().graphqlRequests, 1);
    QVERIFY(overGraphQL.client->lastGraphQLRateLimit().has_value());
    QJsonArray log = requestLog();
    QCOMPARE(log.size(), 1);
    QCOMPARE(log[0].toObject().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(log[0].toObject().value(QStringLiteral("path")).toString(), QStringLiteral("/graphql"));

    QVERIFY(addFault(
        {{QStringLiteral("path"), QStringLiteral("/graphql")},
         {QStringLiteral("status"), 200},
         {QStringLiteral("body"), QJsonObject{{QStringLiteral("errors"),
                                               QJsonArray{QJsonObject{{QStringLiteral("message"),
                                                                       QStringLiteral("Something went wrong")}}}}}}}));
    QCOMPARE(control("DELETE", QStringLiteral("/_sandbox/requests")).status, 200);
    ClientRig overRest(server_.url());
    const auto viaRest = read(*overRest.client);
    QVERIFY2(viaRest && viaRest->ok(), qPrintable(failureOf(viaRest)));
    QVERIFY(!overRest.client->graphqlEnabled());
    QVERIFY2(overRest.client->graphqlUnavailableReason().find("Something went wrong") != std::string::npos,
             overRest.client->graphqlUnavailableReason().c_str());
    QCOMPARE(jobNames(viaRest->value()), jobNames(viaGraphQL->value()));
    log = requestLog();
    QCOMPARE(log.size(), 6);  // the refused POST, then one jobs list per run
    QCOMPARE(log[0].toObject().value(QStringLiteral("fault")).toBool(), true);
    for (int i = 1; i < log.size(); ++i) {
      QVERIFY(log[i].toObject().value(QStringLiteral("path")).toString().contains(QStringLiteral("/jobs")));
    }
  }

  // ---- the console's doctor as a real process ------------------------------------------------

  // The sandbox answers like a GITHUB_TOKEN that may not list the organization's secrets, so
  // env check marks those names unknown: the doctor says so, and only that.
  void doctorChecksWhatEnvCheckReadsAgainstTheSandbox() {
    const CliRun run = runCli({QStringLiteral("doctor"), QStringLiteral("--api-url"), server_.url(),
                               QStringLiteral("--repo"), QStringLiteral("contoso/shop")});
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    for (const char* check :
         {"token", "host reachable", "rate limit", "graphql rate limit", "repository visible",
          "permission: variables read", "permission: secrets read", "permission: repository variables read",
          "permission: repository secrets read", "permission: organization variables read", "permission: contents read",
          "permission: actions read", "permission: deployments read"}) {
      QVERIFY2(run.out.contains(QStringLiteral("[ok  ] ") + QString::fromLatin1(check)), qPrintable(run.out));
    }
    QVERIFY2(run.out.contains(QStringLiteral("[FAIL] permission: organization secrets read")), qPrintable(run.out));
    QCOMPARE(run.out.count(QStringLiteral("[FAIL]")), 1);
    QVERIFY2(run.out.contains(QRegularExpression(QStringLiteral("\\[ok  \\] graphql rate limit +GraphQL: [0-9,]+ of "
                                                                "5,000 points left, resets "))),
             qPrintable(run.out));
    QVERIFY(!run.out.contains(QString::fromLatin1(kToken)) && !run.err.contains(QString::fromLatin1(kToken)));
  }

  void doctorReportsARejectedToken() {
    QVERIFY(addFault({{QStringLiteral("path"), QStringLiteral("/")},
                      {QStringLiteral("status"), 401},
                      {QStringLiteral("times"), 0}}));
    const CliRun run = runCli({QStringLiteral("doctor"), QStringLiteral("--api-url"), server_.url(),
                               QStringLiteral("--repo"), QStringLiteral("contoso/shop")});
    QVERIFY2(run.exitCode == 1, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(QStringLiteral("GitHub did not accept the token (401)")), qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("[FAIL] token valid")));
  }

  void doctorRefusesPlainHttpToAnotherMachine() {
    const CliRun run =
        runCli({QStringLiteral("doctor"), QStringLiteral("--api-url"), QStringLiteral("http://example.com"),
                QStringLiteral("--repo"), QStringLiteral("contoso/shop")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("The API URL must use https")), qPrintable(run.err));
  }

  // ---- the control endpoints and the log -------------------------------------------------------

  void invalidRulesAreRefused_data() {
    QTest::addColumn<QByteArray>("rule");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("no action") << QByteArray(R"({"path": "/x"})") << QStringLiteral("exactly one action");
    QTest::newRow("two actions") << QByteArray(R"({"path": "/x", "status": 500, "hang": true})")
                                 << QStringLiteral("exactly one action");
    QTest::newRow("no path") << QByteArray(R"({"status": 500})") << QStringLiteral("\"path\" is required");
    QTest::newRow("typo") << QByteArray(R"({"path": "/x", "status": 500, "time": 2})")
                          << QStringLiteral("unknown key \"time\"");
    QTest::newRow("framing header") << QByteArray(
                                           R"({"path": "/x", "status": 500, "headers": {"Content-Length": "1"}})")
                                    << QStringLiteral("set by the server");
    QTest::newRow("not json") << QByteArray("{path") << QStringLiteral("not valid JSON");
    QTest::newRow("bad redirect") << QByteArray(R"({"path": "/x", "redirectTo": "/relative"})")
                                  << QStringLiteral("absolute http or https URL");
  }

  void invalidRulesAreRefused() {
    QFETCH(QByteArray, rule);
    QFETCH(QString, phrase);
    const ControlReply reply = control("POST", QStringLiteral("/_sandbox/faults"), rule);
    QCOMPARE(reply.status, 400);
    const QString message = reply.json().value(QStringLiteral("message")).toString();
    QVERIFY2(message.contains(phrase), qPrintable(message));
    QCOMPARE(control("GET", QStringLiteral("/_sandbox/faults")).json().value(QStringLiteral("faults")).toArray().size(),
             0);
  }

  void rulesWearOutAndMatchMethodAndQuery() {
    QVERIFY(addFault({{QStringLiteral("method"), QStringLiteral("GET")},
                      {QStringLiteral("path"), kProductionVariables},
                      {QStringLiteral("query"), QStringLiteral("page=2")},
                      {QStringLiteral("status"), 503},
                      {QStringLiteral("times"), 2}}));
    const QString variables = url(kProductionVariables);
    QCOMPARE(httpRequest(network_, variables + QStringLiteral("?per_page=5"), "GET").status, 200);
    QCOMPARE(httpRequest(network_, variables + QStringLiteral("?per_page=5&page=2"), "POST").status, 404);
    QCOMPARE(httpRequest(network_, variables + QStringLiteral("?per_page=5&page=2"), "GET").status, 503);
    QCOMPARE(control("GET", QStringLiteral("/_sandbox/faults"))
                 .json()
                 .value(QStringLiteral("faults"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("times"))
                 .toInt(),
             1);
    QCOMPARE(httpRequest(network_, variables + QStringLiteral("?per_page=5&page=2"), "GET").status, 503);
    QCOMPARE(httpRequest(network_, variables + QStringLiteral("?per_page=5&page=2"), "GET").status, 200);
    QCOMPARE(control("GET", QStringLiteral("/_sandbox/faults")).json().value(QStringLiteral("faults")).toArray().size(),
             0);
  }

  // The log keeps header names and whether a token came; never a header's value.
  void requestLogNeverHoldsHeaderValues() {
    ClientRig rig(server_.url());
    const auto result = await<Repository>([&](auto done) { rig.client->getRepository(std::move(done)); });
    QVERIFY2(result && result->ok(), qPrintable(failureOf(result)));
    const ControlReply log = control("GET", QStringLiteral("/_sandbox/requests"));
    QCOMPARE(log.status, 200);
    QVERIFY(!log.body.contains(kToken));
    QVERIFY(!log.body.contains("Bearer"));
    QVERIFY(!log.body.contains("application/vnd.github+json"));  // the Accept value
    const QJsonObject entry = log.json().value(QStringLiteral("requests")).toArray().at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
    QCOMPARE(entry.value(QStringLiteral("path")).toString(), kRepoPath);
    QCOMPARE(entry.value(QStringLiteral("authorization")).toBool(), true);
    QVERIFY(entry.value(QStringLiteral("headers")).toArray().contains(QStringLiteral("Authorization")));
    QVERIFY(entry.value(QStringLiteral("headers")).toArray().contains(QStringLiteral("X-GitHub-Api-Version")));
  }

  // ---- HTTP framing, on raw sockets -------------------------------------------------------------

  void keepAliveServesPipelinedRequestsInOrder() {
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(server_.port()) + "\r\n";
    bool closed = false;
    const QByteArray answer = rawExchange(
        server_.port(),
        "GET /rate_limit HTTP/1.1\r\n" + host + "\r\n" + "GET " + kRepoPath.toLatin1() + " HTTP/1.1\r\n" + host +
            "\r\n" + "GET " + kRepoPath.toLatin1() + "/nothing HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n",
        &closed);
    QCOMPARE(answer.count("HTTP/1.1 "), 3);
    QCOMPARE(answer.count("Content-Length: "), 3);
    QVERIFY(answer.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(answer.contains("\"full_name\":\"contoso/shop\""));
    QCOMPARE(answer.count("Connection: keep-alive\r\n"), 2);
    QVERIFY(answer.indexOf("HTTP/1.1 404 Not Found") > answer.indexOf("\"full_name\""));
    QVERIFY(answer.contains("Connection: close\r\n"));
    QVERIFY(closed);
  }

  void malformedRequestGets400AndTheConnectionCloses_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("status");
    QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << QByteArray("400");
    QTest::newRow("no host") << QByteArray("GET /rate_limit HTTP/1.1\r\n\r\n") << QByteArray("400");
    QTest::newRow("bad header") << QByteArray("GET /rate_limit HTTP/1.1\r\nHost: a\r\nno colon\r\n\r\n")
                                << QByteArray("400");
    QTest::newRow("bad length") << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n")
                                << QByteArray("400");
    QTest::newRow("two lengths")
        << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")
        << QByteArray("400");
    QTest::newRow("http/2") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << QByteArray("505");
  }

  void malformedRequestGets400AndTheConnectionCloses() {
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, status);
    bool closed = false;
    const QByteArray answer = rawExchange(server_.port(), request, &closed);
    QVERIFY2(answer.startsWith("HTTP/1.1 " + status + ' '), answer.constData());
    QVERIFY(answer.contains("Connection: close\r\n"));
    QVERIFY(answer.contains("Content-Length: "));
    QVERIFY(closed);
  }

  // Links in an answer point back at the host the client addressed.
  void linksUseTheHostTheClientUsed() {
    const QByteArray answer = rawExchange(
        server_.port(), "GET " + kProductionVariables.toLatin1() + "?per_page=5 HTTP/1.1\r\nHost: localhost:" +
                            QByteArray::number(server_.port()) + "\r\nConnection: close\r\n\r\n");
    QVERIFY2(answer.contains("link: <http://localhost:" + QByteArray::number(server_.port()) +
                             kProductionVariables.toLatin1() + "?per_page=5&page=2>; rel=\"next\""),
             answer.left(600).constData());
  }

  // ---- start-up options and stopping ---------------------------------------------------------

  void faultsFileAppliesFromTheStart() {
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("faults.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        R"([{"comment": "every repository read fails", "path": "/repos/contoso/shop", "status": 503, "times": 0}])");
    file.close();
    SandboxProcess faulty;
    const QString problem = faulty.start({QStringLiteral("--faults"), file.fileName()});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    ClientRig rig(faulty.url(), {}, [](GitHubClientConfig& config) { config.maxRetries = 0; });
    const auto result = await<Repository>([&](auto done) { rig.client->getRepository(std::move(done)); });
    const QString mismatch = errorMismatch(result, GitHubErrorKind::ServerError, "server error (503)");
    QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
  }

  void invalidFaultsFileIsAUsageError() {
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("faults.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"([{"path": "/x", "status": 500}, {"path": "/y"}])");
    file.close();
    const CliRun run =
        runCli({QStringLiteral("sandbox"), QStringLiteral("serve"), QStringLiteral("--faults"), file.fileName()});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("rule 2: a rule needs exactly one action")), qPrintable(run.err));
  }

  void portInUseIsAUsageError() {
    const CliRun run = runCli({QStringLiteral("sandbox"), QStringLiteral("serve"), QStringLiteral("--port"),
                               QString::number(server_.port())});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("port %1 on 127.0.0.1 is already in use").arg(server_.port())),
             qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
  }

  void stopsCleanlyOnASignal_data() {
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
  }

  void stopsCleanlyOnASignal() {
#ifndef Q_OS_UNIX
    QSKIP("POSIX signals only");
#else
    QFETCH(int, signalNumber);
    SandboxProcess process;
    const QString problem = process.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(::kill(static_cast<pid_t>(process.process().processId()), signalNumber), 0);
    QVERIFY(process.process().waitForFinished(kWaitMs));
    QCOMPARE(process.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.process().exitCode(), 0);
    QVERIFY(process.process().readAllStandardOutput().contains("ReleaseDesk sandbox stopped."));
#endif
  }
};

QTEST_GUILESS_MAIN(TestSandboxIntegration)
#include "sandbox_integration_test.moc"
