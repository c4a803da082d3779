// Work that can wait until the window has painted what is already on it.
#pragma once

#include <functional>

class QObject;

namespace releasedesk {

// Runs `task` on `context`'s thread once the events queued so far have been handled, the
// window's pending repaint among them, and never when `context` is gone by then. Qt queues a
// repaint at low priority, behind every other posted event, so QTimer::singleShot(0, ...) and
// queued calls would run (and post their own work) before the screen shows the change. When
// `context` is a widget whose window was shown but is not on screen yet, there is no repaint to
// queue behind: the window paints when the display server exposes it, so the task waits for that
// (or for the window to be hidden again, or a second at the latest).
void runAfterPendingRepaint(QObject* context, std::function<void()> task);

}  // namespace releasedesk
