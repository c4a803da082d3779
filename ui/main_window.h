// The desk's one window: the views in a left navigation, the source and Refresh on top, and a
// banner when loading fails while the previous data stays on screen.
#pragma once

#include "candidates/candidate_source.h"
#include "desk_settings.h"

#include <QDateTime>
#include <QMainWindow>

class QAction;
class QLabel;
class QListView;
class QMenu;
class QStackedWidget;

namespace releasedesk {

class CandidatesView;
class ErrorBanner;
class NavigationModel;

class MainWindow final : public QMainWindow {
  Q_OBJECT

 public:
  // The pages of the navigation, in order. Environment and Timeline come next.
  enum Page { CandidatesPage };

  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // Shows the built-in sample. It is compiled in, so this cannot fail.
  void showSample();
  // Scans `folder` (an .artifacts folder or a checkout holding one). On success shows it and
  // adds it to the recent folders; on failure keeps what is on screen and shows the banner.
  bool openFolder(const QString& folder);
  // Reads the current source again (F5); a failure is reported like openFolder's.
  bool refresh();

  // What is on screen. Meaningful once hasData() is true.
  const CandidateSource& source() const { return source_; }
  bool hasData() const { return loadedAt_.isValid(); }
  QDateTime loadedAt() const { return loadedAt_; }

  CandidatesView* candidatesView() const { return candidatesView_; }
  NavigationModel* navigationModel() const { return navigationModel_; }
  ErrorBanner* banner() const { return banner_; }
  QMenu* recentMenu() const { return recentMenu_; }
  QStringList recentFolders() const { return settings_.recentFolders(); }
  // "Show Sample", "Open Folder…", … by objectName: "openFolder", "refresh", "showSample",
  // "clearRecent", "quit", "about", "findCandidates", "showCandidates".
  QAction* action(const QString& name) const;

 signals:
  // After every successful load, with the source now on screen.
  void sourceLoaded(const CandidateSource& source);

 private:
  bool load(const CandidateSource& source);
  void reportFailure(const CandidateSource& attempted, const QString& error);
  void createActions();
  void createMenus();
  void createTopBar();
  void rebuildRecentMenu();
  void updateSourceDisplay();
  void openFolderDialog();
  void showPage(int page);
  void showAbout();

  DeskSettings settings_;
  CandidateSource source_;
  CandidateSource retryTarget_;
  QDateTime loadedAt_;

  NavigationModel* navigationModel_ = nullptr;
  QListView* navigation_ = nullptr;
  QStackedWidget* pages_ = nullptr;
  CandidatesView* candidatesView_ = nullptr;
  ErrorBanner* banner_ = nullptr;
  QLabel* sourceLabel_ = nullptr;
  QLabel* loadedLabel_ = nullptr;
  QMenu* recentMenu_ = nullptr;

  QAction* openFolderAction_ = nullptr;
  QAction* showSampleAction_ = nullptr;
  QAction* refreshAction_ = nullptr;
  QAction* clearRecentAction_ = nullptr;
  QAction* quitAction_ = nullptr;
  QAction* aboutAction_ = nullptr;
  QAction* findAction_ = nullptr;
  QAction* showCandidatesAction_ = nullptr;
};

}  // namespace releasedesk
