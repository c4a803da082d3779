// `env check` and `env scan-repo` in-process against the built-in sandbox (--sandbox): exit
// codes, the --json shape, annotations and the step summary.
#include "tests/app/adapter/http_test_server.h"
#include "tests/app/cli/cli_run.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <sstream>

using releasedesk::cli::CliApp;
using releasedesk::cli::CommandContext;

namespace {

using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;

QStringList envCheck(QStringList extra = {}) {
  return QStringList{QStringLiteral("env"), QStringLiteral("check"), QStringLiteral("--sandbox")} + extra;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace

class TestEnvCommand : public QObject {
  Q_OBJECT

 private slots:
  void sandboxIsIncomplete() {
    const Run run = runInProcess(envCheck());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.find("incomplete (14 of 18 ready)") != std::string::npos, run.out.c_str());
    QVERIFY(run.out.find("[missing ] ACA_MIGRATE_JOB_NAME") != std::string::npos);
    QVERIFY(run.out.find("[unknown ] AZURE_IDENTITY_CLIENT_ID") != std::string::npos);
  }

  void jsonShape() {
    const Run run = runInProcess(envCheck({QStringLiteral("--json")}));
    QCOMPARE(run.exitCode, 1);
    const auto doc = nlohmann::json::parse(run.out);
    QCOMPARE(doc["environment"].get<std::string>(), std::string("production"));
    QCOMPARE(doc["complete"].get<bool>(), false);
    std::map<std::string, std::string> status;
    for (const auto& item : doc["items"]) {
      QVERIFY(item["kind"] == "variable" || item["kind"] == "secret");
      QVERIFY(item["required"].is_boolean());
      QVERIFY(item["messages"].is_array());
      status[item["name"]] = item["status"];
    }
    QCOMPARE(status["ACA_MIGRATE_JOB_NAME"], std::string("missing"));
    QCOMPARE(status["AZURE_SUBSCRIPTION_ID"], std::string("invalid"));
    QCOMPARE(status["AZURE_IDENTITY_CLIENT_ID"], std::string("unknown"));
    QCOMPARE(status["ACR_NAME"], std::string("ok"));
  }

  void completeWithALenientLocalProfile() {
    // A profile that asks only for what the sandbox has, and a workflow that uses only that.
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("profile.json"));
    const QString workflow = dir.filePath(QStringLiteral("wf.yml"));
    QVERIFY(writeFile(profile, R"({"extends": "none", "infraParameters": null,
        "variables": [{"name": "ACR_NAME", "format": "acr-name"}], "secrets": [{"name": "AZURE_DEPLOY_CLIENT_ID"}]})"));
    QVERIFY(writeFile(workflow,
                      "jobs:\n  a:\n    steps:\n      - run: echo ${{ vars.ACR_NAME }} ${{ secrets.GITHUB_TOKEN }}\n"));
    const Run run =
        runInProcess(envCheck({QStringLiteral("--profile"), profile, QStringLiteral("--workflow"), workflow}));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.find(": complete (2 of 2 ready)") != std::string::npos, run.out.c_str());
  }

  void usageAndConnectionErrorsExitTwo() {
    QCOMPARE(runInProcess(envCheck({QStringLiteral("--profile"), QStringLiteral("/no/such/profile.json")})).exitCode,
             2);
    QCOMPARE(runInProcess(envCheck({QStringLiteral("extra")})).exitCode, 2);
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("bad.json"));
    QVERIFY(writeFile(profile, R"({"variables": [{"name": "ACR_NAME", "format": "nope"}]})"));
    const Run bad = runInProcess(envCheck({QStringLiteral("--profile"), profile}));
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.err.find("variables[0].format") != std::string::npos);
    // No token and no sandbox: a connection error, not a verdict.
    const Run noRepo = runInProcess({QStringLiteral("env"), QStringLiteral("check")});
    QCOMPARE(noRepo.exitCode, 2);
  }

  void profileFilesAreReadLikeManifests() {
    QTemporaryDir dir;
    // A FIFO would block a plain open forever; a huge file is refused at the cap.
    const QString fifo = dir.filePath(QStringLiteral("profile.fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const Run fromFifo = runInProcess(envCheck({QStringLiteral("--profile"), fifo}));
    QCOMPARE(fromFifo.exitCode, 2);
    QVERIFY2(fromFifo.err.find(fifo.toStdString() + " is not a regular file") != std::string::npos,
             fromFifo.err.c_str());
    const QString huge = dir.filePath(QStringLiteral("huge.json"));
    QVERIFY(writeFile(huge, QByteArray(2 * 1024 * 1024, ' ')));
    const Run fromHuge = runInProcess(envCheck({QStringLiteral("--profile"), huge}));
    QCOMPARE(fromHuge.exitCode, 2);
    QVERIFY2(fromHuge.err.find("larger than 1048576 bytes") != std::string::npos, fromHuge.err.c_str());
    const Run fromDevice = runInProcess(envCheck({QStringLiteral("--workflow"), QStringLiteral("/dev/zero")}));
    QCOMPARE(fromDevice.exitCode, 2);
    QVERIFY2(fromDevice.err.find("/dev/zero is not a regular file") != std::string::npos, fromDevice.err.c_str());
  }

  void aServerMessageIsEscapedAndSaidOnce() {
    // A server whose every answer carries a message made to inject workflow commands.
    releasedesk::test::HttpTestServer server;
    QVERIFY(server.isListening());
    const QByteArray body = "{\"message\": \"Forbidden\\n::error file=x::owned\\u001b]0;t\\u0007\\r\\n::add-mask::m\"}";
    server.setHandler([&](const releasedesk::test::RecordedRequest& request) {
      if (request.target.startsWith("/repos/o/r/") &&
          (request.target.contains("variables") || request.target.contains("secrets")))
        return releasedesk::test::ScriptedResponse::json(403, body);
      if (request.target == "/repos/o/r" || request.target.startsWith("/repos/o/r?"))
        return releasedesk::test::ScriptedResponse::json(200, "{\"full_name\": \"o/r\"}");
      return releasedesk::test::ScriptedResponse::json(404, "{\"message\": \"Not Found\"}");
    });
    QTemporaryDir dir;
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("t0ken"));
    environment.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    environment.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
    const Run run = runInProcess({QStringLiteral("env"), QStringLiteral("check"), QStringLiteral("--api-url"),
                                  server.url(QString()), QStringLiteral("--repo"), QStringLiteral("o/r")},
                                 environment);
    QCOMPARE(run.exitCode, 1);
    for (const std::string* text : {&run.out, &run.err}) {
      std::istringstream lines(*text);
      std::string line;
      while (std::getline(lines, line)) {
        QVERIFY2(!line.starts_with("::add-mask") && !line.starts_with("::error file=x::"), line.c_str());
        QVERIFY2(line.find('\x1b') == std::string::npos && line.find('\r') == std::string::npos, line.c_str());
      }
    }
    // Said once for each list GitHub refused (three levels of variables and of secrets) in the
    // text and once more in each list's annotation, never once per variable and secret.
    std::size_t said = 0;
    for (std::size_t at = run.out.find("::owned"); at != std::string::npos; at = run.out.find("::owned", at + 1))
      ++said;
    QCOMPARE(said, std::size_t{12});
    QVERIFY2(run.out.find("Forbidden\\n::error file=x::owned\\x1b]0;t\\x07") != std::string::npos, run.out.c_str());
    QFile file(summary);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray markdown = file.readAll();
    QVERIFY(!markdown.contains('\x1b'));
    QVERIFY(!markdown.contains("\n::"));
  }

  void annotationsAndStepSummary() {
    QTemporaryDir dir;
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    environment.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
    const Run run = runInProcess(envCheck(), environment);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.find("::error title=ACA_MIGRATE_JOB_NAME::") != std::string::npos, run.out.c_str());
    QVERIFY(run.out.find("::error file=.github/workflows/production-stage.yml,line=") != std::string::npos);
    QFile file(summary);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray markdown = file.readAll();
    QVERIFY(markdown.contains("| Name | Kind | Required | Status |"));
    QVERIFY(markdown.contains("| `ACR_NAME` | variable | required | \xe2\x9c\x85 ok | repository (inherited) |"));
  }

  void scanRepoFindsCommittedValues() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("infra")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("infra/params.json")), "{\n  \"rg\": \"rg-shop-prod\"\n}\n"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("README.md")), "region westeurope is fine\n"));
    const QStringList args{QStringLiteral("env"), QStringLiteral("scan-repo"), QStringLiteral("--sandbox"), dir.path()};
    const Run run = runInProcess(args);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.find("infra/params.json:2: the value of AZURE_RESOURCE_GROUP") != std::string::npos,
             run.out.c_str());
    QVERIFY(run.out.find("rg-shop-prod") == std::string::npos);  // never echoes the value
    QVERIFY(run.out.find("README.md") == std::string::npos);     // AZURE_LOCATION is ignored
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("infra/params.json"))));
    QCOMPARE(runInProcess(args).exitCode, 0);
  }
};

QTEST_GUILESS_MAIN(TestEnvCommand)
#include "env_command_test.moc"
