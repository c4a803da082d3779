// TimelineGeometry: where everything on the deployment timeline lies, in viewport coordinates —
// the visible time window and its time ↔ x mapping, the lanes' rows, phase and job bars, status
// markers, the LIVE tag, the gutter's badges, and what lies under a point. A plain value computed
// from the viewport's size, the zoom and scroll state and the timeline; TimelineWidget paints and
// hit-tests through it, and tests query it instead of pixels.
#pragma once

#include "core/timeline/deployment_timeline.h"

#include <QPointF>
#include <QRectF>
#include <QSize>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>

namespace releasedesk {

class TimelineGeometry {
 public:
  static constexpr int kLaneHeight = 34;
  static constexpr int kAxisHeight = 26;
  static constexpr int kGutterWidth = 230;
  static constexpr double kMarkerSize = 9;  // a status marker's width and height

  // The chips in a lane's gutter, in the order they are laid out left to right.
  enum class Badge { Rollback, Replay, Rerun };
  static constexpr std::array<Badge, 3> kBadges = {Badge::Rollback, Badge::Replay, Badge::Rerun};

  // The zoom and scroll state the geometry is computed from.
  struct View {
    QSize viewport;
    double viewStart = 0;  // seconds since the epoch at the plot's left edge
    double pixelsPerSecond = 0.01;
    int verticalOffset = 0;        // pixels of lanes scrolled up
    std::optional<TimePoint> now;  // the clock: open phases grow to it; the "now" line falls back to the model's
  };
  // Widths of the words the widget paints in chips, in its font: the tag and badges fit them.
  struct TextWidths {
    double liveTag = 0;
    std::array<double, kBadges.size()> badges{};  // indexed like kBadges
  };

  // What lies under a point, the first of: a badge, the gutter, the LIVE tag, a status marker, a
  // job bar, a phase. `run` is set for everything but Nothing.
  struct Hit {
    enum class Kind { Nothing, Badge, Gutter, LiveTag, Status, Job, Phase };
    Kind kind = Kind::Nothing;
    const TimelineRun* run = nullptr;
    Badge badge = Badge::Rollback;
    const StatusChange* status = nullptr;
    const JobSpan* job = nullptr;
    const TimelinePhase* phase = nullptr;
  };

  // The lanes [first, last) that intersect the plot.
  struct LaneRange {
    std::size_t first = 0;
    std::size_t last = 0;
  };

  TimelineGeometry() = default;
  TimelineGeometry(std::shared_ptr<const DeploymentTimeline> timeline, const View& view, const TextWidths& text);

  // Where time is drawn for a viewport of `size`.
  static QRectF plotRectFor(QSize size);

  const DeploymentTimeline* timeline() const { return timeline_.get(); }
  const View& view() const { return view_; }
  QRectF viewportRect() const { return QRectF(QPointF(0, 0), QSizeF(view_.viewport)); }
  QRectF plotRect() const { return plotRectFor(view_.viewport); }
  QRectF gutterRect() const;  // below the axis, left of the plot
  QRectF axisRect() const;    // across the top

  // The time window and its mapping to x.
  TimePoint visibleStart() const;
  TimePoint visibleEnd() const;
  double xOf(TimePoint t) const { return xOfSeconds(secondsOf(t)); }
  double xOfSeconds(double secondsSinceEpoch) const {
    return kGutterWidth + (secondsSinceEpoch - view_.viewStart) * view_.pixelsPerSecond;
  }
  TimePoint timeAt(double x) const;
  // Where something that ends at `end` and is still `open` is drawn to: it grows with `now`.
  TimePoint shownEnd(TimePoint end, bool open) const;
  double nowX() const;  // the "now" line
  // The axis's tick spacing in seconds: the smallest step from a minute to a quarter that is at
  // least 90 pixels wide.
  std::int64_t tickStep() const;

  // Lanes, by index into the timeline's runs. Rects are exact (unclipped, not widened).
  std::optional<std::size_t> laneOf(std::int64_t runId) const;
  std::optional<std::size_t> laneAt(double y) const;
  LaneRange visibleLanes() const;
  double laneTop(std::size_t lane) const;
  QRectF laneRect(std::size_t lane) const;  // the whole row across the viewport
  QRectF phaseRect(std::size_t lane, const TimelinePhase& phase) const;
  QRectF jobRect(std::size_t lane, const JobSpan& job) const;  // null until the job started
  QPointF statusCentre(std::size_t lane, const StatusChange& status) const;
  QRectF liveTagRect(std::size_t lane) const;             // null when the live deployment is not this lane's
  QRectF badgeRect(std::size_t lane, Badge badge) const;  // null when the run has no such badge

  // The same by run id; null when there is no such run, phase, job or badge.
  QRectF runRect(std::int64_t runId) const;
  // The first phase of `kind`; `index` picks a later one.
  QRectF runPhaseRect(std::int64_t runId, PhaseKind kind, int index = 0) const;
  QRectF runJobRect(std::int64_t runId, std::int64_t jobId) const;
  QRectF runBadgeRect(std::int64_t runId, Badge badge) const;
  QRectF liveTagRect() const;  // the "LIVE" tag, in its run's lane

  Hit hitAt(const QPointF& pos) const;

 private:
  static double secondsOf(TimePoint t) { return static_cast<double>(t.time_since_epoch().count()); }

  std::shared_ptr<const DeploymentTimeline> timeline_;
  View view_;
  TextWidths text_;
};

}  // namespace releasedesk
