// Output for GitHub Actions runners: workflow-command annotations and the step summary.
#pragma once

#include "app/cli/command.h"

#include "core/ci/github_output.h"
#include "core/evidence/finding.h"

#include <string>

namespace releasedesk::cli {

// Writes one `::error`/`::warning`/`::notice` line per finding.
void writeAnnotations(const Findings& findings, const std::string& file, std::ostream& stream);

// Appends `markdown` to the file named by GITHUB_STEP_SUMMARY, when set. A failure is reported
// on `err` and does not change the command's verdict.
void appendStepSummary(const CommandContext& context, const std::string& markdown, std::ostream& err);

// In GitHub Actions (GITHUB_ACTIONS=true with GITHUB_OUTPUT set) appends `outputs` to the
// $GITHUB_OUTPUT file in GitHub's key=value / heredoc format; elsewhere does nothing and returns
// true. A failure is reported on `err` and returns false: the next job would miss its inputs, so
// the command must not pass.
bool writeStepOutputs(const CommandContext& context, const StepOutputs& outputs, std::ostream& err);

}  // namespace releasedesk::cli
