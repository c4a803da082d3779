// Output for GitHub Actions runners: workflow-command annotations and the step summary.
#pragma once

#include "app/cli/command.h"

#include "core/evidence/finding.h"

#include <string>

namespace releasedesk::cli {

// Writes one `::error`/`::warning`/`::notice` line per finding.
void writeAnnotations(const Findings& findings, const std::string& file, std::ostream& stream);

// Appends `markdown` to the file named by GITHUB_STEP_SUMMARY, when set. A failure is reported
// on `err` and does not change the command's verdict.
void appendStepSummary(const CommandContext& context, const std::string& markdown, std::ostream& err);

}  // namespace releasedesk::cli
