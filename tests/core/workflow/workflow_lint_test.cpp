// The workflow lint: the example workflow (and the sandbox's) has no finding; each runbook rule
// has a violating workflow whose finding names the rule and the line.
#include "core/workflow/workflow_lint.h"
#include "core/workflow/workflow_lint_json.h"

#include "resources/embedded_resources.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace releasedesk {
namespace {

std::string readExample() {
  std::ifstream in(RELEASEDESK_EXAMPLE_WORKFLOW, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The lines of `rule`'s findings, in order.
std::vector<int> linesOf(const WorkflowLintReport& report, std::string_view rule) {
  std::vector<int> lines;
  for (const WorkflowLintFinding& f : report.findings) {
    if (f.rule == rule) lines.push_back(f.line);
  }
  return lines;
}

std::string describe(const WorkflowLintReport& report) {
  std::string text;
  for (const WorkflowLintFinding& f : report.findings)
    text += std::to_string(f.line) + ":" + std::to_string(f.column) + " [" + f.rule + "] " + f.message + "\n";
  if (report.parseError) text += "parse error: " + report.parseError->message;
  return text;
}

using Lines = std::vector<int>;

TEST(WorkflowLint, TheExampleWorkflowHasNoFinding) {
  const std::string yaml = readExample();
  ASSERT_FALSE(yaml.empty()) << RELEASEDESK_EXAMPLE_WORKFLOW;
  const WorkflowLintReport report = lintWorkflow(yaml, "resources/workflows/production-stage.yml");
  EXPECT_FALSE(report.parseError);
  EXPECT_TRUE(report.findings.empty()) << describe(report);
  EXPECT_FALSE(report.hasErrors());
}

TEST(WorkflowLint, TheSandboxWorkflowHasNoFinding) {
  std::string_view yaml;
  for (const auto& file : resources::sandboxFiles()) {
    if (file.path == ".github/workflows/production-stage.yml") yaml = file.bytes;
  }
  ASSERT_FALSE(yaml.empty());
  const WorkflowLintReport report = lintWorkflow(yaml, "production-stage.yml");
  EXPECT_TRUE(report.findings.empty()) << describe(report);
}

TEST(WorkflowLint, TriggersNeedTheAcceptanceStageAndARequiredCandidateSha) {
  const WorkflowLintReport report = lintWorkflow(R"(name: Production Stage
on:
  workflow_run:
    workflows: ["Commit Stage"]
    types: [requested]
  workflow_dispatch:
    inputs:
      candidate_sha:
        required: false
        type: string
jobs: {}
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "triggers"), (Lines{4, 5, 8})) << describe(report);
}

TEST(WorkflowLint, TriggersMissingArePointedAtOn) {
  const WorkflowLintReport report = lintWorkflow("name: x\non: push\njobs: {}\n", "w.yml");
  EXPECT_EQ(linesOf(report, "triggers"), (Lines{2, 2})) << describe(report);
}

TEST(WorkflowLint, JobModelNeedsTheFiveJobsInOrder) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
jobs:
  load-accepted-candidate:
    runs-on: ubuntu-latest
  stale-guard:
    runs-on: ubuntu-latest
  production-mutate:
    needs: [load-accepted-candidate]
    runs-on: ubuntu-latest
  post-deploy-verify:
    runs-on: ubuntu-latest
)",
                                                 "w.yml");
  // production-stage-result is missing (at jobs:), stale-guard needs nothing, production-mutate
  // does not need the guard.
  EXPECT_EQ(linesOf(report, "job-model"), (Lines{2, 5, 8})) << describe(report);
}

TEST(WorkflowLint, LockMustNotCancelInProgress) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
concurrency:
  group: production-mutation
  cancel-in-progress: true
jobs: {}
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "lock"), (Lines{3})) << describe(report);
}

TEST(WorkflowLint, LockCoversEveryMutatingJob) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
jobs:
  deploy-api:
    runs-on: ubuntu-latest
    environment: production
    concurrency: deploy
    steps:
      - run: az containerapp update --name api --image "${{ needs.load-accepted-candidate.outputs.api-ref }}"
  production-mutate:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: echo ok
  verify:
    runs-on: ubuntu-latest
    steps:
      - run: az containerapp show --name api
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "lock"), (Lines{6, 9})) << describe(report);
}

TEST(WorkflowLint, EnvironmentProductionOnEveryMutatingJob) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
concurrency: production-mutation
jobs:
  production-mutate:
    runs-on: ubuntu-latest
    environment: staging
    steps:
      - run: echo ok
  infra:
    runs-on: ubuntu-latest
    steps:
      - run: |
          az deployment group create --resource-group rg --template-file main.bicep
  verify:
    runs-on: ubuntu-latest
    environment:
      name: production
    steps:
      - run: curl https://example.org
  identity:
    runs-on: ubuntu-latest
    environment: {name: production}
    steps:
      - run: az identity create --name id
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "environment"), (Lines{6, 9})) << describe(report);
  EXPECT_TRUE(linesOf(report, "lock").empty()) << describe(report);
}

