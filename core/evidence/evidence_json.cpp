#include "core/evidence/evidence_json.h"

#include <nlohmann/json.hpp>

namespace releasedesk {
namespace {

using Json = nlohmann::ordered_json;

Json findingsJson(const Findings& findings) {
  Json out = Json::array();
  for (const Finding& f : findings) {
    out.push_back({{"severity", std::string(toString(f.severity))}, {"pointer", f.pointer}, {"message", f.message}});
  }
  return out;
}

Json nullable(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json reportJson(const EvidenceReport& report) {
  const EvidenceManifest& m = report.manifest;
  Json scope = Json::object();
  for (const auto& [key, value] : m.scope) scope[key] = value;
  Json unknown = Json::array();
  for (const UnknownField& field : m.unknownFields) {
    // The value was dumped from a parsed document, so it parses back.
    unknown.push_back({{"pointer", field.pointer}, {"value", Json::parse(field.json)}});
  }
  return Json{{"verdict", std::string(toString(report.verdict))},
              {"headSha", nullable(m.headSha)},
              {"kind", nullable(m.kind)},
              {"scope", scope},
              {"candidate", {{"apiRef", nullable(m.apiRef)}, {"webRef", nullable(m.webRef)}}},
              {"acceptanceStageGate", m.acceptanceStageGate ? Json(*m.acceptanceStageGate) : Json(nullptr)},
              {"findings", findingsJson(report.findings)},
              {"unknownFields", unknown}};
}

std::string markdownCell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

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

std::string reportToJson(const EvidenceReport& report, const std::string& path) {
  Json doc = reportJson(report);
  if (!path.empty()) doc["path"] = path;
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string catalogToJson(const CandidateCatalog& catalog) {
  Json candidates = Json::array();
  for (const CandidateEntry& entry : catalog.candidates) {
    Json item = reportJson(entry.report);
    item["sha"] = entry.sha;
    item["path"] = entry.path;
    candidates.push_back(std::move(item));
  }
  Json skipped = Json::array();
  for (const SkippedEntry& s : catalog.skipped) skipped.push_back({{"path", s.path}, {"reason", s.reason}});
  Json doc{{"root", catalog.root}, {"candidates", candidates}, {"skipped", skipped}};
  if (!catalog.error.empty()) doc["error"] = catalog.error;
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
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

std::string catalogToMarkdown(const CandidateCatalog& catalog) {
  std::string md = "### Candidate evidence in `" + markdownCell(catalog.root) + "`\n\n";
  if (!catalog.error.empty()) md += "> " + markdownCell(catalog.error) + "\n\n";
  md += "| Candidate | Kind | Verdict | Errors |\n|---|---|---|---|\n";
  for (const CandidateEntry& entry : catalog.candidates) {
    std::size_t errors = 0;
    for (const Finding& f : entry.report.findings) errors += f.severity == Severity::Error ? 1 : 0;
    md += "| `" + entry.sha.substr(0, 12) + "` | " + markdownCell(entry.report.manifest.kind) + " | " +
          verdictLabel(entry.report.verdict) + " | " + std::to_string(errors) + " |\n";
  }
  for (const SkippedEntry& s : catalog.skipped) {
    md += "\nSkipped `" + markdownCell(s.path) + "`: " + markdownCell(s.reason) + ".";
  }
  md += "\n";
  return md;
}

}  // namespace releasedesk
