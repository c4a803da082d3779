// The Timeline view: the DORA strip for the visible window above the custom-painted timeline,
// the selected run's details beside it, an asynchronous refresh with progress (repeated while a
// run is in progress) and a local cache shown, marked stale, until the first refresh completes.
#pragma once

#include "core/evidence/artifact_tree.h"
#include "core/timeline/production_artifacts.h"
#include "core/timeline/timeline_loader.h"

#include <QDateTime>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace releasedesk {

class TimelineWidget;

class TimelineView final : public QWidget {
  Q_OBJECT

 public:
  explicit TimelineView(QWidget* parent = nullptr);
  ~TimelineView() override;

  // The client to read through (the desk connection's); nullptr detaches. Its callbacks must come
  // on the GUI thread (as DeskConnection's do). `cacheKey` names the project in the cache file
  // ("sandbox", "api.github.com/owner/repo"); the cached timeline, if any, is shown at once,
  // marked stale, until refresh() completes.
  void setClient(GitHubClient* client, const QString& cacheKey, TimelineLoaderConfig config = defaultConfig());
  static TimelineLoaderConfig defaultConfig();  // ninety days of production-stage.yml
  // Where the cache lives; default QStandardPaths::CacheLocation. Tests point it elsewhere.
  void setCacheDirectory(const QString& directory) { cacheDirectory_ = directory; }
  QString cacheFile() const;
  // Shows the cached timeline marked stale; false when there is none (or it does not parse).
  bool loadCache();
  // Shows `timeline` (tests, or a timeline computed elsewhere).
  void setTimeline(const DeploymentTimeline& timeline, bool stale = false);
  // The known candidates, for the evidence verdict of a run's sha in the details.
  void setCandidates(const CandidateCatalog& catalog);

  bool isRefreshing() const { return refreshing_; }
  bool isStale() const { return stale_; }
  QString staleText() const;  // "stale (from <time>)", empty when fresh
  QString errorText() const;
  QString doraText() const;     // the DORA strip as one line
  QString detailsHtml() const;  // the details pane
  int attentionCount() const { return attention_; }
  // Whether a refresh is scheduled because a run is still in progress.
  bool isAutoRefreshing() const;
  const DeploymentTimeline* timeline() const { return timeline_.get(); }
  TimelineWidget* timelineWidget() const { return widget_; }
  QTextBrowser* detailsPane() const { return details_; }

  static constexpr int kAutoRefreshSeconds = 15;

 public slots:
  void refresh();

 signals:
  void refreshFinished(bool ok);
  // Runs waiting for approval or queued behind the lock right now, for the navigation badge.
  void attentionCountChanged(int count);

 protected:
  // The first time the view is shown with a client, it reads GitHub; reads due while hidden
  // (the in-progress repeat) wait until it is shown again, so a hidden view costs no requests.
  void showEvent(QShowEvent* event) override;

 private:
  void showRefresh(TimelineRefresh result);
  void showTimeline(std::shared_ptr<const DeploymentTimeline> timeline);
  void writeCache(const DeploymentTimeline& timeline, const DoraFigures& dora) const;
  void updateDora();
  void updateDetails();
  void updateStale();
  void fetchArtifacts(std::int64_t runId);
  QString artifactsHtml(std::int64_t runId) const;

  GitHubClient* client_ = nullptr;
  std::unique_ptr<TimelineLoader> loader_;
  QString cacheKey_;
  QString cacheDirectory_;
  std::shared_ptr<int> generation_ = std::make_shared<int>(0);  // drops answers of a replaced client
  std::shared_ptr<const DeploymentTimeline> timeline_;
  CandidateCatalog candidates_;
  struct RunArtifactsState {
    std::optional<RunArtifacts> read;  // the last answer, shown while a newer read is going
    std::shared_ptr<void> pending;     // a read in flight (dropping it drops its answer)
    bool due = false;                  // the run was still going at the last refresh: read again
  };
  std::map<std::int64_t, RunArtifactsState> artifacts_;
  bool refreshing_ = false;
  bool refreshed_ = false;   // at least one refresh completed through this client
  bool refreshDue_ = false;  // the repeat fell due while hidden
  bool stale_ = false;
  int attention_ = -1;
  QString error_;

  TimelineWidget* widget_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* staleLabel_ = nullptr;
  QLabel* errorLabel_ = nullptr;
  QLabel* doraRange_ = nullptr;
  QLabel* doraFrequency_ = nullptr;
  QLabel* doraLeadTime_ = nullptr;
  QLabel* doraFailureRate_ = nullptr;
  QLabel* doraRestore_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* refreshButton_ = nullptr;
  QTextBrowser* details_ = nullptr;
  QTimer* autoRefresh_ = nullptr;
  QTimer* tick_ = nullptr;  // moves the in-progress runs along between refreshes
  QTimer* doraDebounce_ = nullptr;
};

}  // namespace releasedesk
