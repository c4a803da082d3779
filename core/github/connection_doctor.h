// ConnectionDoctor: checks that the desk can work with a repository — token, host, repository,
// the permissions the product needs, and the rate limits left (REST's, and GraphQL's: a warning
// at worst, since batched reads fall back to REST) — one readable line per check.
// It reads what `env check` reads (variables and secrets of the environment, the repository and
// the organization, the workflow through the contents API), what `timeline` reads (runs,
// deployments) and whether the token may write (approvals, replays), so a doctor that passes
// means those commands can read everything.
#pragma once

#include "core/github/github_client.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace releasedesk {

enum class CheckStatus { Ok, Warning, Failed };
std::string_view toString(CheckStatus status);

struct DoctorCheck {
  std::string name;  // "token", "repository", "permission: secrets read"
  CheckStatus status = CheckStatus::Failed;
  std::string message;  // what holds, or what is wrong and what to do
};

struct DoctorReport {
  std::vector<DoctorCheck> checks;
  // The host could not be reached (or did not answer as a GitHub API): nothing else was checked.
  bool noConnection = false;
  bool allHold() const;  // no check failed (warnings allowed)
};

struct DoctorOptions {
  std::string environment = "production";
  std::string productionWorkflow = "production-stage.yml";
  bool tokenPresent = true;  // false: say so first; GitHub calls still run (public data)
  std::string tokenSource;   // "GH_TOKEN", "the keychain": named in the message, never the value
};

// Runs the checks one after another through `client`; `done` runs once on the client's
// callback thread. The doctor keeps itself alive until then.
void runConnectionDoctor(GitHubClient& client, const DoctorOptions& options, std::function<void(DoctorReport)> done);

}  // namespace releasedesk
