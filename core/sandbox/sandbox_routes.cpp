// The sandbox's REST routes: the read-only answers, and the table that maps every request the
// GitHub client sends (and a few neighbours) to its handler.
#include "core/sandbox/sandbox_api.h"
#include "core/sandbox/sandbox_codec.h"
#include "core/sandbox/sandbox_json.h"
#include "core/sandbox/sandbox_records.h"
#include "core/sandbox/sandbox_schedule.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace releasedesk::sandbox {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

const RunRecord* visibleRun(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const auto id = idParam(params, "run_id");
  const RunRecord* run = id ? state.run(*id) : nullptr;
  return run && run->createdAt <= request.at ? run : nullptr;
}

bool isProduction(const RepositoryState& state, const RouteParams& params) {
  return equalsIgnoringCase(params.at("environment"), state.production.name);
}

std::vector<Json> variablesJson(std::vector<ConfigEntry> entries, bool secrets) {
  std::sort(entries.begin(), entries.end(), [](const ConfigEntry& a, const ConfigEntry& b) { return a.name < b.name; });
  std::vector<Json> items;
  items.reserve(entries.size());
  for (const ConfigEntry& entry : entries) items.push_back(secrets ? secretJson(entry) : variableJson(entry));
  return items;
}

// ---- the created filter: >=D, <=D, >D, <D, A..B (either side may be *), or a plain D ------------

struct TimeSpan {
  TimePoint first;
  TimePoint last;
};

std::optional<TimeSpan> parseBound(std::string text) {
  std::replace(text.begin(), text.end(), ' ', '+');  // a '+' of "+00:00" arrives as a space
  if (text.size() == 10) {
    if (const auto start = parseIsoTime(text + "T00:00:00Z")) return TimeSpan{*start, *start + Seconds(86399)};
    return std::nullopt;
  }
  if (text.size() == 19) text += "Z";
  if (const auto time = parseIsoTime(text)) return TimeSpan{*time, *time};
  return std::nullopt;
}

struct CreatedFilter {
  TimePoint from = TimePoint::min();
  TimePoint to = TimePoint::max();
};

std::optional<CreatedFilter> parseCreated(const std::string& text) {
  if (const auto dots = text.find(".."); dots != std::string::npos) {
    const auto rangeEnd = [](const std::string& part) {  // "*" leaves that side open
      return part == "*" ? std::optional<TimeSpan>(TimeSpan{TimePoint::min(), TimePoint::max()}) : parseBound(part);
    };
    const auto from = rangeEnd(text.substr(0, dots));
    const auto to = rangeEnd(text.substr(dots + 2));
    if (!from || !to) return std::nullopt;
    return CreatedFilter{from->first, to->last};
  }
  const std::size_t operatorLength = text.starts_with(">=") || text.starts_with("<=") ? 2
                                     : text.starts_with('>') || text.starts_with('<') ? 1
                                                                                      : 0;
  const auto span = parseBound(text.substr(operatorLength));
  if (!span) return std::nullopt;
  const std::string op = text.substr(0, operatorLength);
  CreatedFilter filter;
  if (op == ">=") filter.from = span->first;
  if (op == ">") filter.from = span->last + Seconds(1);
  if (op == "<=") filter.to = span->last;
  if (op == "<") filter.to = span->first - Seconds(1);
  if (op.empty()) filter = {span->first, span->last};
  return filter;
}

// ---- runs ---------------------------------------------------------------------------------

ApiReply listRuns(RepositoryState& state, const ApiRequest& request, const WorkflowRecord* workflow) {
  std::optional<CreatedFilter> created = CreatedFilter{};
  if (request.hasQuery("created")) created = parseCreated(request.queryValue("created"));
  if (!created) {
    return validationFailed("Invalid value for 'created': \"" + request.queryValue("created") +
                            "\" (use a date or a range such as >=2026-01-01 or 2026-01-01..2026-01-31).");
  }
  const JsonContext view = jsonContextOf(state, request);
  const std::string branch = request.queryValue("branch"), event = request.queryValue("event"),
                    status = request.queryValue("status"), headSha = request.queryValue("head_sha"),
                    actor = request.queryValue("actor");
  std::vector<const RunRecord*> runs;
  for (const RunRecord& run : state.runs) {
    if (run.createdAt > request.at || (workflow && run.workflow != workflow)) continue;
    if (run.createdAt < created->from || run.createdAt > created->to) continue;
    if ((!branch.empty() && run.headBranch != branch) || (!event.empty() && run.event != event) ||
        (!headSha.empty() && run.headSha != headSha) || (!actor.empty() && run.actor != actor)) {
      continue;
    }
    if (!status.empty()) {
      const RunState state = attemptStateAt(run.attemptAt(request.at), request.at);
      if (state.status != status && state.conclusion != status) continue;
    }
    runs.push_back(&run);
  }
  std::sort(runs.begin(), runs.end(), [](const RunRecord* a, const RunRecord* b) {
    return a->createdAt != b->createdAt ? a->createdAt > b->createdAt : a->id > b->id;
  });
  std::vector<Json> items;
  items.reserve(runs.size());
  for (const RunRecord* run : runs) items.push_back(runJson(view, *run));
  return pagedReply(request, items, "workflow_runs");
}

