// The desk's main window.
#include "main_window.h"

#include "candidates/candidate_list_model.h"
#include "candidates/candidates_view.h"
#include "error_banner.h"
#include "navigation_delegate.h"
#include "navigation_model.h"
#include "qt_strings.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace releasedesk {
namespace {

constexpr QSize kDefaultSize(1280, 800);
constexpr int kNavigationWidth = 168;
constexpr int kStatusMessageMs = 6000;

QString timeOfDay(const QDateTime& time) {
  return QLocale().toString(time.time(), QLocale::ShortFormat);
}

// Menu text shows '&' as a mnemonic marker; paths must keep theirs.
QString escapeMnemonic(QString text) {
  return text.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(QStringLiteral("ReleaseDesk"));

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);

  banner_ = new ErrorBanner(central);
  connect(banner_, &ErrorBanner::retryRequested, this, [this] { load(retryTarget_); });
  layout->addWidget(banner_);

  auto* body = new QHBoxLayout;
  body->setContentsMargins(0, 0, 0, 0);
  body->setSpacing(0);
  layout->addLayout(body, 1);

  navigationModel_ = new NavigationModel(this);
  navigationModel_->addView(tr("Candidates"), tr("candidates need attention (rejected or invalid)"));
  navigation_ = new QListView(central);
  navigation_->setObjectName(QStringLiteral("navigation"));
  navigation_->setAccessibleName(tr("Views"));
  navigation_->setModel(navigationModel_);
  navigation_->setItemDelegate(new NavigationDelegate(navigation_));
  navigation_->setFixedWidth(kNavigationWidth);
  navigation_->setFrameShape(QFrame::NoFrame);
  navigation_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  navigation_->setSelectionMode(QAbstractItemView::SingleSelection);
  // The sidebar sits on the window colour so the view beside it reads as the content.
  navigation_->setBackgroundRole(QPalette::Window);
  navigation_->viewport()->setBackgroundRole(QPalette::Window);
  body->addWidget(navigation_);

  auto* divider = new QFrame(central);
  divider->setFrameShape(QFrame::VLine);
  divider->setFrameShadow(QFrame::Sunken);
  body->addWidget(divider);

  pages_ = new QStackedWidget(central);
  pages_->setObjectName(QStringLiteral("pages"));
  candidatesView_ = new CandidatesView(pages_);
  candidatesView_->setObjectName(QStringLiteral("candidatesView"));
  pages_->addWidget(candidatesView_);
  body->addWidget(pages_, 1);
  setCentralWidget(central);

