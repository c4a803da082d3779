// The project setup fields, checked through the core.
#include "ui/project/project_form.h"

#include "app/adapter/qt_strings.h"

#include "core/github/github_client.h"
#include "core/github/github_types.h"

#include <QCoreApplication>

namespace releasedesk {
namespace {

QString tr(const char* text) {
  return QCoreApplication::translate("ProjectForm", text);
}

}  // namespace

QString apiBaseForInput(const QString& hostOrUrl) {
  return toQString(apiBaseForHost(toStdString(hostOrUrl.trimmed())));
}

QString hostInputFor(const QString& apiBase) {
  QString base = apiBase.trimmed();
  if (base.isEmpty() || base == toQString(kGitHubApiBase)) return QStringLiteral("github.com");
  const QString https = QStringLiteral("https://");
  const QString enterprise = QStringLiteral("/api/v3");
  if (base.startsWith(https) && base.endsWith(enterprise)) {
    QString host = base.mid(https.size(), base.size() - https.size() - enterprise.size());
    // Only when the host alone resolves back to the same URL.
    if (!host.isEmpty() && apiBaseForInput(host) == base) return host;
  }
  return base;
}

QString apiBaseProblem(const QString& apiBase) {
  return toQString(checkApiBase(toStdString(apiBase)));
}

QString repositoryProblem(const QString& repository) {
  const QString text = repository.trimmed();
  if (text.isEmpty()) return tr("Enter the repository as owner/name, for example contoso/shop.");
  if (!RepoRef::parse(toStdString(text))) {
    return tr("“%1” is not a repository: write it as owner/name, for example contoso/shop.").arg(text);
  }
  return {};
}

QString environmentProblem(const QString& environment) {
  if (environment.trimmed().isEmpty()) return tr("Enter the GitHub environment that production deploys to.");
  return {};
}

QString workflowProblem(const QString& workflowFile) {
  const QString text = workflowFile.trimmed();
  if (text.isEmpty()) return tr("Enter the workflow's file name, for example production-stage.yml.");
  if (text.contains(QLatin1Char('/'))) {
    return tr("Give the workflow's file name only (%1), without .github/workflows/.")
        .arg(text.section(QLatin1Char('/'), -1));
  }
  return {};
}

QString projectProblem(const ApiSettings& api) {
  for (const QString& problem :
       {apiBaseProblem(api.apiBase), repositoryProblem(api.repo), environmentProblem(api.environment),
        workflowProblem(api.productionWorkflow), workflowProblem(api.acceptanceWorkflow)}) {
    if (!problem.isEmpty()) return problem;
  }
  return {};
}

}  // namespace releasedesk
