// TokenStore under a real Secret Service (gnome-keyring on a private D-Bus session), and without
// any keychain: a plain "No OS keychain" message and not one byte written to disk instead.
//
// Run it as `dbus-run-session -- test_token_store` (ctest does). It starts its own
// gnome-keyring-daemon, with its keyring in a temporary folder, when none is on the bus.
#include "ui/session/token_store.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimer>

#include <optional>

using namespace releasedesk;

namespace {

const QString kSecretService = QStringLiteral("org.freedesktop.secrets");
// The child mode of this binary: the keychain-less half of the test, in a process of its own.
constexpr const char* kChildModeVariable = "RELEASEDESK_TOKEN_STORE_CHILD";
const QString kMarker = QStringLiteral("releasedesk-marker-token-7f3a9c");
const std::string kHost = "https://token-store-test.invalid/api/v3";
const std::string kOtherHost = "https://other-token-store-test.invalid/api/v3";

QString statusName(TokenStoreStatus status) {
  switch (status) {
    case TokenStoreStatus::Ok: return QStringLiteral("Ok");
    case TokenStoreStatus::NotFound: return QStringLiteral("NotFound");
    case TokenStoreStatus::NoKeychain: return QStringLiteral("NoKeychain");
    case TokenStoreStatus::Failed: return QStringLiteral("Failed");
  }
  return {};
}

// Runs one store operation and waits for its callback (at most 20 s).
template <typename Start>
std::optional<TokenStoreResult> await(Start start) {
  std::optional<TokenStoreResult> result;
  QEventLoop loop;
  QTimer::singleShot(20000, &loop, &QEventLoop::quit);
  bool insideCall = true;
  bool ranInsideCall = false;
  start([&](TokenStoreResult r) {
    ranInsideCall = insideCall;
    result = std::move(r);
    loop.quit();
  });
  insideCall = false;
  if (!result) loop.exec();
  if (ranInsideCall) qWarning("the callback ran inside the call");
  return ranInsideCall ? std::nullopt : result;
}

bool secretServiceOnBus() {
  const QDBusConnection bus = QDBusConnection::sessionBus();
  return bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(kSecretService).value();
}

// The child: no session bus, a throwaway HOME. Prints one line per operation: status, tab, message.
int runWithoutKeychain() {
  TokenStore store;
  QTextStream out(stdout);
  const auto report = [&](const char* operation, const std::optional<TokenStoreResult>& result) {
    out << operation << '\t' << (result ? statusName(result->status) : QStringLiteral("NoCallback")) << '\t'
        << (result ? result->message : QString()) << '\n';
  };
  report("write", await([&](auto done) { store.writeToken(kHost, kMarker, done); }));
  report("read", await([&](auto done) { store.readToken(kHost, done); }));
  report("delete", await([&](auto done) { store.deleteToken(kHost, done); }));
  return 0;
}

}  // namespace

// QSKIP must be in the test function itself to end it.
#define REQUIRE_KEYCHAIN() \
  if (!skipReason_.isEmpty()) QSKIP(qPrintable(skipReason_))

