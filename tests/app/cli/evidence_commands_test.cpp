// `evidence verify` and `evidence list` on hostile input: values that try to inject workflow
// commands or terminal sequences, files that are not regular files, links that leave the
// folder named, unreadable files; text, --json, annotations and the step summary.
#include "tests/app/cli/cli_run.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;
using namespace std::string_literals;

const std::string kSha = "4bd780cba4864856691dedee9ca56d1ea87442c5";
const std::string kShaB = "85d2a9aa9ac858626fab413f82497b67316cc715";
// A payload that, printed raw, would start workflow commands and drive a terminal.
const std::string kInjection =
    "x\n::add-mask::owned\r\n::error file=x::owned\x1b]0;t\x07\x1b[2J\xc2\x9b"
    "0m"s +
    '\0';

// The payload as a JSON string literal.
std::string jsonString(const std::string& text) {
  return nlohmann::json(text).dump();
}

std::string hostileManifest(const std::string& sha) {
  return "{\"headSha\":\"" + sha + "\",\"kind\":" + jsonString("runtime" + kInjection) +
         ",\"scope\":{\"identity\":false,\"infra\":false,\"runtime\":true," + jsonString("k" + kInjection) +
         ":true},\"candidate\":{\"apiRef\":" + jsonString("acr.azurecr.io/api" + kInjection) +
         ",\"webRef\":\"acr.azurecr.io/web@sha256:" + std::string(64, 'a') +
         "\"},\"checks\":{\"acceptanceStageGate\":" + jsonString("success" + kInjection) + "}}";
}

void writeBytes(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// No line of `text` may start a workflow command other than the annotations `allowed` to start
// with, and no byte may drive a terminal.
void expectNoInjection(const std::string& text, const std::string& allowedPrefix = "\x01", bool json = false) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("::")) {
      QVERIFY2(line.starts_with(allowedPrefix), line.c_str());
      QVERIFY2(!line.starts_with("::add-mask") && !line.starts_with("::error file=x::"), line.c_str());
    }
    QVERIFY2(line.find('\r') == std::string::npos, line.c_str());
  }
  QVERIFY2(text.find('\x1b') == std::string::npos, text.c_str());
  QVERIFY2(text.find('\x07') == std::string::npos, text.c_str());
  QVERIFY2(text.find('\0') == std::string::npos, text.c_str());
  // JSON escapes C0 controls; a C1 control is valid JSON text and stays as it is.
  if (!json) QVERIFY2(text.find("\xc2\x9b") == std::string::npos, text.c_str());
}

QStringList args(std::initializer_list<QString> list) {
  return QStringList(list);
}

QString q(const fs::path& path) {
  return QString::fromStdString(path.string());
}

QProcessEnvironment actionsEnvironment(const QString& summary) {
  QProcessEnvironment environment;
  environment.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
  environment.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
  return environment;
}

std::string readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

}  // namespace

class TestEvidenceCommands : public QObject {
  Q_OBJECT

