#include "app/adapter/qt_scheduler.h"

#include <QTimer>

#include <algorithm>
#include <cstdint>

namespace releasedesk {

QtScheduler::QtScheduler(double rate, std::chrono::system_clock::time_point origin)
    : rate_(rate > 0 ? rate : 1.0), origin_(origin) {}

std::chrono::system_clock::time_point QtScheduler::now() const {
  const auto real = std::chrono::system_clock::now();
  if (rate_ == 1.0) return real;
  return origin_ + std::chrono::duration_cast<std::chrono::system_clock::duration>((real - origin_) * rate_);
}

void QtScheduler::post(std::chrono::milliseconds delay, std::function<void()> task) {
  // QTimer::singleShot queues even a zero delay, so the task never runs inside post().
  if (rate_ != 1.0)
    delay = std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(delay.count()) / rate_));
  QTimer::singleShot(std::max(delay, std::chrono::milliseconds(0)), &context_, std::move(task));
}

}  // namespace releasedesk
