#include "app/adapter/github_connection.h"

#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_transport.h"

#include "core/sandbox/sandbox_client.h"

namespace releasedesk {

// Hands every answer to the client first, then tells the observer, so the observer sees the
// client's counters with that exchange counted.
class GitHubConnection::ObservedTransport final : public Transport {
 public:
  ObservedTransport(Transport& inner, ExchangeObserver observer) : inner_(inner), observer_(std::move(observer)) {}

  void send(HttpRequest request, Completion done) override {
    inner_.send(std::move(request), [observer = observer_, done = std::move(done)](TransportReply reply) {
      done(std::move(reply));
      observer();
    });
  }

 private:
  Transport& inner_;
  ExchangeObserver observer_;
};

GitHubConnection::GitHubConnection(QString tokenSource, ExchangeObserver observer,
                                   std::unique_ptr<QtScheduler> scheduler)
    : tokenSource_(std::move(tokenSource)), observer_(std::move(observer)), scheduler_(std::move(scheduler)) {}

Scheduler& GitHubConnection::scheduler() {
  return *scheduler_;
}

std::shared_ptr<SandboxRepository> GitHubConnection::sandboxRepository() const {
  return sandbox_ ? sandbox_->sharedRepository() : nullptr;
}

GitHubConnection::~GitHubConnection() = default;

std::unique_ptr<Transport> GitHubConnection::observe(Transport& inner) {
  if (!observer_) return nullptr;
  return std::make_unique<ObservedTransport>(inner, observer_);
}

std::unique_ptr<GitHubConnection> GitHubConnection::openSandbox(ExchangeObserver observer, SandboxOptions options) {
  auto scheduler = options.clockRate == 1.0
                       ? std::make_unique<QtScheduler>()
                       : std::make_unique<QtScheduler>(options.clockRate,
                                                       options.clockOrigin.value_or(std::chrono::system_clock::now()));
  std::unique_ptr<GitHubConnection> connection(
      new GitHubConnection(QStringLiteral("the sandbox, which needs none"), std::move(observer), std::move(scheduler)));
  GitHubConnection& self = *connection;
  self.sandbox_ = openSandboxClient(
      *self.scheduler_, [&self](Transport& inner) { return self.observe(inner); }, std::move(options.repository));
  self.client_ = &self.sandbox_->client();
  return connection;
}

std::unique_ptr<GitHubConnection> GitHubConnection::openProject(std::string apiBase, RepoRef repo, std::string token,
                                                                QString tokenSource, ExchangeObserver observer) {
  std::unique_ptr<GitHubConnection> connection(
      new GitHubConnection(std::move(tokenSource), std::move(observer), std::make_unique<QtScheduler>()));
  GitHubConnection& self = *connection;
  self.transport_ = std::make_unique<QtTransport>();
  self.observed_ = self.observe(*self.transport_);
  GitHubClientConfig config;
  config.apiBase = std::move(apiBase);
  config.repo = std::move(repo);
  config.token = std::move(token);
  self.hasToken_ = !config.token.empty();
  self.projectClient_ = std::make_unique<GitHubClient>(self.observed_ ? *self.observed_ : *self.transport_,
                                                       *self.scheduler_, std::move(config));
  self.client_ = self.projectClient_.get();
  return connection;
}

}  // namespace releasedesk
