// The Timeline view on the built-in sandbox's ninety days of history, offscreen: the live marker
// in the rollback's lane, the rollback badge, the queued phase behind the lock (geometry API, not
// pixels), zoom, keyboard selection and details, the DORA strip, and the stale cache at start.
#include "ui/timeline/timeline_view.h"
#include "app/adapter/qt_scheduler.h"
#include "core/sandbox/sandbox_client.h"
#include "ui/timeline/timeline_geometry.h"
#include "ui/timeline/timeline_refresher.h"
#include "ui/timeline/timeline_widget.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QWheelEvent>

using namespace releasedesk;

namespace {

const TimelineRun* findLane(const DeploymentTimeline& timeline, const std::function<bool(const TimelineRun&)>& match) {
  for (const TimelineRun& lane : timeline.runs) {
    if (match(lane)) return &lane;
  }
  return nullptr;
}

bool hasPhase(const TimelineRun& lane, PhaseKind kind) {
  return std::any_of(lane.phases.begin(), lane.phases.end(), [kind](const TimelinePhase& p) { return p.kind == kind; });
}

QString describe(const QRectF& r) {
  return QStringLiteral("(%1,%2 %3x%4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

}  // namespace

class TestTimelineView : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void init() {
    scheduler_ = std::make_unique<QtScheduler>();
    sandbox_ = openSandboxClient(*scheduler_);
    cache_ = std::make_unique<QTemporaryDir>();
    QVERIFY(cache_->isValid());
  }
  void cleanup() {
    sandbox_.reset();
    scheduler_.reset();
    cache_.reset();
  }

  void liveMarkerRollbackBadgeAndQueuedPhase() {
    TimelineView view;
    loadSandbox(view);
    const DeploymentTimeline& timeline = *view.timeline();
    TimelineWidget* widget = view.timelineWidget();

    // The live deployment is the rollback replay's; its LIVE tag lies in that run's lane.
    const TimelineRun* rollback =
        findLane(timeline, [](const TimelineRun& l) { return l.runClass == RunClass::Rollback; });
    QVERIFY(rollback);
    QVERIFY(timeline.live);
    QCOMPARE(timeline.live->runId, std::optional<std::int64_t>(rollback->id));
    widget->zoomToRun(rollback->id);
    TimelineGeometry geometry = widget->geometry();
    const QRectF lane = geometry.runRect(rollback->id);
    const QRectF live = geometry.liveTagRect();
    QVERIFY2(!live.isEmpty(), "no live marker");
    QVERIFY2(lane.top() <= live.top() && live.bottom() <= lane.bottom(),
             qPrintable(describe(live) + QStringLiteral(" not in lane ") + describe(lane)));
    QVERIFY2(geometry.plotRect().intersects(live), qPrintable(describe(live)));
    // ... after the run's last deployment status, which is its success.
    QVERIFY(!timeline.statusesOf(*rollback).empty());

    // The rollback badge sits in the same lane's gutter; an auto promotion has none.
    const QRectF badge = geometry.runBadgeRect(rollback->id, TimelineGeometry::Badge::Rollback);
    QVERIFY(!badge.isEmpty());
    QVERIFY(lane.contains(badge));
    QVERIFY(badge.right() <= TimelineGeometry::kGutterWidth);
    QVERIFY(!geometry.runBadgeRect(rollback->id, TimelineGeometry::Badge::Replay).isEmpty());
    const TimelineRun* autoRun = findLane(timeline, [](const TimelineRun& l) { return l.runClass == RunClass::Auto; });
    QVERIFY(autoRun);
    QVERIFY(geometry.runBadgeRect(autoRun->id, TimelineGeometry::Badge::Rollback).isEmpty());
    QVERIFY(widget->toolTipAt(badge.center()).contains(QStringLiteral("Rollback")));
    QVERIFY(widget->toolTipAt(live.center()).contains(QStringLiteral("LIVE")));

    // The replay queued behind the production-mutation lock: a queued phase of non-zero width,
    // after its running start and before anything that runs after it.
    const TimelineRun* queued =
        findLane(timeline, [](const TimelineRun& l) { return l.replay && hasPhase(l, PhaseKind::Queued); });
    QVERIFY(queued);
    widget->zoomToRun(queued->id);
    geometry = widget->geometry();
    const QRectF queuedRect = geometry.runPhaseRect(queued->id, PhaseKind::Queued);
    QVERIFY2(queuedRect.width() > 1, qPrintable(describe(queuedRect)));
    QVERIFY(geometry.runRect(queued->id).contains(queuedRect.center()));
    const QRectF running = geometry.runPhaseRect(queued->id, PhaseKind::Running);
    QVERIFY(!running.isEmpty());
    QVERIFY2(running.right() <= queuedRect.left() + 0.5,
             qPrintable(describe(running) + QStringLiteral(" vs queued ") + describe(queuedRect)));
    for (int i = 1; !geometry.runPhaseRect(queued->id, PhaseKind::Running, i).isNull(); ++i) {
      const QRectF later = geometry.runPhaseRect(queued->id, PhaseKind::Running, i);
      QVERIFY(later.left() >= queuedRect.right() - 0.5);  // runs once the lock is free
    }
    QVERIFY(widget->toolTipAt(queuedRect.center()).contains(QStringLiteral("production-mutation lock")));
    // A run waiting for approval has an outlined waiting phase.
    const TimelineRun* waiting =
        findLane(timeline, [](const TimelineRun& l) { return hasPhase(l, PhaseKind::Waiting); });
    QVERIFY(waiting);
    QVERIFY(!geometry.runPhaseRect(waiting->id, PhaseKind::Waiting).isNull());

    // Runs waiting or queued now make the navigation badge.
    QVERIFY(view.attentionCount() >= 1);
    QVERIFY2(view.doraText().contains(QStringLiteral("Deployments/day")), qPrintable(view.doraText()));
    QVERIFY(view.doraText().contains(QStringLiteral("Change-failure rate")));
  }

  void zoomChangesWidths() {
    TimelineView view;
    loadSandbox(view);
    TimelineWidget* widget = view.timelineWidget();
    const TimelineRun* queued =
        findLane(*view.timeline(), [](const TimelineRun& l) { return hasPhase(l, PhaseKind::Queued); });
    QVERIFY(queued);
    widget->zoomToRun(queued->id);
    widget->zoomBy(1 / 4.0);
    const double before = widget->geometry().runPhaseRect(queued->id, PhaseKind::Queued).width();
    QVERIFY(before > 0);
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_Plus);
    const double zoomedIn = widget->geometry().runPhaseRect(queued->id, PhaseKind::Queued).width();
    QVERIFY2(qAbs(zoomedIn - before * 1.5) < 0.01 * before,
             qPrintable(QStringLiteral("%1 → %2").arg(before).arg(zoomedIn)));
    QTest::keyClick(widget, Qt::Key_Minus);
    QVERIFY(qAbs(widget->geometry().runPhaseRect(queued->id, PhaseKind::Queued).width() - before) < 0.01 * before);

    // Ctrl+wheel zooms too, around the cursor.
    const QPointF at = widget->geometry().plotRect().center();
    QWheelEvent wheel(at, widget->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(widget->viewport(), &wheel);
    QVERIFY(widget->geometry().runPhaseRect(queued->id, PhaseKind::Queued).width() > before * 1.2);

    // Zooming out all the way fits the history: the whole plot, nothing wider.
    widget->zoomToFit();
    const double fitted = widget->pixelsPerSecond();
    widget->zoomBy(0.1);
    QCOMPARE(widget->pixelsPerSecond(), fitted);
    // Panning moves the time under the plot, not the widths.
    widget->zoomToRun(queued->id);
    const QRectF panned = widget->geometry().runPhaseRect(queued->id, PhaseKind::Queued);
    QTest::keyClick(widget, Qt::Key_Left);
    const QRectF after = widget->geometry().runPhaseRect(queued->id, PhaseKind::Queued);
    QVERIFY(after.left() > panned.left());
    QCOMPARE(after.width(), panned.width());
  }

  void keyboardSelectsAndEnterOpensDetails() {
    TimelineView view;
    loadSandbox(view);
    TimelineWidget* widget = view.timelineWidget();
    widget->setFocus();
    QSignalSpy selected(widget, &TimelineWidget::selectedRunChanged);
    QSignalSpy activated(widget, &TimelineWidget::runActivated);
    QTest::keyClick(widget, Qt::Key_Home);
    const std::int64_t first = view.timeline()->runs.front().id;
    QCOMPARE(widget->selectedRun(), std::optional<std::int64_t>(first));
    QTest::keyClick(widget, Qt::Key_Down);
    QCOMPARE(widget->selectedRun(), std::optional<std::int64_t>(view.timeline()->runs[1].id));
    QTest::keyClick(widget, Qt::Key_Up);
    QCOMPARE(widget->selectedRun(), std::optional<std::int64_t>(first));
    QCOMPARE(selected.count(), 3);
    QTest::keyClick(widget, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QVERIFY(view.detailsPane()->hasFocus());
    const QString details = view.detailsPane()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("Open the run on GitHub")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("production-mutate")));
    QVERIFY(view.detailsHtml().contains(QStringLiteral("https://")));
    // The production artifacts are read for the selected run (asynchronously).
    QTRY_VERIFY_WITH_TIMEOUT(!view.detailsPane()->toPlainText().contains(QStringLiteral("Reading the run's artifacts")),
                             5000);
  }

