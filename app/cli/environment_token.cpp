#include "app/cli/environment_token.h"

#include "core/github/github_client.h"
#include "core/github/http.h"

namespace releasedesk {

QStringList tokenVariablesFor(std::string_view apiBase) {
  // Accepts a bare host too ("github.com", "ghe.example.com"), as the console's options do.
  const std::string base = apiBaseForHost(apiBase);
  if (isGitHubDotCom(base)) return {QStringLiteral("GH_TOKEN"), QStringLiteral("GITHUB_TOKEN")};
  QStringList variables{QStringLiteral("GH_ENTERPRISE_TOKEN"), QStringLiteral("GITHUB_ENTERPRISE_TOKEN")};
  // A server on this machine is a sandbox or a mock: the everyday token variables are fine there.
  if (const auto url = parseUrl(base); url && isLoopbackHost(url->host)) {
    variables << QStringLiteral("GH_TOKEN") << QStringLiteral("GITHUB_TOKEN");
  }
  return variables;
}

EnvironmentToken tokenFromEnvironment(const QProcessEnvironment& environment, std::string_view apiBase) {
  for (const QString& variable : tokenVariablesFor(apiBase)) {
    const QString value = environment.value(variable).trimmed();
    if (!value.isEmpty()) return {value, variable};
  }
  return {};
}

}  // namespace releasedesk
