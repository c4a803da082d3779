// Work queued behind the window's repaint (ui/after_repaint.h): it runs once what is on the window
// has been painted, also when the window is not on screen yet, and never waits forever.
#include "ui/after_repaint.h"

#include <QPointer>
#include <QTest>
#include <QWidget>
#include <QWindow>

using namespace releasedesk;

namespace {

// Counts its paints.
class CountingWidget final : public QWidget {
 public:
  int paints = 0;

 protected:
  void paintEvent(QPaintEvent* /*event*/) override { ++paints; }
};

// Keeps every expose from one window, as a display server that never shows it would.
class NoExposure final : public QObject {
 public:
  explicit NoExposure(QWindow* window) : window_(window) {}
  int swallowed = 0;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (watched != window_ || event->type() != QEvent::Expose) return false;
    ++swallowed;
    return true;
  }

 private:
  QWindow* window_;
};

}  // namespace

class TestAfterRepaint : public QObject {
  Q_OBJECT

 private slots:
  void aShownWindowPaintsBeforeTheTaskRuns() {
    CountingWidget window;
    window.resize(200, 100);
    window.show();
    // The platform says the window is on screen from the event loop, not inside show().
    QVERIFY(window.windowHandle() != nullptr);
    QVERIFY(!window.windowHandle()->isExposed());

    int paintsWhenRun = -1;
    runAfterPendingRepaint(&window, [&] { paintsWhenRun = window.paints; });
    QTRY_VERIFY(paintsWhenRun >= 0);
    QVERIFY2(paintsWhenRun > 0, "the task ran before the window's first paint");
  }

  void aWindowOnScreenRunsTheTaskAfterItsRepaint() {
    CountingWidget window;
    window.resize(200, 100);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.paints > 0);

    const int before = window.paints;
    window.update();
    int paintsWhenRun = -1;
    runAfterPendingRepaint(&window, [&] { paintsWhenRun = window.paints; });
    QTRY_VERIFY(paintsWhenRun >= 0);
    QCOMPARE(paintsWhenRun, before + 1);
  }

  void aWindowNeverShownDoesNotHoldTheTask() {
    CountingWidget window;
    bool ran = false;
    runAfterPendingRepaint(&window, [&] { ran = true; });
    QTRY_VERIFY(ran);
  }

  void aWindowRenderedOffScreenDoesNotHoldTheTask() {
    // As --screenshot renders it: shown, but never on a screen.
    CountingWidget window;
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.show();
    bool ran = false;
    runAfterPendingRepaint(&window, [&] { ran = true; });
    QTRY_VERIFY(ran);
  }

  void aWindowHiddenBeforeItReachedTheScreenDoesNotHoldTheTask() {
    CountingWidget window;
    window.show();
    QVERIFY(!window.windowHandle()->isExposed());
    bool ran = false;
    runAfterPendingRepaint(&window, [&] { ran = true; });
    window.hide();
    QTRY_VERIFY(ran);
  }

  void aWindowThatNeverReachesTheScreenHoldsTheTaskOnlyForASecond() {
    // The display server never exposes it (minimized, say): here its exposes are swallowed.
    CountingWidget window;
    window.show();
    QWindow* native = window.windowHandle();
    NoExposure swallow(native);
    QCoreApplication::instance()->installEventFilter(&swallow);
    int paintsWhenRun = -1;
    runAfterPendingRepaint(&window, [&] { paintsWhenRun = window.paints; });
    QTRY_VERIFY_WITH_TIMEOUT(paintsWhenRun >= 0, 5000);
    QCOMPARE(paintsWhenRun, 0);
    QVERIFY(swallow.swallowed > 0);
  }

  void theTaskGoesWithItsContext() {
    auto* window = new CountingWidget;
    bool ran = false;
    runAfterPendingRepaint(window, [&] { ran = true; });
    delete window;
    // What was queued for it is handled (and dropped) here.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(!ran);
  }
};

QTEST_MAIN(TestAfterRepaint)
#include "after_repaint_test.moc"
