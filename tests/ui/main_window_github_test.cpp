// The window on GitHub, as a release manager meets it: the sandbox by default, read
// asynchronously, the connection and its cost in the status bar, free second refreshes, a
// configured project without a token, a token GitHub refuses, and stale data after a failure.
#include "tests/ui/manifests.h"
#include "tests/ui/memory_token_vault.h"
#include "ui/actions/decision_desk.h"
#include "ui/approvals/approvals_model.h"
#include "ui/approvals/approvals_page.h"
#include "ui/candidates/candidate_detail_pane.h"
#include "ui/candidates/candidate_list_model.h"
#include "ui/candidates/candidates_view.h"
#include "ui/environment/environment_table_model.h"
#include "ui/environment/environment_view.h"
#include "ui/error_banner.h"
#include "ui/history/history_page.h"
#include "ui/main_window.h"
#include "ui/navigation_model.h"
#include "ui/project/project_setup_dialog.h"
#include "ui/session/desk_connection.h"
#include "ui/session/desk_settings.h"
#include "ui/status_indicator.h"
#include "ui/timeline/timeline_view.h"

#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace releasedesk;

namespace {

constexpr int kLoadTimeoutMs = 20000;

QStringList shownVerdicts(CandidatesView* view) {
  QStringList values;
  const QAbstractItemModel* shown = view->list()->model();
  for (int row = 0; row < shown->rowCount(); ++row) {
    values << shown->index(row, CandidateListModel::VerdictColumn).data().toString();
  }
  return values;
}

void forgetProject() {
  QSettings(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk")).remove(QStringLiteral("github"));
}

ApiSettings projectAt(const QString& apiBase) {
  ApiSettings api;
  api.apiBase = apiBase;
  api.repo = QStringLiteral("octo-org/shop");
  return api;
}

std::unique_ptr<MainWindow> windowWith(test::MemoryTokenVault*& vault) {
  auto tokens = std::make_unique<test::MemoryTokenVault>();
  vault = tokens.get();
  return std::make_unique<MainWindow>(std::move(tokens));
}

// A loopback "GitHub" that refuses every token: 401 with GitHub's body.
class RefusingServer : public QObject {
 public:
  RefusingServer() {
    QObject::connect(&server_, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket* socket = server_.nextPendingConnection()) {
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket] {
          // One request per connection is all the client sends before reading the answer.
          if (!socket->readAll().contains("\r\n\r\n")) return;
          const QByteArray body = R"({"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"})";
          socket->write(
              "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n"
              "Content-Length: " +
              QByteArray::number(body.size()) + "\r\n\r\n" + body);
          socket->disconnectFromHost();
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      }
    });
  }
  bool listen() { return server_.listen(QHostAddress::LocalHost); }
  QString apiBase() const { return QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort()); }

 private:
  QTcpServer server_;
};

// A loopback "GitHub" whose list of acceptance runs never ends: each page names the next one.
// Everything else is empty.
class EndlessListServer : public QObject {
 public:
  EndlessListServer() {
    QObject::connect(&server_, &QTcpServer::newConnection, this, [this] {
      while (QTcpSocket* socket = server_.nextPendingConnection()) {
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
          const QByteArray request = socket->readAll();
          if (!request.contains("\r\n\r\n")) return;
          const QByteArray target = request.split(' ').value(1);
          QByteArray body = R"({"message":"Not Found"})";
          QByteArray status = "404 Not Found";
          QByteArray link;
          if (target.contains("/acceptance-stage.yml/runs")) {
            status = "200 OK";
            body = R"({"total_count":100000,"workflow_runs":[]})";
            link = "Link: <" + apiBase().toUtf8() +
                   "/repos/octo-org/shop/actions/workflows/acceptance-stage.yml/runs?per_page=100&page=" +
                   QByteArray::number(++pages_ + 1) + ">; rel=\"next\"\r\n";
          } else if (target.contains("/runs")) {
            status = "200 OK";
            body = R"({"total_count":0,"workflow_runs":[]})";
          } else if (target.contains("/deployments")) {
            status = "200 OK";
            body = "[]";
          }
          socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nConnection: close\r\n" + link +
                        "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
          socket->disconnectFromHost();
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
      }
    });
  }
  bool listen() { return server_.listen(QHostAddress::LocalHost); }
  QString apiBase() const { return QStringLiteral("http://127.0.0.1:%1").arg(server_.serverPort()); }

