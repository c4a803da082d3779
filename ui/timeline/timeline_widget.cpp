// Painting, geometry, zoom/pan and keyboard handling of the deployment timeline.
#include "ui/timeline/timeline_widget.h"

#include "core/timeline/durations.h"

#include "ui/status_icons.h"
#include "ui/time_text.h"

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
#include <cmath>

namespace releasedesk {
namespace {

using Badge = TimelineGeometry::Badge;
using Hit = TimelineGeometry::Hit;
constexpr int kLaneHeight = TimelineGeometry::kLaneHeight;
constexpr int kAxisHeight = TimelineGeometry::kAxisHeight;
constexpr int kGutterWidth = TimelineGeometry::kGutterWidth;
constexpr double kMarkerSize = TimelineGeometry::kMarkerSize;
constexpr double kMaxPixelsPerSecond = 2.0;

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
  return timetext::dateTime(t);
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
  return inProgressColor(palette);  // not completed yet
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

QString badgeText(Badge badge) {
  switch (badge) {
    case Badge::Rollback: return TimelineWidget::tr("rollback");
    case Badge::Replay: return TimelineWidget::tr("replay");
    case Badge::Rerun: return TimelineWidget::tr("re-run");
  }
  return {};
}

QString phaseWord(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::Queued: return TimelineWidget::tr("queued");
    case PhaseKind::Waiting: return TimelineWidget::tr("waiting");
    case PhaseKind::Running: return TimelineWidget::tr("running");
    case PhaseKind::Runner: return TimelineWidget::tr("runner");
  }
  return {};
}

QString phaseExplanation(PhaseKind kind) {
  switch (kind) {
    case PhaseKind::Queued: return TimelineWidget::tr("queued behind the production-mutation lock");
    case PhaseKind::Waiting: return TimelineWidget::tr("waiting for approval of the production environment");
    case PhaseKind::Running: return TimelineWidget::tr("running");
    case PhaseKind::Runner: return TimelineWidget::tr("waiting for a runner (no lock held)");
  }
  return {};
}

QFont smallFont(const QFont& base) {
  QFont font = base;
  font.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.82));
  return font;
}

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
  if (selected_ && !geometry().laneOf(*selected_)) selected_.reset();
  if (!fitted_) {
    showDefaultRange();
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
  return geometry().visibleStart();
}

TimePoint TimelineWidget::visibleEnd() const {
  return geometry().visibleEnd();
}

