// `env check` and `env scan-repo` in-process against the built-in sandbox (--sandbox): exit
// codes, the --json shape, annotations and the step summary.
#include "tests/app/cli/cli_run.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

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
