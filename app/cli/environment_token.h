// The console's token: read from the environment variables the GitHub CLI uses, chosen by API
// host, so `releasedesk-cli` works wherever `gh` does.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <string_view>

namespace releasedesk {

struct EnvironmentToken {
  QString token;     // never print it; empty when no variable is set
  QString variable;  // where it came from, to tell the user "using GH_TOKEN"; empty when none

  bool found() const { return !token.isEmpty(); }
};

// The variables consulted for `apiBase` (an API URL, or a bare host as apiBaseForHost() takes it),
// in order:
// GitHub.com: GH_TOKEN, GITHUB_TOKEN;
// another host (GitHub Enterprise Server): GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN;
// a loopback host (sandbox, mock server): the enterprise ones, then GH_TOKEN, GITHUB_TOKEN.
QStringList tokenVariablesFor(std::string_view apiBase);

// The first of tokenVariablesFor(apiBase) that is set and not blank, trimmed; not found() when
// none is. So a GitHub.com token is never sent to an Enterprise host, nor the reverse.
EnvironmentToken tokenFromEnvironment(const QProcessEnvironment& environment, std::string_view apiBase);

}  // namespace releasedesk
