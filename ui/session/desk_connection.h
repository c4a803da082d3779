// The desktop's connection to one GitHub repository, or to the in-process sandbox: it owns a
// GitHubConnection and the candidate feed, and signals when requests or the rate limit change.
#pragma once

#include "ui/session/desk_settings.h"

#include "core/evidence/artifact_tree.h"
#include "core/github/connection_doctor.h"
#include "core/github/github_client.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace releasedesk {

class CandidateFeed;
class GitHubConnection;

// What one candidate refresh brought.
struct CandidateRefresh {
  CandidateCatalog catalog;   // catalog.error says why the runs could not be listed
  bool unauthorized = false;  // GitHub answered 401 during the refresh: the fix is a new token
  int downloads = 0;          // evidence artifacts downloaded by this refresh (0 once all are cached)
  RequestCounters cost;       // what this refresh cost
};

// Thread: create, use and destroy it on the GUI thread. Every callback and signal comes from the
// GUI thread's event loop, never inside the call that started the work. Destroying the connection
// drops the callbacks of work still in flight; do not destroy it from inside one of its callbacks.
class DeskConnection final : public QObject {
  Q_OBJECT

 public:
  // The built-in sandbox repository (contoso/shop, environment production), answered in-process.
  static std::unique_ptr<DeskConnection> openSandbox();
  // The project of `api` on its GitHub host. `token` may be empty (only public data is readable
  // then); `tokenSource` names where it came from in the connection doctor ("the keychain"),
  // never the token itself.
  static std::unique_ptr<DeskConnection> openProject(const ApiSettings& api, const QString& token,
                                                     const QString& tokenSource);

  ~DeskConnection() override;

  // "Sandbox · contoso/shop · production", "api.github.com · owner/repo · production".
  QString description() const;
  // "Sandbox", "api.github.com", "127.0.0.1:8080".
  QString hostName() const;
  // How a project on a GitHub host is described, before or without a connection to it.
  static QString describe(const ApiSettings& api);
  static QString hostNameOf(const QString& apiBase);
  bool isSandbox() const;
  bool hasToken() const;
  // Where the token came from ("the keychain"), for messages; never the token.
  QString tokenSource() const;
  // The project's settings; for the sandbox, its fixed API base, repository and workflows.
  const ApiSettings& settings() const { return settings_; }

  GitHubClient& client();
  Scheduler& scheduler();
  const RequestCounters& counters() const;
  std::optional<RateLimit> lastRateLimit() const;
  // GraphQL's budget in points, as the latest GraphQL answer reported it; none before one.
  std::optional<GraphQLRateLimit> lastGraphQLRateLimit() const;

  // Reads the candidates from the acceptance runs' evidence artifacts. Artifacts seen before are
  // not downloaded again, and unchanged listings are answered 304, free of rate limit. `done`
  // runs once on the GUI thread.
  void refreshCandidates(std::function<void(CandidateRefresh)> done);
  bool isRefreshing() const { return refreshesInFlight_ > 0; }
  // Evidence artifacts downloaded since the connection opened.
  int downloads() const;

  // Runs the connection doctor for this project (token, host, repository, permissions, rate
  // limit). `done` runs once on the GUI thread.
  void checkConnection(std::function<void(DoctorReport)> done);

 signals:
  // counters() or a rate limit changed: after every HTTP exchange and every refresh.
  void countersChanged();

 private:
  explicit DeskConnection(ApiSettings settings);
  // Announces countersChanged() after every exchange, for as long as this object lives.
  std::function<void()> exchangeObserver();
  void open(std::unique_ptr<GitHubConnection> connection);

  ApiSettings settings_;
  int refreshesInFlight_ = 0;

  // Declared in the order they depend on each other; destroyed the other way round.
  std::unique_ptr<GitHubConnection> connection_;
  std::unique_ptr<CandidateFeed> feed_;
};

}  // namespace releasedesk
