// The desk's main window.
#include "ui/main_window.h"

#include "app/adapter/qt_strings.h"
#include "ui/actions/decision_desk.h"
#include "ui/actions/replay_dialog.h"
#include "ui/after_repaint.h"
#include "ui/approvals/approvals_page.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/desk_page.h"
#include "ui/environment/environment_view.h"
#include "ui/error_banner.h"
#include "ui/history/history_page.h"
#include "ui/navigation_delegate.h"
#include "ui/navigation_model.h"
#include "ui/project/project_setup_dialog.h"
#include "ui/project/token_vault.h"
#include "ui/session/desk_connection.h"
#include "ui/status_indicator.h"
#include "ui/time_text.h"
#include "ui/timeline/timeline_view.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace releasedesk {
namespace {

constexpr QSize kDefaultSize(1280, 800);
constexpr int kNavigationWidth = 168;
constexpr int kCompactNavigationWidth = 52;
constexpr int kStatusMessageMs = 6000;
constexpr int kFreshnessTickMs = 30000;
constexpr int kCompleteWindowAtLatestMs = 1000;
// The pages after Candidates (MainWindow::CandidatesPage), in the order they are registered.
constexpr int kEnvironmentPage = 1;
constexpr int kTimelinePage = 2;
constexpr int kApprovalsPage = 3;
constexpr int kHistoryPage = 4;

// "09:12 CET": the desk's one clock (View › Show Times in UTC switches the zone).
QString timeOfDay(const QDateTime& time) {
  return timetext::timeOfDay(time);
}

// Menu text shows '&' as a mnemonic marker; paths must keep theirs.
QString escapeMnemonic(QString text) {
  return text.replace(QLatin1Char('&'), QStringLiteral("&&"));
}

// "less than a minute ago", "7 min ago", "2 h 5 min ago".
QString ageText(qint64 seconds) {
  if (seconds < 60) return MainWindow::tr("less than a minute ago");
  const qint64 minutes = seconds / 60;
  if (minutes < 60) return MainWindow::tr("%1 min ago").arg(minutes);
  return MainWindow::tr("%1 h %2 min ago").arg(minutes / 60).arg(minutes % 60);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : MainWindow(std::make_unique<KeychainTokenVault>(), parent) {}

MainWindow::MainWindow(std::unique_ptr<TokenVault> tokens, QWidget* parent)
    : QMainWindow(parent), session_(std::make_unique<DeskSession>(std::move(tokens))) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(QStringLiteral("ReleaseDesk"));

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);

  banner_ = new ErrorBanner(central);
  connect(banner_, &ErrorBanner::retryRequested, session_.get(), &DeskSession::retry);
  layout->addWidget(banner_);

  auto* body = new QHBoxLayout;
  body->setContentsMargins(0, 0, 0, 0);
  body->setSpacing(0);
  layout->addLayout(body, 1);

  navigationModel_ = new NavigationModel(this);
  navigation_ = new QListView(central);
  navigation_->setObjectName(QStringLiteral("navigation"));
  navigation_->setAccessibleName(tr("Views"));
  navigation_->setModel(navigationModel_);
  navigationDelegate_ = new NavigationDelegate(navigation_);
  navigation_->setItemDelegate(navigationDelegate_);
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

  stack_ = new QStackedWidget(central);
  stack_->setObjectName(QStringLiteral("pages"));
  body->addWidget(stack_, 1);
  setCentralWidget(central);

  createActions();

  // The pages, in navigation order. Each reads through the connection when first shown (and on
  // F5 while shown), so a page never looked at costs nothing. Only Candidates, shown first, is
  // made now: the others are made once the first read is painted (completeWindow), or when first
  // asked for, so building them is no part of the start.
  // The acting side reads and sends through the same connection; its pages show what it holds.
  decisions_ = new DecisionDesk({}, this);
  candidatesView_ = new CandidatesView(stack_);
  candidatesView_->setObjectName(QStringLiteral("candidatesView"));
  candidatesView_->setDecisionDesk(decisions_);
  addPage(candidatesView_->navigation(), [this] { return candidatesView_; });
  addPage(EnvironmentView::pageNavigation(), [this] {
    environmentView_ = new EnvironmentView(stack_);
    environmentView_->setObjectName(QStringLiteral("environmentView"));
    return environmentView_;
  });
  addPage(TimelineView::pageNavigation(), [this] {
    timelineView_ = new TimelineView(stack_);
    timelineView_->setObjectName(QStringLiteral("timelineView"));
    return timelineView_;
  });
  addPage(ApprovalsPage::pageNavigation(), [this] {
    approvalsPage_ = new ApprovalsPage(*decisions_, stack_);
    approvalsPage_->setObjectName(QStringLiteral("approvalsPage"));
    return approvalsPage_;
  });
  addPage(HistoryPage::pageNavigation(), [this] {
    historyPage_ = new HistoryPage(*decisions_, stack_);
    historyPage_->setObjectName(QStringLiteral("historyPage"));
    return historyPage_;
  });
  connect(candidatesView_, &CandidatesView::replayRequested, this, [this](const QString& sha) { showReplay(sha); });
  connect(candidatesView_, &CandidatesView::rollbackRequested, this, &MainWindow::showRollback);
  connect(decisions_, &DecisionDesk::runStarted, this, &MainWindow::runStarted);
  connect(decisions_, &DecisionDesk::runFinished, this, &MainWindow::runFinished);

