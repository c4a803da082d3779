// The contract test: every GitHubClient operation, sent through the real QtTransport, against
// Prism serving GitHub's published OpenAPI description (reduced by reduce-spec.mjs). Prism
// validates each request's path, query, headers and body; a rejection fails the test with
// Prism's own explanation. It also checks that the client reads Prism's example answers.
//
// Run through ctest (run-contract-test.cmake installs Prism and reduces the description first).
// By hand: RELEASEDESK_NODE, RELEASEDESK_PRISM and RELEASEDESK_CONTRACT_SPEC override the paths
// compiled in.
#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_strings.h"
#include "app/adapter/qt_transport.h"
#include "core/github/github_client.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <memory>
#include <optional>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#include <csignal>
#endif

using namespace releasedesk;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(releasedesk::ConfigLevel)

namespace {

const std::string kToken = "contract-test-dummy-token";
constexpr auto kOperationTimeout = 20s;
constexpr int kOperationTimeoutMs = std::chrono::milliseconds(kOperationTimeout).count();
constexpr auto kPrismStartTimeout = 45s;

QString setting(const char* variable, const char* compiledIn) {
  const QString value = qEnvironmentVariable(variable);
  return value.isEmpty() ? QString::fromUtf8(compiledIn) : value;
}

// Prism on a free loopback port for the lifetime of the object. Its output goes to a log file
// beside the reduced description. On Linux the server is also told to die with this process, so
// a crashed or killed test leaves nothing listening.
class PrismServer {
 public:
  PrismServer() = default;
  PrismServer(const PrismServer&) = delete;
  PrismServer& operator=(const PrismServer&) = delete;
  ~PrismServer() { stop(); }

  // Empty on success, else why Prism is not serving.
  QString start(const QString& node, const QString& prism, const QString& spec) {
    for (const QString& file : {prism, spec}) {
      if (!QFileInfo::exists(file)) return QStringLiteral("%1 does not exist (run the test through ctest)").arg(file);
    }
    logPath_ = QFileInfo(spec).dir().filePath(QStringLiteral("prism.log"));
    QString why;
    // A port picked free can be taken before Prism binds it: then Prism exits, and we try again.
    for (int attempt = 0; attempt < 3; ++attempt) {
      why = startOnce(node, prism, spec);
      if (why.isEmpty()) return {};
      stop();
      if (!log().contains(QStringLiteral("EADDRINUSE"))) break;
    }
    return why;
  }

  void stop() {
    if (process_.state() == QProcess::NotRunning) return;
    process_.terminate();  // by its PID; Prism has nothing to flush
    if (!process_.waitForFinished(3000)) {
      process_.kill();
      process_.waitForFinished(3000);
    }
  }

  int port() const { return port_; }
  QString logPath() const { return logPath_; }

  QString log() const {
    QFile file(logPath_);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
  }

  // Prism's errors (it prints its whole usage text after a fatal one), else the last lines.
  QString logExcerpt() const {
    const QStringList lines = log().split(QLatin1Char('\n'));
    QStringList errors;
    for (const QString& line : lines) {
      if (line.contains(QStringLiteral("fatal")) || line.contains(QStringLiteral("Error")) ||
          line.contains(QStringLiteral("EADDRINUSE"))) {
        errors << line;
      }
    }
    const QStringList& chosen = errors.isEmpty() ? lines : errors;
    return chosen.mid(std::max<qsizetype>(0, chosen.size() - 20)).join(QLatin1Char('\n'));
  }

 private:
  static int freePort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0)) return 0;
    return probe.serverPort();
  }

  QString startOnce(const QString& node, const QString& prism, const QString& spec) {
    port_ = freePort();
    if (port_ == 0) return QStringLiteral("no free loopback port");
    process_.setProgram(node);
    process_.setArguments({prism, QStringLiteral("mock"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"),
                           QStringLiteral("-p"), QString::number(port_), spec});
    process_.setProcessChannelMode(QProcess::MergedChannels);
    process_.setStandardOutputFile(logPath_, QIODevice::Truncate);
#ifdef Q_OS_LINUX
    process_.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    process_.start();
    if (!process_.waitForStarted(10000)) {
      return QStringLiteral("%1 did not start: %2").arg(node, process_.errorString());
    }

    // Prism loads the description before it listens: 1-7 s. Ready once it says it listens on
    // our port and accepts a connection there (another server on a port taken meanwhile could
    // accept one too, so the connection alone proves nothing).
    const QString listening = QStringLiteral("Prism is listening on http://127.0.0.1:%1").arg(port_);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < std::chrono::milliseconds(kPrismStartTimeout).count()) {
      if (log().contains(listening)) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port_));
        if (socket.waitForConnected(1000)) return {};
      }
      if (process_.waitForFinished(100)) {
        return QStringLiteral("Prism exited with code %1 before listening on port %2 (log: %3):\n%4")
            .arg(process_.exitCode())
            .arg(port_)
            .arg(logPath_, logExcerpt());
      }
    }
    return QStringLiteral("Prism did not listen on port %1 within %2 s (log: %3):\n%4")
        .arg(port_)
        .arg(std::chrono::duration_cast<std::chrono::seconds>(kPrismStartTimeout).count())
        .arg(logPath_, logExcerpt());
  }

  QProcess process_;
  int port_ = 0;
  QString logPath_;
};

