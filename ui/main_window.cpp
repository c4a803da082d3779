// The desk's main window.
#include "ui/main_window.h"

#include "app/adapter/desk_connection.h"
#include "app/adapter/qt_strings.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/environment/environment_view.h"
#include "ui/error_banner.h"
#include "ui/navigation_delegate.h"
#include "ui/navigation_model.h"
#include "ui/project/project_setup_dialog.h"
#include "ui/project/token_vault.h"
#include "ui/status_indicator.h"
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
#include <QRegularExpression>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace releasedesk {
namespace {

constexpr QSize kDefaultSize(1280, 800);
constexpr int kNavigationWidth = 168;
constexpr int kStatusMessageMs = 6000;
constexpr int kFreshnessTickMs = 30000;

// "09:12" or "9:12 AM": the locale's short time, without seconds even where it has them.
QString timeOfDay(const QDateTime& time) {
  QString format = QLocale().timeFormat(QLocale::ShortFormat);
  format.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
  return QLocale().toString(time.time(), format);
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
    : QMainWindow(parent), tokens_(std::move(tokens)) {
  setObjectName(QStringLiteral("mainWindow"));
  setWindowTitle(QStringLiteral("ReleaseDesk"));

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);

  banner_ = new ErrorBanner(central);
  connect(banner_, &ErrorBanner::retryRequested, this, [this] {
    if (retry_) retry_();
  });
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
  // The Environment view checks `production` when first shown (and on F5 while shown).
  environmentView_ = new EnvironmentView(pages_);
  environmentView_->setObjectName(QStringLiteral("environmentView"));
  environmentPage_ =
      navigationModel_->addView(tr("Environment"), tr("required variables or secrets missing, invalid or unknown"));
  pages_->addWidget(environmentView_);
  connect(environmentView_, &EnvironmentView::attentionCountChanged, this,
          [this](int count) { navigationModel_->setBadge(environmentPage_, count); });
  connect(pages_, &QStackedWidget::currentChanged, this, [this] {
    if (pages_->currentWidget() == environmentView_ && !environmentChecked_ && connection_) {
      environmentChecked_ = true;
      environmentView_->refresh();
    }
  });
  // The Timeline reads GitHub when first shown (and on F5 while shown), so it costs nothing unseen.
  timelineView_ = new TimelineView(pages_);
  timelineView_->setObjectName(QStringLiteral("timelineView"));
  timelinePage_ = navigationModel_->addView(tr("Timeline"), tr("runs waiting for approval or queued behind the lock"));
  pages_->addWidget(timelineView_);
  connect(timelineView_, &TimelineView::attentionCountChanged, this,
          [this](int count) { navigationModel_->setBadge(timelinePage_, count); });
  body->addWidget(pages_, 1);
  setCentralWidget(central);

  connect(candidatesView_, &CandidatesView::attentionCountChanged, this,
          [this](int count) { navigationModel_->setBadge(CandidatesPage, count); });
  connect(navigation_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) pages_->setCurrentIndex(current.row());
          });

  freshnessTimer_ = new QTimer(this);
  freshnessTimer_->setInterval(kFreshnessTickMs);
  connect(freshnessTimer_, &QTimer::timeout, this, &MainWindow::updateFreshness);

  createActions();
  createMenus();
  createTopBar();
  createStatusBar();
  showPage(CandidatesPage);
  updateSourceDisplay();
  updateConnectionStatus();

  QSize size = kDefaultSize;
  if (const QScreen* screen = QGuiApplication::primaryScreen()) {
    size = size.boundedTo(screen->availableSize() * 0.9);
  }
  resize(size);
}

