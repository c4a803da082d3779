// The views of the left navigation.
#include "ui/navigation_model.h"

namespace releasedesk {

NavigationModel::NavigationModel(QObject* parent) : QAbstractListModel(parent) {}

int NavigationModel::addView(const QString& title, const QString& badgeMeaning) {
  const int row = static_cast<int>(views_.size());
  beginInsertRows({}, row, row);
  views_.push_back({title, badgeMeaning, 0});
  endInsertRows();
  return row;
}

void NavigationModel::setBadge(int row, int count) {
  if (row < 0 || row >= rowCount() || views_[static_cast<std::size_t>(row)].badge == count) return;
  views_[static_cast<std::size_t>(row)].badge = count;
  const QModelIndex changed = index(row);
  emit dataChanged(changed, changed, {BadgeRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
}

int NavigationModel::badge(int row) const {
  return row >= 0 && row < rowCount() ? views_[static_cast<std::size_t>(row)].badge : 0;
}

int NavigationModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(views_.size());
}

QVariant NavigationModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const View& view = views_[static_cast<std::size_t>(index.row())];
  switch (role) {
    case Qt::DisplayRole: return view.title;
    case BadgeRole: return view.badge;
    case Qt::ToolTipRole:
      return view.badge > 0 ? QStringLiteral("%1 %2").arg(view.badge).arg(view.badgeMeaning) : view.title;
    case Qt::AccessibleTextRole:
      return view.badge > 0 ? QStringLiteral("%1, %2 %3").arg(view.title).arg(view.badge).arg(view.badgeMeaning)
                            : view.title;
    default: return {};
  }
}

}  // namespace releasedesk
