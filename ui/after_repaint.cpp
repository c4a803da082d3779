// Work queued behind the pending repaint.
#include "ui/after_repaint.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>

namespace releasedesk {
namespace {

// A child of the context, so the task goes with it; it deletes itself when it has run.
class RepaintFollower final : public QObject {
 public:
  RepaintFollower(QObject* context, std::function<void()> task) : QObject(context), task_(std::move(task)) {}

  static QEvent::Type eventType() {
    static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
    return type;
  }

 protected:
  bool event(QEvent* event) override {
    if (event->type() != eventType()) return QObject::event(event);
    const std::function<void()> task = std::move(task_);
    deleteLater();
    task();
    return true;
  }

 private:
  std::function<void()> task_;
};

}  // namespace

void runAfterPendingRepaint(QObject* context, std::function<void()> task) {
  auto* follower = new RepaintFollower(context, std::move(task));
  // Same priority as the repaint (QWidgetRepaintManager posts UpdateRequest low), and after it.
  QCoreApplication::postEvent(follower, new QEvent(RepaintFollower::eventType()), Qt::LowEventPriority);
}

}  // namespace releasedesk