ApiReply listWorkflowRuns(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const WorkflowRecord* workflow = state.workflow(params.at("workflow_id"));
  return workflow ? listRuns(state, request, workflow) : notFound();
}

ApiReply listRepositoryRuns(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  return listRuns(state, request, nullptr);
}

ApiReply getRun(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const RunRecord* run = visibleRun(state, request, params);
  return run ? jsonReply(200, runJson(jsonContextOf(state, request), *run)) : notFound();
}

ApiReply listJobs(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const RunRecord* run = visibleRun(state, request, params);
  if (!run) return notFound();
  const std::string filter = request.hasQuery("filter") ? request.queryValue("filter") : "latest";
  if (filter != "latest" && filter != "all") {
    return validationFailed("Invalid value for 'filter': \"" + filter + "\" is not one of [\"latest\", \"all\"].");
  }
  const Json jobs = jobsJson(jsonContextOf(state, request), *run, filter == "all");
  return pagedReply(request, std::vector<Json>(jobs.begin(), jobs.end()), "jobs");
}

ApiReply listPendingDeployments(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const RunRecord* run = visibleRun(state, request, params);
  return run ? jsonReply(200, pendingDeploymentsJson(jsonContextOf(state, request), *run)) : notFound();
}

ApiReply listApprovals(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const RunRecord* run = visibleRun(state, request, params);
  return run ? jsonReply(200, approvalsJson(jsonContextOf(state, request), *run)) : notFound();
}

// ---- artifacts ----------------------------------------------------------------------------

ApiReply listRunArtifacts(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const RunRecord* run = visibleRun(state, request, params);
  if (!run) return notFound();
  const JsonContext view = jsonContextOf(state, request);
  const std::string name = request.queryValue("name");
  std::vector<Json> items;
  for (const ArtifactSnapshot& artifact : artifactsOf(*run, request.at)) {
    if (!name.empty() && artifact.name != name) continue;
    items.push_back(artifactJson(view, artifact, artifactZip(state, artifact).size()));
  }
  return pagedReply(request, items, "artifacts");
}

ApiReply getArtifact(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const auto id = idParam(params, "artifact_id");
  const auto artifact = id ? findArtifact(state, *id, request.at) : std::nullopt;
  if (!artifact) return notFound();
  return jsonReply(200, artifactJson(jsonContextOf(state, request), *artifact, artifactZip(state, *artifact).size()));
}

// GitHub answers with a short-lived link to its storage host; here the storage is the same host.
ApiReply downloadArtifact(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const auto id = idParam(params, "artifact_id");
  const auto artifact = id ? findArtifact(state, *id, request.at) : std::nullopt;
  if (!artifact || params.at("archive_format") != "zip") return notFound();
  if (artifact->expiresAt <= request.at) {
    return errorReply(410, "Artifact has expired",
                      "https://docs.github.com/rest/actions/artifacts#download-an-artifact");
  }
  ApiReply reply;
  reply.status = 302;
  reply.contentType.clear();
  setHeader(reply.headers, "location", request.origin + "/_storage/artifacts/" + std::to_string(*id) + ".zip");
  return reply;
}

ApiReply getStoredArtifact(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const std::string& file = params.at("file");
  ApiReply missing;
  missing.status = 404;
  missing.contentType = "application/xml";
  missing.body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>BlobNotFound</Code></Error>";
  missing.isApi = missing.countsAgainstRateLimit = false;
  if (!file.ends_with(".zip")) return missing;
  const auto id = idParam({{"artifact_id", file.substr(0, file.size() - 4)}}, "artifact_id");
  const auto artifact = id ? findArtifact(state, *id, request.at) : std::nullopt;
  if (!artifact) return missing;
  ApiReply reply;
  reply.body = artifactZip(state, *artifact);
  reply.contentType = "application/zip";
  reply.isApi = reply.countsAgainstRateLimit = false;
  setHeader(reply.headers, "content-disposition", "attachment; filename=" + artifact->name + ".zip");
  return reply;
}

