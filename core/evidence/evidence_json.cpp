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

}  // namespace

std::string toJson(const EvidenceReport& report, const std::string& path) {
  Json doc = reportJson(report);
  if (!path.empty()) doc["path"] = path;
  return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string toJson(const CandidateCatalog& catalog) {
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

}  // namespace releasedesk
