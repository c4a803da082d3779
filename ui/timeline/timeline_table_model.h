// The Timeline as a table: one row per production run, newest first, with what its lane paints
// (run, start, class, outcome, candidate, time waiting and queued, LIVE). Shown by the Timeline
// view's "Show as Table", it gives screen readers and keyboards the same data as the picture.
#pragma once

#include "core/timeline/deployment_timeline.h"

#include <QAbstractTableModel>

#include <memory>

namespace releasedesk {

class TimelineTableModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column {
    RunColumn,
    StartedColumn,
    ClassColumn,
    OutcomeColumn,
    CandidateColumn,
    WaitedColumn,
    LiveColumn,
    ColumnCount
  };
  static constexpr int RunIdRole = Qt::UserRole + 1;

  using QAbstractTableModel::QAbstractTableModel;

  // null clears.
  void setTimeline(std::shared_ptr<const DeploymentTimeline> timeline);
  // The row of `runId`, -1 when it is not listed.
  int rowOf(std::int64_t runId) const;
  // Times are formatted when shown: call after the desk's clock changed.
  void timesChanged();

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  const TimelineRun* runAt(int row) const;

  std::shared_ptr<const DeploymentTimeline> timeline_;
};

}  // namespace releasedesk
