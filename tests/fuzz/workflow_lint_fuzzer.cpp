// libFuzzer target: `workflow lint` on any bytes: findings or a parse error, each placed in the file.
#include "core/workflow/workflow_lint.h"
#include "core/workflow/workflow_lint_json.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const WorkflowLintReport report = lintWorkflow(fuzz::bytesOf(data, size), "production-stage.yml");
  if (report.parseError) {
    fuzz::require(report.findings.empty(), "a file that cannot be read has no findings");
    fuzz::require(report.parseError->line >= 1 && report.parseError->column >= 1, "parse errors are 1-based");
  }
  for (const WorkflowLintFinding& finding : report.findings) {
    fuzz::require(!finding.rule.empty() && !finding.message.empty(), "a finding names its rule and says why");
    fuzz::require(finding.line >= 1 && finding.column >= 1, "findings are 1-based");
  }
  return 0;
}
