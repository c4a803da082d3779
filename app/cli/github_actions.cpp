#include "app/cli/github_actions.h"

#include "core/ci/workflow_commands.h"

#include <QFile>

namespace releasedesk::cli {

void writeAnnotations(const Findings& findings, const std::string& file, std::ostream& stream) {
  for (const Finding& finding : findings) stream << annotationFor(finding, file) << '\n';
}

void appendStepSummary(const CommandContext& context, const std::string& markdown, std::ostream& err) {
  const QString path = context.environment.value(QStringLiteral("GITHUB_STEP_SUMMARY"));
  ++context.stepSummaries;
  if (path.isEmpty()) return;
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
    err << "warning: cannot write the step summary to " << path.toStdString() << ": "
        << file.errorString().toStdString() << '\n';
    return;
  }
  const std::string text = markdown + "\n";
  if (file.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size())) {
    err << "warning: the step summary in " << path.toStdString()
        << " is incomplete: " << file.errorString().toStdString() << '\n';
  }
}

bool writeStepOutputs(const CommandContext& context, const StepOutputs& outputs, std::ostream& err) {
  if (!context.inGitHubActions()) return true;
  const QString path = context.environment.value(QStringLiteral("GITHUB_OUTPUT"));
  if (path.isEmpty()) return true;
  std::string error;
  if (!appendStepOutputs(QFile::encodeName(path).toStdString(), outputs, randomDelimiters(), error)) {
    err << "error: the step outputs could not be written: " << error << ".\n";
    return false;
  }
  return true;
}

}  // namespace releasedesk::cli
