// The desktop executable. Everything lives in the releasedesk_ui library so tests can link it.
#include "app/gui/first_paint_probe.h"
#include "ui/candidates/candidates_view.h"
#include "ui/desktop.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QTreeView>

#include <fontconfig/fontconfig.h>

#include <thread>

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
  // The first text the window measures makes Qt ask fontconfig for its fonts, and fontconfig then
  // reads its configuration and font caches: about 5 ms on the main thread while the window is
  // built. Asked here on a second thread instead, that runs while the main thread loads the
  // platform plugin and waits on the display; fontconfig keeps one configuration per process and
  // sets it atomically, so Qt then finds it ready (or, if it asks first, loads its own as before).
  // Joined when main returns.
  const std::jthread fontconfig([] { FcInit(); });
  return releasedesk::runDesktop(argc, argv);
}
