// The window as a release manager on a small screen meets it: at 1024×640 it fits, every view's
// columns stay inside their viewport, the navigation narrows, the detail panes collapse; every
// list, table, filter and button has a name for assistive technology; the timeline's runs are
// also a table; "in progress" reads in a dark theme; one clock with its zone everywhere.
#include "tests/ui/memory_token_vault.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/color_scheme.h"
#include "ui/environment/environment_view.h"
#include "ui/main_window.h"
#include "ui/status_icons.h"
#include "ui/time_text.h"
#include "ui/timeline/timeline_table_model.h"
#include "ui/timeline/timeline_view.h"
#include "ui/timeline/timeline_widget.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

#include <ctime>

using namespace releasedesk;

namespace {

constexpr int kLoadTimeoutMs = 20000;
constexpr QSize kSmall(1024, 640);

QHeaderView* horizontalHeaderOf(QAbstractItemView* view) {
  if (auto* tree = qobject_cast<QTreeView*>(view)) return tree->header();
  if (auto* table = qobject_cast<QTableView*>(view)) return table->horizontalHeader();
  return nullptr;
}

}  // namespace

class TestMainWindowLayout : public QObject {
  Q_OBJECT

  std::unique_ptr<MainWindow> window_;
  QTemporaryDir cache_;

  // The sandbox in every view, read.
  MainWindow& loadedWindow() {
    if (window_) return *window_;
    window_ = std::make_unique<MainWindow>(std::make_unique<test::MemoryTokenVault>());
    window_->timelineView()->setCacheDirectory(cache_.path());
    window_->openSandbox();
    window_->resize(kSmall);
    window_->show();
    [&] { QTRY_COMPARE_WITH_TIMEOUT(window_->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs); }();
    window_->action(QStringLiteral("showEnvironment"))->trigger();
    [&] { QTRY_VERIFY_WITH_TIMEOUT(window_->environmentView()->hasReport(), kLoadTimeoutMs); }();
    window_->action(QStringLiteral("showTimeline"))->trigger();
    [&] {
      QTRY_VERIFY_WITH_TIMEOUT(window_->timelineView()->timeline() && !window_->timelineView()->isRefreshing(),
                               kLoadTimeoutMs);
    }();
    return *window_;
  }

 private slots:
  void initTestCase() {
    // Another time zone than the machine's UTC, so local time and UTC differ on screen.
    qputenv("TZ", "Asia/Kolkata");
    tzset();
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(QStringLiteral("github"));
    QSettings().remove(QStringLiteral("view"));
  }

  void cleanupTestCase() {
    window_.reset();
    timetext::setUtc(false);
    QSettings().remove(QStringLiteral("view"));
  }

  void theWindowFitsAt1024x640() {
    MainWindow& window = loadedWindow();
    for (DeskPage* page : window.pages()) {
      window.action(QStringLiteral("show") + page->navigation().name)->trigger();
      QApplication::processEvents();
      const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
      QVERIFY2(minimum.width() <= kSmall.width() && minimum.height() <= kSmall.height(),
               qPrintable(QStringLiteral("%1: the window needs at least %2×%3")
                              .arg(page->navigation().name)
                              .arg(minimum.width())
                              .arg(minimum.height())));
      window.resize(kSmall);
      QApplication::processEvents();
      QCOMPARE(window.size(), kSmall);
    }
  }

  void noColumnIsBeyondItsViewport_data() {
    QTest::addColumn<QString>("page");
    for (const char* name : {"Candidates", "Environment", "Timeline", "Approvals", "History"})
      QTest::newRow(name) << name;
  }

