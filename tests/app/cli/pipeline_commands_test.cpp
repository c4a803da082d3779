// The runbook's jobs in-process: `candidate load` from a tree, from the sandbox and from the
// sandbox server with faults (rejected, missing, expired, 5xx), `stale-guard` and `record`, with
// GitHub Actions annotations and the $GITHUB_OUTPUT file.
#include "tests/app/cli/cli_run.h"

#include "app/sandbox_server/sandbox_server.h"

#include "core/sandbox/sandbox_repository.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace releasedesk;
using namespace releasedesk::cli;
using namespace releasedesk::cli::testing;

namespace {

const QString kAccepted = QStringLiteral("a13e390e0d8caef0d8a77d1c754990fd5275835c");  // main's head
const QString kRejected = QStringLiteral("85d2a9aa9ac858626fab413f82497b67316cc715");  // gate: failure
const QString kOlder = QStringLiteral("4bd780cba4864856691dedee9ca56d1ea87442c5");     // accepted, not head
const QString kNeverAccepted = QStringLiteral("cd1287ea0aba93e4c72cb3677b786060d72c4a11");
const QString kSampleAccepted = QStringLiteral("0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8");

std::string readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return file.readAll().toStdString();
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TimePoint nowSeconds() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

// A repository and its loopback server, faults programmable.
struct Server {
  SandboxRepository repository{nowSeconds()};
  SandboxServer server{repository};
};

QStringList serverArgs(Server& s) {
  return {QStringLiteral("--api-url"), s.server.url(), QStringLiteral("--repo"), QStringLiteral("contoso/shop")};
}

SandboxFault alwaysAnswer(const QByteArray& path, int status, const QByteArray& body) {
  SandboxFault fault;
  fault.method = "GET";
  fault.path = path;
  fault.times = 0;
  fault.action = SandboxFault::Action::Status;
  fault.status = status;
  fault.headers = {{"content-type", "application/json"}};
  fault.body = body;
  return fault;
}

}  // namespace

class PipelineCommandsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString artifacts_;
  QString outputFile_;
  QString summaryFile_;

  // GitHub Actions with empty output and summary files, plus `extra`.
  QProcessEnvironment actions(const QStringList& extra = {}) {
    QFile(outputFile_).remove();
    QFile(summaryFile_).remove();
    QFile(outputFile_).open(QIODevice::WriteOnly);
    QFile(summaryFile_).open(QIODevice::WriteOnly);
    QProcessEnvironment env;
    env.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    env.insert(QStringLiteral("GITHUB_OUTPUT"), outputFile_);
    env.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summaryFile_);
    for (const QString& pair : extra)
      env.insert(pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1));
    return env;
  }

  QString manifestIn(const QString& tree, const QString& sha) const {
    return QDir(tree).filePath(QStringLiteral("acceptance/%1/evidence-manifest.json").arg(sha));
  }

  // A fresh artifact tree with the sample manifest of `sha` copied in.
  QString treeWith(const QString& name, const QString& sha) {
    const QString tree = dir_.filePath(name);
    QDir().mkpath(QFileInfo(manifestIn(tree, sha)).absolutePath());
    QFile::copy(QStringLiteral(RELEASEDESK_SAMPLE_DIR "/acceptance/%1/evidence-manifest.json").arg(sha),
                manifestIn(tree, sha));
    return tree;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    artifacts_ = dir_.filePath(QStringLiteral("artifacts"));
    outputFile_ = dir_.filePath(QStringLiteral("github-output"));
    summaryFile_ = dir_.filePath(QStringLiteral("step-summary"));
  }

  // ---- candidate load ----------------------------------------------------------------------

  void loadsFromATreeAndWritesTheOutputs() {
    const QString tree = treeWith(QStringLiteral("tree"), kSampleAccepted);
    const Run run = runInProcess({QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"),
                                  kSampleAccepted, QStringLiteral("--artifacts"), tree},
                                 actions());
    QCOMPARE(run.exitCode, 0);
    const auto manifest = nlohmann::json::parse(readAll(manifestIn(tree, kSampleAccepted)));
    QCOMPARE(readAll(outputFile_),
             "sha=0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8\n"
             "kind=runtime\n"
             "api_ref=" +
                 manifest["candidate"]["apiRef"].get<std::string>() + "\n" +
                 "web_ref=" + manifest["candidate"]["webRef"].get<std::string>() + "\n" +
                 "scope_identity=false\nscope_infra=true\nscope_runtime=true\nscope_migrations=true\n");
    QVERIFY(contains(readAll(summaryFile_), kSampleAccepted.toStdString()));
  }

  void jsonCarriesTheOutputsAndTheReport() {
    const QString tree = treeWith(QStringLiteral("tree-json"), kSampleAccepted);
    const Run run = runInProcess({QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"),
                                  kSampleAccepted, QStringLiteral("--artifacts"), tree, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const auto doc = nlohmann::json::parse(run.out);
    QCOMPARE(doc["accepted"].get<bool>(), true);
    QCOMPARE(doc["outputs"]["scope_infra"].get<std::string>(), std::string("true"));
    QCOMPARE(doc["report"]["verdict"].get<std::string>(), std::string("accepted"));
    QVERIFY(doc["fetched"].is_null());
  }

  void downloadsFromTheSandboxAndWritesTheManifestIntoTheTree() {
    const QString tree = dir_.filePath(QStringLiteral("from-sandbox"));
    const Run run = runInProcess({QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"),
                                  kAccepted, QStringLiteral("--artifacts"), tree, QStringLiteral("--sandbox")},
                                 actions());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(QFile::exists(manifestIn(tree, kAccepted)), run.err.c_str());
    QVERIFY(contains(run.err, "Downloaded acceptance-evidence-" + kAccepted.toStdString()));
    QVERIFY(contains(readAll(outputFile_), "scope_runtime=true\n"));
    QVERIFY(contains(readAll(outputFile_), "web_ref=contosoprod.azurecr.io/shop/web@sha256:"));
  }

  void aRejectedCandidateFailsWithAnAnnotationAndNoRefs() {
    const QString tree = dir_.filePath(QStringLiteral("rejected"));
    const Run run = runInProcess({QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"),
                                  kRejected, QStringLiteral("--artifacts"), tree, QStringLiteral("--sandbox")},
                                 actions());
    QCOMPARE(run.exitCode, 1);
    const std::string file = manifestIn(tree, kRejected).toStdString();
    QVERIFY2(contains(run.out, "::error file=" + file + ",title=candidate load::Candidate " + kRejected.toStdString() +
                                   " is rejected: the production stage deploys accepted candidates only"),
             run.out.c_str());
    QVERIFY(contains(run.out, "::error file=" + file + ",title=/checks/acceptanceStageGate::"));
    QCOMPARE(readAll(outputFile_), std::string());
  }

  void aCommitWithoutAcceptanceRunFails() {
    const Run run =
        runInProcess({QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"), kNeverAccepted,
                      QStringLiteral("--artifacts"), artifacts_, QStringLiteral("--sandbox")},
                     actions());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(contains(run.out,
                      "title=candidate load::There is no completed Acceptance Stage run (acceptance-stage.yml) "
                      "for " +
                          kNeverAccepted.toStdString() + ": the candidate was never accepted."),
             run.out.c_str());
    QCOMPARE(readAll(outputFile_), std::string());
    QVERIFY(!QFile::exists(manifestIn(artifacts_, kNeverAccepted)));
  }

  void anExpiredArtifactFails() {
    Server s;
    QVERIFY(s.server.listen());
    s.server.addFaults({alwaysAnswer(
        "/repos/contoso/shop/actions/artifacts/", 410,
        "{\"message\":\"Artifact has expired\",\"documentation_url\":\"https://docs.github.com/rest\"}")});
    const Run run =
        runInProcess(QStringList{QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"),
                                 kAccepted, QStringLiteral("--artifacts"), dir_.filePath(QStringLiteral("expired"))} +
                         serverArgs(s),
                     actions({QStringLiteral("GH_TOKEN=test-token")}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(
        contains(run.out, "title=candidate load::The evidence artifact acceptance-evidence-" + kAccepted.toStdString()),
        run.out.c_str());
    QVERIFY(contains(run.out, "has expired: "));
    QVERIFY(!contains(readAll(outputFile_), "api_ref"));
  }

  void aServerErrorFailsClosedWithGitHubsSentence() {
    Server s;
    QVERIFY(s.server.listen());
    s.server.addFaults({alwaysAnswer("/repos/contoso/shop/actions/workflows/acceptance-stage.yml/runs", 503,
                                     "{\"message\":\"Service Unavailable\"}")});
    const Run run = runInProcess(
        QStringList{QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"), kAccepted,
                    QStringLiteral("--artifacts"), dir_.filePath(QStringLiteral("five-oh-three"))} +
            serverArgs(s),
        actions({QStringLiteral("GH_TOKEN=test-token")}));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(
        contains(run.out, "::error file=") && contains(run.out, "title=candidate load::") && contains(run.out, "503"),
        run.out.c_str());
    QCOMPARE(readAll(outputFile_), std::string());
  }

  void aShortShaIsAUsageError() {
    const Run run = runInProcess(
        {QStringLiteral("candidate"), QStringLiteral("load"), QStringLiteral("--sha"), QStringLiteral("a13e390")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, std::string("releasedesk-cli candidate load: --sha needs the full 40-character lowercase commit "
                                  "SHA, not 'a13e390'.\n"));
  }

  // ---- stale-guard -------------------------------------------------------------------------

  void theHeadProceeds() {
    const Run run =
        runInProcess({QStringLiteral("stale-guard"), QStringLiteral("--sha"), kAccepted, QStringLiteral("--sandbox")},
                     actions({QStringLiteral("GITHUB_EVENT_NAME=workflow_run")}));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(contains(readAll(outputFile_),
                     "proceed=true\nreason=" + kAccepted.toStdString() + " is the head of main and "));
    QVERIFY(contains(run.out, "::notice title=stale-guard::"));
  }

  void anOlderCandidateIsSupersededButDecided() {
    const Run run =
        runInProcess({QStringLiteral("stale-guard"), QStringLiteral("--sha"), kOlder, QStringLiteral("--event"),
                      QStringLiteral("workflow_run"), QStringLiteral("--sandbox")},
                     actions());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(readAll(outputFile_), "proceed=false\nreason=main has moved on: its head " + kAccepted.toStdString() +
                                       " supersedes " + kOlder.toStdString() +
                                       ", and an auto promotion deploys only the branch's head.\n");
    QVERIFY(contains(run.out, "::warning title=stale-guard::main has moved on"));
  }

  void aReplayProceeds() {
    const Run run =
        runInProcess({QStringLiteral("stale-guard"), QStringLiteral("--sha"), kOlder, QStringLiteral("--json")},
                     actions({QStringLiteral("GITHUB_EVENT_NAME=workflow_dispatch")}));
    QCOMPARE(run.exitCode, 0);
    const auto doc = nlohmann::json::parse(run.out);
    QCOMPARE(doc["proceed"].get<bool>(), true);
    QCOMPARE(doc["event"].get<std::string>(), std::string("workflow_dispatch"));
    QVERIFY(contains(readAll(outputFile_), "proceed=true\n"));
  }

  void noEventFailsClosed() {
    const Run run = runInProcess({QStringLiteral("stale-guard"), QStringLiteral("--sha"), kAccepted}, actions());
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(readAll(outputFile_), std::string("proceed=false\nreason=The event that started the workflow could not be "
                                               "read: pass --event or set GITHUB_EVENT_NAME.\n"));
    QVERIFY(contains(run.out, "::error title=stale-guard::The event that started the workflow could not be read"));
  }

  void aServerErrorFailsClosed() {
    Server s;
    QVERIFY(s.server.listen());
    s.server.addFaults({alwaysAnswer("/repos/contoso/shop/deployments", 500, "{\"message\":\"Server Error\"}")});
    const Run run = runInProcess(QStringList{QStringLiteral("stale-guard"), QStringLiteral("--sha"), kAccepted,
                                             QStringLiteral("--event"), QStringLiteral("workflow_run")} +
                                     serverArgs(s),
                                 actions({QStringLiteral("GH_TOKEN=test-token")}));
    QCOMPARE(run.exitCode, 1);
    const std::string output = readAll(outputFile_);
    QVERIFY2(output.rfind("proceed=false\nreason=The live production deployment could not be read: ", 0) == 0,
             output.c_str());
    QVERIFY(contains(run.out, "::error title=stale-guard::The live production deployment could not be read"));
  }

  // ---- record ------------------------------------------------------------------------------

  void recordsAnAcceptedCandidate() {
    const QString tree = treeWith(QStringLiteral("record"), kSampleAccepted);
    const Run run = runInProcess(
        {QStringLiteral("record"), QStringLiteral("--sha"), kSampleAccepted, QStringLiteral("--outcome"),
         QStringLiteral("success"), QStringLiteral("--artifacts"), tree, QStringLiteral("--job"),
         QStringLiteral("stale-guard=skipped"), QStringLiteral("--job"), QStringLiteral("production-mutate=success"),
         QStringLiteral("--deployment-id"), QStringLiteral("77")},
        actions({QStringLiteral("GITHUB_RUN_ID=9001"), QStringLiteral("GITHUB_RUN_ATTEMPT=1"),
                 QStringLiteral("GITHUB_REPOSITORY=contoso/shop"),
                 QStringLiteral("GITHUB_SERVER_URL=https://github.com"),
                 QStringLiteral("GITHUB_EVENT_NAME=workflow_dispatch"), QStringLiteral("GITHUB_ACTOR=aisha-ops")}));
    QCOMPARE(run.exitCode, 0);
    const QString folder = QDir(tree).filePath(QStringLiteral("production/") + kSampleAccepted);
    const auto record = nlohmann::json::parse(readAll(folder + QStringLiteral("/deployment-record.json")));
    const auto manifest = nlohmann::json::parse(readAll(manifestIn(tree, kSampleAccepted)));
    QVERIFY(record["candidate"]["apiRef"] == manifest["candidate"]["apiRef"]);
    QVERIFY(record["candidate"]["webRef"] == manifest["candidate"]["webRef"]);
    QCOMPARE(record["workflowRun"]["url"].get<std::string>(),
             std::string("https://github.com/contoso/shop/actions/runs/9001"));
    QCOMPARE(record["workflowRun"]["actor"].get<std::string>(), std::string("aisha-ops"));
    QCOMPARE(record["deploymentId"].get<int>(), 77);
    const auto result = nlohmann::json::parse(readAll(folder + QStringLiteral("/result.json")));
    QCOMPARE(result["outcome"].get<std::string>(), std::string("success"));
    QCOMPARE(result["jobs"]["stale-guard"].get<std::string>(), std::string("skipped"));
    QVERIFY(contains(readAll(outputFile_), "outcome=success\n"));
  }

  void aRejectedCandidateIsNotRecorded() {
    const QString tree = treeWith(QStringLiteral("record-rejected"), kRejected);
    const Run run =
        runInProcess({QStringLiteral("record"), QStringLiteral("--sha"), kRejected, QStringLiteral("--outcome"),
                      QStringLiteral("failure"), QStringLiteral("--artifacts"), tree},
                     actions());
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!QDir(QDir(tree).filePath(QStringLiteral("production"))).exists());
    QVERIFY(contains(run.out, "title=record::No record written: the evidence at "));
    QVERIFY(contains(run.out, " is rejected, and only an accepted candidate is recorded."));
  }

  void aMissingManifestIsNotRecorded() {
    const QString tree = dir_.filePath(QStringLiteral("record-missing"));
    const Run run =
        runInProcess({QStringLiteral("record"), QStringLiteral("--sha"), kAccepted, QStringLiteral("--outcome"),
                      QStringLiteral("cancelled"), QStringLiteral("--artifacts"), tree});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!QDir(tree).exists());
    QVERIFY(contains(
        run.err, "error: No record written: the evidence of " + kAccepted.toStdString() + " could not be read from "));
  }

  void badRecordArgumentsAreUsageErrors() {
    const QStringList base{QStringLiteral("record"), QStringLiteral("--sha"), kSampleAccepted};
    Run run = runInProcess(base + QStringList{QStringLiteral("--outcome"), QStringLiteral("maybe")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, std::string("releasedesk-cli record: --outcome must be success, failure or cancelled, not "
                                  "'maybe'.\n"));
    run = runInProcess(base + QStringList{QStringLiteral("--outcome"), QStringLiteral("success"),
                                          QStringLiteral("--job"), QStringLiteral("deploy")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(
        run.err,
        std::string("releasedesk-cli record: --job takes NAME=success|failure|cancelled|skipped, not 'deploy'.\n"));
    run = runInProcess(base + QStringList{QStringLiteral("--outcome"), QStringLiteral("success"),
                                          QStringLiteral("--deployment-id"), QStringLiteral("-3")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, std::string("releasedesk-cli record: --deployment-id takes a positive number, not '-3'.\n"));
  }

  void theCommandsAreListedWithHelp() {
    const Run list = runInProcess({QStringLiteral("--help")});
    QVERIFY(contains(list.out, "candidate load"));
    QVERIFY(contains(list.out, "stale-guard"));
    QVERIFY(contains(list.out, "record"));
    const Run help = runInProcess({QStringLiteral("stale-guard"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(contains(help.out, "Usage: releasedesk-cli stale-guard [options]"));
    QVERIFY(contains(help.out, "1 undecided because something could not be read"));
  }
};

QTEST_GUILESS_MAIN(PipelineCommandsTest)
#include "pipeline_commands_test.moc"
