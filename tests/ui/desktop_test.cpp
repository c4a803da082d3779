// The real `releasedesk` executable: --screenshot of the sandbox it opens by default, --sandbox,
// --help, --version and a folder argument.
#include "tests/ui/manifests.h"

#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kTimeoutMs = 60000;

struct Run {
  int exitCode = -1;
  QString out;
  QString err;
};

// Runs the desktop offscreen, with its settings in `configHome` so the user's stay untouched.
Run runDesktop(const QStringList& arguments, const QString& configHome) {
  QProcess process;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
  process.setProcessEnvironment(environment);
  process.start(QStringLiteral(RELEASEDESK_GUI_PATH), arguments);
  Run run;
  if (!process.waitForFinished(kTimeoutMs) || process.exitStatus() != QProcess::NormalExit) {
    process.kill();
    process.waitForFinished();
    return run;
  }
  run.exitCode = process.exitCode();
  run.out = QString::fromUtf8(process.readAllStandardOutput());
  run.err = QString::fromUtf8(process.readAllStandardError());
  return run;
}

}  // namespace

class TestDesktop : public QObject {
  Q_OBJECT

 private slots:
  void init() { QVERIFY(config_.isValid()); }

  void screenshotOfTheDefaultWindowShowsTheSandbox() {
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("candidates.png"));
    const Run run = runDesktop(
        {QStringLiteral("--select"), QStringLiteral("85d2a9aa"), QStringLiteral("--screenshot"), png}, config_.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    // Rendered once the asynchronous read finished, with the sandbox's six candidates on screen.
    QVERIFY2(run.out.contains(QStringLiteral("showing 6 candidates from Sandbox · contoso/shop · production")),
             qPrintable(run.out));
    QVERIFY2(!run.err.contains(QStringLiteral("no candidate matches")), qPrintable(run.err));
    QVERIFY(!run.out.contains(QStringLiteral("banner")));

    QVERIFY(QFileInfo(png).size() > 0);
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 800));
    // A rendered window, not a blank canvas: many distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
      for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
  }

  void screenshotOfAFolderWithASelection() {
    QTemporaryDir tree;
    const QString sha = QStringLiteral("1111111111111111111111111111111111111111");
    QVERIFY(releasedesk::test::writeManifest(tree.path(), sha, releasedesk::test::manifestFor(sha)));
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("folder.png"));
    const Run run = runDesktop(
        {tree.path(), QStringLiteral("--select"), QStringLiteral("1111"), QStringLiteral("--screenshot"), png},
        config_.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(QImage(png).size(), QSize(1280, 800));
    // The folder was remembered in the private config home, nowhere else.
    QFile settings(QDir(config_.path()).filePath(QStringLiteral("ReleaseDesk/ReleaseDesk.conf")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(settings.readAll().contains(QFileInfo(tree.path()).fileName().toUtf8()));
  }

  void sandboxFlagWinsOverAConfiguredProject() {
    // A config home of its own: the other tests start without a project.
    QTemporaryDir configured;
    const QString conf = QDir(configured.path()).filePath(QStringLiteral("ReleaseDesk/ReleaseDesk.conf"));
    QVERIFY(QDir().mkpath(QFileInfo(conf).path()));
    {
      QSettings settings(conf, QSettings::IniFormat);
      settings.setValue(QStringLiteral("github/apiBase"), QStringLiteral("https://ghe.example.invalid/api/v3"));
      settings.setValue(QStringLiteral("github/repo"), QStringLiteral("octo-org/shop"));
    }
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("sandbox.png"));
    const Run run = runDesktop({QStringLiteral("--sandbox"), QStringLiteral("--screenshot"), png}, configured.path());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("from Sandbox · contoso/shop")), qPrintable(run.out));
    // The project stays configured.
    QVERIFY(QSettings(conf, QSettings::IniFormat).value(QStringLiteral("github/repo")).toString() ==
            QStringLiteral("octo-org/shop"));

    const Run both = runDesktop({QStringLiteral("--sandbox"), out.path()}, configured.path());
    QCOMPARE(both.exitCode, 1);
    QVERIFY(both.err.contains(QStringLiteral("not both")));
  }

  void unwritableScreenshotExitsTwo() {
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("missing-folder/shot.png"));
    const Run run = runDesktop({QStringLiteral("--screenshot"), png}, config_.path());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(QStringLiteral("cannot write the screenshot")), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(png));
  }

  void helpAndVersion() {
    const Run help = runDesktop({QStringLiteral("--help")}, config_.path());
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("--screenshot")));
    QVERIFY(help.out.contains(QStringLiteral("--sandbox")));
    QVERIFY(help.out.contains(QStringLiteral("folder")));

    const Run version = runDesktop({QStringLiteral("--version")}, config_.path());
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.contains(QStringLiteral(RELEASEDESK_VERSION)), qPrintable(version.out));
    QVERIFY(version.out.contains(QStringLiteral("ReleaseDesk")));
  }

  void tooManyFoldersIsAnError() {
    const Run run = runDesktop({QStringLiteral("/a"), QStringLiteral("/b")}, config_.path());
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(QStringLiteral("at most one folder")));
  }

 private:
  QTemporaryDir config_;
};

QTEST_GUILESS_MAIN(TestDesktop)
#include "desktop_test.moc"
