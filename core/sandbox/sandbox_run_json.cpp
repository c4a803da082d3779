// Renders runs, jobs, reviews, deployments and artifacts as GitHub REST JSON, as they stand at
// the view's moment.
#include "core/sandbox/sandbox_codec.h"
#include "core/sandbox/sandbox_json.h"
#include "core/sandbox/sandbox_schedule.h"

namespace releasedesk::sandbox {
namespace {

constexpr std::int64_t kJobIdBase = 33'000'000'000;
constexpr std::int64_t kCheckSuiteIdBase = 28'000'000'000;

Json stepJson(const StepTimes& step, TimePoint at) {
  const RunState state = stepStateAt(step, at);
  return {{"name", step.name},
          {"status", state.status},
          {"conclusion", state.conclusion.empty() ? Json(nullptr) : Json(state.conclusion)},
          {"number", step.number},
          {"started_at", reached(step.startedAt, at) ? isoOrNull(step.startedAt) : Json(nullptr)},
          {"completed_at", reached(step.completedAt, at) ? isoOrNull(step.completedAt) : Json(nullptr)}};
}

std::int64_t jobId(const RunRecord& run, const AttemptRecord& attempt, std::size_t index) {
  return kJobIdBase + std::int64_t{run.index} * 64 + std::int64_t{attempt.script.number - 1} * 8 +
         static_cast<std::int64_t>(index);
}

Json jobJson(const JsonContext& view, const RunRecord& run, const AttemptRecord& attempt, std::size_t index) {
  const JobTimes& job = attempt.jobs[index];
  const RunState state = jobStateAt(job, view.at);
  const std::int64_t id = jobId(run, attempt, index);
  const bool started = reached(job.startedAt, view.at);
  Json steps = Json::array();
  if (started) {
    for (const StepTimes& step : job.steps) steps.push_back(stepJson(step, view.at));
  }
  const bool hasRunner = started && !job.steps.empty();
  return {{"id", id},
          {"run_id", run.id},
          {"workflow_name", run.workflow->name},
          {"head_branch", run.headBranch},
          {"run_url", view.api("/actions/runs/" + std::to_string(run.id))},
          {"run_attempt", attempt.script.number},
          {"node_id", nodeId("CR", id)},
          {"head_sha", run.headSha},
          {"url", view.api("/actions/jobs/" + std::to_string(id))},
          {"html_url", view.html("/actions/runs/" + std::to_string(run.id) + "/job/" + std::to_string(id))},
          {"status", state.status},
          {"conclusion", state.conclusion.empty() ? Json(nullptr) : Json(state.conclusion)},
          {"created_at", iso(attempt.script.queuedAt)},
          {"started_at", iso(started ? *job.startedAt : attempt.script.queuedAt)},
          {"completed_at", reached(job.completedAt, view.at) ? isoOrNull(job.completedAt) : Json(nullptr)},
          {"name", job.name},
          {"steps", steps},
          {"check_run_url", view.api("/check-runs/" + std::to_string(id))},
          {"labels", Json::array({"ubuntu-latest"})},
          {"runner_id", hasRunner ? Json(1000 + static_cast<int>(id % 97)) : Json(nullptr)},
          {"runner_name", hasRunner ? Json("GitHub Actions " + std::to_string(1000 + id % 97)) : Json(nullptr)},
          {"runner_group_id", hasRunner ? Json(2) : Json(nullptr)},
          {"runner_group_name", hasRunner ? Json("GitHub Actions") : Json(nullptr)}};
}

Json headCommitJson(const JsonContext& view, const std::string& sha) {
  const CommitRecord* commit = view.state.commit(sha);
  if (!commit) return nullptr;
  const Person* author = view.state.person(commit->author);
  const Json who{{"name", author ? author->name : commit->author}, {"email", author ? author->email : ""}};
  return {{"id", commit->sha},
          {"tree_id", sha1Hex("tree:" + commit->sha)},
          {"message", commit->message},
          {"timestamp", iso(commit->at)},
          {"author", who},
          {"committer", {{"name", "GitHub"}, {"email", "noreply@github.com"}}}};
}

}  // namespace

Json runJson(const JsonContext& view, const RunRecord& run) {
  const AttemptRecord& attempt = run.attemptAt(view.at);
  const RunState state = attemptStateAt(attempt, view.at);
  const std::string runApi = view.api("/actions/runs/" + std::to_string(run.id));
  const std::int64_t checkSuite = kCheckSuiteIdBase + std::int64_t{run.index} * 8 + attempt.script.number;
  const Json repository = minimalRepositoryJson(view);
  return {{"id", run.id},
          {"name", run.workflow->name},
          {"node_id", nodeId("WFR", run.id)},
          {"head_branch", run.headBranch},
          {"head_sha", run.headSha},
          {"path", run.workflow->path},
          {"display_title", run.displayTitle},
          {"run_number", run.runNumber},
          {"event", run.event},
          {"status", state.status},
          {"conclusion", state.conclusion.empty() ? Json(nullptr) : Json(state.conclusion)},
          {"workflow_id", run.workflow->id},
          {"check_suite_id", checkSuite},
          {"check_suite_node_id", nodeId("CS", checkSuite)},
          {"url", runApi},
          {"html_url", view.html("/actions/runs/" + std::to_string(run.id))},
          {"pull_requests", Json::array()},
          {"created_at", iso(run.createdAt)},
          {"updated_at", iso(lastChangeAt(attempt, view.at))},
          {"actor", userJson(view, run.actor)},
          {"triggering_actor", userJson(view, attempt.script.actor)},
          {"run_attempt", attempt.script.number},
          {"referenced_workflows", Json::array()},
          {"run_started_at", iso(attempt.script.queuedAt)},
          {"jobs_url", runApi + "/jobs"},
          {"logs_url", runApi + "/logs"},
          {"check_suite_url", view.api("/check-suites/" + std::to_string(checkSuite))},
          {"artifacts_url", runApi + "/artifacts"},
          {"cancel_url", runApi + "/cancel"},
          {"rerun_url", runApi + "/rerun"},
          {"previous_attempt_url", attempt.script.number > 1
                                       ? Json(runApi + "/attempts/" + std::to_string(attempt.script.number - 1))
                                       : Json(nullptr)},
          {"workflow_url", view.api("/actions/workflows/" + std::to_string(run.workflow->id))},
          {"head_commit", headCommitJson(view, run.headSha)},
          {"repository", repository},
          {"head_repository", repository},
          {"head_repository_id", view.state.repository.id}};
}

Json jobsJson(const JsonContext& view, const RunRecord& run, bool filterAll) {
  Json jobs = Json::array();
  const AttemptRecord& latest = run.attemptAt(view.at);
  for (const AttemptRecord& attempt : run.attempts) {
    if (attempt.script.queuedAt > view.at || (!filterAll && &attempt != &latest)) continue;
    for (std::size_t i = 0; i < attempt.jobs.size(); ++i) jobs.push_back(jobJson(view, run, attempt, i));
  }
  return jobs;
}

Json pendingDeploymentsJson(const JsonContext& view, const RunRecord& run) {
  Json pending = Json::array();
  const AttemptRecord& attempt = run.attemptAt(view.at);
  for (const JobTimes& job : attempt.jobs) {
    if (!job.environment || jobStateAt(job, view.at).status != "waiting") continue;
    Json environment = environmentSummaryJson(view);
    for (const char* key : {"created_at", "updated_at"}) environment.erase(key);
    pending.push_back({{"environment", environment},
                       {"wait_timer", 0},
                       {"wait_timer_started_at", isoOrNull(job.readyAt)},
                       {"current_user_can_approve", true},
                       {"reviewers", reviewersJson(view)}});
  }
  return pending;
}

Json approvalsJson(const JsonContext& view, const RunRecord& run) {
  Json approvals = Json::array();
  for (auto it = run.attempts.rbegin(); it != run.attempts.rend(); ++it) {
    if (!it->review || it->review->at > view.at) continue;
    const ReviewRecord& review = *it->review;
    approvals.push_back({{"environments", Json::array({environmentSummaryJson(view)})},
                         {"state", review.approved ? "approved" : "rejected"},
                         {"user", userJson(view, review.user)},
                         {"comment", review.comment}});
  }
  return approvals;
}

Json deploymentJson(const JsonContext& view, const DeploymentSnapshot& deployment) {
  const RunRecord& run = *deployment.run;
  const std::string url = view.api("/deployments/" + std::to_string(deployment.id));
  const TimePoint updated = deployment.statuses.empty() ? deployment.createdAt : deployment.statuses.front().at;
  Json payload{{"candidate_sha", run.candidateSha},
               {"workflow_run_id", run.id},
               {"run_attempt", deployment.attempt->script.number},
               {"trigger", run.event}};
  if (deployment.attempt->script.scope.runtime) {
    payload["api_ref"] = apiRefOf(view.state, run.candidateSha);
    payload["web_ref"] = webRefOf(view.state, run.candidateSha);
  }
  return {{"url", url},
          {"id", deployment.id},
          {"node_id", nodeId("DE", deployment.id)},
          {"sha", run.candidateSha},
          {"ref", run.candidateSha},
          {"task", "deploy"},
          {"payload", payload},
          {"original_environment", view.state.production.name},
          {"environment", view.state.production.name},
          {"description", "Production Stage: " + run.candidateSha + " (run " + std::to_string(run.id) + ", attempt " +
                              std::to_string(deployment.attempt->script.number) + ")"},
          {"creator", userJson(view, "github-actions[bot]")},
          {"created_at", iso(deployment.createdAt)},
          {"updated_at", iso(updated)},
          {"statuses_url", url + "/statuses"},
          {"repository_url", view.api()},
          {"transient_environment", false},
          {"production_environment", true},
          {"performed_via_github_app", nullptr}};
}

Json deploymentStatusJson(const JsonContext& view, const DeploymentSnapshot& deployment,
                          const DeploymentStatusSnapshot& status) {
  const std::string deploymentUrl = view.api("/deployments/" + std::to_string(deployment.id));
  const std::string runUrl = view.html("/actions/runs/" + std::to_string(deployment.run->id));
  return {{"url", deploymentUrl + "/statuses/" + std::to_string(status.id)},
          {"id", status.id},
          {"node_id", nodeId("DES", status.id)},
          {"state", status.state},
          {"creator", userJson(view, "github-actions[bot]")},
          {"description", status.description},
          {"environment", view.state.production.name},
          {"target_url", runUrl},
          {"log_url", runUrl},
          {"environment_url", view.state.production.url},
          {"created_at", iso(status.at)},
          {"updated_at", iso(status.at)},
          {"deployment_url", deploymentUrl},
          {"repository_url", view.api()},
          {"performed_via_github_app", nullptr}};
}

Json artifactJson(const JsonContext& view, const ArtifactSnapshot& artifact, std::size_t sizeInBytes) {
  const std::string url = view.api("/actions/artifacts/" + std::to_string(artifact.id));
  const RunRecord& run = *artifact.run;
  return {{"id", artifact.id},
          {"node_id", nodeId("MDg6QXJ0aWZhY3Q", artifact.id)},
          {"name", artifact.name},
          {"size_in_bytes", sizeInBytes},
          {"url", url},
          {"archive_download_url", url + "/zip"},
          {"expired", artifact.expiresAt <= view.at},
          {"created_at", iso(artifact.createdAt)},
          {"updated_at", iso(artifact.createdAt)},
          {"expires_at", iso(artifact.expiresAt)},
          {"workflow_run",
           {{"id", run.id},
            {"repository_id", view.state.repository.id},
            {"head_repository_id", view.state.repository.id},
            {"head_branch", run.headBranch},
            {"head_sha", run.headSha}}}};
}

}  // namespace releasedesk::sandbox
