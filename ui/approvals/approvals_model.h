// The approval inbox as a table: one row per production run waiting for review.
#pragma once

#include "core/actions/approval_inbox.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <vector>

namespace releasedesk {

class ApprovalsModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    RunColumn,
    CandidateColumn,
    ClassColumn,
    WaitingColumn,
    WaitTimerColumn,
    ReviewersColumn,
    CanApproveColumn,
    ColumnCount
  };
  // The run id of a row, for selection that survives a re-read.
  static constexpr int RunIdRole = Qt::UserRole + 1;

  using QAbstractTableModel::QAbstractTableModel;

  // Replaces the rows; `now` places the waits in time.
  void setEntries(std::vector<InboxEntry> entries, QDateTime now);
  const InboxEntry* entry(int row) const;
  int rowOfRun(std::int64_t runId) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<InboxEntry> entries_;
  QDateTime now_;
};

// "auto", "replay", "rollback", "re-run": how a run came about, in words.
QString runClassWord(RunClass runClass);
// "12 min", "2 h 5 min", "3 d 4 h".
QString waitedText(qint64 seconds);

}  // namespace releasedesk
