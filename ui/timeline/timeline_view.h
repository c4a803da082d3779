// The Timeline view: the DORA strip for the visible window above the custom-painted timeline,
// the selected run's details beside it, and progress, errors and staleness of the reads that its
// TimelineRefresher makes (repeated while a run is in progress, the cache shown until the first).
#pragma once

#include "core/evidence/artifact_tree.h"
#include "ui/desk_page.h"
#include "ui/timeline/timeline_refresher.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTextBrowser;
class QTimer;

namespace releasedesk {

class TimelineTableModel;
class TimelineWidget;

class TimelineView final : public DeskPage {
  Q_OBJECT

 public:
  explicit TimelineView(QWidget* parent = nullptr);
  ~TimelineView() override;

  // What reads the timeline; the accessors below forward to it.
  TimelineRefresher* refresher() const { return refresher_; }
  // The client to read through (the desk connection's); nullptr detaches. See
  // TimelineRefresher::setClient: the cached timeline, if any, is shown at once, marked stale.
  void setClient(GitHubClient* client, const QString& cacheKey,
                 TimelineLoaderConfig config = TimelineRefresher::defaultConfig()) {
    refresher_->setClient(client, cacheKey, std::move(config));
  }
  void setCacheDirectory(const QString& directory) { refresher_->setCacheDirectory(directory); }
  QString cacheFile() const { return refresher_->cacheFile(); }
  // Shows `timeline` (tests, or a timeline computed elsewhere).
  void setTimeline(const DeploymentTimeline& timeline, bool stale = false) { refresher_->setTimeline(timeline, stale); }
  // The navigation entry, known before the page is made (the window makes it when first needed).
  static Navigation pageNavigation();
  Navigation navigation() const override { return pageNavigation(); }
  // Reads the connection's production runs, cached under its description.
  void setConnection(DeskConnection* connection) override;
  // The known candidates, for the evidence verdict of a run's sha in the details.
  void setCandidates(const CandidateCatalog& catalog, const CandidateSource& source) override;

  bool isRefreshing() const { return refresher_->isRefreshing(); }
  bool isStale() const { return refresher_->isStale(); }
  QString staleText() const;  // "stale (from <time>)", empty when fresh
  QString errorText() const;
  QString doraText() const;     // the DORA strip as one line
  QString detailsHtml() const;  // the details pane
  int attentionCount() const { return refresher_->attentionCount(); }
  // Whether a refresh is scheduled because a run is still in progress.
  bool isAutoRefreshing() const { return refresher_->isAutoRefreshing(); }
  const DeploymentTimeline* timeline() const { return refresher_->timeline(); }
  TimelineWidget* timelineWidget() const { return widget_; }
  QTextBrowser* detailsPane() const { return details_; }
  // The same runs as a table (View as Table), for screen readers and keyboards.
  QTableView* runTable() const { return table_; }
  TimelineTableModel* runTableModel() const { return tableModel_; }
  QPushButton* tableToggle() const { return tableToggle_; }
  void showAsTable(bool table);
  bool isShowingTable() const;
  // What the markers and colours of the picture mean.
  QLabel* legend() const { return legend_; }

 public slots:
  void refresh() override { refresher_->refresh(); }
  bool cancelRefresh() override { return refresher_->cancelRefresh(); }
  void showTimesAgain() override;

 signals:
  void refreshFinished(bool ok);
  // attentionCountChanged (DeskPage): runs waiting for approval or queued behind the lock now.

 protected:
  // The refresher's repeats wait while the view is hidden, so a hidden view costs no requests.
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;
  // The legend's swatches follow a change of palette (dark mode).
  void changeEvent(QEvent* event) override;

 private:
  void showTimeline();
  void showRefreshStarted();
  void showRefreshProgress(bool listed, int jobsDone, int jobsTotal);
  void showRefreshFinished(bool ok);
  void updateDora();
  void updateDetails();
  void updateStale();
  void updateLegend();
  QString artifactsHtml(std::int64_t runId) const;

  TimelineRefresher* refresher_ = nullptr;
  CandidateCatalog candidates_;

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
  QPushButton* cancelButton_ = nullptr;
  QPushButton* refreshButton_ = nullptr;
  QTextBrowser* details_ = nullptr;
  QTimer* doraDebounce_ = nullptr;
  QLabel* legend_ = nullptr;
  QPushButton* tableToggle_ = nullptr;
  QStackedWidget* runViews_ = nullptr;
  QTableView* table_ = nullptr;
  TimelineTableModel* tableModel_ = nullptr;  // recomputes the strip once a zoom or pan settles
};

}  // namespace releasedesk
