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
  const char* command = finding.severity == Severity::Error     ? "error"
                        : finding.severity == Severity::Warning ? "warning"
                                                                : "notice";
  std::string line = std::string("::") + command;
  std::string properties;
  if (!file.empty()) properties += "file=" + escapeWorkflowProperty(file);
  const std::string title = finding.pointer.empty() ? std::string("evidence manifest") : finding.pointer;
  properties += (properties.empty() ? "" : ",") + std::string("title=") + escapeWorkflowProperty(title);
  line += " " + properties + "::" + escapeWorkflowData(finding.message);
  return line;
}

}  // namespace releasedesk
