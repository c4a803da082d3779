// Text for GitHub-flavoured Markdown tables (step summaries and exports): one cell's content.
#pragma once

#include <string>
#include <string_view>

namespace releasedesk {

// `text` as one table cell: '|' escaped, line breaks folded into spaces.
std::string markdownCell(std::string_view text);

}  // namespace releasedesk