class TestTokenStore : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (!QDBusConnection::sessionBus().isConnected()) {
      skipReason_ = QStringLiteral("no D-Bus session bus: run the test as dbus-run-session -- test_token_store");
      return;
    }
    if (secretServiceOnBus()) return;
    QVERIFY(keyringHome_.isValid());
    const QString runtime = keyringHome_.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The keyring files and the daemon's control socket stay in the temporary folder.
    environment.insert(QStringLiteral("HOME"), keyringHome_.path());
    environment.insert(QStringLiteral("XDG_DATA_HOME"), keyringHome_.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    daemon_.setProcessEnvironment(environment);
    daemon_.setProcessChannelMode(QProcess::MergedChannels);
    daemon_.start(QStringLiteral("gnome-keyring-daemon"),
                  {QStringLiteral("--foreground"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets")});
    if (!daemon_.waitForStarted(5000)) {
      skipReason_ = QStringLiteral("gnome-keyring-daemon could not be started");
      return;
    }
    // --unlock reads the login keyring's password from stdin. gnome-keyring 42 ignores an empty
    // one (and then wants a GUI prompt), so give a throwaway password to a throwaway keyring.
    daemon_.write("releasedesk-test-keyring");
    daemon_.closeWriteChannel();
    QVERIFY2(QTest::qWaitFor(secretServiceOnBus, 10000), daemon_.readAll().constData());
  }

  void cleanupTestCase() {
    if (daemon_.state() == QProcess::NotRunning) return;
    daemon_.terminate();
    if (!daemon_.waitForFinished(5000)) daemon_.kill();
  }

  void keysAreServiceAndApiHost() {
    QCOMPARE(TokenStore::serviceName(), QStringLiteral("ReleaseDesk"));
    QCOMPARE(TokenStore::keyFor("https://api.github.com"), QStringLiteral("token@api.github.com"));
    QCOMPARE(TokenStore::keyFor("github.com"), QStringLiteral("token@api.github.com"));
    QCOMPARE(TokenStore::keyFor("https://GHE.example.com/api/v3"), QStringLiteral("token@ghe.example.com"));
    QCOMPARE(TokenStore::keyFor("ghe.example.com"), QStringLiteral("token@ghe.example.com"));
  }

  void storesReadsReplacesAndDeletes() {
    REQUIRE_KEYCHAIN();
    TokenStore store;
    auto result = await([&](auto done) { store.writeToken(kHost, kMarker, done); });
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));

    result = await([&](auto done) { store.readToken(kHost, done); });
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    QCOMPARE(result->token, kMarker);

    const QString replacement = kMarker + QStringLiteral("-rotated");
    result = await([&](auto done) { store.writeToken(kHost, replacement, done); });
    QVERIFY(result && result->ok());
    result = await([&](auto done) { store.readToken(kHost, done); });
    QVERIFY(result && result->ok());
    QCOMPARE(result->token, replacement);

    result = await([&](auto done) { store.deleteToken(kHost, done); });
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
    result = await([&](auto done) { store.readToken(kHost, done); });
    QVERIFY(result);
    QCOMPARE(statusName(result->status), QStringLiteral("NotFound"));
    QCOMPARE(result->message, QStringLiteral("No token is saved for token-store-test.invalid."));
  }

  void keepsOneTokenPerHost() {
    REQUIRE_KEYCHAIN();
    TokenStore store;
    const auto ok = [](const std::optional<TokenStoreResult>& result) { return result && result->ok(); };
    const auto tokenOf = [](const std::optional<TokenStoreResult>& result) {
      return result ? result->token : QString();
    };
    QVERIFY(ok(await([&](auto done) { store.writeToken(kHost, QStringLiteral("first-host"), done); })));
    QVERIFY(ok(await([&](auto done) { store.writeToken(kOtherHost, QStringLiteral("second-host"), done); })));
    QCOMPARE(tokenOf(await([&](auto done) { store.readToken(kHost, done); })), QStringLiteral("first-host"));
    QCOMPARE(tokenOf(await([&](auto done) { store.readToken(kOtherHost, done); })), QStringLiteral("second-host"));
    QVERIFY(ok(await([&](auto done) { store.deleteToken(kHost, done); })));
    QVERIFY(ok(await([&](auto done) { store.deleteToken(kOtherHost, done); })));
  }

  void deletingNothingSucceeds() {
    REQUIRE_KEYCHAIN();
    TokenStore store;
    const auto result = await([&](auto done) { store.deleteToken("https://never-saved.invalid", done); });
    QVERIFY(result);
    QVERIFY2(result->ok(), qPrintable(result->message));
  }

  void refusesAnEmptyToken() {
    TokenStore store;
    const auto result = await([&](auto done) { store.writeToken(kHost, QStringLiteral("  "), done); });
    QVERIFY(result);
    QCOMPARE(statusName(result->status), QStringLiteral("Failed"));
    QCOMPARE(result->message, QStringLiteral("The token is empty: nothing was saved."));
  }

  void dropsCallbacksOfADestroyedStore() {
    REQUIRE_KEYCHAIN();
    bool called = false;
    {
      TokenStore store;
      store.readToken(kHost, [&](TokenStoreResult) { called = true; });
    }
    QTest::qWait(500);
    QVERIFY(!called);
  }

  // QtKeychain picks its backend from the desktop: libsecret (Secret Service) by default, KWallet
  // on KDE. Its plaintext fallback lives on the KWallet path, so both are tried.
  void withoutKeychainSaysSoAndWritesNothing_data() {
    QTest::addColumn<QString>("desktop");
    QTest::newRow("Secret Service (GNOME and others)") << QString();
    QTest::newRow("KWallet (KDE)") << QStringLiteral("KDE");
  }
  // In a child process of this binary: the session bus address leads nowhere, HOME and the XDG
  // folders are empty temporary ones.
  void withoutKeychainSaysSoAndWritesNothing() {
    QFETCH(QString, desktop);
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString runtime = home.filePath(QStringLiteral("runtime"));
    QVERIFY(QDir().mkpath(runtime));
    QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    environment.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    environment.insert(QStringLiteral("XDG_STATE_HOME"), home.filePath(QStringLiteral("state")));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
    environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-bus-here")));
    environment.remove(QStringLiteral("DISPLAY"));  // or libsecret might autolaunch a bus through X11
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    for (const char* variable : {"XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION",
                                 "GNOME_DESKTOP_SESSION_ID"}) {
      environment.remove(QString::fromLatin1(variable));
    }
    if (!desktop.isEmpty()) {
      environment.insert(QStringLiteral("XDG_CURRENT_DESKTOP"), desktop);
      environment.insert(QStringLiteral("KDE_SESSION_VERSION"), QStringLiteral("4"));  // KWallet, unconditionally
    }
    environment.insert(QString::fromLatin1(kChildModeVariable), QStringLiteral("1"));

    QProcess child;
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(60000));
    const QString errors = QString::fromUtf8(child.readAllStandardError());
    QCOMPARE(child.exitCode(), 0);
    const QString output = QString::fromUtf8(child.readAllStandardOutput());
    QVERIFY2(!output.contains(kMarker) && !errors.contains(kMarker), "the token was printed");

    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    const QStringList write = lines.at(0).split(QLatin1Char('\t'));
    QCOMPARE(write.value(1), QStringLiteral("NoKeychain"));
    QCOMPARE(write.value(2),
             QStringLiteral("No OS keychain is available (Secret Service not running): the token was "
                            "not saved. Start gnome-keyring or KWallet, or use GH_TOKEN in a terminal."));
    QCOMPARE(lines.at(1).split(QLatin1Char('\t')).value(1), QStringLiteral("NoKeychain"));
    QVERIFY(lines.at(1).contains(QStringLiteral("no saved token can be read")));
    QCOMPARE(lines.at(2).split(QLatin1Char('\t')).value(1), QStringLiteral("NoKeychain"));

    // No plaintext fallback: not a single file appeared (no QSettings, no ini, no keyring file).
    QStringList files;
    QDirIterator it(home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) files << it.next();
    QVERIFY2(files.isEmpty(), qPrintable(files.join(QLatin1Char(' '))));
  }

 private:
  QString skipReason_;
  QTemporaryDir keyringHome_;
  QProcess daemon_;
};

// Like QTEST_GUILESS_MAIN, plus the child mode used by withoutKeychainSaysSoAndWritesNothing().
int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  if (qEnvironmentVariableIsSet(kChildModeVariable)) return runWithoutKeychain();
  TestTokenStore test;
  QTEST_SET_MAIN_SOURCE_PATH
  return QTest::qExec(&test, argc, argv);
}

#include "token_store_test.moc"
