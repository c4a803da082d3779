// The `workflow lint --json` document (shape documented in README.md).
#pragma once

#include "core/workflow/workflow_lint.h"

#include <string>

namespace releasedesk {

// {"file", "findings": [{"rule", "severity", "line", "column", "message"}]}; a file that could not
// be parsed adds "parseError": {"line", "column", "message"}.
std::string toJson(const WorkflowLintReport& report);

// The step summary: a Markdown table of the findings.
std::string workflowLintMarkdown(const WorkflowLintReport& report);

}  // namespace releasedesk