TEST(WorkflowLint, DeployOnlyFindsBuildsInScriptsAndActions) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
jobs:
  production-mutate:
    runs-on: ubuntu-latest
    steps:
      - uses: docker/build-push-action@v6
      - run: |
          echo start
          docker   build -t api .
          docker push api
      - run: az acr build --registry r .
      - run: echo "no image is built here"
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "deploy-only"), (Lines{6, 9, 10, 11})) << describe(report);
  for (const WorkflowLintFinding& f : report.findings) {
    if (f.rule == "deploy-only" && f.line == 6) {
      EXPECT_EQ(f.column, 15);
    }
    if (f.rule == "deploy-only" && f.line == 9) {
      EXPECT_EQ(f.column, 11);
    }
  }
}

TEST(WorkflowLint, FailClosedGuardAndGatedMutation) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
jobs:
  stale-guard:
    runs-on: ubuntu-latest
    continue-on-error: true
    steps:
      - run: releasedesk-cli stale-guard
        continue-on-error: true
  production-mutate:
    needs: stale-guard
    if: ${{ !cancelled() }}
    runs-on: ubuntu-latest
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "fail-closed"), (Lines{5, 8, 11})) << describe(report);
}

TEST(WorkflowLint, FailClosedWithoutAnyConditionPointsAtTheJob) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
jobs:
  stale-guard:
    runs-on: ubuntu-latest
  production-mutate:
    needs: stale-guard
    runs-on: ubuntu-latest
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "fail-closed"), (Lines{5})) << describe(report);
}

TEST(WorkflowLint, DigestsComeFromTheLoadedCandidate) {
  const WorkflowLintReport report = lintWorkflow(R"(on: push
jobs:
  production-mutate:
    runs-on: ubuntu-latest
    env:
      API_REF: ${{ needs.load-accepted-candidate.outputs.api-ref }}
      WEB_TAG: myacr.azurecr.io/web:latest
    steps:
      - run: |
          az containerapp update --name api \
            --image "${API_REF}"
          az containerapp update --name web --image "${WEB_TAG}"
          az containerapp job update --name migrate --image=myacr.azurecr.io/api:v1
      - run: az containerapp update --name x --image myacr.azurecr.io/x@sha256:0123
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "digests"), (Lines{12, 13})) << describe(report);
}

TEST(WorkflowLint, AutoRunChecksTheAcceptanceConclusionAndRunNameTheSha) {
  const WorkflowLintReport report = lintWorkflow(R"(name: x
run-name: Production Stage
on: push
jobs:
  load-accepted-candidate:
    if: github.event_name == 'workflow_run'
    runs-on: ubuntu-latest
)",
                                                 "w.yml");
  EXPECT_EQ(linesOf(report, "auto-run"), (Lines{6})) << describe(report);
  EXPECT_EQ(linesOf(report, "run-name"), (Lines{2})) << describe(report);
  for (const WorkflowLintFinding& f : report.findings) {
    if (f.rule == "run-name") {
      EXPECT_EQ(f.severity, Severity::Warning);
    }
  }
}

TEST(WorkflowLint, MalformedYamlIsAParseErrorWithItsLine) {
  const WorkflowLintReport report = lintWorkflow("name: x\non:\n  push: [a\njobs: {}\n", "w.yml");
  ASSERT_TRUE(report.parseError);
  EXPECT_GE(report.parseError->line, 3);
  EXPECT_TRUE(report.findings.empty());
  EXPECT_TRUE(report.hasErrors());
}

TEST(WorkflowLint, ATopLevelThatIsNoMappingIsAParseError) {
  EXPECT_TRUE(lintWorkflow("- a\n- b\n", "w.yml").parseError);
  EXPECT_TRUE(lintWorkflow("", "w.yml").parseError);
  EXPECT_TRUE(lintWorkflow("just text", "w.yml").parseError);
}

TEST(WorkflowLintJson, CarriesFileAndFindings) {
  const WorkflowLintReport report = lintWorkflow("name: x\non: push\njobs: {}\n", "w.yml");
  const auto doc = nlohmann::json::parse(toJson(report));
  EXPECT_EQ(doc["file"], "w.yml");
  ASSERT_TRUE(doc["findings"].is_array());
  ASSERT_FALSE(doc["findings"].empty());
  const auto& first = doc["findings"][0];
  for (const char* key : {"rule", "severity", "line", "column", "message"}) EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_EQ(first["severity"], "warning");  // run-name, at line 1
  EXPECT_EQ(first["rule"], "run-name");
  EXPECT_FALSE(doc.contains("parseError"));
}

TEST(WorkflowLint, TellsWhereTheLockIsDeclared) {
  EXPECT_EQ(lintWorkflow(readExample(), "example.yml").lockScope, LockScope::Job);
  EXPECT_EQ(lintWorkflow(R"(on: push
concurrency:
  group: production-mutation
  cancel-in-progress: false
jobs:
  a: {runs-on: x, steps: [{run: "true"}]}
)",
                         "w.yml")
                .lockScope,
            LockScope::Workflow);
  EXPECT_EQ(lintWorkflow("on: push\nconcurrency: production-mutation\njobs: {}\n", "w.yml").lockScope,
            LockScope::Workflow);
  EXPECT_EQ(
      lintWorkflow("on: push\nconcurrency: other\njobs:\n  a: {concurrency: {group: other}}\n", "w.yml").lockScope,
      LockScope::Unknown);
  EXPECT_EQ(lintWorkflow("on: [push\n", "w.yml").lockScope, LockScope::Unknown);
}

}  // namespace
}  // namespace releasedesk
