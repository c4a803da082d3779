// The console's session options shared by every GitHub command: --trace prints the request
// waves, and the ETag cache under $XDG_CACHE_HOME/releasedesk makes a second command cost only
// conditional requests (--no-cache turns it off).
#include "tests/app/cli/cli_run.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <filesystem>
#include <regex>
#include <sstream>

using releasedesk::cli::CommandContext;
using releasedesk::cli::SandboxSlot;
using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;

namespace {

// The figures of --trace's summary line.
struct TraceSummary {
  int requests = -1;
  int waves = -1;
  int notModified = -1;
  int fromCache = -1;
  int cost = -1;
};

TraceSummary summaryOf(const std::string& err) {
  static const QRegularExpression line(QStringLiteral(
      R"(trace: (\d+) requests in (\d+) waves?, (\d+) not modified \(304\), (\d+) answered from the cache, rate limit cost (\d+))"));
  const auto match = line.match(QString::fromStdString(err));
  TraceSummary summary;
  if (!match.hasMatch()) return summary;
  summary.requests = match.captured(1).toInt();
  summary.waves = match.captured(2).toInt();
  summary.notModified = match.captured(3).toInt();
  summary.fromCache = match.captured(4).toInt();
  summary.cost = match.captured(5).toInt();
  return summary;
}

// The timeline without the runs still in progress, whose durations grow between two commands.
std::string settled(const std::string& text) {
  std::istringstream lines(text);
  std::string kept;
  for (std::string line; std::getline(lines, line);) {
    if (line.find("(in progress)") == std::string::npos) kept += line + '\n';
  }
  return kept;
}

unsigned modeOf(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 0777U;
}

}  // namespace

class TestGitHubSessionCache : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir cacheHome_;
  std::istringstream nothing_;

  CommandContext context(const std::shared_ptr<SandboxSlot>& slot) {
    CommandContext context;
    context.environment = QProcessEnvironment();
    context.environment.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome_.path());
    context.input = &nothing_;
    context.inputIsTerminal = false;
    context.sandbox = slot;
    return context;
  }

  std::filesystem::path cacheFolder() const {
    return std::filesystem::path(cacheHome_.path().toStdString()) / "releasedesk";
  }

 private slots:
  void traceShowsEnvCheckInOneWave() {
    const Run run = runInProcess({QStringLiteral("env"), QStringLiteral("check"), QStringLiteral("--sandbox"),
                                  QStringLiteral("--trace"), QStringLiteral("--no-cache")},
                                 context(std::make_shared<SandboxSlot>()));
    QCOMPARE(run.exitCode, 1);  // the sandbox's production environment is incomplete
    const TraceSummary summary = summaryOf(run.err);
    // profile, workflow, README and six lists, no second pages; without a cache, none of the
    // listings that only make the next command cheaper
    QCOMPARE(summary.requests, 9);
    QCOMPARE(summary.waves, 1);
    QVERIFY2(run.err.find("GET /repos/contoso/shop/contents/.github/releasedesk/profile.json") != std::string::npos,
             run.err.c_str());
    QVERIFY(run.err.find("critical path: GET /repos/contoso/shop/") != std::string::npos);
    QVERIFY2(!std::filesystem::exists(cacheFolder()), "--no-cache wrote a cache");
  }

  void secondEnvCheckAsksOnlyConditionally() {
    const auto slot = std::make_shared<SandboxSlot>();
    const QStringList args{QStringLiteral("env"), QStringLiteral("check"), QStringLiteral("--sandbox"),
                           QStringLiteral("--trace")};
    const Run first = runInProcess(args, context(slot));
    QCOMPARE(summaryOf(first.err).notModified, 0);
    // The 9 reads and the listings above the profile's and the README's folders, kept so that
    // the next command asks for those files only if their folders appeared.
    QCOMPARE(summaryOf(first.err).requests, 11);
    QCOMPARE(modeOf(cacheFolder()), 0700U);
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(cacheFolder())) {
      ++files;
      QCOMPARE(modeOf(entry.path()), 0600U);
    }
    QCOMPARE(files, 1);

    const Run second = runInProcess(args, context(slot));
    QCOMPARE(second.exitCode, first.exitCode);
    // The same report, the remembered refusal saying when GitHub gave it.
    const std::regex remembered(
        R"( \(Remembered from GitHub's answer to this token at \d{4}-\d\d-\d\d \d\d:\d\d UTC(?:[+-]\d\d:\d\d)?: asked again after 1h 00m; `releasedesk-cli doctor` asks now\.\))");
    QVERIFY2(std::regex_search(second.out, remembered), second.out.c_str());
    QCOMPARE(std::regex_replace(second.out, remembered, ""), first.out);
    const TraceSummary summary = summaryOf(second.err);
    // The six lists, the workflow and the README, and the listing of .github, which shows the
    // profile's folder still absent: all free 304s. GitHub gives no ETag with an error: the
    // sandbox's refusal of the organization secrets is remembered for this token instead (and
    // says so), and the absent profile file is not asked again.
    QCOMPARE(summary.requests, 8);
    QCOMPARE(summary.notModified, 8);
    QCOMPARE(summary.fromCache, 1);
    QCOMPARE(summary.cost, 0);

    const Run cold = runInProcess(args + QStringList{QStringLiteral("--no-cache")}, context(slot));
    QCOMPARE(summaryOf(cold.err).notModified, 0);
    // Without a cache, 9 reads and none of the listings that only serve a later command.
    QCOMPARE(summaryOf(cold.err).cost, 9);
    QVERIFY(cold.err.find("Remembered") == std::string::npos);

    // The doctor asks about permissions now: the refusal is asked for, not served.
    const Run doctor =
        runInProcess({QStringLiteral("doctor"), QStringLiteral("--sandbox"), QStringLiteral("--trace")}, context(slot));
    QVERIFY2(doctor.out.find("Remembered") == std::string::npos, doctor.out.c_str());
    QVERIFY2(
        std::regex_search(doctor.err, std::regex(R"(403 +\d+ B GET /repos/contoso/shop/actions/organization-secrets)")),
        doctor.err.c_str());
  }

  void secondTimelineAsksOnlyConditionally() {
    const auto slot = std::make_shared<SandboxSlot>();
    const QStringList args{QStringLiteral("timeline"), QStringLiteral("--sandbox"), QStringLiteral("--since"),
                           QStringLiteral("90d"), QStringLiteral("--trace")};
    const Run first = runInProcess(args, context(slot));
    QCOMPARE(first.exitCode, 0);
    const TraceSummary cold = summaryOf(first.err);
    QVERIFY2(cold.requests > 0 && cold.notModified == 0 && cold.fromCache == 0, first.err.c_str());

    const Run second = runInProcess(args, context(slot));
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(settled(second.out), settled(first.out));
    const TraceSummary warm = summaryOf(second.err);
    QVERIFY2(warm.fromCache > 0, second.err.c_str());  // completed runs' jobs and artifacts
    QCOMPARE(warm.notModified, warm.requests);         // everything else conditional and unchanged
    QCOMPARE(warm.cost, 0);
    QVERIFY(warm.requests < cold.requests);
  }
};

QTEST_GUILESS_MAIN(TestGitHubSessionCache)
#include "github_session_cache_test.moc"
