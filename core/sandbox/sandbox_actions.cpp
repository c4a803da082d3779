// The requests that change the sandbox: a workflow_dispatch that starts a production run, and
// the review of a run waiting for the production environment.
#include "core/io/json_input.h"
#include "core/sandbox/sandbox_api.h"
#include "core/sandbox/sandbox_codec.h"
#include "core/sandbox/sandbox_json.h"
#include "core/sandbox/sandbox_records.h"
#include "core/sandbox/sandbox_schedule.h"

#include <algorithm>
#include <optional>

namespace releasedesk::sandbox {
namespace {

constexpr const char* kDispatchDocs = "https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event";
constexpr const char* kReviewDocs =
    "https://docs.github.com/rest/actions/workflow-runs#review-pending-deployments-for-a-workflow-run";

// GitHub's wording for a body that does not match the operation's schema.
ApiReply invalidRequest(const std::string& detail, const char* docs) {
  return validationFailed("Invalid request.\n\n" + detail, docs);
}

std::optional<Json> parseBody(const ApiRequest& request) {
  if (request.body.empty()) return Json::object();
  // The whole body is the document: one followed by a NUL or a second document is not JSON.
  auto input = readJsonInput<Json>(request.body);
  if (!input.ok()) return std::nullopt;
  return std::move(input.document);
}

// What is wrong with the dispatch inputs, in GitHub's words; empty when they are fine.
std::string inputProblem(const WorkflowRecord& workflow, const Json& inputs) {
  std::vector<std::string> unexpected;
  for (const auto& [name, value] : inputs.items()) {
    if (std::find(workflow.dispatchInputs.begin(), workflow.dispatchInputs.end(), name) ==
        workflow.dispatchInputs.end()) {
      unexpected.push_back("\"" + name + "\"");
    }
  }
  if (!unexpected.empty()) {
    std::string list;
    for (const std::string& name : unexpected) list += (list.empty() ? "" : ", ") + name;
    return "Unexpected inputs provided: [" + list + "]";
  }
  for (const std::string& name : workflow.dispatchInputs) {
    if (!inputs.contains(name)) return "Required input '" + name + "' not provided";
    if (!inputs.at(name).is_string()) {
      return "Invalid request.\n\nFor 'properties/" + name + "', " + inputs.at(name).dump() + " is not a string.";
    }
  }
  // The workflow declares candidate_sha as a string; the sandbox also refuses what is not a full
  // sha, so a bad replay is refused before it becomes a failed run.
  const std::string sha = inputs.value("candidate_sha", std::string());
  if (!isFullSha(sha)) {
    return "Invalid value for input 'candidate_sha': \"" + sha + "\" is not a 40-character lower-case hex commit sha.";
  }
  return {};
}

// When the production-mutation lock is free for a run created at `now`: after the last environment
// job of the workflow that holds or waits for it (an approved job still ahead of `now` counts;
// a job waiting for a review holds nothing). std::nullopt when it is free.
OptionalTime lockFreeFor(const RepositoryState& state, const WorkflowRecord& workflow, TimePoint now) {
  OptionalTime freeAt;
  for (const RunRecord& other : state.runs) {
    if (other.workflow != &workflow || other.attempts.empty()) continue;
    for (const JobTimes& job : other.attempts.back().jobs) {
      if (!job.environment || !job.startedAt || !job.completedAt || *job.completedAt <= now) continue;
      if (job.conclusion == "skipped" || *job.startedAt == *job.completedAt) continue;  // rejected or skipped
      if (!freeAt || *job.completedAt > *freeAt) freeAt = job.completedAt;
    }
  }
  return freeAt;
}

RunRecord& startDispatchedRun(RepositoryState& state, const WorkflowRecord& workflow, const std::string& sha,
                              TimePoint now) {
  RunRecord run;
  run.workflow = &workflow;
  run.event = "workflow_dispatch";
  run.candidateSha = sha;
  const CommitRecord* head = state.headAt(now);
  run.headSha = head ? head->sha : sha;
  run.headBranch = state.repository.defaultBranch;
  run.displayTitle = "Production Stage: " + sha;
  run.actor = state.currentUser;
  run.createdAt = now;
  AttemptScript script;
  script.actor = state.currentUser;
  script.queuedAt = now;
  script.livePaceFrom = now;
  script.autoPromotion = false;
  script.scope = scopeOf(state, sha);
  script.review = ReviewMode::None;  // simplification: no reviewer for a run started here
  // Its environment job queues behind the production-mutation lock, as on GitHub.
  script.lockFreeAt = lockFreeFor(state, workflow, now);
  script.seed = stableHash(workflow.path + sha + formatIsoTime(now) + std::to_string(state.runs.size()));
  decideProductionOutcome(state, script, sha, false);
  run.attempts.push_back(scheduleAttempt(workflow, script));
  return appendRun(state, std::move(run));
}

const JobTimes* waitingEnvironmentJob(const AttemptRecord& attempt, TimePoint at) {
  for (const JobTimes& job : attempt.jobs) {
    if (job.environment && jobStateAt(job, at).status == "waiting") return &job;
  }
  return nullptr;
}

// The environment ids of a review body, or std::nullopt when they are not a list of integers.
std::optional<std::vector<std::int64_t>> environmentIds(const Json& body) {
  const auto it = body.find("environment_ids");
  if (it == body.end() || !it->is_array() || it->empty()) return std::nullopt;
  std::vector<std::int64_t> ids;
  for (const Json& id : *it) {
    if (!id.is_number_integer()) return std::nullopt;
    ids.push_back(id.get<std::int64_t>());
  }
  return ids;
}

// Checks a dispatch body as GitHub does: the reply that refuses it, or std::nullopt.
std::optional<ApiReply> refuseDispatch(const RepositoryState& state, const WorkflowRecord& workflow, const Json& body) {
  if (!body.is_object()) return invalidRequest("The request body must be a JSON object.", kDispatchDocs);
  if (workflow.dispatchInputs.empty()) {
    return validationFailed("Workflow does not have 'workflow_dispatch' trigger", kDispatchDocs);
  }
  const auto ref = body.find("ref");
  if (ref == body.end() || !ref->is_string()) return invalidRequest("\"ref\" wasn't supplied.", kDispatchDocs);
  const std::string& branch = state.repository.defaultBranch;
  if (ref->get<std::string>() != branch && ref->get<std::string>() != "refs/heads/" + branch) {
    return validationFailed("No ref found for: " + ref->get<std::string>(), kDispatchDocs);
  }
  const Json inputs = body.value("inputs", Json::object());
  if (!inputs.is_object()) {
    return invalidRequest("For 'properties/inputs', " + inputs.dump() + " is not an object.", kDispatchDocs);
  }
  const auto details = body.find("return_run_details");
  if (details != body.end() && !details->is_boolean()) {
    return invalidRequest("For 'properties/return_run_details', " + details->dump() + " is not a boolean.",
                          kDispatchDocs);
  }
  if (const std::string problem = inputProblem(workflow, inputs); !problem.empty()) {
    return validationFailed(problem, kDispatchDocs);
  }
  return std::nullopt;
}

// Checks a review body as GitHub does: the reply that refuses it, or std::nullopt.
std::optional<ApiReply> refuseReview(const Json& body) {
  if (!body.is_object()) return invalidRequest("The request body must be a JSON object.", kReviewDocs);
  if (!environmentIds(body)) return invalidRequest("\"environment_ids\" wasn't supplied.", kReviewDocs);
  const std::string decision = body.value("state", std::string());
  if (decision != "approved" && decision != "rejected") {
    return invalidRequest("For 'properties/state', \"" + decision + "\" is not one of [\"approved\", \"rejected\"].",
                          kReviewDocs);
  }
  if (!body.contains("comment") || !body.at("comment").is_string()) {
    return invalidRequest("\"comment\" wasn't supplied.", kReviewDocs);
  }
  return std::nullopt;
}

}  // namespace

ApiReply dispatchWorkflow(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const WorkflowRecord* workflow = state.workflow(params.at("workflow_id"));
  if (!workflow) return notFound();
  const auto body = parseBody(request);
  if (!body) return problemsParsingJson();
  if (auto refusal = refuseDispatch(state, *workflow, *body)) return std::move(*refusal);
  const std::string sha = body->at("inputs").at("candidate_sha").get<std::string>();
  const RunRecord& run = startDispatchedRun(state, *workflow, sha, request.at);
  if (!body->value("return_run_details", false)) {
    ApiReply reply;
    reply.status = 204;
    reply.contentType.clear();
    return reply;
  }
  const JsonContext view = jsonContextOf(state, request);
  return jsonReply(200, {{"workflow_run_id", run.id},
                         {"run_url", view.api("/actions/runs/" + std::to_string(run.id))},
                         {"html_url", view.html("/actions/runs/" + std::to_string(run.id))}});
}

// Approving lets the waiting job start at once (the sandbox does not queue it behind the lock);
// rejecting fails it, and the result job then fails the run. GitHub answers with the
// deployments the approval created.
ApiReply reviewPendingDeployments(RepositoryState& state, const ApiRequest& request, const RouteParams& params) {
  const auto runId = idParam(params, "run_id");
  RunRecord* run = runId ? state.run(*runId) : nullptr;
  if (!run || run->createdAt > request.at) return notFound();
  const auto body = parseBody(request);
  if (!body) return problemsParsingJson();
  if (auto refusal = refuseReview(*body)) return std::move(*refusal);
  AttemptRecord& attempt = run->latestAttempt();
  const auto ids = *environmentIds(*body);
  if (!waitingEnvironmentJob(attempt, request.at) ||
      std::find(ids.begin(), ids.end(), state.production.id) == ids.end()) {
    return validationFailed("No pending deployment requests to approve or reject", kReviewDocs);
  }
  AttemptScript script = attempt.script;
  script.review = ReviewMode::Decided;
  script.decision = ReviewRecord{state.currentUser, body->at("state") == "approved",
                                 body->at("comment").get<std::string>(), request.at};
  script.livePaceFrom = request.at;
  attempt = scheduleAttempt(*run->workflow, script);
  Json created = Json::array();
  const JsonContext view = jsonContextOf(state, request);
  for (const DeploymentSnapshot& deployment : deploymentsAt(state, request.at)) {
    if (deployment.run == run && deployment.attempt == &attempt) created.push_back(deploymentJson(view, deployment));
  }
  return jsonReply(200, created);
}

}  // namespace releasedesk::sandbox
