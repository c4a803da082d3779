// WorkflowLint: the production-stage runbook's rules checked on the workflow file itself
// (`.github/workflows/production-stage.yml`): triggers, job model, the production-mutation lock,
// the `production` environment, deploy-only, the fail-closed stale guard, digest-only images
// and the auto-run check. The YAML is parsed with libyaml; lines and columns are 1-based.
#pragma once

#include "core/evidence/finding.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

struct WorkflowLintFinding {
  std::string rule;  // "triggers", "job-model", "lock", "environment", "deploy-only", "fail-closed",
                     // "digests", "auto-run", "run-name"
  Severity severity = Severity::Error;
  int line = 1;
  int column = 1;
  std::string message;
};

struct WorkflowParseError {
  int line = 1;
  int column = 1;
  std::string message;
};

// Where the workflow declares the production-mutation lock: on the whole workflow (a run waits
// for it before its first job) or on jobs (a run waits for it at the job). Unknown when the file
// declares neither or could not be read.
enum class LockScope { Unknown, Workflow, Job };
std::string_view toString(LockScope scope);

struct WorkflowLintReport {
  std::string file;                              // as given, for messages
  std::vector<WorkflowLintFinding> findings;     // in file order
  std::optional<WorkflowParseError> parseError;  // the YAML could not be read: no findings
  LockScope lockScope = LockScope::Unknown;      // where the production-mutation group is declared

  bool hasErrors() const;
};

// Lints workflow YAML text. A malformed file (or one whose top level is not a mapping) gives a
// report with `parseError` set and no findings.
WorkflowLintReport lintWorkflow(std::string_view yaml, std::string file);

}  // namespace releasedesk