 private:
  QTcpServer server_;
  int pages_ = 0;
};

}  // namespace

class TestGitHubDesk : public QObject {
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

  void withoutAProjectTheSandboxLoadsAsynchronously() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    QSignalSpy finished(window.get(), &MainWindow::loadFinished);
    window->openProject();

    // Nothing is read inside the call: the list fills from the event loop, with progress meanwhile.
    QVERIFY(window->isLoading());
    QVERIFY2(window->progressText().contains(QStringLiteral("contoso/shop")), qPrintable(window->progressText()));
    QVERIFY(!window->action(QStringLiteral("refresh"))->isEnabled());
    QCOMPARE(window->candidatesView()->list()->model()->rowCount(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(window->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!window->isLoading());
    QVERIFY(window->progressText().isEmpty());
    QVERIFY(window->action(QStringLiteral("refresh"))->isEnabled());
    QCOMPARE(vault->reads, 0);  // the sandbox needs no token

    const QStringList verdicts = shownVerdicts(window->candidatesView());
    QCOMPARE(verdicts.count(QStringLiteral("accepted")), 4);
    QCOMPARE(verdicts.count(QStringLiteral("rejected")), 1);
    QCOMPARE(verdicts.count(QStringLiteral("invalid")), 1);
    QCOMPARE(window->navigationModel()->badge(MainWindow::CandidatesPage), 2);

    QVERIFY(window->source().isGitHub());
    QCOMPARE(window->findChild<QLabel*>(QStringLiteral("sourceLabel"))->text(),
             QStringLiteral("Sandbox · contoso/shop · production"));
    QVERIFY(window->windowTitle().startsWith(QStringLiteral("contoso/shop")));
    QVERIFY(window->freshness()->text().startsWith(QStringLiteral("read at ")));
    QVERIFY(!window->isStale());

    // The status bar: the connection by icon and word, what it cost, and the rate limit left.
    QVERIFY(window->connection()->isSandbox());
    QCOMPARE(window->connectionState(), ConnectionState::Sandbox);
    QCOMPARE(window->connectionStatus()->text(), QStringLiteral("sandbox: Sandbox · contoso/shop · production"));
    QVERIFY(window->connectionStatus()->hasIcon());
    const RequestCounters& counters = window->connection()->counters();
    QVERIFY(counters.requests > 0);
    QCOMPARE(window->requestsStatus()->text(), QStringLiteral("%1 requests (%2 cached)")
                                                   .arg(QLocale().toString(counters.requests))
                                                   .arg(QLocale().toString(counters.notModified)));
    const auto rate = window->connection()->lastRateLimit();
    QVERIFY(rate.has_value());
    QVERIFY(rate->remaining > 0 && rate->remaining < rate->limit);
    const QString rateText = window->rateLimitStatus()->text();
    QVERIFY2(rateText.startsWith(QStringLiteral("rate limit %1 / %2, resets ")
                                     .arg(QLocale().toString(rate->remaining), QLocale().toString(rate->limit))),
             qPrintable(rateText));
    // GraphQL's points join the line once a GraphQL answer reported them.
    if (!window->connection()->lastGraphQLRateLimit()) {
      QVERIFY2(!rateText.contains(QStringLiteral("GraphQL")), qPrintable(rateText));
      window->connection()->client().getGraphQLRateLimit([](const Result<GraphQLRateLimit>&) {});
    }
    QTRY_VERIFY_WITH_TIMEOUT(window->connection()->lastGraphQLRateLimit().has_value(), kLoadTimeoutMs);
    const GraphQLRateLimit points = *window->connection()->lastGraphQLRateLimit();
    QVERIFY(points.remaining > 0 && points.remaining < points.limit);
    QTRY_VERIFY2(window->rateLimitStatus()->text().endsWith(
                     QStringLiteral(" · GraphQL %1/%2")
                         .arg(QLocale().toString(points.remaining), QLocale().toString(points.limit))),
                 qPrintable(window->rateLimitStatus()->text()));

    // Details name the run and artifact the evidence came from.
    QVERIFY(window->candidatesView()->detailPane()->isShowingCandidate());
  }

  // Only Candidates is made with the window (issue #12: the start to the first full paint); the
  // other pages once the first read is painted, named and connected as if made with it, or at
  // once when navigated to.
  void theOtherPagesAreMadeOnceTheFirstReadIsPainted() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    QCOMPARE(window->navigationModel()->rowCount(), 5);
    QVERIFY(window->findChild<EnvironmentView*>() == nullptr);
    QVERIFY(window->findChild<TimelineView*>() == nullptr);
    QVERIFY(window->findChild<ApprovalsPage*>() == nullptr);
    QVERIFY(window->findChild<HistoryPage*>() == nullptr);
    window->openSandbox();
    QTRY_COMPARE_WITH_TIMEOUT(window->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(window->findChild<HistoryPage*>() != nullptr, kLoadTimeoutMs);
    QCOMPARE(window->findChildren<DeskPage*>().size(), 5);
    const QString sandbox = QStringLiteral("Sandbox · contoso/shop · production");
    for (const DeskPage* page : window->findChildren<DeskPage*>()) QCOMPARE(page->sourceName(), sandbox);
    // Made while Candidates is shown: the stack still shows it, and each page in its row.
    auto* stack = window->findChild<QStackedWidget*>(QStringLiteral("pages"));
    QCOMPARE(stack->currentWidget(), window->candidatesView());
    for (int row = 0; row < 5; ++row) QCOMPARE(stack->widget(row), window->pages()[static_cast<std::size_t>(row)]);
    // Shown, a page made late reads through the connection as any other.
    window->action(QStringLiteral("showEnvironment"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window->environmentView()->hasReport(), kLoadTimeoutMs);
  }

  void aPageNavigatedToBeforeTheFirstReadIsMadeThen() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    window->action(QStringLiteral("showTimeline"))->trigger();
    auto* timeline = window->findChild<TimelineView*>();
    QVERIFY(timeline != nullptr);
    QCOMPARE(window->findChild<QStackedWidget*>(QStringLiteral("pages"))->currentWidget(), timeline);
    QCOMPARE(window->timelineView(), timeline);
    QVERIFY(window->findChild<EnvironmentView*>() == nullptr);
    window->action(QStringLiteral("showCandidates"))->trigger();
    QCOMPARE(window->findChild<QStackedWidget*>(QStringLiteral("pages"))->currentWidget(), window->candidatesView());
  }

  void aSecondRefreshCostsNoRateLimitAndDownloadsNothing() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    window->openSandbox();
    QTRY_COMPARE_WITH_TIMEOUT(window->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs);
    DeskConnection* connection = window->connection();
    // The desk reads each candidate's relation to live once the evidence is painted: let it finish.
    QTRY_VERIFY_WITH_TIMEOUT(window->decisionDesk()->hasContext() && !window->decisionDesk()->isReading(),
                             kLoadTimeoutMs);
    const RequestCounters first = connection->counters();
    const int downloads = connection->downloads();
    QCOMPARE(downloads, 6);
    QVERIFY(window->candidatesView()->selectCandidate(QStringLiteral("85d2a9aa")));

    QSignalSpy finished(window.get(), &MainWindow::loadFinished);
    QSignalSpy contextRead(window->decisionDesk(), &DecisionDesk::contextChanged);
    window->action(QStringLiteral("refresh"))->trigger();
    QVERIFY(window->isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLoadTimeoutMs);
    QCOMPARE(finished.first().first().toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(!contextRead.isEmpty() && !window->decisionDesk()->isReading(), kLoadTimeoutMs);

    // Every conditional request was answered 304: no rate limit spent, no artifact downloaded again.
    const RequestCounters second = connection->counters();
    QVERIFY(second.requests > first.requests);
    QCOMPARE(second.notModified - first.notModified, second.requests - first.requests);
    QCOMPARE(second.rateLimitCost, first.rateLimitCost);
    QCOMPARE(connection->downloads(), downloads);
    // Same rows, same selection, and the status bar caught up.
    QCOMPARE(window->candidatesView()->list()->model()->rowCount(), 6);
    QVERIFY(window->candidatesView()->selectedSha().startsWith(QStringLiteral("85d2a9aa")));
    QVERIFY2(window->requestsStatus()->text().contains(
                 QStringLiteral("(%1 cached)").arg(QLocale().toString(second.notModified))),
             qPrintable(window->requestsStatus()->text()));

    // GitHub's own count agrees: another refresh leaves the remaining rate limit where it was.
    // (Compared from the second refresh on: the first one's last headers predate its downloads,
    // whose answers come from the storage host without rate-limit headers.)
    const int remaining = connection->lastRateLimit()->remaining;
    const QString rateText = window->rateLimitStatus()->text();
    window->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kLoadTimeoutMs);
    QCOMPARE(connection->lastRateLimit()->remaining, remaining);
    QCOMPARE(connection->counters().rateLimitCost, first.rateLimitCost);
    QCOMPARE(window->rateLimitStatus()->text(), rateText);
  }

