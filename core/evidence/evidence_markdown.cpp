#include "core/evidence/evidence_markdown.h"

#include "core/ci/markdown_table.h"

#include <string_view>

namespace releasedesk {
namespace {

const char* severityLabel(Severity severity) {
  switch (severity) {
    case Severity::Error: return "❌ error";
    case Severity::Warning: return "⚠️ warning";
    case Severity::Info: return "ℹ️ info";
  }
  return "error";
}

void appendFindingsTable(std::string& md, const Findings& findings) {
  if (findings.empty()) {
    md += "No findings.\n";
    return;
  }
  md += "| Severity | Where | Finding |\n|---|---|---|\n";
  for (const Finding& f : findings) {
    md += "| " + std::string(severityLabel(f.severity)) + " | `" + (f.pointer.empty() ? "/" : markdownCell(f.pointer)) +
          "` | " + markdownCell(f.message) + " |\n";
  }
}

}  // namespace

std::string verdictLabel(Verdict verdict) {
  switch (verdict) {
    case Verdict::Accepted: return "✅ accepted";
    case Verdict::Rejected: return "⛔ rejected";
    case Verdict::Invalid: return "❌ invalid";
  }
  return "invalid";
}

std::string reportToMarkdown(const EvidenceReport& report, const std::string& source) {
  const EvidenceManifest& m = report.manifest;
  std::string md = "### Candidate evidence: " + verdictLabel(report.verdict) + "\n\n";
  md += "| | |\n|---|---|\n";
  md += "| Source | `" + markdownCell(source) + "` |\n";
  md += "| Head SHA | `" + markdownCell(m.headSha.empty() ? "—" : m.headSha) + "` |\n";
  md += "| Kind | " + markdownCell(m.kind.empty() ? "—" : m.kind) + " |\n";
  std::string scope;
  for (const auto& [key, value] : m.scope) scope += (scope.empty() ? "" : ", ") + key + (value ? " ✔" : " ✘");
  md += "| Scope | " + markdownCell(scope.empty() ? "—" : scope) + " |\n";
  md += "| API image | `" + markdownCell(m.apiRef.empty() ? "—" : m.apiRef) + "` |\n";
  md += "| Web image | `" + markdownCell(m.webRef.empty() ? "—" : m.webRef) + "` |\n";
  md += "| Acceptance gate | " + markdownCell(m.acceptanceStageGate.value_or("—")) + " |\n\n";
  appendFindingsTable(md, report.findings);
  return md;
}

std::string catalogMarkdownHead(const std::string& root, const std::string& error) {
  std::string md = "### Candidate evidence in `" + markdownCell(root) + "`\n\n";
  if (!error.empty()) md += "> " + markdownCell(error) + "\n\n";
  md += "| Candidate | Kind | Verdict | Errors |\n|---|---|---|---|\n";
  return md;
}

std::string catalogMarkdownRow(const CandidateEntry& entry) {
  std::size_t errors = 0;
  for (const Finding& f : entry.report.findings) errors += f.severity == Severity::Error ? 1 : 0;
  return "| `" + markdownCell(entry.sha.substr(0, 12)) + "` | " + markdownCell(entry.report.manifest.kind) + " | " +
         verdictLabel(entry.report.verdict) + " | " + std::to_string(errors) + " |\n";
}

std::string catalogMarkdownTail(const std::vector<SkippedEntry>& skipped) {
  std::string md;
  for (const SkippedEntry& s : skipped)
    md += "\nSkipped `" + markdownCell(s.path) + "`: " + markdownCell(s.reason) + ".";
  md += "\n";
  return md;
}

std::string catalogToMarkdown(const CandidateCatalog& catalog) {
  std::string md = catalogMarkdownHead(catalog.root, catalog.error);
  for (const CandidateEntry& entry : catalog.candidates) md += catalogMarkdownRow(entry);
  md += catalogMarkdownTail(catalog.skipped);
  return md;
}

}  // namespace releasedesk
