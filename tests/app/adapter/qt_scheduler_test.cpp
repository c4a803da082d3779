// QtScheduler: tasks run later, in delay order, on the event loop, and die with the scheduler.
#include "app/adapter/qt_scheduler.h"

#include <QStringList>
#include <QTest>

#include <memory>

using namespace releasedesk;
using namespace std::chrono_literals;

class TestQtScheduler : public QObject {
  Q_OBJECT

 private slots:
  void runsTasksInDelayOrderNeverInsidePost() {
    QtScheduler scheduler;
    QStringList order;
    scheduler.post(60ms, [&] { order << QStringLiteral("slow"); });
    scheduler.post(0ms, [&] { order << QStringLiteral("now"); });
    scheduler.post(-5ms, [&] { order << QStringLiteral("negative"); });
    scheduler.post(20ms, [&] { order << QStringLiteral("soon"); });
    QVERIFY(order.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 4, 5000);
    QCOMPARE(order, (QStringList{QStringLiteral("now"), QStringLiteral("negative"), QStringLiteral("soon"),
                                 QStringLiteral("slow")}));
  }

  void dropsPendingTasksWhenDestroyed() {
    bool ran = false;
    auto scheduler = std::make_unique<QtScheduler>();
    scheduler->post(0ms, [&] { ran = true; });
    scheduler->post(30ms, [&] { ran = true; });
    scheduler.reset();
    QTest::qWait(100);
    QVERIFY(!ran);
  }

  void nowIsTheSystemClock() {
    const QtScheduler scheduler;
    const auto difference = scheduler.now() - std::chrono::system_clock::now();
    QVERIFY(difference < 1s && difference > -1s);
  }
};

QTEST_GUILESS_MAIN(TestQtScheduler)
#include "qt_scheduler_test.moc"
