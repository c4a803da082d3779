// The desk's session without any window: the sandbox read asynchronously, a refresh, a failing
// folder marking what is on screen stale, a superseded load's answer dropped, and no token.
#include "ui/desk_session.h"
#include "tests/ui/manifests.h"
#include "tests/ui/memory_token_vault.h"
#include "ui/session/desk_connection.h"
#include "ui/session/desk_settings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace releasedesk;

namespace {

constexpr int kLoadTimeoutMs = 20000;

const QString kSha = QStringLiteral("1111111111111111111111111111111111111111");

void forgetProject() {
  QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk")).remove(QStringLiteral("github"));
}

std::unique_ptr<DeskSession> sessionWith(test::MemoryTokenVault*& vault) {
  auto tokens = std::make_unique<test::MemoryTokenVault>();
  vault = tokens.get();
  return std::make_unique<DeskSession>(std::move(tokens));
}

}  // namespace

class TestDeskSession : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk"))
                .fileName()
                .contains(QStringLiteral(".qttest")));
  }

  void init() {
    forgetProject();
    DeskSettings().clearRecentFolders();
  }

  void cleanupTestCase() { forgetProject(); }

  void theSandboxLoadsItsCandidatesAsynchronously() {
    test::MemoryTokenVault* vault = nullptr;
    const auto session = sessionWith(vault);
    QSignalSpy loaded(session.get(), &DeskSession::candidatesLoaded);
    QSignalSpy finished(session.get(), &DeskSession::loadFinished);
    QSignalSpy connected(session.get(), &DeskSession::connectionChanged);
    session->openSandbox();

    // Connected at once, read from the event loop.
    QCOMPARE(connected.size(), 1);
    QVERIFY(session->connection() != nullptr);
    QVERIFY(session->connection()->isSandbox());
    QCOMPARE(session->connectionState(), ConnectionState::Connecting);
    QVERIFY(session->isLoading());
    QVERIFY(session->progressText().contains(QStringLiteral("contoso/shop")));
    QVERIFY(!session->canRefresh());
    QCOMPARE(loaded.size(), 0);

    QVERIFY(loaded.wait(kLoadTimeoutMs));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!session->isLoading());
    QVERIFY(session->progressText().isEmpty());
    QVERIFY(session->canRefresh());
    QCOMPARE(session->catalog().candidates.size(), std::size_t{6});
    QVERIFY(session->source().isGitHub());
    QCOMPARE(loaded.first().at(1).value<CandidateSource>().repository, QStringLiteral("contoso/shop"));
    QVERIFY(loaded.first().at(2).toString().startsWith(QStringLiteral("Read 6 candidates with ")));
    QVERIFY(session->hasData());
    QVERIFY(!session->isStale());
    QCOMPARE(session->connectionState(), ConnectionState::Sandbox);
    QVERIFY(session->connectionProblem().isEmpty());
    QCOMPARE(vault->reads, 0);  // the sandbox needs no token

    // A refresh reads through the same connection and replaces what is shown.
    DeskConnection* connection = session->connection();
    const QDateTime firstRead = session->loadedAt();
    QVERIFY(session->refresh());
    QVERIFY(session->isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kLoadTimeoutMs);
    QCOMPARE(finished.last().first().toBool(), true);
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(session->connection(), connection);
    QCOMPARE(connected.size(), 1);
    QVERIFY(session->loadedAt() >= firstRead);
    QCOMPARE(session->catalog().candidates.size(), std::size_t{6});
  }

  void aFailingFolderMarksWhatIsShownStale() {
    QTemporaryDir tree;
    QVERIFY(test::writeManifest(tree.path(), kSha, test::manifestFor(kSha)));
    test::MemoryTokenVault* vault = nullptr;
    const auto session = sessionWith(vault);
    QVERIFY(session->openFolder(tree.path()));
    QVERIFY(session->source().isFolder());
    QVERIFY(!session->isStale());
    QCOMPARE(DeskSettings().recentFolders().value(0), QDir::cleanPath(tree.path()));

    QSignalSpy failed(session.get(), &DeskSession::loadFailed);
    QSignalSpy finished(session.get(), &DeskSession::loadFinished);
    QVERIFY(tree.remove());
    QVERIFY(!session->refresh());
    QCOMPARE(failed.size(), 1);
    const auto failure = failed.first().first().value<DeskSession::Failure>();
    QCOMPARE(failure.kind, DeskSession::Failure::Kind::Folder);
    QCOMPARE(failure.attempted, session->source());
    QVERIFY(!failure.what.isEmpty());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);

    // The data stays, marked stale since the failure, and Try Again reads that folder again.
    QVERIFY(session->hasData());
    QVERIFY(session->isStale());
    QVERIFY(session->staleSince() >= session->loadedAt());
    QCOMPARE(session->catalog().candidates.size(), std::size_t{1});
    QVERIFY(session->canRetry());
    QVERIFY(test::writeManifest(tree.path(), kSha, test::manifestFor(kSha)));
    session->retry();
    QVERIFY(!session->isStale());
    QCOMPARE(finished.last().first().toBool(), true);

    // Failing to open something else leaves what is shown as true as it was.
    QVERIFY(!session->openFolder(tree.filePath(QStringLiteral("no-such-folder"))));
    QVERIFY(!session->isStale());
    QVERIFY(session->source().isFolder());
  }

  void aSupersededLoadsAnswerIsDropped() {
    test::MemoryTokenVault* vault = nullptr;
    const auto session = sessionWith(vault);
    QSignalSpy loaded(session.get(), &DeskSession::candidatesLoaded);
    QSignalSpy finished(session.get(), &DeskSession::loadFinished);
    session->openSandbox();
    QVERIFY(session->isLoading());
    session->showSample();  // before the sandbox answers
    QVERIFY(!session->isLoading());
    QVERIFY(session->source().isSample());
    QCOMPARE(loaded.size(), 1);

    // Once the sandbox's answer has arrived, it is dropped and nothing more is reported.
    QTRY_VERIFY_WITH_TIMEOUT(!session->connection()->isRefreshing(), kLoadTimeoutMs);
    QTest::qWait(50);
    QVERIFY(session->source().isSample());
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(finished.size(), 1);
  }

  // Esc while refreshing: the reading stops at once, what was shown stays, marked stale, and the
  // late answer is dropped. Cancelling with nothing under way does nothing.
  void aCancelledRefreshKeepsTheDataMarkedStale() {
    test::MemoryTokenVault* vault = nullptr;
    const auto session = sessionWith(vault);
    QVERIFY(!session->cancel());
    QSignalSpy loaded(session.get(), &DeskSession::candidatesLoaded);
    session->openSandbox();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeoutMs);
    const QDateTime readAt = session->loadedAt();
    const auto rows = session->catalog().candidates.size();
    QVERIFY(rows > 0);

    QVERIFY(session->refresh());
    QVERIFY(session->isLoading());
    QVERIFY(!session->progressText().isEmpty());
    QVERIFY(session->cancel());
    QVERIFY(!session->isLoading());
    QVERIFY(session->isStale());
    QCOMPARE(session->loadedAt(), readAt);
    QCOMPARE(session->catalog().candidates.size(), rows);
    QVERIFY2(session->connectionProblem().contains(QStringLiteral("cancelled")),
             qPrintable(session->connectionProblem()));
    QVERIFY(session->canRefresh());
    QTRY_VERIFY_WITH_TIMEOUT(!session->connection()->isRefreshing(), kLoadTimeoutMs);
    QTest::qWait(50);
    QCOMPARE(loaded.size(), 1);  // the cancelled reading's answer never arrives on screen
    QVERIFY(session->isStale());

    // Reading again clears the mark.
    QVERIFY(session->refresh());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, kLoadTimeoutMs);
    QVERIFY(!session->isStale());
  }

  // A switch to another repository drops what was shown at once, before anything is read.
  void aSwitchDropsThePreviousSourcesData() {
    test::MemoryTokenVault* vault = nullptr;
    const auto session = sessionWith(vault);
    QSignalSpy loaded(session.get(), &DeskSession::candidatesLoaded);
    QSignalSpy switched(session.get(), &DeskSession::sourceSwitched);
    session->openSandbox();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, kLoadTimeoutMs);
    QCOMPARE(switched.size(), 0);  // the first source replaces nothing
    ApiSettings api;
    api.apiBase = QStringLiteral("https://github.example.com/api/v3");
    api.repo = QStringLiteral("octo-org/shop");
    DeskSettings().setApiSettings(api);
    session->openProject();
    QCOMPARE(switched.size(), 1);
    QVERIFY(session->hasSource());
    QVERIFY(!session->hasData());
    QVERIFY(session->catalog().candidates.empty());
    QCOMPARE(session->source().connection, QStringLiteral("github.example.com · octo-org/shop · production"));
    // The sandbox's connection is let go of at once: nothing reads it under the new name.
    QVERIFY(session->connection() == nullptr);
  }

  void aProjectWithoutATokenIsNotConnected() {
    ApiSettings api;
    api.apiBase = QStringLiteral("https://api.github.com");
    api.repo = QStringLiteral("octo-org/shop");
    DeskSettings().setApiSettings(api);
    test::MemoryTokenVault* vault = nullptr;
    const auto session = sessionWith(vault);
    QSignalSpy failed(session.get(), &DeskSession::loadFailed);
    session->openProject();
    QVERIFY(session->isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kLoadTimeoutMs);
    QCOMPARE(vault->reads, 1);
    const auto failure = failed.first().first().value<DeskSession::Failure>();
    QCOMPARE(failure.kind, DeskSession::Failure::Kind::Token);
    QVERIFY2(failure.what.contains(QStringLiteral("No GitHub token for api.github.com")), qPrintable(failure.what));
    QVERIFY(session->connection() == nullptr);
    QCOMPARE(session->connectionState(), ConnectionState::NotConnected);
    QCOMPARE(session->connectionDescription(), QStringLiteral("api.github.com · octo-org/shop · production"));
    QCOMPARE(session->connectionProblem(), failure.what);
    // The keychain answered; it just has no token: reading it again would not help.
    QVERIFY(!session->canRetry());
    QVERIFY(!session->hasData());
  }
};

QTEST_MAIN(TestDeskSession)
#include "desk_session_test.moc"
