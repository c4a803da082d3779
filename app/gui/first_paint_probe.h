// Time from process start to a window's first paint, one definition for the desk and for the bare
// Qt window it is compared with (tests/benchmarks/first_paint.sh). Header-only, Qt Widgets.
#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QWidget>
#include <QWindow>

#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <utility>

namespace releasedesk::firstpaint {

// Milliseconds since this process started: its start time in /proc/self/stat (field 22, clock
// ticks since boot, taken at fork, so exec and dynamic loading count) against CLOCK_BOOTTIME, the
// clock it is read from. A tick is 10 ms (USER_HZ 100), so a value is late by 0 to 10 ms, alike
// for every program measured. -1 when /proc cannot be read.
inline double msSinceProcessStart() {
  std::ifstream file("/proc/self/stat");
  std::string stat;
  if (!std::getline(file, stat)) return -1;
  // Field 2, the command name, may hold spaces and parentheses: count from the last ')'.
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 1));
  std::string field;
  for (int number = 3; number <= 22; ++number) {
    if (!(fields >> field)) return -1;
  }
  const double startTicks = std::stod(field);
  timespec now{};
  if (clock_gettime(CLOCK_BOOTTIME, &now) != 0) return -1;
  const auto ticksPerSecond = static_cast<double>(sysconf(_SC_CLK_TCK));
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6 -
         startTicks * 1e3 / ticksPerSecond;
}

// Milliseconds of CPU used so far by the clock's subject: CLOCK_PROCESS_CPUTIME_ID for every thread
// of this process (steadier than the wall time on a loaded machine), CLOCK_THREAD_CPUTIME_ID for
// the calling thread (on the main thread, the critical path to a paint, without work other threads
// do beside it). -1 when the clock cannot be read.
inline double cpuMs(clockid_t clock) {
  timespec used{};
  if (clock_gettime(clock, &used) != 0) return -1;
  return static_cast<double>(used.tv_sec) * 1e3 + static_cast<double>(used.tv_nsec) / 1e6;
}

// Watches every event of the application (install it with QCoreApplication::installEventFilter).
// The first window shown is handed to `windowShown`, which calls arm() when what it waits for is
// on screen (at once for a bare window). The first paint of that window (or of the widget named
// to arm()) after arm() is reported once its whole frame has been painted and flushed: when the
// frame event it was painted in (the window's update request or expose, which the probe delivers
// itself once armed) returns, before anything queued behind it. The lines "first-paint-ms=N",
// "first-paint-cpu-ms=N" (every thread) and "first-paint-main-cpu-ms=N" (the main thread, which
// delivers the frame) go to stderr, then the event loop quits.
class Probe final : public QObject {
 public:
  explicit Probe(std::function<void(QWidget& window, Probe& probe)> windowShown, QObject* parent = nullptr)
      : QObject(parent), windowShown_(std::move(windowShown)) {}

  // Counts the next paint of the window, or only of `widget` (a widget in it) when one is given.
  void arm(QWidget* widget = nullptr) {
    armed_ = true;
    widget_ = widget;
  }

  // Says why there is no measurement and ends the event loop with `exitCode`.
  static void fail(const char* why, int exitCode = 1) {
    std::fprintf(stderr, "first-paint: %s\n", why);
    std::fflush(stderr);
    QCoreApplication::exit(exitCode);
  }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (reported_) return false;
    if (event->type() == QEvent::Show && window_.isNull() && watched->isWidgetType()) {
      auto* widget = static_cast<QWidget*>(watched);
      if (widget->isWindow()) {
        window_ = widget;
        windowShown_(*widget, *this);
      }
    } else if (armed_ && !inFrame_ && isFrameEvent(watched, event)) {
      // A frame of the window: painted and flushed inside this event. Delivered here, so the time
      // is taken the moment it ends, before anything queued behind it.
      inFrame_ = true;
      watched->event(event);
      inFrame_ = false;
      if (painted_) report();
      return true;
    } else if (event->type() == QEvent::Paint && armed_ && !window_.isNull() && watched->isWidgetType() &&
               static_cast<QWidget*>(watched)->window() == window_ && (widget_.isNull() || watched == widget_)) {
      painted_ = true;
      // Painted outside a frame event (QWidget::repaint()): reported once the paint has returned.
      if (!inFrame_)
        QMetaObject::invokeMethod(
            this, [this] { report(); }, Qt::QueuedConnection);
    }
    return false;
  }

 private:
  // The events in which Qt paints and flushes the window: an update request to the window or to
  // its native window, and an expose of the native window.
  bool isFrameEvent(QObject* watched, QEvent* event) const {
    if (window_.isNull()) return false;
    const bool toWindow = watched == window_.data() || watched == window_->windowHandle();
    return toWindow && (event->type() == QEvent::UpdateRequest || event->type() == QEvent::Expose);
  }

  void report() {
    if (std::exchange(reported_, true)) return;
    const double ms = msSinceProcessStart();
    std::fprintf(stderr, "first-paint-ms=%.0f\nfirst-paint-cpu-ms=%.0f\nfirst-paint-main-cpu-ms=%.0f\n", ms,
                 cpuMs(CLOCK_PROCESS_CPUTIME_ID), cpuMs(CLOCK_THREAD_CPUTIME_ID));
    std::fflush(stderr);
    QCoreApplication::exit(0);
  }

  std::function<void(QWidget&, Probe&)> windowShown_;
  QPointer<QWidget> window_;
  QPointer<QWidget> widget_;
  bool armed_ = false;
  bool inFrame_ = false;
  bool painted_ = false;
  bool reported_ = false;
};

}  // namespace releasedesk::firstpaint
