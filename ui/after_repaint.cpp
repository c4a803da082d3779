// Work queued behind the pending repaint.
#include "ui/after_repaint.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QPointer>
#include <QTimerEvent>
#include <QWidget>
#include <QWindow>

namespace releasedesk {
namespace {

// How long a task waits for a window that was shown but has not reached the screen (minimized,
// or a slow display server) before it runs anyway.
constexpr int kExposedAtLatestMs = 1000;

// The native window of `context`'s window when it is shown but not on screen yet: it paints when
// the display server exposes it, not at a posted repaint. Null otherwise (not a widget, never
// shown, rendered off screen, or already on screen).
QWindow* windowOnItsWayToTheScreen(QObject* context) {
  if (!context->isWidgetType()) return nullptr;
  QWindow* window = static_cast<QWidget*>(context)->window()->windowHandle();
  return window != nullptr && window->isVisible() && !window->isExposed() ? window : nullptr;
}

// A child of the context, so the task goes with it; it deletes itself when it has run.
class RepaintFollower final : public QObject {
 public:
  RepaintFollower(QObject* context, std::function<void()> task) : QObject(context), task_(std::move(task)) {}

  // Same priority as the repaint (QWidgetRepaintManager posts UpdateRequest low), and after it.
  void post() { QCoreApplication::postEvent(this, new QEvent(eventType()), Qt::LowEventPriority); }

  // Posts once `window` is exposed, behind the paint the expose brings, or when it is hidden
  // again, or after kExposedAtLatestMs at the latest.
  void postOnceExposed(QWindow* window) {
    window_ = window;
    window->installEventFilter(this);
    timer_ = startTimer(kExposedAtLatestMs);
  }

 protected:
  bool event(QEvent* event) override {
    if (event->type() != eventType()) return QObject::event(event);
    const std::function<void()> task = std::move(task_);
    deleteLater();
    task();
    return true;
  }

  bool eventFilter(QObject* watched, QEvent* event) override {
    // Qt marks the window exposed before it delivers the event, and paints inside it: what is
    // posted now runs after that paint.
    if (watched == window_ &&
        ((event->type() == QEvent::Expose && window_->isExposed()) || event->type() == QEvent::Hide))
      stopWaiting();
    return false;
  }

  void timerEvent(QTimerEvent* event) override {
    if (event->timerId() == timer_) stopWaiting();
  }

 private:
  static QEvent::Type eventType() {
    static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
    return type;
  }

  void stopWaiting() {
    if (window_) window_->removeEventFilter(this);
    window_ = nullptr;
    if (timer_ != 0) killTimer(timer_);
    timer_ = 0;
    post();
  }

  std::function<void()> task_;
  QPointer<QWindow> window_;
  int timer_ = 0;
};

}  // namespace

void runAfterPendingRepaint(QObject* context, std::function<void()> task) {
  auto* follower = new RepaintFollower(context, std::move(task));
  if (QWindow* window = windowOnItsWayToTheScreen(context)) {
    follower->postOnceExposed(window);
  } else {
    follower->post();
  }
}

}  // namespace releasedesk
