// The findings of one evidence report: severity, where in the document, and what is wrong.
#pragma once

#include "core/evidence/finding.h"

#include <QAbstractTableModel>

namespace releasedesk {

class FindingsModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { SeverityColumn, PointerColumn, MessageColumn, ColumnCount };
  enum Role { SeverityRole = Qt::UserRole + 1 };

  explicit FindingsModel(QObject* parent = nullptr);

  void setFindings(Findings findings);
  const Findings& findings() const { return findings_; }
  // "/candidate/webRef" or "(document)" for the empty pointer, as shown.
  static QString displayPointer(const std::string& pointer);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  Findings findings_;
};

}  // namespace releasedesk
