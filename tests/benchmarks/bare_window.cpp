// The yardstick of the desk's start (tests/benchmarks/first_paint.sh): a bare Qt Widgets window,
// an empty QMainWindow at the desk's default size, that prints "first-paint-ms=N" (process start
// to its first paint, as app/gui/first_paint_probe.h defines it for both) and exits.
#include "app/gui/first_paint_probe.h"

#include <QApplication>
#include <QGuiApplication>
#include <QMainWindow>
#include <QScreen>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  releasedesk::firstpaint::Probe probe([](QWidget&, releasedesk::firstpaint::Probe& shown) { shown.arm(); });
  QApplication::instance()->installEventFilter(&probe);

  QMainWindow window;
  window.setWindowTitle(QStringLiteral("bare window"));
  // The desk's default size, bounded by the screen the same way (ui/main_window.cpp).
  QSize size(1280, 800);
  if (const QScreen* screen = QGuiApplication::primaryScreen()) size = size.boundedTo(screen->availableSize() * 0.9);
  window.resize(size);
  window.show();
  return QApplication::exec();
}
