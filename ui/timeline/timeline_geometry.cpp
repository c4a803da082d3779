// The layout maths of the deployment timeline: pure arithmetic over the view state and the model.
#include "ui/timeline/timeline_geometry.h"

#include <algorithm>
#include <cmath>

namespace releasedesk {
namespace {

constexpr double kPhaseTop = 4;
constexpr double kPhaseHeight = 11;
constexpr double kJobTop = 18;
constexpr double kJobHeight = 13;
constexpr double kBadgeTop = 18;
constexpr double kBadgeHeight = 13;
constexpr double kBadgePadding = 12;  // around the word
constexpr double kBadgeGap = 4;

// Axis steps, in seconds, from a minute to a quarter.
constexpr std::array<std::int64_t, 14> kSteps = {60,        300,        900,        1800,      3600,
                                                 3 * 3600,  6 * 3600,   12 * 3600,  86400,     2 * 86400,
                                                 7 * 86400, 14 * 86400, 30 * 86400, 90 * 86400};

bool hasBadge(const TimelineRun& run, TimelineGeometry::Badge badge) {
  switch (badge) {
    case TimelineGeometry::Badge::Rollback: return run.rollback;
    case TimelineGeometry::Badge::Replay: return run.replay;
    case TimelineGeometry::Badge::Rerun: return run.rerun;
  }
  return false;
}

}  // namespace

TimelineGeometry::TimelineGeometry(std::shared_ptr<const DeploymentTimeline> timeline, const View& view,
                                   const TextWidths& text)
    : timeline_(std::move(timeline)), view_(view), text_(text) {}

QRectF TimelineGeometry::plotRectFor(QSize size) {
  return QRectF(kGutterWidth, kAxisHeight, std::max(0, size.width() - kGutterWidth),
                std::max(0, size.height() - kAxisHeight));
}

QRectF TimelineGeometry::gutterRect() const {
  return QRectF(0, kAxisHeight, kGutterWidth, plotRect().height());
}

QRectF TimelineGeometry::axisRect() const {
  return QRectF(0, 0, view_.viewport.width(), kAxisHeight);
}

TimePoint TimelineGeometry::visibleStart() const {
  return TimePoint(std::chrono::seconds(static_cast<std::int64_t>(std::floor(view_.viewStart))));
}

TimePoint TimelineGeometry::visibleEnd() const {
  return TimePoint(std::chrono::seconds(static_cast<std::int64_t>(
      std::ceil(view_.viewStart + std::max(0.0, plotRect().width()) / view_.pixelsPerSecond))));
}

TimePoint TimelineGeometry::timeAt(double x) const {
  return TimePoint(
      std::chrono::seconds(static_cast<std::int64_t>(view_.viewStart + (x - kGutterWidth) / view_.pixelsPerSecond)));
}

TimePoint TimelineGeometry::shownEnd(TimePoint end, bool open) const {
  return open && view_.now ? std::max(end, *view_.now) : end;
}

double TimelineGeometry::nowX() const {
  if (view_.now) return xOf(*view_.now);
  return timeline_ ? xOf(timeline_->now) : kGutterWidth;
}

std::int64_t TimelineGeometry::tickStep() const {
  for (std::int64_t s : kSteps) {
    if (static_cast<double>(s) * view_.pixelsPerSecond >= 90) return s;
  }
  return kSteps.back();
}

std::optional<std::size_t> TimelineGeometry::laneOf(std::int64_t runId) const {
  if (!timeline_) return std::nullopt;
  const auto& runs = timeline_->runs;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].id == runId) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> TimelineGeometry::laneAt(double y) const {
  if (!timeline_ || y < kAxisHeight) return std::nullopt;
  const double row = std::floor((y - kAxisHeight + view_.verticalOffset) / kLaneHeight);
  if (row < 0 || row >= static_cast<double>(timeline_->runs.size())) return std::nullopt;
  return static_cast<std::size_t>(row);
}

TimelineGeometry::LaneRange TimelineGeometry::visibleLanes() const {
  if (!timeline_) return {};
  const auto first = static_cast<std::size_t>(std::max(0, view_.verticalOffset / kLaneHeight));
  const std::size_t last = std::min(timeline_->runs.size(),
                                    first + static_cast<std::size_t>(std::ceil(plotRect().height() / kLaneHeight)) + 1);
  return {first, std::max(first, last)};
}

double TimelineGeometry::laneTop(std::size_t lane) const {
  return kAxisHeight + static_cast<double>(lane) * kLaneHeight - view_.verticalOffset;
}

QRectF TimelineGeometry::laneRect(std::size_t lane) const {
  return QRectF(0, laneTop(lane), view_.viewport.width(), kLaneHeight);
}

QRectF TimelineGeometry::phaseRect(std::size_t lane, const TimelinePhase& phase) const {
  const double left = xOf(phase.start), right = xOf(shownEnd(phase.end, phase.open));
  return QRectF(left, laneTop(lane) + kPhaseTop, right - left, kPhaseHeight);
}

