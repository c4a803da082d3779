// The desktop's connection to a GitHub repository or the in-process sandbox.
#include "ui/session/desk_connection.h"

#include "app/adapter/github_connection.h"
#include "app/adapter/qt_strings.h"

#include "core/evidence/candidate_feed.h"
#include "core/github/http.h"
#include "core/sandbox/sandbox_repository.h"

#include <QPointer>

namespace releasedesk {

DeskConnection::DeskConnection(ApiSettings settings) : settings_(std::move(settings)) {}

DeskConnection::~DeskConnection() = default;

std::function<void()> DeskConnection::exchangeObserver() {
  return [connection = QPointer<DeskConnection>(this)] {
    if (connection) emit connection->countersChanged();
  };
}

std::unique_ptr<DeskConnection> DeskConnection::openSandbox() {
  ApiSettings api;
  api.apiBase = toQString(kSandboxApiBase);
  api.repo = toQString(kSandboxOwner) + QLatin1Char('/') + toQString(kSandboxRepo);
  std::unique_ptr<DeskConnection> connection(new DeskConnection(api));
  connection->open(GitHubConnection::openSandbox(connection->exchangeObserver()));
  return connection;
}

std::unique_ptr<DeskConnection> DeskConnection::openProject(const ApiSettings& api, const QString& token,
                                                            const QString& tokenSource) {
  std::unique_ptr<DeskConnection> connection(new DeskConnection(api));
  // An unreadable name leaves the repository empty: the client then answers every request with a
  // Configuration error that says so, which is what the window shows.
  RepoRef repo = RepoRef::parse(toStdString(api.repo.trimmed())).value_or(RepoRef{});
  connection->open(GitHubConnection::openProject(toStdString(api.apiBase.trimmed()), std::move(repo),
                                                 toStdString(token.trimmed()), tokenSource,
                                                 connection->exchangeObserver()));
  return connection;
}

void DeskConnection::open(std::unique_ptr<GitHubConnection> connection) {
  connection_ = std::move(connection);
  CandidateFeedOptions feedOptions;
  feedOptions.acceptanceWorkflow = toStdString(settings_.acceptanceWorkflow.trimmed());
  feed_ = std::make_unique<CandidateFeed>(connection_->client(), std::move(feedOptions));
}

bool DeskConnection::isSandbox() const {
  return connection_->isSandbox();
}

bool DeskConnection::hasToken() const {
  return connection_->hasToken();
}

QString DeskConnection::tokenSource() const {
  return connection_->tokenSource();
}

GitHubClient& DeskConnection::client() {
  return connection_->client();
}

Scheduler& DeskConnection::scheduler() {
  return connection_->scheduler();
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
  return connection_->client().counters();
}

std::optional<RateLimit> DeskConnection::lastRateLimit() const {
  return connection_->client().lastRateLimit();
}

std::optional<GraphQLRateLimit> DeskConnection::lastGraphQLRateLimit() const {
  return connection_->client().lastGraphQLRateLimit();
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
  options.tokenPresent = hasToken() || isSandbox();
  options.tokenSource = toStdString(tokenSource());
  runConnectionDoctor(connection_->client(), options, std::move(done));
}

}  // namespace releasedesk
