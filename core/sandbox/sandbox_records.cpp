// Deployments and artifacts derived from the runs: ids, statuses and zip contents.
#include "core/sandbox/sandbox_records.h"

#include "core/sandbox/sandbox_codec.h"
#include "core/sandbox/sandbox_schedule.h"
#include "core/sandbox/sandbox_zip.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace releasedesk::sandbox {
namespace {

using Json = nlohmann::json;

constexpr std::int64_t kDeploymentIdBase = 2'100'000'000;
constexpr std::int64_t kDeploymentStatusIdBase = 5'300'000'000;
constexpr std::int64_t kArtifactIdBase = 3'400'000'000;
constexpr auto kArtifactRetention = std::chrono::days(90);

std::int64_t attemptKey(const RunRecord& run, const AttemptRecord& attempt) {
  return std::int64_t{run.index} * 8 + attempt.script.number;
}

const JobTimes* environmentJob(const AttemptRecord& attempt) {
  const auto it =
      std::find_if(attempt.jobs.begin(), attempt.jobs.end(), [](const JobTimes& j) { return j.environment; });
  return it == attempt.jobs.end() ? nullptr : &*it;
}

const StepTimes* findStep(const AttemptRecord& attempt, const std::string& name) {
  for (const JobTimes& job : attempt.jobs) {
    for (const StepTimes& step : job.steps) {
      if (step.name == name) return &step;
    }
  }
  return nullptr;
}

std::string failureText(const AttemptRecord& attempt) {
  if (!attempt.script.failMessage.empty()) return attempt.script.failMessage;
  const JobTimes* failed = attempt.failedJob();
  return failed ? "Production Stage failed in " + failed->name + "." : "Production Stage failed.";
}

std::optional<DeploymentSnapshot> deploymentOf(const RunRecord& run, const AttemptRecord& attempt, TimePoint at) {
  const JobTimes* mutate = environmentJob(attempt);
  if (!mutate || mutate->steps.empty() || !reached(mutate->startedAt, at)) return std::nullopt;
  const std::int64_t key = attemptKey(run, attempt);
  DeploymentSnapshot view{kDeploymentIdBase + key, &run, &attempt, *mutate->startedAt, {}};
  // The result job records the outcome; without it the attempt's end does.
  const StepTimes* record = findStep(attempt, "Record deployment status");
  const OptionalTime finalAt = record && record->conclusion != "skipped" ? record->completedAt : attempt.completedAt();
  if (reached(finalAt, at)) {
    const bool success = attempt.failedJob() == nullptr;
    view.statuses.push_back({kDeploymentStatusIdBase + key * 4 + 1, success ? "success" : "failure",
                             success ? "Deployed " + run.candidateSha : failureText(attempt), *finalAt});
  }
  view.statuses.push_back(
      {kDeploymentStatusIdBase + key * 4, "in_progress", "Deploying " + run.candidateSha, *mutate->startedAt});
  return view;
}

std::string pseudoDigestRef(const std::string& sha, const std::string& image) {
  const std::string digest = sha1Hex(sha + ":" + image) + sha1Hex(sha + ":" + image + ":2").substr(0, 24);
  return "contosoprod.azurecr.io/shop/" + image + "@sha256:" + digest;
}

Json scopeJson(const CandidateScope& scope) {
  return {{"identity", scope.identity},
          {"infra", scope.infra},
          {"runtime", scope.runtime},
          {"migrations", scope.migrations}};
}

Json jobResults(const AttemptRecord& attempt) {
  Json results = Json::object();
  for (const JobTimes& job : attempt.jobs) results[job.name] = job.conclusion;
  return results;
}

std::string resultJson(const RunRecord& run, const AttemptRecord& attempt, TimePoint writtenAt) {
  const bool failed = attempt.failedJob() != nullptr;
  Json result{{"headSha", run.candidateSha}, {"conclusion", failed ? "failure" : "success"},
              {"trigger", run.event},        {"workflowRun", {{"id", run.id}, {"attempt", attempt.script.number}}},
              {"jobs", jobResults(attempt)}, {"writtenAt", formatIsoTime(writtenAt)}};
  if (failed) {
    result["failure"] = {{"job", attempt.failedJob()->name}, {"message", failureText(attempt)}};
  }
  return result.dump(2) + "\n";
}

std::string deploymentRecordJson(const RepositoryState& state, const RunRecord& run, const AttemptRecord& attempt) {
  const JobTimes* mutate = environmentJob(attempt);
  const CandidateScope& scope = attempt.script.scope;
  const std::string shortSha = run.candidateSha.substr(0, 7);
  Json record{{"headSha", run.candidateSha},
              {"environment", state.production.name},
              {"scope", scopeJson(scope)},
              {"workflowRun", {{"id", run.id}, {"attempt", attempt.script.number}, {"event", run.event}}},
              {"mutation", mutate ? mutate->conclusion : "skipped"},
              {"deployedAt", mutate && mutate->completedAt ? formatIsoTime(*mutate->completedAt) : ""}};
  if (scope.runtime) {
    record["candidate"] = {{"apiRef", apiRefOf(state, run.candidateSha)},
                           {"webRef", webRefOf(state, run.candidateSha)}};
    record["revisions"] = {{"api", "ca-shop-api--" + shortSha}, {"web", "ca-shop-web--" + shortSha}};
    record["migration"] = {{"job", "caj-shop-migrate"}, {"ran", scope.migrations}};
  }
  return record.dump(2) + "\n";
}

std::vector<ZipEntry> artifactEntries(const RepositoryState& state, const ArtifactSnapshot& artifact) {
  const RunRecord& run = *artifact.run;
  if (const CandidateRecord* candidate = state.candidate(run.candidateSha);
      candidate && run.workflow->artifactPrefix == "acceptance-evidence-") {
    return {{"evidence-manifest.json", std::string(candidate->manifest)}};
  }
  std::vector<ZipEntry> entries;
  const JobTimes* mutate = environmentJob(*artifact.attempt);
  if (mutate && !mutate->steps.empty()) {
    entries.push_back({"deployment-record.json", deploymentRecordJson(state, run, *artifact.attempt)});
  }
  entries.push_back({"result.json", resultJson(run, *artifact.attempt, artifact.createdAt)});
  return entries;
}

}  // namespace

