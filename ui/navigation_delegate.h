// Paints a navigation entry with its attention badge: a rounded count at the right edge. Compact,
// it paints only the view's initial in a circle with the badge on its corner, for narrow windows.
#pragma once

#include <QStyledItemDelegate>

namespace releasedesk {

class NavigationDelegate final : public QStyledItemDelegate {
  Q_OBJECT

 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

  void setCompact(bool compact) { compact_ = compact; }
  bool isCompact() const { return compact_; }

 private:
  void paintCompact(QPainter* painter, const QStyleOptionViewItem& option, const QString& title, int count) const;

  bool compact_ = false;
};

}  // namespace releasedesk
