// The connection doctor's checks as a table: status (icon and word), check, and what holds or
// what to do.
#pragma once

#include "core/github/connection_doctor.h"

#include <QAbstractTableModel>

namespace releasedesk {

class DoctorChecksModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { StatusColumn, CheckColumn, MessageColumn, ColumnCount };
  enum Role { StatusRole = Qt::UserRole + 1 };  // CheckStatus as int

  explicit DoctorChecksModel(QObject* parent = nullptr);

  void setReport(const DoctorReport& report);
  void clear();
  int count(CheckStatus status) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<DoctorCheck> checks_;
};

}  // namespace releasedesk
