// TimelineWidget: the custom-painted deployment timeline — a time axis with zoom and pan, a lane
// per production run with its phases, job bars, deployment statuses, badges and the live marker.
#pragma once

#include "core/timeline/deployment_timeline.h"

#include <QAbstractScrollArea>
#include <QRectF>

#include <memory>
#include <optional>

namespace releasedesk {

class TimelineWidget final : public QAbstractScrollArea {
  Q_OBJECT

 public:
  explicit TimelineWidget(QWidget* parent = nullptr);
  ~TimelineWidget() override;

  // Shows `timeline` (null clears). Keeps the zoom, pan and selection when the same runs are
  // still there; the first timeline is fitted to the width and scrolled to its newest runs.
  void setTimeline(std::shared_ptr<const DeploymentTimeline> timeline);
  const DeploymentTimeline* timeline() const { return timeline_.get(); }
  // The current time, for the "now" line and the growing end of runs still in progress.
  void setNow(TimePoint now);

  // The visible time range [start, end] of the plot.
  TimePoint visibleStart() const;
  TimePoint visibleEnd() const;
  double pixelsPerSecond() const { return pixelsPerSecond_; }
  // Zooms by `factor` (> 1 in) around the time at plot x `anchorX` (default: the plot's centre).
  void zoomBy(double factor, std::optional<double> anchorX = std::nullopt);
  // Fits [start, end] into the plot's width.
  void showRange(TimePoint start, TimePoint end);
  void zoomToFit();
  // Fits the run's span (with a margin) and scrolls its lane into view.
  void zoomToRun(std::int64_t runId);
  // Moves the view by `dx` pixels of time and `dy` pixels of lanes.
  void panBy(double dx, double dy);

  std::optional<std::int64_t> selectedRun() const { return selected_; }
  void selectRun(std::int64_t runId);

  // Geometry in viewport coordinates, for tests and hit testing. Empty when not laid out (no such
  // run, phase or badge). Rects are exact (unclipped, not widened for visibility).
  QRectF rectForRun(std::int64_t runId) const;  // the lane: its whole row across the viewport
  // The first phase of `kind` ("queued", "waiting", "running"); `index` picks a later one.
  QRectF rectForPhase(std::int64_t runId, const QString& kind, int index = 0) const;
  QRectF rectForJob(std::int64_t runId, std::int64_t jobId) const;
  QRectF liveMarkerRect() const;                                     // the "LIVE" tag
  QRectF badgeRect(std::int64_t runId, const QString& badge) const;  // "rollback", "replay", "re-run"
  QRectF plotRect() const;                                           // where time is drawn
  // What a tooltip at `pos` (viewport coordinates) says; empty over nothing.
  QString toolTipAt(const QPointF& pos) const;

  static constexpr int kLaneHeight = 34;
  static constexpr int kAxisHeight = 26;
  static constexpr int kGutterWidth = 230;

 signals:
  void selectedRunChanged(std::int64_t runId);
  // Enter or a double click on a run: show its details.
  void runActivated(std::int64_t runId);
  void visibleRangeChanged(TimePoint start, TimePoint end);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  bool viewportEvent(QEvent* event) override;
  void scrollContentsBy(int dx, int dy) override;

 private:
  struct Hit;
  double xOf(TimePoint t) const;
  double xOfSeconds(double secondsSinceEpoch) const;
  TimePoint timeAt(double x) const;
  double laneTop(std::size_t index) const;
  std::optional<std::size_t> laneAt(double y) const;
  std::optional<std::size_t> indexOf(std::int64_t runId) const;
  QRectF laneRect(std::size_t index) const;
  QRectF badgeRectOf(std::size_t index, int which) const;
  QRectF liveRectOf(std::size_t index) const;
  TimePoint shownEnd(TimePoint end, bool open) const;
  void ensureLaneVisible(std::size_t index);
  void moveSelection(int delta);
  void clampView();
  void syncScrollBars();
  void viewChanged();

  void paintAxis(QPainter& painter, const QRectF& plot) const;
  void paintLane(QPainter& painter, std::size_t index, const QRectF& plot) const;
  void paintGutter(QPainter& painter, std::size_t index) const;

  std::shared_ptr<const DeploymentTimeline> timeline_;
  std::optional<TimePoint> now_;
  double viewStart_ = 0;  // seconds since the epoch at the plot's left edge
  double pixelsPerSecond_ = 0.01;
  double dataStart_ = 0;
  double dataEnd_ = 0;
  int verticalOffset_ = 0;  // pixels of lanes scrolled up
  std::optional<std::int64_t> selected_;
  std::optional<QPointF> dragFrom_;
  bool syncing_ = false;
  bool fitted_ = false;
};

}  // namespace releasedesk
