// DeskSettings' project settings: saved and restored, defaults for what was never saved, and no
// token anywhere in the settings file.
#include "ui/session/desk_settings.h"

#include <QStandardPaths>
#include <QTest>

using namespace releasedesk;

class TestDeskSettings : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
  void init() { QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk")).clear(); }

  void keepsTheTestAwayFromTheUsersSettings() {
    QVERIFY(QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk"))
                .fileName()
                .contains(QStringLiteral("qttest")));
  }

  void defaultsWithoutAProject() {
    const DeskSettings settings;
    QVERIFY(!settings.hasProject());
    const ApiSettings api = settings.apiSettings();
    QVERIFY(api.apiBase.isEmpty());
    QVERIFY(api.repo.isEmpty());
    QCOMPARE(api.environment, QStringLiteral("production"));
    QCOMPARE(api.productionWorkflow, QStringLiteral("production-stage.yml"));
    QCOMPARE(api.acceptanceWorkflow, QStringLiteral("acceptance-stage.yml"));
  }

  void savesAndRestoresTheProject() {
    ApiSettings api;
    api.apiBase = QStringLiteral("https://ghe.example.com/api/v3");
    api.repo = QStringLiteral("octo/desk");
    api.environment = QStringLiteral("prod-eu");
    api.productionWorkflow = QStringLiteral("deploy.yml");
    DeskSettings().setApiSettings(api);
    const DeskSettings reopened;
    QCOMPARE(reopened.apiSettings(), api);
    QVERIFY(reopened.hasProject());
  }

  void hasProjectNeedsAnApiUrlAndAnOwnerSlashName() {
    DeskSettings settings;
    ApiSettings api;
    api.apiBase = QStringLiteral("https://api.github.com");
    api.repo = QStringLiteral("just-a-name");
    settings.setApiSettings(api);
    QVERIFY(!settings.hasProject());
    api.repo = QStringLiteral("octo/desk");
    api.apiBase.clear();
    settings.setApiSettings(api);
    QVERIFY(!settings.hasProject());
  }

  void storesNoToken() {
    ApiSettings api;
    api.apiBase = QStringLiteral("https://api.github.com");
    api.repo = QStringLiteral("octo/desk");
    DeskSettings().setApiSettings(api);
    const QSettings raw(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk"));
    for (const QString& key : raw.allKeys())
      QVERIFY2(!key.contains(QStringLiteral("token"), Qt::CaseInsensitive), qPrintable(key));
  }
};

QTEST_GUILESS_MAIN(TestDeskSettings)
#include "desk_settings_test.moc"
