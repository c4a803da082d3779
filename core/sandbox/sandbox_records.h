// What runs leave behind: GitHub Deployments with their statuses, and run artifacts with the
// zips behind them. Derived from the run schedules at a given moment, never stored.
#pragma once

#include "core/sandbox/sandbox_state.h"

#include <optional>
#include <string>
#include <vector>

namespace releasedesk::sandbox {

struct DeploymentStatusSnapshot {
  std::int64_t id = 0;
  std::string state;  // in_progress, success, failure
  std::string description;
  TimePoint at;
};

struct DeploymentSnapshot {
  std::int64_t id = 0;
  const RunRecord* run = nullptr;
  const AttemptRecord* attempt = nullptr;
  TimePoint createdAt;
  std::vector<DeploymentStatusSnapshot> statuses;  // newest first, only those that happened by then
};

// Deployments to the production environment that exist at `at`, newest first. One per run
// attempt whose production-mutate job started; none is ever marked inactive.
std::vector<DeploymentSnapshot> deploymentsAt(const RepositoryState& state, TimePoint at);

struct ArtifactSnapshot {
  std::int64_t id = 0;
  const RunRecord* run = nullptr;
  const AttemptRecord* attempt = nullptr;
  std::string name;
  TimePoint createdAt;
  TimePoint expiresAt;
};

std::vector<ArtifactSnapshot> artifactsOf(const RunRecord& run, TimePoint at);
std::optional<ArtifactSnapshot> findArtifact(const RepositoryState& state, std::int64_t id, TimePoint at);

// The artifact's zip, built once and kept (its content never changes once uploaded).
const std::string& artifactZip(RepositoryState& state, const ArtifactSnapshot& artifact);

// The digest refs a candidate deploys: from its sample manifest, else stable made-up digests
// for the seeded history (their manifests are not part of the sandbox).
std::string apiRefOf(const RepositoryState& state, const std::string& sha);
std::string webRefOf(const RepositoryState& state, const std::string& sha);

}  // namespace releasedesk::sandbox
