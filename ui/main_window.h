// The desk's one window: its pages in a left navigation, the source, its freshness and Refresh
// with progress on top, the GitHub connection in the status bar, and a banner when loading fails
// while the previous data stays on screen. It shows a DeskSession, which does the loading.
#pragma once

#include "ui/candidates/candidate_source.h"
#include "ui/desk_page.h"
#include "ui/desk_session.h"
#include "ui/status_icons.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QSystemTrayIcon;
class QTimer;

namespace releasedesk {

class ApprovalsPage;
class CandidatesView;
class DecisionDesk;
class HistoryPage;
class ReplayDialog;
class DeskConnection;
class DeskPage;
class ErrorBanner;
class NavigationDelegate;
class NavigationModel;
class ProjectSetupDialog;
class StatusIndicator;
class EnvironmentView;
class TimelineView;
class TokenVault;

class MainWindow final : public QMainWindow {
  Q_OBJECT

 public:
  // The first page of the navigation; the others follow in the order they are registered.
  enum Page { CandidatesPage };

  // Tokens come from the OS keychain.
  explicit MainWindow(QWidget* parent = nullptr);
  // Tokens come from `tokens`; tests pass a vault that needs no keychain.
  explicit MainWindow(std::unique_ptr<TokenVault> tokens, QWidget* parent = nullptr);
  ~MainWindow() override;

  // The session the window shows: the source, the connection, loading and staleness.
  DeskSession* session() const { return session_.get(); }

  // Loading, forwarded to the session (see DeskSession).
  void showSample() { session_->showSample(); }
  bool openFolder(const QString& folder) { return session_->openFolder(folder); }
  void openProject() { session_->openProject(); }
  void openSandbox() { session_->openSandbox(); }
  bool refresh() { return session_->refresh(); }
  // Adds what the first paint can do without: the pages not made yet, the toolbar's icons and the
  // filter's clear button (the style's icons, looked up in the system icon theme). The window calls
  // it once the first read is painted (or a second after it was made); a picture of the window
  // calls it first. Once only.
  void completeWindow();
  // Project › Set Up…: opens the dialog (window-modal) and returns it at once.
  ProjectSetupDialog* showProjectSetup();

  // What is on screen, forwarded to the session.
  const CandidateSource& source() const { return session_->source(); }
  bool hasData() const { return session_->hasData(); }
  QDateTime loadedAt() const { return session_->loadedAt(); }
  bool isStale() const { return session_->isStale(); }
  bool isLoading() const { return session_->isLoading(); }
  DeskConnection* connection() const { return session_->connection(); }
  ConnectionState connectionState() const { return session_->connectionState(); }

  CandidatesView* candidatesView() const { return candidatesView_; }
  // The other pages are made once the first read is painted, or when first asked for (these
  // accessors, their navigation row or shortcut), whichever comes first.
  EnvironmentView* environmentView();
  TimelineView* timelineView();
  ApprovalsPage* approvalsPage();
  HistoryPage* historyPage();
  // The acting side: decisions, the journal, the runs started from the desk.
  DecisionDesk* decisionDesk() const { return decisions_; }
  // Release › Replay… (Ctrl+R) for `sha` (the selected candidate when empty), and Release ›
  // Roll Back… (Ctrl+Shift+R). Window-modal; null when there is nothing to act on. When the
  // decision context has not been read yet, it is read first and the dialog opens after.
  ReplayDialog* showReplay(const QString& sha = {});
  ReplayDialog* showRollback();
  // The pages in navigation order, every one made; a page's index is its row in the navigation
  // and the stack.
  const std::vector<DeskPage*>& pages();
  int pageIndex(const DeskPage* page) const;
  NavigationModel* navigationModel() const { return navigationModel_; }
  ErrorBanner* banner() const { return banner_; }
  QMenu* recentMenu() const { return recentMenu_; }
  QStringList recentFolders() const { return session_->settings().recentFolders(); }
  // The status bar's permanent parts and the top bar's freshness and progress.
  StatusIndicator* connectionStatus() const { return connectionStatus_; }
  StatusIndicator* requestsStatus() const { return requestsStatus_; }
  StatusIndicator* rateLimitStatus() const { return rateLimitStatus_; }
  StatusIndicator* freshness() const { return freshness_; }
  QString progressText() const;
  // The busy bar's Cancel button (visible while reading).
  QPushButton* cancelButton() const { return cancelButton_; }
  // Whether the navigation shows only the views' initials (narrow windows).
  bool isNavigationCompact() const;
  // Actions by objectName: "openFolder", "refresh", "showSample", "clearRecent", "quit",
  // "about", "findCandidates", "setUpProject", "openProject", "useSandbox", and "show<Page>" for
  // every page ("showCandidates", "showEnvironment", "showTimeline", "showApprovals",
  // "showHistory"), and "replay", "rollback", "timesInUtc", "compactNavigation", "cancelReading".
  QAction* action(const QString& name) const;

