// The table of candidates.
#include "ui/candidates/candidate_list_model.h"
#include "ui/display_text.h"

#include "app/adapter/qt_strings.h"
#include "ui/status_icons.h"
#include "ui/time_text.h"

#include <QFontDatabase>

#include <algorithm>

namespace releasedesk {
namespace {

constexpr int kShortShaLength = 12;

QStringList trueScopeFlags(const EvidenceManifest& manifest) {
  QStringList flags;
  for (const auto& [key, value] : manifest.scope) {
    if (value) flags << displayText(key);
  }
  return flags;
}

// Attention first when sorting by verdict, ascending.
int verdictRank(Verdict verdict) {
  switch (verdict) {
    case Verdict::Invalid: return 0;
    case Verdict::Rejected: return 1;
    case Verdict::Accepted: return 2;
  }
  return 0;
}

QString firstError(const EvidenceReport& report) {
  for (const Finding& finding : report.findings) {
    if (finding.severity == Severity::Error) return displayText(finding.message);
  }
  return {};
}

}  // namespace

CandidateListModel::CandidateListModel(QObject* parent) : QAbstractTableModel(parent) {}

void CandidateListModel::setCandidates(std::vector<CandidateEntry> candidates, QHash<QString, QDateTime> dates) {
  beginResetModel();
  candidates_ = std::move(candidates);
  dates_ = std::move(dates);
  endResetModel();
}

const CandidateEntry* CandidateListModel::candidate(int row) const {
  if (row < 0 || row >= static_cast<int>(candidates_.size())) return nullptr;
  return &candidates_[static_cast<std::size_t>(row)];
}

int CandidateListModel::rowOf(const QString& shaOrPrefix) const {
  if (shaOrPrefix.isEmpty()) return -1;
  int found = -1;
  for (int row = 0; row < static_cast<int>(candidates_.size()); ++row) {
    const QString sha = toQString(candidates_[static_cast<std::size_t>(row)].sha);
    if (sha == shaOrPrefix) return row;
    if (sha.startsWith(shaOrPrefix)) {
      if (found != -1) return -1;
      found = row;
    }
  }
  return found;
}

int CandidateListModel::count(Verdict verdict) const {
  return static_cast<int>(std::count_if(candidates_.begin(), candidates_.end(),
                                        [&](const CandidateEntry& entry) { return entry.report.verdict == verdict; }));
}

int CandidateListModel::attentionCount() const {
  return count(Verdict::Rejected) + count(Verdict::Invalid);
}

int CandidateListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(candidates_.size());
}

int CandidateListModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant CandidateListModel::data(const QModelIndex& index, int role) const {
  const CandidateEntry* entry = candidate(index.row());
  if (entry == nullptr || index.column() < 0 || index.column() >= ColumnCount) return {};
  const EvidenceManifest& manifest = entry->report.manifest;
  const Verdict verdict = entry->report.verdict;
  const QString sha = toQString(entry->sha);

  switch (role) {
    case ShaRole: return sha;
    case VerdictRole: return static_cast<int>(verdict);
    case ScopeFlagsRole: return trueScopeFlags(manifest);
    case SearchTextRole:
      return QStringList{sha,
                         displayText(manifest.kind),
                         trueScopeFlags(manifest).join(QLatin1Char(' ')),
                         verdictWord(verdict),
                         displayText(manifest.apiRef),
                         displayText(manifest.webRef)}
          .join(QLatin1Char(' '));
    default: break;
  }

  switch (index.column()) {
    case ShaColumn:
      switch (role) {
        case Qt::DisplayRole: return sha.left(kShortShaLength);
        case SortRole:
        case Qt::ToolTipRole: return sha;
        case Qt::FontRole: return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        case Qt::AccessibleTextRole: return tr("Candidate %1").arg(sha);
        default: return {};
      }
    case KindColumn:
      switch (role) {
        case Qt::DisplayRole:
        case SortRole: return manifest.kind.empty() ? QStringLiteral("—") : displayText(manifest.kind);
        default: return {};
      }
    case ScopeColumn:
      switch (role) {
        case Qt::DisplayRole:
        case SortRole: return trueScopeFlags(manifest).join(QLatin1Char(' '));
        case Qt::ToolTipRole: {
          QStringList lines;
          for (const auto& [key, value] : manifest.scope) {
            lines << QStringLiteral("%1: %2").arg(displayText(key),
                                                  value ? QStringLiteral("true") : QStringLiteral("false"));
          }
          return lines.join(QLatin1Char('\n'));
        }
        default: return {};
      }
    case VerdictColumn:
      switch (role) {
        case Qt::DisplayRole: return verdictWord(verdict);
        case Qt::DecorationRole: return verdictIcon(verdict);
        case SortRole: return verdictRank(verdict);
        case Qt::ToolTipRole: {
          const QString why = firstError(entry->report);
          return why.isEmpty() ? verdictWord(verdict) : QStringLiteral("%1: %2").arg(verdictWord(verdict), why);
        }
        default: return {};
      }
    case LiveColumn: {
      const QString relation = liveRelations_.value(sha);
      switch (role) {
        case Qt::DisplayRole:
        case SortRole: return relation == QStringLiteral("live") ? QStringLiteral("● LIVE") : relation;
        case Qt::ToolTipRole:
          return relation == QStringLiteral("live")    ? tr("Live in production now")
                 : relation == QStringLiteral("older") ? tr("Older than live: a replay of it is a rollback")
                 : relation == QStringLiteral("newer") ? tr("Newer than live: promoting it moves production forward")
                                                       : relation;
        case Qt::AccessibleTextRole: return relation.isEmpty() ? tr("relation to live not known") : relation;
        default: return {};
      }
    }
    case DateColumn: {
      const QDateTime at = dates_.value(sha);
      switch (role) {
        // The zone is in the header: "Accepted (CET)".
        case Qt::DisplayRole: return at.isValid() ? timetext::compactDateTime(at) : QStringLiteral("—");
        case SortRole: return at.isValid() ? at.toSecsSinceEpoch() : qint64(0);
        case Qt::ToolTipRole:
          return at.isValid() ? tr("Accepted %1").arg(timetext::dateTime(at)) : tr("Date not known");
        default: return {};
      }
    }
    default: return {};
  }
}

void CandidateListModel::setLiveRelations(QHash<QString, QString> relations) {
  if (relations == liveRelations_) return;
  liveRelations_ = std::move(relations);
  if (!candidates_.empty())
    emit dataChanged(index(0, LiveColumn), index(static_cast<int>(candidates_.size()) - 1, LiveColumn));
}

QVariant CandidateListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case ShaColumn: return tr("Candidate");
    case KindColumn: return tr("Kind");
    case ScopeColumn: return tr("Scope");
    case VerdictColumn: return tr("Verdict");
    case LiveColumn: return tr("vs Live");
    case DateColumn: return tr("Accepted (%1)").arg(timetext::zoneName());
    default: return {};
  }
}

}  // namespace releasedesk