// ---- deployments --------------------------------------------------------------------------

ApiReply listDeployments(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  const JsonContext view = jsonContextOf(state, request);
  const std::string environment = request.queryValue("environment"), sha = request.queryValue("sha"),
                    ref = request.queryValue("ref"), task = request.queryValue("task");
  std::vector<Json> items;
  for (const DeploymentSnapshot& deployment : deploymentsAt(state, request.at)) {
    const std::string& candidate = deployment.run->candidateSha;
    if ((!environment.empty() && environment != state.production.name) || (!sha.empty() && sha != candidate) ||
        (!ref.empty() && ref != candidate) || (!task.empty() && task != "deploy")) {
      continue;
    }
    items.push_back(deploymentJson(view, deployment));
  }
  return pagedReply(request, items, "");
}

std::optional<DeploymentSnapshot> findDeployment(const RepositoryState& state, const ApiRequest& request,
                                                 const RouteParams& params) {
  const auto id = idParam(params, "deployment_id");
  for (DeploymentSnapshot& deployment : deploymentsAt(state, request.at)) {
    if (id && deployment.id == *id) return std::move(deployment);
  }
  return std::nullopt;
}

ApiReply getDeployment(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const auto deployment = findDeployment(state, request, params);
  return deployment ? jsonReply(200, deploymentJson(jsonContextOf(state, request), *deployment)) : notFound();
}

ApiReply listDeploymentStatuses(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const auto deployment = findDeployment(state, request, params);
  if (!deployment) return notFound();
  const JsonContext view = jsonContextOf(state, request);
  std::vector<Json> items;
  for (const DeploymentStatusSnapshot& status : deployment->statuses)
    items.push_back(deploymentStatusJson(view, *deployment, status));
  return pagedReply(request, items, "");
}

// ---- repository, environment, configuration -------------------------------------------------

ApiReply getRepository(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  return jsonReply(200, repositoryJson(jsonContextOf(state, request)));
}

ApiReply getEnvironment(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  return isProduction(state, params) ? jsonReply(200, environmentJson(jsonContextOf(state, request))) : notFound();
}

ApiReply listEnvironmentVariables(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  if (!isProduction(state, params)) return notFound();
  return pagedReply(request, variablesJson(state.production.config.variables, false), "variables", 30);
}

ApiReply listEnvironmentSecrets(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  if (!isProduction(state, params)) return notFound();
  return pagedReply(request, variablesJson(state.production.config.secrets, true), "secrets");
}

ApiReply listRepositoryVariables(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  return pagedReply(request, variablesJson(state.repositoryLevel.variables, false), "variables", 30);
}

ApiReply listRepositorySecrets(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  return pagedReply(request, variablesJson(state.repositoryLevel.secrets, true), "secrets");
}

ApiReply listOrganizationVariables(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  return pagedReply(request, variablesJson(state.organizationLevel.variables, false), "variables", 30);
}

// The level a token with only repository permissions cannot read: GitHub says which permission
// would let it.
ApiReply listOrganizationSecrets(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  if (!state.organizationLevel.secretsReadable) {
    ApiReply reply = errorReply(403, "Resource not accessible by integration",
                                "https://docs.github.com/rest/actions/secrets#list-repository-organization-secrets");
    setHeader(reply.headers, "x-accepted-github-permissions", "secrets=read");
    return reply;
  }
  return pagedReply(request, variablesJson(state.organizationLevel.secrets, true), "secrets");
}

ApiReply listWorkflows(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  std::vector<Json> items;
  for (const WorkflowRecord& workflow : state.workflows)
    items.push_back(workflowJson(jsonContextOf(state, request), workflow));
  return pagedReply(request, items, "workflows");
}

ApiReply getWorkflow(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const WorkflowRecord* workflow = state.workflow(params.at("workflow_id"));
  return workflow ? jsonReply(200, workflowJson(jsonContextOf(state, request), *workflow)) : notFound();
}

// ---- code ---------------------------------------------------------------------------------

bool isDefaultBranch(const RepositoryState& state, std::string_view ref) {
  return ref == state.repository.defaultBranch || ref == "refs/heads/" + state.repository.defaultBranch ||
         ref == "HEAD";
}

// A branch name or a commit sha (or a unique prefix of one) that exists by `at`.
const CommitRecord* resolveRef(const RepositoryState& state, const std::string& ref, TimePoint at) {
  if (isDefaultBranch(state, ref)) return state.headAt(at);
  const CommitRecord* commit = state.commit(ref);
  return commit && commit->at <= at ? commit : nullptr;
}