 signals:
  // After every successful load, with the source now on screen.
  void sourceLoaded(const CandidateSource& source);
  // After every attempt to load, synchronous or not; `ok` is false when it failed.
  void loadFinished(bool ok);
  void loadingChanged(bool loading);

 private:
  // One entry per page: its navigation row, stack page, badge, "show" action with Ctrl+<row+1>,
  // and whether it has read through the current connection yet. `make` makes the page (a child
  // of the stack) when it is first needed; until then a placeholder holds its place in the stack.
  void addPage(const DeskPage::Navigation& navigation, std::function<DeskPage*()> make);
  // The page at `index`, made now if it was not yet, and brought up to the session's state.
  DeskPage* page(int index);
  void showCandidates(const CandidateCatalog& catalog, const CandidateSource& source, const QString& summary);
  void attachPages(DeskConnection* connection);
  void runStarted(std::int64_t runId, const QString& sha);
  void runFinished(std::int64_t runId, bool success, const QString& sentence);
  ReplayDialog* openReplayDialog(ReplayDialog* dialog);
  void readPageIfFirstShown(int page);
  void showFailure(const DeskSession::Failure& failure);
  // A list cut at the client's page cap shows part of the data: said in the banner, once per cut.
  void sayTruncatedLists();

  void createActions();
  void createMenus();
  void createTopBar();
  void createStatusBar();
  void rebuildRecentMenu();
  void updateSourceDisplay();
  void updateFreshness();
  void updateConnectionStatus();
  void updateProgress();
  void openFolderDialog();
  // Every page clears what it showed of the previous source (DeskSession::sourceSwitched).
  void clearPages(const CandidateSource& source);
  // Names the source in every page's header.
  void updatePageSources();
  void setTimesInUtc(bool utc);
  void setCompactNavigation(bool compact);
  // Esc and the busy bar's Cancel: stops the reading under way, keeping what was shown, stale.
  void cancelReading();
  void showPage(int page);
  void showAbout();
  QString shortcutText(const QAction* action) const;

  std::unique_ptr<DeskSession> session_;

  NavigationModel* navigationModel_ = nullptr;
  QListView* navigation_ = nullptr;
  QStackedWidget* stack_ = nullptr;
  std::vector<DeskPage*> pages_;                      // by page: nullptr until made
  std::vector<std::function<DeskPage*()>> makePage_;  // by page: makes it
  bool complete_ = false;                             // completeWindow() has run
  std::vector<bool> pageRead_;                        // by page: read through the current connection (on first show)
  std::vector<QAction*> showPageActions_;
  CandidatesView* candidatesView_ = nullptr;
  EnvironmentView* environmentView_ = nullptr;
  TimelineView* timelineView_ = nullptr;
  ApprovalsPage* approvalsPage_ = nullptr;
  HistoryPage* historyPage_ = nullptr;
  DecisionDesk* decisions_ = nullptr;
  QAction* replayAction_ = nullptr;
  QAction* rollbackAction_ = nullptr;
  QSystemTrayIcon* notifier_ = nullptr;
  ErrorBanner* banner_ = nullptr;
  int truncatedListsSaid_ = 0;        // of the current connection's RequestCounters::truncatedLists
  bool bannerSaysTruncated_ = false;  // a finished read does not take that banner away
  QLabel* sourceLabel_ = nullptr;
  StatusIndicator* freshness_ = nullptr;
  QTimer* freshnessTimer_ = nullptr;
  QWidget* progress_ = nullptr;
  QProgressBar* progressBar_ = nullptr;
  QLabel* progressLabel_ = nullptr;
  QPushButton* cancelButton_ = nullptr;
  NavigationDelegate* navigationDelegate_ = nullptr;
  StatusIndicator* connectionStatus_ = nullptr;
  StatusIndicator* requestsStatus_ = nullptr;
  StatusIndicator* rateLimitStatus_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QPointer<ProjectSetupDialog> setupDialog_;

  QAction* openFolderAction_ = nullptr;
  QAction* showSampleAction_ = nullptr;
  QAction* refreshAction_ = nullptr;
  QAction* clearRecentAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* findAction_ = nullptr;
  QAction* setUpProjectAction_ = nullptr;
  QAction* openProjectAction_ = nullptr;
  QAction* useSandboxAction_ = nullptr;
  QAction* utcAction_ = nullptr;
  QAction* compactNavigationAction_ = nullptr;
  QAction* cancelAction_ = nullptr;
};

}  // namespace releasedesk
