// The desk's acting side: reads, sends once, follows.
#include "ui/actions/decision_desk.h"

#include "app/adapter/qt_strings.h"
#include "ui/session/desk_connection.h"

#include <QtGlobal>

namespace releasedesk {
namespace {

std::string defaultJournalPath() {
  return releasedesk::journalPath([](std::string_view name) -> std::optional<std::string> {
    const QByteArray key(name.data(), static_cast<qsizetype>(name.size()));
    if (!qEnvironmentVariableIsSet(key.constData())) return std::nullopt;
    return qEnvironmentVariable(key.constData()).toStdString();
  });
}

}  // namespace

DecisionDesk::DecisionDesk(const QString& journalPath, QObject* parent)
    : QObject(parent), journal_(journalPath.isEmpty() ? defaultJournalPath() : toStdString(journalPath)) {}

DecisionDesk::~DecisionDesk() = default;

void DecisionDesk::setConnection(DeskConnection* connection) {
  // Followers and the reader belong to the old client; sends under way keep theirs alive until
  // they are journaled (DecisionSender's contract), but their answers are no longer shown.
  generation_ = std::make_shared<int>(0);
  followers_.clear();
  reader_.reset();
  senders_.clear();
  if (reading_ > 0) {
    reading_ = 0;
    emit readingChanged(false);
  }
  connection_ = connection;
  context_ = {};
  readAt_ = {};
  login_.clear();
  if (connection_) {
    DecisionContextConfig config;
    config.environment = toStdString(connection_->settings().environment.trimmed());
    if (config.environment.empty()) config.environment = "production";
    const QString production = connection_->settings().productionWorkflow.trimmed();
    if (!production.isEmpty()) config.productionWorkflow = toStdString(production);
    const QString acceptance = connection_->settings().acceptanceWorkflow.trimmed();
    if (!acceptance.isEmpty()) config.acceptanceWorkflow = toStdString(acceptance);
    reader_ = std::make_unique<DecisionContextReader>(connection_->client(), connection_->scheduler(), config);
    // Who decides, for the journal: the token's user (an installation token has none; the journal
    // then says so).
    std::weak_ptr<int> alive = generation_;
    connection_->client().getCurrentUser([this, alive](const Result<User>& user) {
      if (alive.expired() || !user) return;
      login_ = toQString(user.value().login);
    });
  }
  emit contextChanged();
}

QString DecisionDesk::repository() const {
  return connection_ ? connection_->settings().repo.trimmed() : QString();
}

QString DecisionDesk::environment() const {
  return reader_ ? toQString(reader_->config().environment) : QStringLiteral("production");
}

void DecisionDesk::read(DecisionContextParts parts) {
  if (!reader_) return;
  if (reading_++ == 0) emit readingChanged(true);
  std::weak_ptr<int> alive = generation_;
  reader_->read(parts, [this, alive](DecisionContext context) {
    if (alive.expired()) return;
    context_ = std::move(context);
    readAt_ = QDateTime::currentDateTime();
    if (--reading_ == 0) emit readingChanged(false);
    emit contextChanged();
  });
}

void DecisionDesk::useCatalog(const CandidateCatalog& catalog) {
  if (reader_) reader_->useCatalog(catalog);
}

DecisionGrounds DecisionDesk::groundsFor(const std::string& sha) const {
  const ActionCandidate* candidate = context_.candidates ? context_.candidates->find(sha) : nullptr;
  CandidateDiff diff;
  if (context_.candidates) {
    diff = context_.candidates->diff(sha);
  } else {
    diff.sha = sha;
  }
  DecisionGrounds grounds =
      releasedesk::groundsFor(candidate, sha, context_.environment ? &*context_.environment : nullptr, diff);
  grounds.environment = toStdString(environment());
  return grounds;
}

ReplayPlan DecisionDesk::planReplay(const std::string& sha, const QString& overrideReason) const {
  ReplayInputs inputs;
  inputs.sha = sha;
  if (context_.candidates) {
    inputs.candidate = context_.candidates->find(sha);
    inputs.relations = &context_.candidates->relations;
    inputs.candidates = &context_.candidates->candidates;
  }
  if (context_.environment) inputs.environment = &*context_.environment;
  if (context_.inbox) inputs.lock = &context_.inbox->lock;
  ReplayPlan plan = releasedesk::planReplay(inputs, toStdString(overrideReason));
  plan.grounds.environment = toStdString(environment());
  return plan;
}

std::vector<const ActionCandidate*> DecisionDesk::rollbackChoices() const {
  if (!context_.candidates) return {};
  return releasedesk::rollbackChoices(context_.candidates->relations, context_.candidates->candidates);
}

const ActionCandidate* DecisionDesk::proposedRollback() const {
  if (!context_.candidates) return nullptr;
  return proposeRollbackTarget(context_.candidates->relations, context_.candidates->candidates);
}

const InboxEntry* DecisionDesk::waitingRun(std::int64_t runId) const {
  if (!context_.inbox) return nullptr;
  for (const InboxEntry& entry : context_.inbox->waiting)
    if (entry.run.id == runId) return &entry;
  return nullptr;
}

bool DecisionDesk::send(const Decision& decision) {
  if (!connection_ || !decision.blockers.empty()) return false;
  Decision sent = decision;
  if (sent.login.empty()) sent.login = toStdString(login_);
  sent.environment = toStdString(environment());
  auto sender = std::make_unique<DecisionSender>(connection_->client(), connection_->scheduler(), journal_, sent);
  DecisionSender* raw = sender.get();
  const std::uint64_t key = ++sends_;  // one sender, one send
  senders_[key] = std::move(sender);
  std::weak_ptr<int> alive = generation_;
  emit journalChanged();  // the intent is written before the request leaves, inside execute()
  raw->execute([this, alive, key, sent](DecisionOutcome outcome) {
    if (alive.expired()) return;
    // Destroyed from the event loop, not inside its own callback.
    if (auto it = senders_.find(key); it != senders_.end()) {
      std::shared_ptr<DecisionSender> done(it->second.release());
      senders_.erase(it);
      QMetaObject::invokeMethod(
          this, [done] {}, Qt::QueuedConnection);
    }
    emit journalChanged();
    emit decisionFinished(sent, outcome);
    const bool dispatch = sent.action == DecisionAction::Replay || sent.action == DecisionAction::Rollback ||
                          sent.action == DecisionAction::Redeploy;
    if (outcome.runId && (dispatch || outcome.took())) {
      if (dispatch && reader_) reader_->recordDispatch(*outcome.runId, sent.sha);
      if (dispatch) emit runStarted(*outcome.runId, toQString(sent.sha));
      follow(*outcome.runId);
    }
    read();
  });
  return true;
}

void DecisionDesk::follow(std::int64_t runId) {
  if (!connection_ || followers_.count(runId)) return;
  auto follower = std::make_unique<RunFollower>(connection_->client(), connection_->scheduler(), runId);
  RunFollower* raw = follower.get();
  followers_[runId] = std::move(follower);
  std::weak_ptr<int> alive = generation_;
  raw->start([this, alive, runId](const FollowUpdate& update) {
    if (alive.expired()) return;
    emit runUpdated(runId, update);
    if (!update.finished) return;
    const bool success = update.conclusion == "success";
    emit runFinished(runId, success, toQString(update.sentence));
    // Not destroyed inside its own callback: let go of it from the event loop.
    QMetaObject::invokeMethod(
        this,
        [this, alive, runId] {
          if (!alive.expired()) followers_.erase(runId);
        },
        Qt::QueuedConnection);
    read();
  });
}

std::vector<std::int64_t> DecisionDesk::followedRuns() const {
  std::vector<std::int64_t> runs;
  for (const auto& [runId, follower] : followers_) runs.push_back(runId);
  return runs;
}

JournalRead DecisionDesk::journal() const {
  return journal_.read();
}

QString DecisionDesk::journalPath() const {
  return toQString(journal_.path());
}

}  // namespace releasedesk
