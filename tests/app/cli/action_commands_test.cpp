// The acting commands in-process over the built-in sandbox: candidates and their relation to
// live, the pending review, approve and reject behind their gate, replay and rollback behind
// their preflight (followed to the end on an accelerated sandbox clock), the confirmation, and
// the decision journal under a temporary XDG_STATE_HOME.
#include "tests/app/cli/cli_run.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

using releasedesk::cli::CommandContext;
using releasedesk::cli::SandboxSlot;

namespace {

using releasedesk::cli::testing::Run;
using releasedesk::cli::testing::runInProcess;
using Json = nlohmann::json;

const std::string kNewest = "a13e390e0d8caef0d8a77d1c754990fd5275835c";        // waits for approval
const std::string kRuntimeOld = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";    // live
const std::string kFailedDeploy = "4bd780cba4864856691dedee9ca56d1ea87442c5";  // accepted, its deploy failed
const std::string kRejected = "85d2a9aa9ac858626fab413f82497b67316cc715";
const char* kNoTerminal = "no terminal to confirm on: pass --yes to confirm non-interactively";

QStringList args(std::initializer_list<const char*> words) {
  QStringList list;
  for (const char* w : words) list << QString::fromUtf8(w);
  return list;
}

// One desk: a state folder for the journal, a sandbox kept between commands, nobody typing.
struct Desk {
  QTemporaryDir state;
  CommandContext context;
  std::istringstream typed;

  explicit Desk(double clockRate = 0) {
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("XDG_STATE_HOME"), state.path());
    if (clockRate > 0) environment.insert(QStringLiteral("RELEASEDESK_SANDBOX_CLOCK_RATE"), QString::number(clockRate));
    context.environment = environment;
    context.sandbox = std::make_shared<SandboxSlot>();
    context.input = &typed;
    context.inputIsTerminal = false;
  }

  // GitHub commands run against the sandbox; `decisions` reads only the journal.
  Run run(const QStringList& words) {
    const bool local = words.value(0) == QStringLiteral("decisions");
    return runInProcess(local ? words : words + QStringList{QStringLiteral("--sandbox")}, context);
  }

  // A person at a terminal who types `answer`.
  Run typing(const QStringList& words, const std::string& answer) {
    typed.clear();
    typed.str(answer + "\n");
    context.inputIsTerminal = true;
    Run result = run(words);
    context.inputIsTerminal = false;
    return result;
  }

  QString journalFile() const { return state.path() + QStringLiteral("/releasedesk/decisions.jsonl"); }
  bool journalExists() const { return QFile::exists(journalFile()); }

  Json pending() {
    const Run r = run(args({"pending", "--json"}));
    if (r.exitCode != 0) qWarning("pending: %s", r.err.c_str());
    return Json::parse(r.out);
  }