// Forwards to the real transport and keeps every exchange, so a Prism rejection can be shown
// next to the request that caused it.
class RecordingTransport final : public Transport {
 public:
  struct Exchange {
    HttpRequest request;
    std::optional<TransportReply> reply;
  };

  explicit RecordingTransport(Transport& inner) : inner_(inner) {}

  // Asks Prism for its example `name` (Prefer: example=…) on the requests that follow; empty: its
  // first example, as without the header.
  void preferExample(std::string name) { example_ = std::move(name); }

  void send(HttpRequest request, Completion done) override {
    if (!example_.empty()) setHeader(request.headers, "Prefer", "example=" + example_);
    const std::size_t index = exchanges_.size();
    exchanges_.push_back({request, std::nullopt});
    inner_.send(std::move(request), [this, index, done = std::move(done)](TransportReply reply) {
      exchanges_[index].reply = reply;
      done(std::move(reply));
    });
  }

  const std::vector<Exchange>& exchanges() const { return exchanges_; }

 private:
  Transport& inner_;
  std::vector<Exchange> exchanges_;
  std::string example_;
};

std::string pathOf(const std::string& url) {
  const auto parts = parseUrl(url);
  return parts ? parts->path : url;
}

// Prism answers a request that breaks the description with an RFC 7807 problem (4xx,
// application/problem+json): "Invalid request" (422/400) with a `validation` list, "Route not
// resolved" (404), "Not acceptable" (406), "Invalid content type" (415)...
bool isPrismRejection(const HttpResponse& response) {
  return headerValue(response.headers, "content-type").starts_with("application/problem+json") ||
         (response.status >= 400 && response.status < 500);
}

QString describePrismProblem(const HttpResponse& response) {
  const QJsonObject problem = QJsonDocument::fromJson(QByteArray::fromStdString(response.body)).object();
  QString text =
      QStringLiteral("%1 %2: %3")
          .arg(response.status)
          .arg(problem.value(QStringLiteral("title")).toString(), problem.value(QStringLiteral("detail")).toString());
  for (const QJsonValue& item : problem.value(QStringLiteral("validation")).toArray()) {
    QStringList location;
    for (const QJsonValue& part : item.toObject().value(QStringLiteral("location")).toArray()) {
      location << (part.isString() ? part.toString() : QString::number(part.toInt()));
    }
    text += QStringLiteral("\n      - %1 [%2]")
                .arg(item.toObject().value(QStringLiteral("message")).toString(), location.join(QLatin1Char('.')));
  }
  if (problem.isEmpty() && !response.body.empty()) text += QStringLiteral(" ") + toQString(response.body);
  return text;
}

QString describeRequest(const HttpRequest& request) {
  QString text = toQString(request.method + " " + pathOf(request.url));
  if (!request.body.empty()) text += QStringLiteral("\n      body: ") + toQString(request.body);
  return text;
}

QString describeError(const GitHubError& error) {
  return QStringLiteral("%1 (HTTP %2): %3")
      .arg(toQString(toString(error.kind)))
      .arg(error.httpStatus)
      .arg(toQString(error.message));
}

// An operation of the reduced description, to map a request back to the one it targets.
struct DescribedOperation {
  QString method;            // "GET"
  QString path;              // "/repos/{owner}/{repo}/actions/runs/{run_id}"
  QRegularExpression route;  // matches a request's path, without the query
  QSet<QString> queryNames;  // the query parameters it declares
};