ApiReply getBranch(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const CommitRecord* head = state.headAt(request.at);
  if (params.at("branch") != state.repository.defaultBranch || !head) {
    return errorReply(404, "Branch not found", "https://docs.github.com/rest/branches/branches#get-a-branch");
  }
  return jsonReply(200, branchJson(jsonContextOf(state, request), *head));
}

ApiReply getCommit(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const CommitRecord* commit = resolveRef(state, params.at("ref"), request.at);
  if (!commit) {
    return validationFailed("No commit found for SHA: " + params.at("ref"),
                            "https://docs.github.com/rest/commits/commits#get-a-commit");
  }
  return jsonReply(200, commitJson(jsonContextOf(state, request), *commit));
}

// GET /compare/{base}...{head}. The sandbox's history is one line of commits on the default
// branch, so two commits are identical, or one is ahead of the other; never diverged.
ApiReply compareCommits(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const std::string& basehead = params.at("basehead");
  const auto dots = basehead.find("...");
  if (dots == std::string::npos) {
    return errorReply(404, "Not Found", "https://docs.github.com/rest/commits/commits#compare-two-commits");
  }
  const CommitRecord* base = resolveRef(state, basehead.substr(0, dots), request.at);
  const CommitRecord* head = resolveRef(state, basehead.substr(dots + 3), request.at);
  if (!base || !head) {
    return errorReply(404, "Not Found", "https://docs.github.com/rest/commits/commits#compare-two-commits");
  }
  const auto indexOf = [&](const CommitRecord* commit) { return commit - state.commits.data(); };
  const auto distance = indexOf(head) - indexOf(base);
  const JsonContext view = jsonContextOf(state, request);
  Json commits = Json::array();
  for (auto i = indexOf(base) + 1; i <= indexOf(head); ++i) {
    commits.push_back(commitJson(view, state.commits[static_cast<std::size_t>(i)]));
  }
  const CommitRecord& mergeBase = distance >= 0 ? *base : *head;
  const std::string range = base->sha + "..." + head->sha;
  return jsonReply(200, {{"url", view.api("/compare/" + range)},
                         {"html_url", view.html("/compare/" + range)},
                         {"permalink_url", view.html("/compare/" + range)},
                         {"diff_url", view.html("/compare/" + range + ".diff")},
                         {"patch_url", view.html("/compare/" + range + ".patch")},
                         {"base_commit", commitJson(view, *base)},
                         {"merge_base_commit", commitJson(view, mergeBase)},
                         {"status", distance == 0  ? "identical"
                                    : distance > 0 ? "ahead"
                                                   : "behind"},
                         {"ahead_by", distance > 0 ? distance : 0},
                         {"behind_by", distance < 0 ? -distance : 0},
                         {"total_commits", distance > 0 ? distance : 0},
                         {"commits", commits},
                         {"files", Json::array()}});
}

ApiReply getContents(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const std::string ref = request.hasQuery("ref") ? request.queryValue("ref") : state.repository.defaultBranch;
  if (!resolveRef(state, ref, request.at)) {
    return errorReply(404, "No commit found for the ref " + ref,
                      "https://docs.github.com/rest/repos/contents#get-repository-content");
  }
  std::string path = params.count("path") ? params.at("path") : std::string();
  while (path.ends_with('/')) path.pop_back();
  const JsonContext view = jsonContextOf(state, request);
  for (const FileRecord& file : state.files) {
    if (file.path == path) return jsonReply(200, fileJson(view, file, ref));
  }
  const Json folder = directoryJson(view, path, ref);
  if (folder.empty()) {
    return errorReply(404, "Not Found", "https://docs.github.com/rest/repos/contents#get-repository-content");
  }
  return jsonReply(200, folder);
}

ApiReply getRateLimit(RepositoryState& state, const ApiRequest&, const RouteParams&) {
  ApiReply reply = jsonReply(200, rateLimitJson(state.rate, state.graphqlRate));
  reply.countsAgainstRateLimit = false;  // as on GitHub: asking costs nothing
  return reply;
}

// The token's user: the sandbox's current user, with the profile fields GitHub adds for it.
ApiReply getCurrentUser(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  Json user = userJson(jsonContextOf(state, request), state.currentUser);
  const Person* person = state.person(state.currentUser);
  user["name"] = person && !person->name.empty() ? Json(person->name) : Json(nullptr);
  return jsonReply(200, user);
}

// ---- the table ----------------------------------------------------------------------------

using Handler = ApiReply (*)(RepositoryState&, const ApiRequest&, const RouteParams&);

