// Scope flags as chips.
#include "ui/candidates/scope_chips_delegate.h"

#include <QApplication>
#include <QPainter>

namespace releasedesk {
namespace {

constexpr int kChipPadding = 5;
constexpr int kChipSpacing = 4;
constexpr int kCellMargin = 4;

QFont chipFont(const QFont& base) {
  QFont font = base;
  font.setPointSizeF(base.pointSizeF() * 0.9);
  return font;
}

}  // namespace

ScopeChipsDelegate::ScopeChipsDelegate(int flagsRole, QObject* parent)
    : QStyledItemDelegate(parent), flagsRole_(flagsRole) {}

void ScopeChipsDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  const QStringList flags = index.data(flagsRole_).toStringList();
  // Let the style draw selection and focus; the chips replace the text.
  opt.text.clear();
  const QWidget* widget = opt.widget;
  QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

  const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
  const QFont font = chipFont(opt.font);
  const QFontMetrics metrics(font);
  const int height = std::min(metrics.height() + 4, opt.rect.height() - 2);
  const int top = opt.rect.top() + (opt.rect.height() - height) / 2;
  const int right = opt.rect.right() - kCellMargin;

  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  painter->setFont(font);
  if (flags.isEmpty()) {
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
    painter->drawText(opt.rect.adjusted(kCellMargin, 0, -kCellMargin, 0), Qt::AlignVCenter | Qt::AlignLeft, tr("none"));
    painter->restore();
    return;
  }
  QList<int> widths;
  int total = 0;
  for (const QString& flag : flags) {
    widths << metrics.horizontalAdvance(flag) + 2 * kChipPadding;
    total += widths.last() + (total > 0 ? kChipSpacing : 0);
  }
  int x = opt.rect.left() + kCellMargin;
  // When not every chip fits, keep room for an ellipsis that says there is more.
  const int limit = x + total <= right ? right : right - kChipSpacing - metrics.horizontalAdvance(QStringLiteral("…"));
  for (qsizetype i = 0; i < flags.size(); ++i) {
    if (x + widths[i] > limit) {
      const bool selected = opt.state & QStyle::State_Selected;
      painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
      painter->drawText(QRect(x, top, right - x, height), Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral("…"));
      break;
    }
    const QRectF chip(x + 0.5, top + 0.5, widths[i] - 1, height - 1);
    // Button/ButtonText are a pair, so the chip stays readable on selected and alternate rows.
    painter->setPen(opt.palette.color(group, QPalette::Mid));
    painter->setBrush(opt.palette.color(group, QPalette::Button));
    painter->drawRoundedRect(chip, height / 2.0, height / 2.0);
    painter->setPen(opt.palette.color(group, QPalette::ButtonText));
    painter->drawText(chip, Qt::AlignCenter, flags[i]);
    x += widths[i] + kChipSpacing;
  }
  painter->restore();
}

QSize ScopeChipsDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QSize size = QStyledItemDelegate::sizeHint(option, index);
  const QFontMetrics metrics(chipFont(option.font));
  int width = 2 * kCellMargin;
  for (const QString& flag : index.data(flagsRole_).toStringList()) {
    width += metrics.horizontalAdvance(flag) + 2 * kChipPadding + kChipSpacing;
  }
  size.setWidth(std::max(size.width(), width));
  size.setHeight(std::max(size.height(), metrics.height() + 8));
  return size;
}

}  // namespace releasedesk
