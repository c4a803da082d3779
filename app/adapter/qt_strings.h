// Conversions between the core's UTF-8 std::string and Qt's QString, in one place.
#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace releasedesk {

inline QString toQString(std::string_view text) {
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

inline std::string toStdString(const QString& text) {
  return text.toStdString();
}

}  // namespace releasedesk
