// The sandbox's records in GitHub's REST JSON shapes, as seen at one moment from one origin:
// runs and what they leave behind in sandbox_run_views.cpp, the rest in sandbox_views.cpp.
#pragma once

#include "core/sandbox/sandbox_records.h"
#include "core/sandbox/sandbox_state.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace releasedesk::sandbox {

using Json = nlohmann::json;

struct ViewContext {
  const RepositoryState& state;
  TimePoint at;
  std::string origin;   // "https://sandbox.releasedesk.invalid": links point back at the sandbox
  std::string apiRoot;  // the origin, or <origin>/api/v3 for a GitHub Enterprise style base

  std::string api(std::string_view path = {}) const;   // <apiRoot>/repos/contoso/shop<path>
  std::string html(std::string_view path = {}) const;  // <origin>/contoso/shop<path>
};

Json userJson(const ViewContext& view, std::string_view login);
Json repositoryJson(const ViewContext& view);
Json environmentJson(const ViewContext& view);
Json variableJson(const ConfigEntry& entry);
Json secretJson(const ConfigEntry& entry);
Json workflowJson(const ViewContext& view, const WorkflowRecord& workflow);
Json runJson(const ViewContext& view, const RunRecord& run);
// `filterAll`: every attempt's jobs (GitHub's filter=all), else the latest attempt's.
Json jobsJson(const ViewContext& view, const RunRecord& run, bool filterAll);
Json pendingDeploymentsJson(const ViewContext& view, const RunRecord& run);
Json approvalsJson(const ViewContext& view, const RunRecord& run);
Json deploymentJson(const ViewContext& view, const DeploymentView& deployment);
Json deploymentStatusJson(const ViewContext& view, const DeploymentView& deployment,
                          const DeploymentStatusView& status);
Json artifactJson(const ViewContext& view, const ArtifactView& artifact, std::size_t sizeInBytes);
Json commitJson(const ViewContext& view, const CommitRecord& commit);
Json branchJson(const ViewContext& view, const CommitRecord& head);
Json fileJson(const ViewContext& view, const FileRecord& file, const std::string& ref);
Json directoryJson(const ViewContext& view, const std::string& folder, const std::string& ref);
Json rateLimitJson(const RateWindow& rate);

// Git's blob id of `bytes`, as the contents API reports it.
std::string blobSha(std::string_view bytes);

// Pieces shared by the views (sandbox_views.cpp).
std::string nodeId(std::string_view prefix, std::int64_t id);
Json iso(TimePoint time);
Json isoOrNull(const OptionalTime& time);
Json minimalRepositoryJson(const ViewContext& view);
Json environmentSummaryJson(const ViewContext& view);
Json reviewersJson(const ViewContext& view);

}  // namespace releasedesk::sandbox
