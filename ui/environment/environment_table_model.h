// The Environment view's table: one row per variable or secret of a CompletenessReport, with a
// filter that keeps only the rows needing attention.
#pragma once

#include "core/environment/completeness_report.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace releasedesk {

class EnvironmentTableModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { Name, Kind, Requirement, Status, Source, ValueOrUpdated, Messages, ColumnCount };
  // Qt::UserRole: the row's ItemStatus as an int; ProblemRole: whether the row needs attention.
  static constexpr int ProblemRole = Qt::UserRole + 1;

  using QAbstractTableModel::QAbstractTableModel;

  void setReport(const CompletenessReport& report);
  const CompletenessReport& report() const { return report_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  CompletenessReport report_;
};

// "Problems only": rows that block completeness or carry a warning.
class EnvironmentProblemsFilter final : public QSortFilterProxyModel {
  Q_OBJECT

 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;
  void setProblemsOnly(bool on);
  bool problemsOnly() const { return problemsOnly_; }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  bool problemsOnly_ = false;
};

QString itemStatusWord(ItemStatus status);
QIcon itemStatusIcon(ItemStatus status);

}  // namespace releasedesk
