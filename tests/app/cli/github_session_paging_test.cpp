// Console commands over a GitHub stand-in on loopback that paginates badly: a next link back to a
// page already read ends the command with an error (not a loop), and a list cut at the page cap
// is said on stderr and as "truncated" in --json.
#include "tests/app/adapter/http_test_server.h"
#include "tests/app/cli/cli_run.h"

#include <QProcessEnvironment>
#include <QTest>

#include <nlohmann/json.hpp>

using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;
using namespace releasedesk::test;

namespace {

QProcessEnvironment environment() {
  QProcessEnvironment env;
  env.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("loopback-token"));
  return env;
}

QStringList command(const HttpTestServer& server, const QStringList& args) {
  return args + QStringList{QStringLiteral("--api-url"), server.url({}), QStringLiteral("--repo"),
                            QStringLiteral("octo/desk")};
}

int count(const HttpTestServer& server, const QByteArray& pathPart) {
  int n = 0;
  for (const RecordedRequest& request : server.requests()) n += request.target.contains(pathPart) ? 1 : 0;
  return n;
}

const QByteArray kProductionRuns = "/actions/workflows/production-stage.yml/runs";
const QByteArray kEnvironmentVariables = "/environments/production/variables";

// Empty answers for everything a command reads, except `paginated`, answered by `page`.
HttpTestServer::Handler emptyExcept(const QByteArray& paginated,
                                    const std::function<ScriptedResponse(const RecordedRequest&)>& page) {
  return [paginated, page](const RecordedRequest& request) {
    if (request.target.contains(paginated)) return page(request);
    if (request.target.contains("/runs?") || request.target.endsWith("/runs"))
      return ScriptedResponse::json(200, R"({"total_count":0,"workflow_runs":[]})");
    if (request.target.contains("/variables"))
      return ScriptedResponse::json(200, R"({"total_count":0,"variables":[]})");
    if (request.target.contains("/secrets")) return ScriptedResponse::json(200, R"({"total_count":0,"secrets":[]})");
    if (request.target.contains("/deployments")) return ScriptedResponse::json(200, "[]");
    if (request.target.contains("/environments/production"))
      return ScriptedResponse::json(200, R"({"id":1,"name":"production","protection_rules":[]})");
    return ScriptedResponse::json(404, R"({"message":"Not Found"})");
  };
}

}  // namespace

class TestGitHubSessionPaging : public QObject {
  Q_OBJECT

 private slots:
  // The stand-in's runs list names itself as the next page: one request, then an error, exit 2.
  void nextLinkToItselfEndsTheCommandWithAnError() {
    HttpTestServer server;
    server.setHandler(emptyExcept(kProductionRuns, [&server](const RecordedRequest& request) {
      const QByteArray self = server.url(QString::fromUtf8(request.target)).toUtf8();
      return ScriptedResponse::json(
          200, R"({"total_count":9,"workflow_runs":[{"id":1,"status":"completed","conclusion":"success"}]})",
          {{"Link", "<" + self + ">; rel=\"next\""}});
    }));
    const Run run =
        runInProcess(command(server, {QStringLiteral("timeline"), QStringLiteral("--json")}), environment());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("leads back to a page already read") != std::string::npos, run.err.c_str());
    QVERIFY(run.out.empty());
    QCOMPARE(count(server, kProductionRuns), 1);
    QVERIFY2(server.requests().size() < 10, qPrintable(QString::number(server.requests().size())));
  }

  // Every page names a new next page: the list stops at the cap, and the command says so.
  void listCutAtThePageCapIsSaid() {
    HttpTestServer server;
    int pages = 0;
    server.setHandler(emptyExcept(kProductionRuns, [&](const RecordedRequest&) {
      const QByteArray next = server
                                  .url(QString::fromUtf8(kProductionRuns) + QStringLiteral("?per_page=100&page=") +
                                       QString::number(++pages + 1))
                                  .toUtf8();
      return ScriptedResponse::json(200, R"({"total_count":100000,"workflow_runs":[]})",
                                    {{"Link", "<" + next + ">; rel=\"next\""}});
    }));
    const Run json =
        runInProcess(command(server, {QStringLiteral("timeline"), QStringLiteral("--json")}), environment());
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(count(server, kProductionRuns), 50);
    QVERIFY2(json.err.find("warning: 1 list from GitHub had more than 50 pages and was cut there") != std::string::npos,
             json.err.c_str());
    const auto doc = nlohmann::json::parse(json.out);
    QVERIFY(doc["truncated"].get<bool>());
    QVERIFY(doc["runs"].is_array());

    const Run text = runInProcess(command(server, {QStringLiteral("timeline")}), environment());
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.err.find("was cut there") != std::string::npos, text.err.c_str());
  }

  void wholeListIsNotTruncated() {
    HttpTestServer server;
    server.setHandler(emptyExcept(kProductionRuns, [](const RecordedRequest&) {
      return ScriptedResponse::json(200, R"({"total_count":0,"workflow_runs":[]})");
    }));
    const Run run =
        runInProcess(command(server, {QStringLiteral("timeline"), QStringLiteral("--json")}), environment());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.find("cut there") == std::string::npos, run.err.c_str());
    QVERIFY(!nlohmann::json::parse(run.out)["truncated"].get<bool>());
  }

  void environmentCheckSaysItsListWasCut() {
    HttpTestServer server;
    int pages = 0;
    server.setHandler(emptyExcept(kEnvironmentVariables, [&](const RecordedRequest&) {
      const QByteArray next =
          server
              .url(QStringLiteral("/repos/octo/desk/environments/production/variables?per_page=30&page=") +
                   QString::number(++pages + 1))
              .toUtf8();
      return ScriptedResponse::json(200, R"({"total_count":100000,"variables":[{"name":"X","value":"1"}]})",
                                    {{"Link", "<" + next + ">; rel=\"next\""}});
    }));
    const Run run = runInProcess(
        command(server, {QStringLiteral("env"), QStringLiteral("check"), QStringLiteral("--json")}), environment());
    QVERIFY2(run.exitCode == 0 || run.exitCode == 1, run.err.c_str());
    QCOMPARE(count(server, kEnvironmentVariables), 50);
    QVERIFY2(run.err.find("had more than 50 pages") != std::string::npos, run.err.c_str());
    QVERIFY(nlohmann::json::parse(run.out)["truncated"].get<bool>());
  }

  void candidatesSayTheirListWasCut() {
    HttpTestServer server;
    const QByteArray acceptanceRuns = "/actions/workflows/acceptance-stage.yml/runs";
    int pages = 0;
    server.setHandler(emptyExcept(acceptanceRuns, [&](const RecordedRequest&) {
      const QByteArray next = server
                                  .url(QString::fromUtf8(acceptanceRuns) + QStringLiteral("?per_page=100&page=") +
                                       QString::number(++pages + 1))
                                  .toUtf8();
      return ScriptedResponse::json(200, R"({"total_count":100000,"workflow_runs":[]})",
                                    {{"Link", "<" + next + ">; rel=\"next\""}});
    }));
    const Run run =
        runInProcess(command(server, {QStringLiteral("candidates"), QStringLiteral("--json")}), environment());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(count(server, acceptanceRuns) >= 50, qPrintable(QString::number(count(server, acceptanceRuns))));
    QVERIFY2(run.err.find("had more than 50 pages") != std::string::npos, run.err.c_str());
    QVERIFY(nlohmann::json::parse(run.out)["truncated"].get<bool>());
  }
};

QTEST_GUILESS_MAIN(TestGitHubSessionPaging)
#include "github_session_paging_test.moc"
