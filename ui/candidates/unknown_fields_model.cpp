// Fields of a manifest that the contract does not define.
#include "ui/candidates/unknown_fields_model.h"
#include "ui/display_text.h"

#include "app/adapter/qt_strings.h"

#include <QFontDatabase>

namespace releasedesk {

UnknownFieldsModel::UnknownFieldsModel(QObject* parent) : QAbstractTableModel(parent) {}

void UnknownFieldsModel::setFields(std::vector<UnknownField> fields) {
  beginResetModel();
  fields_ = std::move(fields);
  endResetModel();
}

int UnknownFieldsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(fields_.size());
}

int UnknownFieldsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant UnknownFieldsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const UnknownField& field = fields_[static_cast<std::size_t>(index.row())];
  const QString text = displayText(index.column() == PointerColumn ? field.pointer : field.json);
  switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return text;
    case Qt::FontRole: return QFontDatabase::systemFont(QFontDatabase::FixedFont);
    default: return {};
  }
}

QVariant UnknownFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case PointerColumn: return tr("Field");
    case ValueColumn: return tr("Value (JSON)");
    default: return {};
  }
}

}  // namespace releasedesk
