// The desk's one window: the views in a left navigation, the source, its freshness and Refresh
// with progress on top, the GitHub connection in the status bar, and a banner when loading fails
// while the previous data stays on screen.
#pragma once

#include "app/adapter/desk_settings.h"
#include "ui/candidates/candidate_source.h"
#include "ui/status_icons.h"

#include <QDateTime>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTimer;

namespace releasedesk {

class CandidatesView;
class DeskConnection;
class ErrorBanner;
class NavigationModel;
class ProjectSetupDialog;
class StatusIndicator;
class EnvironmentView;
class TimelineView;
class TokenVault;
struct CandidateRefresh;
struct TokenStoreResult;

class MainWindow final : public QMainWindow {
  Q_OBJECT

 public:
  enum Page { CandidatesPage };

  // Tokens come from the OS keychain.
  explicit MainWindow(QWidget* parent = nullptr);
  // Tokens come from `tokens`; tests pass a vault that needs no keychain.
  explicit MainWindow(std::unique_ptr<TokenVault> tokens, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows the built-in sample. It is compiled in, so this cannot fail.
  void showSample();
  // Scans `folder` (an .artifacts folder or a checkout holding one). On success shows it and
  // adds it to the recent folders; on failure keeps what is on screen and shows the banner.
  bool openFolder(const QString& folder);
  // Connects to the configured project with the token from the keychain and reads its
  // candidates, asynchronously. Without a configured project, opens the sandbox instead. No
  // token, or no keychain, is shown in the banner with Set Up…; there is no other token source.
  void openProject();
  // Opens the in-process sandbox repository and reads its candidates, asynchronously. The
  // configured project stays saved.
  void openSandbox();
  // Reads the current source again (F5). Folders and the sample are read at once and a failure
  // is reported like openFolder's; GitHub sources return true as soon as the reading started.
  bool refresh();
  // Project › Set Up…: opens the dialog (window-modal) and returns it at once.
  ProjectSetupDialog* showProjectSetup();

  // What is on screen. Meaningful once hasData() is true.
  const CandidateSource& source() const { return source_; }
  bool hasData() const { return loadedAt_.isValid(); }
  QDateTime loadedAt() const { return loadedAt_; }
  // Whether the data on screen is older than the last failed refresh of the same source.
  bool isStale() const { return staleSince_.isValid(); }
  // Whether an asynchronous load (keychain, GitHub) is running.
  bool isLoading() const { return loading_; }

  // The GitHub connection (the project's or the sandbox's); null when not connected.
  DeskConnection* connection() const { return connection_.get(); }
  ConnectionState connectionState() const { return connectionState_; }

  CandidatesView* candidatesView() const { return candidatesView_; }
  // The Environment view and its row in the navigation (its page in the stack).
  EnvironmentView* environmentView() const { return environmentView_; }
  int environmentPage() const { return environmentPage_; }
  // The Timeline view and its row in the navigation (its page in the stack).
  TimelineView* timelineView() const { return timelineView_; }
  int timelinePage() const { return timelinePage_; }
  NavigationModel* navigationModel() const { return navigationModel_; }
  ErrorBanner* banner() const { return banner_; }
  QMenu* recentMenu() const { return recentMenu_; }
  QStringList recentFolders() const { return settings_.recentFolders(); }
  // The status bar's permanent parts and the top bar's freshness and progress.
  StatusIndicator* connectionStatus() const { return connectionStatus_; }
  StatusIndicator* requestsStatus() const { return requestsStatus_; }
  StatusIndicator* rateLimitStatus() const { return rateLimitStatus_; }
  StatusIndicator* freshness() const { return freshness_; }
  QString progressText() const;
  // Actions by objectName: "openFolder", "refresh", "showSample", "clearRecent", "quit",
  // "about", "findCandidates", "showCandidates", "setUpProject", "openProject", "useSandbox".
  QAction* action(const QString& name) const;

 signals:
  // After every successful load, with the source now on screen.
  void sourceLoaded(const CandidateSource& source);
  // After every attempt to load, synchronous or not; `ok` is false when it failed.
  void loadFinished(bool ok);
  void loadingChanged(bool loading);

 private:
  bool load(const CandidateSource& source);
  void showCatalog(const CandidateCatalog& catalog, const CandidateSource& source, const QString& message);
  void reportFailure(const CandidateSource& attempted, const QString& error);
  void reportGitHubFailure(const CandidateSource& attempted, const CandidateRefresh& result);
  void reportMissingToken(const ApiSettings& api, const TokenStoreResult& result);
  void showBanner(const QString& what, const QString& advice, std::function<void()> retry, QAction* fix);
  void markStaleIfSame(const CandidateSource& attempted);

  void setConnection(std::unique_ptr<DeskConnection> connection);
  void connectProject(const ApiSettings& api, const QString& token, const QString& tokenSource);
  void readGitHub();
  quint64 beginLoad(const QString& progress);
  void endLoad();
  void cancelLoad();

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
  void showPage(int page);
  void showAbout();
  QString shortcutText(const QAction* action) const;

  DeskSettings settings_;
  std::unique_ptr<TokenVault> tokens_;
  std::unique_ptr<DeskConnection> connection_;
  ConnectionState connectionState_ = ConnectionState::NotConnected;
  QString connectionDescription_;  // shown when there is no connection (the project it is for)
  QString connectionProblem_;      // why not connected or failed, for the tooltip

  CandidateSource source_;
  CandidateSource retryTarget_;
  std::function<void()> retry_;
  QDateTime loadedAt_;
  QDateTime staleSince_;

  // Every load bumps the generation; answers of a superseded load are dropped.
  quint64 loadGeneration_ = 0;
  bool loading_ = false;
  QString progressCaption_;
  int requestsAtLoadStart_ = 0;

  NavigationModel* navigationModel_ = nullptr;
  QListView* navigation_ = nullptr;
  QStackedWidget* pages_ = nullptr;
  CandidatesView* candidatesView_ = nullptr;
  EnvironmentView* environmentView_ = nullptr;
  int environmentPage_ = -1;
  bool environmentChecked_ = false;  // read once per connection when first shown
  TimelineView* timelineView_ = nullptr;
  int timelinePage_ = -1;
  ErrorBanner* banner_ = nullptr;
  QLabel* sourceLabel_ = nullptr;
  StatusIndicator* freshness_ = nullptr;
  QTimer* freshnessTimer_ = nullptr;
  QWidget* progress_ = nullptr;
  QAction* progressItem_ = nullptr;
  QProgressBar* progressBar_ = nullptr;
  QLabel* progressLabel_ = nullptr;
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
  QAction* showCandidatesAction_ = nullptr;
  QAction* setUpProjectAction_ = nullptr;
  QAction* openProjectAction_ = nullptr;
  QAction* useSandboxAction_ = nullptr;
};

}  // namespace releasedesk
