#include "core/evidence/evidence_json.h"

#include <nlohmann/json.hpp>

#include <sstream>

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

}  // namespace

std::string toJson(const EvidenceReport& report, const std::string& path) {
  Json doc = reportJson(report);
  if (!path.empty()) doc["path"] = path;
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

CatalogJsonWriter::CatalogJsonWriter(std::ostream& out, const std::string& root, std::optional<int> schemaVersion)
    : out_(out) {
  out_ << "{\n";
  if (schemaVersion) out_ << "  \"schemaVersion\": " << *schemaVersion << ",\n";
  out_ << "  \"root\": " << Json(root).dump(-1, ' ', false, Json::error_handler_t::replace) << ",\n  \"candidates\": [";
}

void CatalogJsonWriter::add(const CandidateEntry& entry) {
  Json item = reportJson(entry.report);
  item["sha"] = entry.sha;
  item["path"] = entry.path;
  // Indented as nlohmann indents it two levels down; its strings hold no raw line break.
  std::string text = item.dump(2, ' ', false, Json::error_handler_t::replace);
  std::string indented = "    ";
  indented.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    indented += c;
    if (c == '\n') indented += "    ";
  }
  out_ << (first_ ? "\n" : ",\n") << indented;
  first_ = false;
}

void CatalogJsonWriter::finish(const std::vector<SkippedEntry>& skipped, const std::string& error) {
  out_ << (first_ ? "]" : "\n  ]");
  Json list = Json::array();
  for (const SkippedEntry& s : skipped) list.push_back({{"path", s.path}, {"reason", s.reason}});
  Json tail{{"skipped", list}};
  if (!error.empty()) tail["error"] = error;
  // The tail object's members, at the document's level.
  const std::string text = tail.dump(2, ' ', false, Json::error_handler_t::replace);
  out_ << ",\n" << text.substr(2, text.size() - 2);
}

std::string toJson(const CandidateCatalog& catalog) {
  std::ostringstream out;
  CatalogJsonWriter writer(out, catalog.root);
  for (const CandidateEntry& entry : catalog.candidates) writer.add(entry);
  writer.finish(catalog.skipped, catalog.error);
  return out.str();
}

}  // namespace releasedesk
