#include "ui/session/token_store.h"

#include "app/adapter/qt_strings.h"
#include "core/github/github_client.h"
#include "core/github/http.h"

#include <qt6keychain/keychain.h>

#ifdef RELEASEDESK_KEYCHAIN_OVER_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#endif

#include <QTimer>

#include <algorithm>

namespace releasedesk {
namespace {

QString hostOf(std::string_view apiBase) {
  const auto url = parseUrl(apiBaseForHost(apiBase));
  return url ? toQString(url->host) : toQString(apiBase).toLower();
}

// QtKeychain reports a missing Secret Service as an opaque libsecret error, so ask the session
// bus directly whether any keychain could answer: that decides which advice the user gets.
bool keychainServiceReachable() {
#ifdef RELEASEDESK_KEYCHAIN_OVER_DBUS
  QDBusConnection bus = QDBusConnection::sessionBus();
  QDBusConnectionInterface* busInterface = bus.isConnected() ? bus.interface() : nullptr;
  if (!busInterface) return false;
  const QStringList services{QStringLiteral("org.freedesktop.secrets"), QStringLiteral("org.kde.kwalletd"),
                             QStringLiteral("org.kde.kwalletd5"), QStringLiteral("org.kde.kwalletd6")};
  const QStringList activatable = busInterface->activatableServiceNames();
  return std::any_of(services.begin(), services.end(), [&](const QString& service) {
    return busInterface->isServiceRegistered(service).value() || activatable.contains(service);
  });
#else
  return true;  // macOS and Windows always have their keychain
#endif
}

}  // namespace

TokenStore::TokenStore() : context_(std::make_unique<QObject>()) {}

TokenStore::~TokenStore() = default;

QString TokenStore::serviceName() {
  return QStringLiteral("ReleaseDesk");
}

QString TokenStore::keyFor(std::string_view apiBase) {
  return QStringLiteral("token@") + hostOf(apiBase);
}

void TokenStore::readToken(std::string_view apiBase, Callback done) {
  auto* job = new QKeychain::ReadPasswordJob(serviceName());
  job->setKey(keyFor(apiBase));
  start(job, Operation::Read, hostOf(apiBase), std::move(done));
}

void TokenStore::writeToken(std::string_view apiBase, const QString& token, Callback done) {
  if (token.trimmed().isEmpty()) {
    return postResult({TokenStoreStatus::Failed, {}, QStringLiteral("The token is empty: nothing was saved.")},
                      std::move(done));
  }
  auto* job = new QKeychain::WritePasswordJob(serviceName());
  job->setKey(keyFor(apiBase));
  job->setTextData(token);
  start(job, Operation::Write, hostOf(apiBase), std::move(done));
}

void TokenStore::deleteToken(std::string_view apiBase, Callback done) {
  auto* job = new QKeychain::DeletePasswordJob(serviceName());
  job->setKey(keyFor(apiBase));
  start(job, Operation::Delete, hostOf(apiBase), std::move(done));
}

void TokenStore::start(QKeychain::Job* job, Operation operation, const QString& host, Callback done) {
  // QtKeychain would otherwise keep the token in a plain QSettings file when no keychain exists.
  job->setInsecureFallback(false);
  job->setAutoDelete(true);
  QObject::connect(job, &QKeychain::Job::finished, context_.get(),
                   [operation, host, done = std::move(done)](QKeychain::Job* finished) {
                     done(resultOf(*finished, operation, host));
                   });
  job->start();  // QtKeychain starts the job from the event loop, so `done` never runs in here
}

TokenStoreResult TokenStore::resultOf(QKeychain::Job& job, Operation operation, const QString& host) {
  TokenStoreResult result;
  const QKeychain::Error error = job.error();
  // Deleting what is not there leaves the wanted state: no token.
  if (error == QKeychain::NoError || (error == QKeychain::EntryNotFound && operation == Operation::Delete)) {
    result.status = TokenStoreStatus::Ok;
    if (operation == Operation::Read && error == QKeychain::NoError) {
      result.token = static_cast<QKeychain::ReadPasswordJob&>(job).textData();
    }
    return result;
  }
  if (error == QKeychain::EntryNotFound) {
    result.status = TokenStoreStatus::NotFound;
    result.message = QStringLiteral("No token is saved for ") + host + QStringLiteral(".");
    return result;
  }
  const QString consequence = operation == Operation::Read    ? QStringLiteral("no saved token can be read")
                              : operation == Operation::Write ? QStringLiteral("the token was not saved")
                                                              : QStringLiteral("the saved token was not removed");
  if (error == QKeychain::NoBackendAvailable || !keychainServiceReachable()) {
    result.status = TokenStoreStatus::NoKeychain;
    result.message = QStringLiteral("No OS keychain is available (Secret Service not running): ") + consequence +
                     QStringLiteral(". Start gnome-keyring or KWallet, or use GH_TOKEN in a terminal.");
  } else if (error == QKeychain::AccessDenied || error == QKeychain::AccessDeniedByUser) {
    result.status = TokenStoreStatus::Failed;
    result.message = QStringLiteral("The OS keychain refused access (it may be locked): ") + consequence +
                     QStringLiteral(". Unlock it and try again.");
  } else {
    result.status = TokenStoreStatus::Failed;
    result.message = QStringLiteral("The OS keychain failed for ") + host + QStringLiteral(": ") + consequence +
                     QStringLiteral(" (") + job.errorString() + QStringLiteral(").");
  }
  return result;
}

void TokenStore::postResult(TokenStoreResult result, Callback done) {
  QTimer::singleShot(0, context_.get(),
                     [result = std::move(result), done = std::move(done)]() mutable { done(std::move(result)); });
}

}  // namespace releasedesk
