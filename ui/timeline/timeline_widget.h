// TimelineWidget: the custom-painted deployment timeline — a time axis with zoom and pan, a lane
// per production run with its phases, job bars, deployment statuses, badges and the live marker.
#pragma once

#include "core/timeline/deployment_timeline.h"
#include "ui/timeline/timeline_geometry.h"

#include <QAbstractScrollArea>

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
  // What a timeline is first shown at: the last two weeks, or all of it when it is shorter.
  static constexpr std::int64_t kDefaultSpanSeconds = 14 * 86400;
  // Fits the run's span (with a margin) and scrolls its lane into view.
  void zoomToRun(std::int64_t runId);
  // Moves the view by `dx` pixels of time and `dy` pixels of lanes.
  void panBy(double dx, double dy);

  std::optional<std::int64_t> selectedRun() const { return selected_; }
  void selectRun(std::int64_t runId);

  // Where everything is laid out now, in viewport coordinates: what paint and hit testing use.
  // A snapshot: it does not follow later zooming, scrolling or a new timeline.
  TimelineGeometry geometry() const;
  // What a tooltip at `pos` (viewport coordinates) says; empty over nothing.
  QString toolTipAt(const QPointF& pos) const;

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
  QRectF plotRect() const { return TimelineGeometry::plotRectFor(viewport()->size()); }
  void ensureLaneVisible(std::size_t index);
  void showDefaultRange();
  void moveSelection(int delta);
  void clampView();
  void syncScrollBars();
  void viewChanged();

  void paintAxis(QPainter& painter, const TimelineGeometry& geometry) const;
  void paintLane(QPainter& painter, const TimelineGeometry& geometry, std::size_t index) const;
  void paintGutter(QPainter& painter, const TimelineGeometry& geometry, std::size_t index) const;

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
  QSizeF lastPlot_;  // the plot's size before the last resize
};

}  // namespace releasedesk
