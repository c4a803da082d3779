// Startup of the desktop executable.
#include "desktop.h"

#include "candidates/candidates_view.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QImageWriter>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace releasedesk {

bool writeScreenshot(QWidget& window, const QString& path, QString& error) {
  // Deliver pending layout and paint requests so the picture shows the settled window.
  QCoreApplication::sendPostedEvents();
  const QPixmap picture = window.grab();
  if (picture.isNull()) {
    error = QCoreApplication::translate("Desktop", "the window could not be rendered");
    return false;
  }
  QImageWriter writer(path, "png");
  if (!writer.write(picture.toImage())) {
    error = writer.errorString();
    return false;
  }
  return true;
}

int runDesktop(const DesktopOptions& options) {
  MainWindow window;
  if (options.folder.isEmpty())
    window.showSample();
  else
    window.openFolder(options.folder);
  if (!options.select.isEmpty() && !window.candidatesView()->selectCandidate(options.select)) {
    std::fprintf(stderr, "releasedesk: no candidate matches %s\n", qPrintable(options.select));
  }

  if (options.screenshotPath.isEmpty()) {
    window.show();
    return QApplication::exec();
  }

  // Rendered without reaching the screen, so --screenshot works on a desktop session too.
  window.setAttribute(Qt::WA_DontShowOnScreen);
  window.resize(kScreenshotSize);
  window.show();
  int exitCode = 0;
  QTimer::singleShot(0, &window, [&] {
    QString error;
    if (!writeScreenshot(window, options.screenshotPath, error)) {
      std::fprintf(stderr, "releasedesk: cannot write the screenshot %s: %s\n", qPrintable(options.screenshotPath),
                   qPrintable(error));
      exitCode = 2;
    }
    QCoreApplication::exit(exitCode);
  });
  QApplication::exec();
  return exitCode;
}

int runDesktop(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("ReleaseDesk"));
  QApplication::setApplicationName(QStringLiteral("ReleaseDesk"));
  QApplication::setApplicationVersion(QStringLiteral(RELEASEDESK_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("Desktop", "A release desk for the production stage: is this candidate promotable?"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      QStringLiteral("folder"),
      QApplication::translate("Desktop",
                              "An .artifacts folder, or a checkout holding one. Without it the "
                              "built-in sample is shown."),
      QStringLiteral("[folder]"));
  const QCommandLineOption select(
      QStringLiteral("select"), QApplication::translate("Desktop", "Select the candidate whose SHA starts with <sha>."),
      QStringLiteral("sha"));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QApplication::translate("Desktop", "Render the window at 1280x800 to <file.png> once loaded, then exit."),
      QStringLiteral("file.png"));
  parser.addOption(select);
  parser.addOption(screenshot);
  // Handles --help, --version and unknown options itself, exiting like every Qt tool does.
  parser.process(app);

  const QStringList positional = parser.positionalArguments();
  if (positional.size() > 1) {
    std::fprintf(stderr, "releasedesk: give at most one folder (got %lld); see --help\n",
                 static_cast<long long>(positional.size()));
    return 1;
  }
  DesktopOptions options;
  options.folder = positional.value(0);
  options.select = parser.value(select);
  options.screenshotPath = parser.value(screenshot);
  return runDesktop(options);
}

}  // namespace releasedesk
