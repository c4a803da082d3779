// The Candidates feature of the main window, driven as a release manager would: the sample,
// selection and details, opening folders, failures, filtering and the keyboard.
#include "ui/main_window.h"
#include "tests/ui/manifests.h"
#include "ui/candidates/candidate_detail_pane.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/candidates/findings_model.h"
#include "ui/candidates/unknown_fields_model.h"
#include "ui/error_banner.h"
#include "ui/navigation_model.h"
#include "ui/session/desk_settings.h"

#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace releasedesk;

namespace {

// The sample's candidates (resources/sample-artifacts/acceptance).
const QString kInvalidSha = QStringLiteral("6a6d61aec083f3429116cd5863b44cb82ed38300");
const QString kRejectedSha = QStringLiteral("85d2a9aa9ac858626fab413f82497b67316cc715");
const QString kNotesSha = QStringLiteral("a13e390e0d8caef0d8a77d1c754990fd5275835c");
const QString kMigrationsSha = QStringLiteral("0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8");

const QString kShaOne = QStringLiteral("1111111111111111111111111111111111111111");
const QString kShaTwo = QStringLiteral("2222222222222222222222222222222222222222");
const QString kShaThree = QStringLiteral("3333333333333333333333333333333333333333");

// Selects the row showing `sha` the way a click does: through the list's selection model.
bool clickCandidate(CandidatesView* view, const QString& sha) {
  const QAbstractItemModel* shown = view->list()->model();
  for (int row = 0; row < shown->rowCount(); ++row) {
    const QModelIndex index = shown->index(row, CandidateListModel::ShaColumn);
    if (index.data(CandidateListModel::ShaRole).toString() == sha) {
      view->list()->selectionModel()->setCurrentIndex(index,
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
      return true;
    }
  }
  return false;
}

// What the list shows in `column` for every visible row.
QStringList shownColumn(CandidatesView* view, int column, int role = Qt::DisplayRole) {
  QStringList values;
  const QAbstractItemModel* shown = view->list()->model();
  for (int row = 0; row < shown->rowCount(); ++row) values << shown->index(row, column).data(role).toString();
  return values;
}

int countWord(const QStringList& words, const QString& word) {
  return static_cast<int>(words.count(word));
}

}  // namespace

class TestMainWindow : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    // Proves the test mode reaches the settings the window writes.
    QVERIFY(QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk"))
                .fileName()
                .contains(QStringLiteral(".qttest")));
  }

  void init() { DeskSettings().clearRecentFolders(); }

  void sampleListsSixCandidatesWithTheirVerdicts() {
    MainWindow window;
    window.showSample();
    CandidatesView* view = window.candidatesView();

    QCOMPARE(view->list()->model()->rowCount(), 6);
    const QStringList verdicts = shownColumn(view, CandidateListModel::VerdictColumn);
    QCOMPARE(countWord(verdicts, QStringLiteral("accepted")), 4);
    QCOMPARE(countWord(verdicts, QStringLiteral("rejected")), 1);
    QCOMPARE(countWord(verdicts, QStringLiteral("invalid")), 1);
    // Never colour alone: every verdict cell has an icon beside its word.
    for (int row = 0; row < 6; ++row) {
      const QIcon icon =
          view->list()->model()->index(row, CandidateListModel::VerdictColumn).data(Qt::DecorationRole).value<QIcon>();
      QVERIFY(!icon.isNull());
    }
    QVERIFY(shownColumn(view, CandidateListModel::ShaColumn).contains(kInvalidSha.left(12)));

    QVERIFY(window.windowTitle().contains(QStringLiteral("Sample")));
    QVERIFY(window.source().isSample());
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("sourceLabel"))->text(), QStringLiteral("Built-in sample"));
    // The badge counts what needs attention: one rejected plus one invalid.
    QCOMPARE(window.navigationModel()->badge(MainWindow::CandidatesPage), 2);
    QCOMPARE(window.navigationModel()->index(0).data().toString(), QStringLiteral("Candidates"));
    // Something is selected from the start, so the detail pane is never empty with data loaded.
    QVERIFY(!view->selectedSha().isEmpty());
    QVERIFY(view->detailPane()->isShowingCandidate());
    QVERIFY(view->skippedText().isEmpty());
  }

  void invalidCandidateShowsItsEvidence() {
    MainWindow window;
    window.showSample();
    CandidatesView* view = window.candidatesView();
    QVERIFY(clickCandidate(view, kInvalidSha));
    CandidateDetailPane* pane = view->detailPane();

    QCOMPARE(pane->headSha(), kInvalidSha);
    QCOMPARE(pane->verdictText(), QStringLiteral("invalid"));
    QCOMPARE(pane->fieldText(QStringLiteral("kind")), QStringLiteral("runtime"));
    QCOMPARE(pane->fieldText(QStringLiteral("acceptanceStageGate")), QStringLiteral("success"));
    QCOMPARE(pane->fieldText(QStringLiteral("folder")), QStringLiteral("acceptance/") + kInvalidSha);
    QCOMPARE(pane->fieldText(QStringLiteral("scope.identity")), QStringLiteral("false"));
    QCOMPARE(pane->fieldText(QStringLiteral("scope.runtime")), QStringLiteral("true"));
    // The web ref is a tag, split into its parts; it has no digest.
    QCOMPARE(pane->fieldText(QStringLiteral("webRef.registry")), QStringLiteral("contosoprod.azurecr.io"));
    QCOMPARE(pane->fieldText(QStringLiteral("webRef.repository")), QStringLiteral("shop/web"));
    QCOMPARE(pane->fieldText(QStringLiteral("webRef.tag")), QStringLiteral("latest"));
    QCOMPARE(pane->fieldText(QStringLiteral("webRef.digest")), QStringLiteral("none"));
    QCOMPARE(pane->fieldText(QStringLiteral("apiRef.repository")), QStringLiteral("shop/api"));
    QVERIFY(pane->fieldText(QStringLiteral("apiRef.digest")).startsWith(QStringLiteral("sha256:fca7f8dd57d0")));
    QVERIFY(pane->fieldText(QStringLiteral("apiRef.tag")).isEmpty());

    // The finding is in the findings view, by pointer, with a severity word.
    const QAbstractItemModel* findings = pane->findingsView()->model();
    bool found = false;
    for (int row = 0; row < findings->rowCount(); ++row) {
      if (findings->index(row, FindingsModel::PointerColumn).data().toString() == QStringLiteral("/candidate/webRef")) {
        found = true;
        QCOMPARE(findings->index(row, FindingsModel::SeverityColumn).data().toString(), QStringLiteral("error"));
        QVERIFY(findings->index(row, FindingsModel::MessageColumn).data().toString().contains(QStringLiteral("tag")));
      }
    }
    QVERIFY2(found, "no finding at /candidate/webRef");
    QCOMPARE(pane->tabs()->tabText(0), QStringLiteral("Findings (1)"));
  }

  void unknownFieldsAreShown() {
    MainWindow window;
    window.showSample();
    CandidatesView* view = window.candidatesView();
    QVERIFY(clickCandidate(view, kNotesSha));
    CandidateDetailPane* pane = view->detailPane();

    QCOMPARE(pane->headSha(), kNotesSha);
    const QAbstractItemModel* unknown = pane->unknownFieldsView()->model();
    QCOMPARE(unknown->rowCount(), 1);
    QCOMPARE(unknown->index(0, UnknownFieldsModel::PointerColumn).data().toString(), QStringLiteral("/notes"));
    QCOMPARE(unknown->index(0, UnknownFieldsModel::ValueColumn).data().toString(),
             QStringLiteral("\"Checkout redesign behind flag\""));
    QVERIFY(pane->tabs()->isTabEnabled(1));
    QCOMPARE(pane->tabs()->tabText(1), QStringLiteral("Unknown fields (1)"));

    // A candidate without unknown fields says so rather than showing a stale table.
    QVERIFY(clickCandidate(view, kInvalidSha));
    QCOMPARE(unknown->rowCount(), 0);
    QVERIFY(!pane->tabs()->isTabEnabled(1));
  }

  void extraScopeFlagsAreShown() {
    MainWindow window;
    window.showSample();
    CandidatesView* view = window.candidatesView();
    QVERIFY(clickCandidate(view, kMigrationsSha));
    const QModelIndex current = view->list()->currentIndex();
    QCOMPARE(current.siblingAtColumn(CandidateListModel::ScopeColumn).data().toString(),
             QStringLiteral("infra runtime migrations"));
    QCOMPARE(view->detailPane()->fieldText(QStringLiteral("scope.migrations")), QStringLiteral("true"));
    QCOMPARE(view->detailPane()->fieldText(QStringLiteral("scope.identity")), QStringLiteral("false"));
    // An unknown object is kept whole, as one field.
    const UnknownFieldsModel* unknown = view->detailPane()->unknownFieldsModel();
    QCOMPARE(unknown->rowCount(), 1);
    QCOMPARE(unknown->index(0, UnknownFieldsModel::PointerColumn).data().toString(), QStringLiteral("/build"));
    QCOMPARE(unknown->index(0, UnknownFieldsModel::ValueColumn).data().toString(),
             QStringLiteral(R"({"workflowRun":4182,"attempt":1})"));
  }

  void openingAFolderListsItAndRemembersIt() {
    QTemporaryDir tree;
    QVERIFY(tree.isValid());
    QVERIFY(test::writeManifest(tree.path(), kShaOne, test::manifestFor(kShaOne)));
    QVERIFY(test::writeManifest(tree.path(), kShaTwo, test::manifestFor(kShaTwo, QStringLiteral("failure"))));
    QVERIFY(QDir(tree.path()).mkpath(QStringLiteral("acceptance/not-a-sha")));

    MainWindow window;
    window.showSample();
    QSignalSpy loaded(&window, &MainWindow::sourceLoaded);
    QVERIFY(window.openFolder(tree.path()));
    QCOMPARE(loaded.size(), 1);

    CandidatesView* view = window.candidatesView();
    QCOMPARE(view->list()->model()->rowCount(), 2);
    QCOMPARE(shownColumn(view, CandidateListModel::ShaColumn, CandidateListModel::ShaRole),
             (QStringList{kShaOne, kShaTwo}));
    QCOMPARE(window.navigationModel()->badge(MainWindow::CandidatesPage), 1);
    QVERIFY(window.windowTitle().contains(QFileInfo(tree.path()).fileName()));
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("sourceLabel"))->text(), QDir::toNativeSeparators(tree.path()));

    // The skipped folder is reported, with the reason in the tooltip.
    QVERIFY(view->skippedText().contains(QStringLiteral("1 entry skipped")));
    QVERIFY(
        view->findChild<QLabel*>(QStringLiteral("skippedEntries"))->toolTip().contains(QStringLiteral("not-a-sha")));

    // Details name the folder on disk.
    QVERIFY(clickCandidate(view, kShaTwo));
    QCOMPARE(view->detailPane()->verdictText(), QStringLiteral("rejected"));
    QCOMPARE(view->detailPane()->fieldText(QStringLiteral("folder")),
             QDir::toNativeSeparators(QDir(tree.path()).filePath(QStringLiteral("acceptance/") + kShaTwo)));

    // Remembered, most recent first, and offered in File › Open Recent.
    const QString clean = QDir::cleanPath(QDir(tree.path()).absolutePath());
    QCOMPARE(window.recentFolders().value(0), clean);
    QCOMPARE(DeskSettings().recentFolders().value(0), clean);
    bool offered = false;
    for (QAction* action : window.recentMenu()->actions()) offered |= action->data().toString() == clean;
    QVERIFY(offered);

    window.action(QStringLiteral("clearRecent"))->trigger();
    QVERIFY(DeskSettings().recentFolders().isEmpty());
  }

  void refreshRereadsTheFolderAndKeepsTheSelection() {
    QTemporaryDir tree;
    QVERIFY(test::writeManifest(tree.path(), kShaOne, test::manifestFor(kShaOne)));
    QVERIFY(test::writeManifest(tree.path(), kShaTwo, test::manifestFor(kShaTwo)));
    MainWindow window;
    QVERIFY(window.openFolder(tree.path()));
    CandidatesView* view = window.candidatesView();
    QVERIFY(clickCandidate(view, kShaTwo));

    QVERIFY(test::writeManifest(tree.path(), kShaThree, test::manifestFor(kShaThree, QStringLiteral("failure"))));
    window.action(QStringLiteral("refresh"))->trigger();
    QCOMPARE(view->list()->model()->rowCount(), 3);
    QCOMPARE(view->selectedSha(), kShaTwo);
    QCOMPARE(window.navigationModel()->badge(MainWindow::CandidatesPage), 1);
  }

  void aNewListShowsItsSelectionOnce() {
    // Taking in a list moves the selection more than once (the rows replaced, one chosen again):
    // the details are built, and the selected candidate announced, once per list.
    QTemporaryDir tree;
    QVERIFY(test::writeManifest(tree.path(), kShaOne, test::manifestFor(kShaOne)));
    QVERIFY(test::writeManifest(tree.path(), kShaTwo, test::manifestFor(kShaTwo)));
    MainWindow window;
    CandidatesView* view = window.candidatesView();
    QSignalSpy shown(view, &CandidatesView::selectedCandidateChanged);
    QVERIFY(window.openFolder(tree.path()));
    QCOMPARE(shown.count(), 1);
    QVERIFY(clickCandidate(view, kShaTwo));
    QCOMPARE(shown.count(), 2);

    window.action(QStringLiteral("refresh"))->trigger();
    QCOMPARE(shown.count(), 3);
    QCOMPARE(shown.last().first().toString(), kShaTwo);
    QCOMPARE(view->detailPane()->headSha(), kShaTwo);
  }

  void aFolderThatCannotBeReadKeepsTheOldRows() {
    MainWindow window;
    window.showSample();
    CandidatesView* view = window.candidatesView();
    QVERIFY(clickCandidate(view, kRejectedSha));
    QVERIFY(window.banner()->isHidden());

    QTemporaryDir parent;
    const QString missing = parent.filePath(QStringLiteral("no-such-folder"));
    QVERIFY(!window.openFolder(missing));

    QVERIFY(!window.banner()->isHidden());
    QVERIFY2(window.banner()->headline().contains(QStringLiteral("does not exist")),
             qPrintable(window.banner()->headline()));
    QVERIFY(window.banner()->headline().contains(missing));
    QVERIFY(window.banner()->advice().contains(QStringLiteral("Still showing the built-in sample")));
    // The old data stays, selection included, and the failed folder is not remembered.
    QCOMPARE(view->list()->model()->rowCount(), 6);
    QCOMPARE(view->selectedSha(), kRejectedSha);
    QVERIFY(window.source().isSample());
    QVERIFY(window.windowTitle().contains(QStringLiteral("Sample")));
    QVERIFY(window.recentFolders().isEmpty());

    // Once the folder exists, Try Again opens it and the banner goes away.
    QVERIFY(test::writeManifest(missing, kShaOne, test::manifestFor(kShaOne)));
    auto* retry = window.banner()->findChild<QAbstractButton*>(QStringLiteral("errorBannerRetry"));
    QVERIFY(retry != nullptr);
    retry->click();
    QVERIFY(window.banner()->isHidden());
    QCOMPARE(view->list()->model()->rowCount(), 1);
    QCOMPARE(window.source().folder, QDir::cleanPath(missing));
  }

  void aTreeWithoutAcceptanceEvidenceIsAnError() {
    QTemporaryDir empty;
    MainWindow window;
    QVERIFY(!window.openFolder(empty.path()));
    QVERIFY(!window.banner()->isHidden());
    QVERIFY(window.banner()->headline().contains(QStringLiteral("acceptance/")));
    QVERIFY(!window.hasData());
    QCOMPARE(window.candidatesView()->list()->model()->rowCount(), 0);
    QVERIFY(!window.candidatesView()->detailPane()->isShowingCandidate());
  }

  void typingFiltersTheList() {
    MainWindow window;
    window.showSample();
    CandidatesView* view = window.candidatesView();
    QLineEdit* filter = view->filterEdit();

    QTest::keyClicks(filter, QStringLiteral("rejected"));
    QCOMPARE(view->list()->model()->rowCount(), 1);
    // The only match is selected, so its details are on screen.
    QCOMPARE(view->selectedSha(), kRejectedSha);
    QCOMPARE(view->detailPane()->verdictText(), QStringLiteral("rejected"));
    QCOMPARE(view->findChild<QLabel*>(QStringLiteral("candidateSummary"))->text(),
             QStringLiteral("1 of 6 candidates match the filter"));

    // Scope chips and image refs are searchable too.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("MIGRATIONS"));
    QCOMPARE(shownColumn(view, CandidateListModel::ShaColumn, CandidateListModel::ShaRole),
             QStringList{kMigrationsSha});
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("shop/web:latest"));
    QCOMPARE(shownColumn(view, CandidateListModel::ShaColumn, CandidateListModel::ShaRole), QStringList{kInvalidSha});

    // Escape clears the filter.
    QTest::keyClick(filter, Qt::Key_Escape);
    QVERIFY(filter->text().isEmpty());
    QCOMPARE(view->list()->model()->rowCount(), 6);
  }

  void keyboardReachesEverything() {
    MainWindow window;
    window.showSample();
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    CandidatesView* view = window.candidatesView();

    // Ctrl+F focuses the filter from anywhere in the window.
    view->list()->setFocus();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(view->filterEdit()->hasFocus());

    // Typing in the list jumps to the matching candidate.
    view->list()->setFocus();
    QTest::keyClicks(view->list(), QStringLiteral("85d"));
    QCOMPARE(view->selectedSha(), kRejectedSha);

    // Every action has a shortcut.
    for (const QString& name :
         {QStringLiteral("openFolder"), QStringLiteral("refresh"), QStringLiteral("showSample"),
          QStringLiteral("clearRecent"), QStringLiteral("quit"), QStringLiteral("about"),
          QStringLiteral("findCandidates"), QStringLiteral("showCandidates"), QStringLiteral("setUpProject"),
          QStringLiteral("openProject"), QStringLiteral("useSandbox")}) {
      QAction* action = window.action(name);
      QVERIFY2(action != nullptr, qPrintable(name));
      QVERIFY2(!action->shortcut().isEmpty(), qPrintable(name));
    }
    QCOMPARE(window.action(QStringLiteral("refresh"))->shortcut(), QKeySequence(Qt::Key_F5));
    QCOMPARE(window.action(QStringLiteral("openFolder"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_O));
    QCOMPARE(window.action(QStringLiteral("quit"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
  }
};

QTEST_MAIN(TestMainWindow)
#include "main_window_test.moc"
