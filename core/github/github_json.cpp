#include "core/github/github_json.h"

#include "core/github/json_fields.h"
#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

using jsonfields::boolean;
using jsonfields::i64;
using jsonfields::member;
using jsonfields::str;

OptionalTime time(const Json& j, const char* key) {
  return parseIsoTime(str(j, key));
}

std::string loginOf(const Json& j, const char* key) {
  return str(member(j, key), "login");
}

std::vector<std::string> reviewerNames(const Json& reviewers) {
  std::vector<std::string> names;
  if (!reviewers.is_array()) return names;
  for (const Json& r : reviewers) {
    if (!r.is_object()) continue;
    const Json& who = member(r, "reviewer");
    std::string name = str(who, "login");
    if (name.empty()) name = str(who, "slug");
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

std::string decodeBase64(std::string_view text, bool& ok) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  ok = true;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ') continue;
    if (c == '=') break;
    const auto index = kAlphabet.find(c);
    if (index == std::string_view::npos) {
      ok = false;
      return {};
    }
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace

Variable variableFromJson(const nlohmann::json& j) {
  return {str(j, "name"), str(j, "value"), time(j, "created_at"), time(j, "updated_at")};
}
Secret secretFromJson(const nlohmann::json& j) {
  return {str(j, "name"), time(j, "created_at"), time(j, "updated_at")};
}

WorkflowRun runFromJson(const nlohmann::json& j) {
  WorkflowRun run;
  run.id = i64(j, "id");
  run.nodeId = str(j, "node_id");
  run.name = str(j, "name");
  run.displayTitle = str(j, "display_title");
  run.headSha = str(j, "head_sha");
  run.headBranch = str(j, "head_branch");
  run.event = str(j, "event");
  run.status = str(j, "status");
  run.conclusion = str(j, "conclusion");
  run.runAttempt = std::max<int>(1, static_cast<int>(i64(j, "run_attempt")));
  run.runNumber = static_cast<int>(i64(j, "run_number"));
  run.workflowId = i64(j, "workflow_id");
  run.path = str(j, "path");
  run.htmlUrl = str(j, "html_url");
  run.actor = loginOf(j, "actor");
  run.triggeringActor = loginOf(j, "triggering_actor");
  run.createdAt = time(j, "created_at");
  run.updatedAt = time(j, "updated_at");
  run.runStartedAt = time(j, "run_started_at");
  return run;
}

Job jobFromJson(const nlohmann::json& j) {
  Job job;
  job.id = i64(j, "id");
  job.runId = i64(j, "run_id");
  job.runAttempt = std::max<int>(1, static_cast<int>(i64(j, "run_attempt")));
  job.name = str(j, "name");
  job.status = str(j, "status");
  job.conclusion = str(j, "conclusion");
  job.htmlUrl = str(j, "html_url");
  job.createdAt = time(j, "created_at");
  job.startedAt = time(j, "started_at");
  job.completedAt = time(j, "completed_at");
  if (const auto steps = j.find("steps"); steps != j.end() && steps->is_array()) {
    for (const Json& s : *steps) {
      if (!s.is_object()) continue;
      job.steps.push_back({str(s, "name"), str(s, "status"), str(s, "conclusion"), static_cast<int>(i64(s, "number")),
                           time(s, "started_at"), time(s, "completed_at")});
    }
  }
  return job;
}

PendingDeployment pendingDeploymentFromJson(const nlohmann::json& j) {
  PendingDeployment p;
  const Json& env = member(j, "environment");
  p.environmentId = i64(env, "id");
  p.environmentName = str(env, "name");
  p.waitTimerMinutes = static_cast<int>(i64(j, "wait_timer"));
  p.waitTimerStartedAt = time(j, "wait_timer_started_at");
  p.currentUserCanApprove = boolean(j, "current_user_can_approve");
  if (const auto it = j.find("reviewers"); it != j.end()) p.reviewers = reviewerNames(*it);
  return p;
}

Approval approvalFromJson(const nlohmann::json& j) {
  Approval a;
  a.user = loginOf(j, "user");
  a.state = str(j, "state");
  a.comment = str(j, "comment");
  if (const auto envs = j.find("environments"); envs != j.end() && envs->is_array()) {
    for (const Json& e : *envs) {
      if (e.is_object()) a.environments.push_back(str(e, "name"));
    }
  }
  return a;
}

Deployment deploymentFromJson(const nlohmann::json& j) {
  Deployment d;
  d.id = i64(j, "id");
  d.nodeId = str(j, "node_id");
  d.sha = str(j, "sha");
  d.ref = str(j, "ref");
  d.task = str(j, "task");
  d.environment = str(j, "environment");
  d.description = str(j, "description");
  d.creator = loginOf(j, "creator");
  if (const auto payload = j.find("payload"); payload != j.end() && !payload->is_null()) {
    d.payload = payload->is_string() ? payload->get<std::string>() : payload->dump();
  }
  d.createdAt = time(j, "created_at");
  d.updatedAt = time(j, "updated_at");
  d.statusesUrl = str(j, "statuses_url");
  return d;
}

DeploymentStatus deploymentStatusFromJson(const nlohmann::json& j) {
  return {i64(j, "id"),      str(j, "state"),       str(j, "description"), str(j, "environment_url"),
          str(j, "log_url"), loginOf(j, "creator"), time(j, "created_at")};
}

Artifact artifactFromJson(const nlohmann::json& j) {
  Artifact a;
  a.id = i64(j, "id");
  a.name = str(j, "name");
  a.sizeInBytes = i64(j, "size_in_bytes");
  a.expired = boolean(j, "expired");
  a.archiveDownloadUrl = str(j, "archive_download_url");
  a.workflowRunId = i64(member(j, "workflow_run"), "id");
  a.createdAt = time(j, "created_at");
  return a;
}

Repository repositoryFromJson(const nlohmann::json& j) {
  Repository repo;
  repo.id = i64(j, "id");
  repo.fullName = str(j, "full_name");
  repo.defaultBranch = str(j, "default_branch");
  repo.htmlUrl = str(j, "html_url");
  repo.isPrivate = boolean(j, "private");
  for (const auto& [key, value] : member(j, "permissions").items()) {
    if (value.is_boolean()) repo.permissions[key] = value.get<bool>();
  }
  return repo;
}

GitHubEnvironment environmentFromJson(const nlohmann::json& j) {
  GitHubEnvironment env;
  env.id = i64(j, "id");
  env.name = str(j, "name");
  env.htmlUrl = str(j, "html_url");
  if (const auto rules = j.find("protection_rules"); rules != j.end() && rules->is_array()) {
    for (const Json& rule : *rules) {
      if (!rule.is_object()) continue;
      env.protectionRuleTypes.push_back(str(rule, "type"));
      if (str(rule, "type") == "wait_timer") env.waitTimerMinutes = static_cast<int>(i64(rule, "wait_timer"));
      if (const auto reviewers = rule.find("reviewers"); reviewers != rule.end()) {
        for (auto& name : reviewerNames(*reviewers)) env.reviewers.push_back(std::move(name));
      }
    }
  }
  return env;
}

Branch branchFromJson(const nlohmann::json& j) {
  return Branch{str(j, "name"), str(member(j, "commit"), "sha"), boolean(j, "protected")};
}

Commit commitFromJson(const nlohmann::json& j) {
  const Json& commit = member(j, "commit");
  Commit c;
  c.sha = str(j, "sha");
  c.htmlUrl = str(j, "html_url");
  c.message = str(commit, "message");
  c.author = str(member(commit, "author"), "name");
  c.authoredAt = time(member(commit, "author"), "date");
  c.committedAt = time(member(commit, "committer"), "date");
  return c;
}

CommitComparison comparisonFromJson(const nlohmann::json& j) {
  CommitComparison c;
  c.status = str(j, "status");
  c.aheadBy = static_cast<int>(i64(j, "ahead_by"));
  c.behindBy = static_cast<int>(i64(j, "behind_by"));
  c.baseSha = str(member(j, "base_commit"), "sha");
  c.htmlUrl = str(j, "html_url");
  return c;
}

User userFromJson(const nlohmann::json& j) {
  return User{str(j, "login"), i64(j, "id"), str(j, "name"), str(j, "type")};
}

RateLimit rateLimitFromJson(const nlohmann::json& j) {
  const Json& core = member(member(j, "resources"), "core");
  RateLimit rate;
  rate.limit = static_cast<int>(i64(core, "limit"));
  rate.remaining = static_cast<int>(i64(core, "remaining"));
  rate.used = static_cast<int>(i64(core, "used"));
  if (const auto reset = i64(core, "reset"); reset > 0) rate.resetAt = TimePoint(std::chrono::seconds(reset));
  rate.resource = "core";
  return rate;
}

DispatchResult dispatchResultFromJson(const nlohmann::json& j) {
  DispatchResult dispatched;
  if (const auto id = i64(j, "workflow_run_id"); id != 0) dispatched.workflowRunId = id;
  dispatched.runUrl = str(j, "run_url");
  dispatched.htmlUrl = str(j, "html_url");
  return dispatched;
}

std::optional<FileContents> fileContentsFromJson(const nlohmann::json& j, std::string& problem) {
  if (str(j, "encoding") != "base64") {
    problem = "the content is not base64-encoded";
    return std::nullopt;
  }
  bool ok = false;
  FileContents file{str(j, "path"), str(j, "sha"), decodeBase64(str(j, "content"), ok)};
  if (!ok) {
    problem = "the base64 content is malformed";
    return std::nullopt;
  }
  return file;
}

std::optional<std::vector<FolderEntry>> folderEntriesFromJson(const nlohmann::json& j, std::string& problem) {
  if (!j.is_array()) {
    problem = j.is_object() ? "a folder was expected, not a file" : "a JSON array was expected";
    return std::nullopt;
  }
  std::vector<FolderEntry> entries;
  entries.reserve(j.size());
  for (const Json& item : j) {
    if (!item.is_object() || str(item, "name").empty()) {
      problem = "an entry of the folder has no name";
      return std::nullopt;
    }
    entries.push_back({str(item, "name"), str(item, "path"), str(item, "type")});
  }
  return entries;
}

nlohmann::json gitHubDocument(std::string_view body, std::string& problem) {
  auto input = readJsonInput<Json>(body);
  if (input.problem == JsonInputProblem::TrailingData)
    problem = "it is not JSON: " + input.error;
  else if (!input.ok())
    problem = "the JSON is malformed or cut off";
  return std::move(input.document);
}

}  // namespace releasedesk
