// Where the desk keeps its GitHub tokens: an interface, so the window and the setup dialog can
// be driven without an OS keychain in tests, while the app uses the keychain (TokenStore).
#pragma once

#include "ui/session/token_store.h"

#include <QString>

#include <functional>

namespace releasedesk {

// Thread: the GUI thread. Callbacks run there once, from the event loop, never inside the call
// that started them, and are dropped when the vault is destroyed first.
class TokenVault {
 public:
  using Callback = std::function<void(TokenStoreResult)>;

  virtual ~TokenVault() = default;

  // `apiBase` is the project's API URL; tokens are kept per host.
  virtual void readToken(const QString& apiBase, Callback done) = 0;
  virtual void writeToken(const QString& apiBase, const QString& token, Callback done) = 0;
};

// The OS keychain through QtKeychain. Never falls back to a file.
class KeychainTokenVault final : public TokenVault {
 public:
  void readToken(const QString& apiBase, Callback done) override;
  void writeToken(const QString& apiBase, const QString& token, Callback done) override;

 private:
  TokenStore store_;
};

}  // namespace releasedesk