QRectF TimelineGeometry::jobRect(std::size_t lane, const JobSpan& job) const {
  if (!job.startedAt) return {};
  const double left = xOf(*job.startedAt);
  const double right = job.completedAt ? xOf(*job.completedAt) : xOf(shownEnd(timeline_->runs[lane].end, true));
  return QRectF(left, laneTop(lane) + kJobTop, right - left, kJobHeight);
}

QPointF TimelineGeometry::statusCentre(std::size_t lane, const StatusChange& status) const {
  return QPointF(xOf(status.at), laneTop(lane) + kPhaseTop + kPhaseHeight / 2);
}

QRectF TimelineGeometry::liveTagRect(std::size_t lane) const {
  if (!timeline_ || !timeline_->live || timeline_->live->runId != timeline_->runs[lane].id) return {};
  return QRectF(xOf(timeline_->live->at) + kMarkerSize / 2 + 2, laneTop(lane) + kJobTop - 1, text_.liveTag + 10,
                kJobHeight + 2);
}

QRectF TimelineGeometry::badgeRect(std::size_t lane, Badge badge) const {
  const TimelineRun& run = timeline_->runs[lane];
  if (!hasBadge(run, badge)) return {};
  double x = 6;
  for (std::size_t b = 0; kBadges[b] != badge; ++b) {
    if (hasBadge(run, kBadges[b])) x += text_.badges[b] + kBadgePadding + kBadgeGap;
  }
  return QRectF(x, laneTop(lane) + kBadgeTop, text_.badges[static_cast<std::size_t>(badge)] + kBadgePadding,
                kBadgeHeight);
}

QRectF TimelineGeometry::runRect(std::int64_t runId) const {
  const auto lane = laneOf(runId);
  return lane ? laneRect(*lane) : QRectF();
}

QRectF TimelineGeometry::runPhaseRect(std::int64_t runId, PhaseKind kind, int index) const {
  const auto lane = laneOf(runId);
  if (!lane) return {};
  int seen = 0;
  for (const TimelinePhase& phase : timeline_->runs[*lane].phases) {
    if (phase.kind != kind) continue;
    if (seen++ == index) return phaseRect(*lane, phase);
  }
  return {};
}

QRectF TimelineGeometry::runJobRect(std::int64_t runId, std::int64_t jobId) const {
  const auto lane = laneOf(runId);
  if (!lane) return {};
  for (const JobSpan& job : timeline_->runs[*lane].jobs) {
    if (job.id == jobId && job.startedAt) return jobRect(*lane, job);
  }
  return {};
}

QRectF TimelineGeometry::runBadgeRect(std::int64_t runId, Badge badge) const {
  const auto lane = laneOf(runId);
  return lane ? badgeRect(*lane, badge) : QRectF();
}

QRectF TimelineGeometry::liveTagRect() const {
  if (!timeline_ || !timeline_->live || !timeline_->live->runId) return {};
  const auto lane = laneOf(*timeline_->live->runId);
  return lane ? liveTagRect(*lane) : QRectF();
}

TimelineGeometry::Hit TimelineGeometry::hitAt(const QPointF& pos) const {
  const auto lane = laneAt(pos.y());
  if (!lane) return {};
  const TimelineRun& run = timeline_->runs[*lane];
  Hit hit;
  hit.run = &run;
  for (Badge badge : kBadges) {
    if (!badgeRect(*lane, badge).contains(pos)) continue;
    hit.kind = Hit::Kind::Badge;
    hit.badge = badge;
    return hit;
  }
  if (pos.x() < kGutterWidth) {
    hit.kind = Hit::Kind::Gutter;
    return hit;
  }
  if (liveTagRect(*lane).contains(pos)) {
    hit.kind = Hit::Kind::LiveTag;
    return hit;
  }
  for (const StatusChange* status : timeline_->statusesOf(run)) {
    const QPointF c = statusCentre(*lane, *status);
    if (std::abs(pos.x() - c.x()) <= kMarkerSize / 2 + 1 && std::abs(pos.y() - c.y()) <= kMarkerSize / 2 + 1) {
      hit.kind = Hit::Kind::Status;
      hit.status = status;
      return hit;
    }
  }
  for (const JobSpan& job : run.jobs) {
    QRectF r = jobRect(*lane, job);
    if (r.isNull()) continue;
    if (r.width() < 4) r.adjust(-2, 0, 2, 0);  // thin bars are hard to point at
    if (!r.contains(pos)) continue;
    hit.kind = Hit::Kind::Job;
    hit.job = &job;
    return hit;
  }
  // A phase answers anywhere in its lane's height, and at least 3 pixels wide as it is painted.
  for (const TimelinePhase& phase : run.phases) {
    const double left = xOf(phase.start), right = std::max(left + 3, xOf(shownEnd(phase.end, phase.open)));
    if (pos.x() >= left && pos.x() <= right) {
      hit.kind = Hit::Kind::Phase;
      hit.phase = &phase;
      return hit;
    }
  }
  return {};
}

}  // namespace releasedesk