  void detailsShowTheProductionRecordOfARun() {
    TimelineView view;
    loadSandbox(view);
    const TimelineRun* deployed = findLane(*view.timeline(), [](const TimelineRun& l) {
      return l.sha && l.conclusion == "success" && !l.deployments.empty() && !l.inProgress;
    });
    QVERIFY(deployed);
    view.timelineWidget()->selectRun(deployed->id);
    // Downloaded, unzipped and read: the record's own fields, not just the artifact's name.
    QTRY_VERIFY_WITH_TIMEOUT(view.detailsPane()->toPlainText().contains(QStringLiteral("Deployment record")), 5000);
    const QString details = view.detailsPane()->toPlainText();
    QVERIFY2(details.contains(QStringLiteral("production-record-") + QString::fromStdString(*deployed->sha)),
             qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("deployment-record.json")));
    QVERIFY(details.contains(QStringLiteral("workflowRun.id")));
    QVERIFY(details.contains(QString::number(deployed->id)));
    QVERIFY(details.contains(QStringLiteral("Result result.json")));
  }

  void cacheIsShownStaleUntilRefreshed() {
    {
      TimelineView first;
      loadSandbox(first);
      QVERIFY(QFile::exists(first.cacheFile()));
    }
    TimelineView view;
    view.setCacheDirectory(cache_->path());
    view.resize(1600, 900);
    view.show();
    view.setClient(&sandbox_->client(), QStringLiteral("sandbox"));
    // At once, before any request: the cached timeline, marked stale.
    QVERIFY(view.timeline());
    QVERIFY(view.isStale());
    QVERIFY2(view.staleText().startsWith(QStringLiteral("stale (from ")), qPrintable(view.staleText()));
    QVERIFY(!view.timelineWidget()->geometry().liveTagRect().isNull());
    QSignalSpy finished(&view, &TimelineView::refreshFinished);
    view.refresh();
    QVERIFY(view.isRefreshing());
    QVERIFY(view.isStale());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!view.isStale());
    QVERIFY(view.staleText().isEmpty());
    // A run is still in progress in the sandbox: the view reads again soon.
    QVERIFY(view.timeline()->anyInProgress());
    QVERIFY(view.isAutoRefreshing());
  }

  void noCacheNoTimeline() {
    TimelineView view;
    view.setCacheDirectory(cache_->path());
    view.setClient(&sandbox_->client(), QStringLiteral("elsewhere"));
    QVERIFY(!view.timeline());
    QVERIFY(!view.isStale());
  }

  // A refresh says what it reads: the lists, then "jobs of N of M runs" counting up to every run.
  void refreshSaysWhatItReads() {
    TimelineView view;
    view.refresher()->setCacheDirectory(cache_->path());
    view.setClient(&sandbox_->client(), QStringLiteral("sandbox"));
    auto* bar = view.findChild<QProgressBar*>(QStringLiteral("timelineProgress"));
    QVERIFY(bar);
    QSignalSpy progressed(view.refresher(), &TimelineRefresher::refreshProgressed);
    QSignalSpy finished(&view, &TimelineView::refreshFinished);
    view.refresh();
    QCOMPARE(bar->format(), QStringLiteral("runs and deployments"));
    QVERIFY(finished.wait(15000));
    QVERIFY(progressed.size() >= 2);
    const QList<QVariant> last = progressed.last();
    const int total = last.at(2).toInt();
    QVERIFY(total > 0);
    QCOMPARE(last.at(1).toInt(), total);  // every run's jobs were read
    QCOMPARE(total, static_cast<int>(view.timeline()->runs.size()));
    QVERIFY2(bar->format().startsWith(QStringLiteral("jobs of ")), qPrintable(bar->format()));
    QCOMPARE(bar->format(), QStringLiteral("jobs of %1 of %1 runs").arg(total));
  }

  // The Cancel beside the progress stops the refresh and keeps the timeline shown, stale.
  void cancelButtonKeepsTheTimelineStale() {
    TimelineView view;
    view.refresher()->setCacheDirectory(cache_->path());
    view.setClient(&sandbox_->client(), QStringLiteral("sandbox"));
    QSignalSpy finished(&view, &TimelineView::refreshFinished);
    view.refresh();
    QVERIFY(finished.wait(15000));
    auto* cancel = view.findChild<QPushButton*>(QStringLiteral("cancelTimelineRefresh"));
    QVERIFY(cancel);
    QVERIFY(cancel->isHidden());
    view.refresh();
    QVERIFY(!cancel->isHidden());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(cancel->isHidden());
    QVERIFY(view.timeline());
    QVERIFY(view.refresher()->isStale());
    QVERIFY(!view.refresher()->isRefreshing());
  }

  // The refresher alone, without any widget: it reads, caches, repeats and ticks while a run is
  // in progress, and reads a run's production artifacts.
  void refresherReadsWithoutAView() {
    TimelineRefresher refresher;
    refresher.setCacheDirectory(cache_->path());
    QSignalSpy changed(&refresher, &TimelineRefresher::timelineChanged);
    QSignalSpy attention(&refresher, &TimelineRefresher::attentionCountChanged);
    QSignalSpy finished(&refresher, &TimelineRefresher::refreshFinished);
    refresher.setClient(&sandbox_->client(), QStringLiteral("sandbox"));
    QVERIFY(refresher.hasClient());
    QVERIFY(!refresher.timeline());  // no cache yet
    QCOMPARE(changed.size(), 0);
    refresher.refresh();
    QVERIFY(refresher.isRefreshing());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(refresher.error().isEmpty());
    QCOMPARE(changed.size(), 1);
    QVERIFY(refresher.timeline());
    QVERIFY(!refresher.isStale());
    QVERIFY(QFile::exists(refresher.cacheFile()));
    QCOMPARE(attention.size(), 1);
    QVERIFY(refresher.attentionCount() >= 1);
    // A run is in progress: the clock ticks and the refresher reads again soon.
    QVERIFY(refresher.timeline()->anyInProgress());
    QVERIFY(refresher.isTicking());
    QVERIFY(refresher.isAutoRefreshing());

    const TimelineRun* deployed = findLane(*refresher.timeline(), [](const TimelineRun& l) {
      return l.sha && l.conclusion == "success" && !l.deployments.empty() && !l.inProgress;
    });
    QVERIFY(deployed);
    QSignalSpy artifacts(&refresher, &TimelineRefresher::artifactsChanged);
    refresher.readArtifacts(deployed->id);
    QVERIFY(refresher.isReadingArtifacts(deployed->id));
    QVERIFY(artifacts.wait(5000));
    QCOMPARE(artifacts.first().first().value<std::int64_t>(), deployed->id);
    QVERIFY(refresher.artifacts(deployed->id));
    QVERIFY(!refresher.artifacts(deployed->id)->artifacts.empty());
    QVERIFY(!refresher.isReadingArtifacts(deployed->id));

    // Detaching drops the repeat; the cache of another project is not there.
    refresher.setClient(nullptr, QStringLiteral("elsewhere"));
    QVERIFY(!refresher.hasClient());
    QVERIFY(!refresher.isAutoRefreshing());
  }

  // The cache is shown stale at once, before any request, and stays still.
  void refresherShowsTheCacheStaleAndWaitsToBeWatched() {
    {
      TimelineRefresher first;
      first.setCacheDirectory(cache_->path());
      first.setClient(&sandbox_->client(), QStringLiteral("sandbox"));
      QSignalSpy finished(&first, &TimelineRefresher::refreshFinished);
      first.refresh();
      QVERIFY(finished.wait(10000));
    }
    TimelineRefresher refresher;
    refresher.setCacheDirectory(cache_->path());
    QSignalSpy changed(&refresher, &TimelineRefresher::timelineChanged);
    refresher.setClient(&sandbox_->client(), QStringLiteral("sandbox"));
    QCOMPARE(changed.size(), 1);
    QVERIFY(refresher.timeline());
    QVERIFY(refresher.isStale());
    QVERIFY(!refresher.isTicking());  // a stale picture does not move
    QVERIFY(!refresher.isRefreshing());

    // Being watched reads nothing that was not due: the first read is the window's to ask for.
    refresher.setWatched(true);
    QTest::qWait(20);
    QVERIFY(!refresher.isRefreshing());
  }

 private:
  void loadSandbox(TimelineView& view) {
    view.setCacheDirectory(cache_->path());
    view.resize(1600, 900);
    view.show();
    view.setClient(&sandbox_->client(), QStringLiteral("sandbox"));
    QSignalSpy finished(&view, &TimelineView::refreshFinished);
    view.refresh();
    QVERIFY(finished.wait(10000));
    QVERIFY(finished.first().first().toBool());
    QVERIFY(view.timeline());
  }

  std::unique_ptr<QtScheduler> scheduler_;
  std::unique_ptr<SandboxClient> sandbox_;
  std::unique_ptr<QTemporaryDir> cache_;
};

QTEST_MAIN(TestTimelineView)
#include "timeline_view_test.moc"
