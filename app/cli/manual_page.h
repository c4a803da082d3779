// The releasedesk-cli(1) man page in roff, generated from the command table (every command's
// --help) plus the fixed sections: exit status, environment, see also.
#pragma once

#include "app/cli/command_reference.h"

#include <vector>

namespace releasedesk::cli {

QString manualPage(const std::vector<CommandReference>& commands, const QString& programName, const QString& version);

// Text made safe for a roff line: backslashes, hyphens as minus signs, no control character at
// the start.
QString roffEscape(const QString& text);

}  // namespace releasedesk::cli
