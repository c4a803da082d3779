// Paints a navigation entry with its attention badge: a rounded count at the right edge.
#pragma once

#include <QStyledItemDelegate>

namespace releasedesk {

class NavigationDelegate final : public QStyledItemDelegate {
  Q_OBJECT

 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace releasedesk