TimelineGeometry TimelineWidget::geometry() const {
  const QFontMetricsF metrics(smallFont(font()));
  TimelineGeometry::TextWidths text;
  text.liveTag = metrics.horizontalAdvance(tr("LIVE"));
  for (std::size_t b = 0; b < TimelineGeometry::kBadges.size(); ++b)
    text.badges[b] = metrics.horizontalAdvance(badgeText(TimelineGeometry::kBadges[b]));
  return TimelineGeometry(timeline_, {viewport()->size(), viewStart_, pixelsPerSecond_, verticalOffset_, now_}, text);
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

void TimelineWidget::showDefaultRange() {
  const QRectF plot = plotRect();
  if (plot.width() <= 0 || dataEnd_ <= dataStart_) return;
  const auto span = static_cast<double>(kDefaultSpanSeconds);
  if (dataEnd_ - dataStart_ <= span) {
    zoomToFit();
    return;
  }
  // Months of history fitted into one width are slivers: start on the last two weeks.
  pixelsPerSecond_ = std::min(kMaxPixelsPerSecond, plot.width() / span);
  viewStart_ = dataEnd_ - span;
  fitted_ = true;
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::zoomToRun(std::int64_t runId) {
  const TimelineGeometry geometry = this->geometry();
  const auto index = geometry.laneOf(runId);
  if (!index) return;
  const TimelineRun& lane = timeline_->runs[*index];
  const double start = secondsOf(lane.start), end = secondsOf(geometry.shownEnd(lane.end, lane.inProgress));
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
  const auto index = geometry().laneOf(runId);
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
  const double start = secondsOf(lane.start), end = secondsOf(geometry().shownEnd(lane.end, lane.inProgress));
  const double visible = plot.width() / pixelsPerSecond_;
  if (end < viewStart_ || start > viewStart_ + visible) viewStart_ = (start + end) / 2 - visible / 2;
  clampView();
  syncScrollBars();
  viewChanged();
}

void TimelineWidget::moveSelection(int delta) {
  if (!timeline_ || timeline_->runs.empty()) return;
  const auto current = selected_ ? geometry().laneOf(*selected_) : std::nullopt;
  const int last = static_cast<int>(timeline_->runs.size()) - 1;
  const int next = current ? std::clamp(static_cast<int>(*current) + delta, 0, last) : (delta < 0 ? last : 0);
  selectRun(timeline_->runs[static_cast<std::size_t>(next)].id);
}

void TimelineWidget::resizeEvent(QResizeEvent* event) {
  // A view that showed the newest time (or the newest lanes) keeps showing them as the window
  // grows or shrinks, instead of staying anchored to the left (or top) edge.
  const bool atNewestTime =
      fitted_ && lastPlot_.width() > 0 && viewStart_ + lastPlot_.width() / pixelsPerSecond_ >= dataEnd_ - 1;
  const int content = timeline_ ? static_cast<int>(timeline_->runs.size()) * kLaneHeight : 0;
  const bool atNewestLanes = fitted_ && verticalOffset_ >= content - static_cast<int>(lastPlot_.height()) - 1;
  QAbstractScrollArea::resizeEvent(event);
  lastPlot_ = plotRect().size();
  if (!fitted_ && timeline_ && !timeline_->runs.empty()) {
    showDefaultRange();
    if (fitted_) verticalOffset_ = std::numeric_limits<int>::max();
  } else {
    if (atNewestTime) viewStart_ = dataEnd_ - plotRect().width() / pixelsPerSecond_;
    if (atNewestLanes) verticalOffset_ = std::numeric_limits<int>::max();
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
  if (const auto index = geometry().laneAt(event->position().y())) selectRun(timeline_->runs[*index].id);
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
  if (const auto index = geometry().laneAt(event->position().y())) emit runActivated(timeline_->runs[*index].id);
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
  const Hit hit = geometry().hitAt(pos);
  if (hit.kind == Hit::Kind::Nothing) return {};
  const TimelineRun& lane = *hit.run;
  switch (hit.kind) {
    case Hit::Kind::Nothing: return {};
    case Hit::Kind::Badge:
      switch (hit.badge) {
        case Badge::Rollback:
          return tr("Rollback: a replay of a candidate older than the one live when the run started");
        case Badge::Replay: return tr("Replay: dispatched by hand (workflow_dispatch), not promoted automatically");
        case Badge::Rerun: return tr("Re-run: attempt %1 of this run").arg(lane.attempt);
      }
      return {};
    case Hit::Kind::Gutter:
      return tr("Run #%1 (id %2), attempt %3\n%4\nsha: %5\noutcome: %6")
          .arg(lane.runNumber)
          .arg(lane.id)
          .arg(lane.attempt)
          .arg(QString::fromStdString(lane.title),
               lane.sha ? QString::fromStdString(*lane.sha + " (" + std::string(describe(lane.shaSource)) + ")")
                        : tr("unknown — %1").arg(QString::fromStdString(lane.shaNote)),
               qs(lane.outcome()));
    case Hit::Kind::LiveTag:
      return tr("LIVE in production: %1 since %2 (deployment %3)")
          .arg(QString::fromStdString(timeline_->live->sha), timeText(timeline_->live->at))
          .arg(timeline_->live->deploymentId);
    case Hit::Kind::Status: {
      const StatusChange& status = *hit.status;
      return tr("Deployment %1: %2 at %3%4")
          .arg(status.deploymentId)
          .arg(qs(status.state), timeText(status.at),
               status.description.empty() ? QString()
                                          : QStringLiteral("\n") + QString::fromStdString(status.description));
    }
    case Hit::Kind::Job: {
      const JobSpan& job = *hit.job;
      const auto seconds = job.seconds();
      return tr("%1: %2%3, %4 steps")
          .arg(qs(job.name), qs(job.conclusion.empty() ? job.status : job.conclusion),
               seconds ? tr(" after %1").arg(durationText(*seconds)) : QString())
          .arg(job.steps);
    }
    case Hit::Kind::Phase: {
      const TimelinePhase& phase = *hit.phase;
      const std::int64_t seconds = (geometry().shownEnd(phase.end, phase.open) - phase.start).count();
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
  if (!timeline_ || timeline_->runs.empty()) {
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(all, Qt::AlignCenter, tr("No production runs in the window."));
    return;
  }
  const TimelineGeometry geometry = this->geometry();
  const QRectF plot = geometry.plotRect();
  // Only the lanes that intersect the viewport are painted.
  const auto [first, last] = geometry.visibleLanes();
  painter.setFont(smallFont(font()));
  for (std::size_t i = first; i < last; ++i) {
    if (selected_ && timeline_->runs[i].id == *selected_) {
      QColor band = pal.color(QPalette::Highlight);
      band.setAlpha(60);
      painter.fillRect(geometry.laneRect(i), band);
    } else if (i % 2) {
      painter.fillRect(geometry.laneRect(i), pal.color(QPalette::AlternateBase));
    }
  }
  painter.save();
  painter.setClipRect(plot);
  const double nowX = geometry.nowX();
  painter.setPen(QPen(inProgressColor(pal), 1, Qt::DashLine));
  painter.drawLine(QPointF(nowX, plot.top()), QPointF(nowX, plot.bottom()));
  for (std::size_t i = first; i < last; ++i) paintLane(painter, geometry, i);
  painter.restore();

  const QRectF gutter = geometry.gutterRect();
  painter.fillRect(gutter, pal.color(QPalette::Window));
  painter.save();
  painter.setClipRect(gutter);
  for (std::size_t i = first; i < last; ++i) paintGutter(painter, geometry, i);
  painter.restore();
  painter.setPen(pal.color(QPalette::Mid));
  painter.drawLine(QPointF(kGutterWidth - 0.5, 0), QPointF(kGutterWidth - 0.5, all.height()));
  paintAxis(painter, geometry);
  if (hasFocus() && selected_) {
    if (const auto index = geometry.laneOf(*selected_)) {
      painter.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
      painter.setBrush(Qt::NoBrush);
      painter.drawRect(geometry.laneRect(*index).adjusted(0.5, 0.5, -1.5, -1.5));
    }
  }
}

void TimelineWidget::paintAxis(QPainter& painter, const TimelineGeometry& geometry) const {
  const QPalette& pal = palette();
  const QRectF plot = geometry.plotRect();
  painter.fillRect(geometry.axisRect(), pal.color(QPalette::Window));
  painter.setPen(pal.color(QPalette::WindowText));
  painter.drawText(QRectF(6, 0, kGutterWidth - 12, kAxisHeight), Qt::AlignVCenter | Qt::AlignLeft,
                   tr("Run · sha · outcome (%1)").arg(timetext::zoneName()));
  const std::int64_t step = geometry.tickStep();
  const bool days = step >= 86400;
  const auto firstTick = static_cast<std::int64_t>(std::ceil(viewStart_ / static_cast<double>(step))) * step;
  const double end = viewStart_ + plot.width() / pixelsPerSecond_;
  painter.save();
  painter.setClipRect(QRectF(plot.left(), 0, plot.width(), kAxisHeight));
  for (std::int64_t t = firstTick; static_cast<double>(t) <= end; t += step) {
    const double x = geometry.xOfSeconds(static_cast<double>(t));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(QPointF(x, kAxisHeight - 6), QPointF(x, kAxisHeight));
    const QDateTime at = timetext::shown(TimePoint(std::chrono::seconds(t)));
    const bool midnight = at.time().hour() == 0 && at.time().minute() == 0;
    const QString label = at.toString(days || midnight ? QStringLiteral("d MMM") : QStringLiteral("HH:mm"));
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(QRectF(x + 3, 0, 200, kAxisHeight - 4), Qt::AlignBottom | Qt::AlignLeft, label);
  }
  painter.restore();
  painter.setPen(pal.color(QPalette::Mid));
  painter.drawLine(QPointF(0, kAxisHeight - 0.5), QPointF(viewport()->width(), kAxisHeight - 0.5));
}

void TimelineWidget::paintLane(QPainter& painter, const TimelineGeometry& geometry, std::size_t index) const {
  const QPalette& pal = palette();
  const TimelineRun& lane = timeline_->runs[index];
  const QRectF plot = geometry.plotRect();
  const double left = plot.left(), right = plot.right();
  const QFontMetricsF metrics(painter.font());
  const auto visibleSpan = [&](const QRectF& r) { return r.right() >= left && r.left() <= right; };

  // Phases: running filled, waiting for a runner lightly filled, waiting outlined (dashed), queued
  // hatched — drawn in that order.
  for (PhaseKind kind : {PhaseKind::Running, PhaseKind::Runner, PhaseKind::Waiting, PhaseKind::Queued}) {
    for (const TimelinePhase& phase : lane.phases) {
      if (phase.kind != kind) continue;
      QRectF r = geometry.phaseRect(index, phase);
      if (!visibleSpan(r)) continue;
      if (r.width() < 3) r.setWidth(3);
      QColor text = pal.color(QPalette::Text);
      if (kind == PhaseKind::Running) {
        QColor fill = pal.color(QPalette::Mid);
        fill.setAlpha(110);
        painter.fillRect(r, fill);
        continue;
      }
      if (kind == PhaseKind::Runner) {
        QColor fill = pal.color(QPalette::Mid);
        fill.setAlpha(45);
        painter.fillRect(r, fill);
        painter.setPen(QPen(text, 1, Qt::DotLine));
        painter.drawLine(r.bottomLeft(), r.bottomRight());
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
      const QString label = tr("%1 %2").arg(
          phaseWord(kind), durationText((geometry.shownEnd(phase.end, phase.open) - phase.start).count()));
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
    QRectF r = geometry.jobRect(index, job);
    if (r.isNull() || !visibleSpan(r)) continue;
    if (r.width() < 2) r.setWidth(2);
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
      const QPointF c = geometry.statusCentre(index, status);
      if (c.x() < left - kMarkerSize || c.x() > right + kMarkerSize) continue;
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
    const QRectF tag = geometry.liveTagRect(index);
    if (visibleSpan(tag)) {
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

void TimelineWidget::paintGutter(QPainter& painter, const TimelineGeometry& geometry, std::size_t index) const {
  const QPalette& pal = palette();
  const TimelineRun& lane = timeline_->runs[index];
  const double top = geometry.laneTop(index);
  const QFontMetricsF metrics(painter.font());
  const QString sha = lane.sha ? QString::fromStdString(lane.sha->substr(0, 10)) : tr("sha unknown");
  QString line = tr("#%1").arg(lane.runNumber);
  if (lane.attempt > 1) line += tr(" (attempt %1)").arg(lane.attempt);
  line += QStringLiteral("  ") + sha + QStringLiteral("  ") + conclusionGlyph(lane.outcome()) + QLatin1Char(' ') +
          qs(lane.outcome());
  painter.setPen(pal.color(QPalette::WindowText));
  painter.drawText(QRectF(6, top + 2, kGutterWidth - 12, 15), Qt::AlignVCenter | Qt::AlignLeft,
                   metrics.elidedText(line, Qt::ElideRight, kGutterWidth - 12));
  for (const Badge badge : TimelineGeometry::kBadges) {
    const QRectF r = geometry.badgeRect(index, badge);
    if (r.isNull()) continue;
    // Rollback stands out by a filled chip; replay and re-run are outlined. Always with the word.
    if (badge == Badge::Rollback) {
      painter.setBrush(pal.color(QPalette::Highlight));
      painter.setPen(pal.color(QPalette::HighlightedText));
    } else {
      painter.setBrush(Qt::NoBrush);
      painter.setPen(pal.color(QPalette::WindowText));
    }
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.drawText(r, Qt::AlignCenter, badgeText(badge));
  }
  if (lane.inProgress) {
    double x = 6;
    for (const Badge badge : TimelineGeometry::kBadges) {
      const QRectF r = geometry.badgeRect(index, badge);
      if (!r.isNull()) x = r.right() + 4;
    }
    painter.setPen(inProgressColor(pal, QPalette::Window));
    painter.drawText(QRectF(x, top + 18, kGutterWidth - x - 6, 13), Qt::AlignVCenter | Qt::AlignLeft,
                     tr("in progress"));
  }
}

}  // namespace releasedesk
