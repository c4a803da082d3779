#include "core/ci/workflow_commands.h"

namespace releasedesk {

std::string escapeWorkflowData(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
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
