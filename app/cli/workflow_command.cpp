// The console's workflow lint over the core's lintWorkflow: text, --json, annotations and the
// step summary.
#include "app/cli/workflow_command.h"
#include "app/cli/json_document.h"

#include "app/cli/command_line.h"
#include "app/cli/github_actions.h"

#include "core/ci/display_text.h"
#include "core/ci/workflow_commands.h"
#include "core/io/regular_file.h"
#include "core/workflow/workflow_lint.h"
#include "core/workflow/workflow_lint_json.h"

#include <string>
#include <variant>

namespace releasedesk::cli {
namespace {

constexpr std::size_t kMaxWorkflowBytes = 1024 * 1024;
constexpr const char* kDefaultWorkflow = ".github/workflows/production-stage.yml";

// The workflow as the shared reader gives it: a regular file of at most kMaxWorkflowBytes, never
// waiting on a FIFO; the error is the reason alone ("not a regular file", "larger than 1 MiB").
std::variant<std::string, std::string> readWorkflow(const std::string& path) {
  FileRead read = readRegularFile(path, kMaxWorkflowBytes);
  switch (read.problem) {
    case FileProblem::None:
      return std::variant<std::string, std::string>(std::in_place_index<0>, std::move(read.bytes));
    case FileProblem::TooLarge:
      return std::variant<std::string, std::string>(std::in_place_index<1>, "larger than 1 MiB");
    case FileProblem::NotRegular:
    case FileProblem::Folder:
      return std::variant<std::string, std::string>(std::in_place_index<1>, "not a regular file");
    case FileProblem::Missing: return std::variant<std::string, std::string>(std::in_place_index<1>, "no such file");
    case FileProblem::PermissionDenied:
      return std::variant<std::string, std::string>(std::in_place_index<1>, "permission denied");
    case FileProblem::Unreadable: break;
  }
  return std::variant<std::string, std::string>(std::in_place_index<1>, read.error);
}

// The file name as text output shows it: a line break in it must not start a workflow command.
std::string oneLine(const std::string& text) {
  return printable(text);
}

}  // namespace

int WorkflowLintCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("Check the production-stage workflow against the runbook: triggers, the five "
                                  "jobs, the production-mutation lock, environment production on every mutating "
                                  "job, deploy-only (no image build or push), the fail-closed stale guard, images "
                                  "by the accepted digest, and the auto-run check. Prints "
                                  "file:line:column: severity [rule] message. The file defaults to "
                                  ".github/workflows/production-stage.yml.\n"
                                  "Exit codes: 0 no error, 1 errors found, 2 usage error or the file cannot be "
                                  "read or parsed."),
                   QStringLiteral("[file]"));
  auto& parser = line.parser();
  parser.addOption(CommandLine::jsonOption());
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const std::string program = context_.programName.toStdString();
  const QStringList positional = parser.positionalArguments();
  if (positional.size() > 1) {
    err << program << " workflow lint: give at most one workflow file.\n";
    return kExitUsage;
  }
  const std::string path = positional.isEmpty() ? std::string(kDefaultWorkflow) : positional.first().toStdString();
  const std::string shown = oneLine(path);
  const bool json = parser.isSet(CommandLine::jsonOption());
  const bool actions = context_.inGitHubActions();
  // Annotations go to stdout, where the runner reads them; with --json to stderr so the document
  // stays parseable.
  std::ostream& annotations = json ? err : out;

  const auto text = readWorkflow(path);
  if (text.index() == 1) {
    err << program << " workflow lint: cannot read " << shown << ": " << printable(std::get<1>(text)) << ".\n";
    if (actions)
      annotations << annotationAt(Severity::Error, path, 0, 0, "workflow lint",
                                  "Cannot read the workflow: " + std::get<1>(text) + ".")
                  << '\n';
    return kExitUsage;
  }

  const WorkflowLintReport report = lintWorkflow(std::get<0>(text), path);
  if (json) writeJsonDocument(out, toJson(report));
  if (report.parseError) {
    const WorkflowParseError& e = *report.parseError;
    err << shown << ':' << e.line << ':' << e.column
        << ": error: the workflow is not valid YAML: " << printable(e.message) << ".\n";
    if (actions) {
      annotations << annotationAt(Severity::Error, path, e.line, e.column, "workflow lint",
                                  "The workflow is not valid YAML: " + e.message + ".")
                  << '\n';
      appendStepSummary(context_, workflowLintMarkdown(report), err);
    }
    return kExitUsage;
  }
  if (!json) {
    std::size_t errors = 0;
    for (const WorkflowLintFinding& f : report.findings) {
      errors += f.severity == Severity::Error ? 1 : 0;
      out << shown << ':' << f.line << ':' << f.column << ": " << toString(f.severity) << " [" << f.rule << "] "
          << printable(f.message) << '\n';
    }
    const std::size_t warnings = report.findings.size() - errors;
    if (report.findings.empty())
      out << shown << ": no finding, the workflow follows the production-stage runbook.\n";
    else
      out << shown << ": " << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
          << (warnings == 1 ? "" : "s") << ".\n";
  }
  if (actions) {
    for (const WorkflowLintFinding& f : report.findings)
      annotations << annotationAt(f.severity, path, f.line, f.column, f.rule, f.message) << '\n';
    appendStepSummary(context_, workflowLintMarkdown(report), err);
  }
  return report.hasErrors() ? kExitFailed : kExitOk;
}

}  // namespace releasedesk::cli
