// One repaint of the TimelineWidget showing the whole of 10,000 production runs and 50,000
// deployment statuses, 1600x900, into a QImage, offscreen. Target: ≤ 16 ms (Release).
#include "tests/benchmarks/synthetic_history.h"
#include "ui/timeline/timeline_widget.h"

#include <QApplication>
#include <QImage>
#include <QTest>

#include <memory>

using namespace releasedesk;
using releasedesk::benchmarks::syntheticHistory;
using namespace std::chrono_literals;

class TimelinePaintBenchmark : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    timeline_ = std::make_shared<const DeploymentTimeline>(buildDeploymentTimeline(syntheticHistory(10'000, 5)));
    QCOMPARE(timeline_->runs.size(), std::size_t{10'000});
  }

  // The whole history across the width (the first view), scrolled to the newest runs.
  void paintFullWidth() {
    TimelineWidget widget;
    widget.resize(1600, 900);
    widget.setTimeline(timeline_);
    widget.zoomToFit();
    widget.selectRun(timeline_->runs.back().id);
    QImage image(widget.size(), QImage::Format_ARGB32_Premultiplied);
    QBENCHMARK {
      widget.render(&image);
    }
  }

  // Zoomed to one run in the middle of the history: the lanes around it with labels and markers.
  void paintZoomedIn() {
    TimelineWidget widget;
    widget.resize(1600, 900);
    widget.setTimeline(timeline_);
    widget.zoomToRun(timeline_->runs[5'000].id);
    QImage image(widget.size(), QImage::Format_ARGB32_Premultiplied);
    QBENCHMARK {
      widget.render(&image);
    }
  }

 private:
  std::shared_ptr<const DeploymentTimeline> timeline_;
};

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  TimelinePaintBenchmark benchmark;
  return QTest::qExec(&benchmark, argc, argv);
}

#include "timeline_paint_benchmark.moc"
