// The repository of the current git checkout, as `gh` finds it: the `origin` remote's URL, read
// from the checkout's config (no git process, no shell), accepted only on the API's own host.
#pragma once

#include "core/github/github_types.h"

#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace releasedesk::cli {

// The git directory of the checkout holding `start` (walking up): a `.git` folder, or the folder
// a `.git` file ("gitdir: …", as in worktrees and submodules) points at. Empty when none.
QString findGitDir(const QString& start);

// The directory whose `config` holds the remotes: the git directory itself, or for a worktree
// the common directory its `commondir` file names.
QString commonGitDir(const QString& gitDir);

// The `url` of [remote "origin"] in a git config text; empty when there is none.
std::string originUrlFromConfig(std::string_view configText);

// owner/name from a remote URL on `host` (lower case, e.g. "github.com"):
// https://host/owner/repo(.git), ssh://git@host(:port)/owner/repo(.git), git@host:owner/repo(.git).
// std::nullopt for another host or another shape.
std::optional<RepoRef> repoFromRemoteUrl(std::string_view url, std::string_view host);

// The web host of an API base: https://api.github.com → github.com; https://ghe.example/api/v3 →
// ghe.example.
std::string webHostOfApiBase(std::string_view apiBase);

struct OriginRepo {
  std::optional<RepoRef> repo;
  std::string url;  // the origin URL found, for messages (empty when none)
};

// The origin remote of the checkout holding `workingDirectory`, when it is on `host`.
OriginRepo originRepo(const QString& workingDirectory, std::string_view host);

}  // namespace releasedesk::cli
