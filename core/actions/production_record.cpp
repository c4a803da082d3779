#include "core/actions/production_record.h"

#include <nlohmann/json.hpp>

namespace releasedesk {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

bool isStageOutcome(std::string_view outcome) {
  return outcome == "success" || outcome == "failure" || outcome == "cancelled";
}

bool isJobResult(std::string_view result) {
  return isStageOutcome(result) || result == "skipped";
}

std::string deploymentRecordJson(const ProductionRecord& record) {
  Json scope = Json::object();
  for (const auto& [key, value] : record.manifest.scope) scope[key] = value;
  Json doc{{"schemaVersion", kProductionRecordSchemaVersion},
           {"headSha", record.headSha},
           {"environment", record.environment},
           {"kind", record.manifest.kind},
           {"scope", scope},
           {"candidate", Json::object()}};
  // A candidate without infra or runtime scope may carry no refs: they are left out, never "".
  if (!record.manifest.apiRef.empty()) doc["candidate"]["apiRef"] = record.manifest.apiRef;
  if (!record.manifest.webRef.empty()) doc["candidate"]["webRef"] = record.manifest.webRef;
  if (record.run) {
    doc["workflowRun"] = {{"id", record.run->id},
                          {"attempt", record.run->attempt},
                          {"url", record.run->url},
                          {"event", record.run->event},
                          {"actor", record.run->actor}};
  }
  if (record.deploymentId) doc["deploymentId"] = *record.deploymentId;
  doc["recordedAt"] = formatIsoTime(record.recordedAt);
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string stageResultJson(const ProductionRecord& record) {
  Json jobs = Json::object();
  for (const auto& [name, result] : record.jobs) jobs[name] = result;
  const Json doc{{"schemaVersion", kProductionRecordSchemaVersion},
                 {"headSha", record.headSha},
                 {"outcome", record.outcome},
                 {"jobs", jobs},
                 {"recordedAt", formatIsoTime(record.recordedAt)}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace releasedesk
