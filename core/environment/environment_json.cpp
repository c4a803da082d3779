#include "core/environment/environment_json.h"

#include <nlohmann/json.hpp>

namespace releasedesk {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

std::string toJson(const CompletenessReport& report, int indent) {
  const auto time = [](const OptionalTime& t) { return t ? Json(formatIsoTime(*t)) : Json(nullptr); };
  Json items = Json::array();
  for (const CompletenessItem& item : report.items) {
    Json messages = Json::array();
    for (const ItemMessage& m : item.messages)
      messages.push_back({{"severity", toString(m.severity)}, {"text", m.text}});
    Json shadowed = Json::array();
    for (const ShadowedValue& s : item.shadowed) {
      Json entry{{"source", toString(s.level)}};
      if (item.kind == ConfigKind::Variable) entry["value"] = s.value;
      entry["updatedAt"] = time(s.updatedAt);
      shadowed.push_back(std::move(entry));
    }
    Json entry{{"name", item.name},
               {"kind", toString(item.kind)},
               {"required", item.required},
               {"neededBecause", item.neededBecause.empty() ? Json(nullptr) : Json(item.neededBecause)},
               {"status", toString(item.status)},
               {"source", item.source ? Json(toString(*item.source)) : Json(nullptr)},
               {"inherited", item.inherited()}};
    entry["value"] = item.kind == ConfigKind::Variable && item.source ? Json(item.value) : Json(nullptr);
    entry["updatedAt"] = time(item.updatedAt);
    entry["shadowed"] = std::move(shadowed);
    entry["workflowLines"] = item.workflowLines;
    entry["messages"] = std::move(messages);
    items.push_back(std::move(entry));
  }
  Json doc{{"environment", report.environment},
           {"repository", report.repository},
           {"complete", report.complete()},
           {"summary", {{"ready", report.readyCount()}, {"needed", report.neededCount()}, {"text", report.summary()}}},
           {"items", std::move(items)}};
  if (report.workflowPath.empty()) {
    doc["workflow"] = nullptr;
  } else {
    Json findings = Json::array();
    for (const WorkflowFinding& f : report.workflowFindings) {
      findings.push_back({{"severity", toString(f.severity)}, {"line", f.line}, {"message", f.message}});
    }
    doc["workflow"] = {{"path", report.workflowPath}, {"findings", std::move(findings)}};
  }
  Json notes = Json::array();
  for (const ItemMessage& n : report.notes) notes.push_back({{"severity", toString(n.severity)}, {"text", n.text}});
  doc["notes"] = std::move(notes);
  return doc.dump(indent);
}

std::string toJson(const RepositoryScanReport& report) {
  Json hits = Json::array();
  for (const CommittedValueHit& hit : report.scan.hits)
    hits.push_back({{"file", hit.path}, {"line", hit.line}, {"variable", hit.name}});
  const Json doc{{"environment", report.environment},
                 {"directory", report.directory},
                 {"source", report.fromGitLsFiles ? "git ls-files" : "directory walk"},
                 {"valuesChecked", report.valuesChecked},
                 {"filesScanned", report.scan.filesScanned},
                 {"binaryFilesSkipped", report.scan.binaryFilesSkipped},
                 {"clean", report.scan.hits.empty()},
                 {"hits", hits}};
  return doc.dump(2);
}

}  // namespace releasedesk
