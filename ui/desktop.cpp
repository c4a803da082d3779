// Startup of the desktop executable.
#include "ui/desktop.h"

#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/color_scheme.h"
#include "ui/error_banner.h"
#include "ui/main_window.h"

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
  const bool screenshot = !options.screenshotPath.isEmpty();
  if (screenshot) {
    // Rendered without reaching the screen, so --screenshot works on a desktop session too.
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(kScreenshotSize);
  }
  window.show();

  int exitCode = 0;
  bool settled = false;
  // Runs once, when the first load has finished (at once for a folder, later for GitHub).
  const auto settle = [&] {
    if (settled) return;
    settled = true;
    if (!options.select.isEmpty() && !window.candidatesView()->selectCandidate(options.select)) {
      std::fprintf(stderr, "releasedesk: no candidate matches %s\n", qPrintable(options.select));
    }
    if (!screenshot) return;
    // Let the selection and layout settle before rendering.
    QTimer::singleShot(0, &window, [&] {
      QString error;
      if (!writeScreenshot(window, options.screenshotPath, error)) {
        std::fprintf(stderr, "releasedesk: cannot write the screenshot %s: %s\n", qPrintable(options.screenshotPath),
                     qPrintable(error));
        exitCode = 2;
      } else {
        const int rows = window.candidatesView()->model()->rowCount();
        std::printf("releasedesk: wrote %s showing %d candidate%s from %s\n", qPrintable(options.screenshotPath), rows,
                    rows == 1 ? "" : "s",
                    window.hasData() ? qPrintable(window.source().displayName()) : "nothing (no data loaded)");
        if (!window.banner()->isHidden()) {
          std::printf("releasedesk: the banner says: %s\n", qPrintable(window.banner()->headline()));
        }
        std::fflush(stdout);
      }
      QCoreApplication::exit(exitCode);
    });
  };
  QObject::connect(&window, &MainWindow::loadFinished, &window, settle, Qt::SingleShotConnection);

  if (!options.folder.isEmpty()) {
    window.openFolder(options.folder);
  } else if (options.sandbox) {
    window.openSandbox();
  } else {
    window.openProject();
  }

  if (screenshot) {
    QTimer::singleShot(kScreenshotWaitMs, &window, [&] {
      if (settled) return;
      std::fprintf(stderr, "releasedesk: still reading after %d s; rendering what is on screen\n",
                   kScreenshotWaitMs / 1000);
      settle();
    });
  }
  const int result = QApplication::exec();
  return screenshot ? exitCode : result;
}

int runDesktop(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("ReleaseDesk"));
  QApplication::setApplicationName(QStringLiteral("ReleaseDesk"));
  QApplication::setApplicationVersion(QStringLiteral(RELEASEDESK_VERSION));
  applyColorSchemeFromEnvironment();

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("Desktop", "A release desk for the production stage: is this candidate promotable?"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      QStringLiteral("folder"),
      QApplication::translate("Desktop",
                              "An .artifacts folder, or a checkout holding one. Without it the configured GitHub "
                              "project is opened (Project > Set Up...), or the built-in sandbox when none is."),
      QStringLiteral("[folder]"));
  const QCommandLineOption select(
      QStringLiteral("select"), QApplication::translate("Desktop", "Select the candidate whose SHA starts with <sha>."),
      QStringLiteral("sha"));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QApplication::translate("Desktop", "Render the window at 1280x800 to <file.png> once loaded, then exit."),
      QStringLiteral("file.png"));
  const QCommandLineOption sandbox(
      QStringLiteral("sandbox"),
      QApplication::translate("Desktop", "Open the built-in sandbox repository, even when a project is configured."));
  parser.addOption(sandbox);
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
  options.sandbox = parser.isSet(sandbox);
  if (options.sandbox && !options.folder.isEmpty()) {
    std::fprintf(stderr, "releasedesk: give a folder or --sandbox, not both; see --help\n");
    return 1;
  }
  options.select = parser.value(select);
  options.screenshotPath = parser.value(screenshot);
  return runDesktop(options);
}

}  // namespace releasedesk