  connect(navigation_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (!current.isValid()) return;
            page(current.row());  // made before it is shown
            stack_->setCurrentIndex(current.row());
          });
  connect(stack_, &QStackedWidget::currentChanged, this, &MainWindow::readPageIfFirstShown);

  freshnessTimer_ = new QTimer(this);
  freshnessTimer_->setInterval(kFreshnessTickMs);
  connect(freshnessTimer_, &QTimer::timeout, this, &MainWindow::updateFreshness);

  DeskSession* session = session_.get();
  connect(session, &DeskSession::candidatesLoaded, this, &MainWindow::showCandidates);
  connect(session, &DeskSession::sourceSwitched, this, &MainWindow::clearPages);
  connect(session, &DeskSession::loadFailed, this, &MainWindow::showFailure);
  connect(session, &DeskSession::loadFinished, this, &MainWindow::loadFinished);
  connect(session, &DeskSession::loadingChanged, this, &MainWindow::loadingChanged);
  connect(session, &DeskSession::stateChanged, this, &MainWindow::updateSourceDisplay);
  connect(session, &DeskSession::progressChanged, this, &MainWindow::updateProgress);
  connect(session, &DeskSession::connectionChanged, this, &MainWindow::attachPages);
  connect(session, &DeskSession::connectionStatusChanged, this, [this] {
    updateConnectionStatus();
    sayTruncatedLists();
  });

  createMenus();
  createTopBar();
  createStatusBar();
  // The clock and the navigation's width as the user left them.
  const QSettings settings;
  utcAction_->setChecked(settings.value(QStringLiteral("view/timesInUtc"), false).toBool());
  setTimesInUtc(utcAction_->isChecked());
  compactNavigationAction_->setChecked(settings.value(QStringLiteral("view/compactNavigation"), false).toBool());
  setCompactNavigation(compactNavigationAction_->isChecked());
  showPage(CandidatesPage);
  updateSourceDisplay();
  updateConnectionStatus();

  QSize size = kDefaultSize;
  if (const QScreen* screen = QGuiApplication::primaryScreen()) {
    size = size.boundedTo(screen->availableSize() * 0.9);
  }
  resize(size);

  // Once the first read is painted (or a load that failed), or after a second at the latest.
  connect(
      this, &MainWindow::loadFinished, this, [this] { runAfterPendingRepaint(this, [this] { completeWindow(); }); },
      Qt::SingleShotConnection);
  QTimer::singleShot(kCompleteWindowAtLatestMs, this, &MainWindow::completeWindow);
}

MainWindow::~MainWindow() {
  // The dialog refers to the session's settings and vault, which go before the child widgets.
  delete setupDialog_;
  // The decisions read and send through the session's connection, which goes before the child
  // objects: let go of it first.
  decisions_->setConnection(nullptr);
}

void MainWindow::addPage(const DeskPage::Navigation& navigation, std::function<DeskPage*()> make) {
  const int index = navigationModel_->addView(navigation.title, navigation.attentionMeaning);
  stack_->addWidget(new QWidget(stack_));  // the page's place until it is made
  pages_.push_back(nullptr);
  makePage_.push_back(std::move(make));
  pageRead_.push_back(false);

  // Ctrl+1, Ctrl+2, …: the page's row in the navigation.
  auto* show = new QAction(navigation.menuText, this);
  show->setObjectName(QStringLiteral("show") + navigation.name);
  const QKeySequence shortcut(QKeyCombination(Qt::CTRL, Qt::Key(Qt::Key_1 + index)));
  show->setShortcut(shortcut);
  show->setToolTip(QStringLiteral("%1 (%2)").arg(navigation.title, shortcut.toString(QKeySequence::NativeText)));
  addAction(show);
  connect(show, &QAction::triggered, this, [this, index] {
    showPage(index);
    // A page that names the widget to type into (its focus proxy) gets the keyboard.
    DeskPage* shown = page(index);
    if (shown->focusProxy()) shown->setFocus(Qt::ShortcutFocusReason);
  });
  showPageActions_.push_back(show);
  if (index == CandidatesPage) page(index);
}

