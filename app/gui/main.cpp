// The desktop executable. Everything lives in the releasedesk_ui library so tests can link it.
#include "app/gui/first_paint_probe.h"
#include "ui/candidates/candidates_view.h"
#include "ui/desktop.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QTreeView>

namespace {

// RELEASEDESK_REPORT_FIRST_PAINT=1 (tests/benchmarks/first_paint.sh): prints "first-paint-ms=N"
// to stderr once the window has painted the first read's data (the read finished and the view
// repainted; process start as app/gui/first_paint_probe.h defines it), then quits. Nothing else.
void installFirstPaintProbe() {
  auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
  if (app == nullptr || qEnvironmentVariableIntValue("RELEASEDESK_REPORT_FIRST_PAINT") != 1) return;
  using releasedesk::firstpaint::Probe;
  auto* probe = new Probe(
      [](QWidget& shown, Probe& self) {
        auto* window = qobject_cast<releasedesk::MainWindow*>(&shown);
        if (window == nullptr) return Probe::fail("the first window shown is not the desk");
        QObject::connect(
            window, &releasedesk::MainWindow::loadFinished, &self,
            [&self, window](bool ok) {
              // The candidates' list, the first page's view, painted with the read's rows.
              ok ? self.arm(window->candidatesView()->list()->viewport()) : Probe::fail("the first read failed");
            },
            Qt::SingleShotConnection);
      },
      app);
  app->installEventFilter(probe);
}

}  // namespace

Q_COREAPP_STARTUP_FUNCTION(installFirstPaintProbe)

int main(int argc, char** argv) {
  return releasedesk::runDesktop(argc, argv);
}