std::vector<DescribedOperation> loadOperations(const QString& specPath) {
  QFile file(specPath);
  if (!file.open(QIODevice::ReadOnly)) return {};
  const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
  const QJsonObject shared =
      root.value(QStringLiteral("components")).toObject().value(QStringLiteral("parameters")).toObject();
  const auto queryNames = [&shared](const QJsonArray& parameters, QSet<QString>& names) {
    for (const QJsonValue& value : parameters) {
      QJsonObject parameter = value.toObject();
      if (const QString ref = parameter.value(QStringLiteral("$ref")).toString(); !ref.isEmpty()) {
        parameter = shared.value(ref.section(QLatin1Char('/'), -1)).toObject();
      }
      if (parameter.value(QStringLiteral("in")).toString() == QStringLiteral("query")) {
        names.insert(parameter.value(QStringLiteral("name")).toString());
      }
    }
  };
  std::vector<DescribedOperation> operations;
  const QJsonObject paths = root.value(QStringLiteral("paths")).toObject();
  for (auto path = paths.begin(); path != paths.end(); ++path) {
    // "/repos/{owner}/{repo}/actions/runs/{run_id}" → ^/repos/[^/]+/[^/]+/actions/runs/[^/]+$
    QString pattern = QRegularExpression::escape(path.key());
    pattern.replace(QRegularExpression(QStringLiteral(R"(\\\{[^}]*\\\})")), QStringLiteral("[^/]+"));
    const QRegularExpression route(QStringLiteral("^") + pattern + QStringLiteral("$"));
    const QJsonObject item = path.value().toObject();
    for (auto op = item.begin(); op != item.end(); ++op) {
      if (op.key() == QStringLiteral("parameters")) continue;
      DescribedOperation operation{op.key().toUpper(), path.key(), route, {}};
      queryNames(item.value(QStringLiteral("parameters")).toArray(), operation.queryNames);
      queryNames(op.value().toObject().value(QStringLiteral("parameters")).toArray(), operation.queryNames);
      operations.push_back(std::move(operation));
    }
  }
  return operations;
}

// The operation a request targets; nullptr when the description has none.
const DescribedOperation* operationOf(const std::vector<DescribedOperation>& operations, const HttpRequest& request) {
  const QString path = toQString(pathOf(request.url)).section(QLatin1Char('?'), 0, 0);
  const DescribedOperation* best = nullptr;
  for (const DescribedOperation& operation : operations) {
    if (operation.method != toQString(request.method) || !operation.route.match(path).hasMatch()) continue;
    // A literal segment beats a parameter: prefer the template with the fewest parameters.
    if (!best || operation.path.count(QLatin1Char('{')) < best->path.count(QLatin1Char('{'))) best = &operation;
  }
  return best;
}

// The query parameters of `request` that its operation does not declare, as
// "GET /repos/{owner}/{repo}/...: \"name\"". Empty for a request outside the description (Prism
// answers those 404, which the operation's own test reports).
QStringList undeclaredQueryParameters(const std::vector<DescribedOperation>& operations, const HttpRequest& request) {
  QStringList undeclared;
  const DescribedOperation* operation = operationOf(operations, request);
  if (!operation) return undeclared;
  for (const auto& [name, value] : QUrlQuery(QUrl(toQString(request.url))).queryItems()) {
    if (!operation->queryNames.contains(name)) {
      undeclared << QStringLiteral("%1 %2: \"%3\"").arg(operation->method, operation->path, name);
    }
  }
  return undeclared;
}

}  // namespace

class TestContract : public QObject {
  Q_OBJECT

 private:
  // Runs one client operation to its callback.
  template <typename T>
  std::optional<Result<T>> run(const std::function<void(ResultCallback<T>)>& start) {
    auto slot = std::make_shared<std::optional<Result<T>>>();  // outlives a timed-out wait
    start([slot](Result<T> result) { slot->emplace(std::move(result)); });
    // A timeout shows as an empty result in the verdict.
    (void)QTest::qWaitFor([&] { return slot->has_value(); }, kOperationTimeoutMs);
    return *slot;
  }

