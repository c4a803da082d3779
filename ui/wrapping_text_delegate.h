// Lets the text of one tree view column wrap: row heights follow the column's current width,
// which QTreeView alone does not do.
#pragma once

#include <QStyledItemDelegate>

class QTreeView;

namespace releasedesk {

class WrappingTextDelegate final : public QStyledItemDelegate {
  Q_OBJECT

 public:
  // Installs itself on `column` of `view` and relayouts the rows whenever a column is resized.
  WrappingTextDelegate(QTreeView* view, int column);

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 private:
  QTreeView* view_;
};

}  // namespace releasedesk
