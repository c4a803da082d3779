// `workflow lint` in-process: exit codes 0/1/2, the --json shape, a FIFO refused, and the
// annotations and step summary under GITHUB_ACTIONS=true.
#include "tests/app/cli/cli_run.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;

namespace {

QStringList lint(QStringList extra = {}) {
  return QStringList{QStringLiteral("workflow"), QStringLiteral("lint")} + extra;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

const QString kExample = QStringLiteral(RELEASEDESK_EXAMPLE_WORKFLOW);

// The example with its stale-guard gate removed and a rebuild added: two errors.
QByteArray brokenExample() {
  QFile file(kExample);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QByteArray text = file.readAll();
  text.replace("(needs.stale-guard.result == 'success' && needs.stale-guard.outputs.proceed == 'true') ||",
               "needs.load-accepted-candidate.result == 'success' ||");
  text.replace("(github.event_name == 'workflow_dispatch' && needs.stale-guard.result == 'skipped')",
               "github.event_name == 'workflow_dispatch'");
  text.replace("az containerapp update --name \"${{ vars.ACA_API_APP_NAME }}\"",
               "docker build -t api . && az containerapp update --name \"${{ vars.ACA_API_APP_NAME }}\"");
  return text;
}

QProcessEnvironment actionsEnvironment(const QString& summary) {
  QProcessEnvironment environment;
  environment.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
  environment.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
  return environment;
}

}  // namespace

class TestWorkflowCommand : public QObject {
  Q_OBJECT

 private slots:
  void theExampleIsClean() {
    const Run run = runInProcess(lint({kExample}));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.find("no finding") != std::string::npos, run.out.c_str());
  }

  void defaultsToTheProductionStageFile() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(QStringLiteral(".github/workflows")));
    QVERIFY(QFile::copy(kExample, dir.filePath(QStringLiteral(".github/workflows/production-stage.yml"))));
    const QString previous = QDir::currentPath();
    QDir::setCurrent(dir.path());
    const Run run = runInProcess(lint());
    QDir::setCurrent(previous);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.find(".github/workflows/production-stage.yml: no finding") != std::string::npos, run.out.c_str());
  }

  void errorsExitOneWithFileLineColumn() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("production-stage.yml"));
    QVERIFY(writeFile(path, brokenExample()));
    const Run run = runInProcess(lint({path}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.find(": error [fail-closed] ") != std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find(": error [deploy-only] ") != std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find(path.toStdString() + ":") == 0, run.out.c_str());
  }

  void jsonShape() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("production-stage.yml"));
    QVERIFY(writeFile(path, brokenExample()));
    const Run run = runInProcess(lint({path, QStringLiteral("--json")}));
    QCOMPARE(run.exitCode, 1);
    const auto doc = nlohmann::json::parse(run.out);
    QCOMPARE(doc["file"].get<std::string>(), path.toStdString());
    QCOMPARE(doc["findings"].size(), std::size_t(2));
    for (const auto& f : doc["findings"]) {
      QVERIFY(f["rule"].is_string());
      QCOMPARE(f["severity"].get<std::string>(), std::string("error"));
      QVERIFY(f["line"].get<int>() > 0);
      QVERIFY(f["column"].get<int>() > 0);
      QVERIFY(!f["message"].get<std::string>().empty());
    }
    const Run clean = runInProcess(lint({kExample, QStringLiteral("--json")}));
    QCOMPARE(clean.exitCode, 0);
    QVERIFY(nlohmann::json::parse(clean.out)["findings"].empty());
  }

  void unreadableOrMalformedExitTwo() {
    QTemporaryDir dir;
    QCOMPARE(runInProcess(lint({dir.filePath(QStringLiteral("missing.yml"))})).exitCode, 2);
    QCOMPARE(runInProcess(lint({dir.path()})).exitCode, 2);  // a folder
    const QString malformed = dir.filePath(QStringLiteral("bad.yml"));
    QVERIFY(writeFile(malformed, "name: x\non:\n  push: [a\n"));
    const Run run = runInProcess(lint({malformed}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("not valid YAML") != std::string::npos, run.err.c_str());
    QCOMPARE(runInProcess(lint({QStringLiteral("a.yml"), QStringLiteral("b.yml")})).exitCode, 2);
  }

  void tooLargeIsRefused() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.yml"));
    QVERIFY(writeFile(path, QByteArray("# ") + QByteArray(1024 * 1024, 'x') + "\n"));
    const Run run = runInProcess(lint({path}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("larger than 1 MiB") != std::string::npos, run.err.c_str());
  }

  void aFifoIsRefusedWithoutBlocking() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fifo.yml"));
    QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    const Run run = runInProcess(lint({path}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("not a regular file") != std::string::npos, run.err.c_str());
  }

  void annotationsAndSummaryUnderGitHubActions() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("production-stage.yml"));
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    QVERIFY(writeFile(path, brokenExample()));
    const Run run = runInProcess(lint({path}), actionsEnvironment(summary));
    QCOMPARE(run.exitCode, 1);
    const std::string prefix = "::error file=" + path.toStdString() + ",line=";
    QVERIFY2(run.out.find(prefix) != std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find(",title=fail-closed::") != std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find(",col=") != std::string::npos, run.out.c_str());
    QFile file(summary);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray markdown = file.readAll();
    QVERIFY2(markdown.contains("| error | deploy-only |"), markdown.constData());

    // With --json the annotations go to stderr and stdout stays one document.
    const Run json = runInProcess(lint({path, QStringLiteral("--json")}), actionsEnvironment(summary));
    QCOMPARE(json.exitCode, 1);
    QVERIFY(nlohmann::json::parse(json.out).is_object());
    QVERIFY2(json.err.find("::error file=") != std::string::npos, json.err.c_str());
  }

  void annotationMessagesAreEscaped() {
    // A job name with a line break and a percent sign must not start or end a workflow command.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.yml"));
    QVERIFY(writeFile(path, "on: push\njobs:\n  \"a\\n::error::forged 100%\":\n    runs-on: x\n"));
    const Run run = runInProcess(lint({path}), actionsEnvironment(QString()));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.find("a?::error::forged 100%25") != std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find("\n::error::forged") == std::string::npos, run.out.c_str());
  }
};

QTEST_GUILESS_MAIN(TestWorkflowCommand)
#include "workflow_command_test.moc"
