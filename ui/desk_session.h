// The desk's session: what is on screen and where it came from, the GitHub connection, the token
// read from the keychain, and the state machine of loading (generations, staleness, what Refresh
// and Try Again would read). No widgets: the window shows it, and tests drive it without one.
#pragma once

#include "core/evidence/artifact_tree.h"
#include "ui/candidates/candidate_source.h"
#include "ui/session/desk_connection.h"
#include "ui/session/desk_settings.h"
#include "ui/status_icons.h"

#include <QDateTime>
#include <QObject>

#include <functional>
#include <memory>

namespace releasedesk {

class TokenVault;
struct TokenStoreResult;

class DeskSession final : public QObject {
  Q_OBJECT

 public:
  // What failed, for the window to say what to do about it.
  struct Failure {
    enum class Kind {
      Folder,  // a folder (or the sample) could not be read
      GitHub,  // reading the candidates from GitHub failed
      Token,   // no token for the configured project: not connected
    };
    Kind kind = Kind::Folder;
    CandidateSource attempted;  // Folder and GitHub: what was being read
    QString what;               // the headline: what went wrong, in the user's words
    bool unauthorized = false;  // GitHub: it answered 401, the fix is a new token
  };

  // Thread: the GUI thread. Tokens come from `tokens`: the OS keychain in the app, a vault that
  // needs no keychain in tests.
  explicit DeskSession(std::unique_ptr<TokenVault> tokens, QObject* parent = nullptr);
  ~DeskSession() override;

  // Reads the built-in sample. It is compiled in, so this cannot fail.
  void showSample();
  // Scans `folder` (an .artifacts folder or a checkout holding one). On success shows it and
  // adds it to the recent folders; on failure keeps what is on screen (marked stale when it is
  // that folder) and reports the failure.
  bool openFolder(const QString& folder);
  // Connects to the configured project with the token from the keychain and reads its
  // candidates, asynchronously. Without a configured project, opens the sandbox instead. No
  // token, or no keychain, is reported as a Token failure; there is no other token source.
  void openProject();
  // Connects to `api` with `token` (just entered; `tokenSource` names where it came from) and
  // reads its candidates, asynchronously.
  void connectProject(const ApiSettings& api, const QString& token, const QString& tokenSource);
  // Opens the in-process sandbox repository and reads its candidates, asynchronously. The
  // configured project stays saved.
  void openSandbox();
  // Reads the current source again (or what failed to open, when nothing is on screen). Folders
  // and the sample are read at once and a failure is reported like openFolder's; GitHub sources
  // return true as soon as the reading started. While a reading is under way, that is the refresh.
  bool refresh();
  // Try Again after a failure: reads what failed again, when reading again can help.
  bool canRetry() const { return static_cast<bool>(retry_); }
  void retry();
  // Stops the asynchronous reading under way (Esc, Cancel). What was shown stays, marked stale
  // when it is of the source being read. Returns false when nothing was being read.
  bool cancel();
  // Whether Refresh has anything to read.
  bool canRefresh() const;

  // The source on screen, or being read since the last switch: a switch to another repository or
  // host clears what was shown, so nothing read from one source is ever shown under another's
  // name. hasSource() is false until the first load begins; hasData() once it succeeded.
  const CandidateSource& source() const { return source_; }
  bool hasSource() const { return hasSource_; }
  const CandidateCatalog& catalog() const { return catalog_; }
  bool hasData() const { return loadedAt_.isValid(); }
  QDateTime loadedAt() const { return loadedAt_; }
  // Whether the data on screen is older than the last failed refresh of the same source.
  bool isStale() const { return staleSince_.isValid(); }
  QDateTime staleSince() const { return staleSince_; }
  // Whether an asynchronous load (keychain, GitHub) is running, what it reads, and that caption
  // with the requests it has sent so far.
  bool isLoading() const { return loading_; }
  QString progressCaption() const { return progressCaption_; }
  QString progressText() const;

  // The GitHub connection (the project's or the sandbox's); null when not connected.
  DeskConnection* connection() const { return connection_.get(); }
  ConnectionState connectionState() const { return connectionState_; }
  // The connection's description, or without one the project it would be for; empty when none.
  QString connectionDescription() const;
  // Why it is not connected, or why the last reading failed; empty when all is well.
  QString connectionProblem() const { return connectionProblem_; }

  DeskSettings& settings() { return settings_; }
  TokenVault& tokens() { return *tokens_; }

 signals:
  // After every successful load, with what is now on screen; `summary` says what was read and
  // what it cost, for the status bar.
  void candidatesLoaded(const CandidateCatalog& catalog, const CandidateSource& source, const QString& summary);
  // After every failed load, before loadFinished(false). The data on screen stays.
  void loadFailed(const DeskSession::Failure& failure);
  // After every attempt to load, synchronous or not; `ok` is false when it failed.
  void loadFinished(bool ok);
  void loadingChanged(bool loading);
  // The session switched to `source`, whose data is not read yet: what was shown of the
  // previous source is gone (catalog() is empty), and every view clears its own.
  void sourceSwitched(const CandidateSource& source);
  // What is on screen, its freshness, whether it is loading, or what Refresh would read changed.
  void stateChanged();
  // progressCaption() or progressText() changed.
  void progressChanged();
  // The connection was replaced (or closed). Emitted before the old one is destroyed, so what
  // holds its client can let go of it.
  void connectionChanged(DeskConnection* connection);
  // connectionState(), connectionProblem(), or the connection's counters or rate limit changed.
  void connectionStatusChanged();

 private:
  bool load(const CandidateSource& source);
  // Makes `target` the source; when it is another one, drops what was shown (sourceSwitched).
  void switchTo(const CandidateSource& target);
  void adoptCatalog(const CandidateCatalog& catalog, const CandidateSource& source, const QString& summary);
  void fail(const Failure& failure, std::function<void()> retry);
  void reportMissingToken(const ApiSettings& api, const TokenStoreResult& result);
  void markStaleIfSame(const CandidateSource& attempted);

  void setConnection(std::unique_ptr<DeskConnection> connection);
  void readGitHub();
  quint64 beginLoad(const QString& progress);
  void endLoad();
  void cancelLoad();

  DeskSettings settings_;
  std::unique_ptr<TokenVault> tokens_;
  std::unique_ptr<DeskConnection> connection_;
  ConnectionState connectionState_ = ConnectionState::NotConnected;
  QString connectionDescription_;  // shown when there is no connection (the project it is for)
  QString connectionProblem_;      // why not connected or failed, for the tooltip

  CandidateSource source_;
  bool hasSource_ = false;
  CandidateCatalog catalog_;
  CandidateSource retryTarget_;
  std::function<void()> retry_;
  QDateTime loadedAt_;
  QDateTime staleSince_;

  // Every load bumps the generation; answers of a superseded load are dropped.
  quint64 loadGeneration_ = 0;
  bool loading_ = false;
  QString progressCaption_;
  int requestsAtLoadStart_ = 0;
};

}  // namespace releasedesk
