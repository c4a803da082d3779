#include "desk_settings.h"

#include <QDir>

namespace releasedesk {
namespace {
const QString kRecentFoldersKey = QStringLiteral("candidates/recentFolders");
}

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

}  // namespace releasedesk
