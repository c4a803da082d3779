// The desktop's GitHub tokens, one per API host, kept in the OS keychain through QtKeychain
// (Secret Service or KWallet on Linux). Never written anywhere else, not even as a fallback.
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <string_view>

namespace QKeychain {
class Job;
}

namespace releasedesk {

enum class TokenStoreStatus {
  Ok,
  NotFound,    // readToken(): nothing is saved for that host
  NoKeychain,  // no keychain service answers (Secret Service not running, no session bus)
  Failed       // the keychain answered with an error (locked, access denied, ...)
};

struct TokenStoreResult {
  TokenStoreStatus status = TokenStoreStatus::Failed;
  QString token;    // readToken() with status Ok; never log it
  QString message;  // a sentence for the user when status is not Ok; never contains the token

  bool ok() const { return status == TokenStoreStatus::Ok; }
};

// Thread: create and call it on a thread with an event loop (the GUI thread); callbacks run there,
// from the event loop, exactly once, never inside the call that started them. Callbacks of
// operations still running when the store is destroyed are dropped.
class TokenStore {
 public:
  using Callback = std::function<void(TokenStoreResult)>;

  TokenStore();
  ~TokenStore();
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  // The keychain entry's service name and key: "ReleaseDesk", "token@api.github.com".
  // `apiBase` is an API URL or a bare host, as apiBaseForHost() takes it.
  static QString serviceName();
  static QString keyFor(std::string_view apiBase);

  void readToken(std::string_view apiBase, Callback done);
  // Replaces any token saved for the same host. An empty token is refused.
  void writeToken(std::string_view apiBase, const QString& token, Callback done);
  // Succeeds when nothing was saved.
  void deleteToken(std::string_view apiBase, Callback done);

 private:
  enum class Operation { Read, Write, Delete };

  void start(QKeychain::Job* job, Operation operation, const QString& host, Callback done);
  void postResult(TokenStoreResult result, Callback done);
  static TokenStoreResult resultOf(QKeychain::Job& job, Operation operation, const QString& host);

  // Receives the jobs' signals: destroying it drops the callbacks of unfinished jobs, which
  // delete themselves when done.
  std::unique_ptr<QObject> context_;
};

}  // namespace releasedesk
