// The desktop's connection to a GitHub repository or the in-process sandbox.
#include "app/adapter/desk_connection.h"

#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_strings.h"
#include "app/adapter/qt_transport.h"

#include "core/evidence/candidate_feed.h"
#include "core/github/http.h"
#include "core/sandbox/sandbox_repository.h"

#include <QPointer>

namespace releasedesk {

// Watches every exchange on its way back to the client and announces the new counters once the
// client has counted the answer.
class DeskConnection::ObservedTransport final : public Transport {
 public:
  ObservedTransport(Transport& inner, DeskConnection& connection) : inner_(inner), connection_(&connection) {}

  void send(HttpRequest request, Completion done) override {
    inner_.send(std::move(request), [connection = connection_, done = std::move(done)](TransportReply reply) {
      done(std::move(reply));
      if (connection) emit connection->countersChanged();
    });
  }

 private:
  Transport& inner_;
  QPointer<DeskConnection> connection_;
};

DeskConnection::DeskConnection(ApiSettings settings, QString tokenSource)
    : settings_(std::move(settings)),
      tokenSource_(std::move(tokenSource)),
      scheduler_(std::make_unique<QtScheduler>()) {}

DeskConnection::~DeskConnection() = default;

std::unique_ptr<DeskConnection> DeskConnection::openSandbox() {
  ApiSettings api;
  api.apiBase = toQString(kSandboxApiBase);
  api.repo = toQString(kSandboxOwner) + QLatin1Char('/') + toQString(kSandboxRepo);
  std::unique_ptr<DeskConnection> connection(new DeskConnection(api, QStringLiteral("the sandbox, which needs none")));
  connection->sandbox_ =
      std::make_unique<SandboxRepository>(std::chrono::floor<std::chrono::seconds>(connection->scheduler_->now()));
  connection->open(std::make_unique<SandboxTransport>(*connection->sandbox_, *connection->scheduler_), {});
  return connection;
}

std::unique_ptr<DeskConnection> DeskConnection::openProject(const ApiSettings& api, const QString& token,
                                                            const QString& tokenSource) {
  std::unique_ptr<DeskConnection> connection(new DeskConnection(api, tokenSource));
  connection->open(std::make_unique<QtTransport>(), token);
  return connection;
}

void DeskConnection::open(std::unique_ptr<Transport> transport, const QString& token) {
  transport_ = std::move(transport);
  observed_ = std::make_unique<ObservedTransport>(*transport_, *this);
  GitHubClientConfig config;
  config.apiBase = toStdString(settings_.apiBase.trimmed());
  // An unreadable name leaves the repository empty: the client then answers every request with a
  // Configuration error that says so, which is what the window shows.
  config.repo = RepoRef::parse(toStdString(settings_.repo.trimmed())).value_or(RepoRef{});
  config.token = toStdString(token.trimmed());
  hasToken_ = !config.token.empty();
  client_ = std::make_unique<GitHubClient>(*observed_, *scheduler_, std::move(config));
  CandidateFeedOptions feedOptions;
  feedOptions.acceptanceWorkflow = toStdString(settings_.acceptanceWorkflow.trimmed());
  feed_ = std::make_unique<CandidateFeed>(*client_, std::move(feedOptions));
}

QString DeskConnection::hostName() const {
  return isSandbox() ? tr("Sandbox") : hostNameOf(settings_.apiBase);
}

QString DeskConnection::hostNameOf(const QString& apiBase) {
  const auto url = parseUrl(toStdString(apiBase.trimmed()));
  if (!url || url->host.empty()) return apiBase.trimmed();
  QString host = toQString(url->host);
  if (host.contains(QLatin1Char(':'))) host = QLatin1Char('[') + host + QLatin1Char(']');
  return url->port >= 0 ? host + QLatin1Char(':') + QString::number(url->port) : host;
}

QString DeskConnection::description() const {
  return QStringLiteral("%1 · %2 · %3").arg(hostName(), settings_.repo, settings_.environment);
}

QString DeskConnection::describe(const ApiSettings& api) {
  return QStringLiteral("%1 · %2 · %3").arg(hostNameOf(api.apiBase), api.repo.trimmed(), api.environment.trimmed());
}

const RequestCounters& DeskConnection::counters() const {
  return client_->counters();
}

std::optional<RateLimit> DeskConnection::lastRateLimit() const {
  return client_->lastRateLimit();
}

int DeskConnection::downloads() const {
  return feed_->downloads();
}

void DeskConnection::refreshCandidates(std::function<void(CandidateRefresh)> done) {
  ++refreshesInFlight_;
  const RequestCounters before = counters();
  const int downloadsBefore = downloads();
  // The feed answers from the event loop; `returned` keeps the promise if it ever answers early.
  auto returned = std::make_shared<bool>(false);
  feed_->refresh([this, before, downloadsBefore, returned, done = std::move(done)](CandidateCatalog catalog) mutable {
    CandidateRefresh refresh;
    refresh.catalog = std::move(catalog);
    refresh.unauthorized = refresh.catalog.credentialsRejected;
    refresh.downloads = downloads() - downloadsBefore;
    refresh.cost = counters() - before;
    auto finish = [this, refresh = std::move(refresh), done = std::move(done)]() mutable {
      --refreshesInFlight_;
      done(std::move(refresh));
      emit countersChanged();
    };
    if (*returned) {
      finish();
    } else {
      QMetaObject::invokeMethod(this, std::move(finish), Qt::QueuedConnection);
    }
  });
  *returned = true;
}

void DeskConnection::checkConnection(std::function<void(DoctorReport)> done) {
  DoctorOptions options;
  options.environment = toStdString(settings_.environment);
  options.productionWorkflow = toStdString(settings_.productionWorkflow);
  options.tokenPresent = hasToken_ || isSandbox();
  options.tokenSource = toStdString(tokenSource_);
  runConnectionDoctor(*client_, options, std::move(done));
}

}  // namespace releasedesk
