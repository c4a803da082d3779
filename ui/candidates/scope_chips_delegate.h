// Paints a candidate's true scope flags as chips ("infra", "runtime", ...) in the list.
#pragma once

#include <QStyledItemDelegate>

namespace releasedesk {

class ScopeChipsDelegate final : public QStyledItemDelegate {
  Q_OBJECT

 public:
  // `flagsRole` holds a QStringList of the flags to draw.
  explicit ScopeChipsDelegate(int flagsRole, QObject* parent = nullptr);

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 private:
  int flagsRole_;
};

}  // namespace releasedesk
