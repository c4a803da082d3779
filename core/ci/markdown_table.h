// Text for GitHub-flavoured Markdown (step summaries and exports): one table cell's content, or
// one line of prose, from text that may come from outside.
#pragma once

#include <string>
#include <string_view>

namespace releasedesk {

// `text` as one table cell: control characters escaped as printable() does (a line break
// becomes `\n`, so the row stays one line), '|' escaped.
std::string markdownCell(std::string_view text);

// `text` as part of one line of prose or a list item: control characters escaped.
std::string markdownLine(std::string_view text);

}  // namespace releasedesk
