// The desktop's remembered preferences, over QSettings. Holds no secrets: tokens live in the
// OS keychain, never here.
#pragma once

#include <QSettings>
#include <QStringList>

namespace releasedesk {

// Which GitHub project the desk watches. No token: that lives in the keychain (TokenStore).
struct ApiSettings {
  QString apiBase;  // https://api.github.com, or https://<host>/api/v3 for GitHub Enterprise Server
  QString repo;     // owner/name
  QString environment = QStringLiteral("production");
  QString productionWorkflow = QStringLiteral("production-stage.yml");
  QString acceptanceWorkflow = QStringLiteral("acceptance-stage.yml");

  bool operator==(const ApiSettings&) const = default;
};

class DeskSettings {
 public:
  static constexpr int kMaxRecentFolders = 8;

  DeskSettings();

  // Most recent first, without duplicates, at most kMaxRecentFolders.
  QStringList recentFolders() const;
  void addRecentFolder(const QString& folder);
  void clearRecentFolders();

  // The saved project; fields never saved keep ApiSettings' defaults.
  ApiSettings apiSettings() const;
  void setApiSettings(const ApiSettings& api);
  // Whether a GitHub project is configured (an API URL and an owner/name repository); without
  // one the desk opens the built-in sandbox.
  bool hasProject() const;

 private:
  QSettings settings_;
};

}  // namespace releasedesk
