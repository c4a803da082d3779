// Fields of a manifest that the contract does not define: kept and shown, never an error.
#pragma once

#include "core/evidence/evidence_manifest.h"

#include <QAbstractTableModel>

#include <vector>

namespace releasedesk {

class UnknownFieldsModel final : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { PointerColumn, ValueColumn, ColumnCount };

  explicit UnknownFieldsModel(QObject* parent = nullptr);

  void setFields(std::vector<UnknownField> fields);
  const std::vector<UnknownField>& fields() const { return fields_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  std::vector<UnknownField> fields_;
};

}  // namespace releasedesk
