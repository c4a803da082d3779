// The keychain-backed token vault.
#include "ui/project/token_vault.h"

#include "app/adapter/qt_strings.h"

namespace releasedesk {

void KeychainTokenVault::readToken(const QString& apiBase, Callback done) {
  store_.readToken(toStdString(apiBase), std::move(done));
}

void KeychainTokenVault::writeToken(const QString& apiBase, const QString& token, Callback done) {
  store_.writeToken(toStdString(apiBase), token, std::move(done));
}

}  // namespace releasedesk
