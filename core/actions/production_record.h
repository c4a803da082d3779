// The production stage's own record (job production-stage-result): deployment-record.json (what
// was deployed, copied from the verified manifest, so the digests deployed are the digests
// accepted) and result.json (how the stage ended), written under
// .artifacts/production/<sha>/. Their JSON Schemas are resources/schema/deployment-record.schema.json
// and resources/schema/result.schema.json; the desk's run details read the same files
// (core/timeline/production_artifacts.h).
#pragma once

#include "core/evidence/evidence_manifest.h"
#include "core/github/github_types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace releasedesk {

// The version both documents carry as `schemaVersion`; a change that breaks a reader raises it.
inline constexpr int kProductionRecordSchemaVersion = 1;

// The workflow run that wrote the record, from GitHub Actions' GITHUB_* variables.
struct RecordingRun {
  std::int64_t id = 0;
  int attempt = 1;
  std::string url;
  std::string event;
  std::string actor;
};

struct ProductionRecord {
  std::string headSha;
  std::string environment = "production";
  EvidenceManifest manifest;        // verified and accepted
  std::optional<RecordingRun> run;  // absent outside GitHub Actions
  std::optional<std::int64_t> deploymentId;
  std::string outcome;                                    // success, failure, cancelled
  std::vector<std::pair<std::string, std::string>> jobs;  // job name → result, as given
  TimePoint recordedAt;
};

// success, failure, cancelled: how the stage ended.
bool isStageOutcome(std::string_view outcome);
// success, failure, cancelled, skipped: a job's result as GitHub's `needs.<job>.result` says it.
bool isJobResult(std::string_view result);

// The documents, pretty-printed with a final line feed.
std::string deploymentRecordJson(const ProductionRecord& record);
std::string stageResultJson(const ProductionRecord& record);

}  // namespace releasedesk
