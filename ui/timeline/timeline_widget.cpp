// Painting, geometry, zoom/pan and keyboard handling of the deployment timeline.
#include "ui/timeline/timeline_widget.h"

#include "core/timeline/durations.h"

#include "ui/status_icons.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QTimeZone>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace releasedesk {
namespace {

constexpr double kMaxPixelsPerSecond = 2.0;
constexpr double kPhaseTop = 4;
constexpr double kPhaseHeight = 11;
constexpr double kJobTop = 18;
constexpr double kJobHeight = 13;
constexpr double kMarkerSize = 9;
constexpr std::array<const char*, 3> kBadges = {"rollback", "replay", "re-run"};

double secondsOf(TimePoint t) {
  return static_cast<double>(t.time_since_epoch().count());
}

QString qs(std::string_view text) {
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString durationText(std::int64_t seconds) {
  return QString::fromStdString(formatDuration(seconds));
}

QString timeText(TimePoint t) {
  return QDateTime::fromSecsSinceEpoch(t.time_since_epoch().count(), QTimeZone::utc())
      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

bool isFailure(std::string_view conclusion) {
  return conclusion == "failure" || conclusion == "timed_out" || conclusion == "startup_failure" ||
         conclusion == "error";
}

bool isMuted(std::string_view conclusion) {
  return conclusion == "cancelled" || conclusion == "skipped" || conclusion == "neutral" || conclusion == "stale" ||
         conclusion == "inactive";
}

// Job conclusions by colour, glyph and fill pattern together: never colour alone.
QColor conclusionColor(std::string_view conclusion, const QPalette& palette) {
  if (conclusion == "success") return verdictColor(Verdict::Accepted, palette);
  if (isFailure(conclusion)) return verdictColor(Verdict::Invalid, palette);
  if (isMuted(conclusion)) return palette.color(QPalette::Mid);
  return palette.color(QPalette::Highlight);  // not completed yet
}

QString conclusionGlyph(std::string_view conclusion) {
  if (conclusion == "success") return QString(QChar(0x2713));  // ✓
  if (isFailure(conclusion)) return QString(QChar(0x2717));    // ✗
  if (isMuted(conclusion)) return QString(QChar(0x2298));      // ⊘
  return QString(QChar(0x25B6));                               // ▶ running
}

Qt::BrushStyle conclusionOverlay(std::string_view conclusion) {
  if (isFailure(conclusion)) return Qt::DiagCrossPattern;
  if (isMuted(conclusion)) return Qt::Dense6Pattern;
  if (conclusion != "success") return Qt::Dense4Pattern;
  return Qt::NoBrush;
}

QColor textOn(const QColor& fill) {
  return qGray(fill.rgb()) > 140 ? QColor(Qt::black) : QColor(Qt::white);
}

QString badgeText(int which) {
  switch (which) {
    case 0: return TimelineWidget::tr("rollback");
    case 1: return TimelineWidget::tr("replay");
    default: return TimelineWidget::tr("re-run");
  }
}

bool hasBadge(const TimelineRun& lane, int which) {
  return which == 0 ? lane.rollback : which == 1 ? lane.replay : lane.rerun;
}

QString phaseWord(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::Queued: return TimelineWidget::tr("queued");
    case PhaseKind::Waiting: return TimelineWidget::tr("waiting");
    case PhaseKind::Running: return TimelineWidget::tr("running");
  }
  return {};
}

QString phaseExplanation(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::Queued: return TimelineWidget::tr("queued behind the production-mutation lock");
    case PhaseKind::Waiting: return TimelineWidget::tr("waiting for approval of the production environment");
    case PhaseKind::Running: return TimelineWidget::tr("running");
  }
  return {};
}

QFont smallFont(const QFont& base) {
  QFont font = base;
  font.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.82));
  return font;
}

// Axis steps, in seconds, from a minute to a month.
constexpr std::array<std::int64_t, 14> kSteps = {60,        300,        900,        1800,      3600,
                                                 3 * 3600,  6 * 3600,   12 * 3600,  86400,     2 * 86400,
                                                 7 * 86400, 14 * 86400, 30 * 86400, 90 * 86400};

void paintDiamond(QPainter& painter, const QPointF& c, double r) {
  const QPointF points[4] = {{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}};
  painter.drawPolygon(points, 4);
}

void paintTriangleDown(QPainter& painter, const QPointF& c, double r) {
  const QPointF points[3] = {{c.x() - r, c.y() - r}, {c.x() + r, c.y() - r}, {c.x(), c.y() + r}};
  painter.drawPolygon(points, 3);
}

}  // namespace

