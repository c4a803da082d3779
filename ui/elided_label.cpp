// Middle-elided labels for long values.
#include "ui/elided_label.h"

#include <QAction>
#include <QClipboard>
#include <QEvent>
#include <QGuiApplication>
#include <QPainter>

namespace releasedesk {
namespace {

// Enough to recognise a value by its ends: "sha256:fca7…f446c1".
constexpr int kMinimumCharacters = 16;

}  // namespace

ElidedLabel::ElidedLabel(const QString& text, QWidget* parent) : QWidget(parent), text_(text) {
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  auto* copy = new QAction(tr("&Copy"), this);
  connect(copy, &QAction::triggered, this, [this] { QGuiApplication::clipboard()->setText(text_); });
  addAction(copy);
  setContextMenuPolicy(Qt::ActionsContextMenu);
  setAccessibleName(text_);
  updateToolTip();
}

void ElidedLabel::setText(const QString& text) {
  if (text == text_) return;
  text_ = text;
  setAccessibleName(text_);
  updateGeometry();
  updateToolTip();
  update();
}

bool ElidedLabel::isElided() const {
  return fontMetrics().horizontalAdvance(text_) > width();
}

QSize ElidedLabel::sizeHint() const {
  const QFontMetrics metrics = fontMetrics();
  return {metrics.horizontalAdvance(text_) + 1, metrics.height()};
}

QSize ElidedLabel::minimumSizeHint() const {
  const QFontMetrics metrics = fontMetrics();
  const int full = metrics.horizontalAdvance(text_) + 1;
  return {std::min(full, metrics.averageCharWidth() * kMinimumCharacters), metrics.height()};
}

void ElidedLabel::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setPen(palette().color(isEnabled() ? QPalette::Normal : QPalette::Disabled, foregroundRole()));
  painter.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, fontMetrics().elidedText(text_, Qt::ElideMiddle, width()));
}

void ElidedLabel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  updateToolTip();
}

void ElidedLabel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::FontChange) {
    updateGeometry();
    updateToolTip();
  }
  QWidget::changeEvent(event);
}

void ElidedLabel::updateToolTip() {
  // Only an elided value needs a tooltip; a full one would just repeat it.
  setToolTip(isElided() ? text_ : QString());
}

}  // namespace releasedesk