std::vector<DeploymentSnapshot> deploymentsAt(const RepositoryState& state, TimePoint at) {
  std::vector<DeploymentSnapshot> deployments;
  for (const RunRecord& run : state.runs) {
    if (run.createdAt > at) continue;
    for (const AttemptRecord& attempt : run.attempts) {
      if (auto deployment = deploymentOf(run, attempt, at)) deployments.push_back(std::move(*deployment));
    }
  }
  std::sort(deployments.begin(), deployments.end(), [](const DeploymentSnapshot& a, const DeploymentSnapshot& b) {
    return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
  });
  return deployments;
}

std::vector<ArtifactSnapshot> artifactsOf(const RunRecord& run, TimePoint at) {
  if (!run.uploadsArtifact || run.createdAt > at) return {};
  const AttemptRecord& attempt = run.attemptAt(at);
  const StepTimes* upload = findStep(attempt, run.workflow->artifactUploadStep);
  if (!upload || upload->conclusion != "success" || !reached(upload->completedAt, at)) return {};
  const std::int64_t id = kArtifactIdBase + attemptKey(run, attempt);
  return {{id, &run, &attempt, run.workflow->artifactPrefix + run.candidateSha, *upload->completedAt,
           *upload->completedAt + kArtifactRetention}};
}

std::optional<ArtifactSnapshot> findArtifact(const RepositoryState& state, std::int64_t id, TimePoint at) {
  for (const RunRecord& run : state.runs) {
    for (ArtifactSnapshot& artifact : artifactsOf(run, at)) {
      if (artifact.id == id) return artifact;
    }
  }
  return std::nullopt;
}

const std::string& artifactZip(RepositoryState& state, const ArtifactSnapshot& artifact) {
  auto it = state.zipCache.find(artifact.id);
  if (it == state.zipCache.end()) {
    it = state.zipCache.emplace(artifact.id, buildZip(artifactEntries(state, artifact), artifact.createdAt)).first;
  }
  return it->second;
}

std::string apiRefOf(const RepositoryState& state, const std::string& sha) {
  const CandidateRecord* candidate = state.candidate(sha);
  return candidate ? candidate->apiRef : pseudoDigestRef(sha, "api");
}

std::string webRefOf(const RepositoryState& state, const std::string& sha) {
  const CandidateRecord* candidate = state.candidate(sha);
  return candidate ? candidate->webRef : pseudoDigestRef(sha, "web");
}

}  // namespace releasedesk::sandbox
