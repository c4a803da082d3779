// The desktop's remembered preferences, over QSettings. Holds no secrets: tokens live in the
// OS keychain, never here.
#pragma once

#include <QSettings>
#include <QStringList>

namespace releasedesk {

class DeskSettings {
 public:
  static constexpr int kMaxRecentFolders = 8;

  DeskSettings();

  // Most recent first, without duplicates, at most kMaxRecentFolders.
  QStringList recentFolders() const;
  void addRecentFolder(const QString& folder);
  void clearRecentFolders();

 private:
  QSettings settings_;
};

}  // namespace releasedesk
