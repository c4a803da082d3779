// Core types for what GitHub returns: variables, secrets, runs, jobs, deployments, artifacts.
// Only the fields the desk uses; times are UTC seconds.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

using TimePoint = std::chrono::sys_seconds;
using OptionalTime = std::optional<TimePoint>;

// Parses GitHub's ISO 8601 UTC times ("2026-01-31T12:34:56Z", fractional seconds and
// "+00:00" accepted). std::nullopt for anything else.
OptionalTime parseIsoTime(std::string_view text);
std::string formatIsoTime(TimePoint time);

struct RepoRef {
  std::string owner;
  std::string name;

  std::string fullName() const { return owner + "/" + name; }
  bool valid() const { return !owner.empty() && !name.empty(); }
  // Parses "owner/name"; std::nullopt when malformed.
  static std::optional<RepoRef> parse(std::string_view text);
};

// Where a variable or secret is defined; the order is GitHub's precedence, strongest first.
enum class ConfigLevel { Environment, Repository, Organization };
std::string_view toString(ConfigLevel level);

struct Variable {
  std::string name;
  std::string value;
  OptionalTime createdAt;
  OptionalTime updatedAt;
};

struct Secret {
  std::string name;
  OptionalTime createdAt;
  OptionalTime updatedAt;
};

struct GitHubEnvironment {
  std::int64_t id = 0;
  std::string name;
  std::string htmlUrl;
  std::vector<std::string> protectionRuleTypes;  // "required_reviewers", "wait_timer", "branch_policy"
  int waitTimerMinutes = 0;
  std::vector<std::string> reviewers;  // user logins and team slugs
};

struct Repository {
  std::int64_t id = 0;
  std::string fullName;
  std::string defaultBranch;
  std::string htmlUrl;
  bool isPrivate = false;
  // The token's permissions on the repository, as GitHub reports them ("admin", "push", ...).
  std::map<std::string, bool> permissions;
};

struct WorkflowRun {
  std::int64_t id = 0;
  std::string nodeId;  // GraphQL's id for it
  std::string name;
  std::string displayTitle;
  std::string headSha;
  std::string headBranch;
  std::string event;       // "workflow_run", "workflow_dispatch", "push", ...
  std::string status;      // "queued", "in_progress", "waiting", "pending", "requested", "completed"
  std::string conclusion;  // "" until completed; "success", "failure", "cancelled", ...
  int runAttempt = 1;
  int runNumber = 0;
  std::int64_t workflowId = 0;
  std::string path;  // ".github/workflows/production-stage.yml"
  std::string htmlUrl;
  std::string actor;            // who started the run (login)
  std::string triggeringActor;  // who started this attempt (differs on a re-run)
  OptionalTime createdAt;
  OptionalTime updatedAt;
  OptionalTime runStartedAt;
};

struct RunFilter {
  std::string branch;
  std::string event;
  std::string status;
  std::string created;  // GitHub's date range syntax, e.g. ">=2026-01-01"
  std::string headSha;
};

struct JobStep {
  std::string name;
  std::string status;
  std::string conclusion;
  int number = 0;
  OptionalTime startedAt;
  OptionalTime completedAt;
};

struct Job {
  std::int64_t id = 0;
  std::int64_t runId = 0;
  int runAttempt = 1;
  std::string name;
  std::string status;
  std::string conclusion;
  std::string htmlUrl;
  OptionalTime createdAt;
  OptionalTime startedAt;
  OptionalTime completedAt;
  std::vector<JobStep> steps;
};

struct PendingDeployment {
  std::int64_t environmentId = 0;
  std::string environmentName;
  int waitTimerMinutes = 0;
  OptionalTime waitTimerStartedAt;
  bool currentUserCanApprove = false;
  std::vector<std::string> reviewers;
};

struct Approval {
  std::string user;
  std::string state;  // "approved", "rejected"
  std::string comment;
  std::vector<std::string> environments;
};

struct Deployment {
  std::int64_t id = 0;
  std::string nodeId;  // GraphQL's id for it
  std::string sha;
  std::string ref;
  std::string task;
  std::string environment;
  std::string description;
  std::string creator;
  std::string payload;  // GitHub's free-form payload as compact JSON ("" when none)
  OptionalTime createdAt;
  OptionalTime updatedAt;
  std::string statusesUrl;
};

struct DeploymentStatus {
  std::int64_t id = 0;
  std::string state;  // error, failure, inactive, pending, success, queued, in_progress
  std::string description;
  std::string environmentUrl;
  std::string logUrl;
  std::string creator;
  OptionalTime createdAt;
};

struct Artifact {
  std::int64_t id = 0;
  std::string name;
  std::int64_t sizeInBytes = 0;
  bool expired = false;
  std::string archiveDownloadUrl;
  std::int64_t workflowRunId = 0;
  OptionalTime createdAt;
};

struct DispatchRequest {
  std::string workflowFile;  // "production-stage.yml"
  std::string ref;           // "main"
  std::vector<std::pair<std::string, std::string>> inputs;
  bool returnRunDetails = true;
};

struct DispatchResult {
  // Set when the server returned run details (200); empty when it answered 204 (older servers).
  std::optional<std::int64_t> workflowRunId;
  std::string runUrl;
  std::string htmlUrl;
};

struct Branch {
  std::string name;
  std::string commitSha;
  bool isProtected = false;
};

struct Commit {
  std::string sha;
  std::string message;
  std::string author;
  OptionalTime authoredAt;
  OptionalTime committedAt;
  std::string htmlUrl;
};

// GET /compare/{base}...{head}: where `head` stands against `base`.
struct CommitComparison {
  std::string status;  // "ahead", "behind", "identical", "diverged"
  int aheadBy = 0;     // commits in head that base lacks
  int behindBy = 0;    // commits in base that head lacks
  std::string baseSha;
  std::string htmlUrl;
};

struct FileContents {
  std::string path;
  std::string sha;
  std::string content;  // decoded bytes
};

// One entry of a folder's listing (GET /contents/{folder}).
struct FolderEntry {
  std::string name;
  std::string path;
  std::string type;  // "file", "dir", "symlink" or "submodule"
};

// The token's user (GET /user).
struct User {
  std::string login;
  std::int64_t id = 0;
  std::string name;  // "" when not set
  std::string type;  // "User", "Bot"
};

struct RateLimit {
  int limit = 0;
  int remaining = 0;
  int used = 0;
  OptionalTime resetAt;
  std::string resource;  // "core"
};

}  // namespace releasedesk