  std::int64_t waitingRunId() {
    const Json doc = pending();
    return doc["pending"].empty() ? 0 : doc["pending"][0]["runId"].get<std::int64_t>();
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

class TestActionCommands : public QObject {
  Q_OBJECT

 private slots:
  void candidatesJsonHasTheDocumentedShape() {
    Desk desk;
    const Run run = desk.run(args({"candidates", "--json"}));
    QCOMPARE(run.exitCode, 0);
    const Json doc = Json::parse(run.out);
    QCOMPARE(doc["live"]["sha"].get<std::string>(), kRuntimeOld);
    QVERIFY(doc["live"]["deploymentId"].is_number_integer());
    QVERIFY(doc["candidates"].size() >= 5);
    std::set<std::string> relations;
    std::map<std::string, Json> bySha;
    for (const Json& c : doc["candidates"]) {
      for (const char* key :
           {"sha", "verdict", "relation", "acceptanceRunId", "kind", "scope", "candidate", "findings"})
        QVERIFY2(c.contains(key), key);
      QVERIFY(c["acceptanceRunId"].is_number_integer());
      QVERIFY(c["scope"].is_object());
      QVERIFY(c["candidate"].contains("apiRef") && c["candidate"].contains("webRef"));
      QVERIFY(c["findings"].is_array());
      const std::string relation = c["relation"].get<std::string>();
      QVERIFY2(std::set<std::string>({"live", "newer", "older", "never"}).count(relation), relation.c_str());
      relations.insert(relation);
      bySha[c["sha"].get<std::string>()] = c;
    }
    QCOMPARE(bySha.at(kRuntimeOld)["relation"].get<std::string>(), std::string("live"));
    QCOMPARE(bySha.at(kNewest)["relation"].get<std::string>(), std::string("newer"));
    QCOMPARE(bySha.at(kRejected)["verdict"].get<std::string>(), std::string("rejected"));
    // Newest acceptance first: the candidate waiting for approval leads.
    QCOMPARE(doc["candidates"][0]["sha"].get<std::string>(), kNewest);
  }

  void candidatesTextIsATable() {
    Desk desk;
    const Run run = desk.run(args({"candidates"}));
    QCOMPARE(run.exitCode, 0);
    QVERIFY(contains(run.out, "RELATION"));
    QVERIFY(contains(run.out, kNewest.substr(0, 12) + "  accepted  newer"));
    QVERIFY(contains(run.out, "Live in production: " + kRuntimeOld));
  }

  void pendingListsTheWaitingRun() {
    Desk desk;
    const Json doc = desk.pending();
    QCOMPARE(doc["environment"].get<std::string>(), std::string("production"));
    QCOMPARE(doc["pending"].size(), std::size_t(1));
    const Json& p = doc["pending"][0];
    QVERIFY(p["runId"].is_number_integer());
    QCOMPARE(p["sha"].get<std::string>(), kNewest);
    QCOMPARE(p["class"].get<std::string>(), std::string("auto"));
    QVERIFY(p["waitingSince"].is_string());
    QCOMPARE(p["canApprove"].get<bool>(), true);
    QVERIFY(!p["reviewers"].empty());
    QCOMPARE(p["evidence"]["verdict"].get<std::string>(), std::string("accepted"));
    QCOMPARE(p["environmentComplete"].get<bool>(), false);  // the sandbox misses a variable
  }

  void approveIsRefusedByTheGateWithoutOverride() {
    Desk desk;
    const std::int64_t runId = desk.waitingRunId();
    QVERIFY(runId > 0);
    const Run run = desk.run(args({"approve", "--yes", "--run"}) << QString::number(runId));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(contains(run.out, "not complete"), run.out.c_str());
    QVERIFY(contains(run.out, "nothing was sent"));
    QVERIFY(!desk.journalExists());
    QCOMPARE(desk.waitingRunId(), runId);  // still waiting
  }

  void approveWithOverrideApprovesOnceAndJournalsIt() {
    Desk desk;
    const std::int64_t runId = desk.waitingRunId();
    const Run run = desk.run(args({"approve", "--yes", "--json", "--override", "the sale starts at noon", "--comment",
                                   "Ship the redesign", "--run"})
                             << QString::number(runId));
    QCOMPARE(run.exitCode, 0);
    const Json doc = Json::parse(run.out);
    QCOMPARE(doc["took"].get<bool>(), true);
    QCOMPARE(doc["sha"].get<std::string>(), kNewest);
    const std::string comment = doc["comment"].get<std::string>();
    QVERIFY2(contains(comment, "Override: the sale starts at noon"), comment.c_str());
    QVERIFY(contains(comment, "Ship the redesign"));
    QVERIFY(contains(comment, "Evidence accepted"));

    const Run decisions = desk.run(args({"decisions", "--json"}));
    QCOMPARE(decisions.exitCode, 0);
    const Json document = Json::parse(decisions.out);
    QCOMPARE(document["schemaVersion"].get<int>(), 1);
    const Json journal = document["decisions"];
    QCOMPARE(journal.size(), std::size_t(1));
    QCOMPARE(journal[0]["intent"]["action"].get<std::string>(), std::string("approve"));
    QCOMPARE(journal[0]["intent"]["runId"].get<std::int64_t>(), runId);
    QCOMPARE(journal[0]["intent"]["overrideReason"].get<std::string>(), std::string("the sale starts at noon"));
    QCOMPARE(journal[0]["outcome"]["took"].get<bool>(), true);
    QVERIFY(!journal[0]["intent"]["login"].get<std::string>().empty());  // the token's user

    QCOMPARE(desk.pending()["pending"].size(), std::size_t(0));  // GitHub no longer waits for it
    // A second approval is refused: the run no longer waits.
    const Run again = desk.run(args({"approve", "--yes", "--override", "x", "--run"}) << QString::number(runId));
    QCOMPARE(again.exitCode, 1);
    QVERIFY(contains(again.out, "not waiting for a review"));
  }

  void rejectNeedsAComment() {
    Desk desk;
    const Run run = desk.run(args({"reject", "--yes", "--run", "42"}));
    QCOMPARE(run.exitCode, 2);
    QVERIFY(contains(run.err, "--comment is required"));
    QCOMPARE(desk.run(args({"approve", "--yes"})).exitCode, 2);  // --run missing
  }

  void rejectWithACommentRejects() {
    Desk desk;
    const std::int64_t runId = desk.waitingRunId();
    const Run run =
        desk.run(args({"reject", "--yes", "--comment", "Not during the sale", "--run"}) << QString::number(runId));
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(contains(run.out, "rejection"), run.out.c_str());
    QCOMPARE(desk.pending()["pending"].size(), std::size_t(0));
  }

  void replayOfARejectedCandidateFailsItsPreflight() {
    Desk desk;
    const Run run =
        desk.run(args({"replay", "--yes", "--json", "--override", "x", "--sha"}) << QString::fromStdString(kRejected));
    QCOMPARE(run.exitCode, 1);
    const Json doc = Json::parse(run.out);
    QVERIFY(doc["runId"].is_null());
    QCOMPARE(doc["sha"].get<std::string>(), kRejected);
    bool evidenceFailed = false;
    for (const Json& c : doc["preflight"]) {
      QVERIFY(c.contains("check") && c.contains("status") && c.contains("message"));
      evidenceFailed = evidenceFailed || (c["check"] == "evidence" && c["status"] == "fail");
    }
    QVERIFY(evidenceFailed);
    QVERIFY(!desk.journalExists());
  }

  void replayOfAnAcceptedCandidateStartsARun() {
    Desk desk;
    const Run refused =
        desk.run(args({"replay", "--yes", "--sha"}) << QString::fromStdString(kFailedDeploy.substr(0, 7)));
    QCOMPARE(refused.exitCode, 1);  // the environment is incomplete
    QVERIFY(contains(refused.out, "[FAIL] environment"));

    const Run run = desk.run(args({"replay", "--yes", "--json", "--override", "known gap", "--sha"})
                             << QString::fromStdString(kFailedDeploy.substr(0, 7)));
    QCOMPARE(run.exitCode, 0);
    const Json doc = Json::parse(run.out);
    QVERIFY(doc["runId"].is_number_integer());
    QVERIFY(contains(doc["htmlUrl"].get<std::string>(), std::to_string(doc["runId"].get<std::int64_t>())));
    QCOMPARE(doc["sha"].get<std::string>(), kFailedDeploy);
    QCOMPARE(doc["class"].get<std::string>(), std::string("replay"));
    QVERIFY(doc["conclusion"].is_null());
  }

  void rollbackFollowedToItsEnd() {
    // 120 sandbox seconds per second: the replay and the rollback each take a few minutes.
    Desk desk(120);
    const Run replay = desk.run(args({"replay", "--yes", "--follow", "--override", "known gap", "--sha"})
                                << QString::fromStdString(kFailedDeploy));
    QCOMPARE(replay.exitCode, 0);
    QVERIFY2(contains(replay.err, "completed: success"), replay.err.c_str());

    // What is live now, and what was live before it: the rollback's proposal.
    const Json before = Json::parse(desk.run(args({"candidates", "--json"})).out);
    QVERIFY(before["live"]["sha"].get<std::string>() != kRuntimeOld);

    // Rolling back to an older candidate that was live once: class rollback, followed to success.
    const Run run = desk.run(args({"rollback", "--yes", "--follow", "--json", "--override", "known gap", "--to"})
                             << QString::fromStdString(kRuntimeOld.substr(0, 7)));
    QVERIFY2(run.exitCode == 0, run.err.c_str());
    const Json doc = Json::parse(run.out);
    QCOMPARE(doc["class"].get<std::string>(), std::string("rollback"));
    QCOMPARE(doc["sha"].get<std::string>(), kRuntimeOld);
    QCOMPARE(doc["conclusion"].get<std::string>(), std::string("success"));
    QVERIFY(doc["runId"].is_number_integer());
    // One line per phase on stderr.
    QVERIFY2(contains(run.err, "running: production-mutate"), run.err.c_str());
    QVERIFY(contains(run.err, "completed: success"));

    const Json live = Json::parse(desk.run(args({"candidates", "--json"})).out)["live"];
    QCOMPARE(live["sha"].get<std::string>(), kRuntimeOld);

    // Without --to, the proposal is the candidate live before the current one, never live itself.
    const Run proposal = desk.run(args({"rollback", "--json", "--override", "known gap"}));
    QVERIFY2(contains(proposal.err, "Rollback target: "), proposal.err.c_str());
    QVERIFY2(!contains(proposal.err, "Rollback target: " + kRuntimeOld), proposal.err.c_str());
  }

  void withoutATerminalNothingIsAskedOrSent() {
    Desk desk;
    const std::int64_t runId = desk.waitingRunId();
    const Run approve = desk.run(args({"approve", "--override", "x", "--run"}) << QString::number(runId));
    QCOMPARE(approve.exitCode, 2);
    QVERIFY2(contains(approve.err, kNoTerminal), approve.err.c_str());
    const Run replay = desk.run(args({"replay", "--override", "x", "--sha"}) << QString::fromStdString(kFailedDeploy));
    QCOMPARE(replay.exitCode, 2);
    QVERIFY(contains(replay.err, kNoTerminal));
    QVERIFY(!desk.journalExists());
    QCOMPARE(desk.waitingRunId(), runId);
  }

  void aTerminalConfirmsByTypingTheRunIdOrShortSha() {
    Desk desk;
    const std::int64_t runId = desk.waitingRunId();
    const QStringList approve = args({"approve", "--override", "x", "--run"}) << QString::number(runId);
    const Run wrong = desk.typing(approve, "yes");
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY(contains(wrong.err, "Type the run id (" + std::to_string(runId) + ")"));
    QVERIFY(contains(wrong.err, "not confirmed"));
    QVERIFY(!desk.journalExists());
    QCOMPARE(desk.typing(approve, std::to_string(runId)).exitCode, 0);

    const QStringList replay = args({"replay", "--override", "x", "--sha"}) << QString::fromStdString(kFailedDeploy);
    const Run replayed = desk.typing(replay, kFailedDeploy.substr(0, 7));
    QCOMPARE(replayed.exitCode, 0);
    QVERIFY(contains(replayed.err, "Type the short sha (" + kFailedDeploy.substr(0, 7) + ")"));
  }

  void decisionsListsEveryDecisionNewestFirst() {
    Desk desk;
    const std::int64_t runId = desk.waitingRunId();
    QCOMPARE(desk.run(args({"approve", "--yes", "--override", "x", "--run"}) << QString::number(runId)).exitCode, 0);
    QCOMPARE(desk.run(args({"replay", "--yes", "--override", "x", "--sha"}) << QString::fromStdString(kFailedDeploy))
                 .exitCode,
             0);
    const Json journal = Json::parse(desk.run(args({"decisions", "--json"})).out)["decisions"];
    QCOMPARE(journal.size(), std::size_t(2));
    QCOMPARE(journal[0]["intent"]["action"].get<std::string>(), std::string("replay"));
    QCOMPARE(journal[1]["intent"]["action"].get<std::string>(), std::string("approve"));

    // A torn last line is reported on stderr; the rest is still listed.
    QFile file(desk.journalFile());
    QVERIFY(file.open(QIODevice::Append));
    file.write("{\"id\":\"torn");
    file.close();
    const Run text = desk.run(args({"decisions"}));
    QCOMPARE(text.exitCode, 0);
    QVERIFY(contains(text.out, "approve"));
    QVERIFY(contains(text.out, "replay"));
    QVERIFY(contains(text.out, kFailedDeploy.substr(0, 12)));
    QVERIFY2(contains(text.err, "warning:"), text.err.c_str());
  }

  void underGitHubActionsRefusalsAreAnnotatedAndSummarised() {
    Desk desk;
    QTemporaryDir folder;
    const QString summary = folder.path() + QStringLiteral("/summary.md");
    desk.context.environment.insert(QStringLiteral("GITHUB_ACTIONS"), QStringLiteral("true"));
    desk.context.environment.insert(QStringLiteral("GITHUB_STEP_SUMMARY"), summary);
    const Run run = desk.run(args({"replay", "--yes", "--sha"}) << QString::fromStdString(kRejected));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(contains(run.out, "::error title=replay preflight%3A evidence::"), run.out.c_str());
    QFile file(summary);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("| evidence | fail |"));
  }
};

QTEST_GUILESS_MAIN(TestActionCommands)
#include "action_commands_test.moc"
