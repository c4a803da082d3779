// Text from outside (manifest values, folder names, server messages) as the desktop's labels and
// cells show it: the core's printable() as a QString, so a control character is seen, escaped,
// rather than acted on or hidden.
#pragma once

#include "app/adapter/qt_strings.h"
#include "core/ci/display_text.h"

#include <QString>

#include <string_view>

namespace releasedesk {

inline QString displayText(std::string_view text) {
  return toQString(printable(text));
}

}  // namespace releasedesk
