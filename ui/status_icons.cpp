// Painted verdict and severity icons.
#include "ui/status_icons.h"

#include "app/adapter/qt_strings.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace releasedesk {
namespace {

enum class Glyph { Check, NoEntry, Cross, Warning, Info };
enum class Tone { Positive, Caution, Negative, Notice, Neutral };

bool isDark(const QPalette& palette) {
  return palette.color(QPalette::Base).lightness() < 128;
}

// The palette has no "positive/negative" roles, so the hues are fixed and their lightness
// follows the palette: darker on light bases, lighter on dark ones.
QColor toneColor(Tone tone, const QPalette& palette) {
  const bool dark = isDark(palette);
  switch (tone) {
    case Tone::Positive: return dark ? QColor(0x6f, 0xcf, 0x7f) : QColor(0x1a, 0x7f, 0x37);
    case Tone::Caution: return dark ? QColor(0xf5, 0xa6, 0x5b) : QColor(0xb3, 0x4d, 0x00);
    case Tone::Negative: return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1f, 0x2e);
    case Tone::Notice: return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case Tone::Neutral: return palette.color(QPalette::Highlight);
  }
  return palette.color(QPalette::Text);
}

class GlyphIconEngine final : public QIconEngine {
 public:
  GlyphIconEngine(Glyph glyph, Tone tone) : glyph_(glyph), tone_(tone) {}

  QIconEngine* clone() const override { return new GlyphIconEngine(glyph_, tone_); }
  QString key() const override { return QStringLiteral("releasedesk-glyph"); }
  // QIcon::name(): the same for the same picture, so a holder can tell that an icon is unchanged.
  QString iconName() override {
    return QStringLiteral("releasedesk-glyph-%1-%2").arg(static_cast<int>(glyph_)).arg(static_cast<int>(tone_));
  }

  QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
    // QIconEngine's default leaves the pixmap uninitialised; icons need a transparent ground.
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paint(&painter, QRect(QPoint(0, 0), size), mode, state);
    return pixmap;
  }

  void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override {
    const QPalette palette = QGuiApplication::palette();
    QColor fill =
        mode == QIcon::Disabled ? palette.color(QPalette::Disabled, QPalette::Text) : toneColor(tone_, palette);
    // The glyph is cut out in the base colour so it contrasts with the fill in both themes.
    const QColor ink = palette.color(QPalette::Base);

    const qreal side = std::min(rect.width(), rect.height());
    const QRectF box(rect.x() + (rect.width() - side) / 2.0, rect.y() + (rect.height() - side) / 2.0, side, side);
    const auto at = [&](qreal x, qreal y) { return QPointF(box.x() + x * side, box.y() + y * side); };

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    if (glyph_ == Glyph::Warning) {
      QPainterPath triangle;
      triangle.moveTo(at(0.5, 0.06));
      triangle.lineTo(at(0.97, 0.9));
      triangle.lineTo(at(0.03, 0.9));
      triangle.closeSubpath();
      painter->setPen(QPen(fill, side * 0.06, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      painter->drawPath(triangle);
    } else {
      painter->drawEllipse(box.adjusted(side * 0.04, side * 0.04, -side * 0.04, -side * 0.04));
    }

    QPen pen(ink, side * 0.12, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    switch (glyph_) {
      case Glyph::Check: {
        const QPointF points[] = {at(0.29, 0.52), at(0.44, 0.67), at(0.72, 0.36)};
        painter->drawPolyline(points, 3);
        break;
      }
      case Glyph::NoEntry:
        pen.setWidthF(side * 0.14);
        painter->setPen(pen);
        painter->drawLine(at(0.28, 0.5), at(0.72, 0.5));
        break;
      case Glyph::Cross:
        painter->drawLine(at(0.34, 0.34), at(0.66, 0.66));
        painter->drawLine(at(0.66, 0.34), at(0.34, 0.66));
        break;
      case Glyph::Warning:
        pen.setWidthF(side * 0.11);
        painter->setPen(pen);
        painter->drawLine(at(0.5, 0.36), at(0.5, 0.6));
        painter->drawPoint(at(0.5, 0.76));
        break;
      case Glyph::Info:
        painter->drawLine(at(0.5, 0.46), at(0.5, 0.72));
        painter->drawPoint(at(0.5, 0.29));
        break;
    }
    painter->restore();
  }

 private:
  Glyph glyph_;
  Tone tone_;
};

Tone verdictTone(Verdict verdict) {
  switch (verdict) {
    case Verdict::Accepted: return Tone::Positive;
    case Verdict::Rejected: return Tone::Caution;
    case Verdict::Invalid: return Tone::Negative;
  }
  return Tone::Negative;
}

Tone severityTone(Severity severity) {
  switch (severity) {
    case Severity::Error: return Tone::Negative;
    case Severity::Warning: return Tone::Notice;
    case Severity::Info: return Tone::Neutral;
  }
  return Tone::Negative;
}

}  // namespace

QString verdictWord(Verdict verdict) {
  return toQString(toString(verdict));
}

QString severityWord(Severity severity) {
  return toQString(toString(severity));
}

QString checkStatusWord(CheckStatus status) {
  return toQString(toString(status));
}

QString connectionWord(ConnectionState state) {
  switch (state) {
    case ConnectionState::Connected: return QCoreApplication::translate("ConnectionState", "connected");
    case ConnectionState::Sandbox: return QCoreApplication::translate("ConnectionState", "sandbox");
    case ConnectionState::Connecting: return QCoreApplication::translate("ConnectionState", "connecting");
    case ConnectionState::NotConnected: return QCoreApplication::translate("ConnectionState", "not connected");
    case ConnectionState::Failed: return QCoreApplication::translate("ConnectionState", "failed");
  }
  return {};
}

QIcon verdictIcon(Verdict verdict) {
  switch (verdict) {
    case Verdict::Accepted: return QIcon(new GlyphIconEngine(Glyph::Check, Tone::Positive));
    case Verdict::Rejected: return QIcon(new GlyphIconEngine(Glyph::NoEntry, Tone::Caution));
    case Verdict::Invalid: return QIcon(new GlyphIconEngine(Glyph::Cross, Tone::Negative));
  }
  return {};
}

QIcon severityIcon(Severity severity) {
  switch (severity) {
    case Severity::Error: return QIcon(new GlyphIconEngine(Glyph::Cross, Tone::Negative));
    case Severity::Warning: return QIcon(new GlyphIconEngine(Glyph::Warning, Tone::Notice));
    case Severity::Info: return QIcon(new GlyphIconEngine(Glyph::Info, Tone::Neutral));
  }
  return {};
}

QIcon checkStatusIcon(CheckStatus status) {
  switch (status) {
    case CheckStatus::Ok: return QIcon(new GlyphIconEngine(Glyph::Check, Tone::Positive));
    case CheckStatus::Warning: return QIcon(new GlyphIconEngine(Glyph::Warning, Tone::Notice));
    case CheckStatus::Failed: return QIcon(new GlyphIconEngine(Glyph::Cross, Tone::Negative));
  }
  return {};
}

QIcon connectionIcon(ConnectionState state) {
  switch (state) {
    case ConnectionState::Connected: return QIcon(new GlyphIconEngine(Glyph::Check, Tone::Positive));
    case ConnectionState::Sandbox:
    case ConnectionState::Connecting: return QIcon(new GlyphIconEngine(Glyph::Info, Tone::Neutral));
    case ConnectionState::NotConnected: return QIcon(new GlyphIconEngine(Glyph::NoEntry, Tone::Caution));
    case ConnectionState::Failed: return QIcon(new GlyphIconEngine(Glyph::Cross, Tone::Negative));
  }
  return {};
}

QIcon staleIcon() {
  return QIcon(new GlyphIconEngine(Glyph::Warning, Tone::Notice));
}

QColor verdictColor(Verdict verdict, const QPalette& palette) {
  return toneColor(verdictTone(verdict), palette);
}

QColor severityColor(Severity severity, const QPalette& palette) {
  return toneColor(severityTone(severity), palette);
}

namespace {

double relativeLuminance(const QColor& color) {
  const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
  const QColor rgb = color.toRgb();
  return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

}  // namespace

double contrastRatio(const QColor& a, const QColor& b) {
  const double la = relativeLuminance(a), lb = relativeLuminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor inProgressColor(const QPalette& palette, QPalette::ColorRole background) {
  const QColor base = palette.color(background);
  QColor color = palette.color(QPalette::Highlight);
  const bool darkBase = relativeLuminance(base) < 0.18;
  // Move away from the base a step at a time; 20 steps reach white or black from any colour.
  for (int step = 0; step < 20 && contrastRatio(color, base) < 3.0; ++step) {
    color = darkBase ? color.lighter(115) : color.darker(115);
    if (darkBase && color.valueF() >= 1.0) {
      // Already at full value: lightening alone stops; add white instead.
      color = QColor::fromRgbF(std::min(1.0F, color.redF() + 0.08F), std::min(1.0F, color.greenF() + 0.08F),
                               std::min(1.0F, color.blueF() + 0.08F));
    }
  }
  return color;
}

}  // namespace releasedesk
