// `releasedesk-cli timeline` in-process over the built-in sandbox: the text story, --dora, and
// the documented --json shape.
#include "tests/app/cli/cli_run.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

using releasedesk::cli::CliApp;
using releasedesk::cli::CommandContext;

namespace {

using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;

const std::string kRuntimeOld = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";

}  // namespace

class TestTimelineCommand : public QObject {
  Q_OBJECT

 private slots:
  void textTellsTheStory() {
    const Run run = runInProcess({QStringLiteral("timeline"), QStringLiteral("--sandbox"), QStringLiteral("--since"),
                                  QStringLiteral("90d"), QStringLiteral("--dora")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.find("rollback") != std::string::npos, run.out.c_str());
    QVERIFY(run.out.find("rerun") != std::string::npos);
    QVERIFY(run.out.find("queued ") != std::string::npos);
    QVERIFY(run.out.find("waiting ") != std::string::npos);
    QVERIFY(run.out.find("sha unknown:") != std::string::npos);
    QVERIFY(run.out.find("Live: " + kRuntimeOld) != std::string::npos);
    QVERIFY(run.out.find("deployment frequency") != std::string::npos);
    QVERIFY(run.out.find("change-failure rate") != std::string::npos);
  }

  void jsonHasTheDocumentedShape() {
    const Run run = runInProcess({QStringLiteral("timeline"), QStringLiteral("--sandbox"), QStringLiteral("--json"),
                                  QStringLiteral("--since"), QStringLiteral("90d")});
    QCOMPARE(run.exitCode, 0);
    const auto doc = nlohmann::json::parse(run.out);
    QCOMPARE(doc["live"]["sha"].get<std::string>(), kRuntimeOld);
    QVERIFY(doc["live"]["deploymentId"].is_number());
    QVERIFY(doc["runs"].size() >= 25);
    std::set<std::string> classes, phases;
    bool unknownSha = false;
    for (const auto& r : doc["runs"]) {
      QVERIFY(r["id"].is_number());
      QVERIFY(r["sha"].is_string() || r["sha"].is_null());
      unknownSha = unknownSha || r["sha"].is_null();
      classes.insert(r["class"].get<std::string>());
      QVERIFY(r["status"].is_string());
      QVERIFY(r.contains("conclusion"));
      for (const auto& p : r["phases"]) {
        phases.insert(p["name"].get<std::string>());
        QVERIFY(p["seconds"].is_number_integer());
      }
    }
    QVERIFY(unknownSha);
    QCOMPARE(classes, (std::set<std::string>{"auto", "replay", "rollback", "rerun"}));
    QCOMPARE(phases, (std::set<std::string>{"queued", "waiting", "running", "runner"}));
    for (const char* key : {"deploymentsPerDay", "leadTimeSeconds", "changeFailureRate", "timeToRestoreSeconds"})
      QVERIFY2(doc["dora"].contains(key), key);
  }

  void badSinceIsAUsageError() {
    const Run run = runInProcess(
        {QStringLiteral("timeline"), QStringLiteral("--sandbox"), QStringLiteral("--since"), QStringLiteral("thirty")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.find("--since") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestTimelineCommand)
#include "timeline_command_test.moc"