  // Empty when every exchange since `mark` got an HTTP answer that is not a Prism rejection;
  // otherwise each failed request with Prism's explanation.
  QString prismRejections(std::size_t mark) const {
    QString problems;
    const auto& exchanges = recorder_->exchanges();
    for (std::size_t i = mark; i < exchanges.size(); ++i) {
      const auto& exchange = exchanges[i];
      if (!exchange.reply) {
        problems += QStringLiteral("\n  no answer to %1").arg(describeRequest(exchange.request));
      } else if (exchange.reply->failure != TransportFailure::None) {
        problems += QStringLiteral("\n  transport failure for %1: %2")
                        .arg(describeRequest(exchange.request), toQString(exchange.reply->failureDetail));
      } else if (isPrismRejection(exchange.reply->response)) {
        problems += QStringLiteral("\n  Prism rejected %1\n    %2")
                        .arg(describeRequest(exchange.request), describePrismProblem(exchange.reply->response));
      }
    }
    return problems;
  }

  // Empty when Prism accepted every request of the operation and the client returned a value.
  template <typename T>
  QString verdict(std::size_t mark, const std::optional<Result<T>>& result) const {
    QString problems = prismRejections(mark);
    if (!result) {
      problems += QStringLiteral("\n  no result within %1 s")
                      .arg(std::chrono::duration_cast<std::chrono::seconds>(kOperationTimeout).count());
    } else if (!result->ok()) {
      problems += QStringLiteral("\n  the client returned %1").arg(describeError(result->error()));
    }
    return problems;
  }

  // A raw request through the real transport, bypassing the client: for the negative tests.
  TransportReply sendRaw(const std::string& method, const std::string& path, const std::string& body) {
    HttpRequest request;
    request.method = method;
    request.url = apiBase_ + path;
    request.body = body;
    setHeader(request.headers, "Accept", "application/vnd.github+json");
    setHeader(request.headers, "X-GitHub-Api-Version", std::string(kGitHubApiVersion));
    setHeader(request.headers, "Authorization", "Bearer " + kToken);
    if (!body.empty()) setHeader(request.headers, "Content-Type", "application/json");
    auto slot = std::make_shared<std::optional<TransportReply>>();
    transport_->send(std::move(request), [slot](TransportReply reply) { *slot = std::move(reply); });
    (void)QTest::qWaitFor([&] { return slot->has_value(); }, kOperationTimeoutMs);
    return slot->value_or(TransportReply{TransportFailure::Timeout, "no answer", {}});
  }

  std::size_t mark() const { return recorder_->exchanges().size(); }

  PrismServer prism_;
  std::vector<DescribedOperation> operations_;
  std::string apiBase_;
  // Declared so that they are destroyed client first, then the transport (which drops its
  // pending callbacks), then the recorder those callbacks point into.
  std::unique_ptr<QtScheduler> scheduler_;
  std::unique_ptr<RecordingTransport> recorder_;
  std::unique_ptr<QtTransport> transport_;
  std::unique_ptr<GitHubClient> client_;
  QElapsedTimer clock_;

 private slots:
  void initTestCase() {
    clock_.start();
    const QString spec = setting("RELEASEDESK_CONTRACT_SPEC", RELEASEDESK_CONTRACT_SPEC);
    const QString why = prism_.start(setting("RELEASEDESK_NODE", RELEASEDESK_CONTRACT_NODE),
                                     setting("RELEASEDESK_PRISM", RELEASEDESK_CONTRACT_PRISM), spec);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    operations_ = loadOperations(spec);
    QVERIFY2(!operations_.empty(), qPrintable(QStringLiteral("no operations in ") + spec));
    qInfo("Prism serves %s on port %d (ready after %lld ms; log: %s)", qPrintable(spec), prism_.port(),
          static_cast<long long>(clock_.elapsed()), qPrintable(prism_.logPath()));

    apiBase_ = "http://127.0.0.1:" + std::to_string(prism_.port());
    scheduler_ = std::make_unique<QtScheduler>();
    QtTransportOptions options;
    options.transferTimeout = 15s;
    transport_ = std::make_unique<QtTransport>(options);
    recorder_ = std::make_unique<RecordingTransport>(*transport_);
    GitHubClientConfig config;
    config.apiBase = apiBase_;
    config.repo = {"octo", "shop"};
    config.token = kToken;
    config.maxRetries = 0;  // a retry would only hide the first answer
    client_ = std::make_unique<GitHubClient>(*recorder_, *scheduler_, config);
  }

  void cleanupTestCase() {
    client_.reset();
    transport_.reset();
    recorder_.reset();
    prism_.stop();
    qInfo("contract test took %lld ms", static_cast<long long>(clock_.elapsed()));
  }

  // ---- repository and environment ------------------------------------------------------------