TimelineWidget::TimelineWidget(QWidget* parent) : QAbstractScrollArea(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  viewport()->setMouseTracking(true);
  setAccessibleName(tr("Deployment timeline"));
  horizontalScrollBar()->setSingleStep(20);
  verticalScrollBar()->setSingleStep(kLaneHeight);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
}

TimelineWidget::~TimelineWidget() = default;

void TimelineWidget::setTimeline(std::shared_ptr<const DeploymentTimeline> timeline) {
  timeline_ = std::move(timeline);
  if (!timeline_ || timeline_->runs.empty()) {
    dataStart_ = dataEnd_ = 0;
    selected_.reset();
    fitted_ = false;
    syncScrollBars();
    viewport()->update();
    return;
  }
  double first = secondsOf(timeline_->runs.front().start), last = secondsOf(timeline_->now);
  for (const TimelineRun& lane : timeline_->runs) {
    first = std::min(first, secondsOf(lane.start));
    last = std::max(last, secondsOf(lane.end));
  }
  if (now_) last = std::max(last, secondsOf(*now_));
  const double margin = std::max(600.0, (last - first) * 0.01);
  dataStart_ = first - margin;
  dataEnd_ = last + margin;
  if (selected_ && !indexOf(*selected_)) selected_.reset();
  if (!fitted_) {
    zoomToFit();
    if (fitted_) {
      verticalOffset_ = std::numeric_limits<int>::max();  // the newest runs, clamped below
      clampView();
      syncScrollBars();
    }
  } else {
    clampView();
    syncScrollBars();
    viewChanged();
  }
  viewport()->update();
}

void TimelineWidget::setNow(TimePoint now) {
  now_ = now;
  if (secondsOf(now) > dataEnd_ && timeline_) dataEnd_ = secondsOf(now) + 60;
  syncScrollBars();
  viewport()->update();
}

TimePoint TimelineWidget::visibleStart() const {
  return TimePoint(std::chrono::seconds(static_cast<std::int64_t>(std::floor(viewStart_))));
}

TimePoint TimelineWidget::visibleEnd() const {
  return TimePoint(std::chrono::seconds(
      static_cast<std::int64_t>(std::ceil(viewStart_ + std::max(0.0, plotRect().width()) / pixelsPerSecond_))));
}

QRectF TimelineWidget::plotRect() const {
  const QRect v = viewport()->rect();
  return QRectF(kGutterWidth, kAxisHeight, std::max(0, v.width() - kGutterWidth),
                std::max(0, v.height() - kAxisHeight));
}

double TimelineWidget::xOfSeconds(double s) const {
  return kGutterWidth + (s - viewStart_) * pixelsPerSecond_;
}

double TimelineWidget::xOf(TimePoint t) const {
  return xOfSeconds(secondsOf(t));
}

TimePoint TimelineWidget::timeAt(double x) const {
  return TimePoint(std::chrono::seconds(static_cast<std::int64_t>(viewStart_ + (x - kGutterWidth) / pixelsPerSecond_)));
}

double TimelineWidget::laneTop(std::size_t index) const {
  return kAxisHeight + static_cast<double>(index) * kLaneHeight - verticalOffset_;
}

std::optional<std::size_t> TimelineWidget::laneAt(double y) const {
  if (!timeline_ || y < kAxisHeight) return std::nullopt;
  const double row = std::floor((y - kAxisHeight + verticalOffset_) / kLaneHeight);
  if (row < 0 || row >= static_cast<double>(timeline_->runs.size())) return std::nullopt;
  return static_cast<std::size_t>(row);
}

std::optional<std::size_t> TimelineWidget::indexOf(std::int64_t runId) const {
  if (!timeline_) return std::nullopt;
  const auto& runs = timeline_->runs;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].id == runId) return i;
  }
  return std::nullopt;
}

QRectF TimelineWidget::laneRect(std::size_t index) const {
  return QRectF(0, laneTop(index), viewport()->width(), kLaneHeight);
}

QRectF TimelineWidget::rectForRun(std::int64_t runId) const {
  const auto index = indexOf(runId);
  return index ? laneRect(*index) : QRectF();
}

QRectF TimelineWidget::rectForPhase(std::int64_t runId, const QString& kind, int index) const {
  const auto lane = indexOf(runId);
  if (!lane) return {};
  const TimelineRun& run = timeline_->runs[*lane];
  int seen = 0;
  for (const TimelinePhase& phase : run.phases) {
    if (qs(toString(phase.kind)) != kind) continue;
    if (seen++ != index) continue;
    const double left = xOf(phase.start), right = xOf(shownEnd(phase.end, phase.open));
    return QRectF(left, laneTop(*lane) + kPhaseTop, right - left, kPhaseHeight);
  }
  return {};
}

