// The desk's session: loading, the connection and staleness, without widgets.
#include "ui/desk_session.h"

#include "app/adapter/qt_strings.h"
#include "ui/project/token_vault.h"
#include "ui/session/desk_connection.h"

#include <QCursor>
#include <QDir>
#include <QGuiApplication>

namespace releasedesk {

DeskSession::DeskSession(std::unique_ptr<TokenVault> tokens, QObject* parent)
    : QObject(parent), tokens_(std::move(tokens)) {}

// The members go in reverse order: the connection (and its callbacks) before the vault.
DeskSession::~DeskSession() = default;

QString DeskSession::connectionDescription() const {
  return connection_ ? connection_->description() : connectionDescription_;
}

QString DeskSession::progressText() const {
  if (!loading_) return {};
  QString text = progressCaption_;
  if (connection_ && connection_->isRefreshing()) {
    const int requests = connection_->counters().requests - requestsAtLoadStart_;
    if (requests > 0) text += QLatin1Char(' ') + (requests == 1 ? tr("1 request") : tr("%1 requests").arg(requests));
  }
  return text;
}

bool DeskSession::canRefresh() const {
  const bool canReadAgain = !retryTarget_.folder.isEmpty() || retryTarget_.isGitHub() || canRetry();
  return !loading_ && (hasData() || canReadAgain);
}

// ---- loading --------------------------------------------------------------------------------

void DeskSession::showSample() {
  load(CandidateSource::sample());
}

bool DeskSession::openFolder(const QString& folder) {
  return load(CandidateSource::inFolder(QDir::cleanPath(folder)));
}

bool DeskSession::refresh() {
  if (loading_) return true;  // the reading under way is the refresh
  const CandidateSource target = hasData() ? source_ : retryTarget_;
  if (!target.isGitHub()) return load(target);
  if (connection_) {
    readGitHub();
  } else {
    openProject();
  }
  return true;
}

bool DeskSession::cancel() {
  if (!loading_) return false;
  cancelLoad();
  // The reading stopped before it said anything: what is shown may be out of date now.
  if (hasData()) staleSince_ = QDateTime::currentDateTime();
  retryTarget_ = source_;
  if (connectionState_ == ConnectionState::Connecting) connectionState_ = ConnectionState::Failed;
  connectionProblem_ = tr("Reading %1 was cancelled.").arg(source_.displayName());
  emit stateChanged();
  emit connectionStatusChanged();
  return true;
}

void DeskSession::retry() {
  // Copied: reading again may replace retry_ while it runs.
  if (const std::function<void()> again = retry_) again();
}

bool DeskSession::load(const CandidateSource& source) {
  // A synchronous load replaces any reading under way.
  cancelLoad();
  // The scan is synchronous: a local tree of manifests capped at 1 MiB each reads in moments.
  QGuiApplication::setOverrideCursor(QCursor(Qt::WaitCursor));
  const CandidateCatalog catalog = loadCandidates(source);
  QGuiApplication::restoreOverrideCursor();

  if (!catalog.error.empty()) {
    // A partial or failed scan never replaces what is on screen: the old data is still true.
    fail({Failure::Kind::Folder, source, toQString(catalog.error), false}, [this, source] { load(source); });
    return false;
  }
  const int count = static_cast<int>(catalog.candidates.size());
  const QString from = source.isSample() ? tr("the built-in sample") : source.displayName();
  adoptCatalog(
      catalog, source,
      count == 1 ? tr("Read 1 candidate from %1.").arg(from) : tr("Read %1 candidates from %2.").arg(count).arg(from));
  emit loadFinished(true);
  return true;
}

void DeskSession::switchTo(const CandidateSource& target) {
  if (hasSource_ && target == source_) return;
  const bool hadSomething = hasSource_;
  source_ = target;
  hasSource_ = true;
  catalog_ = {};
  loadedAt_ = {};
  staleSince_ = {};
  if (hadSomething) emit sourceSwitched(source_);
  emit stateChanged();
}

void DeskSession::adoptCatalog(const CandidateCatalog& catalog, const CandidateSource& source, const QString& summary) {
  source_ = source;
  hasSource_ = true;
  catalog_ = catalog;
  loadedAt_ = QDateTime::currentDateTime();
  staleSince_ = {};
  retry_ = nullptr;
  if (source.isFolder()) settings_.addRecentFolder(source.folder);
  emit candidatesLoaded(catalog_, source_, summary);
  emit stateChanged();
}

void DeskSession::openSandbox() {
  if (!connection_ || !connection_->isSandbox()) setConnection(DeskConnection::openSandbox());
  readGitHub();
}

void DeskSession::openProject() {
  if (!settings_.hasProject()) return openSandbox();
  const ApiSettings api = settings_.apiSettings();
  const QString host = DeskConnection::hostNameOf(api.apiBase);
  const CandidateSource target = CandidateSource::onGitHub(DeskConnection::describe(api), api.repo.trimmed());
  // The old connection is another source: let go of it now, so no view keeps reading it while the
  // keychain answers.
  if (connection_ && connection_->description() != target.connection) {
    setConnection(nullptr);
    connectionDescription_ = target.connection;
  }
  switchTo(target);
  const quint64 generation = beginLoad(tr("Reading the token for %1 from the keychain…").arg(host));
  // The vault drops this callback if it is destroyed first (it is a member of the session).
  tokens_->readToken(api.apiBase, [this, generation, api](const TokenStoreResult& result) {
    if (generation != loadGeneration_) return;
    endLoad();
    if (!result.ok() || result.token.isEmpty()) {
      reportMissingToken(api, result);
      return;
    }
    connectProject(api, result.token, tr("the keychain"));
  });
}

void DeskSession::connectProject(const ApiSettings& api, const QString& token, const QString& tokenSource) {
  setConnection(DeskConnection::openProject(api, token, tokenSource));
  readGitHub();
}

void DeskSession::setConnection(std::unique_ptr<DeskConnection> connection) {
  // Never called from inside the old connection's callbacks: destroying it drops them.
  cancelLoad();
  const std::unique_ptr<DeskConnection> old = std::move(connection_);
  connection_ = std::move(connection);
  connectionProblem_.clear();
  connectionDescription_.clear();
  if (connection_) {
    connectionState_ = ConnectionState::Connecting;
    connect(connection_.get(), &DeskConnection::countersChanged, this, [this] {
      emit connectionStatusChanged();
      emit progressChanged();
    });
  } else {
    connectionState_ = ConnectionState::NotConnected;
  }
  // Whatever holds the old connection's client lets go of it here, before `old` goes.
  emit connectionChanged(connection_.get());
  emit connectionStatusChanged();
}

void DeskSession::readGitHub() {
  DeskConnection* connection = connection_.get();
  const CandidateSource target =
      CandidateSource::onGitHub(connection->description(), connection->settings().repo.trimmed());
  switchTo(target);
  const quint64 generation = beginLoad(tr("Reading the evidence artifacts of %1…").arg(target.repository));
  connection->refreshCandidates([this, generation, target](const CandidateRefresh& refresh) {
    if (generation != loadGeneration_) return;
    endLoad();
    if (!refresh.catalog.error.empty()) {
      connectionState_ = ConnectionState::Failed;
      connectionProblem_ = toQString(refresh.catalog.error);
      fail({Failure::Kind::GitHub, target, toQString(refresh.catalog.error), refresh.unauthorized},
           [this] { this->refresh(); });
      return;
    }
    connectionState_ = connection_->isSandbox() ? ConnectionState::Sandbox : ConnectionState::Connected;
    connectionProblem_.clear();
    // The source is on the top bar and the connection in the status bar: say what it cost.
    const int count = static_cast<int>(refresh.catalog.candidates.size());
    const QString read = count == 1 ? tr("Read 1 candidate") : tr("Read %1 candidates").arg(count);
    const QString cost =
        refresh.downloads == 0
            ? tr("%1 requests (%2 cached), no artifact downloaded again.")
                  .arg(refresh.cost.requests)
                  .arg(refresh.cost.notModified)
            : tr("%1 requests, %2 evidence artifacts downloaded.").arg(refresh.cost.requests).arg(refresh.downloads);
    adoptCatalog(refresh.catalog, target, read + tr(" with ") + cost);
    emit connectionStatusChanged();
    emit loadFinished(true);
  });
}

quint64 DeskSession::beginLoad(const QString& progress) {
  ++loadGeneration_;
  progressCaption_ = progress;
  requestsAtLoadStart_ = connection_ ? connection_->counters().requests : 0;
  if (!loading_) {
    loading_ = true;
    emit loadingChanged(true);
  }
  emit progressChanged();
  emit stateChanged();
  return loadGeneration_;
}

void DeskSession::endLoad() {
  if (!loading_) return;
  loading_ = false;
  emit progressChanged();
  emit stateChanged();
  emit loadingChanged(false);
}

void DeskSession::cancelLoad() {
  // The answer of the reading under way, if any, is dropped when it arrives.
  ++loadGeneration_;
  endLoad();
}

// ---- failures -------------------------------------------------------------------------------

void DeskSession::markStaleIfSame(const CandidateSource& attempted) {
  // Only a failed refresh of what is on screen makes it stale; failing to open something else
  // leaves it as true as it was.
  if (hasData() && attempted == source_) staleSince_ = QDateTime::currentDateTime();
}

void DeskSession::fail(const Failure& failure, std::function<void()> retry) {
  retryTarget_ = failure.attempted;
  markStaleIfSame(failure.attempted);
  retry_ = std::move(retry);
  emit stateChanged();
  if (failure.kind == Failure::Kind::GitHub) emit connectionStatusChanged();
  emit loadFailed(failure);
  emit loadFinished(false);
}

void DeskSession::reportMissingToken(const ApiSettings& api, const TokenStoreResult& result) {
  // No connection without a token from the keychain: there is deliberately no other source.
  setConnection(nullptr);
  connectionDescription_ = DeskConnection::describe(api);
  const QString host = DeskConnection::hostNameOf(api.apiBase);
  Failure failure;
  failure.kind = Failure::Kind::Token;
  if (result.status == TokenStoreStatus::NotFound || result.ok()) {
    failure.what = tr("No GitHub token for %1 is stored in the keychain, so %2 is not connected.").arg(host, api.repo);
  } else {
    failure.what = result.message;
  }
  connectionProblem_ = failure.what;
  // Reading again helps when the keychain was locked or not running, not when it has no token.
  retry_ = nullptr;
  if (result.status == TokenStoreStatus::NoKeychain || result.status == TokenStoreStatus::Failed) {
    retry_ = [this] { openProject(); };
  }
  emit connectionStatusChanged();
  emit stateChanged();
  emit loadFailed(failure);
  emit loadFinished(false);
}

}  // namespace releasedesk
