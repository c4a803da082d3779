// Acting from the desk on the in-process sandbox, offscreen, as a release manager does it: the
// Approvals page lists the waiting run with what the decision rests on; Approve… refuses on an
// incomplete environment until an override reason is typed, sends once however often it is
// pressed, and the run no longer waits; Reject… needs a comment; Replay… needs the short SHA
// typed; Roll Back… proposes the candidate live before; History shows every decision.
#include "app/adapter/qt_strings.h"
#include "tests/ui/memory_token_vault.h"
#include "ui/actions/decision_desk.h"
#include "ui/actions/replay_dialog.h"
#include "ui/actions/review_dialog.h"
#include "ui/approvals/approvals_model.h"
#include "ui/approvals/approvals_page.h"
#include "ui/candidates/candidate_detail_pane.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/history/history_page.h"
#include "ui/main_window.h"
#include "ui/navigation_model.h"
#include "ui/session/desk_connection.h"
#include "ui/timeline/timeline_view.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace releasedesk;

namespace {

constexpr int kTimeoutMs = 30000;

}  // namespace

class DeskActionsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(state_.isValid());
    // The journal goes to a scratch XDG state folder, never the user's.
    qputenv("XDG_STATE_HOME", state_.path().toUtf8());
    QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk")).remove(QStringLiteral("github"));
  }

  void init() {
    QFile::remove(state_.path() + QStringLiteral("/releasedesk/decisions.jsonl"));
    window_ = std::make_unique<MainWindow>(std::make_unique<test::MemoryTokenVault>());
    window_->resize(1280, 800);
    window_->show();
    QSignalSpy loaded(window_.get(), &MainWindow::loadFinished);
    window_->openSandbox();
    QVERIFY(loaded.wait(kTimeoutMs));
    QVERIFY(loaded.first().first().toBool());
    desk_ = window_->decisionDesk();
    QCOMPARE(desk_->journalPath(), state_.path() + QStringLiteral("/releasedesk/decisions.jsonl"));
  }

  void cleanup() { window_.reset(); }

  void approvalsPageListsTheWaitingRunWithItsGrounds() {
    ApprovalsPage* page = openApprovals();
    QCOMPARE(page->model()->rowCount(), 1);
    const int index = window_->pageIndex(page);
    QCOMPARE(window_->navigationModel()->index(index).data(NavigationModel::BadgeRole).toInt(), 1);
    QVERIFY2(page->summaryText().contains(QStringLiteral("1 run waits for review")), qPrintable(page->summaryText()));
    const QString details = page->detailsPane()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("Evidence")) && details.contains(QStringLiteral("accepted")),
             qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("of 18 ready")) || details.contains(QStringLiteral("ready")),
             qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Against live")) && details.contains(QStringLiteral("API digest")),
             qPrintable(details));
    QVERIFY2(details.contains(QStringLiteral("Production lock")), qPrintable(details));
    QVERIFY(page->approveButton()->isEnabled());
  }

  void approveNeedsAnOverrideOnAnIncompleteEnvironmentAndSendsOnce() {
    ApprovalsPage* page = openApprovals();
    ReviewDialog* dialog = page->approveSelected();
    QVERIFY(dialog);
    // The sandbox's production environment misses a variable: the desk refuses without a reason.
    QVERIFY(!dialog->canSend());
    QVERIFY(!dialog->sendButton()->isEnabled());
    QVERIFY(dialog->overrideEdit()->isVisible());
    dialog->send();  // refused: nothing goes out
    QVERIFY(!dialog->wasSent());
    QCOMPARE(desk_->journal().decisions.size(), 0u);

    dialog->overrideEdit()->setText(QStringLiteral("hotfix for the checkout outage"));
    QVERIFY(dialog->canSend());
    QVERIFY(dialog->commentPreview().contains(QStringLiteral("Override: hotfix for the checkout outage")));
    QVERIFY(dialog->commentPreview().startsWith(QStringLiteral("Evidence accepted")));

    QSignalSpy finished(dialog, &ReviewDialog::finishedSending);
    const int requestsBefore = window_->connection()->counters().requests;
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    dialog->send();  // a double click, a second Enter: nothing more is sent
    QTest::keyClick(dialog, Qt::Key_Return);
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(finished.size(), 1);
    const auto outcome = finished.first().first().value<DecisionOutcome>();
    QVERIFY2(outcome.took(), outcome.message.c_str());
    QCOMPARE(window_->connection()->counters().requests - requestsBefore, 1);  // the one POST

    const JournalRead journal = desk_->journal();
    QCOMPARE(journal.decisions.size(), 1u);
    QCOMPARE(journal.decisions.front().intent.action, std::string("approve"));
    QCOMPARE(journal.decisions.front().intent.overrideReason, std::string("hotfix for the checkout outage"));
    QVERIFY(!journal.decisions.front().intent.login.empty());  // the token's user (GET /user)
    QCOMPARE(toQString(journal.decisions.front().intent.login), desk_->login());
    QVERIFY(journal.decisions.front().outcome.has_value());
    QVERIFY(journal.decisions.front().outcome->took);
    dialog->close();

    // The desk reads again after a decision: the run no longer waits.
    QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), 0, kTimeoutMs);
    QCOMPARE(window_->historyPage()->model()->rowCount(), 1);
  }

  void rejectNeedsAComment() {
    ApprovalsPage* page = openApprovals();
    ReviewDialog* dialog = page->rejectSelected();
    QVERIFY(dialog);
    QVERIFY(!dialog->canSend());
    dialog->commentEdit()->setPlainText(QStringLiteral("smoke tests flaky on this build"));
    QVERIFY(dialog->canSend());
    QSignalSpy finished(dialog, &ReviewDialog::finishedSending);
    dialog->send();
    QVERIFY(finished.wait(kTimeoutMs));
    QVERIFY(finished.first().first().value<DecisionOutcome>().took());
    QCOMPARE(desk_->journal().decisions.front().intent.action, std::string("reject"));
    dialog->close();
  }

  void replayNeedsTheShortShaTypedAndShowsInHistory() {
    const QString sha = acceptedCandidateNotLive();
    QVERIFY(!sha.isEmpty());
    ReplayDialog* dialog = window_->showReplay(sha);
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!desk_->isReading(), kTimeoutMs);
    QVERIFY(dialog->checklist()->model()->rowCount() >= 4);
    QVERIFY(!dialog->canSend());
    dialog->confirmEdit()->setText(QStringLiteral("0000000"));
    QVERIFY(!dialog->canSend());
    dialog->confirmEdit()->setText(sha.left(7));
    // An incomplete environment fails the preflight until a reason is typed.
    QVERIFY(!dialog->plan().ready());
    QVERIFY(dialog->overrideEdit()->isVisible());
    dialog->overrideEdit()->setText(QStringLiteral("restore checkout"));
    QVERIFY2(dialog->canSend(), qPrintable(dialog->statusText()));

    QSignalSpy finished(dialog, &ReplayDialog::finishedSending);
    QSignalSpy started(desk_, &DecisionDesk::runStarted);
    dialog->send();
    dialog->send();
    QVERIFY(finished.wait(kTimeoutMs));
    QCOMPARE(finished.size(), 1);
    const auto outcome = finished.first().first().value<DecisionOutcome>();
    QVERIFY2(outcome.took(), outcome.message.c_str());
    QVERIFY(outcome.runId.has_value());
    QCOMPARE(started.size(), 1);
    QVERIFY(!dialog->tryAgainButton()->isVisible());
    // The new run is followed, and shows in the Timeline's next read.
    QVERIFY(!desk_->followedRuns().empty());
    QTRY_VERIFY_WITH_TIMEOUT(timelineHasRun(*outcome.runId), kTimeoutMs);
    dialog->close();

    HistoryPage* history = window_->historyPage();
    QCOMPARE(history->model()->rowCount(), 1);
    QVERIFY(history->model()->index(0, HistoryModel::ActionColumn).data().toString() != QString());
    QTemporaryDir out;
    QCOMPARE(history->exportTo(out.path() + QStringLiteral("/decisions.md")), QString());
    QFile markdown(out.path() + QStringLiteral("/decisions.md"));
    QVERIFY(markdown.open(QIODevice::ReadOnly));
    QVERIFY(markdown.readAll().contains(sha.left(7).toUtf8()));
  }

  void rollbackProposesTheCandidateLiveBefore() {
    QTRY_VERIFY_WITH_TIMEOUT(desk_->hasContext() && !desk_->isReading(), kTimeoutMs);
    QVERIFY(desk_->proposedRollback());
    // The context is replaced by every read: keep the proposal's sha, not a pointer into it.
    const QString proposed = toQString(desk_->proposedRollback()->sha);
    ReplayDialog* dialog = window_->showRollback();
    QVERIFY(dialog);
    QCOMPARE(dialog->sha(), proposed);
    QVERIFY(dialog->targetBox()->count() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(!desk_->isReading(), kTimeoutMs);
    // The sandbox's live candidate is itself a rollback: the one live before it is newer, so its
    // dispatch is a replay, and the dialog says so.
    QVERIFY(dialog->plan().replayClass != ReplayClass::Redeploy);
    QCOMPARE(dialog->sha(), proposed);
    QVERIFY(dialog->windowTitle().contains(proposed.left(7)));
    dialog->close();
  }

  void candidatesShowWhatIsLive() {
    QTRY_VERIFY_WITH_TIMEOUT(desk_->hasContext() && !desk_->isReading(), kTimeoutMs);
    CandidatesView* view = window_->candidatesView();
    QStringList relations;
    for (int row = 0; row < view->model()->rowCount(); ++row)
      relations << view->model()->index(row, CandidateListModel::LiveColumn).data().toString();
    QVERIFY2(relations.contains(QStringLiteral("● LIVE")), qPrintable(relations.join(QLatin1Char(','))));
    QVERIFY(view->selectCandidate(QString::fromLatin1(desk_->context().candidates->relations.live->sha.c_str())));
    QVERIFY2(view->detailPane()->liveView()->toPlainText().contains(QStringLiteral("LIVE")),
             qPrintable(view->detailPane()->liveView()->toPlainText()));

    // A local tree is compared with the connected project's production too.
    QVERIFY(window_->openFolder(QStringLiteral(RELEASEDESK_SAMPLE_DIR)));
    QStringList local;
    for (int row = 0; row < view->model()->rowCount(); ++row)
      local << view->model()->index(row, CandidateListModel::LiveColumn).data().toString();
    QVERIFY2(local.contains(QStringLiteral("● LIVE")), qPrintable(local.join(QLatin1Char(','))));
    QVERIFY2(view->detailPane()->liveView()->toPlainText().contains(QStringLiteral("Against live")),
             qPrintable(view->detailPane()->liveView()->toPlainText()));
    QVERIFY(!view->replayButton()->isEnabled());  // replays go through GitHub, not a folder
  }

 private:
  ApprovalsPage* openApprovals() {
    ApprovalsPage* page = window_->approvalsPage();
    window_->action(QStringLiteral("showApprovals"))->trigger();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(desk_->context().inbox.has_value() && !desk_->isReading(), kTimeoutMs); }();
    return page;
  }

  QString acceptedCandidateNotLive() {
    [&] {
      QTRY_VERIFY_WITH_TIMEOUT(desk_->hasContext() && desk_->context().candidates && !desk_->isReading(), kTimeoutMs);
    }();
    const CandidateRelations& candidates = *desk_->context().candidates;
    for (const ActionCandidate& candidate : candidates.candidates) {
      const CandidateRelation* relation = candidates.relationOf(candidate.sha);
      if (candidate.verdict == Verdict::Accepted && relation && relation->relation != LiveRelation::Live)
        return toQString(candidate.sha);
    }
    return {};
  }

  bool timelineHasRun(std::int64_t runId) const {
    const DeploymentTimeline* timeline = window_->timelineView()->timeline();
    if (!timeline) return false;
    for (const TimelineRun& run : timeline->runs)
      if (run.id == runId) return true;
    return false;
  }

  QTemporaryDir state_;
  std::unique_ptr<MainWindow> window_;
  DecisionDesk* desk_ = nullptr;
};

QTEST_MAIN(DeskActionsTest)
#include "desk_actions_test.moc"
