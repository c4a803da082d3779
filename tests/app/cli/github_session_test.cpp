// The GitHub connection of every console command: no token stops at once, a refused connection
// costs one attempt (no retry), and the reads that are retried say so on stderr.
#include "app/cli/github_session.h"

#include "app/adapter/github_connection.h"
#include "app/sandbox_server/sandbox_server.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/app/cli/cli_run.h"

#include <QEventLoop>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace releasedesk;
using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;

namespace {

QStringList words(std::initializer_list<const char*> list) {
  QStringList out;
  for (const char* w : list) out << QString::fromUtf8(w);
  return out;
}

// A loopback port nobody listens on: connecting to it is refused at once.
quint16 closedPort() {
  QTcpServer server;
  if (!server.listen(QHostAddress::LocalHost, 0)) return 9;
  const quint16 port = server.serverPort();
  server.close();
  return port;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class TestGitHubSession : public QObject {
  Q_OBJECT

  QTemporaryDir checkout_;

  // Every console command that reads GitHub, with arguments that pass its own checks.
  void githubCommands() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("timeline") << words({"timeline"});
    QTest::newRow("env check") << words({"env", "check"});
    QTest::newRow("env scan-repo") << (words({"env", "scan-repo"}) << checkout_.path());
    QTest::newRow("candidates") << words({"candidates"});
    QTest::newRow("pending") << words({"pending"});
    QTest::newRow("approve") << words({"approve", "--run", "12", "--yes"});
    QTest::newRow("reject") << words({"reject", "--run", "12", "--comment", "no", "--yes"});
    QTest::newRow("replay") << words({"replay", "--sha", "4bd780c", "--yes"});
    QTest::newRow("rollback") << words({"rollback", "--yes"});
  }

 private slots:
  void noTokenStopsAtOnce_data() { githubCommands(); }
  void noTokenStopsAtOnce() {
    QFETCH(QStringList, args);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GITHUB_REPOSITORY"), QStringLiteral("contoso/shop"));
    // Not even a request: the API URL is a port nobody listens on.
    environment.insert(QStringLiteral("GITHUB_API_URL"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort()));
    const Run run = runInProcess(args, environment);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(QString::fromStdString(run.err),
             QStringLiteral("releasedesk-cli: no token: set GH_ENTERPRISE_TOKEN or run releasedesk-cli doctor.\n"));
    QVERIFY(run.out.empty());
  }

  void gitHubDotComNamesGhToken() {
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GITHUB_REPOSITORY"), QStringLiteral("contoso/shop"));
    const Run run = runInProcess(words({"timeline"}), environment);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(QString::fromStdString(run.err),
             QStringLiteral("releasedesk-cli: no token: set GH_TOKEN or run releasedesk-cli doctor.\n"));
  }

  void theSandboxNeedsNoToken() {
    const Run run = runInProcess(words({"timeline", "--sandbox"}), QProcessEnvironment());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!contains(run.err, "no token"), run.err.c_str());
  }

  // A refused connection is one attempt in every command: no "retrying" line, exit 2 at once.
  void aRefusedConnectionIsNotRetried_data() {
    githubCommands();
    QTest::newRow("doctor") << words({"doctor"});
  }
  void aRefusedConnectionIsNotRetried() {
    QFETCH(QStringList, args);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GITHUB_REPOSITORY"), QStringLiteral("contoso/shop"));
    environment.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("test-token"));
    environment.insert(QStringLiteral("XDG_STATE_HOME"), checkout_.path());
    const Run run = runInProcess(
        args << QStringLiteral("--api-url") << QStringLiteral("http://127.0.0.1:%1").arg(closedPort()), environment);
    QCOMPARE(run.exitCode, 2);
    const std::string all = run.out + run.err;
    QVERIFY2(contains(all, "connection refused by 127.0.0.1:"), all.c_str());
    QVERIFY2(!contains(all, "retrying"), all.c_str());
  }

  // The same through the client's counters: one request, no retry.
  void aRefusedConnectionCostsOneAttempt() {
    const auto connection = GitHubConnection::openProject("http://127.0.0.1:" + std::to_string(closedPort()),
                                                          {"contoso", "shop"}, "test-token", QStringLiteral("test"));
    std::optional<Result<Repository>> result;
    connection->client().getRepository([&result](Result<Repository> r) { result.emplace(std::move(r)); });
    QEventLoop loop;
    while (!result) loop.processEvents(QEventLoop::WaitForMoreEvents);
    QVERIFY(!result->ok());
    QVERIFY(result->error().kind == GitHubErrorKind::Network);
    QVERIFY(result->error().unreachable);
    QCOMPARE(connection->client().counters().requests, 1);
    QCOMPARE(connection->client().counters().retries, 0);
  }

  // A 5xx heals, so it is retried within the stated budget, and the console says so.
  void retriesAreAnnouncedOnStderr() {
    SandboxRepository repository(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    SandboxServer server(repository);
    QVERIFY(server.listen());
    QString error;
    const auto faults = parseSandboxFaults(
        R"({"path":"/repos/contoso/shop/actions/workflows/production-stage.yml/runs","status":503,"times":2})", error);
    QVERIFY2(faults, qPrintable(error));
    server.addFaults(*faults);
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("test-token"));
    const Run run =
        runInProcess(words({"timeline", "--repo", "contoso/shop", "--api-url"}) << server.url(), environment);
    QVERIFY2(run.exitCode == 0, run.err.c_str());
    QVERIFY2(contains(run.err, "releasedesk-cli: retrying (2 of 3) in 0.5 s\u2026 server error 503 ("),
             run.err.c_str());
    QVERIFY2(contains(run.err, "releasedesk-cli: retrying (3 of 3) in 1.0 s\u2026 server error 503 ("),
             run.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestGitHubSession)
#include "github_session_test.moc"
