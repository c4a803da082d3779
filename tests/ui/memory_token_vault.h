// A token vault in memory for the desktop's tests: no keychain needed, every write observable,
// and failures on demand. Answers from the event loop, like the keychain does.
#pragma once

#include "ui/project/token_vault.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace releasedesk::test {

class MemoryTokenVault final : public TokenVault {
 public:
  QHash<QString, QString> tokens;  // by API URL
  QStringList writes;              // API URLs written, in order
  int reads = 0;
  // When set, reads or writes fail with this status and message.
  TokenStoreStatus readFailure = TokenStoreStatus::Ok;
  TokenStoreStatus writeFailure = TokenStoreStatus::Ok;
  QString failureMessage = QStringLiteral("No OS keychain is available (Secret Service not running).");

  void readToken(const QString& apiBase, Callback done) override {
    ++reads;
    TokenStoreResult result;
    if (readFailure != TokenStoreStatus::Ok) {
      result = {readFailure, {}, failureMessage};
    } else if (tokens.contains(apiBase)) {
      result = {TokenStoreStatus::Ok, tokens.value(apiBase), {}};
    } else {
      result = {TokenStoreStatus::NotFound, {}, QStringLiteral("No token is saved for this host.")};
    }
    answer(std::move(result), std::move(done));
  }

  void writeToken(const QString& apiBase, const QString& token, Callback done) override {
    writes << apiBase;
    if (writeFailure != TokenStoreStatus::Ok) return answer({writeFailure, {}, failureMessage}, std::move(done));
    tokens.insert(apiBase, token);
    answer({TokenStoreStatus::Ok, {}, {}}, std::move(done));
  }

 private:
  void answer(TokenStoreResult result, Callback done) {
    QTimer::singleShot(0, &context_, [result = std::move(result), done = std::move(done)] { done(result); });
  }

  QObject context_;  // destroying the vault drops its pending answers
};

}  // namespace releasedesk::test