struct Route {
  std::string_view method;
  std::string_view pattern;  // "{name}" matches one segment, "{name*}" the rest
  Handler handler;
};

constexpr Route kRoutes[] = {
    {"GET", "/rate_limit", getRateLimit},
    {"GET", "/user", getCurrentUser},
    {"POST", "/graphql", answerGraphQL},
    {"POST", "/api/graphql", answerGraphQL},  // beside a GitHub Enterprise style base (/api/v3)
    {"GET", "/_storage/artifacts/{file}", getStoredArtifact},
    {"GET", "/repos/{owner}/{repo}", getRepository},
    {"GET", "/repos/{owner}/{repo}/environments/{environment}", getEnvironment},
    {"GET", "/repos/{owner}/{repo}/environments/{environment}/variables", listEnvironmentVariables},
    {"GET", "/repos/{owner}/{repo}/environments/{environment}/secrets", listEnvironmentSecrets},
    {"GET", "/repos/{owner}/{repo}/actions/variables", listRepositoryVariables},
    {"GET", "/repos/{owner}/{repo}/actions/secrets", listRepositorySecrets},
    {"GET", "/repos/{owner}/{repo}/actions/organization-variables", listOrganizationVariables},
    {"GET", "/repos/{owner}/{repo}/actions/organization-secrets", listOrganizationSecrets},
    {"GET", "/repos/{owner}/{repo}/actions/workflows", listWorkflows},
    {"GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}", getWorkflow},
    {"GET", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs", listWorkflowRuns},
    {"POST", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", dispatchWorkflow},
    {"GET", "/repos/{owner}/{repo}/actions/runs", listRepositoryRuns},
    {"GET", "/repos/{owner}/{repo}/actions/runs/{run_id}", getRun},
    {"GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs", listJobs},
    {"GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", listPendingDeployments},
    {"POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", reviewPendingDeployments},
    {"GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/approvals", listApprovals},
    {"GET", "/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts", listRunArtifacts},
    {"GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}", getArtifact},
    {"GET", "/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}", downloadArtifact},
    {"GET", "/repos/{owner}/{repo}/deployments", listDeployments},
    {"GET", "/repos/{owner}/{repo}/deployments/{deployment_id}", getDeployment},
    {"GET", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", listDeploymentStatuses},
    {"GET", "/repos/{owner}/{repo}/branches/{branch}", getBranch},
    {"GET", "/repos/{owner}/{repo}/commits/{ref}", getCommit},
    {"GET", "/repos/{owner}/{repo}/compare/{basehead}", compareCommits},
    {"GET", "/repos/{owner}/{repo}/contents", getContents},
    {"GET", "/repos/{owner}/{repo}/contents/{path*}", getContents},
};

std::vector<std::string_view> splitPattern(std::string_view pattern) {
  std::vector<std::string_view> parts;
  while (!pattern.empty()) {
    pattern.remove_prefix(1);  // the leading '/'
    const auto slash = pattern.find('/');
    parts.push_back(pattern.substr(0, slash));
    pattern = slash == std::string_view::npos ? std::string_view() : pattern.substr(slash);
  }
  return parts;
}

std::optional<RouteParams> match(std::string_view pattern, const std::vector<std::string>& segments) {
  const auto parts = splitPattern(pattern);
  RouteParams params;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    const bool placeholder = part.starts_with('{');
    if (placeholder && part.ends_with("*}")) {
      if (i >= segments.size()) return std::nullopt;
      std::string rest;
      for (std::size_t j = i; j < segments.size(); ++j) rest += (j > i ? "/" : "") + segments[j];
      params[std::string(part.substr(1, part.size() - 3))] = rest;
      return params;
    }
    if (i >= segments.size() || segments[i].empty()) return std::nullopt;
    if (placeholder) {
      params[std::string(part.substr(1, part.size() - 2))] = segments[i];
    } else if (part != segments[i]) {
      return std::nullopt;
    }
  }
  if (parts.size() != segments.size()) return std::nullopt;
  return params;
}

}  // namespace

ApiReply routeApiRequest(RepositoryState& state, const ApiRequest& request) {
  for (const Route& route : kRoutes) {
    if (route.method != request.method) continue;  // GitHub answers a wrong method with 404 too
    const auto params = match(route.pattern, request.segments);
    if (!params) continue;
    if (params->count("owner") && (!equalsIgnoringCase(params->at("owner"), state.repository.owner) ||
                                   !equalsIgnoringCase(params->at("repo"), state.repository.name))) {
      return notFound();
    }
    return route.handler(state, request, *params);
  }
  return notFound();
}

}  // namespace releasedesk::sandbox
