// Startup of the desktop executable.
#include "ui/desktop.h"

#include "ui/after_repaint.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/color_scheme.h"
#include "ui/error_banner.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>
#include <QImageWriter>
#include <QPixmap>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

namespace releasedesk {
namespace {

constexpr int kWindowIconAtLatestMs = 1000;

// The icon the executable bundles (rendered from resources/icons at build time), every size.
QIcon bundledIcon() {
  QIcon icon;
  for (const int size : {16, 32, 48, 64, 128, 256}) {
    const QString file =
        QStringLiteral(":/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(QLatin1String(kDesktopFileName));
    if (QFile::exists(file)) icon.addFile(file, QSize(size, size));
  }
  return icon;
}

}  // namespace

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
  // Every window and the About box show the bundled icon. Six PNGs decoded and handed to the
  // window system are no part of the first read on screen: set once that is painted (or a load
  // that failed), at the latest after a second.
  const auto setIcon = [set = std::make_shared<bool>(false)] {
    if (std::exchange(*set, true)) return;
    QApplication::setWindowIcon(bundledIcon());
  };
  QObject::connect(
      &window, &MainWindow::loadFinished, &window, [&window, setIcon] { runAfterPendingRepaint(&window, setIcon); },
      Qt::SingleShotConnection);
  QTimer::singleShot(kWindowIconAtLatestMs, &window, setIcon);

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
      // The toolbar's icons are set after the first paint, which is no part of a picture.
      window.completeWindow();
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

namespace {

void setIdentity() {
  QCoreApplication::setOrganizationName(QStringLiteral("ReleaseDesk"));
  QCoreApplication::setApplicationName(QStringLiteral("ReleaseDesk"));
  QCoreApplication::setApplicationVersion(QStringLiteral(RELEASEDESK_VERSION));
}

// Whether the command line asks only for text (--help, --version), which needs no display.
bool asksForHelpOrVersion(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") return false;
    if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" || arg == "--version") {
      return true;
    }
  }
  return false;
}

// Parses the command line of `app` into `options`. Returns an exit code when the program should
// stop now (--help and --version print and exit inside).
std::optional<int> parseCommandLine(const QCoreApplication& app, DesktopOptions& options) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QCoreApplication::translate("Desktop", "A release desk for the production stage: is this candidate promotable?"));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(
      QStringLiteral("folder"),
      QCoreApplication::translate("Desktop",
                                  "An .artifacts folder, or a checkout holding one. Without it the configured GitHub "
                                  "project is opened (Project > Set Up...), or the built-in sandbox when none is."),
      QStringLiteral("[folder]"));
  const QCommandLineOption select(
      QStringLiteral("select"),
      QCoreApplication::translate("Desktop", "Select the candidate whose SHA starts with <sha>."),
      QStringLiteral("sha"));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QCoreApplication::translate("Desktop", "Render the window at 1280x800 to <file.png> once loaded, then exit."),
      QStringLiteral("file.png"));
  const QCommandLineOption sandbox(
      QStringLiteral("sandbox"),
      QCoreApplication::translate("Desktop",
                                  "Open the built-in sandbox repository, even when a project is configured."));
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
  options.folder = positional.value(0);
  options.sandbox = parser.isSet(sandbox);
  if (options.sandbox && !options.folder.isEmpty()) {
    std::fprintf(stderr, "releasedesk: give a folder or --sandbox, not both; see --help\n");
    return 1;
  }
  options.select = parser.value(select);
  options.screenshotPath = parser.value(screenshot);
  return std::nullopt;
}

}  // namespace

int runDesktop(int argc, char** argv) {
  DesktopOptions options;
  if (asksForHelpOrVersion(argc, argv)) {
    // A QApplication needs a platform plugin and a display; printing help does not.
    const QCoreApplication app(argc, argv);
    setIdentity();
    return parseCommandLine(app, options).value_or(0);
  }
  // Constructed before parsing so it takes Qt's own arguments (-platform, -style) out of argv.
  QApplication app(argc, argv);
  setIdentity();
  applyColorSchemeFromEnvironment();
  if (const auto stop = parseCommandLine(app, options)) return *stop;
  // Matches the installed .desktop entry, so docks and task bars group the window with it.
  QGuiApplication::setDesktopFileName(QLatin1String(kDesktopFileName));
  return runDesktop(options);
}

}  // namespace releasedesk