  void noColumnIsBeyondItsViewport() {
    QFETCH(QString, page);
    MainWindow& window = loadedWindow();
    window.resize(kSmall);
    window.action(QStringLiteral("show") + page)->trigger();
    if (page == QStringLiteral("Timeline")) window.timelineView()->showAsTable(true);
    QApplication::processEvents();
    QWidget* shown = window.findChild<QStackedWidget*>(QStringLiteral("pages"))->currentWidget();
    int checked = 0;
    for (QAbstractItemView* view : shown->findChildren<QAbstractItemView*>()) {
      QHeaderView* header = horizontalHeaderOf(view);
      if (!header || !view->isVisibleTo(&window)) continue;
      ++checked;
      // The view itself inside the window, and each column inside the view.
      const QRect inWindow(view->mapTo(&window, QPoint(0, 0)), view->size());
      QVERIFY2(inWindow.right() < window.width(), qPrintable(view->objectName()));
      for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section)) continue;
        const int end = header->sectionViewportPosition(section) + header->sectionSize(section);
        QVERIFY2(end <= view->viewport()->width() + 1, qPrintable(QStringLiteral("%1 column %2 ends at %3 of %4")
                                                                      .arg(view->objectName())
                                                                      .arg(section)
                                                                      .arg(end)
                                                                      .arg(view->viewport()->width())));
      }
    }
    QVERIFY2(checked > 0, qPrintable(page));
    window.timelineView()->showAsTable(false);
  }

  void detailPanesCollapseAndTheNavigationNarrows() {
    MainWindow& window = loadedWindow();
    const auto splitters = window.findChildren<QSplitter*>();
    QVERIFY(splitters.size() >= 4);
    for (QSplitter* splitter : splitters) {
      if (splitter->count() < 2) continue;
      QVERIFY2(splitter->isCollapsible(splitter->count() - 1), qPrintable(splitter->objectName()));
    }
    auto* navigation = window.findChild<QListView*>(QStringLiteral("navigation"));
    const int wide = navigation->width();
    window.action(QStringLiteral("compactNavigation"))->trigger();
    QVERIFY(window.isNavigationCompact());
    QVERIFY2(navigation->width() <= 64, qPrintable(QString::number(navigation->width())));
    QVERIFY(navigation->width() < wide);
    // Each row still says what it is, for the tooltip and assistive technology.
    QCOMPARE(navigation->model()->index(0, 0).data(Qt::AccessibleTextRole).toString().left(10),
             QStringLiteral("Candidates"));
    QVERIFY(QSettings().value(QStringLiteral("view/compactNavigation")).toBool());
    window.action(QStringLiteral("compactNavigation"))->trigger();
    QCOMPARE(navigation->width(), wide);
  }

  void everyControlHasAnAccessibleName() {
    MainWindow& window = loadedWindow();
    QStringList unnamed;
    for (QWidget* widget : window.findChildren<QWidget*>()) {
      // Qt's own parts (scroll bar buttons, the toolbar's extension) are named by Qt.
      if (widget->objectName().startsWith(QStringLiteral("qt_"))) continue;
      if (qobject_cast<QLineEdit*>(widget) && qobject_cast<QComboBox*>(widget->parentWidget())) continue;
      // A view's header, its corner button and a line edit's clear button are parts of the view or
      // the edit, named through it.
      if (qobject_cast<QHeaderView*>(widget)) continue;
      const QByteArray className = widget->metaObject()->className();
      if (className == "QTableCornerButton" || className == "QLineEditIconButton") continue;
      const bool needsName =
          qobject_cast<QAbstractItemView*>(widget) || qobject_cast<QLineEdit*>(widget) ||
          qobject_cast<QComboBox*>(widget) ||
          (qobject_cast<QAbstractButton*>(widget) &&
           static_cast<QAbstractButton*>(widget)->text().remove(QLatin1Char('&')).trimmed().isEmpty());
      if (needsName && widget->accessibleName().trimmed().isEmpty())
        unnamed << QStringLiteral("%1 (%2)").arg(widget->objectName(),
                                                 QString::fromLatin1(widget->metaObject()->className()));
    }
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
  }

  void theTimelineIsAlsoATable() {
    MainWindow& window = loadedWindow();
    TimelineView* view = window.timelineView();
    const DeploymentTimeline* timeline = view->timeline();
    QVERIFY(timeline && !timeline->runs.empty());
    QTableView* table = view->runTable();
    QVERIFY(!table->accessibleName().isEmpty());
    QCOMPARE(table->model()->rowCount(), static_cast<int>(timeline->runs.size()));
    // Newest first, each run named by its number with its id in the tooltip.
    const TimelineRun& newest = timeline->runs.back();
    QCOMPARE(table->model()->index(0, TimelineTableModel::RunColumn).data().toString(),
             QStringLiteral("#%1").arg(newest.runNumber));
    QCOMPARE(table->model()->index(0, TimelineTableModel::RunColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("#%1 (id %2)").arg(newest.runNumber).arg(newest.id));
    view->tableToggle()->click();
    QVERIFY(view->isShowingTable());
    // Choosing a row in the table selects the run in the picture and its details.
    table->selectRow(0);
    QCOMPARE(view->timelineWidget()->selectedRun().value_or(0), newest.id);
    QVERIFY2(view->detailsPane()->toPlainText().contains(QStringLiteral("#%1").arg(newest.runNumber)),
             qPrintable(view->detailsPane()->toPlainText().left(200)));
    view->tableToggle()->click();
    QVERIFY(!view->isShowingTable());
  }

  void theTimelineHasALegendAndStartsOnTheLastTwoWeeks() {
    MainWindow& window = loadedWindow();
    TimelineView* view = window.timelineView();
    const QString legend = view->legend()->text();
    for (const QString& word :
         {QStringLiteral("W</b> waiting for approval"), QStringLiteral("Q</b> queued behind"),
          QStringLiteral("waiting for a runner"), QStringLiteral("in progress"), QStringLiteral("LIVE")})
      QVERIFY2(legend.contains(word), qPrintable(word));
    // The sandbox holds ninety days; the first view shows the last fourteen.
    const auto shown = view->timelineWidget()->visibleEnd() - view->timelineWidget()->visibleStart();
    QVERIFY2(std::chrono::abs(shown - std::chrono::days(14)) < std::chrono::hours(24),
             qPrintable(QString::number(shown.count() / 3600.0)));
  }

  void inProgressReadsInADarkTheme() {
    const QPalette dark = darkPalette();
    // The theme's own highlight would not do: it is why the colour is adjusted.
    QVERIFY(contrastRatio(dark.color(QPalette::Highlight), dark.color(QPalette::Base)) < 3.0);
    const QColor inProgress = inProgressColor(dark);
    QVERIFY2(contrastRatio(inProgress, dark.color(QPalette::Base)) >= 3.0, qPrintable(inProgress.name()));
    // Light themes keep a readable highlight as it is.
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    QVERIFY(contrastRatio(inProgressColor(light), Qt::white) >= 3.0);
    QCOMPARE(contrastRatio(Qt::black, Qt::white), 21.0);
  }

  void oneClockWithItsZoneAndAnOptionForUtc() {
    MainWindow& window = loadedWindow();
    QAction* utc = window.action(QStringLiteral("timesInUtc"));
    QVERIFY(utc && utc->isCheckable());
    if (utc->isChecked()) utc->trigger();
    const QString zone = timetext::zoneName();
    QCOMPARE(zone, QStringLiteral("UTC+05:30"));
    QCOMPARE(timetext::dateTime(TimePoint(std::chrono::seconds(1764490320))),
             QStringLiteral("2025-11-30 13:42 UTC+05:30"));
    // The Candidates' dates, the Timeline's details and DORA strip, the Environment's details.
    const QAbstractItemModel* candidates = window.candidatesView()->list()->model();
    // Cells are short; the header names the zone.
    QCOMPARE(candidates->headerData(CandidateListModel::DateColumn, Qt::Horizontal).toString(),
             QStringLiteral("Accepted (%1)").arg(zone));
    QVERIFY(candidates->index(0, CandidateListModel::DateColumn).data(Qt::ToolTipRole).toString().endsWith(zone));
    QVERIFY2(window.timelineView()->doraText().contains(zone), qPrintable(window.timelineView()->doraText()));
    utc->trigger();
    QVERIFY(timetext::isUtc());
    QVERIFY(QSettings().value(QStringLiteral("view/timesInUtc")).toBool());
    QCOMPARE(candidates->headerData(CandidateListModel::DateColumn, Qt::Horizontal).toString(),
             QStringLiteral("Accepted (UTC)"));
    QVERIFY(candidates->index(0, CandidateListModel::DateColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .endsWith(QStringLiteral(" UTC")));
    QVERIFY2(window.timelineView()->doraText().contains(QStringLiteral(" UTC")),
             qPrintable(window.timelineView()->doraText()));
    QVERIFY(timetext::dateTime(TimePoint(std::chrono::seconds(1764490320))) == QStringLiteral("2025-11-30 08:12 UTC"));
    utc->trigger();
    QVERIFY(!timetext::isUtc());
  }

  void candidatesAreNewestFirstWithADate() {
    MainWindow& window = loadedWindow();
    const QAbstractItemModel* shown = window.candidatesView()->list()->model();
    QCOMPARE(window.candidatesView()->list()->header()->sortIndicatorSection(), int(CandidateListModel::DateColumn));
    QCOMPARE(window.candidatesView()->list()->header()->sortIndicatorOrder(), Qt::DescendingOrder);
    qint64 previous = std::numeric_limits<qint64>::max();
    int dated = 0;
    for (int row = 0; row < shown->rowCount(); ++row) {
      const qint64 at =
          shown->index(row, CandidateListModel::DateColumn).data(CandidateListModel::SortRole).toLongLong();
      QVERIFY2(at <= previous, qPrintable(QString::number(row)));
      previous = at;
      dated += at > 0 ? 1 : 0;
    }
    QCOMPARE(dated, shown->rowCount());
  }

  // With RELEASEDESK_SCREENSHOT_DIR set, renders every view at 1024×640 and 1600×1000, light and
  // dark, for the release note and a look by eye.
  void writeScreenshots() {
    const QString directory = qEnvironmentVariable("RELEASEDESK_SCREENSHOT_DIR");
    if (directory.isEmpty()) QSKIP("RELEASEDESK_SCREENSHOT_DIR is not set");
    MainWindow& window = loadedWindow();
    window.environmentView()->table()->selectRow(0);
    const QPalette light = QApplication::style()->standardPalette();
    for (const bool dark : {false, true}) {
      QApplication::setPalette(dark ? darkPalette() : light);
      for (const QSize size : {kSmall, QSize(1600, 1000)}) {
        window.resize(size);
        for (DeskPage* page : window.pages()) {
          window.action(QStringLiteral("show") + page->navigation().name)->trigger();
          QApplication::processEvents();
          QTest::qWait(50);
          const QString file = QStringLiteral("%1/%2-%3x%4-%5.png")
                                   .arg(directory, page->navigation().name.toLower())
                                   .arg(size.width())
                                   .arg(size.height())
                                   .arg(dark ? QStringLiteral("dark") : QStringLiteral("light"));
          QVERIFY2(window.grab().save(file), qPrintable(file));
        }
      }
    }
    QApplication::setPalette(light);
    window.resize(kSmall);
  }

  void actionsAreNamedForWhatTheyOpen() {
    MainWindow& window = loadedWindow();
    QCOMPARE(window.action(QStringLiteral("showSample"))->text().remove(QLatin1Char('&')),
             QStringLiteral("Open Built-in Sample Evidence"));
    QCOMPARE(window.action(QStringLiteral("useSandbox"))->text().remove(QLatin1Char('&')),
             QStringLiteral("Connect to Sandbox Repository"));
  }
};

QTEST_MAIN(TestMainWindowLayout)
#include "main_window_layout_test.moc"
