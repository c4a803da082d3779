// The table of candidates: one row per acceptance manifest, with its verdict.
#pragma once

#include "core/evidence/artifact_tree.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>

#include <vector>

namespace releasedesk {

class CandidateListModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { ShaColumn, KindColumn, ScopeColumn, VerdictColumn, LiveColumn, DateColumn, ColumnCount };
  enum Role {
    ShaRole = Qt::UserRole + 1,  // QString: the full 40-hex SHA of the folder
    VerdictRole,                 // int: a Verdict
    ScopeFlagsRole,              // QStringList: the scope keys that are true, in document order
    SearchTextRole,              // QString: everything the filter matches against
    SortRole,                    // per column: the value the list sorts by
  };

  explicit CandidateListModel(QObject* parent = nullptr);

  // `dates`: when each candidate was accepted (its acceptance run on GitHub, its manifest's time
  // on disk), by full SHA; the Date column sorts by it, newest first by default.
  void setCandidates(std::vector<CandidateEntry> candidates, QHash<QString, QDateTime> dates = {});
  QDateTime date(const QString& sha) const { return dates_.value(sha); }
  // How each candidate stands against what is live in production, by full SHA: "live", "newer",
  // "older", "never deployed". Candidates without an entry show nothing in the Live column.
  void setLiveRelations(QHash<QString, QString> relations);
  QString liveRelation(const QString& sha) const { return liveRelations_.value(sha); }
  const std::vector<CandidateEntry>& candidates() const { return candidates_; }
  // nullptr when `row` is out of range.
  const CandidateEntry* candidate(int row) const;
  // The row of the candidate whose SHA is `sha` or starts with it; -1 when none (or ambiguous).
  int rowOf(const QString& shaOrPrefix) const;
  int count(Verdict verdict) const;
  // Rejected and invalid candidates: the navigation badge.
  int attentionCount() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<CandidateEntry> candidates_;
  QHash<QString, QString> liveRelations_;
  QHash<QString, QDateTime> dates_;
};

}  // namespace releasedesk
