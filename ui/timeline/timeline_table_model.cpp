// The Timeline's runs as table rows.
#include "ui/timeline/timeline_table_model.h"

#include "core/timeline/durations.h"
#include "ui/time_text.h"

namespace releasedesk {
namespace {

QString qs(std::string_view text) {
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString classWord(RunClass runClass) {
  switch (runClass) {
    case RunClass::Auto: return TimelineTableModel::tr("auto promotion");
    case RunClass::Replay: return TimelineTableModel::tr("replay");
    case RunClass::Rollback: return TimelineTableModel::tr("rollback");
    case RunClass::Rerun: return TimelineTableModel::tr("re-run");
  }
  return {};
}

}  // namespace

void TimelineTableModel::setTimeline(std::shared_ptr<const DeploymentTimeline> timeline) {
  beginResetModel();
  timeline_ = std::move(timeline);
  endResetModel();
}

void TimelineTableModel::timesChanged() {
  if (rowCount() > 0) emit dataChanged(index(0, StartedColumn), index(rowCount() - 1, StartedColumn));
}

const TimelineRun* TimelineTableModel::runAt(int row) const {
  if (!timeline_ || row < 0 || row >= rowCount()) return nullptr;
  // Newest first: the lanes are oldest first.
  return &timeline_->runs[timeline_->runs.size() - 1 - static_cast<std::size_t>(row)];
}

int TimelineTableModel::rowOf(std::int64_t runId) const {
  for (int row = 0; row < rowCount(); ++row)
    if (runAt(row)->id == runId) return row;
  return -1;
}

int TimelineTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() || !timeline_ ? 0 : static_cast<int>(timeline_->runs.size());
}

int TimelineTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineTableModel::data(const QModelIndex& index, int role) const {
  const TimelineRun* lane = runAt(index.row());
  if (!lane) return {};
  if (role == RunIdRole) return QVariant::fromValue<qlonglong>(lane->id);
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::AccessibleTextRole) return {};
  switch (index.column()) {
    case RunColumn:
      return role == Qt::DisplayRole ? timetext::runName(lane->runNumber)
                                     : timetext::runName(lane->runNumber, lane->id);
    case StartedColumn: return timetext::dateTime(lane->start);
    case ClassColumn: return classWord(lane->runClass);
    case OutcomeColumn: return lane->inProgress ? tr("in progress: %1").arg(qs(lane->outcome())) : qs(lane->outcome());
    case CandidateColumn:
      if (!lane->sha) return tr("unknown");
      return role == Qt::DisplayRole ? qs(*lane->sha).left(7) : qs(*lane->sha);
    case WaitedColumn: {
      QStringList parts;
      if (const auto waited = lane->phaseSeconds(PhaseKind::Waiting); waited > 0)
        parts << tr("W %1").arg(QString::fromStdString(formatDuration(waited)));
      if (const auto queued = lane->phaseSeconds(PhaseKind::Queued); queued > 0)
        parts << tr("Q %1").arg(QString::fromStdString(formatDuration(queued)));
      if (role != Qt::DisplayRole && !parts.isEmpty())
        return tr("waited for approval or queued behind the lock: %1").arg(parts.join(QStringLiteral(", ")));
      return parts.join(QStringLiteral(" · "));
    }
    case LiveColumn: {
      const bool live = timeline_->live && timeline_->live->runId == lane->id;
      return live ? tr("LIVE") : QString();
    }
    default: return {};
  }
}

QVariant TimelineTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case RunColumn: return tr("Run");
    case StartedColumn: return tr("Started");
    case ClassColumn: return tr("Class");
    case OutcomeColumn: return tr("Outcome");
    case CandidateColumn: return tr("Candidate");
    case WaitedColumn: return tr("Waited / queued");
    case LiveColumn: return tr("Live");
    default: return {};
  }
}

}  // namespace releasedesk