 private slots:
  void verifyTextEscapesEveryManifestValue() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "acceptance" / kSha / "evidence-manifest.json";
    writeBytes(file, hostileManifest(kSha));
    const Run run = runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), q(file)}));
    QCOMPARE(run.exitCode, 1);
    expectNoInjection(run.out);
    expectNoInjection(run.err);
    // The values are shown, escaped, not dropped.
    QVERIFY2(run.out.find("kind:   runtimex\\n::add-mask::owned\\r\\n::error file=x::owned\\x1b]0;t\\x07") !=
                 std::string::npos,
             run.out.c_str());
    QVERIFY(run.out.find("\\u009b0m\\x00") != std::string::npos);
    QVERIFY(run.out.find(" kx\\n::add-mask") != std::string::npos);
    QVERIFY(run.out.find("api:    acr.azurecr.io/apix\\n::add-mask") != std::string::npos);
    QVERIFY(run.out.find("gate:   successx\\n::add-mask") != std::string::npos);
  }

  void verifyFindingsThatQuoteAHostileHeadShaAreEscaped() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "m.json";
    writeBytes(file, "{\"headSha\":" + jsonString("abc" + kInjection) + ",\"kind\":\"runtime\"}");
    const Run run = runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), q(file)}));
    QCOMPARE(run.exitCode, 1);
    expectNoInjection(run.out);
    QVERIFY2(run.out.find("Candidate abcx\\n::add-mask::owned") != std::string::npos, run.out.c_str());
  }

  void verifyInActionsKeepsAnnotationsAndSummaryClean() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "m.json";
    writeBytes(file, "{\"headSha\":" + jsonString("abc" + kInjection) + ",\"kind\":" + jsonString(kInjection) +
                         ",\"scope\":{\"identity\":false,\"infra\":false,\"runtime\":false},\"checks\":{"
                         "\"acceptanceStageGate\":" +
                         jsonString("failed" + kInjection) + "}}");
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    for (const bool json : {false, true}) {
      QStringList list = args({QStringLiteral("evidence"), QStringLiteral("verify"), q(file)});
      if (json) list << QStringLiteral("--json");
      const Run run = runInProcess(list, actionsEnvironment(summary));
      QCOMPARE(run.exitCode, 1);
      expectNoInjection(run.out, "::error file=", json);
      expectNoInjection(run.err, "::error file=");
      QVERIFY2((json ? run.err : run.out).find("::error file=") != std::string::npos, run.out.c_str());
    }
    const std::string markdown = readAll(summary);
    QVERIFY(markdown.find("### Candidate evidence") != std::string::npos);
    expectNoInjection(markdown);
    QVERIFY2(markdown.find("| Kind | x\\n::add-mask::owned") != std::string::npos, markdown.c_str());
  }

  void jsonOutputKeepsTheValueExactly() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "m.json";
    writeBytes(file, hostileManifest(kSha));
    const Run run =
        runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), QStringLiteral("--json"), q(file)}));
    QCOMPARE(run.exitCode, 1);
    expectNoInjection(run.out, "\x01", true);
    const auto doc = nlohmann::json::parse(run.out);
    QCOMPARE(doc["kind"].get<std::string>(), "runtime" + kInjection);
    QCOMPARE(doc["acceptanceStageGate"].get<std::string>(), "success" + kInjection);
  }

  void listEscapesFolderNamesAndKinds() {
    QTemporaryDir dir;
    const fs::path tree = fs::path(dir.path().toStdString());
    writeBytes(tree / "acceptance" / kSha / "evidence-manifest.json", hostileManifest(kSha));
    fs::create_directories(tree / "acceptance" / ("bad" + kInjection.substr(0, kInjection.size() - 1)));
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    const Run text =
        runInProcess(args({QStringLiteral("evidence"), QStringLiteral("list"), QStringLiteral("--artifacts"), q(tree)}),
                     actionsEnvironment(summary));
    QCOMPARE(text.exitCode, 0);
    expectNoInjection(text.out);
    expectNoInjection(text.err);
    QVERIFY2(text.out.find("skipped acceptance/badx\\n::add-mask::owned") != std::string::npos, text.out.c_str());
    QVERIFY2(text.out.find("runtimex\\n::add-mask") != std::string::npos, text.out.c_str());
    const std::string markdown = readAll(summary);
    expectNoInjection(markdown);
    QVERIFY2(markdown.find("acceptance/badx\\n::add-mask::owned") != std::string::npos, markdown.c_str());

    const Run json = runInProcess(args({QStringLiteral("evidence"), QStringLiteral("list"),
                                        QStringLiteral("--artifacts"), q(tree), QStringLiteral("--json")}));
    QCOMPARE(json.exitCode, 0);
    expectNoInjection(json.out, "\x01", true);
    const auto doc = nlohmann::json::parse(json.out);
    QCOMPARE(doc["candidates"][0]["kind"].get<std::string>(), "runtime" + kInjection);
  }

  void verifyRefusesWhatIsNotARegularFile_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("fifo") << QStringLiteral("fifo");
    QTest::newRow("socket") << QStringLiteral("socket");
    QTest::newRow("device") << QStringLiteral("device");
    QTest::newRow("proc") << QStringLiteral("proc");
  }
  void verifyRefusesWhatIsNotARegularFile() {
    QFETCH(QString, kind);
    QTemporaryDir dir;
    fs::path path = fs::path(dir.path().toStdString()) / "evidence-manifest.json";
    int socketFd = -1;
    if (kind == QStringLiteral("fifo")) {
      QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
    } else if (kind == QStringLiteral("socket")) {
      socketFd = ::socket(AF_UNIX, SOCK_STREAM, 0);
      sockaddr_un address{};
      address.sun_family = AF_UNIX;
      std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
      QCOMPARE(::bind(socketFd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    } else if (kind == QStringLiteral("device")) {
      path = "/dev/null";
    } else {
      path = "/proc/self/status";
    }
    // A FIFO without a writer would block a blocking open forever: the command must not wait.
    const Run run = runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), q(path)}));
    if (socketFd >= 0) ::close(socketFd);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("not a regular file") != std::string::npos, run.err.c_str());
    QVERIFY2(run.err.find(path.string()) != std::string::npos, run.err.c_str());
  }

  void aFifoInATreeIsRefusedWithTheSameExitCode() {
    QTemporaryDir dir;
    const fs::path tree = fs::path(dir.path().toStdString());
    const fs::path file = tree / "acceptance" / kSha / "evidence-manifest.json";
    fs::create_directories(file.parent_path());
    QCOMPARE(::mkfifo(file.c_str(), 0600), 0);
    const Run single = runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), q(file)}));
    const Run fromTree =
        runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), QStringLiteral("--artifacts"), q(tree),
                           QStringLiteral("--sha"), QString::fromStdString(kSha)}));
    QCOMPARE(single.exitCode, 2);
    QCOMPARE(fromTree.exitCode, single.exitCode);
    QVERIFY2(fromTree.err.find("not a regular file") != std::string::npos, fromTree.err.c_str());
  }

  void anUnreadableManifestSaysPermissionDeniedTheSameWayBothWays() {
    if (::geteuid() == 0) {
      QSKIP(
          "running as root, which reads any file: the permission-denied message is covered by the core's "
          "RegularFile tests through an injected error");
    }
    QTemporaryDir dir;
    const fs::path tree = fs::path(dir.path().toStdString());
    const fs::path file = tree / "acceptance" / kSha / "evidence-manifest.json";
    writeBytes(file, hostileManifest(kSha));
    fs::permissions(file, fs::perms::none);
    const Run single = runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), q(file)}));
    const Run fromTree =
        runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), QStringLiteral("--artifacts"), q(tree),
                           QStringLiteral("--sha"), QString::fromStdString(kSha)}));
    fs::permissions(file, fs::perms::owner_all);
    QCOMPARE(single.exitCode, 2);
    QCOMPARE(fromTree.exitCode, single.exitCode);
    QVERIFY2(single.err.find("permission denied") != std::string::npos, single.err.c_str());
    QVERIFY2(single.err.find(file.string()) != std::string::npos, single.err.c_str());
    QVERIFY2(fromTree.err.find("permission denied") != std::string::npos, fromTree.err.c_str());
  }

  void aDotArtifactsLinkOutOfTheCheckoutIsRefused() {
    QTemporaryDir dir;
    const fs::path root = fs::path(dir.path().toStdString());
    writeBytes(root / "elsewhere" / ".artifacts" / "acceptance" / kSha / "evidence-manifest.json",
               hostileManifest(kSha));
    fs::create_directories(root / "checkout");
    fs::create_directory_symlink(root / "elsewhere" / ".artifacts", root / "checkout" / ".artifacts");
    const Run list = runInProcess(args(
        {QStringLiteral("evidence"), QStringLiteral("list"), QStringLiteral("--artifacts"), q(root / "checkout")}));
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.find("(no candidates)") != std::string::npos, list.out.c_str());
    QVERIFY2(list.out.find("skipped .artifacts: a symlink that leads outside") != std::string::npos, list.out.c_str());
    const Run verify =
        runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), QStringLiteral("--artifacts"),
                           q(root / "checkout"), QStringLiteral("--sha"), QString::fromStdString(kSha)}));
    QCOMPARE(verify.exitCode, 2);
    QVERIFY2(verify.err.find("leads outside") != std::string::npos, verify.err.c_str());
  }

  void verifyFromATreeReadsOnlyThatCandidate() {
    if (::geteuid() == 0) {
      QSKIP(
          "running as root, which can list any folder: the single-folder read is measured by "
          "evidence_benchmark (verify --artifacts --sha over 100,000 candidates)");
    }
    // acceptance/ may be searched but not listed: only a read of that one folder succeeds.
    QTemporaryDir dir;
    const fs::path tree = fs::path(dir.path().toStdString());
    writeBytes(tree / "acceptance" / kSha / "evidence-manifest.json", hostileManifest(kSha));
    fs::permissions(tree / "acceptance", fs::perms::owner_exec);
    const Run run =
        runInProcess(args({QStringLiteral("evidence"), QStringLiteral("verify"), QStringLiteral("--artifacts"), q(tree),
                           QStringLiteral("--sha"), QString::fromStdString(kSha)}));
    fs::permissions(tree / "acceptance", fs::perms::owner_all);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.find("Candidate " + kSha + ": invalid") != std::string::npos, run.out.c_str());
    QVERIFY2(run.err.empty(), run.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestEvidenceCommands)
#include "evidence_commands_test.moc"