QRectF TimelineWidget::rectForJob(std::int64_t runId, std::int64_t jobId) const {
  const auto lane = indexOf(runId);
  if (!lane) return {};
  for (const JobSpan& job : timeline_->runs[*lane].jobs) {
    if (job.id != jobId || !job.startedAt) continue;
    const double left = xOf(*job.startedAt);
    const double right = job.completedAt ? xOf(*job.completedAt) : xOf(shownEnd(timeline_->runs[*lane].end, true));
    return QRectF(left, laneTop(*lane) + kJobTop, right - left, kJobHeight);
  }
  return {};
}

QRectF TimelineWidget::liveRectOf(std::size_t index) const {
  const LiveDeployment& live = *timeline_->live;
  const QFontMetricsF metrics(smallFont(font()));
  const double width = metrics.horizontalAdvance(tr("LIVE")) + 10;
  return QRectF(xOf(live.at) + kMarkerSize / 2 + 2, laneTop(index) + kJobTop - 1, width, kJobHeight + 2);
}

QRectF TimelineWidget::liveMarkerRect() const {
  if (!timeline_ || !timeline_->live || !timeline_->live->runId) return {};
  const auto index = indexOf(*timeline_->live->runId);
  return index ? liveRectOf(*index) : QRectF();
}

QRectF TimelineWidget::badgeRectOf(std::size_t index, int which) const {
  const TimelineRun& lane = timeline_->runs[index];
  if (!hasBadge(lane, which)) return {};
  const QFontMetricsF metrics(smallFont(font()));
  double x = 6;
  for (int b = 0; b < which; ++b) {
    if (hasBadge(lane, b)) x += metrics.horizontalAdvance(badgeText(b)) + 12 + 4;
  }
  return QRectF(x, laneTop(index) + 18, metrics.horizontalAdvance(badgeText(which)) + 12, 13);
}

QRectF TimelineWidget::badgeRect(std::int64_t runId, const QString& badge) const {
  const auto index = indexOf(runId);
  if (!index) return {};
  for (int which = 0; which < static_cast<int>(kBadges.size()); ++which) {
    if (QLatin1String(kBadges[static_cast<std::size_t>(which)]) == badge) return badgeRectOf(*index, which);
  }
  return {};
}

TimePoint TimelineWidget::shownEnd(TimePoint end, bool open) const {
  return open && now_ ? std::max(end, *now_) : end;
}

