// GitHub's REST responses read into github_types: one function per object GitHub sends. Lenient
// on absent or mistyped fields (they read as empty, zero or false), never throwing. Requests,
// pagination, caching and retries are the client's (github_client.cpp).
#pragma once

#include "core/github/github_types.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

// GitHub's answer read as one JSON document: the whole body must be it. A discarded value when it
// is not, with `problem` saying why for "could not be read: <problem>" ("the JSON is malformed or
// cut off", or "it is not JSON: something follows the end of the document").
nlohmann::json gitHubDocument(std::string_view body, std::string& problem);

Repository repositoryFromJson(const nlohmann::json& j);
GitHubEnvironment environmentFromJson(const nlohmann::json& j);
Variable variableFromJson(const nlohmann::json& j);
Secret secretFromJson(const nlohmann::json& j);
WorkflowRun runFromJson(const nlohmann::json& j);
Job jobFromJson(const nlohmann::json& j);
PendingDeployment pendingDeploymentFromJson(const nlohmann::json& j);
Approval approvalFromJson(const nlohmann::json& j);
Deployment deploymentFromJson(const nlohmann::json& j);
DeploymentStatus deploymentStatusFromJson(const nlohmann::json& j);
Artifact artifactFromJson(const nlohmann::json& j);
Branch branchFromJson(const nlohmann::json& j);
Commit commitFromJson(const nlohmann::json& j);
// The answer of GET /compare/{base}...{head} (its commit list and files are not read).
CommitComparison comparisonFromJson(const nlohmann::json& j);
// The core resource of GET /rate_limit.
RateLimit rateLimitFromJson(const nlohmann::json& j);
User userFromJson(const nlohmann::json& j);
// The 200 answer of a dispatch with return_run_details.
DispatchResult dispatchResultFromJson(const nlohmann::json& j);
// A file of the contents API; std::nullopt with `problem` set when it is not base64 or malformed.
std::optional<FileContents> fileContentsFromJson(const nlohmann::json& j, std::string& problem);
// A folder's listing: an array of entries, each with a name (a file's object is not a folder).
std::optional<std::vector<FolderEntry>> folderEntriesFromJson(const nlohmann::json& j, std::string& problem);

}  // namespace releasedesk
