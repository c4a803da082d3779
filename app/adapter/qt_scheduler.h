// The core's Scheduler over Qt's event loop: QTimer for deferred work, the system clock for now().
#pragma once

#include "core/github/transport.h"

#include <QObject>

#include <chrono>
#include <functional>

namespace releasedesk {

// Thread: tasks run on the thread that created the scheduler, from its event loop, never inside
// post(). Tasks still waiting when the scheduler is destroyed are dropped, not run.
class QtScheduler final : public Scheduler {
 public:
  QtScheduler() = default;
  // A clock that runs `rate` times faster than the system clock from `origin` on (delays shrink
  // by the same factor). Only the sandbox uses it, to let a demo or test watch runs finish quickly.
  QtScheduler(double rate, std::chrono::system_clock::time_point origin);
  QtScheduler(const QtScheduler&) = delete;
  QtScheduler& operator=(const QtScheduler&) = delete;

  std::chrono::system_clock::time_point now() const override;
  // A negative delay counts as zero.
  void post(std::chrono::milliseconds delay, std::function<void()> task) override;

 private:
  // The timers' context: destroying it cancels every pending task.
  QObject context_;
  double rate_ = 1.0;
  std::chrono::system_clock::time_point origin_ = std::chrono::system_clock::now();
};

}  // namespace releasedesk