  void useSandboxKeepsTheConfiguredProject() {
    DeskSettings().setApiSettings(projectAt(QStringLiteral("https://api.github.com")));
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    window->action(QStringLiteral("useSandbox"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs);
    QVERIFY(window->connection()->isSandbox());
    QCOMPARE(vault->reads, 0);
    QVERIFY(DeskSettings().hasProject());
    QCOMPARE(DeskSettings().apiSettings().repo, QStringLiteral("octo-org/shop"));
  }

  void aProjectWithoutATokenSaysSoAndOffersSetUp() {
    DeskSettings().setApiSettings(projectAt(QStringLiteral("https://api.github.com")));
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    QSignalSpy finished(window.get(), &MainWindow::loadFinished);
    window->openProject();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLoadTimeoutMs);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(vault->reads, 1);

    ErrorBanner* banner = window->banner();
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->headline().contains(QStringLiteral("No GitHub token for api.github.com")),
             qPrintable(banner->headline()));
    QVERIFY(banner->advice().contains(QStringLiteral("Set Up…")));
    // Nothing to try again: the keychain answered, it just has no token.
    QVERIFY(banner->findChild<QAbstractButton*>(QStringLiteral("errorBannerRetry"))->isHidden());
    auto* setUp = banner->findChild<QAbstractButton*>(QStringLiteral("errorBannerFix"));
    QVERIFY(setUp != nullptr && !setUp->isHidden());
    QCOMPARE(setUp->text(), QStringLiteral("Set &Up…"));

