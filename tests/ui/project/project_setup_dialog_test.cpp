// Project › Set Up…: what the fields accept and refuse, where saving puts the settings and the
// token (never the token in the settings file), a keychain that fails, and Test Connection.
#include "ui/project/project_setup_dialog.h"
#include "tests/ui/memory_token_vault.h"
#include "ui/project/doctor_checks_model.h"
#include "ui/session/desk_settings.h"

#include <QAbstractButton>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace releasedesk;

namespace {

constexpr int kTimeoutMs = 20000;
const QString kToken = QStringLiteral("releasedesk-dialog-test-token-0XYZ");

QLineEdit* field(const ProjectSetupDialog& dialog, const QString& name) {
  return dialog.findChild<QLineEdit*>(name);
}

QAbstractButton* button(const ProjectSetupDialog& dialog, const QString& name) {
  return dialog.findChild<QAbstractButton*>(name);
}

void type(const ProjectSetupDialog& dialog, const QString& name, const QString& text) {
  QLineEdit* edit = field(dialog, name);
  edit->clear();
  QTest::keyClicks(edit, text);
}

QString settingsFile() {
  return QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk")).fileName();
}

void forgetProject() {
  QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk")).remove(QStringLiteral("github"));
}

}  // namespace

class TestProjectSetupDialog : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(settingsFile().contains(QStringLiteral(".qttest")));
  }

  void init() { forgetProject(); }
  void cleanupTestCase() { forgetProject(); }

  void theDefaultsAreGitHubAndTheProductionStage() {
    DeskSettings settings;
    test::MemoryTokenVault vault;
    ProjectSetupDialog dialog(settings, vault);
    dialog.setProject(settings.apiSettings());
    QCOMPARE(field(dialog, QStringLiteral("apiHost"))->text(), QStringLiteral("github.com"));
    QCOMPARE(dialog.apiBase(), QStringLiteral("https://api.github.com"));
    QCOMPARE(field(dialog, QStringLiteral("environment"))->text(), QStringLiteral("production"));
    QCOMPARE(field(dialog, QStringLiteral("productionWorkflow"))->text(), QStringLiteral("production-stage.yml"));
    QCOMPARE(field(dialog, QStringLiteral("acceptanceWorkflow"))->text(), QStringLiteral("acceptance-stage.yml"));
    QCOMPARE(field(dialog, QStringLiteral("token"))->echoMode(), QLineEdit::Password);
    // Every button is reachable from the keyboard.
    for (const QString& name : {QStringLiteral("testConnection"), QStringLiteral("useSandbox")}) {
      QVERIFY2(button(dialog, name)->text().contains(QLatin1Char('&')), qPrintable(name));
    }
  }

  void theHostResolvesToAnApiUrl_data() {
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("apiBase");
    QTest::addColumn<QString>("problem");  // a phrase of the inline message; empty when accepted

    QTest::newRow("github.com") << "github.com"
                                << "https://api.github.com" << QString();
    QTest::newRow("api.github.com") << "api.github.com"
                                    << "https://api.github.com" << QString();
    QTest::newRow("empty is github.com") << ""
                                         << "https://api.github.com" << QString();
    QTest::newRow("GHES host") << "ghe.example.com"
                               << "https://ghe.example.com/api/v3" << QString();
    QTest::newRow("full URL") << "https://ghe.example.com/api/v3/"
                              << "https://ghe.example.com/api/v3" << QString();
    QTest::newRow("loopback http") << "http://127.0.0.1:8080"
                                   << "http://127.0.0.1:8080" << QString();
    QTest::newRow("plain http refused") << "http://example.com"
                                        << "http://example.com"
                                        << "must use https";
    QTest::newRow("other scheme refused") << "ftp://example.com"
                                          << "ftp://example.com"
                                          << "must start with https://";
  }

  void theHostResolvesToAnApiUrl() {
    QFETCH(QString, host);
    QFETCH(QString, apiBase);
    QFETCH(QString, problem);
    DeskSettings settings;
    test::MemoryTokenVault vault;
    ProjectSetupDialog dialog(settings, vault);
    type(dialog, QStringLiteral("apiHost"), host);
    type(dialog, QStringLiteral("repository"), QStringLiteral("contoso/shop"));

    QCOMPARE(dialog.apiBase(), apiBase);
    if (problem.isEmpty()) {
      QCOMPARE(dialog.hostMessage(), QStringLiteral("API: ") + apiBase);
      QVERIFY(dialog.fieldsValid());
    } else {
      QVERIFY2(dialog.hostMessage().contains(problem), qPrintable(dialog.hostMessage()));
      QVERIFY(!dialog.fieldsValid());
    }
  }

  void aRepositoryMustBeOwnerSlashName() {
    DeskSettings settings;
    test::MemoryTokenVault vault;
    ProjectSetupDialog dialog(settings, vault);
    type(dialog, QStringLiteral("repository"), QStringLiteral("not-a-repo"));
    QVERIFY2(dialog.repositoryMessage().contains(QStringLiteral("“not-a-repo” is not a repository")),
             qPrintable(dialog.repositoryMessage()));
    QVERIFY(dialog.repositoryMessage().contains(QStringLiteral("owner/name")));
    QVERIFY(!dialog.fieldsValid());

    // Save refuses, writes nothing, and leaves the dialog open on the field.
    type(dialog, QStringLiteral("token"), kToken);
    dialog.save();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(vault.writes.isEmpty());
    QVERIFY(!DeskSettings().hasProject());

    type(dialog, QStringLiteral("repository"), QStringLiteral("contoso/shop"));
    QVERIFY(dialog.repositoryMessage().isEmpty());
    QVERIFY(dialog.fieldsValid());
  }

  void savingPutsTheTokenInTheVaultAndNeverInTheSettings() {
    test::MemoryTokenVault vault;
    {
      DeskSettings settings;
      ProjectSetupDialog dialog(settings, vault);
      dialog.setProject(settings.apiSettings());
      QSignalSpy saved(&dialog, &ProjectSetupDialog::projectSaved);
      type(dialog, QStringLiteral("apiHost"), QStringLiteral("ghe.example.com"));
      type(dialog, QStringLiteral("repository"), QStringLiteral("octo-org/shop"));
      type(dialog, QStringLiteral("environment"), QStringLiteral("prod-eu"));
      type(dialog, QStringLiteral("token"), kToken);
      button(dialog, QStringLiteral("save"))->click();
      QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), kTimeoutMs);
      QCOMPARE(saved.size(), 1);
      QVERIFY(dialog.tokenSaved());
      QCOMPARE(dialog.enteredToken(), kToken);
    }

    // The token reached the vault, under the project's API URL.
    QCOMPARE(vault.writes, QStringList{QStringLiteral("https://ghe.example.com/api/v3")});
    QCOMPARE(vault.tokens.value(QStringLiteral("https://ghe.example.com/api/v3")), kToken);

    // The settings hold the project...
    const ApiSettings api = DeskSettings().apiSettings();
    QCOMPARE(api.apiBase, QStringLiteral("https://ghe.example.com/api/v3"));
    QCOMPARE(api.repo, QStringLiteral("octo-org/shop"));
    QCOMPARE(api.environment, QStringLiteral("prod-eu"));
    QCOMPARE(api.productionWorkflow, QStringLiteral("production-stage.yml"));
    QVERIFY(DeskSettings().hasProject());
    // ...and not the token: not in the settings file, nor in any file the test's config holds.
    QFile file(settingsFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("octo-org/shop"));
    QVERIFY(!bytes.contains(kToken.toUtf8()));
    QDirIterator files(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation), QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
      QFile other(files.next());
      QVERIFY(other.open(QIODevice::ReadOnly));
      QVERIFY2(!other.readAll().contains(kToken.toUtf8()), qPrintable(other.fileName()));
    }
  }

  void aKeychainFailureAsksBeforeSavingTheRest() {
    DeskSettings settings;
    test::MemoryTokenVault vault;
    vault.writeFailure = TokenStoreStatus::NoKeychain;
    ProjectSetupDialog dialog(settings, vault);
    type(dialog, QStringLiteral("repository"), QStringLiteral("octo-org/shop"));
    type(dialog, QStringLiteral("token"), kToken);
    dialog.save();

    // Shown in the dialog; nothing saved yet, nothing typed lost.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.keychainProblem().isEmpty(), kTimeoutMs);
    QVERIFY2(dialog.keychainProblem().contains(vault.failureMessage), qPrintable(dialog.keychainProblem()));
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY(!DeskSettings().hasProject());
    QCOMPARE(field(dialog, QStringLiteral("token"))->text(), kToken);

    // Keep Editing closes the question; Save Settings Without Token saves the rest.
    button(dialog, QStringLiteral("keepEditing"))->click();
    QVERIFY(dialog.keychainProblem().isEmpty());
    dialog.save();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.keychainProblem().isEmpty(), kTimeoutMs);
    button(dialog, QStringLiteral("saveWithoutToken"))->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.tokenSaved());
    QCOMPARE(dialog.enteredToken(), kToken);  // for this session, in memory only
    QVERIFY(DeskSettings().hasProject());
    QVERIFY(vault.tokens.isEmpty());
  }

  void aStoredTokenMakesTheFieldOptional() {
    DeskSettings settings;
    test::MemoryTokenVault vault;
    vault.tokens.insert(QStringLiteral("https://api.github.com"), kToken);
    ApiSettings api;
    api.apiBase = QStringLiteral("https://api.github.com");
    api.repo = QStringLiteral("octo-org/shop");
    ProjectSetupDialog dialog(settings, vault);
    dialog.setProject(api);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.tokenStored(), kTimeoutMs);
    QCOMPARE(field(dialog, QStringLiteral("token"))->placeholderText(), QStringLiteral("stored in the keychain"));

    dialog.save();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(vault.writes.isEmpty());
    QVERIFY(dialog.enteredToken().isEmpty());
    QVERIFY(DeskSettings().hasProject());
  }

  void withoutAStoredTokenOneMustBeEntered() {
    DeskSettings settings;
    test::MemoryTokenVault vault;
    ProjectSetupDialog dialog(settings, vault);
    dialog.setProject(settings.apiSettings());
    type(dialog, QStringLiteral("repository"), QStringLiteral("octo-org/shop"));
    QTRY_VERIFY_WITH_TIMEOUT(vault.reads > 0, kTimeoutMs);
    QTest::qWait(20);
    QVERIFY(!dialog.tokenStored());
    QVERIFY(field(dialog, QStringLiteral("token"))->placeholderText() != QStringLiteral("stored in the keychain"));
    dialog.save();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.tokenMessage().contains(QStringLiteral("Enter a token")), qPrintable(dialog.tokenMessage()));
    QVERIFY(!DeskSettings().hasProject());
  }

  void testConnectionListsTheChecksByIconAndWord() {
    DeskSettings settings;
    test::MemoryTokenVault vault;
    ProjectSetupDialog dialog(settings, vault);
    // The connection under test is the sandbox, so the checks run without a network.
    QString testedRepo;
    dialog.setConnectionFactory([&testedRepo](const ApiSettings& api, const QString&, const QString&) {
      testedRepo = api.repo;
      return DeskConnection::openSandbox();
    });
    type(dialog, QStringLiteral("repository"), QStringLiteral("contoso/shop"));
    type(dialog, QStringLiteral("token"), kToken);
    QSignalSpy tested(&dialog, &ProjectSetupDialog::connectionTested);
    button(dialog, QStringLiteral("testConnection"))->click();
    QVERIFY(dialog.isTesting());
    QVERIFY(!button(dialog, QStringLiteral("testConnection"))->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, kTimeoutMs);
    QCOMPARE(testedRepo, QStringLiteral("contoso/shop"));
    QVERIFY(button(dialog, QStringLiteral("testConnection"))->isEnabled());

    const DoctorChecksModel* checks = dialog.checksModel();
    QVERIFY(checks->rowCount() >= 5);
    for (int row = 0; row < checks->rowCount(); ++row) {
      const QModelIndex status = checks->index(row, DoctorChecksModel::StatusColumn);
      QVERIFY((QStringList{QStringLiteral("ok"), QStringLiteral("warning"), QStringLiteral("failed")})
                  .contains(status.data().toString()));
      QVERIFY(!status.data(Qt::DecorationRole).value<QIcon>().isNull());
      QVERIFY(!checks->index(row, DoctorChecksModel::MessageColumn).data().toString().isEmpty());
    }
    // The sandbox's token may not list the organization's secrets, as a GITHUB_TOKEN may not.
    QCOMPARE(checks->count(CheckStatus::Failed), 1);
    // Testing saves nothing.
    QVERIFY(vault.writes.isEmpty());
    QVERIFY(!DeskSettings().hasProject());
  }

  void useSandboxClosesWithoutSaving() {
    DeskSettings settings;
    test::MemoryTokenVault vault;
    ProjectSetupDialog dialog(settings, vault);
    type(dialog, QStringLiteral("repository"), QStringLiteral("octo-org/shop"));
    button(dialog, QStringLiteral("useSandbox"))->click();
    QCOMPARE(dialog.result(), int(ProjectSetupDialog::UseSandbox));
    QVERIFY(!DeskSettings().hasProject());
    QVERIFY(vault.writes.isEmpty());
  }
};

QTEST_MAIN(TestProjectSetupDialog)
#include "project_setup_dialog_test.moc"
