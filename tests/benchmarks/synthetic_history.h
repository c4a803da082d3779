// A synthetic production-stage history for the timeline benchmarks: runs an hour apart, five
// runbook jobs each, one deployment per run with N statuses (newest first, as GitHub lists them),
// with replays, re-runs and failures mixed in.
#pragma once

#include "core/timeline/deployment_timeline.h"

#include <cstdio>
#include <string>
#include <vector>

namespace releasedesk::benchmarks {

inline std::string shaOf(int i) {
  char buffer[41];
  std::snprintf(buffer, sizeof buffer, "%040x", i + 1);
  return buffer;
}

inline TimelineInputs syntheticHistory(int runs, int statusesPerDeployment) {
  TimelineInputs in;
  const TimePoint origin = *parseIsoTime("2025-01-01T00:00:00Z");
  in.now = origin + std::chrono::seconds(std::int64_t{runs} * 3600 + 3600);
  const char* names[] = {"load-accepted-candidate", "stale-guard", "production-mutate", "post-deploy-verify",
                         "production-stage-result"};
  CommitTimes commits;
  for (int i = 0; i < runs; ++i) {
    const TimePoint start = origin + std::chrono::seconds(std::int64_t{i} * 3600);
    WorkflowRun run;
    run.id = 1000 + i;
    run.runNumber = i + 1;
    run.event = i % 10 == 7 ? "workflow_dispatch" : "workflow_run";
    run.runAttempt = i % 50 == 3 ? 2 : 1;
    const std::string sha = shaOf(i % 7 == 5 ? i - 5 : i);
    run.displayTitle = "Production Stage: " + sha;
    run.headSha = sha;
    run.status = "completed";
    run.conclusion = i % 13 == 4 ? "failure" : "success";
    run.createdAt = run.runStartedAt = start;
    std::vector<Job> jobs;
    TimePoint t = start + std::chrono::seconds(5);
    for (int j = 0; j < 5; ++j) {
      Job job;
      job.id = run.id * 10 + j;
      job.name = names[j];
      job.status = "completed";
      job.conclusion = j == 3 && run.conclusion == "failure" ? "failure" : "success";
      if (j == 2) t += std::chrono::seconds(60 + i % 600);
      job.startedAt = t;
      t += std::chrono::seconds(30 + (i * 7 + j) % 200);
      job.completedAt = t;
      job.steps.resize(4);
      jobs.push_back(std::move(job));
    }
    run.updatedAt = t;
    in.jobs[run.id] = std::move(jobs);
    commits[sha] = start - std::chrono::hours(2);
    Deployment d;
    d.id = 500000 + i;
    d.sha = sha;
    d.createdAt = start + std::chrono::seconds(60);
    in.deployments.push_back(d);
    auto& statuses = in.statuses[d.id];
    for (int s = 0; s < statusesPerDeployment; ++s) {
      DeploymentStatus status;
      status.id = std::int64_t{d.id} * 10 + s;
      const bool last = s + 1 == statusesPerDeployment;
      status.state = !last ? (s == 0 ? "queued" : "in_progress") : run.conclusion == "success" ? "success" : "failure";
      status.createdAt = start + std::chrono::seconds(60 + s * 120);
      status.logUrl = "https://github.com/o/r/actions/runs/" + std::to_string(run.id);
      statuses.push_back(status);
    }
    in.runs.push_back(std::move(run));
  }
  in.commitTimes = std::make_shared<const CommitTimes>(std::move(commits));
  return in;
}

}  // namespace releasedesk::benchmarks