  void getRepository() {
    const auto at = mark();
    const auto result = run<Repository>([&](auto done) { client_->getRepository(done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(result->value().id != 0);
    QVERIFY(!result->value().fullName.empty());
    QVERIFY(!result->value().permissions.empty());
  }

  void getEnvironment() {
    const auto at = mark();
    const auto result = run<GitHubEnvironment>([&](auto done) { client_->getEnvironment("production", done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(result->value().id != 0);
    QVERIFY(!result->value().name.empty());
  }

  void listVariables_data() {
    QTest::addColumn<ConfigLevel>("level");
    QTest::newRow("environment") << ConfigLevel::Environment;
    QTest::newRow("repository") << ConfigLevel::Repository;
    QTest::newRow("organization") << ConfigLevel::Organization;
  }
  void listVariables() {
    QFETCH(ConfigLevel, level);
    const auto at = mark();
    const auto result =
        run<std::vector<Variable>>([&](auto done) { client_->listVariables(level, "production", done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(!result->value().front().name.empty());
  }

  void listSecrets_data() { listVariables_data(); }
  void listSecrets() {
    QFETCH(ConfigLevel, level);
    const auto at = mark();
    const auto result = run<std::vector<Secret>>([&](auto done) { client_->listSecrets(level, "production", done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(!result->value().front().name.empty());
  }

  // ---- runs and jobs ---------------------------------------------------------------------------

  void listWorkflowRuns_data() {
    QTest::addColumn<QString>("workflow");
    QTest::addColumn<QString>("branch");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("created");
    QTest::addColumn<QString>("headSha");
    // `created`: the description types it as a date-time, while GitHub also accepts its search
    // range syntax (">=2026-01-01"), which the desk uses. Prism would reject a range, so the
    // contract is checked with a plain date-time.
    QTest::newRow("file name, every filter")
        << QStringLiteral("production-stage.yml") << QStringLiteral("main") << QStringLiteral("workflow_dispatch")
        << QStringLiteral("waiting") << QStringLiteral("2026-01-01T00:00:00Z")
        << QStringLiteral("4bd780cba4864856691dedee9ca56d1ea87442c5");
    QTest::newRow("file name, no filter")
        << QStringLiteral("production-stage.yml") << QString() << QString() << QString() << QString() << QString();
    QTest::newRow("numeric workflow id, completed")
        << QStringLiteral("161335") << QString() << QStringLiteral("workflow_run") << QStringLiteral("completed")
        << QString() << QString();
    // The ranges the desk does send: the timeline's window and the dispatched-run lookup.
    QTest::newRow("created range, a day (timeline window)")
        << QStringLiteral("production-stage.yml") << QString() << QString() << QString()
        << QStringLiteral(">=2026-01-01") << QString();
    QTest::newRow("created range, a moment (dispatch lookup)")
        << QStringLiteral("production-stage.yml") << QString() << QStringLiteral("workflow_dispatch") << QString()
        << QStringLiteral(">=2026-01-01T00:00:00Z") << QString();
  }
  void listWorkflowRuns() {
    QFETCH(QString, workflow);
    QFETCH(QString, branch);
    QFETCH(QString, event);
    QFETCH(QString, status);
    QFETCH(QString, created);
    QFETCH(QString, headSha);
    const RunFilter filter{toStdString(branch), toStdString(event), toStdString(status), toStdString(created),
                           toStdString(headSha)};
    const auto at = mark();
    const auto result = run<std::vector<WorkflowRun>>(
        [&](auto done) { client_->listWorkflowRuns(toStdString(workflow), filter, done); });
    const QString problems = verdict(at, result);
    // The description types `created` as a date-time; GitHub accepts its search range syntax,
    // which the desk sends. If the description ever allows ranges, these rows pass and the
    // expectations must go.
    QEXPECT_FAIL("created range, a day (timeline window)", "the description types `created` as a date-time", Abort);
    QEXPECT_FAIL("created range, a moment (dispatch lookup)", "the description types `created` as a date-time", Abort);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(result->value().front().id != 0);
  }

  void getRun() {
    const auto at = mark();
    const auto result = run<WorkflowRun>([&](auto done) { client_->getRun(30433642, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(result->value().id != 0);
    QVERIFY(!result->value().headSha.empty());
  }

  void listJobs() {
    const auto at = mark();
    const auto result = run<std::vector<Job>>([&](auto done) { client_->listJobs(30433642, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(!result->value().front().steps.empty());
  }

  // ---- approvals ---------------------------------------------------------------------------------

  void listPendingDeployments() {
    const auto at = mark();
    const auto result =
        run<std::vector<PendingDeployment>>([&](auto done) { client_->listPendingDeployments(30433642, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(result->value().front().environmentId != 0);
  }

  void reviewPendingDeployments_data() {
    QTest::addColumn<bool>("approve");
    QTest::addColumn<QString>("comment");
    QTest::newRow("approve") << true << QStringLiteral("Ship it: candidate 4bd780c accepted");
    QTest::newRow("reject, empty comment") << false << QString();
    // What the console and the desk send: the grounds line (UTF-8 middle dots), an override and
    // the reviewer's words on separate lines.
    QTest::newRow("approve, grounds and override")
        << true
        << QString::fromUtf8(
               "Evidence accepted (acceptance run 42) \u00b7 production 14 of 18 ready, incomplete "
               "\u00b7 vs live 0b8f1f0b: API changed, Web same\nOverride: the sale starts at noon\n\n"
               "Ship the redesign");
    QTest::newRow("reject, grounds and reason")
        << false
        << QString::fromUtf8(
               "Evidence accepted (acceptance run 42) \u00b7 production 18 of 18 ready \u00b7 vs live "
               "0b8f1f0b: same as live\n\nNot during the sale");
  }
  void reviewPendingDeployments() {
    QFETCH(bool, approve);
    QFETCH(QString, comment);
    const auto at = mark();
    const auto result = run<Done>([&](auto done) {
      client_->reviewPendingDeployments(30433642, {161171787}, approve, toStdString(comment), done);
    });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
  }

  void listApprovals() {
    const auto at = mark();
    const auto result = run<std::vector<Approval>>([&](auto done) { client_->listApprovals(30433642, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(!result->value().front().state.empty());
  }

  // ---- deployments -------------------------------------------------------------------------------

  void listDeployments_data() {
    QTest::addColumn<QString>("environment");
    QTest::newRow("production") << QStringLiteral("production");
    QTest::newRow("every environment") << QString();
  }
  void listDeployments() {
    QFETCH(QString, environment);
    const auto at = mark();
    const auto result =
        run<std::vector<Deployment>>([&](auto done) { client_->listDeployments(toStdString(environment), done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(result->value().front().id != 0);
  }

  void listDeploymentStatuses() {
    const auto at = mark();
    const auto result =
        run<std::vector<DeploymentStatus>>([&](auto done) { client_->listDeploymentStatuses(42, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(!result->value().front().state.empty());
  }

  // ---- artifacts ---------------------------------------------------------------------------------

  void listArtifacts() {
    const auto at = mark();
    const auto result = run<std::vector<Artifact>>([&](auto done) { client_->listArtifacts(30433642, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(result->value().front().id != 0);
  }

  void downloadArtifact() {
    // Prism answers the documented 302; the reduced description points its Location at a
    // storage stand-in on the same Prism, which the transport follows to the archive's bytes.
    const auto at = mark();
    const auto result = run<std::string>([&](auto done) { client_->downloadArtifact(11, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY2(result->value().find("PK artifact zip from the storage stand-in") != std::string::npos,
             result->value().substr(0, 80).c_str());
  }

  // ---- dispatch ----------------------------------------------------------------------------------

  void dispatchWorkflow_data() {
    QTest::addColumn<bool>("returnRunDetails");
    QTest::newRow("return_run_details") << true;
    QTest::newRow("plain (GHES)") << false;
  }
  void dispatchWorkflow() {
    QFETCH(bool, returnRunDetails);
    DispatchRequest request;
    request.workflowFile = "production-stage.yml";
    request.ref = "main";
    request.inputs = {{"candidate_sha", "4bd780cba4864856691dedee9ca56d1ea87442c5"}};
    request.returnRunDetails = returnRunDetails;
    const auto at = mark();
    const auto result = run<DispatchResult>([&](auto done) { client_->dispatchWorkflow(request, done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QCOMPARE(mark() - at, std::size_t(1));  // sent once, no fallback
    // Prism answers 200 with run details either way (it picks the first documented success).
    QVERIFY(result->value().workflowRunId.has_value());
    QVERIFY(!result->value().runUrl.empty());
  }

  // ---- code --------------------------------------------------------------------------------------

  void getBranch() {
    const auto at = mark();
    const auto result = run<Branch>([&](auto done) { client_->getBranch("main", done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().name.empty());
    QVERIFY(!result->value().commitSha.empty());
  }

  void getCommit_data() {
    QTest::addColumn<QString>("ref");
    QTest::newRow("sha") << QStringLiteral("4bd780cba4864856691dedee9ca56d1ea87442c5");
    QTest::newRow("branch") << QStringLiteral("main");
  }
  void getCommit() {
    QFETCH(QString, ref);
    const auto at = mark();
    const auto result = run<Commit>([&](auto done) { client_->getCommit(toStdString(ref), done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().sha.empty());
    QVERIFY(result->value().authoredAt.has_value());
  }

  void compareCommits() {
    const auto at = mark();
    const auto result = run<CommitComparison>([&](auto done) {
      client_->compareCommits("0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8", "a13e390e0d8caef0d8a77d1c754990fd5275835c",
                              done);
    });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().status.empty());
  }

  void getFileContents_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("ref");
    QTest::newRow("top-level file at a ref") << QStringLiteral("README.md") << QStringLiteral("main");
    QTest::newRow("top-level file, default branch") << QStringLiteral("README.md") << QString();
    QTest::newRow("nested file") << QStringLiteral(".github/workflows/production-stage.yml") << QStringLiteral("main");
  }
  void getFileContents() {
    QFETCH(QString, path);
    QFETCH(QString, ref);
    const auto at = mark();
    const auto result =
        run<FileContents>([&](auto done) { client_->getFileContents(toStdString(path), toStdString(ref), done); });
    // The description declares {path} as one path segment (OpenAPI 3.0 cannot say otherwise),
    // while GitHub documents and accepts a nested path with literal slashes, as the client sends
    // it. Prism therefore finds no route for nested paths. If the client ever sends %2F (as
    // octokit does; GitHub accepts both), this row passes and the expectation must go.
    QEXPECT_FAIL("nested file", "the description cannot express a {path} with slashes", Abort);
    QVERIFY2(prismRejections(at).isEmpty(), qPrintable(prismRejections(at)));

    // GitHub's example file (content-file-response-if-content-is-a-file) breaks its line-wrapped
    // base64 with a literal backslash-n ("\\n") where GitHub sends a newline. The client rightly
    // refuses that, so only for that example is the refusal the expected answer.
    const auto& reply = recorder_->exchanges().back().reply;
    QVERIFY(reply.has_value());
    const QJsonObject body = QJsonDocument::fromJson(QByteArray::fromStdString(reply->response.body)).object();
    if (body.value(QStringLiteral("content")).toString().contains(QLatin1Char('\\'))) {
      QVERIFY(result && !result->ok());
      QCOMPARE(toQString(toString(result->error().kind)), QStringLiteral("invalid-response"));
      QVERIFY2(result->error().message.find("base64 content is malformed") != std::string::npos,
               result->error().message.c_str());
      return;
    }
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().path.empty());
    QVERIFY(!result->value().content.empty());
  }

  void listFolder_data() {
    QTest::addColumn<QString>("ref");
    QTest::newRow("at a ref") << QStringLiteral("main");
    QTest::newRow("default branch") << QString();
  }
  void listFolder() {
    QFETCH(QString, ref);
    const auto at = mark();
    // The same operation as getFileContents; Prism answers a folder with this example.
    recorder_->preferExample("response-if-content-is-a-directory");
    const auto result =
        run<std::vector<FolderEntry>>([&](auto done) { client_->listFolder(".github", toStdString(ref), done); });
    recorder_->preferExample({});
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().empty());
    QVERIFY(!result->value().front().name.empty());
    QVERIFY(!result->value().front().type.empty());
  }

  void getRateLimit() {
    const auto at = mark();
    const auto result = run<RateLimit>([&](auto done) { client_->getRateLimit(done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(result->value().limit > 0);
    QCOMPARE(toQString(result->value().resource), QStringLiteral("core"));
  }
  void getCurrentUser() {
    const auto at = mark();
    const auto result = run<User>([&](auto done) { client_->getCurrentUser(done); });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(!result->value().login.empty());
  }

  // ---- the harness catches broken requests ------------------------------------------------------

  void brokenDispatchIsRejected_data() {
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("expected");  // in Prism's explanation
    QTest::newRow("ref is a number") << QStringLiteral(R"({"ref":42,"inputs":{}})")
                                     << QStringLiteral("ref must be string");
    QTest::newRow("ref missing") << QStringLiteral(R"({"inputs":{"candidate_sha":"4bd780c"}})")
                                 << QStringLiteral("required property 'ref'");
    QTest::newRow("return_run_details not a boolean") << QStringLiteral(R"({"ref":"main","return_run_details":"yes"})")
                                                      << QStringLiteral("return_run_details must be boolean");
    QTest::newRow("misspelt field") << QStringLiteral(R"({"ref":"main","return_run_detail":true})")
                                    << QStringLiteral("must NOT have additional properties");
  }
  void brokenDispatchIsRejected() {
    QFETCH(QString, body);
    QFETCH(QString, expected);
    const TransportReply reply =
        sendRaw("POST", "/repos/octo/shop/actions/workflows/production-stage.yml/dispatches", toStdString(body));
    QVERIFY2(reply.failure == TransportFailure::None, reply.failureDetail.c_str());
    QVERIFY2(isPrismRejection(reply.response), qPrintable(QString::number(reply.response.status)));
    const QString explanation = describePrismProblem(reply.response);
    qInfo("Prism rejected the broken dispatch as it should: %s", qPrintable(explanation));
    QCOMPARE(reply.response.status, 422);
    QVERIFY2(explanation.contains(expected), qPrintable(explanation));
  }

  void unknownRouteIsRejected() {
    // A typo in a client URL (".../pending_deployment") must fail the same way.
    const TransportReply reply = sendRaw("GET", "/repos/octo/shop/actions/runs/1/pending_deployment", {});
    QVERIFY2(reply.failure == TransportFailure::None, reply.failureDetail.c_str());
    QCOMPARE(reply.response.status, 404);
    QVERIFY(isPrismRejection(reply.response));
  }

  void clientRequestBreakingTheDescriptionFails() {
    // Through the client: a status filter outside the documented enum is refused by Prism, and
    // the verdict names the request and Prism's reason.
    const auto at = mark();
    const auto result = run<std::vector<WorkflowRun>>([&](auto done) {
      client_->listWorkflowRuns("production-stage.yml", RunFilter{{}, {}, "almost-done", {}, {}}, done);
    });
    const QString problems = verdict(at, result);
    QVERIFY2(problems.contains(QStringLiteral("Prism rejected GET /repos/octo/shop/actions/workflows/")),
             qPrintable(problems));
    QVERIFY2(problems.contains(QStringLiteral("status must be equal to one of the allowed values")),
             qPrintable(problems));
    QVERIFY(result && !result->ok());
    QCOMPARE(toQString(toString(result->error().kind)), QStringLiteral("validation"));
  }

  // ---- coverage ----------------------------------------------------------------------------------

  // Prism ignores query parameters the description does not declare (GitHub ignores them too,
  // silently: a misspelt filter returns unfiltered data). So their names are checked here.
  void everyQueryParameterIsDeclared() {
    QStringList undeclared;
    for (const auto& exchange : recorder_->exchanges()) {
      undeclared << undeclaredQueryParameters(operations_, exchange.request);
    }
    undeclared.removeDuplicates();
    QVERIFY2(undeclared.isEmpty(), qPrintable(QStringLiteral("query parameters the description does not declare:\n  ") +
                                              undeclared.join(QStringLiteral("\n  "))));
  }

  void undeclaredQueryParameterIsCaught() {
    HttpRequest request;
    request.url =
        apiBase_ + "/repos/octo/shop/actions/workflows/production-stage.yml/runs?per_page=100&headSha=4bd780c";
    QCOMPARE(
        undeclaredQueryParameters(operations_, request),
        QStringList{QStringLiteral("GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs: \"headSha\"")});
  }

  // Every operation of the reduced description was sent at least once and accepted, so an
  // operation added to reduce-spec.mjs without a test here (or the reverse) is noticed.
  void everyOperationExercised() {
    QStringList missing;
    for (const DescribedOperation& operation : operations_) {
      // The storage stand-in is reached by the transport's redirect, not by a client request.
      if (operation.path.startsWith(QStringLiteral("/_releasedesk/"))) continue;
      const bool accepted =
          std::any_of(recorder_->exchanges().begin(), recorder_->exchanges().end(), [&](const auto& exchange) {
            return operationOf(operations_, exchange.request) == &operation && exchange.reply &&
                   exchange.reply->failure == TransportFailure::None && !isPrismRejection(exchange.reply->response);
          });
      if (!accepted) missing << operation.method + QLatin1Char(' ') + operation.path;
    }
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("never sent and accepted: ") + missing.join(QStringLiteral(", "))));
  }
};

QTEST_GUILESS_MAIN(TestContract)
#include "contract_test.moc"
