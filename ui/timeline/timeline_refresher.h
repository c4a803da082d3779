// The Timeline's data, without widgets: reads the production runs and deployments through
// TimelineLoader, reads them again while a run is in progress, keeps the local cache (shown,
// marked stale, until the first read completes), reads the production artifacts of a run, and
// ticks the clock while runs move. TimelineView renders what it signals.
#pragma once

#include "core/evidence/artifact_tree.h"
#include "core/timeline/production_artifacts.h"
#include "core/timeline/timeline_loader.h"

#include <QObject>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>

class QTimer;

namespace releasedesk {

// Thread: the GUI thread, like the client it reads through.
class TimelineRefresher final : public QObject {
  Q_OBJECT

 public:
  explicit TimelineRefresher(QObject* parent = nullptr);
  ~TimelineRefresher() override;

  // The client to read through (the desk connection's); nullptr detaches and drops the answers
  // of reads under way. Its callbacks must come on the GUI thread (as DeskConnection's do).
  // `cacheKey` names the project in the cache file ("sandbox", "api.github.com/owner/repo"); the
  // cached timeline, if any, is shown at once, marked stale, until refresh() completes.
  void setClient(GitHubClient* client, const QString& cacheKey, TimelineLoaderConfig config = defaultConfig());
  static TimelineLoaderConfig defaultConfig();  // ninety days of production-stage.yml
  bool hasClient() const { return client_ != nullptr; }
  // Where the cache lives; default QStandardPaths::CacheLocation. Tests point it elsewhere.
  void setCacheDirectory(const QString& directory) { cacheDirectory_ = directory; }
  QString cacheFile() const;
  // Shows the cached timeline marked stale; false when there is none (or it does not parse).
  bool loadCache();
  // Shows `timeline` (tests, or a timeline computed elsewhere).
  void setTimeline(const DeploymentTimeline& timeline, bool stale = false);

  // Whether the timeline is watched (its view shown). A repeat that falls due while nobody
  // watches waits until someone does, so a hidden view costs no requests.
  void setWatched(bool watched);

  const DeploymentTimeline* timeline() const { return timeline_.get(); }
  std::shared_ptr<const DeploymentTimeline> sharedTimeline() const { return timeline_; }
  bool isRefreshing() const { return refreshing_; }
  // The timeline shown is older than the last read attempt (the cache, or a failed refresh).
  bool isStale() const { return stale_; }
  // Why the last refresh failed; empty after a successful one.
  QString error() const { return error_; }
  // What the last successful refresh could not read completely.
  QStringList warnings() const { return warnings_; }
  // Runs waiting for approval or queued behind the lock right now.
  int attentionCount() const { return attention_; }
  // Whether a refresh is scheduled because a run is still in progress.
  bool isAutoRefreshing() const;
  // Whether the clock ticks because runs move (a fresh timeline with a run in progress).
  bool isTicking() const;

  // Reads the production artifacts of `runId` unless they are read already (or being read); a
  // run that was still going at the last refresh is read again. artifactsChanged() follows.
  void readArtifacts(std::int64_t runId);
  // The last answer for `runId`, null before the first; and whether a read is under way.
  const RunArtifacts* artifacts(std::int64_t runId) const;
  bool isReadingArtifacts(std::int64_t runId) const;

  // Stops the refresh under way: its answer is dropped, the timeline shown stays, marked stale.
  // Returns false when none was under way.
  bool cancelRefresh();

  static constexpr int kAutoRefreshSeconds = 15;
  static constexpr int kTickMs = 1000;

  // The candidate_sha of a run the desk dispatched itself, so its lane names the candidate before
  // GitHub's listing carries it.
  void recordDispatch(std::int64_t runId, std::string sha);

 public slots:
  void refresh();

 signals:
  // setClient() replaced the client (hasClient() may have changed).
  void clientChanged();
  // timeline() or isStale() changed: a new timeline from the cache, setTimeline() or a refresh.
  void timelineChanged();
  void refreshStarted();
  // A refresh moved on: the lists are in (`listed`), and the jobs of `jobsDone` of `jobsTotal`
  // runs are read.
  void refreshProgressed(bool listed, int jobsDone, int jobsTotal);
  // After every refresh; on failure error() says why, and the timeline shown is marked stale.
  void refreshFinished(bool ok);
  void attentionCountChanged(int count);
  void artifactsChanged(std::int64_t runId);
  // Every second while runs move: in-progress runs have grown.
  void ticked();

 private:
  void adopt(std::shared_ptr<const DeploymentTimeline> timeline);
  void finishRefresh(TimelineRefresh result);
  void writeCache(const DeploymentTimeline& timeline, const DoraFigures& dora) const;

  GitHubClient* client_ = nullptr;
  std::unique_ptr<TimelineLoader> loader_;
  QString cacheKey_;
  QString cacheDirectory_;
  std::shared_ptr<int> generation_ = std::make_shared<int>(0);  // drops answers of a replaced client
  std::shared_ptr<const DeploymentTimeline> timeline_;
  struct RunArtifactsState {
    std::optional<RunArtifacts> read;  // the last answer, shown while a newer read is going
    std::shared_ptr<void> pending;     // a read in flight (dropping it drops its answer)
    bool due = false;                  // the run was still going at the last refresh: read again
  };
  std::map<std::int64_t, RunArtifactsState> artifacts_;
  bool refreshing_ = false;
  bool watched_ = false;
  bool refreshDue_ = false;  // the repeat fell due while nobody watched
  bool stale_ = false;
  int attention_ = -1;
  QString error_;
  QStringList warnings_;

  QTimer* autoRefresh_ = nullptr;
  QTimer* tick_ = nullptr;  // moves the in-progress runs along between refreshes
};

}  // namespace releasedesk
