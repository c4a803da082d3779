// The dark palette and RELEASEDESK_COLOR_SCHEME.
#include "ui/color_scheme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace releasedesk {

QPalette darkPalette() {
  QPalette dark;
  const QColor window(0x2b, 0x2b, 0x2b), base(0x1e, 0x1e, 0x1e), text(0xe6, 0xe6, 0xe6);
  dark.setColor(QPalette::Window, window);
  dark.setColor(QPalette::WindowText, text);
  dark.setColor(QPalette::Base, base);
  dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
  dark.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
  dark.setColor(QPalette::ToolTipText, text);
  dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
  dark.setColor(QPalette::Text, text);
  dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
  dark.setColor(QPalette::ButtonText, text);
  dark.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
  dark.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
  dark.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x3e));
  dark.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
  dark.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
  dark.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0c));
  dark.setColor(QPalette::Highlight, QColor(0x1d, 0x3b, 0x6e));
  dark.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
  dark.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
  dark.setColor(QPalette::LinkVisited, QColor(0xb0, 0x8c, 0xff));
  for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
    dark.setColor(QPalette::Disabled, role, QColor(0x80, 0x80, 0x80));
  return dark;
}

void applyColorSchemeFromEnvironment() {
  const QString scheme = qEnvironmentVariable("RELEASEDESK_COLOR_SCHEME").trimmed().toLower();
  if (scheme != QStringLiteral("dark") && scheme != QStringLiteral("light")) return;
  QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QApplication::setPalette(scheme == QStringLiteral("dark") ? darkPalette() : QApplication::style()->standardPalette());
}

}  // namespace releasedesk
