// The Timeline's reads through TimelineLoader, its repeat and clock, cache and run artifacts.
#include "ui/timeline/timeline_refresher.h"

#include "core/timeline/timeline_json.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

namespace releasedesk {
namespace {

int attentionOf(const DeploymentTimeline& timeline) {
  int count = 0;
  for (const TimelineRun& lane : timeline.runs) {
    if (lane.inProgress && !lane.phases.empty() && lane.phases.back().open &&
        lane.phases.back().kind != PhaseKind::Running && lane.phases.back().kind != PhaseKind::Runner)
      ++count;
  }
  return count;
}

}  // namespace

TimelineLoaderConfig TimelineRefresher::defaultConfig() {
  TimelineLoaderConfig config;
  config.window = std::chrono::days(90);
  return config;
}

TimelineRefresher::TimelineRefresher(QObject* parent) : QObject(parent) {
  cacheDirectory_ = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
  autoRefresh_ = new QTimer(this);
  autoRefresh_->setSingleShot(true);
  autoRefresh_->setInterval(kAutoRefreshSeconds * 1000);
  tick_ = new QTimer(this);
  tick_->setInterval(kTickMs);
  connect(autoRefresh_, &QTimer::timeout, this, [this] {
    if (watched_) {
      refresh();
    } else {
      refreshDue_ = true;
    }
  });
  connect(tick_, &QTimer::timeout, this, &TimelineRefresher::ticked);
}

TimelineRefresher::~TimelineRefresher() = default;

void TimelineRefresher::setClient(GitHubClient* client, const QString& cacheKey, TimelineLoaderConfig config) {
  generation_ = std::make_shared<int>(0);
  loader_.reset();
  client_ = client;
  cacheKey_ = cacheKey;
  refreshing_ = false;
  refreshDue_ = false;
  autoRefresh_->stop();
  artifacts_.clear();
  // Another client is another source: its timeline (or its cache) replaces this one, never mixes.
  const bool hadTimeline = timeline_ != nullptr;
  timeline_.reset();
  stale_ = false;
  error_.clear();
  warnings_.clear();
  tick_->stop();
  if (hadTimeline) {
    if (attention_ > 0) emit attentionCountChanged(0);
    attention_ = -1;
    emit timelineChanged();
  }
  if (client_) {
    loader_ = std::make_unique<TimelineLoader>(
        *client_, [] { return std::chrono::system_clock::now(); }, std::move(config));
    // Runs on the client's thread, the GUI thread here.
    loader_->setProgress([this](const TimelineProgress& progress) {
      emit refreshProgressed(progress.listed, progress.jobsDone, progress.jobsTotal);
    });
  }
  emit clientChanged();
  if (!cacheKey_.isEmpty()) loadCache();
}

void TimelineRefresher::setWatched(bool watched) {
  watched_ = watched;
  if (watched_ && loader_ && refreshDue_) {
    refreshDue_ = false;
    // Posted: showing the window must not wait for the requests to be sent.
    QTimer::singleShot(0, this, &TimelineRefresher::refresh);
  }
}

QString TimelineRefresher::cacheFile() const {
  if (cacheKey_.isEmpty() || cacheDirectory_.isEmpty()) return {};
  QString key = cacheKey_;
  key.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
  return QDir(cacheDirectory_).filePath(QStringLiteral("timeline-%1.json").arg(key));
}

bool TimelineRefresher::loadCache() {
  QFile file(cacheFile());
  if (file.fileName().isEmpty() || !file.open(QIODevice::ReadOnly)) return false;
  const QByteArray bytes = file.readAll();
  auto timeline = timelineFromJson(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
  if (!timeline) return false;
  setTimeline(*timeline, true);
  return true;
}

void TimelineRefresher::writeCache(const DeploymentTimeline& timeline, const DoraFigures& dora) const {
  const QString path = cacheFile();
  if (path.isEmpty() || !QDir().mkpath(cacheDirectory_)) return;
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return;
  const std::string json = toJson(timeline, dora, TimelineJsonForm::Cache);
  file.write(json.data(), static_cast<qint64>(json.size()));
  file.commit();  // a cache: failing to write it only costs the next start its instant picture
}

void TimelineRefresher::setTimeline(const DeploymentTimeline& timeline, bool stale) {
  stale_ = stale;
  adopt(std::make_shared<const DeploymentTimeline>(timeline));
}

void TimelineRefresher::adopt(std::shared_ptr<const DeploymentTimeline> timeline) {
  timeline_ = std::move(timeline);
  const bool moving = !stale_ && timeline_->anyInProgress();
  if (moving && !tick_->isActive()) tick_->start();
  if (!moving) tick_->stop();
  emit timelineChanged();
  const int attention = attentionOf(*timeline_);
  if (attention != attention_) {
    attention_ = attention;
    emit attentionCountChanged(attention);
  }
}

bool TimelineRefresher::isAutoRefreshing() const {
  return autoRefresh_->isActive();
}

bool TimelineRefresher::isTicking() const {
  return tick_->isActive();
}

void TimelineRefresher::recordDispatch(std::int64_t runId, std::string sha) {
  if (loader_) loader_->recordDispatch(runId, std::move(sha));
}

void TimelineRefresher::refresh() {
  if (!loader_ || refreshing_) return;
  refreshing_ = true;
  autoRefresh_->stop();
  emit refreshStarted();
  std::weak_ptr<int> alive = generation_;
  loader_->refresh([this, alive](TimelineRefresh result) {
    if (alive.expired()) return;  // the client was replaced (or the refresher destroyed) meanwhile
    finishRefresh(std::move(result));
  });
}

bool TimelineRefresher::cancelRefresh() {
  if (!refreshing_) return false;
  // A new generation drops the answer; the loader stays, so the next refresh costs what it would.
  generation_ = std::make_shared<int>(0);
  refreshing_ = false;
  error_ = tr("Reading was cancelled.");
  if (timeline_) {
    stale_ = true;
    tick_->stop();
    emit timelineChanged();
  }
  emit refreshFinished(false);
  return true;
}

void TimelineRefresher::finishRefresh(TimelineRefresh result) {
  refreshing_ = false;
  if (result.error) {
    // A failed refresh keeps the previous timeline and marks it stale.
    error_ = QString::fromStdString(result.error->message);
    if (timeline_) stale_ = true;
    emit refreshFinished(false);
    return;
  }
  error_.clear();
  warnings_.clear();
  for (const std::string& w : result.warnings) warnings_ << QString::fromStdString(w);
  writeCache(result.timeline, result.dora);
  stale_ = false;
  // Runs still going may upload more artifacts: list them again when shown (artifacts already
  // read are not downloaded again).
  for (const TimelineRun& lane : result.timeline.runs) {
    if (const auto it = artifacts_.find(lane.id); lane.inProgress && it != artifacts_.end()) it->second.due = true;
  }
  // Runs still in progress: read again soon (conditional requests make an unchanged read free).
  if (result.timeline.anyInProgress()) autoRefresh_->start();
  adopt(std::make_shared<const DeploymentTimeline>(std::move(result.timeline)));
  emit refreshFinished(true);
}

void TimelineRefresher::readArtifacts(std::int64_t runId) {
  if (!client_ || !timeline_ || !timeline_->run(runId)) return;
  RunArtifactsState& state = artifacts_[runId];
  if (state.pending || (state.read && !state.due)) return;
  state.due = false;
  std::vector<ProductionArtifact> known = state.read ? state.read->artifacts : std::vector<ProductionArtifact>{};
  // Dropping `pending` (a new client, or the refresher going) drops this answer.
  state.pending = readRunArtifacts(
      *client_, runId,
      [this, runId](RunArtifacts result) {
        RunArtifactsState& answered = artifacts_[runId];
        answered.read = std::move(result);
        answered.pending.reset();
        emit artifactsChanged(runId);
      },
      {}, std::move(known));
}

const RunArtifacts* TimelineRefresher::artifacts(std::int64_t runId) const {
  const auto it = artifacts_.find(runId);
  return it != artifacts_.end() && it->second.read ? &*it->second.read : nullptr;
}

bool TimelineRefresher::isReadingArtifacts(std::int64_t runId) const {
  const auto it = artifacts_.find(runId);
  return it != artifacts_.end() && it->second.pending != nullptr;
}

}  // namespace releasedesk
