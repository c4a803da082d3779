#include "core/workflow/workflow_lint_json.h"

#include "core/ci/markdown_table.h"

#include <nlohmann/json.hpp>

namespace releasedesk {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

std::string toJson(const WorkflowLintReport& report) {
  Json findings = Json::array();
  for (const WorkflowLintFinding& f : report.findings) {
    findings.push_back({{"rule", f.rule},
                        {"severity", toString(f.severity)},
                        {"line", f.line},
                        {"column", f.column},
                        {"message", f.message}});
  }
  Json doc{{"file", report.file}, {"findings", std::move(findings)}};
  if (report.parseError) {
    doc["parseError"] = {{"line", report.parseError->line},
                         {"column", report.parseError->column},
                         {"message", report.parseError->message}};
  }
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string workflowLintMarkdown(const WorkflowLintReport& report) {
  std::string md = "### Workflow lint: `" + markdownCell(report.file) + "`\n\n";
  if (report.parseError) {
    return md + "The file cannot be read as YAML (line " + std::to_string(report.parseError->line) +
           "): " + markdownCell(report.parseError->message) + "\n";
  }
  if (report.findings.empty()) return md + "No finding: the workflow follows the production-stage runbook.\n";
  md += "| severity | rule | line | message |\n| --- | --- | --- | --- |\n";
  for (const WorkflowLintFinding& f : report.findings) {
    md += "| " + std::string(toString(f.severity)) + " | " + markdownCell(f.rule) + " | " + std::to_string(f.line) +
          ":" + std::to_string(f.column) + " | " + markdownCell(f.message) + " |\n";
  }
  return md;
}

}  // namespace releasedesk
