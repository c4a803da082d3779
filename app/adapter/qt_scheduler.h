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
  QtScheduler(const QtScheduler&) = delete;
  QtScheduler& operator=(const QtScheduler&) = delete;

  std::chrono::system_clock::time_point now() const override;
  // A negative delay counts as zero.
  void post(std::chrono::milliseconds delay, std::function<void()> task) override;

 private:
  // The timers' context: destroying it cancels every pending task.
  QObject context_;
};

}  // namespace releasedesk