  connect(candidatesView_, &CandidatesView::attentionCountChanged, this,
          [this](int count) { navigationModel_->setBadge(CandidatesPage, count); });
  connect(navigation_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) pages_->setCurrentIndex(current.row());
          });

  createActions();
  createMenus();
  createTopBar();
  statusBar()->setSizeGripEnabled(true);
  showPage(CandidatesPage);
  updateSourceDisplay();

  QSize size = kDefaultSize;
  if (const QScreen* screen = QGuiApplication::primaryScreen()) {
    size = size.boundedTo(screen->availableSize() * 0.9);
  }
  resize(size);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
  const auto make = [this](const QString& name, const QString& text, const QKeySequence& shortcut) {
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    // Shown in tooltips too, so the keyboard path is discoverable from the toolbar.
    action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                                                     shortcut.toString(QKeySequence::NativeText)));
    addAction(action);
    return action;
  };

  openFolderAction_ = make(QStringLiteral("openFolder"), tr("&Open Folder…"), QKeySequence::Open);
  openFolderAction_->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
  openFolderAction_->setStatusTip(tr("Open an .artifacts folder, or a checkout holding one"));
  connect(openFolderAction_, &QAction::triggered, this, &MainWindow::openFolderDialog);

  showSampleAction_ =
      make(QStringLiteral("showSample"), tr("Show &Sample"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  showSampleAction_->setStatusTip(tr("Show the built-in sample candidates"));
  connect(showSampleAction_, &QAction::triggered, this, &MainWindow::showSample);

  refreshAction_ = make(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence(Qt::Key_F5));
  refreshAction_->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  refreshAction_->setStatusTip(tr("Read the current folder again"));
  connect(refreshAction_, &QAction::triggered, this, &MainWindow::refresh);

  clearRecentAction_ = make(QStringLiteral("clearRecent"), tr("&Clear Recent Folders"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
  connect(clearRecentAction_, &QAction::triggered, this, [this] {
    settings_.clearRecentFolders();
    rebuildRecentMenu();
  });

  quitAction_ = make(QStringLiteral("quit"), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q));
  quitAction_->setMenuRole(QAction::QuitRole);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);

  aboutAction_ = make(QStringLiteral("about"), tr("&About ReleaseDesk"), QKeySequence(Qt::Key_F1));
  aboutAction_->setMenuRole(QAction::AboutRole);
  connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);

  findAction_ = make(QStringLiteral("findCandidates"), tr("&Filter Candidates"), QKeySequence::Find);
  connect(findAction_, &QAction::triggered, this, [this] {
    showPage(CandidatesPage);
    candidatesView_->focusFilter();
  });

  showCandidatesAction_ = make(QStringLiteral("showCandidates"), tr("&Candidates"), QKeySequence(Qt::CTRL | Qt::Key_1));
  connect(showCandidatesAction_, &QAction::triggered, this, [this] {
    showPage(CandidatesPage);
    candidatesView_->setFocus(Qt::ShortcutFocusReason);
  });
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(openFolderAction_);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  recentMenu_->setObjectName(QStringLiteral("recentMenu"));
  file->addAction(showSampleAction_);
  file->addSeparator();
  file->addAction(quitAction_);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(showCandidatesAction_);
  view->addSeparator();
  view->addAction(findAction_);
  view->addAction(refreshAction_);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(aboutAction_);

  rebuildRecentMenu();
}

void MainWindow::createTopBar() {
  QToolBar* bar = addToolBar(tr("Source"));
  bar->setObjectName(QStringLiteral("topBar"));
  bar->setMovable(false);
  bar->setFloatable(false);
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->toggleViewAction()->setEnabled(false);

  auto* caption = new QLabel(tr("Source:"), bar);
  caption->setForegroundRole(QPalette::PlaceholderText);
  caption->setContentsMargins(8, 0, 4, 0);
  sourceLabel_ = new QLabel(bar);
  sourceLabel_->setObjectName(QStringLiteral("sourceLabel"));
  sourceLabel_->setTextFormat(Qt::PlainText);
  sourceLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = sourceLabel_->font();
  bold.setBold(true);
  sourceLabel_->setFont(bold);
  loadedLabel_ = new QLabel(bar);
  loadedLabel_->setObjectName(QStringLiteral("loadedLabel"));
  loadedLabel_->setForegroundRole(QPalette::PlaceholderText);
  loadedLabel_->setContentsMargins(12, 0, 0, 0);
  auto* spacer = new QWidget(bar);
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

  bar->addWidget(caption);
  bar->addWidget(sourceLabel_);
  bar->addWidget(loadedLabel_);
  bar->addWidget(spacer);
  bar->addAction(openFolderAction_);
  bar->addAction(refreshAction_);
}

QAction* MainWindow::action(const QString& name) const {
  return findChild<QAction*>(name);
}

void MainWindow::showSample() {
  load(CandidateSource{});
}

bool MainWindow::openFolder(const QString& folder) {
  return load(CandidateSource{QDir::cleanPath(folder)});
}

bool MainWindow::refresh() {
  return load(hasData() ? source_ : retryTarget_);
}