MainWindow::~MainWindow() {
  // The dialog refers to the settings and the vault, members that go before the child widgets.
  delete setupDialog_;
  // The remaining members go in reverse order: the connection (and its callbacks) before the vault.
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
  openFolderAction_->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
  openFolderAction_->setStatusTip(tr("Open an .artifacts folder, or a checkout holding one"));
  connect(openFolderAction_, &QAction::triggered, this, &MainWindow::openFolderDialog);

  showSampleAction_ =
      make(QStringLiteral("showSample"), tr("Show &Sample"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
  showSampleAction_->setStatusTip(tr("Show the sample candidates compiled into ReleaseDesk, without any connection"));
  connect(showSampleAction_, &QAction::triggered, this, &MainWindow::showSample);

  refreshAction_ = make(QStringLiteral("refresh"), tr("&Refresh"), QKeySequence(Qt::Key_F5));
  refreshAction_->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  refreshAction_->setStatusTip(tr("Read the current source again"));
  connect(refreshAction_, &QAction::triggered, this, &MainWindow::refresh);
  connect(refreshAction_, &QAction::triggered, this, [this] {
    if (pages_->currentWidget() == timelineView_) timelineView_->refresh();
    if (pages_->currentWidget() == environmentView_) environmentView_->refresh();
  });

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

  auto* showEnvironment =
      make(QStringLiteral("showEnvironment"), tr("&Environment"), QKeySequence(Qt::CTRL | Qt::Key_2));
  connect(showEnvironment, &QAction::triggered, this, [this] { showPage(environmentPage_); });
  auto* showTimeline = make(QStringLiteral("showTimeline"), tr("&Timeline"), QKeySequence(Qt::CTRL | Qt::Key_3));
  connect(showTimeline, &QAction::triggered, this, [this] { showPage(timelinePage_); });

  setUpProjectAction_ = make(QStringLiteral("setUpProject"), tr("Set &Up…"), QKeySequence(Qt::CTRL | Qt::Key_Comma));
  setUpProjectAction_->setStatusTip(tr("Choose the GitHub repository to watch and store its token in the keychain"));
  setUpProjectAction_->setMenuRole(QAction::PreferencesRole);
  connect(setUpProjectAction_, &QAction::triggered, this, &MainWindow::showProjectSetup);

  openProjectAction_ =
      make(QStringLiteral("openProject"), tr("&Open Project"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  openProjectAction_->setStatusTip(tr("Connect to the project set up in Project › Set Up…"));
  connect(openProjectAction_, &QAction::triggered, this, &MainWindow::openProject);

  useSandboxAction_ =
      make(QStringLiteral("useSandbox"), tr("Use Sand&box"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
  useSandboxAction_->setStatusTip(tr("Look around the built-in sandbox repository; the project set up stays saved"));
  connect(useSandboxAction_, &QAction::triggered, this, &MainWindow::openSandbox);
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
  openProjectAction_->setEnabled(settings_.hasProject());
  connect(project, &QMenu::aboutToShow, this, [this] { openProjectAction_->setEnabled(settings_.hasProject()); });

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(showCandidatesAction_);
  view->addAction(action(QStringLiteral("showEnvironment")));
  view->addAction(action(QStringLiteral("showTimeline")));
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
  freshness_ = new StatusIndicator(bar);
  freshness_->setObjectName(QStringLiteral("freshness"));
  freshness_->setContentsMargins(8, 0, 0, 0);
  freshness_->textLabel()->setForegroundRole(QPalette::PlaceholderText);
  auto* spacer = new QWidget(bar);
  spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

  // Reading from GitHub takes a moment: a busy bar and what is being read, beside Refresh.
  progress_ = new QWidget(bar);
  progress_->setObjectName(QStringLiteral("loadProgress"));
  auto* progressLayout = new QHBoxLayout(progress_);
  progressLayout->setContentsMargins(0, 0, 8, 0);
  progressLayout->setSpacing(6);
  progressLabel_ = new QLabel(progress_);
  progressLabel_->setObjectName(QStringLiteral("loadProgressText"));
  progressLabel_->setTextFormat(Qt::PlainText);
  progressBar_ = new QProgressBar(progress_);
  progressBar_->setRange(0, 0);  // busy: how many artifacts there are is known only at the end
  progressBar_->setTextVisible(false);
  progressBar_->setFixedWidth(96);
  progressBar_->setAccessibleName(tr("Reading"));
  progressLayout->addWidget(progressLabel_);
  progressLayout->addWidget(progressBar_);

  bar->addWidget(caption);
  bar->addWidget(sourceLabel_);
  bar->addWidget(freshness_);
  bar->addWidget(spacer);
  progressItem_ = bar->addWidget(progress_);
  progressItem_->setVisible(false);
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
  return loading_ ? progressLabel_->text() : QString();
}

// ---- loading --------------------------------------------------------------------------------

void MainWindow::showSample() {
  load(CandidateSource::sample());
}

bool MainWindow::openFolder(const QString& folder) {
  return load(CandidateSource::inFolder(QDir::cleanPath(folder)));
}

bool MainWindow::refresh() {
  if (loading_) return true;  // the reading under way is the refresh
  const CandidateSource target = hasData() ? source_ : retryTarget_;
  if (!target.isGitHub()) return load(target);
  if (connection_) {
    readGitHub();
  } else {
    openProject();
  }
  return true;
}

bool MainWindow::load(const CandidateSource& source) {
  // A synchronous load replaces any reading under way.
  cancelLoad();
  // The scan is synchronous: a local tree of manifests capped at 1 MiB each reads in moments.
  QApplication::setOverrideCursor(Qt::WaitCursor);
  const CandidateCatalog catalog = loadCandidates(source);
  QApplication::restoreOverrideCursor();

  if (!catalog.error.empty()) {
    // A partial or failed scan never replaces what is on screen: the old data is still true.
    reportFailure(source, toQString(catalog.error));
    emit loadFinished(false);
    return false;
  }
  const int count = static_cast<int>(catalog.candidates.size());
  const QString from = source.isSample() ? tr("the built-in sample") : source.displayName();
  showCatalog(
      catalog, source,
      count == 1 ? tr("Read 1 candidate from %1.").arg(from) : tr("Read %1 candidates from %2.").arg(count).arg(from));
  emit loadFinished(true);
  return true;
}

void MainWindow::showCatalog(const CandidateCatalog& catalog, const CandidateSource& source, const QString& message) {
  source_ = source;
  loadedAt_ = QDateTime::currentDateTime();
  staleSince_ = {};
  retry_ = nullptr;
  candidatesView_->setCatalog(catalog, source);
  timelineView_->setCandidates(catalog);
  banner_->dismiss();
  if (source.isFolder()) {
    settings_.addRecentFolder(source.folder);
    rebuildRecentMenu();
  }
  updateSourceDisplay();
  statusBar()->showMessage(message, kStatusMessageMs);
  emit sourceLoaded(source_);
}

void MainWindow::openSandbox() {
  if (!connection_ || !connection_->isSandbox()) setConnection(DeskConnection::openSandbox());
  readGitHub();
}

void MainWindow::openProject() {
  if (!settings_.hasProject()) return openSandbox();
  const ApiSettings api = settings_.apiSettings();
  const QString host = DeskConnection::hostNameOf(api.apiBase);
  const quint64 generation = beginLoad(tr("Reading the token for %1 from the keychain…").arg(host));
  // The vault drops this callback if it is destroyed first (it is a member of the window).
  tokens_->readToken(api.apiBase, [this, generation, api](TokenStoreResult result) {
    if (generation != loadGeneration_) return;
    endLoad();
    if (!result.ok() || result.token.isEmpty()) {
      reportMissingToken(api, result);
      emit loadFinished(false);
      return;
    }
    connectProject(api, result.token, tr("the keychain"));
  });
}

void MainWindow::connectProject(const ApiSettings& api, const QString& token, const QString& tokenSource) {
  setConnection(DeskConnection::openProject(api, token, tokenSource));
  readGitHub();
}

void MainWindow::setConnection(std::unique_ptr<DeskConnection> connection) {
  // Never called from inside the old connection's callbacks: destroying it drops them.
  cancelLoad();
  // The views let go of the old client before the old connection goes.
  environmentView_->setClient(connection ? &connection->client() : nullptr,
                              connection ? connection->settings().environment : QStringLiteral("production"));
  environmentChecked_ = false;
  if (connection && pages_->currentWidget() == environmentView_) {
    environmentChecked_ = true;
    environmentView_->refresh();
  }
  timelineView_->setClient(connection ? &connection->client() : nullptr,
                           connection ? connection->description() : QString());
  connection_ = std::move(connection);
  connectionProblem_.clear();
  connectionDescription_.clear();
  if (connection_) {
    connectionState_ = ConnectionState::Connecting;
    connect(connection_.get(), &DeskConnection::countersChanged, this, [this] {
      updateConnectionStatus();
      updateProgress();
    });
  } else {
    connectionState_ = ConnectionState::NotConnected;
  }
  updateConnectionStatus();
}

void MainWindow::readGitHub() {
  DeskConnection* connection = connection_.get();
  const CandidateSource target =
      CandidateSource::onGitHub(connection->description(), connection->settings().repo.trimmed());
  const quint64 generation = beginLoad(tr("Reading the evidence artifacts of %1…").arg(target.repository));
  requestsAtLoadStart_ = connection->counters().requests;
  updateProgress();
  connection->refreshCandidates([this, generation, target](CandidateRefresh refresh) {
    if (generation != loadGeneration_) return;
    endLoad();
    if (!refresh.catalog.error.empty()) {
      connectionState_ = ConnectionState::Failed;
      connectionProblem_ = toQString(refresh.catalog.error);
      reportGitHubFailure(target, refresh);
      updateConnectionStatus();
      emit loadFinished(false);
      return;
    }
    connectionState_ = connection_->isSandbox() ? ConnectionState::Sandbox : ConnectionState::Connected;
    connectionProblem_.clear();
    // The source is on the top bar and the connection in the status bar: say what it cost.
    const int count = static_cast<int>(refresh.catalog.candidates.size());
    const QString read = count == 1 ? tr("Read 1 candidate") : tr("Read %1 candidates").arg(count);
    const QString cost =
        refresh.downloads == 0
            ? tr("%1 requests (%2 cached), no artifact downloaded again.")
                  .arg(refresh.cost.requests)
                  .arg(refresh.cost.notModified)
            : tr("%1 requests, %2 evidence artifacts downloaded.").arg(refresh.cost.requests).arg(refresh.downloads);
    showCatalog(refresh.catalog, target, read + tr(" with ") + cost);
    updateConnectionStatus();
    emit loadFinished(true);
  });
}

quint64 MainWindow::beginLoad(const QString& progress) {
  ++loadGeneration_;
  progressCaption_ = progress;
  requestsAtLoadStart_ = connection_ ? connection_->counters().requests : 0;
  if (!loading_) {
    loading_ = true;
    emit loadingChanged(true);
  }
  updateProgress();
  updateSourceDisplay();
  return loadGeneration_;
}

void MainWindow::endLoad() {
  if (!loading_) return;
  loading_ = false;
  updateProgress();
  updateSourceDisplay();
  emit loadingChanged(false);
}

void MainWindow::cancelLoad() {
  // The answer of the reading under way, if any, is dropped when it arrives.
  ++loadGeneration_;
  endLoad();
}

// ---- failures -------------------------------------------------------------------------------

void MainWindow::showBanner(const QString& what, const QString& advice, std::function<void()> retry, QAction* fix) {
  retry_ = std::move(retry);
  banner_->showError(what, advice, static_cast<bool>(retry_), fix);
}

void MainWindow::markStaleIfSame(const CandidateSource& attempted) {
  // Only a failed refresh of what is on screen makes it stale; failing to open something else
  // leaves it as true as it was.
  if (hasData() && attempted == source_) staleSince_ = QDateTime::currentDateTime();
  updateSourceDisplay();
}

void MainWindow::reportFailure(const CandidateSource& attempted, const QString& error) {
  retryTarget_ = attempted;
  markStaleIfSame(attempted);
  QString advice;
  if (hasData()) {
    advice = tr("Still showing %1 as read at %2. Check the folder and choose Try Again, or open another "
                "folder with File › Open Folder… (%3).")
                 .arg(source_.isSample() ? tr("the built-in sample") : source_.displayName(), timeOfDay(loadedAt_),
                      shortcutText(openFolderAction_));
  } else {
    advice = tr("Open the .artifacts folder that the acceptance stage wrote with File › Open Folder… (%1), or "
                "look at the built-in sample (%2).")
                 .arg(shortcutText(openFolderAction_), shortcutText(showSampleAction_));
  }
  showBanner(
      error, advice, [this, attempted] { load(attempted); }, nullptr);
  statusBar()->showMessage(tr("Reading %1 failed.").arg(attempted.displayName()), kStatusMessageMs);
}

void MainWindow::reportGitHubFailure(const CandidateSource& attempted, const CandidateRefresh& result) {
  retryTarget_ = attempted;
  markStaleIfSame(attempted);
  QString still;
  if (hasData()) {
    still = tr("Still showing %1 as read at %2%3.")
                .arg(source_.isGitHub() ? tr("the candidates") : source_.displayName(), timeOfDay(loadedAt_),
                     isStale() ? tr(", marked stale") : QString());
    still += QLatin1Char(' ');
  }
  QString advice;
  QAction* fix = nullptr;
  if (result.unauthorized) {
    advice = still + tr("Enter a new token with Project › Set Up… (%1), then Refresh (%2).")
                         .arg(shortcutText(setUpProjectAction_), shortcutText(refreshAction_));
    fix = setUpProjectAction_;
  } else {
    advice = still + tr("Check the network and the project's settings (Project › Set Up…, %1), then choose Try "
                        "Again (%2).")
                         .arg(shortcutText(setUpProjectAction_), shortcutText(refreshAction_));
  }
  showBanner(
      toQString(result.catalog.error), advice, [this] { refresh(); }, fix);
  statusBar()->showMessage(tr("Reading %1 failed.").arg(attempted.displayName()), kStatusMessageMs);
}

void MainWindow::reportMissingToken(const ApiSettings& api, const TokenStoreResult& result) {
  // No connection without a token from the keychain: there is deliberately no other source.
  setConnection(nullptr);
  connectionDescription_ = DeskConnection::describe(api);
  const QString host = DeskConnection::hostNameOf(api.apiBase);
  QString what;
  if (result.status == TokenStoreStatus::NotFound || result.ok()) {
    what = tr("No GitHub token for %1 is stored in the keychain, so %2 is not connected.").arg(host, api.repo);
  } else {
    what = result.message;
  }
  connectionProblem_ = what;
  const QString advice =
      tr("ReleaseDesk keeps tokens only in the OS keychain. Enter a token with Project › Set Up… (%1), or look "
         "around the built-in sandbox with Project › Use Sandbox (%2).")
          .arg(shortcutText(setUpProjectAction_), shortcutText(useSandboxAction_));
  // Reading again helps when the keychain was locked or not running, not when it has no token.
  std::function<void()> retry;
  if (result.status == TokenStoreStatus::NoKeychain || result.status == TokenStoreStatus::Failed) {
    retry = [this] { openProject(); };
  }
  showBanner(what, advice, std::move(retry), setUpProjectAction_);
  updateConnectionStatus();
  updateSourceDisplay();
}

// ---- project --------------------------------------------------------------------------------

ProjectSetupDialog* MainWindow::showProjectSetup() {
  if (setupDialog_) {
    setupDialog_->raise();
    setupDialog_->activateWindow();
    return setupDialog_;
  }
  auto* dialog = new ProjectSetupDialog(settings_, *tokens_, this);
  setupDialog_ = dialog;
  dialog->setProject(settings_.apiSettings());
  connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
    dialog->deleteLater();
    openProjectAction_->setEnabled(settings_.hasProject());
    if (result == ProjectSetupDialog::UseSandbox) {
      openSandbox();
    } else if (result == QDialog::Accepted) {
      const ApiSettings api = settings_.apiSettings();
      if (dialog->enteredToken().isEmpty()) {
        openProject();
      } else {
        // Connect with the token just entered; when the keychain refused it, for this session only.
        connectProject(api, dialog->enteredToken(),
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
  const bool canRetry = !retryTarget_.folder.isEmpty() || retryTarget_.isGitHub() || static_cast<bool>(retry_);
  refreshAction_->setEnabled(!loading_ && (hasData() || canRetry));
  if (!hasData()) {
    setWindowTitle(QStringLiteral("ReleaseDesk"));
    sourceLabel_->setText(loading_ ? tr("reading…") : tr("nothing open"));
    sourceLabel_->setToolTip({});
    freshness_->clear();
    return;
  }
  setWindowTitle(QStringLiteral("%1 — ReleaseDesk").arg(source_.shortName()));
  sourceLabel_->setText(source_.displayName());
  sourceLabel_->setToolTip(source_.isSample()   ? tr("The sample compiled into ReleaseDesk")
                           : source_.isGitHub() ? tr("Acceptance evidence of %1 on GitHub").arg(source_.repository)
                                                : source_.displayName());
  updateFreshness();
}

void MainWindow::updateFreshness() {
  if (!hasData()) {
    freshness_->clear();
    freshnessTimer_->stop();
    return;
  }
  const QString readAt = tr("read at %1").arg(timeOfDay(loadedAt_));
  if (!isStale()) {
    freshness_->setStatus({}, readAt);
    freshness_->textLabel()->setForegroundRole(QPalette::PlaceholderText);
    freshnessTimer_->stop();
    return;
  }
  const qint64 age = loadedAt_.secsTo(QDateTime::currentDateTime());
  freshness_->setStatus(staleIcon(), tr("stale: %1, %2").arg(readAt, ageText(age)),
                        tr("Refreshing failed at %1; what is shown may be out of date.").arg(timeOfDay(staleSince_)));
  freshness_->textLabel()->setForegroundRole(QPalette::WindowText);
  if (!freshnessTimer_->isActive()) freshnessTimer_->start();
}

void MainWindow::updateProgress() {
  progressItem_->setVisible(loading_);
  if (!loading_) {
    progressLabel_->clear();
    return;
  }
  // Room for the request count from the start, so the bar does not shift as it grows.
  progressLabel_->setMinimumWidth(progressLabel_->fontMetrics().horizontalAdvance(progressCaption_ + QLatin1Char(' ') +
                                                                                  tr("%1 requests").arg(999)));
  QString text = progressCaption_;
  if (connection_ && connection_->isRefreshing()) {
    const int requests = connection_->counters().requests - requestsAtLoadStart_;
    if (requests > 0) text += QLatin1Char(' ') + (requests == 1 ? tr("1 request") : tr("%1 requests").arg(requests));
  }
  progressLabel_->setText(text);
  progressBar_->setToolTip(text);
}

void MainWindow::updateConnectionStatus() {
  const QString description = connection_ ? connection_->description() : connectionDescription_;
  if (description.isEmpty()) {
    connectionStatus_->setStatus(connectionIcon(ConnectionState::NotConnected),
                                 connectionWord(ConnectionState::NotConnected),
                                 tr("No GitHub project is open: Project › Set Up… or Project › Use Sandbox."));
  } else {
    QString tip = connectionProblem_;
    if (tip.isEmpty() && connection_) {
      tip = connection_->isSandbox()  ? tr("The built-in sandbox repository, answered inside ReleaseDesk")
            : connection_->hasToken() ? tr("Requests go to %1 with the token from %2")
                                            .arg(connection_->settings().apiBase, connection_->tokenSource())
                                      : tr("Requests go to %1 without a token").arg(connection_->settings().apiBase);
    }
    connectionStatus_->setStatus(connectionIcon(connectionState_),
                                 tr("%1: %2").arg(connectionWord(connectionState_), description), tip);
  }

  requestsStatus_->setVisible(connection_ != nullptr);
  rateLimitStatus_->setVisible(connection_ != nullptr);
  if (!connection_) return;

  const RequestCounters& counters = connection_->counters();
  const QLocale locale;
  const QString requests =
      counters.requests == 1 ? tr("1 request") : tr("%1 requests").arg(locale.toString(counters.requests));
  requestsStatus_->setStatus({}, tr("%1 (%2 cached)").arg(requests, locale.toString(counters.notModified)),
                             tr("Requests since the connection opened: %1 answered 304 from the cache, free of rate "
                                "limit; %2 counted against it; %3 retried.")
                                 .arg(counters.notModified)
                                 .arg(counters.rateLimitCost)
                                 .arg(counters.retries));

  const std::optional<RateLimit> rate = connection_->lastRateLimit();
  if (!rate) {
    rateLimitStatus_->setStatus({}, tr("rate limit not known yet"));
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
      low ? tr("rate limit low: %1%2").arg(left, resets) : tr("rate limit %1%2").arg(left, resets),
      tr("GitHub requests left in this hour (%1 used)").arg(locale.toString(rate->used)));
}

void MainWindow::openFolderDialog() {
  const QString start = source_.isFolder() ? source_.folder : QDir::homePath();
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
