// The sandbox's records in GitHub's REST JSON shapes, as seen at one moment from one origin:
// runs and what they leave behind in sandbox_run_json.cpp, the rest in sandbox_json.cpp.
#pragma once

#include "core/sandbox/sandbox_records.h"
#include "core/sandbox/sandbox_state.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace releasedesk::sandbox {

using Json = nlohmann::json;

struct JsonContext {
  const RepositoryState& state;
  TimePoint at;
  std::string origin;   // "https://sandbox.releasedesk.invalid": links point back at the sandbox
  std::string apiRoot;  // the origin, or <origin>/api/v3 for a GitHub Enterprise style base

  std::string api(std::string_view path = {}) const;   // <apiRoot>/repos/contoso/shop<path>
  std::string html(std::string_view path = {}) const;  // <origin>/contoso/shop<path>
};

Json userJson(const JsonContext& view, std::string_view login);
Json repositoryJson(const JsonContext& view);
Json environmentJson(const JsonContext& view);
Json variableJson(const ConfigEntry& entry);
Json secretJson(const ConfigEntry& entry);
Json workflowJson(const JsonContext& view, const WorkflowRecord& workflow);
Json runJson(const JsonContext& view, const RunRecord& run);
// `filterAll`: every attempt's jobs (GitHub's filter=all), else the latest attempt's.
Json jobsJson(const JsonContext& view, const RunRecord& run, bool filterAll);
Json pendingDeploymentsJson(const JsonContext& view, const RunRecord& run);
Json approvalsJson(const JsonContext& view, const RunRecord& run);
Json deploymentJson(const JsonContext& view, const DeploymentSnapshot& deployment);
Json deploymentStatusJson(const JsonContext& view, const DeploymentSnapshot& deployment,
                          const DeploymentStatusSnapshot& status);
Json artifactJson(const JsonContext& view, const ArtifactSnapshot& artifact, std::size_t sizeInBytes);
Json commitJson(const JsonContext& view, const CommitRecord& commit);
Json branchJson(const JsonContext& view, const CommitRecord& head);
Json fileJson(const JsonContext& view, const FileRecord& file, const std::string& ref);
Json directoryJson(const JsonContext& view, const std::string& folder, const std::string& ref);
Json rateLimitJson(const RateWindow& rate, const RateWindow& graphqlRate);

// Git's blob id of `bytes`, as the contents API reports it.
std::string blobSha(std::string_view bytes);

// Pieces shared by the views (sandbox_json.cpp).
std::string nodeId(std::string_view prefix, std::int64_t id);
Json iso(TimePoint time);
Json isoOrNull(const OptionalTime& time);
Json minimalRepositoryJson(const JsonContext& view);
Json environmentSummaryJson(const JsonContext& view);
Json reviewersJson(const JsonContext& view);

}  // namespace releasedesk::sandbox
