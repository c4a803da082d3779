// Startup of the desktop executable: the command line, the main window and --screenshot.
#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace releasedesk {

struct DesktopOptions {
  QString folder;          // an .artifacts folder or a checkout; empty opens the project or the sandbox
  bool sandbox = false;    // open the built-in sandbox even when a project is configured
  QString select;          // a candidate SHA or unique prefix to select first
  QString screenshotPath;  // render the window to this PNG and exit instead of running
};

// The application id: the .desktop entry's and the AppStream component's name, and the icon's.
inline constexpr char kDesktopFileName[] = "io.github.releasedesk.ReleaseDesk";

// The size --screenshot renders at, so documentation images are reproducible.
inline constexpr QSize kScreenshotSize(1280, 800);
// How long --screenshot waits for GitHub before rendering whatever is on screen.
inline constexpr int kScreenshotWaitMs = 120000;

// The whole desktop program: parses the command line first (--help and --version print and
// exit without a display), then creates the QApplication with the desktop file name and runs
// the window. Returns the process exit code.
int runDesktop(int argc, char** argv);

// Runs the window for `options` in an existing QApplication. The source is the folder when one is
// given; otherwise the sandbox with `sandbox` or without a configured project; otherwise the
// configured project, with its token from the keychain. With a screenshot path it renders once
// the (asynchronous) load has finished and the --select candidate is selected, prints what it
// shows to stdout, then returns 0, or 2 when the file cannot be written (the reason goes to
// stderr). Otherwise it returns QApplication::exec(). The bundled icon becomes the application's
// window icon once the first load is painted (at the latest after a second).
int runDesktop(const DesktopOptions& options);

// Renders `window` to a PNG at `path`. Returns false and sets `error` on failure.
bool writeScreenshot(QWidget& window, const QString& path, QString& error);

}  // namespace releasedesk
