// Work that can wait until the window has painted what is already on it.
#pragma once

#include <functional>

class QObject;

namespace releasedesk {

// Runs `task` on `context`'s thread once the events queued so far have been handled, the
// window's pending repaint among them, and never when `context` is gone by then. Qt queues a
// repaint at low priority, behind every other posted event, so QTimer::singleShot(0, ...) and
// queued calls would run (and post their own work) before the screen shows the change.
void runAfterPendingRepaint(QObject* context, std::function<void()> task);

}  // namespace releasedesk
