#include "core/ci/workflow_commands.h"

#include "core/ci/display_text.h"

namespace releasedesk {

std::string escapeWorkflowData(std::string_view text) {
  // '%', CR and LF are what GitHub decodes; every other control character is shown escaped so
  // that the runner's log cannot be driven by it either.
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* code = text[i] == '%' ? "%25" : text[i] == '\r' ? "%0D" : text[i] == '\n' ? "%0A" : nullptr;
    if (code == nullptr) continue;
    out += printable(text.substr(start, i - start));
    out += code;
    start = i + 1;
  }
  out += printable(text.substr(start));
  return out;
}

std::string escapeWorkflowProperty(std::string_view text) {
  std::string out;
  for (char c : escapeWorkflowData(text)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

std::string annotationFor(const Finding& finding, std::string_view file) {
  const std::string title = finding.pointer.empty() ? std::string("evidence manifest") : finding.pointer;
  return annotationAt(finding.severity, file, 0, 0, title, finding.message);
}

std::string annotationAt(Severity severity, std::string_view file, int line, int column, std::string_view title,
                         std::string_view message) {
  const char* command = severity == Severity::Error ? "error" : severity == Severity::Warning ? "warning" : "notice";
  std::string properties;
  if (!file.empty()) properties += "file=" + escapeWorkflowProperty(file);
  if (line > 0) properties += (properties.empty() ? "line=" : ",line=") + std::to_string(line);
  if (line > 0 && column > 0) properties += ",col=" + std::to_string(column);
  properties += (properties.empty() ? "" : ",") + std::string("title=") + escapeWorkflowProperty(title);
  return std::string("::") + command + " " + properties + "::" + escapeWorkflowData(message);
}

}  // namespace releasedesk
