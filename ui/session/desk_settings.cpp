#include "ui/session/desk_settings.h"

#include "app/adapter/qt_strings.h"
#include "core/github/github_types.h"

#include <QDir>

namespace releasedesk {
namespace {
const QString kRecentFoldersKey = QStringLiteral("candidates/recentFolders");
const QString kApiBaseKey = QStringLiteral("github/apiBase");
const QString kRepoKey = QStringLiteral("github/repo");
const QString kEnvironmentKey = QStringLiteral("github/environment");
const QString kProductionWorkflowKey = QStringLiteral("github/productionWorkflow");
const QString kAcceptanceWorkflowKey = QStringLiteral("github/acceptanceWorkflow");
}  // namespace

DeskSettings::DeskSettings() : settings_(QStringLiteral("ReleaseDesk"), QStringLiteral("ReleaseDesk")) {}

QStringList DeskSettings::recentFolders() const {
  return settings_.value(kRecentFoldersKey).toStringList();
}

void DeskSettings::addRecentFolder(const QString& folder) {
  const QString clean = QDir::cleanPath(QDir(folder).absolutePath());
  QStringList folders = recentFolders();
  folders.removeAll(clean);
  folders.prepend(clean);
  while (folders.size() > kMaxRecentFolders) folders.removeLast();
  settings_.setValue(kRecentFoldersKey, folders);
}

void DeskSettings::clearRecentFolders() {
  settings_.remove(kRecentFoldersKey);
}

ApiSettings DeskSettings::apiSettings() const {
  const ApiSettings defaults;
  ApiSettings api;
  api.apiBase = settings_.value(kApiBaseKey, defaults.apiBase).toString();
  api.repo = settings_.value(kRepoKey, defaults.repo).toString();
  api.environment = settings_.value(kEnvironmentKey, defaults.environment).toString();
  api.productionWorkflow = settings_.value(kProductionWorkflowKey, defaults.productionWorkflow).toString();
  api.acceptanceWorkflow = settings_.value(kAcceptanceWorkflowKey, defaults.acceptanceWorkflow).toString();
  return api;
}

void DeskSettings::setApiSettings(const ApiSettings& api) {
  settings_.setValue(kApiBaseKey, api.apiBase.trimmed());
  settings_.setValue(kRepoKey, api.repo.trimmed());
  settings_.setValue(kEnvironmentKey, api.environment.trimmed());
  settings_.setValue(kProductionWorkflowKey, api.productionWorkflow.trimmed());
  settings_.setValue(kAcceptanceWorkflowKey, api.acceptanceWorkflow.trimmed());
}

bool DeskSettings::hasProject() const {
  const ApiSettings api = apiSettings();
  return !api.apiBase.isEmpty() && RepoRef::parse(toStdString(api.repo)).has_value();
}

}  // namespace releasedesk
