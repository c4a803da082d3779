// Text from outside (manifest values, folder names, server messages) as the console, the step
// summary and the desktop show it: one line, with every control character escaped, so that it
// can neither drive a terminal (ESC sequences) nor start a workflow command (`\n::error ...`).
// JSON documents do not use this: their own escaping already covers it.
#pragma once

#include <string>
#include <string_view>

namespace releasedesk {

// `text` with C0 controls, DEL and NUL as `\xNN` (newline, CR and tab as `\n`, `\r`, `\t`), C1
// controls (U+0080..U+009F) as `\uNNNN` and bytes that are not UTF-8 as `\xNN`. Other text,
// including any valid UTF-8, is unchanged.
std::string printable(std::string_view text);

}  // namespace releasedesk
