// The connection doctor's checks as a table model.
#include "ui/project/doctor_checks_model.h"

#include "app/adapter/qt_strings.h"
#include "ui/status_icons.h"

#include <algorithm>

namespace releasedesk {

DoctorChecksModel::DoctorChecksModel(QObject* parent) : QAbstractTableModel(parent) {}

void DoctorChecksModel::setReport(const DoctorReport& report) {
  beginResetModel();
  checks_ = report.checks;
  endResetModel();
}

void DoctorChecksModel::clear() {
  setReport({});
}

int DoctorChecksModel::count(CheckStatus status) const {
  return static_cast<int>(std::count_if(checks_.begin(), checks_.end(),
                                        [status](const DoctorCheck& check) { return check.status == status; }));
}

int DoctorChecksModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(checks_.size());
}

int DoctorChecksModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant DoctorChecksModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const DoctorCheck& check = checks_[static_cast<std::size_t>(index.row())];
  if (role == StatusRole) return static_cast<int>(check.status);
  switch (index.column()) {
    case StatusColumn:
      if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole) return checkStatusWord(check.status);
      if (role == Qt::DecorationRole) return checkStatusIcon(check.status);
      break;
    case CheckColumn:
      if (role == Qt::DisplayRole) return toQString(check.name);
      break;
    case MessageColumn:
      if (role == Qt::DisplayRole) return toQString(check.message);
      if (role == Qt::ToolTipRole) return toQString(check.message);
      break;
    default: break;
  }
  return {};
}

QVariant DoctorChecksModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case StatusColumn: return tr("Status");
    case CheckColumn: return tr("Check");
    case MessageColumn: return tr("Details");
    default: return {};
  }
}

}  // namespace releasedesk
