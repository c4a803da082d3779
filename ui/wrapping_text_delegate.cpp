// Wrapping text in tree view columns.
#include "ui/wrapping_text_delegate.h"

#include <QApplication>
#include <QHeaderView>
#include <QTreeView>

namespace releasedesk {

WrappingTextDelegate::WrappingTextDelegate(QTreeView* view, int column) : QStyledItemDelegate(view), view_(view) {
  view->setWordWrap(true);
  view->setUniformRowHeights(false);
  view->setItemDelegateForColumn(column, this);
  connect(view->header(), &QHeaderView::sectionResized, view, [view] { view->doItemsLayout(); });
}

QSize WrappingTextDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  // The style wraps to the option's width, which the view leaves unset when asking for a size.
  opt.rect = QRect(0, 0, view_->header()->sectionSize(index.column()), 1);
  opt.features |= QStyleOptionViewItem::WrapText;
  const QStyle* style = view_->style() != nullptr ? view_->style() : QApplication::style();
  QSize size = style->sizeFromContents(QStyle::CT_ItemViewItem, &opt, QSize(), view_);
  size.setHeight(size.height() + 4);
  return size;
}

}  // namespace releasedesk
