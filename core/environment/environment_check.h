// EnvironmentCheck: reads a GitHub environment's variables and secrets at every level, the
// repository's requirement profile, infra README and production workflow, and evaluates them
// into a CompletenessReport. The one service behind `env check` and the Environment view.
#pragma once

#include "core/environment/completeness_report.h"
#include "core/github/github_client.h"
#include "core/workflow/workflow_lint.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace releasedesk {

struct EnvironmentCheckRequest {
  std::string environment = "production";
  // Documents the caller already has (from a local checkout or a --profile/--workflow file).
  // Those not given are fetched through the contents API when `fetchDocuments` is true.
  std::optional<std::string> profileText;
  std::string profilePath = std::string(kDefaultProfilePath);  // for messages, and to fetch
  std::optional<std::string> workflowText;
  std::string workflowPath;  // empty: the profile's ("workflow"), .github/workflows/production-stage.yml
  std::optional<std::string> infraReadmeText;
  bool fetchDocuments = true;
  std::string ref;  // empty: the default branch
};

struct EnvironmentCheckOutcome {
  // Set when GitHub could not be asked at all (token refused, no network, rate limit): there is
  // no report. 403/404 on a level are not errors here; they make names unknown.
  std::optional<GitHubError> connectionError;
  std::vector<std::string> profileErrors;  // the profile file is malformed: no report either
  RequirementProfile profile;              // the effective profile
  EnvironmentSnapshot snapshot;
  CompletenessReport report;
  // The runbook's lint of the workflow the check read (core/workflow/workflow_lint.h); empty when
  // no workflow was read.
  std::optional<WorkflowLintReport> workflowLint;

  bool ok() const { return !connectionError && profileErrors.empty(); }
};

class EnvironmentCheck {
 public:
  // `client` must outlive the check's callback.
  explicit EnvironmentCheck(GitHubClient& client);

  // Runs the whole check; `done` runs once on the client's transport thread. Costs one request
  // per page of each of the six lists plus one per fetched document; repeated with nothing
  // changed, every request is a 304 that costs no rate limit.
  void run(EnvironmentCheckRequest request, std::function<void(EnvironmentCheckOutcome)> done);

 private:
  GitHubClient& client_;
};

}  // namespace releasedesk
