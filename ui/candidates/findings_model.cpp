// The findings of one evidence report.
#include "ui/candidates/findings_model.h"
#include "ui/display_text.h"

#include "app/adapter/qt_strings.h"
#include "ui/status_icons.h"

#include <QFontDatabase>

namespace releasedesk {

FindingsModel::FindingsModel(QObject* parent) : QAbstractTableModel(parent) {}

void FindingsModel::setFindings(Findings findings) {
  beginResetModel();
  findings_ = std::move(findings);
  endResetModel();
}

QString FindingsModel::displayPointer(const std::string& pointer) {
  // RFC 6901's empty pointer means the whole document, which reads as nothing at all.
  return pointer.empty() ? tr("(document)") : displayText(pointer);
}

int FindingsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(findings_.size());
}

int FindingsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const Finding& finding = findings_[static_cast<std::size_t>(index.row())];
  if (role == SeverityRole) return static_cast<int>(finding.severity);
  // The message is the point of a finding: show it in full wherever the pointer is.
  if (role == Qt::ToolTipRole) return displayText(finding.message);

  switch (index.column()) {
    case SeverityColumn:
      if (role == Qt::DisplayRole) return severityWord(finding.severity);
      if (role == Qt::DecorationRole) return severityIcon(finding.severity);
      return {};
    case PointerColumn:
      if (role == Qt::DisplayRole) return displayPointer(finding.pointer);
      if (role == Qt::FontRole) return QFontDatabase::systemFont(QFontDatabase::FixedFont);
      return {};
    case MessageColumn:
      if (role == Qt::DisplayRole) return displayText(finding.message);
      return {};
    default: return {};
  }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case SeverityColumn: return tr("Severity");
    case PointerColumn: return tr("Where");
    case MessageColumn: return tr("Finding");
    default: return {};
  }
}

}  // namespace releasedesk