DeskPage* MainWindow::page(int index) {
  const auto at = static_cast<std::size_t>(index);
  if (pages_[at] != nullptr) return pages_[at];
  DeskPage* made = makePage_[at]();
  pages_[at] = made;
  // In the placeholder's place. Never the page on screen: a page is made before it is shown.
  QWidget* placeholder = stack_->widget(index);
  const QSignalBlocker quiet(stack_);
  stack_->removeWidget(placeholder);
  delete placeholder;
  stack_->insertWidget(index, made);
  connect(made, &DeskPage::attentionCountChanged, this,
          [this, index](int count) { navigationModel_->setBadge(index, count); });
  // Up to the session's state, as if it had been there all along: the connection (the page
  // reads nothing until shown), the candidates on screen, the source in its header.
  if (index != CandidatesPage) {
    made->setConnection(session_->connection());
    made->setCandidates(session_->catalog(), session_->source());
  }
  updatePageSources();
  return made;
}

const std::vector<DeskPage*>& MainWindow::pages() {
  for (int i = 0; i < static_cast<int>(pages_.size()); ++i) page(i);
  return pages_;
}

EnvironmentView* MainWindow::environmentView() {
  page(kEnvironmentPage);
  return environmentView_;
}

TimelineView* MainWindow::timelineView() {
  page(kTimelinePage);
  return timelineView_;
}

ApprovalsPage* MainWindow::approvalsPage() {
  page(kApprovalsPage);
  return approvalsPage_;
}

HistoryPage* MainWindow::historyPage() {
  page(kHistoryPage);
  return historyPage_;
}

void MainWindow::completeWindow() {
  if (std::exchange(complete_, true)) return;
  pages();
  candidatesView_->addFilterClearButton();
  // The style's standard icons look the icon theme up (parsing its index) and decode PNGs up
  // to 128 px: no part of the first paint.
  openFolderAction_->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
  refreshAction_->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
}

int MainWindow::pageIndex(const DeskPage* page) const {
  if (page == nullptr) return -1;
  const auto it = std::find(pages_.begin(), pages_.end(), page);
  return it == pages_.end() ? -1 : static_cast<int>(it - pages_.begin());
}

void MainWindow::attachPages(DeskConnection* connection) {
  truncatedListsSaid_ = 0;  // a new connection counts from zero
  // Called before the old connection goes: every page lets go of its client here.
  decisions_->setConnection(connection);
  const int current = stack_->currentIndex();
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    if (pages_[i] != nullptr) pages_[i]->setConnection(connection);  // one made later gets it then
    pageRead_[i] = false;
    if (static_cast<int>(i) == current) readPageIfFirstShown(current);
  }
  updatePageSources();
}

