// An icon beside a line of text.
#include "ui/status_indicator.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace releasedesk {

StatusIndicator::StatusIndicator(QWidget* parent) : QWidget(parent) {
  iconLabel_ = new QLabel(this);
  iconLabel_->hide();
  text_ = new QLabel(this);
  text_->setTextFormat(Qt::PlainText);
  layout_ = new QHBoxLayout(this);
  layout_->setContentsMargins(4, 0, 4, 0);
  layout_->setSpacing(4);
  // The icon stays by the first line when the text wraps.
  layout_->addWidget(iconLabel_, 0, Qt::AlignTop);
  layout_->addWidget(text_);
}

void StatusIndicator::setStatus(const QIcon& icon, const QString& text, const QString& toolTip) {
  // The status bar is told after every answer, mostly the same: paint the icon only when it changed.
  const bool sameIcon = icon.isNull() == icon_.isNull() && icon.name() == icon_.name() && !icon.name().isEmpty();
  if (sameIcon && text == text_->text() && toolTip == this->toolTip()) return;
  icon_ = icon;
  text_->setText(text);
  setToolTip(toolTip);
  setAccessibleName(text);
  if (!sameIcon) paintIcon();
}

void StatusIndicator::clear() {
  setStatus({}, {}, {});
}

void StatusIndicator::setWordWrap(bool wrap) {
  text_->setWordWrap(wrap);
  // Wrapped text takes the width there is; a one-liner (status bar) only what it needs.
  layout_->setStretchFactor(text_, wrap ? 1 : 0);
}

QString StatusIndicator::text() const {
  return text_->text();
}

void StatusIndicator::changeEvent(QEvent* event) {
  // The icons follow the palette: paint them again when the theme changes.
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) paintIcon();
  QWidget::changeEvent(event);
}

void StatusIndicator::paintIcon() {
  if (icon_.isNull()) {
    iconLabel_->hide();
    iconLabel_->clear();
    return;
  }
  const int side = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
  iconLabel_->setPixmap(icon_.pixmap(side, side));
  iconLabel_->show();
}

}  // namespace releasedesk
