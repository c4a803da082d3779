// The console's evidence commands: exit codes, --json shape, annotations and step summary,
// run in-process and as the real executable.
#include "tests/app/cli/cli_run.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sstream>

using releasedesk::cli::CliApp;
using releasedesk::cli::CommandContext;

namespace {

const QString kSample = QStringLiteral(RELEASEDESK_SAMPLE_DIR);
const QString kAccepted = QStringLiteral("4bd780cba4864856691dedee9ca56d1ea87442c5");
const QString kRejected = QStringLiteral("85d2a9aa9ac858626fab413f82497b67316cc715");
const QString kInvalid = QStringLiteral("6a6d61aec083f3429116cd5863b44cb82ed38300");

QString manifestPath(const QString& sha) {
  return kSample + QStringLiteral("/acceptance/") + sha + QStringLiteral("/evidence-manifest.json");
}

using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

 private slots:
  void verifyExitCodes_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expectedText");
    QTest::newRow("accepted file") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                                  manifestPath(kAccepted)}
                                   << 0 << QStringLiteral(": accepted");
    QTest::newRow("rejected file") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                                  manifestPath(kRejected)}
                                   << 1 << QStringLiteral("\"failure\", not \"success\"");
    QTest::newRow("invalid file") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                                 manifestPath(kInvalid)}
                                  << 1 << QStringLiteral("is a tag (:latest)");
    QTest::newRow("tree and sha") << QStringList{QStringLiteral("evidence"),    QStringLiteral("verify"),
                                                 QStringLiteral("--artifacts"), kSample,
                                                 QStringLiteral("--sha"),       kAccepted}
                                  << 0 << QStringLiteral(": accepted");
    QTest::newRow("tree, rejected sha") << QStringList{QStringLiteral("evidence"),    QStringLiteral("verify"),
                                                       QStringLiteral("--artifacts"), kSample,
                                                       QStringLiteral("--sha"),       kRejected}
                                        << 1 << QStringLiteral(": rejected");
    QTest::newRow("missing file") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                                 QStringLiteral("/no/such/file.json")}
                                  << 2 << QStringLiteral("there is no file /no/such/file.json");
    QTest::newRow("folder instead of file")
        << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"), kSample} << 2
        << QStringLiteral("--artifacts <dir> --sha <sha>");
    QTest::newRow("sha not in tree") << QStringList{QStringLiteral("evidence"),    QStringLiteral("verify"),
                                                    QStringLiteral("--artifacts"), kSample,
                                                    QStringLiteral("--sha"),       QString(40, QLatin1Char('e'))}
                                     << 2 << QStringLiteral("there is no evidence for eeee");
    QTest::newRow("short sha") << QStringList{QStringLiteral("evidence"),    QStringLiteral("verify"),
                                              QStringLiteral("--artifacts"), kSample,
                                              QStringLiteral("--sha"),       QStringLiteral("4bd780c")}
                               << 2 << QStringLiteral("full 40-character");
    QTest::newRow("file and tree") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                                  manifestPath(kAccepted), QStringLiteral("--artifacts"), kSample}
                                   << 2 << QStringLiteral("give either one manifest file");
    QTest::newRow("nothing") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify")} << 2
                             << QStringLiteral("give either one manifest file");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                                   QStringLiteral("--bogus")}
                                    << 2 << QStringLiteral("Unknown option 'bogus'");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("deploy")} << 2
                                     << QStringLiteral("unknown command 'deploy'");
    QTest::newRow("group alone") << QStringList{QStringLiteral("evidence")} << 2
                                 << QStringLiteral("needs a subcommand");
    QTest::newRow("no arguments") << QStringList{} << 2 << QStringLiteral("Usage:");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QStringLiteral("evidence verify");
    QTest::newRow("verify help") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                                QStringLiteral("--help")}
                                 << 0 << QStringLiteral("Usage: releasedesk-cli evidence verify [options]");
    QTest::newRow("list help") << QStringList{QStringLiteral("evidence"), QStringLiteral("list"), QStringLiteral("-h")}
                               << 0 << QStringLiteral("Usage: releasedesk-cli evidence list [options]");
    QTest::newRow("list") << QStringList{QStringLiteral("evidence"), QStringLiteral("list"),
                                         QStringLiteral("--artifacts"), kSample}
                          << 0 << kRejected + QStringLiteral("  rejected");
    QTest::newRow("list missing tree") << QStringList{QStringLiteral("evidence"), QStringLiteral("list"),
                                                      QStringLiteral("--artifacts"), QStringLiteral("/no/such/tree")}
                                       << 2 << QStringLiteral("does not exist");
    QTest::newRow("list without tree") << QStringList{QStringLiteral("evidence"), QStringLiteral("list")} << 2
                                       << QStringLiteral("--artifacts <dir>");
  }

  void verifyExitCodes() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, expectedText);
    const Run run = runInProcess(args);
    QCOMPARE(run.exitCode, exitCode);
    const std::string all = run.out + run.err;
    QVERIFY2(all.find(expectedText.toStdString()) != std::string::npos, all.c_str());
  }

  void verifyJsonShape() {
    const Run run = runInProcess(
        {QStringLiteral("evidence"), QStringLiteral("verify"), QStringLiteral("--json"), manifestPath(kInvalid)});
    QCOMPARE(run.exitCode, 1);
    const auto doc = nlohmann::json::parse(run.out);  // one document, nothing else on stdout
    QCOMPARE(doc.at("verdict").get<std::string>(), std::string("invalid"));
    QCOMPARE(doc.at("headSha").get<std::string>(), kInvalid.toStdString());
    const auto& findings = doc.at("findings");
    QVERIFY(findings.is_array());
    QCOMPARE(findings.size(), std::size_t(1));
    QCOMPARE(findings[0].at("severity").get<std::string>(), std::string("error"));
    QCOMPARE(findings[0].at("pointer").get<std::string>(), std::string("/candidate/webRef"));
    QVERIFY(findings[0].at("message").is_string());
  }

  void listJsonShape() {
    const Run run = runInProcess({QStringLiteral("evidence"), QStringLiteral("list"), QStringLiteral("--artifacts"),
                                  kSample, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const auto doc = nlohmann::json::parse(run.out);
    QCOMPARE(doc.at("candidates").size(), std::size_t(6));
    int accepted = 0;
    for (const auto& candidate : doc.at("candidates")) {
      QVERIFY(candidate.at("sha").is_string());
      QVERIFY(candidate.at("path").is_string());
      accepted += candidate.at("verdict") == "accepted" ? 1 : 0;
    }
    QCOMPARE(accepted, 4);
  }

  void annotationsAndSummaryInGitHubActions() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    env.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);

    const Run text = runInProcess({QStringLiteral("evidence"), QStringLiteral("verify"), manifestPath(kInvalid)}, env);
    QCOMPARE(text.exitCode, 1);
    // The message part escapes only %, CR and LF; the title escapes ':' and ','.
    QVERIFY2(text.out.find("::error file=") != std::string::npos, text.out.c_str());
    QVERIFY2(text.out.find(",title=/candidate/webRef::candidate.webRef is a tag (:latest)") != std::string::npos,
             text.out.c_str());

    // With --json the annotations go to stderr and stdout stays one JSON document.
    const Run json = runInProcess(
        {QStringLiteral("evidence"), QStringLiteral("verify"), QStringLiteral("--json"), manifestPath(kRejected)}, env);
    QCOMPARE(json.exitCode, 1);
    QVERIFY(nlohmann::json::accept(json.out));
    QVERIFY2(json.err.find("::error ") != std::string::npos, json.err.c_str());
    QVERIFY(json.err.find("title=/checks/acceptanceStageGate::") != std::string::npos);

    QFile file(summary);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString markdown = QString::fromUtf8(file.readAll());
    // Appended, not overwritten: both runs are there.
    QCOMPARE(markdown.count(QStringLiteral("### Candidate evidence:")), 2);
    QVERIFY(markdown.contains(QStringLiteral("invalid")));
    QVERIFY(markdown.contains(QStringLiteral("rejected")));
    QVERIFY(markdown.contains(QStringLiteral("| Severity | Where | Finding |")));
  }

  // A command that takes no positional argument says so, whichever it is: one rule, in CommandLine.
  void unexpectedArgumentsAreUsageErrors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::newRow("doctor") << QStringList{QStringLiteral("doctor"), QStringLiteral("extra")};
    QTest::newRow("timeline") << QStringList{QStringLiteral("timeline"), QStringLiteral("extra")};
    QTest::newRow("candidates") << QStringList{QStringLiteral("candidates"), QStringLiteral("extra")};
    QTest::newRow("approve") << QStringList{QStringLiteral("approve"), QStringLiteral("--run"), QStringLiteral("1"),
                                            QStringLiteral("extra")};
    QTest::newRow("decisions") << QStringList{QStringLiteral("decisions"), QStringLiteral("extra")};
  }
  void unexpectedArgumentsAreUsageErrors() {
    QFETCH(QStringList, args);
    const Run run = runInProcess(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find(args.first().toStdString() + ": unexpected argument 'extra'.") != std::string::npos,
             run.err.c_str());
    QVERIFY(run.out.empty());
  }

  void noAnnotationsOutsideGitHubActions() {
    const Run run = runInProcess({QStringLiteral("evidence"), QStringLiteral("verify"), manifestPath(kInvalid)});
    QVERIFY(run.out.find("::error") == std::string::npos);
    QVERIFY(run.err.find("::error") == std::string::npos);
  }

  void unwritableSummaryKeepsVerdict() {
    QProcessEnvironment env;
    env.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    env.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), QStringLiteral("/no/such/dir/summary.md"));
    const Run run = runInProcess({QStringLiteral("evidence"), QStringLiteral("verify"), manifestPath(kAccepted)}, env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.find("cannot write the step summary") != std::string::npos, run.err.c_str());
  }

  void realProcess_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("accepted") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                             manifestPath(kAccepted)}
                              << 0;
    QTest::newRow("rejected") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                             manifestPath(kRejected)}
                              << 1;
    QTest::newRow("invalid") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify"),
                                            manifestPath(kInvalid)}
                             << 1;
    QTest::newRow("usage") << QStringList{QStringLiteral("evidence"), QStringLiteral("verify")} << 2;
    QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0;
  }

  void realProcess() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("GITHUB_ACTIONS"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RELEASEDESK_CLI_PATH), args);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), exitCode);
  }

  void realProcessGitHubActions() {
    QTemporaryDir dir;
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    env.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(RELEASEDESK_CLI_PATH), {QStringLiteral("evidence"), QStringLiteral("verify"),
                                                         QStringLiteral("--json"), manifestPath(kInvalid)});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 1);
    const QByteArray out = process.readAllStandardOutput();
    QVERIFY(nlohmann::json::accept(out.toStdString()));
    QVERIFY(process.readAllStandardError().contains("::error file="));
    QVERIFY(QFileInfo(summary).size() > 0);
  }

  // --help is an answer, not an error: every command and every group exits 0, and each command's
  // help ends with its own exit codes.
  void helpExitsZeroEverywhere_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("exitCodes");
    const auto row = [](const char* name, QStringList args, const char* codes) {
      QTest::newRow(name) << args << QString::fromUtf8(codes);
    };
    const QString h = QStringLiteral("--help");
    row("evidence", {QStringLiteral("evidence"), h}, "");
    row("env", {QStringLiteral("env"), h}, "");
    row("workflow", {QStringLiteral("workflow"), h}, "");
    row("sandbox", {QStringLiteral("sandbox"), h}, "");
    row("evidence verify", {QStringLiteral("evidence"), QStringLiteral("verify"), h},
        "Exit codes: 0 accepted, 1 rejected or invalid, 2 usage error or the manifest cannot be read.\n");
    row("evidence list", {QStringLiteral("evidence"), QStringLiteral("list"), h},
        "Exit codes: 0 the tree was read (whatever the verdicts), 2 usage error or the tree cannot be read.\n");
    row("doctor", {QStringLiteral("doctor"), h},
        "Exit codes: 0 every check holds (warnings allowed), 1 a check failed (the token among them), 2 usage "
        "error or no connection (the host cannot be reached).\n");
    row("env check", {QStringLiteral("env"), QStringLiteral("check"), h},
        "Exit codes: 0 complete, 1 incomplete (required missing, invalid or unknown), 2 usage or connection "
        "error.\n");
    row("env scan-repo", {QStringLiteral("env"), QStringLiteral("scan-repo"), h},
        "Exit codes: 0 nothing found, 1 values found, 2 usage or connection error.\n");
    row("timeline", {QStringLiteral("timeline"), h}, "Exit codes: 0 listed, 2 usage or connection error.\n");
    row("candidates", {QStringLiteral("candidates"), h}, "Exit codes: 0 listed, 2 usage or connection error.\n");
    row("pending", {QStringLiteral("pending"), h}, "Exit codes: 0 listed, 2 usage or connection error.\n");
    row("approve", {QStringLiteral("approve"), h}, "Exit codes: 0 approved, 1 refused");
    row("reject", {QStringLiteral("reject"), h}, "Exit codes: 0 rejected, 1 refused");
    row("replay", {QStringLiteral("replay"), h}, "Exit codes: 0 dispatched");
    row("rollback", {QStringLiteral("rollback"), h}, "Exit codes: 0 dispatched");
    row("decisions", {QStringLiteral("decisions"), h},
        "Exit codes: 0 listed, 2 usage or the journal cannot be read.\n");
    row("workflow lint", {QStringLiteral("workflow"), QStringLiteral("lint"), h}, "Exit codes: 0 no error, 1 errors");
    row("sandbox serve", {QStringLiteral("sandbox"), QStringLiteral("serve"), h}, "Exit codes: 0 stopped");
  }
  void helpExitsZeroEverywhere() {
    QFETCH(QStringList, args);
    QFETCH(QString, exitCodes);
    const Run run = runInProcess(args);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.empty(), run.err.c_str());
    if (exitCodes.isEmpty()) {
      QVERIFY2(run.out.find(" <subcommand> [options]\n\nSubcommands:\n  ") != std::string::npos, run.out.c_str());
      return;
    }
    // Stated once, at the end, and nothing generic contradicts it.
    const std::string codes = exitCodes.toStdString();
    QVERIFY2(run.out.find(codes) != std::string::npos, run.out.c_str());
    const std::size_t first = run.out.find("Exit codes:");
    QCOMPARE(run.out.rfind("Exit codes:"), first);
    QVERIFY2(run.out.find("Exit codes:", run.out.size() - 400) != std::string::npos, run.out.c_str());
  }

  void aGroupWithoutASubcommandIsAUsageError() {
    const Run run = runInProcess({QStringLiteral("evidence")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.find("'evidence' needs a subcommand:\n  evidence verify") != std::string::npos);
  }

  void countsReadRight() {
    const Run run =
        runInProcess({QStringLiteral("evidence"), QStringLiteral("list"), QStringLiteral("--artifacts"), kSample});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.find("0 errors, 0 warnings") != std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find("1 error,") != std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find(" 1 errors") == std::string::npos, run.out.c_str());
    QVERIFY2(run.out.find(" 1 warnings") == std::string::npos, run.out.c_str());
  }

  // Under GitHub Actions a command that cannot run says so as an ::error annotation and in a step
  // summary, even one that writes no summary of its own.
  void aFailureToRunIsAnnotatedAndSummarised() {
    QTemporaryDir dir;
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    environment.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
    environment.insert(QStringLiteral("GITHUB_REPOSITORY"), QStringLiteral("contoso/shop"));
    const Run run = runInProcess({QStringLiteral("timeline")}, environment);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.find("::error title=releasedesk-cli timeline::no token: set GH_TOKEN or run releasedesk-cli "
                          "doctor.\n") != std::string::npos,
             run.err.c_str());
    QFile file(summary);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(file.readAll());
    QVERIFY2(md.contains(QStringLiteral("### `releasedesk-cli timeline` could not run")), qPrintable(md));
    QVERIFY2(md.contains(QStringLiteral("| releasedesk-cli: no token: set GH_TOKEN")), qPrintable(md));

    // A connection failure likewise (port 9 on loopback: refused at once).
    environment.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("test-token"));
    environment.insert(QStringLiteral("GITHUB_API_URL"), QStringLiteral("http://127.0.0.1:9"));
    const Run refused = runInProcess({QStringLiteral("env"), QStringLiteral("check")}, environment);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.find("::error title=releasedesk-cli env check::Cannot reach GitHub for ") != std::string::npos,
             refused.err.c_str());
    QVERIFY2(refused.err.find("connection refused by 127.0.0.1:9") != std::string::npos, refused.err.c_str());
  }

  void aCommandWithoutItsOwnSummaryStillLeavesOne() {
    QTemporaryDir dir;
    const QString summary = dir.filePath(QStringLiteral("summary.md"));
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    environment.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
    const Run run = runInProcess({QStringLiteral("timeline"), QStringLiteral("--sandbox")}, environment);
    QCOMPARE(run.exitCode, 0);
    QFile file(summary);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(file.readAll());
    QVERIFY2(md.startsWith(QStringLiteral("### `releasedesk-cli timeline` succeeded\n\nExit code 0.")), qPrintable(md));
    QVERIFY2(run.err.find("::error") == std::string::npos, run.err.c_str());
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "cli_app_test.moc"