void MainWindow::readPageIfFirstShown(int page) {
  if (page < 0 || page >= static_cast<int>(pages_.size())) return;
  if (pageRead_[page] || pages_[page] == nullptr || !session_->connection()) return;
  pageRead_[page] = true;
  pages_[page]->refresh();
}

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
  openFolderAction_->setStatusTip(tr("Open an .artifacts folder, or a checkout holding one"));
  connect(openFolderAction_, &QAction::triggered, this, &MainWindow::openFolderDialog);

  showSampleAction_ = make(QStringLiteral("showSample"), tr("Open Built-in &Sample Evidence"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  showSampleAction_->setStatusTip(
      tr("Open the sample evidence manifests compiled into ReleaseDesk (candidates only, no connection)"));
  connect(showSampleAction_, &QAction::triggered, session_.get(), &DeskSession::showSample);

  refreshAction_ = make(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence(Qt::Key_F5));
  refreshAction_->setStatusTip(tr("Read the current source again"));
  connect(refreshAction_, &QAction::triggered, this, [this] {
    session_->refresh();
    // F5 reads the page on screen again too.
    if (auto* page = qobject_cast<DeskPage*>(stack_->currentWidget())) page->refresh();
  });

  clearRecentAction_ = make(QStringLiteral("clearRecent"), tr("&Clear Recent Folders"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
  connect(clearRecentAction_, &QAction::triggered, this, [this] {
    session_->settings().clearRecentFolders();
    rebuildRecentMenu();
  });

  quitAction_ = make(QStringLiteral("quit"), tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q));
  quitAction_->setMenuRole(QAction::QuitRole);
  connect(quitAction_, &QAction::triggered, this, &QWidget::close);

  aboutAction_ = make(QStringLiteral("about"), tr("&About ReleaseDesk"), QKeySequence(Qt::Key_F1));
  aboutAction_->setMenuRole(QAction::AboutRole);
  connect(aboutAction_, &QAction::triggered, this, &MainWindow::showAbout);

  replayAction_ = make(QStringLiteral("replay"), tr("&Replay Candidate…"), QKeySequence(Qt::CTRL | Qt::Key_R));
  replayAction_->setStatusTip(tr("Dispatch production-stage.yml for the selected accepted candidate"));
  connect(replayAction_, &QAction::triggered, this, [this] { showReplay(); });
  rollbackAction_ = make(QStringLiteral("rollback"), tr("Roll &Back…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
  rollbackAction_->setStatusTip(tr("Replay the candidate that was live before the current one"));
  connect(rollbackAction_, &QAction::triggered, this, &MainWindow::showRollback);

  findAction_ = make(QStringLiteral("findCandidates"), tr("&Filter Candidates"), QKeySequence::Find);
  connect(findAction_, &QAction::triggered, this, [this] {
    showPage(CandidatesPage);
    candidatesView_->focusFilter();
  });

  setUpProjectAction_ = make(QStringLiteral("setUpProject"), tr("Set &Up…"), QKeySequence(Qt::CTRL | Qt::Key_Comma));
  setUpProjectAction_->setStatusTip(tr("Choose the GitHub repository to watch and store its token in the keychain"));
  setUpProjectAction_->setMenuRole(QAction::PreferencesRole);
  connect(setUpProjectAction_, &QAction::triggered, this, &MainWindow::showProjectSetup);

  openProjectAction_ =
      make(QStringLiteral("openProject"), tr("&Open Project"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  openProjectAction_->setStatusTip(tr("Connect to the project set up in Project › Set Up…"));
  connect(openProjectAction_, &QAction::triggered, session_.get(), &DeskSession::openProject);

  useSandboxAction_ = make(QStringLiteral("useSandbox"), tr("Connect to Sand&box Repository"),
                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
  useSandboxAction_->setStatusTip(
      tr("Connect to the built-in sandbox GitHub repository (candidates, environment, "
         "timeline, approvals); the project set up stays saved"));
  connect(useSandboxAction_, &QAction::triggered, session_.get(), &DeskSession::openSandbox);

  utcAction_ =
      make(QStringLiteral("timesInUtc"), tr("Show Times in &UTC"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
  utcAction_->setCheckable(true);
  utcAction_->setStatusTip(tr("Show every time in UTC instead of local time"));
  connect(utcAction_, &QAction::toggled, this, [this](bool utc) {
    QSettings().setValue(QStringLiteral("view/timesInUtc"), utc);
    setTimesInUtc(utc);
  });

  compactNavigationAction_ = make(QStringLiteral("compactNavigation"), tr("&Narrow Navigation"),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
  compactNavigationAction_->setCheckable(true);
  compactNavigationAction_->setStatusTip(tr("Show only the views' initials in the navigation, for narrow windows"));
  connect(compactNavigationAction_, &QAction::toggled, this, [this](bool compact) {
    QSettings().setValue(QStringLiteral("view/compactNavigation"), compact);
    setCompactNavigation(compact);
  });

  // Esc stops the reading under way; a dialog or an editor that wants Esc gets it first.
  cancelAction_ = make(QStringLiteral("cancelReading"), tr("&Cancel Reading"), QKeySequence(Qt::Key_Escape));
  cancelAction_->setShortcutContext(Qt::WindowShortcut);
  connect(cancelAction_, &QAction::triggered, this, &MainWindow::cancelReading);
}

void MainWindow::setTimesInUtc(bool utc) {
  timetext::setUtc(utc);
  for (DeskPage* page : pages_)
    if (page != nullptr) page->showTimesAgain();
  updateFreshness();
  updateConnectionStatus();
}

bool MainWindow::isNavigationCompact() const {
  return navigationDelegate_->isCompact();
}

void MainWindow::setCompactNavigation(bool compact) {
  navigationDelegate_->setCompact(compact);
  navigation_->setFixedWidth(compact ? kCompactNavigationWidth : kNavigationWidth);
  navigation_->viewport()->update();
}

void MainWindow::cancelReading() {
  const bool session = session_->cancel();
  bool page = false;
  if (auto* shown = qobject_cast<DeskPage*>(stack_->currentWidget())) page = shown->cancelRefresh();
  if (session || page)
    statusBar()->showMessage(tr("Reading cancelled; what is shown is kept, marked stale."), kStatusMessageMs);
}

ReplayDialog* MainWindow::showReplay(const QString& sha) {
  const QString target = sha.isEmpty() ? candidatesView_->selectedSha() : sha;
  if (target.isEmpty() || !decisions_->isConnected()) {
    statusBar()->showMessage(decisions_->isConnected()
                                 ? tr("Select an accepted candidate to replay first (Candidates, Ctrl+1).")
                                 : tr("Replays go through GitHub: open a project or the sandbox first."),
                             kStatusMessageMs);
    return nullptr;
  }
  return openReplayDialog(new ReplayDialog(*decisions_, target, this));
}

ReplayDialog* MainWindow::showRollback() {
  if (!decisions_->isConnected()) {
    statusBar()->showMessage(tr("Rollbacks go through GitHub: open a project or the sandbox first."), kStatusMessageMs);
    return nullptr;
  }
  return openReplayDialog(ReplayDialog::rollback(*decisions_, this));
}

ReplayDialog* MainWindow::openReplayDialog(ReplayDialog* dialog) {
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowModality(Qt::WindowModal);
  dialog->show();
  // The preflight needs the environment and the lock; read them now, the dialog re-plans when
  // they arrive (its typed confirmation starts empty, so nothing is sent on stale grounds).
  decisions_->read();
  return dialog;
}

void MainWindow::runStarted(std::int64_t runId, const QString& sha) {
  // The new run appears in the Timeline at once and is followed there while it runs.
  timelineView()->refresher()->recordDispatch(runId, toStdString(sha));
  timelineView_->refresh();
  statusBar()->showMessage(tr("Run %1 started for %2; following it until it ends.").arg(runId).arg(sha.left(7)),
                           kStatusMessageMs);
}

void MainWindow::runFinished(std::int64_t runId, bool success, const QString& sentence) {
  const QString title =
      success ? tr("Production run %1 succeeded").arg(runId) : tr("Production run %1 ended").arg(runId);
  statusBar()->showMessage(tr("%1: %2").arg(title, sentence));
  timelineView()->refresh();
  // A desktop notification where the desktop offers one; the taskbar entry asks for attention too.
  if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
    if (!notifier_) {
      notifier_ = new QSystemTrayIcon(windowIcon(), this);
      notifier_->setToolTip(QStringLiteral("ReleaseDesk"));
    }
    notifier_->show();
    notifier_->showMessage(title, sentence, success ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
  }
  QApplication::alert(this);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(openFolderAction_);
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  recentMenu_->setObjectName(QStringLiteral("recentMenu"));
  file->addAction(showSampleAction_);
  file->addSeparator();
  file->addAction(quitAction_);

  QMenu* project = menuBar()->addMenu(tr("&Project"));
  project->setObjectName(QStringLiteral("projectMenu"));
  project->addAction(setUpProjectAction_);
  project->addSeparator();
  project->addAction(openProjectAction_);
  project->addAction(useSandboxAction_);
  // Open Project needs a project to open; checked whenever the menu is about to show.
  openProjectAction_->setEnabled(session_->settings().hasProject());
  connect(project, &QMenu::aboutToShow, this,
          [this] { openProjectAction_->setEnabled(session_->settings().hasProject()); });

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (QAction* show : showPageActions_) view->addAction(show);
  view->addSeparator();
  view->addAction(findAction_);
  view->addAction(refreshAction_);
  view->addAction(cancelAction_);
  view->addSeparator();
  view->addAction(utcAction_);
  view->addAction(compactNavigationAction_);

  QMenu* release = menuBar()->addMenu(tr("&Release"));
  release->setObjectName(QStringLiteral("releaseMenu"));
  release->addAction(replayAction_);
  release->addAction(rollbackAction_);
  release->addSeparator();
  release->addAction(action(QStringLiteral("showApprovals")));
  release->addAction(action(QStringLiteral("showHistory")));

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
  freshness_ = new StatusIndicator(bar);
  freshness_->setObjectName(QStringLiteral("freshness"));
  freshness_->setContentsMargins(8, 0, 0, 0);
  freshness_->textLabel()->setForegroundRole(QPalette::PlaceholderText);
  auto* spacer = new QWidget(bar);
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

  // Reading from GitHub takes a moment: a busy bar under the top bar says what is being read and
  // offers Cancel. A row of its own, so a narrow window never hides it in the toolbar's overflow.
  progress_ = new QWidget(centralWidget());
  progress_->setObjectName(QStringLiteral("loadProgress"));
  progress_->setAutoFillBackground(true);
  progress_->setBackgroundRole(QPalette::AlternateBase);
  auto* progressLayout = new QHBoxLayout(progress_);
  progressLayout->setContentsMargins(8, 2, 8, 2);
  progressLayout->setSpacing(6);
  progressLabel_ = new QLabel(progress_);
  progressLabel_->setObjectName(QStringLiteral("loadProgressText"));
  progressLabel_->setTextFormat(Qt::PlainText);
  progressLabel_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);  // long captions never widen the window
  progressBar_ = new QProgressBar(progress_);
  progressBar_->setRange(0, 0);  // busy: how many artifacts there are is known only at the end
  progressBar_->setTextVisible(false);
  progressBar_->setFixedWidth(96);
  progressBar_->setAccessibleName(tr("Reading"));
  cancelButton_ = new QPushButton(tr("Cancel"), progress_);
  cancelButton_->setObjectName(QStringLiteral("cancelReading"));
  cancelButton_->setToolTip(tr("Stop reading and keep what is shown, marked stale (Esc)"));
  connect(cancelButton_, &QPushButton::clicked, this, &MainWindow::cancelReading);
  progressLayout->addWidget(progressLabel_, 1);
  progressLayout->addWidget(progressBar_);
  progressLayout->addWidget(cancelButton_);
  progress_->setVisible(false);
  // Under the banner, above the pages.
  static_cast<QVBoxLayout*>(centralWidget()->layout())->insertWidget(1, progress_);

  bar->addWidget(caption);
  bar->addWidget(sourceLabel_);
  bar->addWidget(freshness_);
  bar->addWidget(spacer);
  bar->addAction(openFolderAction_);
  bar->addAction(refreshAction_);
}

void MainWindow::createStatusBar() {
  QStatusBar* bar = statusBar();
  bar->setSizeGripEnabled(true);
  connectionStatus_ = new StatusIndicator(bar);
  connectionStatus_->setObjectName(QStringLiteral("connectionStatus"));
  requestsStatus_ = new StatusIndicator(bar);
  requestsStatus_->setObjectName(QStringLiteral("requestsStatus"));
  rateLimitStatus_ = new StatusIndicator(bar);
  rateLimitStatus_->setObjectName(QStringLiteral("rateLimitStatus"));
  bar->addPermanentWidget(connectionStatus_);
  bar->addPermanentWidget(requestsStatus_);
  bar->addPermanentWidget(rateLimitStatus_);
}

QAction* MainWindow::action(const QString& name) const {
  return findChild<QAction*>(name);
}

QString MainWindow::shortcutText(const QAction* action) const {
  return action->shortcut().toString(QKeySequence::NativeText);
}

QString MainWindow::progressText() const {
  return session_->isLoading() ? progressLabel_->text() : QString();
}

// ---- the session on screen --------------------------------------------------------------------

void MainWindow::showCandidates(const CandidateCatalog& catalog, const CandidateSource& source,
                                const QString& summary) {
  for (DeskPage* page : pages_)
    if (page != nullptr) page->setCandidates(catalog, source);
  if (source.isGitHub() && decisions_->isConnected()) {
    // Each candidate against live: the timeline is read beside the evidence the session just read,
    // once the candidates are on screen (its answers would otherwise come before that repaint).
    decisions_->useCatalog(catalog);
    runAfterPendingRepaint(this, [this, connection = QPointer<DeskConnection>(session_->connection())] {
      if (connection && connection == session_->connection()) decisions_->read({true, false, false});
    });
  }
  if (!bannerSaysTruncated_) banner_->dismiss();
  if (source.isFolder()) rebuildRecentMenu();
  statusBar()->showMessage(summary, kStatusMessageMs);
  emit sourceLoaded(source);
}

void MainWindow::showFailure(const DeskSession::Failure& failure) {
  // The session says what failed; the window says what to do, in its menus and shortcuts.
  const CandidateSource& shown = session_->source();
  QString advice;
  QAction* fix = nullptr;
  switch (failure.kind) {
    case DeskSession::Failure::Kind::Folder:
      if (hasData()) {
        advice = tr("Still showing %1 as read at %2. Check the folder and choose Try Again, or open another "
                    "folder with File › Open Folder… (%3).")
                     .arg(shown.isSample() ? tr("the built-in sample") : shown.displayName(),
                          timeOfDay(session_->loadedAt()), shortcutText(openFolderAction_));
      } else {
        advice = tr("Open the .artifacts folder that the acceptance stage wrote with File › Open Folder… (%1), or "
                    "open the built-in sample evidence (%2).")
                     .arg(shortcutText(openFolderAction_), shortcutText(showSampleAction_));
      }
      break;
    case DeskSession::Failure::Kind::GitHub: {
      QString still;
      if (hasData()) {
        still = tr("Still showing %1 as read at %2%3.")
                    .arg(shown.isGitHub() ? tr("the candidates") : shown.displayName(), timeOfDay(session_->loadedAt()),
                         isStale() ? tr(", marked stale") : QString());
        still += QLatin1Char(' ');
      }
      if (failure.unauthorized) {
        advice = still + tr("Enter a new token with Project › Set Up… (%1), then Refresh (%2).")
                             .arg(shortcutText(setUpProjectAction_), shortcutText(refreshAction_));
        fix = setUpProjectAction_;
      } else {
        advice = still + tr("Check the network and the project's settings (Project › Set Up…, %1), then choose Try "
                            "Again (%2).")
                             .arg(shortcutText(setUpProjectAction_), shortcutText(refreshAction_));
      }
      break;
    }
    case DeskSession::Failure::Kind::Token:
      advice = tr("ReleaseDesk keeps tokens only in the OS keychain. Enter a token with Project › Set Up… (%1), or "
                  "look around the built-in sandbox with Project › Connect to Sandbox Repository (%2).")
                   .arg(shortcutText(setUpProjectAction_), shortcutText(useSandboxAction_));
      fix = setUpProjectAction_;
      break;
  }
  bannerSaysTruncated_ = false;
  banner_->showError(failure.what, advice, session_->canRetry(), fix);
  if (failure.kind != DeskSession::Failure::Kind::Token) {
    statusBar()->showMessage(tr("Reading %1 failed.").arg(failure.attempted.displayName()), kStatusMessageMs);
  }
}

void MainWindow::sayTruncatedLists() {
  DeskConnection* connection = session_->connection();
  if (connection == nullptr) return;
  const int truncated = connection->counters().truncatedLists;
  if (truncated <= truncatedListsSaid_) return;
  truncatedListsSaid_ = truncated;
  bannerSaysTruncated_ = true;
  banner_->showError(
      tr("A list from GitHub had more than %1 pages and was cut there.").arg(connection->client().config().maxPages),
      tr("What is shown comes from part of the data: counts, figures and the newest or oldest "
         "entries may be missing."),
      false);
}

// ---- project --------------------------------------------------------------------------------

ProjectSetupDialog* MainWindow::showProjectSetup() {
  if (setupDialog_) {
    setupDialog_->raise();
    setupDialog_->activateWindow();
    return setupDialog_;
  }
  auto* dialog = new ProjectSetupDialog(session_->settings(), session_->tokens(), this);
  setupDialog_ = dialog;
  dialog->setProject(session_->settings().apiSettings());
  connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
    dialog->deleteLater();
    openProjectAction_->setEnabled(session_->settings().hasProject());
    if (result == ProjectSetupDialog::UseSandbox) {
      openSandbox();
    } else if (result == QDialog::Accepted) {
      const ApiSettings api = session_->settings().apiSettings();
      if (dialog->enteredToken().isEmpty()) {
        openProject();
      } else {
        // Connect with the token just entered; when the keychain refused it, for this session only.
        session_->connectProject(
            api, dialog->enteredToken(),
            dialog->tokenSaved() ? tr("the keychain") : tr("the setup dialog (this session only)"));
      }
    }
  });
  dialog->open();
  return dialog;
}

// ---- display --------------------------------------------------------------------------------

void MainWindow::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList folders = session_->settings().recentFolders();
  for (qsizetype i = 0; i < folders.size(); ++i) {
    const QString& folder = folders[i];
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
  refreshAction_->setEnabled(session_->canRefresh());
  cancelAction_->setEnabled(isLoading());
  updatePageSources();
  if (!session_->hasSource()) {
    setWindowTitle(QStringLiteral("ReleaseDesk"));
    sourceLabel_->setText(isLoading() ? tr("reading…") : tr("nothing open"));
    sourceLabel_->setToolTip({});
    freshness_->clear();
    return;
  }
  const CandidateSource& source = session_->source();
  if (!hasData()) {
    // The source being read, never the one before it: what it showed is gone.
    setWindowTitle(QStringLiteral("%1 — ReleaseDesk").arg(source.shortName()));
    sourceLabel_->setText(source.displayName());
    sourceLabel_->setToolTip(tr("Nothing has been read from %1 yet").arg(source.displayName()));
    freshness_->setStatus(isLoading() ? QIcon() : staleIcon(), isLoading() ? tr("reading…") : tr("not read"),
                          session_->connectionProblem());
    freshnessTimer_->stop();
    return;
  }
  setWindowTitle(QStringLiteral("%1 — ReleaseDesk").arg(source.shortName()));
  sourceLabel_->setText(source.displayName());
  sourceLabel_->setToolTip(source.isSample()   ? tr("The sample compiled into ReleaseDesk")
                           : source.isGitHub() ? tr("Acceptance evidence of %1 on GitHub").arg(source.repository)
                                               : source.displayName());
  updateFreshness();
}

void MainWindow::updateFreshness() {
  if (!hasData()) {
    if (!session_->hasSource()) freshness_->clear();
    freshnessTimer_->stop();
    return;
  }
  const QDateTime loadedAt = session_->loadedAt();
  const QString readAt = tr("read at %1").arg(timeOfDay(loadedAt));
  if (!isStale()) {
    freshness_->setStatus({}, readAt);
    freshness_->textLabel()->setForegroundRole(QPalette::PlaceholderText);
    freshnessTimer_->stop();
    return;
  }
  const qint64 age = loadedAt.secsTo(QDateTime::currentDateTime());
  freshness_->setStatus(
      staleIcon(), tr("stale: %1, %2").arg(readAt, ageText(age)),
      tr("Refreshing failed at %1; what is shown may be out of date.").arg(timeOfDay(session_->staleSince())));
  freshness_->textLabel()->setForegroundRole(QPalette::WindowText);
  if (!freshnessTimer_->isActive()) freshnessTimer_->start();
}

void MainWindow::updateProgress() {
  progress_->setVisible(isLoading());
  if (!isLoading()) {
    progressLabel_->clear();
    return;
  }
  const QString text = session_->progressText();
  progressLabel_->setText(text);
  progressLabel_->setToolTip(text);
  progressBar_->setToolTip(text);
}

void MainWindow::updateConnectionStatus() {
  const DeskConnection* connection = session_->connection();
  const QString description = session_->connectionDescription();
  if (description.isEmpty()) {
    connectionStatus_->setStatus(
        connectionIcon(ConnectionState::NotConnected), connectionWord(ConnectionState::NotConnected),
        tr("No GitHub project is open: Project › Set Up… or Project › Connect to Sandbox Repository."));
  } else {
    QString tip = session_->connectionProblem();
    if (tip.isEmpty() && connection) {
      tip = connection->isSandbox()  ? tr("The built-in sandbox repository, answered inside ReleaseDesk")
            : connection->hasToken() ? tr("Requests go to %1 with the token from %2")
                                           .arg(connection->settings().apiBase, connection->tokenSource())
                                     : tr("Requests go to %1 without a token").arg(connection->settings().apiBase);
    }
    const ConnectionState state = session_->connectionState();
    connectionStatus_->setStatus(connectionIcon(state), tr("%1: %2").arg(connectionWord(state), description), tip);
  }

  requestsStatus_->setVisible(connection != nullptr);
  rateLimitStatus_->setVisible(connection != nullptr);
  if (!connection) return;

  const RequestCounters& counters = connection->counters();
  const QLocale locale;
  const QString requests =
      counters.requests == 1 ? tr("1 request") : tr("%1 requests").arg(locale.toString(counters.requests));
  requestsStatus_->setStatus({}, tr("%1 (%2 cached)").arg(requests, locale.toString(counters.notModified)),
                             tr("Requests since the connection opened: %1 answered 304 from the cache, free of rate "
                                "limit; %2 counted against it; %3 retried.")
                                 .arg(counters.notModified)
                                 .arg(counters.rateLimitCost)
                                 .arg(counters.retries));

  // GraphQL's points (the timeline's batched reads), beside REST's requests once an answer said.
  QString graphql;
  QString graphqlTip;
  if (const std::optional<GraphQLRateLimit> points = connection->lastGraphQLRateLimit()) {
    graphql = tr(" · GraphQL %1/%2").arg(locale.toString(points->remaining), locale.toString(points->limit));
    graphqlTip =
        tr("; GraphQL points left in this hour: %1 of %2 (%3 used)")
            .arg(locale.toString(points->remaining), locale.toString(points->limit), locale.toString(points->used));
  }
  const std::optional<RateLimit> rate = connection->lastRateLimit();
  if (!rate) {
    rateLimitStatus_->setStatus({}, tr("rate limit not known yet") + graphql, graphqlTip.mid(2));
    return;
  }
  QString resets;
  if (rate->resetAt) {
    const auto seconds = rate->resetAt->time_since_epoch().count();
    resets = tr(", resets %1").arg(timeOfDay(QDateTime::fromSecsSinceEpoch(static_cast<qint64>(seconds))));
  }
  const QString left = QStringLiteral("%1 / %2").arg(locale.toString(rate->remaining), locale.toString(rate->limit));
  // Below a tenth left, say so with an icon and a word as well.
  const bool low = rate->limit > 0 && rate->remaining * 10 < rate->limit;
  rateLimitStatus_->setStatus(
      low ? staleIcon() : QIcon(),
      (low ? tr("rate limit low: %1%2").arg(left, resets) : tr("rate limit %1%2").arg(left, resets)) + graphql,
      tr("GitHub requests left in this hour (%1 used)").arg(locale.toString(rate->used)) + graphqlTip);
}

void MainWindow::clearPages(const CandidateSource& source) {
  for (DeskPage* page : pages_)
    if (page != nullptr) page->setCandidates({}, source);
  banner_->dismiss();
}

void MainWindow::updatePageSources() {
  const DeskConnection* connection = session_->connection();
  const CandidateSource& source = session_->source();
  const QString candidates = session_->hasSource() ? source.displayName() : tr("nothing open");
  // The pages that read GitHub read the connection; without one they show nothing of anything.
  const QString github = connection ? connection->description()
                         : source.isGitHub() && session_->hasSource()
                             ? tr("%1 (not connected)").arg(source.displayName())
                             : tr("no GitHub project open");
  for (DeskPage* page : pages_)
    if (page != nullptr) page->setSourceName(page == candidatesView_ ? candidates : github);
  // The journal is local: without a connection it shows every project's decisions, each named.
  if (!connection && historyPage_ != nullptr) historyPage_->setSourceName(tr("every project's decisions"));
}

void MainWindow::openFolderDialog() {
  const QString start = source().isFolder() ? source().folder : QDir::homePath();
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Open an .artifacts Folder"), start);
  if (!folder.isEmpty()) openFolder(folder);
}

void MainWindow::showPage(int page) {
  this->page(page);  // made before it is shown
  navigation_->setCurrentIndex(navigationModel_->index(page));
  stack_->setCurrentIndex(page);
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