    // Not connected, and said so in words; nothing was read with some other token.
    QVERIFY(window->connection() == nullptr);
    QCOMPARE(window->connectionState(), ConnectionState::NotConnected);
    QCOMPARE(window->connectionStatus()->text(),
             QStringLiteral("not connected: api.github.com · octo-org/shop · production"));
    QVERIFY(window->requestsStatus()->isHidden());
    QCOMPARE(window->candidatesView()->list()->model()->rowCount(), 0);

    // Set Up… opens the dialog on the configured project.
    setUp->click();
    auto* dialog = window->findChild<ProjectSetupDialog*>();
    QVERIFY(dialog != nullptr);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->project().repo, QStringLiteral("octo-org/shop"));
    QCOMPARE(dialog->apiBase(), QStringLiteral("https://api.github.com"));
    dialog->reject();
  }

  void aKeychainThatCannotAnswerCanBeTriedAgain() {
    DeskSettings().setApiSettings(projectAt(QStringLiteral("https://api.github.com")));
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    vault->readFailure = TokenStoreStatus::NoKeychain;
    window->openProject();
    QTRY_VERIFY_WITH_TIMEOUT(!window->banner()->isHidden(), kLoadTimeoutMs);
    QCOMPARE(window->banner()->headline(), vault->failureMessage);
    QVERIFY(!window->banner()->findChild<QAbstractButton*>(QStringLiteral("errorBannerFix"))->isHidden());
    auto* retry = window->banner()->findChild<QAbstractButton*>(QStringLiteral("errorBannerRetry"));
    QVERIFY(!retry->isHidden());

    // Once the keychain answers with a token, Try Again connects (here to a host that refuses it).
    RefusingServer server;
    QVERIFY(server.listen());
    DeskSettings().setApiSettings(projectAt(server.apiBase()));
    vault->readFailure = TokenStoreStatus::Ok;
    vault->tokens.insert(server.apiBase(), QStringLiteral("ghp_revoked"));
    retry->click();
    QTRY_VERIFY_WITH_TIMEOUT(window->connection() != nullptr, kLoadTimeoutMs);
    QCOMPARE(vault->reads, 2);
  }

  void aRefusedTokenOffersSetUp() {
    RefusingServer server;
    QVERIFY(server.listen());
    DeskSettings().setApiSettings(projectAt(server.apiBase()));
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    vault->tokens.insert(server.apiBase(), QStringLiteral("ghp_revoked"));
    QSignalSpy finished(window.get(), &MainWindow::loadFinished);
    window->openProject();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLoadTimeoutMs);
    QCOMPARE(finished.first().first().toBool(), false);

    // GitHub's own sentence, what to do, and the Set Up… button beside Try Again.
    ErrorBanner* banner = window->banner();
    QVERIFY2(banner->headline().contains(QStringLiteral("401")), qPrintable(banner->headline()));
    QVERIFY2(banner->advice().contains(QStringLiteral("new token")), qPrintable(banner->advice()));
    QVERIFY(!banner->findChild<QAbstractButton*>(QStringLiteral("errorBannerFix"))->isHidden());
    QVERIFY(!banner->findChild<QAbstractButton*>(QStringLiteral("errorBannerRetry"))->isHidden());
    QCOMPARE(window->connectionState(), ConnectionState::Failed);
    QVERIFY(window->connectionStatus()->text().startsWith(QStringLiteral("failed: 127.0.0.1:")));
    // The token reached only the connection, never the window's text.
    QVERIFY(!banner->headline().contains(QStringLiteral("ghp_revoked")));
    QVERIFY(!window->connectionStatus()->toolTip().contains(QStringLiteral("ghp_revoked")));
  }

  // A list cut at the page cap is shown, and said in the banner: never silently partial.
  void aListCutAtThePageCapIsSaidInTheBanner() {
    EndlessListServer server;
    QVERIFY(server.listen());
    DeskSettings().setApiSettings(projectAt(server.apiBase()));
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    vault->tokens.insert(server.apiBase(), QStringLiteral("ghp_paged"));
    QSignalSpy finished(window.get(), &MainWindow::loadFinished);
    window->openProject();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kLoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!window->banner()->isHidden(), kLoadTimeoutMs);
    QVERIFY2(window->banner()->headline().contains(QStringLiteral("more than 50 pages")),
             qPrintable(window->banner()->headline()));
    QVERIFY2(window->banner()->advice().contains(QStringLiteral("part of")), qPrintable(window->banner()->advice()));
    QTest::qWait(500);  // the reads that finish after it do not take it away
    QVERIFY(!window->banner()->isHidden());
  }

  void aFailedRefreshKeepsTheDataAndMarksItStale() {
    QTemporaryDir tree;
    const QString sha = QStringLiteral("1111111111111111111111111111111111111111");
    QVERIFY(test::writeManifest(tree.path(), sha, test::manifestFor(sha)));
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    QVERIFY(window->openFolder(tree.path()));
    QVERIFY(!window->isStale());
    const QString readAt = window->freshness()->text();
    QVERIFY(readAt.startsWith(QStringLiteral("read at ")));
    QVERIFY(!window->freshness()->hasIcon());

    QVERIFY(tree.remove());
    QVERIFY(!window->refresh());
    QVERIFY(window->isStale());
    QCOMPARE(window->candidatesView()->list()->model()->rowCount(), 1);
    // Marked by an icon and the word, with its age.
    QVERIFY(window->freshness()->hasIcon());
    QVERIFY2(window->freshness()->text().startsWith(QStringLiteral("stale: ") + readAt),
             qPrintable(window->freshness()->text()));
    QVERIFY(window->freshness()->text().contains(QStringLiteral("ago")));
    QVERIFY(!window->banner()->isHidden());

    // A good read clears the mark.
    window->showSample();
    QVERIFY(!window->isStale());
    QVERIFY(!window->freshness()->hasIcon());
  }

  void switchingSourcesWhileReadingDropsTheLateAnswer() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    window->openSandbox();
    QVERIFY(window->isLoading());
    window->showSample();  // before the sandbox answers
    QVERIFY(!window->isLoading());
    QVERIFY(window->source().isSample());
    QTest::qWait(200);
    QVERIFY(window->source().isSample());
    QVERIFY(window->windowTitle().contains(QStringLiteral("Sample")));
  }

  // One source at a time: sandbox → a host that refuses connections → sandbox. At every step the
  // header and every view name the source being read, and nothing of the previous one is shown
  // or exportable under the new name.
  void switchingSourcesClearsEveryView() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    QTemporaryDir cache;
    window->timelineView()->setCacheDirectory(cache.path());
    const QString sandbox = QStringLiteral("Sandbox · contoso/shop · production");
    const auto sourceLabel = [&] { return window->findChild<QLabel*>(QStringLiteral("sourceLabel"))->text(); };
    EnvironmentView* environment = window->environmentView();
    TimelineView* timeline = window->timelineView();

    // 1. The sandbox, with every view read.
    window->openSandbox();
    QTRY_COMPARE_WITH_TIMEOUT(window->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs);
    window->action(QStringLiteral("showEnvironment"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(environment->hasReport(), kLoadTimeoutMs);
    window->action(QStringLiteral("showTimeline"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(timeline->timeline() && !timeline->isRefreshing() && !timeline->isStale(), kLoadTimeoutMs);
    QCOMPARE(sourceLabel(), sandbox);
    for (DeskPage* page : window->pages()) QCOMPARE(page->sourceName(), sandbox);
    QVERIFY(environment->model()->rowCount() > 0);
    QVERIFY(environment->exportJsonButton()->isEnabled());
    QVERIFY(environment->exportMarkdownButton()->isEnabled());
    QVERIFY(!timeline->timeline()->runs.empty());

    // 2. A project on a host that refuses connections.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    const QString unreachable = QStringLiteral("http://127.0.0.1:%1").arg(port);
    probe.close();
    DeskSettings().setApiSettings(projectAt(unreachable));
    vault->tokens.insert(unreachable, QStringLiteral("ghp_test"));
    QSignalSpy finished(window.get(), &MainWindow::loadFinished);
    window->openProject();
    const QString other = QStringLiteral("127.0.0.1:%1 · octo-org/shop · production").arg(port);
    const auto nothingOfTheSandbox = [&] {
      QCOMPARE(sourceLabel(), other);
      QVERIFY2(window->windowTitle().startsWith(QStringLiteral("octo-org/shop")), qPrintable(window->windowTitle()));
      for (DeskPage* page : window->pages()) {
        if (page != window->historyPage())
          QVERIFY2(page->sourceName().startsWith(other), qPrintable(page->sourceName()));
      }
      QCOMPARE(window->candidatesView()->list()->model()->rowCount(), 0);
      QCOMPARE(environment->model()->rowCount(), 0);
      QVERIFY(!environment->hasReport());
      QVERIFY(!environment->exportJsonButton()->isEnabled());
      QVERIFY(!environment->exportMarkdownButton()->isEnabled());
      QVERIFY(!environment->exportJson(cache.filePath(QStringLiteral("environment.json"))));
      QVERIFY(!environment->summaryText().contains(QStringLiteral("ready")));
      QVERIFY(timeline->timeline() == nullptr);
      QVERIFY(timeline->doraText().contains(QStringLiteral("n/a")));
      QCOMPARE(window->approvalsPage()->model()->rowCount(), 0);
      QCOMPARE(window->navigationModel()->badge(MainWindow::CandidatesPage), 0);
    };
    nothingOfTheSandbox();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 4 * kLoadTimeoutMs);
    QCOMPARE(finished.first().first().toBool(), false);
    QTRY_VERIFY_WITH_TIMEOUT(!timeline->isRefreshing(), 4 * kLoadTimeoutMs);
    nothingOfTheSandbox();
    QCOMPARE(window->freshness()->text(), QStringLiteral("not read"));
    // The banner does not claim to still show anything.
    QVERIFY2(!window->banner()->advice().contains(QStringLiteral("Still showing")),
             qPrintable(window->banner()->advice()));
    window->action(QStringLiteral("showEnvironment"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!environment->isRefreshing(), 4 * kLoadTimeoutMs);
    QVERIFY2(environment->errorText().contains(other), qPrintable(environment->errorText()));
    QVERIFY(!environment->errorText().contains(QStringLiteral("last successful check")));
    nothingOfTheSandbox();

    // 3. Back to the sandbox: its cached timeline at once, marked with its age; the rest read again.
    window->openSandbox();
    QCOMPARE(sourceLabel(), sandbox);
    for (DeskPage* page : window->pages()) QCOMPARE(page->sourceName(), sandbox);
    QCOMPARE(window->candidatesView()->list()->model()->rowCount(), 0);
    QVERIFY(timeline->timeline() != nullptr);
    QVERIFY2(timeline->staleText().contains(QStringLiteral("old")), qPrintable(timeline->staleText()));
    QTRY_COMPARE_WITH_TIMEOUT(window->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(environment->hasReport(), kLoadTimeoutMs);
    QVERIFY(environment->exportJsonButton()->isEnabled());
    QVERIFY(environment->summaryText().startsWith(QStringLiteral("production: ")));
  }

  // The busy bar says what it reads and offers Cancel; Esc does the same. A cancelled refresh
  // keeps the candidates on screen, marked stale.
  void escOrCancelStopsTheReading() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    window->show();
    window->openSandbox();
    QVERIFY(window->isLoading());
    QVERIFY2(window->progressText().contains(QStringLiteral("contoso/shop")), qPrintable(window->progressText()));
    QVERIFY(window->cancelButton()->isVisibleTo(window.get()));
    window->cancelButton()->click();
    QVERIFY(!window->isLoading());
    QVERIFY(!window->cancelButton()->isVisibleTo(window.get()));
    // Nothing was read yet: the header still names the source, and says so.
    QCOMPARE(window->findChild<QLabel*>(QStringLiteral("sourceLabel"))->text(),
             QStringLiteral("Sandbox · contoso/shop · production"));
    QCOMPARE(window->freshness()->text(), QStringLiteral("not read"));

    QVERIFY(window->refresh());
    QTRY_COMPARE_WITH_TIMEOUT(window->candidatesView()->list()->model()->rowCount(), 6, kLoadTimeoutMs);
    QVERIFY(!window->isStale());
    window->refresh();
    QVERIFY(window->isLoading());
    QTest::keyClick(window.get(), Qt::Key_Escape);
    QVERIFY(!window->isLoading());
    QVERIFY(window->isStale());
    QCOMPARE(window->candidatesView()->list()->model()->rowCount(), 6);
    QVERIFY2(window->freshness()->text().startsWith(QStringLiteral("stale: ")),
             qPrintable(window->freshness()->text()));
  }

  void projectActionsHaveShortcuts() {
    test::MemoryTokenVault* vault = nullptr;
    const auto window = windowWith(vault);
    QCOMPARE(window->action(QStringLiteral("setUpProject"))->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    QCOMPARE(window->action(QStringLiteral("useSandbox"))->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    QCOMPARE(window->action(QStringLiteral("openProject"))->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  }
};

QTEST_MAIN(TestGitHubDesk)
#include "main_window_github_test.moc"
