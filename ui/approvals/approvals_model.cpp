#include "ui/approvals/approvals_model.h"

#include "app/adapter/qt_strings.h"
#include "ui/status_icons.h"
#include "ui/time_text.h"

#include <QLocale>

namespace releasedesk {
namespace {

QDateTime toDateTime(TimePoint time) {
  return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(time.time_since_epoch().count()));
}

}  // namespace

QString runClassWord(RunClass runClass) {
  switch (runClass) {
    case RunClass::Auto: return ApprovalsModel::tr("auto");
    case RunClass::Replay: return ApprovalsModel::tr("replay");
    case RunClass::Rollback: return ApprovalsModel::tr("rollback");
    case RunClass::Rerun: return ApprovalsModel::tr("re-run");
  }
  return {};
}

QString waitedText(qint64 seconds) {
  if (seconds < 60) return ApprovalsModel::tr("under a minute");
  const qint64 minutes = seconds / 60;
  if (minutes < 60) return ApprovalsModel::tr("%1 min").arg(minutes);
  const qint64 hours = minutes / 60;
  if (hours < 24) return ApprovalsModel::tr("%1 h %2 min").arg(hours).arg(minutes % 60);
  return ApprovalsModel::tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

void ApprovalsModel::setEntries(std::vector<InboxEntry> entries, QDateTime now) {
  beginResetModel();
  entries_ = std::move(entries);
  now_ = std::move(now);
  endResetModel();
}

const InboxEntry* ApprovalsModel::entry(int row) const {
  if (row < 0 || row >= static_cast<int>(entries_.size())) return nullptr;
  return &entries_[static_cast<std::size_t>(row)];
}

int ApprovalsModel::rowOfRun(std::int64_t runId) const {
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].run.id == runId) return static_cast<int>(i);
  return -1;
}

int ApprovalsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int ApprovalsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApprovalsModel::data(const QModelIndex& index, int role) const {
  const InboxEntry* e = entry(index.row());
  if (!e) return {};
  if (role == RunIdRole) return QVariant::fromValue<qlonglong>(e->run.id);
  const bool canApprove = e->canApprove();
  if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
    switch (index.column()) {
      case RunColumn:
        // "#42"; the tooltip adds the id the console and GitHub's URLs use.
        return role == Qt::ToolTipRole || e->run.runNumber <= 0 ? timetext::runName(e->run.runNumber, e->run.id)
                                                                : timetext::runName(e->run.runNumber);
      case CandidateColumn: {
        const QString sha = toQString(e->sha.value_or(std::string()));
        if (role == Qt::ToolTipRole) return toQString(e->run.displayTitle);
        return sha.isEmpty() ? tr("(no sha in the title)")
                             : sha.left(7) + QStringLiteral(" · ") + toQString(e->run.displayTitle);
      }
      case ClassColumn: return runClassWord(e->runClass);
      case WaitingColumn: {
        const QDateTime since = toDateTime(e->waitingSince);
        if (role == Qt::ToolTipRole) return timetext::dateTime(since);
        return tr("%1 (since %2)").arg(waitedText(since.secsTo(now_)), timetext::timeOfDay(since));
      }
      case WaitTimerColumn: {
        int minutes = 0;
        for (const PendingDeployment& p : e->pending) minutes = std::max(minutes, p.waitTimerMinutes);
        return minutes > 0 ? tr("%1 min").arg(minutes) : tr("none");
      }
      case ReviewersColumn: {
        QStringList reviewers;
        for (const PendingDeployment& p : e->pending)
          for (const std::string& r : p.reviewers) reviewers << toQString(r);
        reviewers.removeDuplicates();
        return reviewers.isEmpty() ? tr("anyone with write access") : reviewers.join(QStringLiteral(", "));
      }
      case CanApproveColumn:
        if (role == Qt::ToolTipRole)
          return canApprove ? tr("GitHub lets your token approve every pending environment of this run")
                            : tr("GitHub does not let your token approve this run: you are not a required reviewer");
        return canApprove ? tr("yes") : tr("no");
    }
  }
  if (role == Qt::DecorationRole && index.column() == CanApproveColumn)
    return checkStatusIcon(canApprove ? CheckStatus::Ok : CheckStatus::Failed);
  if (role == Qt::AccessibleTextRole && index.column() == CanApproveColumn)
    return canApprove ? tr("you can approve") : tr("you cannot approve");
  return {};
}

QVariant ApprovalsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case RunColumn: return tr("Run");
    case CandidateColumn: return tr("Candidate");
    case ClassColumn: return tr("Class");
    case WaitingColumn: return tr("Waiting");
    case WaitTimerColumn: return tr("Wait timer");
    case ReviewersColumn: return tr("Reviewers");
    case CanApproveColumn: return tr("You can approve");
  }
  return {};
}

}  // namespace releasedesk
