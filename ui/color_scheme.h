// The desk's colour scheme: the system's, or a dark one on request (RELEASEDESK_COLOR_SCHEME=dark)
// for desktops that do not hand Qt their dark theme, and for screenshots and tests of dark mode.
#pragma once

#include <QPalette>

namespace releasedesk {

// A dark palette as dark themes have it: light text on near-black, a deep blue highlight.
QPalette darkPalette();

// Applies the scheme named by RELEASEDESK_COLOR_SCHEME ("dark" or "light"; anything else keeps the
// system's) to the application, with the Fusion style, which follows the palette everywhere.
// Call once the QApplication exists.
void applyColorSchemeFromEnvironment();

}  // namespace releasedesk