void TimelineWidget::zoomBy(double factor, std::optional<double> anchorX) {
  const QRectF plot = plotRect();
  if (plot.width() <= 0 || factor <= 0) return;
  const double anchor = anchorX.value_or(plot.center().x());
  const double anchorSeconds = viewStart_ + (anchor - kGutterWidth) / pixelsPerSecond_;
  const double fit = dataEnd_ > dataStart_ ? plot.width() / (dataEnd_ - dataStart_) : pixelsPerSecond_;
  pixelsPerSecond_ = std::clamp(pixelsPerSecond_ * factor, std::min(fit, kMaxPixelsPerSecond), kMaxPixelsPerSecond);
  viewStart_ = anchorSeconds - (anchor - kGutterWidth) / pixelsPerSecond_;
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::showRange(TimePoint start, TimePoint end) {
  const QRectF plot = plotRect();
  if (plot.width() <= 0 || end <= start) return;
  pixelsPerSecond_ = std::min(kMaxPixelsPerSecond, plot.width() / (secondsOf(end) - secondsOf(start)));
  viewStart_ = secondsOf(start);
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::zoomToFit() {
  const QRectF plot = plotRect();
  if (plot.width() <= 0 || dataEnd_ <= dataStart_) return;
  pixelsPerSecond_ = std::min(kMaxPixelsPerSecond, plot.width() / (dataEnd_ - dataStart_));
  viewStart_ = dataStart_;
  fitted_ = true;
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::zoomToRun(std::int64_t runId) {
  const auto index = indexOf(runId);
  if (!index) return;
  const TimelineRun& lane = timeline_->runs[*index];
  const double start = secondsOf(lane.start), end = secondsOf(shownEnd(lane.end, lane.inProgress));
  const double margin = std::max(60.0, (end - start) * 0.15);
  showRange(TimePoint(std::chrono::seconds(static_cast<std::int64_t>(start - margin))),
            TimePoint(std::chrono::seconds(static_cast<std::int64_t>(end + margin))));
  ensureLaneVisible(*index);
}

void TimelineWidget::panBy(double dx, double dy) {
  viewStart_ += dx / pixelsPerSecond_;
  verticalOffset_ += static_cast<int>(std::lround(dy));
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::clampView() {
  const QRectF plot = plotRect();
  const double visible = plot.width() / pixelsPerSecond_;
  viewStart_ = std::clamp(viewStart_, dataStart_, std::max(dataStart_, dataEnd_ - visible));
  const int content = timeline_ ? static_cast<int>(timeline_->runs.size()) * kLaneHeight : 0;
  verticalOffset_ = std::clamp(verticalOffset_, 0, std::max(0, content - static_cast<int>(plot.height())));
}

void TimelineWidget::syncScrollBars() {
  syncing_ = true;
  const QRectF plot = plotRect();
  const double total = (dataEnd_ - dataStart_) * pixelsPerSecond_;
  QScrollBar* h = horizontalScrollBar();
  h->setRange(0, static_cast<int>(std::max(0.0, std::ceil(total - plot.width()))));
  h->setPageStep(std::max(1, static_cast<int>(plot.width())));
  h->setValue(static_cast<int>(std::lround((viewStart_ - dataStart_) * pixelsPerSecond_)));
  const int content = timeline_ ? static_cast<int>(timeline_->runs.size()) * kLaneHeight : 0;
  QScrollBar* v = verticalScrollBar();
  v->setRange(0, std::max(0, content - static_cast<int>(plot.height())));
  v->setPageStep(std::max(1, static_cast<int>(plot.height())));
  v->setValue(verticalOffset_);
  syncing_ = false;
}

void TimelineWidget::scrollContentsBy(int, int) {
  if (syncing_) return;
  viewStart_ = dataStart_ + horizontalScrollBar()->value() / pixelsPerSecond_;
  verticalOffset_ = verticalScrollBar()->value();
  clampView();
  viewChanged();
}

void TimelineWidget::viewChanged() {
  viewport()->update();
  emit visibleRangeChanged(visibleStart(), visibleEnd());
}

void TimelineWidget::selectRun(std::int64_t runId) {
  const auto index = indexOf(runId);
  if (!index || selected_ == runId) return;
  selected_ = runId;
  ensureLaneVisible(*index);
  viewport()->update();
  emit selectedRunChanged(runId);
}

void TimelineWidget::ensureLaneVisible(std::size_t index) {
  const QRectF plot = plotRect();
  const int top = static_cast<int>(index) * kLaneHeight;
  if (top < verticalOffset_) {
    verticalOffset_ = top;
  } else if (top + kLaneHeight > verticalOffset_ + plot.height()) {
    verticalOffset_ = top + kLaneHeight - static_cast<int>(plot.height());
  }
  // Bring the run's span into the time range when it is entirely outside.
  const TimelineRun& lane = timeline_->runs[index];
  const double start = secondsOf(lane.start), end = secondsOf(shownEnd(lane.end, lane.inProgress));
  const double visible = plot.width() / pixelsPerSecond_;
  if (end < viewStart_ || start > viewStart_ + visible) viewStart_ = (start + end) / 2 - visible / 2;
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::moveSelection(int delta) {
  if (!timeline_ || timeline_->runs.empty()) return;
  const auto current = selected_ ? indexOf(*selected_) : std::nullopt;
  const int last = static_cast<int>(timeline_->runs.size()) - 1;
  const int next = current ? std::clamp(static_cast<int>(*current) + delta, 0, last) : (delta < 0 ? last : 0);
  selectRun(timeline_->runs[static_cast<std::size_t>(next)].id);
}

void TimelineWidget::resizeEvent(QResizeEvent* event) {
  QAbstractScrollArea::resizeEvent(event);
  if (!fitted_ && timeline_ && !timeline_->runs.empty()) {
    zoomToFit();
    if (fitted_) verticalOffset_ = std::numeric_limits<int>::max();
  }
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::wheelEvent(QWheelEvent* event) {
  if (event->modifiers() & Qt::ControlModifier) {
    const double steps = event->angleDelta().y() / 120.0;
    zoomBy(std::pow(1.25, steps), event->position().x());
    event->accept();
    return;
  }
  if (event->modifiers() & Qt::ShiftModifier) {
    panBy(-event->angleDelta().y() / 2.0, 0);
    event->accept();
    return;
  }
  QAbstractScrollArea::wheelEvent(event);
}

void TimelineWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QAbstractScrollArea::mousePressEvent(event);
  if (const auto index = laneAt(event->position().y())) selectRun(timeline_->runs[*index].id);
  dragFrom_ = event->position();
  viewport()->setCursor(Qt::ClosedHandCursor);
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* event) {
  if (!dragFrom_) return QAbstractScrollArea::mouseMoveEvent(event);
  const QPointF delta = event->position() - *dragFrom_;
  dragFrom_ = event->position();
  panBy(-delta.x(), -delta.y());
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* event) {
  dragFrom_.reset();
  viewport()->unsetCursor();
  QAbstractScrollArea::mouseReleaseEvent(event);
}

void TimelineWidget::mouseDoubleClickEvent(QMouseEvent* event) {
  if (const auto index = laneAt(event->position().y())) emit runActivated(timeline_->runs[*index].id);
}

void TimelineWidget::keyPressEvent(QKeyEvent* event) {
  const QRectF plot = plotRect();
  switch (event->key()) {
    case Qt::Key_Up: moveSelection(-1); break;
    case Qt::Key_Down: moveSelection(1); break;
    case Qt::Key_PageUp: moveSelection(-std::max(1, static_cast<int>(plot.height()) / kLaneHeight)); break;
    case Qt::Key_PageDown: moveSelection(std::max(1, static_cast<int>(plot.height()) / kLaneHeight)); break;
    case Qt::Key_Home: moveSelection(-(1 << 30)); break;
    case Qt::Key_End: moveSelection(1 << 30); break;
    case Qt::Key_Left: panBy(-plot.width() / 8, 0); break;
    case Qt::Key_Right: panBy(plot.width() / 8, 0); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.5); break;
    case Qt::Key_Minus: zoomBy(1 / 1.5); break;
    case Qt::Key_0: zoomToFit(); break;
    case Qt::Key_Z:
      if (selected_) zoomToRun(*selected_);
      break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
      if (selected_) emit runActivated(*selected_);
      break;
    default: QAbstractScrollArea::keyPressEvent(event); return;
  }
  event->accept();
}

bool TimelineWidget::viewportEvent(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QString text = toolTipAt(help->pos());
    if (text.isEmpty()) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(help->globalPos(), text, viewport());
    }
    return true;
  }
  return QAbstractScrollArea::viewportEvent(event);
}

QString TimelineWidget::toolTipAt(const QPointF& pos) const {
  const auto index = laneAt(pos.y());
  if (!index) return {};
  const TimelineRun& lane = timeline_->runs[*index];
  for (int which = 0; which < static_cast<int>(kBadges.size()); ++which) {
    if (!badgeRectOf(*index, which).contains(pos)) continue;
    switch (which) {
      case 0: return tr("Rollback: a replay of a candidate older than the one live when the run started");
      case 1: return tr("Replay: dispatched by hand (workflow_dispatch), not promoted automatically");
      default: return tr("Re-run: attempt %1 of this run").arg(lane.attempt);
    }
  }
  if (pos.x() < kGutterWidth) {
    return tr("Run #%1 (id %2), attempt %3\n%4\nsha: %5\noutcome: %6")
        .arg(lane.runNumber)
        .arg(lane.id)
        .arg(lane.attempt)
        .arg(QString::fromStdString(lane.title),
             lane.sha ? QString::fromStdString(*lane.sha + " (" + std::string(describe(lane.shaSource)) + ")")
                      : tr("unknown — %1").arg(QString::fromStdString(lane.shaNote)),
             qs(lane.outcome()));
  }
  if (timeline_->live && timeline_->live->runId == lane.id && liveRectOf(*index).contains(pos)) {
    return tr("LIVE in production: %1 since %2 (deployment %3)")
        .arg(QString::fromStdString(timeline_->live->sha), timeText(timeline_->live->at))
        .arg(timeline_->live->deploymentId);
  }
  const double top = laneTop(*index);
  for (const StatusChange* marker : timeline_->statusesOf(lane)) {
    const StatusChange& status = *marker;
    const QPointF c(xOf(status.at), top + kPhaseTop + kPhaseHeight / 2);
    if (std::abs(pos.x() - c.x()) <= kMarkerSize / 2 + 1 && std::abs(pos.y() - c.y()) <= kMarkerSize / 2 + 1) {
      return tr("Deployment %1: %2 at %3%4")
          .arg(status.deploymentId)
          .arg(qs(status.state), timeText(status.at),
               status.description.empty() ? QString()
                                          : QStringLiteral("\n") + QString::fromStdString(status.description));
    }
  }
  for (const JobSpan& job : lane.jobs) {
    QRectF r = rectForJob(lane.id, job.id);
    if (r.isNull()) continue;
    if (r.width() < 4) r.adjust(-2, 0, 2, 0);
    if (!r.contains(pos)) continue;
    const auto seconds = job.seconds();
    return tr("%1: %2%3, %4 steps")
        .arg(qs(job.name), qs(job.conclusion.empty() ? job.status : job.conclusion),
             seconds ? tr(" after %1").arg(durationText(*seconds)) : QString())
        .arg(job.steps);
  }
  for (const TimelinePhase& phase : lane.phases) {
    const double left = xOf(phase.start), right = std::max(left + 3, xOf(shownEnd(phase.end, phase.open)));
    if (pos.x() >= left && pos.x() <= right) {
      const std::int64_t seconds = (shownEnd(phase.end, phase.open) - phase.start).count();
      return tr("%1 for %2%3")
          .arg(phaseExplanation(phase.kind), durationText(seconds), phase.open ? tr(" (still going)") : QString());
    }
  }
  return {};
}

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter painter(viewport());
  const QPalette& pal = palette();
  const QRect all = viewport()->rect();
  painter.fillRect(all, pal.color(QPalette::Base));
  const QRectF plot = plotRect();
  if (!timeline_ || timeline_->runs.empty()) {
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(all, Qt::AlignCenter, tr("No production runs in the window."));
    return;
  }
  // Only the lanes that intersect the viewport are painted.
  const std::size_t count = timeline_->runs.size();
  const auto first = static_cast<std::size_t>(std::max(0, verticalOffset_ / kLaneHeight));
  const std::size_t last =
      std::min(count, first + static_cast<std::size_t>(std::ceil(plot.height() / kLaneHeight)) + 1);
  painter.setFont(smallFont(font()));
  for (std::size_t i = first; i < last; ++i) {
    if (selected_ && timeline_->runs[i].id == *selected_) {
      QColor band = pal.color(QPalette::Highlight);
      band.setAlpha(60);
      painter.fillRect(laneRect(i), band);
    } else if (i % 2) {
      painter.fillRect(laneRect(i), pal.color(QPalette::AlternateBase));
    }
  }
  painter.save();
  painter.setClipRect(plot);
  if (now_ || timeline_) {
    const double x = xOf(now_.value_or(timeline_->now));
    painter.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
    painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
  }
  for (std::size_t i = first; i < last; ++i) paintLane(painter, i, plot);
  painter.restore();

  painter.fillRect(QRectF(0, kAxisHeight, kGutterWidth, plot.height()), pal.color(QPalette::Window));
  painter.save();
  painter.setClipRect(QRectF(0, kAxisHeight, kGutterWidth, plot.height()));
  for (std::size_t i = first; i < last; ++i) paintGutter(painter, i);
  painter.restore();
  painter.setPen(pal.color(QPalette::Mid));
  painter.drawLine(QPointF(kGutterWidth - 0.5, 0), QPointF(kGutterWidth - 0.5, all.height()));
  paintAxis(painter, plot);
  if (hasFocus() && selected_) {
    if (const auto index = indexOf(*selected_)) {
      painter.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
      painter.setBrush(Qt::NoBrush);
      painter.drawRect(laneRect(*index).adjusted(0.5, 0.5, -1.5, -1.5));
    }
  }
}

void TimelineWidget::paintAxis(QPainter& painter, const QRectF& plot) const {
  const QPalette& pal = palette();
  painter.fillRect(QRectF(0, 0, viewport()->width(), kAxisHeight), pal.color(QPalette::Window));
  painter.setPen(pal.color(QPalette::WindowText));
  painter.drawText(QRectF(6, 0, kGutterWidth - 12, kAxisHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   tr("Run · sha · outcome (UTC)"));
  std::int64_t step = kSteps.back();
  for (std::int64_t s : kSteps) {
    if (s * pixelsPerSecond_ >= 90) {
      step = s;
      break;
    }
  }
  const bool days = step >= 86400;
  const auto firstTick = static_cast<std::int64_t>(std::ceil(viewStart_ / static_cast<double>(step))) * step;
  const double end = viewStart_ + plot.width() / pixelsPerSecond_;
  painter.save();
  painter.setClipRect(QRectF(plot.left(), 0, plot.width(), kAxisHeight));
  for (std::int64_t t = firstTick; static_cast<double>(t) <= end; t += step) {
    const double x = xOfSeconds(static_cast<double>(t));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(QPointF(x, kAxisHeight - 6), QPointF(x, kAxisHeight));
    const QDateTime at = QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc());
    const bool midnight = t % 86400 == 0;
    const QString label = at.toString(days || midnight ? QStringLiteral("d MMM") : QStringLiteral("HH:mm"));
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(QRectF(x + 3, 0, 200, kAxisHeight - 4), Qt::AlignBottom | Qt::AlignLeft, label);
  }
  painter.restore();
  painter.setPen(pal.color(QPalette::Mid));
  painter.drawLine(QPointF(0, kAxisHeight - 0.5), QPointF(viewport()->width(), kAxisHeight - 0.5));
}

void TimelineWidget::paintLane(QPainter& painter, std::size_t index, const QRectF& plot) const {
  const QPalette& pal = palette();
  const TimelineRun& lane = timeline_->runs[index];
  const double top = laneTop(index);
  const double left = plot.left(), right = plot.right();
  const QFontMetricsF metrics(painter.font());
  const auto visibleSpan = [&](double a, double b) { return b >= left && a <= right; };

  // Phases: running filled, waiting outlined (dashed), queued hatched — drawn in that order.
  for (PhaseKind kind : {PhaseKind::Running, PhaseKind::Waiting, PhaseKind::Queued}) {
    for (const TimelinePhase& phase : lane.phases) {
      if (phase.kind != kind) continue;
      double a = xOf(phase.start), b = xOf(shownEnd(phase.end, phase.open));
      if (!visibleSpan(a, b)) continue;
      if (b - a < 3) b = a + 3;
      const QRectF r(a, top + kPhaseTop, b - a, kPhaseHeight);
      QColor text = pal.color(QPalette::Text);
      if (kind == PhaseKind::Running) {
        QColor fill = pal.color(QPalette::Mid);
        fill.setAlpha(110);
        painter.fillRect(r, fill);
        continue;
      }
      if (kind == PhaseKind::Queued) {
        QColor hatch = text;
        hatch.setAlpha(150);
        painter.fillRect(r, QBrush(hatch, Qt::BDiagPattern));
        painter.setPen(QPen(hatch, 1));
      } else {
        painter.fillRect(r, pal.color(QPalette::Base));
        painter.setPen(QPen(text, 1, Qt::DashLine));
      }
      painter.setBrush(Qt::NoBrush);
      painter.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5));
      const QString label =
          tr("%1 %2").arg(phaseWord(kind), durationText((shownEnd(phase.end, phase.open) - phase.start).count()));
      const QString letter = kind == PhaseKind::Queued ? tr("Q") : tr("W");
      const QString shown = metrics.horizontalAdvance(label) + 6 < r.width()    ? label
                            : metrics.horizontalAdvance(letter) + 4 < r.width() ? letter
                                                                                : QString();
      if (!shown.isEmpty()) {
        const QRectF textRect = metrics.boundingRect(shown).translated(0, 0);
        QRectF back(r.left() + 2, r.top() + 1, textRect.width() + 2, r.height() - 2);
        painter.fillRect(back, pal.color(QPalette::Base));
        painter.setPen(text);
        painter.drawText(back, Qt::AlignCenter, shown);
      } else if (r.right() + 2 < right) {
        // Too narrow at this zoom: name the phase beside it so it is not colour or hatch alone.
        painter.setPen(text);
        painter.drawText(QRectF(r.right() + 2, r.top() - 1, 60, r.height() + 2), Qt::AlignVCenter | Qt::AlignLeft,
                         letter);
      }
    }
  }

  // Job bars, coloured by conclusion, with a pattern and a glyph or name.
  for (const JobSpan& job : lane.jobs) {
    if (!job.startedAt) continue;
    double a = xOf(*job.startedAt);
    double b = job.completedAt ? xOf(*job.completedAt) : xOf(shownEnd(lane.end, true));
    if (!visibleSpan(a, b)) continue;
    if (b - a < 2) b = a + 2;
    const QRectF r(a, top + kJobTop, b - a, kJobHeight);
    const std::string_view conclusion = job.conclusion.empty() ? job.status : job.conclusion;
    const QColor fill = conclusionColor(conclusion, pal);
    painter.fillRect(r, fill);
    if (const Qt::BrushStyle overlay = conclusionOverlay(conclusion); overlay != Qt::NoBrush)
      painter.fillRect(r, QBrush(textOn(fill), overlay));
    if (r.width() > 14) {
      const QString glyph = conclusionGlyph(conclusion);
      const QString full = glyph + QLatin1Char(' ') + qs(job.name);
      const QString shown = metrics.horizontalAdvance(full) + 6 < r.width() ? full : glyph;
      const QRectF textRect(r.left() + 3, r.top(), r.width() - 4, r.height());
      painter.fillRect(QRectF(r.left() + 1, r.top() + 1, metrics.horizontalAdvance(shown) + 4, r.height() - 2), fill);
      painter.setPen(textOn(fill));
      painter.drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, shown);
    }
  }

  // Deployment statuses: success a diamond, failure/error a triangle, the rest a circle.
  painter.setRenderHint(QPainter::Antialiasing, true);
  const bool hasLive = timeline_->live && timeline_->live->runId == lane.id;
  for (const std::size_t deployment : lane.deployments) {
    for (const StatusChange& status : timeline_->deployments[deployment].statuses) {
      const double x = xOf(status.at);
      if (x < left - kMarkerSize || x > right + kMarkerSize) continue;
      const QPointF c(x, top + kPhaseTop + kPhaseHeight / 2);
      const double r = kMarkerSize / 2;
      painter.setPen(QPen(pal.color(QPalette::Text), 1));
      if (status.state == "success") {
        painter.setBrush(verdictColor(Verdict::Accepted, pal));
        paintDiamond(painter, c, r);
      } else if (isFailure(status.state)) {
        painter.setBrush(verdictColor(Verdict::Invalid, pal));
        paintTriangleDown(painter, c, r);
      } else {
        painter.setBrush(pal.color(QPalette::Base));
        painter.drawEllipse(c, r - 1, r - 1);
      }
      if (hasLive && status.statusId == timeline_->live->statusId) {
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(pal.color(QPalette::Highlight), 2));
        painter.drawEllipse(c, r + 2, r + 2);
      }
    }
  }
  painter.setRenderHint(QPainter::Antialiasing, false);
  if (hasLive) {
    const QRectF tag = liveRectOf(index);
    if (visibleSpan(tag.left(), tag.right())) {
      painter.setPen(QPen(pal.color(QPalette::HighlightedText), 1));
      painter.setBrush(pal.color(QPalette::Highlight));
      painter.drawRoundedRect(tag, 3, 3);
      QFont bold = painter.font();
      bold.setBold(true);
      painter.save();
      painter.setFont(bold);
      painter.drawText(tag, Qt::AlignCenter, tr("LIVE"));
      painter.restore();
    }
  }
}

