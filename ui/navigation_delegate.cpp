// Navigation entries with attention badges.
#include "ui/navigation_delegate.h"

#include "ui/navigation_model.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>

namespace releasedesk {
namespace {

constexpr int kHorizontalPadding = 12;
constexpr int kBadgePadding = 7;

}  // namespace

void NavigationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  const int count = index.data(NavigationModel::BadgeRole).toInt();
  const QString title = opt.text;
  opt.text.clear();
  const QWidget* widget = opt.widget;
  QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
  if (compact_) {
    paintCompact(painter, opt, title, count);
    return;
  }

  const bool selected = opt.state & QStyle::State_Selected;
  const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
  const QRect content = opt.rect.adjusted(kHorizontalPadding, 0, -kHorizontalPadding / 2, 0);

  QRect badgeRect;
  QFont badgeFont = opt.font;
  badgeFont.setBold(true);
  badgeFont.setPointSizeF(opt.font.pointSizeF() * 0.9);
  const QString badgeText = QString::number(count);
  if (count > 0) {
    const QFontMetrics metrics(badgeFont);
    const int height = metrics.height() + 2;
    const int width = std::max(height, metrics.horizontalAdvance(badgeText) + 2 * kBadgePadding);
    badgeRect = QRect(content.right() - width, content.center().y() - height / 2 + 1, width, height);
  }

  painter->save();
  QFont titleFont = opt.font;
  titleFont.setBold(selected);
  painter->setFont(titleFont);
  painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
  const QRect titleRect = content.adjusted(0, 0, badgeRect.isNull() ? 0 : -(badgeRect.width() + 8), 0);
  painter->drawText(titleRect, Qt::AlignVCenter | Qt::AlignLeft,
                    QFontMetrics(titleFont).elidedText(title, Qt::ElideRight, titleRect.width()));

  if (count > 0) {
    // Highlight and its text are a pair; swapped on a selected row so the badge stays visible.
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Highlight));
    painter->drawRoundedRect(QRectF(badgeRect), badgeRect.height() / 2.0, badgeRect.height() / 2.0);
    painter->setFont(badgeFont);
    painter->setPen(opt.palette.color(group, selected ? QPalette::Highlight : QPalette::HighlightedText));
    painter->drawText(badgeRect, Qt::AlignCenter, badgeText);
  }
  painter->restore();
}

void NavigationDelegate::paintCompact(QPainter* painter, const QStyleOptionViewItem& opt, const QString& title,
                                      int count) const {
  const bool selected = opt.state & QStyle::State_Selected;
  const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
  const int side = std::min(opt.rect.height() - 8, opt.rect.width() - 12);
  const QRect circle(opt.rect.center().x() - side / 2, opt.rect.center().y() - side / 2, side, side);
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  const QColor ink = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
  painter->setPen(QPen(ink, 1.5));
  painter->setBrush(Qt::NoBrush);
  painter->drawEllipse(circle);
  QFont font = opt.font;
  font.setBold(true);
  painter->setFont(font);
  painter->drawText(circle, Qt::AlignCenter, title.left(1));
  if (count > 0) {
    QFont badgeFont = opt.font;
    badgeFont.setBold(true);
    badgeFont.setPointSizeF(opt.font.pointSizeF() * 0.75);
    const QFontMetrics metrics(badgeFont);
    const QString text = QString::number(count);
    const int height = metrics.height();
    const int width = std::max(height, metrics.horizontalAdvance(text) + 6);
    const QRect badge(circle.right() - width / 2, circle.top() - 2, width, height);
    painter->setPen(Qt::NoPen);
    painter->setBrush(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Highlight));
    painter->drawRoundedRect(QRectF(badge), height / 2.0, height / 2.0);
    painter->setFont(badgeFont);
    painter->setPen(opt.palette.color(group, selected ? QPalette::Highlight : QPalette::HighlightedText));
    painter->drawText(badge, Qt::AlignCenter, text);
  }
  painter->restore();
}

QSize NavigationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QSize size = QStyledItemDelegate::sizeHint(option, index);
  size.setHeight(std::max(size.height(), option.fontMetrics.height() * 2 + 4));
  return size;
}

}  // namespace releasedesk