bool MainWindow::load(const CandidateSource& source) {
  // The scan is synchronous: a local tree of manifests capped at 1 MiB each reads in moments.
  QApplication::setOverrideCursor(Qt::WaitCursor);
  const CandidateCatalog catalog = loadCandidates(source);
  QApplication::restoreOverrideCursor();

  if (!catalog.error.empty()) {
    // A partial or failed scan never replaces what is on screen: the old data is still true.
    reportFailure(source, toQString(catalog.error));
    return false;
  }

  source_ = source;
  loadedAt_ = QDateTime::currentDateTime();
  candidatesView_->setCatalog(catalog, source);
  banner_->dismiss();
  if (!source.isSample()) {
    settings_.addRecentFolder(source.folder);
    rebuildRecentMenu();
  }
  updateSourceDisplay();
  const int count = static_cast<int>(catalog.candidates.size());
  statusBar()->showMessage((count == 1 ? tr("Read 1 candidate from %1.") : tr("Read %1 candidates from %2.").arg(count))
                               .arg(source.isSample() ? tr("the built-in sample") : source.displayName()),
                           kStatusMessageMs);
  emit sourceLoaded(source_);
  return true;
}

void MainWindow::reportFailure(const CandidateSource& attempted, const QString& error) {
  retryTarget_ = attempted;
  QString advice;
  if (hasData()) {
    advice = tr("Still showing %1 as read at %2. Check the folder and choose Try Again, or open another "
                "folder with File › Open Folder… (%3).")
                 .arg(source_.isSample() ? tr("the built-in sample") : source_.displayName(), timeOfDay(loadedAt_),
                      openFolderAction_->shortcut().toString(QKeySequence::NativeText));
  } else {
    advice = tr("Open the .artifacts folder that the acceptance stage wrote with File › Open Folder… (%1), or "
                "look at the built-in sample (%2).")
                 .arg(openFolderAction_->shortcut().toString(QKeySequence::NativeText),
                      showSampleAction_->shortcut().toString(QKeySequence::NativeText));
  }
  banner_->showError(error, advice, true);
  statusBar()->showMessage(tr("Reading %1 failed.").arg(attempted.displayName()), kStatusMessageMs);
  updateSourceDisplay();
}

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList folders = settings_.recentFolders();
  for (qsizetype i = 0; i < folders.size(); ++i) {
    const QString folder = folders[i];
    const QString label = escapeMnemonic(QDir::toNativeSeparators(folder));
    // Mnemonics 1–9 make the list reachable from the keyboard: Alt+F, R, 1.
    QAction* open = recentMenu_->addAction(i < 9 ? QStringLiteral("&%1  %2").arg(i + 1).arg(label) : label);
    open->setData(folder);
    connect(open, &QAction::triggered, this, [this, folder] { openFolder(folder); });
  }
  if (folders.isEmpty()) recentMenu_->addAction(tr("No recent folders"))->setEnabled(false);
  recentMenu_->addSeparator();
  recentMenu_->addAction(clearRecentAction_);
  clearRecentAction_->setEnabled(!folders.isEmpty());
}

void MainWindow::updateSourceDisplay() {
  if (!hasData()) {
    setWindowTitle(QStringLiteral("ReleaseDesk"));
    sourceLabel_->setText(tr("nothing open"));
    loadedLabel_->clear();
    refreshAction_->setEnabled(!retryTarget_.folder.isEmpty());
    return;
  }
  setWindowTitle(QStringLiteral("%1 — ReleaseDesk").arg(source_.shortName()));
  sourceLabel_->setText(source_.displayName());
  sourceLabel_->setToolTip(source_.isSample() ? tr("The sample compiled into ReleaseDesk") : source_.displayName());
  loadedLabel_->setText(tr("read at %1").arg(timeOfDay(loadedAt_)));
  refreshAction_->setEnabled(true);
}

void MainWindow::openFolderDialog() {
  const QString start = source_.isSample() ? QDir::homePath() : source_.folder;
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open an .artifacts Folder"), start);
  if (!folder.isEmpty()) openFolder(folder);
}

void MainWindow::showPage(int page) {
  navigation_->setCurrentIndex(navigationModel_->index(page));
  pages_->setCurrentIndex(page);
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About ReleaseDesk"),
                     tr("<h3>ReleaseDesk %1</h3>"
                        "<p>A release desk for the production stage of a GitHub Actions pipeline: is this candidate "
                        "promotable, what is live, and what ran.</p>"
                        "<p>Verdicts come from the same core as <code>releasedesk-cli</code>.</p>")
                         .arg(QApplication::applicationVersion().toHtmlEscaped()));
}

}  // namespace releasedesk
