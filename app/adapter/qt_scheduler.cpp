#include "app/adapter/qt_scheduler.h"

#include <QTimer>

#include <algorithm>

namespace releasedesk {

std::chrono::system_clock::time_point QtScheduler::now() const {
  return std::chrono::system_clock::now();
}

void QtScheduler::post(std::chrono::milliseconds delay, std::function<void()> task) {
  // QTimer::singleShot queues even a zero delay, so the task never runs inside post().
  QTimer::singleShot(std::max(delay, std::chrono::milliseconds(0)), &context_, std::move(task));
}

}  // namespace releasedesk
