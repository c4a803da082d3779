// The failure banner.
#include "ui/error_banner.h"

#include "ui/status_icons.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

namespace releasedesk {
namespace {

constexpr int kIconSize = 24;

QColor blend(const QColor& base, const QColor& tint, qreal amount) {
  return QColor::fromRgbF(static_cast<float>(base.redF() + (tint.redF() - base.redF()) * amount),
                          static_cast<float>(base.greenF() + (tint.greenF() - base.greenF()) * amount),
                          static_cast<float>(base.blueF() + (tint.blueF() - base.blueF()) * amount));
}

}  // namespace

ErrorBanner::ErrorBanner(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("errorBanner"));
  setAccessibleName(tr("Error"));

  icon_ = new QLabel(this);
  icon_->setFixedSize(kIconSize, kIconSize);
  headline_ = new QLabel(this);
  headline_->setObjectName(QStringLiteral("errorBannerHeadline"));
  headline_->setTextFormat(Qt::PlainText);
  headline_->setWordWrap(true);
  headline_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = headline_->font();
  bold.setBold(true);
  headline_->setFont(bold);
  advice_ = new QLabel(this);
  advice_->setObjectName(QStringLiteral("errorBannerAdvice"));
  advice_->setTextFormat(Qt::PlainText);
  advice_->setWordWrap(true);

  fix_ = new QPushButton(this);
  fix_->setObjectName(QStringLiteral("errorBannerFix"));
  fix_->setAccessibleName(tr("Fix"));  // replaced by the fixing action's name when shown
  fix_->hide();
  connect(fix_, &QPushButton::clicked, this, [this] {
    if (fixAction_) fixAction_->trigger();
  });
  retry_ = new QPushButton(tr("&Try Again"), this);
  retry_->setObjectName(QStringLiteral("errorBannerRetry"));
  connect(retry_, &QPushButton::clicked, this, &ErrorBanner::retryRequested);
  dismiss_ = new QPushButton(tr("&Dismiss"), this);
  dismiss_->setObjectName(QStringLiteral("errorBannerDismiss"));
  connect(dismiss_, &QPushButton::clicked, this, &ErrorBanner::dismiss);

  auto* text = new QVBoxLayout;
  text->setSpacing(2);
  text->addWidget(headline_);
  text->addWidget(advice_);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(18, 12, 14, 8);
  layout->setSpacing(12);
  layout->addWidget(icon_, 0, Qt::AlignTop);
  layout->addLayout(text, 1);
  layout->addWidget(fix_, 0, Qt::AlignVCenter);
  layout->addWidget(retry_, 0, Qt::AlignVCenter);
  layout->addWidget(dismiss_, 0, Qt::AlignVCenter);
  hide();
}

void ErrorBanner::showError(const QString& what, const QString& advice, bool canRetry, QAction* fix) {
  icon_->setPixmap(severityIcon(Severity::Error).pixmap(kIconSize, kIconSize));
  headline_->setText(what);
  advice_->setText(advice);
  advice_->setVisible(!advice.isEmpty());
  retry_->setVisible(canRetry);
  fixAction_ = fix;
  if (fix != nullptr) {
    fix_->setText(fix->text());
    fix_->setAccessibleName(QString(fix->text()).remove(QLatin1Char('&')));
    fix_->setIcon(fix->icon());
    fix_->setToolTip(fix->toolTip());
  }
  fix_->setVisible(fix != nullptr);
  show();
}

void ErrorBanner::dismiss() {
  hide();
  fixAction_ = nullptr;
  headline_->clear();
  advice_->clear();
}

QString ErrorBanner::headline() const {
  return headline_->text();
}

QString ErrorBanner::advice() const {
  return advice_->text();
}

void ErrorBanner::paintEvent(QPaintEvent*) {
  // Painted from the current palette on every paint, so a theme switch needs no bookkeeping.
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  const QColor accent = severityColor(Severity::Error, palette());
  painter.setPen(QPen(accent, 1));
  painter.setBrush(blend(palette().color(QPalette::Window), accent, 0.12));
  painter.drawRoundedRect(QRectF(rect()).adjusted(6.5, 4.5, -6.5, -0.5), 6, 6);
}

void ErrorBanner::changeEvent(QEvent* event) {
  // The icon is a pixmap: repaint it when the theme changes.
  if (event->type() == QEvent::PaletteChange && isVisible()) {
    icon_->setPixmap(severityIcon(Severity::Error).pixmap(kIconSize, kIconSize));
  }
  QWidget::changeEvent(event);
}

}  // namespace releasedesk
