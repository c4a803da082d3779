// The yardstick of the desk's start (tests/benchmarks/first_paint.sh): a bare Qt Widgets window,
// an empty QMainWindow at the desk's default size, that prints "first-paint-ms=N" (process start
// to its first paint, as app/gui/first_paint_probe.h defines it for both) and exits.
//
// With --with-text the window shows text as well, still with no data to read: a menu bar, a
// list of 25 rows in 5 columns and a status bar message. The difference between the two is what
// drawing text costs at start (fontconfig's configuration, the fonts, shaping and glyphs), which
// the empty window never pays and any window that shows words does.
#include "app/gui/first_paint_probe.h"

#include <QApplication>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QScreen>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTreeView>

#include <cstring>

namespace {

void addText(QMainWindow& window) {
  for (const char* title : {"&File", "&View", "&Release", "&Help"}) {
    QMenu* menu = window.menuBar()->addMenu(QString::fromLatin1(title));
    menu->addAction(QStringLiteral("Refresh"));
  }
  auto* model = new QStandardItemModel(25, 5, &window);
  model->setHorizontalHeaderLabels({QStringLiteral("Candidate"), QStringLiteral("Verdict"), QStringLiteral("Created"),
                                    QStringLiteral("Workflow run"), QStringLiteral("Digest")});
  for (int row = 0; row < model->rowCount(); ++row) {
    model->setItem(row, 0, new QStandardItem(QStringLiteral("%1 fix: retry the deployment step").arg(1000 + row)));
    model->setItem(row, 1, new QStandardItem(row % 3 == 0 ? QStringLiteral("Blocked") : QStringLiteral("Promotable")));
    model->setItem(row, 2,
                   new QStandardItem(QStringLiteral("2026-11-%1 14:%2").arg(row + 1).arg(row * 2, 2, 10, QChar('0'))));
    model->setItem(row, 3, new QStandardItem(QStringLiteral("#%1 production-stage").arg(4200 + row)));
    model->setItem(row, 4, new QStandardItem(QStringLiteral("sha256:%1").arg(row * 7919, 12, 16, QChar('0'))));
  }
  auto* list = new QTreeView(&window);
  list->setRootIsDecorated(false);
  list->setModel(model);
  window.setCentralWidget(list);
  window.statusBar()->showMessage(QStringLiteral("Read 25 candidates."));
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  releasedesk::firstpaint::Probe probe([](QWidget&, releasedesk::firstpaint::Probe& shown) { shown.arm(); });
  QApplication::instance()->installEventFilter(&probe);

  QMainWindow window;
  window.setWindowTitle(QStringLiteral("bare window"));
  if (argc > 1 && std::strcmp(argv[1], "--with-text") == 0) addText(window);
  // The desk's default size, bounded by the screen the same way (ui/main_window.cpp).
  QSize size(1280, 800);
  if (const QScreen* screen = QGuiApplication::primaryScreen()) size = size.boundedTo(screen->availableSize() * 0.9);
  window.resize(size);
  window.show();
  return QApplication::exec();
}