void TimelineWidget::paintGutter(QPainter& painter, std::size_t index) const {
  const QPalette& pal = palette();
  const TimelineRun& lane = timeline_->runs[index];
  const double top = laneTop(index);
  const QFontMetricsF metrics(painter.font());
  const QString sha = lane.sha ? QString::fromStdString(lane.sha->substr(0, 10)) : tr("sha unknown");
  QString line = tr("#%1").arg(lane.runNumber);
  if (lane.attempt > 1) line += tr(" (attempt %1)").arg(lane.attempt);
  line += QStringLiteral("  ") + sha + QStringLiteral("  ") + conclusionGlyph(lane.outcome()) + QLatin1Char(' ') +
          qs(lane.outcome());
  painter.setPen(pal.color(QPalette::WindowText));
  painter.drawText(QRectF(6, top + 2, kGutterWidth - 12, 15), Qt::AlignVCenter | Qt::AlignLeft,
                   metrics.elidedText(line, Qt::ElideRight, kGutterWidth - 12));
  for (int which = 0; which < static_cast<int>(kBadges.size()); ++which) {
    const QRectF r = badgeRectOf(index, which);
    if (r.isNull()) continue;
    // Rollback stands out by a filled chip; replay and re-run are outlined. Always with the word.
    if (which == 0) {
      painter.setBrush(pal.color(QPalette::Highlight));
      painter.setPen(pal.color(QPalette::HighlightedText));
    } else {
      painter.setBrush(Qt::NoBrush);
      painter.setPen(pal.color(QPalette::WindowText));
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.drawText(r, Qt::AlignCenter, badgeText(which));
  }
  if (lane.inProgress) {
    double x = 6;
    for (int which = 0; which < static_cast<int>(kBadges.size()); ++which) {
      const QRectF r = badgeRectOf(index, which);
      if (!r.isNull()) x = r.right() + 4;
    }
    painter.setPen(pal.color(QPalette::Highlight));
    painter.drawText(QRectF(x, top + 18, kGutterWidth - x - 6, 13), Qt::AlignVCenter | Qt::AlignLeft,
                     tr("in progress"));
  }
}

}  // namespace releasedesk
