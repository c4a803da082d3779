// Rows of the Environment view: status by icon and word, unknown rows in italics on a shaded
// background so they never read as missing.
#include "ui/environment/environment_table_model.h"
#include "ui/display_text.h"

#include "ui/status_icons.h"
#include "ui/time_text.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

namespace releasedesk {
namespace {

// Names, values and messages come from GitHub and the repository: shown escaped.
QString text(const std::string& s) {
  return displayText(s);
}

bool isProblem(const CompletenessItem& item) {
  if (item.blocking() || (item.needed() && item.status != ItemStatus::Ok) || item.status == ItemStatus::Invalid ||
      item.status == ItemStatus::Unknown)
    return true;
  return std::any_of(item.messages.begin(), item.messages.end(),
                     [](const ItemMessage& m) { return m.severity != Severity::Info; });
}

}  // namespace

QString itemStatusWord(ItemStatus status) {
  switch (status) {
    case ItemStatus::Ok: return QObject::tr("ok");
    case ItemStatus::Missing: return QObject::tr("missing");
    case ItemStatus::Invalid: return QObject::tr("invalid");
    case ItemStatus::Unknown: return QObject::tr("unknown");
  }
  return {};
}

QIcon itemStatusIcon(ItemStatus status) {
  switch (status) {
    case ItemStatus::Ok: return verdictIcon(Verdict::Accepted);
    case ItemStatus::Missing: return verdictIcon(Verdict::Rejected);
    case ItemStatus::Invalid: return verdictIcon(Verdict::Invalid);
    case ItemStatus::Unknown: return staleIcon();  // a different shape: could not be read
  }
  return {};
}

void EnvironmentTableModel::setReport(const CompletenessReport& report) {
  beginResetModel();
  report_ = report;
  endResetModel();
}

int EnvironmentTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(report_.items.size());
}

int EnvironmentTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnvironmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Name: return tr("Name");
    case Kind: return tr("Kind");
    case Requirement: return tr("Required");
    case Status: return tr("Status");
    case Source: return tr("Source");
    case ValueOrUpdated: return tr("Value / updated");
    case Messages: return tr("Messages");
    default: return {};
  }
}

QVariant EnvironmentTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const CompletenessItem& item = report_.items[static_cast<std::size_t>(index.row())];
  const bool unknown = item.status == ItemStatus::Unknown;
  if (role == Qt::UserRole) return static_cast<int>(item.status);
  if (role == ProblemRole) return isProblem(item);
  if (role == Qt::FontRole && unknown) {
    QFont font = QApplication::font();
    font.setItalic(true);
    return font;
  }
  if (role == Qt::BackgroundRole && unknown) return QApplication::palette().brush(QPalette::AlternateBase);
  if (role == Qt::DecorationRole && index.column() == Status) return itemStatusIcon(item.status);
  if (role == Qt::ToolTipRole) {
    QStringList lines;
    if (!item.description.empty()) lines << text(item.description);
    for (const ItemMessage& m : item.messages) lines << severityWord(m.severity) + QStringLiteral(": ") + text(m.text);
    for (const ShadowedValue& s : item.shadowed) {
      lines << tr("Shadows the %1 level%2")
                   .arg(text(std::string(toString(s.level))),
                        item.kind == ConfigKind::Variable ? QStringLiteral(": \"%1\"").arg(text(s.value)) : QString());
    }
    return lines.join(QLatin1Char('\n'));
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Name: return text(item.name);
    case Kind: return item.kind == ConfigKind::Variable ? tr("variable") : tr("secret");
    case Requirement:
      return item.required   ? tr("required")
             : item.needed() ? tr("needed: %1").arg(text(item.neededBecause))
                             : tr("optional");
    case Status: return itemStatusWord(item.status);
    case Source:
      if (!item.source) return unknown ? tr("could not be read") : QStringLiteral("—");
      return item.inherited() ? tr("%1 (inherited)").arg(text(std::string(toString(*item.source))))
                              : text(std::string(toString(*item.source)));
    case ValueOrUpdated:
      if (item.kind == ConfigKind::Variable) return text(item.value);
      return item.updatedAt ? tr("updated %1").arg(timetext::dateTime(*item.updatedAt)) : QString();
    case Messages: {
      QStringList lines;
      for (const ItemMessage& m : item.messages) {
        if (m.severity != Severity::Info) lines << text(m.text);
      }
      return lines.join(QLatin1Char('\n'));
    }
    default: return {};
  }
}

void EnvironmentProblemsFilter::setProblemsOnly(bool on) {
  problemsOnly_ = on;
  invalidateFilter();
}

bool EnvironmentProblemsFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  if (!problemsOnly_) return true;
  return sourceModel()->index(sourceRow, 0, sourceParent).data(EnvironmentTableModel::ProblemRole).toBool();
}

}  // namespace releasedesk
