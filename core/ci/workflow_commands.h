// GitHub Actions workflow commands (`::error ...::message`) with the escaping GitHub expects.
#pragma once

#include "core/evidence/finding.h"

#include <string>
#include <string_view>

namespace releasedesk {

// Escapes a command's message: '%', CR and LF as GitHub decodes them, any other control
// character as printable() shows it.
std::string escapeWorkflowData(std::string_view text);
// Escapes a property value: as the message, plus ':' and ','.
std::string escapeWorkflowProperty(std::string_view text);

// One annotation line for `finding`, e.g. `::error file=x.json,title=/headSha::message`.
// Info findings become `::notice`. `file` may be empty.
std::string annotationFor(const Finding& finding, std::string_view file);

// One annotation line at a place in a file, e.g. `::error file=w.yml,line=3,col=5,title=lock::message`.
// `file` may be empty, `line`/`column` 0 (left out); `title` is required.
std::string annotationAt(Severity severity, std::string_view file, int line, int column, std::string_view title,
                         std::string_view message);

}  // namespace releasedesk
