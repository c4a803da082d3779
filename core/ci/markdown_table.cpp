#include "core/ci/markdown_table.h"

#include "core/ci/display_text.h"

namespace releasedesk {

std::string markdownCell(std::string_view text) {
  const std::string shown = printable(text);
  std::string out;
  out.reserve(shown.size());
  for (char c : shown) {
    if (c == '|')
      out += "\\|";
    else
      out += c;
  }
  return out;
}

std::string markdownLine(std::string_view text) {
  return printable(text);
}

}  // namespace releasedesk
