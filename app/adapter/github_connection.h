// One connection to GitHub or to the in-process sandbox, as both executables hold it: the
// scheduler, the transport (the sandbox or Qt Network), the client, and where the token came from.
// The console's GitHubSession and the desk's DeskConnection each own one.
#pragma once

#include "core/github/github_client.h"

#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace releasedesk {

class QtScheduler;
class SandboxClient;
class SandboxRepository;

// How the in-process sandbox runs: its clock's speed (a demo or a test watches a dispatched run
// finish in seconds) and, to carry its state across connections, a repository to share.
struct SandboxOptions {
  double clockRate = 1.0;
  std::optional<std::chrono::system_clock::time_point> clockOrigin;  // where a faster clock starts
  std::shared_ptr<SandboxRepository> repository;                     // null: a fresh sandbox
};

// Thread: create, use and destroy it on one thread with a Qt event loop (the GUI thread, the
// console's main thread); the client's callbacks come from that loop. Destroying the connection
// drops the callbacks of work still in flight.
class GitHubConnection {
 public:
  // Runs after every HTTP exchange, once the client has counted the answer.
  using ExchangeObserver = std::function<void()>;

  // The built-in sandbox repository (contoso/shop), answered in-process, without a token.
  static std::unique_ptr<GitHubConnection> openSandbox(ExchangeObserver observer = {}, SandboxOptions options = {});
  // The sandbox's repository, to share with a later connection; null for a project.
  std::shared_ptr<SandboxRepository> sandboxRepository() const;
  // A repository on a GitHub host over Qt Network. `token` may be empty (only public data is
  // readable then); `tokenSource` names where it came from ("GH_TOKEN", "the keychain"), never
  // the token itself.
  static std::unique_ptr<GitHubConnection> openProject(std::string apiBase, RepoRef repo, std::string token,
                                                       QString tokenSource, ExchangeObserver observer = {});

  ~GitHubConnection();
  GitHubConnection(const GitHubConnection&) = delete;
  GitHubConnection& operator=(const GitHubConnection&) = delete;

  GitHubClient& client() { return *client_; }
  const GitHubClient& client() const { return *client_; }
  // The clock and timers the client runs on; services that follow runs or wait take it too.
  Scheduler& scheduler();
  bool isSandbox() const { return sandbox_ != nullptr; }
  // Whether requests carry a token; never for the sandbox, which needs none.
  bool hasToken() const { return hasToken_; }
  // Where the token came from, for messages; for the sandbox "the sandbox, which needs none".
  QString tokenSource() const { return tokenSource_; }

 private:
  class ObservedTransport;

  GitHubConnection(QString tokenSource, ExchangeObserver observer, std::unique_ptr<QtScheduler> scheduler);
  std::unique_ptr<Transport> observe(Transport& inner);

  QString tokenSource_;
  bool hasToken_ = false;
  ExchangeObserver observer_;

  // Declared in the order they depend on each other; destroyed the other way round.
  std::unique_ptr<QtScheduler> scheduler_;
  std::unique_ptr<SandboxClient> sandbox_;  // the sandbox: repository, transport and client
  std::unique_ptr<Transport> transport_;    // a project: Qt Network
  std::unique_ptr<Transport> observed_;     // a project: transport_ seen by the observer
  std::unique_ptr<GitHubClient> projectClient_;
  GitHubClient* client_ = nullptr;  // the sandbox's or the project's
};

}  // namespace releasedesk
