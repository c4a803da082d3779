// DecisionDesk: the desk's acting side, outside any widget. It reads what decisions are shown
// beside (candidates against live, the environment's readiness, the approval inbox), sends
// approvals, rejections and replays once each through the decision journal, and follows the runs
// it started until they end. The Approvals, Candidates and History pages and their dialogs use
// it; it holds no widget.
#pragma once

#include "core/actions/decision_context.h"
#include "core/actions/decision_journal.h"
#include "core/actions/decision_sender.h"
#include "core/actions/replay_plan.h"
#include "core/actions/run_follower.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <map>
#include <memory>

namespace releasedesk {

class DeskConnection;

// Thread: the GUI thread; every signal comes from its event loop (the connection's client
// answers there).
class DecisionDesk final : public QObject {
  Q_OBJECT

 public:
  // `journalPath` is the decision journal's file; empty takes the XDG state path
  // ($XDG_STATE_HOME/releasedesk/decisions.jsonl).
  explicit DecisionDesk(const QString& journalPath = {}, QObject* parent = nullptr);
  ~DecisionDesk() override;

  // The connection to read and act through; nullptr detaches. Work in flight for the previous
  // connection is dropped, except sends already under way, which finish and are journaled.
  void setConnection(DeskConnection* connection);
  bool isConnected() const { return connection_ != nullptr; }
  QString repository() const;
  QString environment() const;

  // Reads the decision context again; contextChanged() when it arrives. A read asked for while
  // one runs is answered by a fresh one after it.
  void read(DecisionContextParts parts = {});
  // The candidates the desk's session read from the same connection: reads use them instead of
  // downloading the evidence again.
  void useCatalog(const CandidateCatalog& catalog);
  bool isReading() const { return reading_ > 0; }
  const DecisionContext& context() const { return context_; }
  bool hasContext() const { return readAt_.isValid(); }
  QDateTime readAt() const { return readAt_; }

  // What the desk shows beside a decision about `sha`.
  DecisionGrounds groundsFor(const std::string& sha) const;
  // The preflight of a replay of `sha` against the context on hand.
  ReplayPlan planReplay(const std::string& sha, const QString& overrideReason) const;
  // Accepted candidates a rollback may go to (proposal first), from the context on hand.
  std::vector<const ActionCandidate*> rollbackChoices() const;
  const ActionCandidate* proposedRollback() const;
  // The waiting run `runId`, when the inbox on hand lists it.
  const InboxEntry* waitingRun(std::int64_t runId) const;
  // The GitHub login decisions are journaled under ("" until known; the sandbox's is fixed).
  QString login() const { return login_; }

  // Sends `decision` once: journal intent, send, journal outcome. Returns false (and sends
  // nothing) when it carries blockers or there is no connection. decisionFinished() follows.
  // A started run is followed (runUpdated / runFinished) and the context is read again.
  bool send(const Decision& decision);
  bool isSending() const { return !senders_.empty(); }

  // The journal, newest first; journalChanged() after every line the desk writes.
  JournalRead journal() const;
  QString journalPath() const;

  // The runs started from this desk and still followed.
  std::vector<std::int64_t> followedRuns() const;

 signals:
  void readingChanged(bool reading);
  void contextChanged();
  void decisionFinished(const releasedesk::Decision& decision, const releasedesk::DecisionOutcome& outcome);
  // A run started from the desk: it should appear in the Timeline at once.
  void runStarted(std::int64_t runId, const QString& sha);
  void runUpdated(std::int64_t runId, const releasedesk::FollowUpdate& update);
  // The followed run ended; `sentence` says how ("completed: success").
  void runFinished(std::int64_t runId, bool success, const QString& sentence);
  void journalChanged();

 private:
  void follow(std::int64_t runId);

  DeskConnection* connection_ = nullptr;
  std::unique_ptr<DecisionContextReader> reader_;
  std::shared_ptr<int> generation_ = std::make_shared<int>(0);  // drops answers for a replaced connection
  DecisionContext context_;
  QDateTime readAt_;
  int reading_ = 0;
  QString login_;
  DecisionJournal journal_;
  std::map<std::uint64_t, std::unique_ptr<DecisionSender>> senders_;  // while sending, by send number
  std::uint64_t sends_ = 0;
  std::map<std::int64_t, std::unique_ptr<RunFollower>> followers_;
};

}  // namespace releasedesk
