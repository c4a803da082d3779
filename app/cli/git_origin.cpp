#include "app/cli/git_origin.h"

#include "core/github/http.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cctype>

namespace releasedesk::cli {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

QString readSmallFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.read(1 << 20));
}

// "owner/repo(.git)" with nothing after it.
std::optional<RepoRef> repoFromPath(std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.size() > 4 && path.substr(path.size() - 4) == ".git") path.remove_suffix(4);
  if (std::count(path.begin(), path.end(), '/') != 1) return std::nullopt;
  return RepoRef::parse(path);
}

}  // namespace

QString findGitDir(const QString& start) {
  QDir dir(QFileInfo(start).absoluteFilePath());
  while (true) {
    const QFileInfo dotGit(dir.filePath(QStringLiteral(".git")));
    if (dotGit.isDir()) return dotGit.absoluteFilePath();
    if (dotGit.isFile()) {
      // A worktree or submodule: "gitdir: <path>", relative to the folder holding the file.
      const QString text = readSmallFile(dotGit.absoluteFilePath()).trimmed();
      if (!text.startsWith(QStringLiteral("gitdir:"))) return {};
      const QString target = text.mid(7).trimmed();
      const QString resolved = QDir::isAbsolutePath(target) ? target : dir.filePath(target);
      return QFileInfo(resolved).isDir() ? QDir::cleanPath(resolved) : QString();
    }
    if (!dir.cdUp()) return {};
  }
}

QString commonGitDir(const QString& gitDir) {
  const QString common = readSmallFile(QDir(gitDir).filePath(QStringLiteral("commondir"))).trimmed();
  if (common.isEmpty()) return gitDir;
  return QDir::cleanPath(QDir::isAbsolutePath(common) ? common : QDir(gitDir).filePath(common));
}

std::string originUrlFromConfig(std::string_view configText) {
  bool inOrigin = false;
  std::size_t position = 0;
  while (position <= configText.size()) {
    std::size_t end = configText.find('\n', position);
    if (end == std::string_view::npos) end = configText.size();
    std::string_view line = trim(configText.substr(position, end - position));
    position = end + 1;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      // [remote "origin"]: the section name is case-insensitive, the subsection is not.
      const std::size_t close = line.find(']');
      const std::string_view header = trim(line.substr(1, close == std::string_view::npos ? line.size() : close - 1));
      const std::size_t quote = header.find('"');
      inOrigin = quote != std::string_view::npos && lower(std::string(trim(header.substr(0, quote)))) == "remote" &&
                 header.substr(quote) == "\"origin\"";
      continue;
    }
    if (!inOrigin) continue;
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    if (lower(std::string(trim(line.substr(0, equals)))) != "url") continue;
    std::string_view value = trim(line.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return std::string(value);
  }
  return {};
}

std::optional<RepoRef> repoFromRemoteUrl(std::string_view url, std::string_view host) {
  const std::string wanted = lower(std::string(host));
  if (wanted.empty()) return std::nullopt;
  const std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    const std::string name = lower(std::string(url.substr(0, scheme)));
    if (name != "https" && name != "http" && name != "ssh" && name != "git") return std::nullopt;
    std::string_view rest = url.substr(scheme + 3);
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    std::string_view authority = rest.substr(0, slash);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos)
      authority = authority.substr(0, colon);
    if (lower(std::string(authority)) != wanted) return std::nullopt;
    return repoFromPath(rest.substr(slash));
  }
  // scp-like: [user@]host:owner/repo(.git)
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view authority = url.substr(0, colon);
  if (authority.find('/') != std::string_view::npos) return std::nullopt;  // a local path
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (lower(std::string(authority)) != wanted) return std::nullopt;
  return repoFromPath(url.substr(colon + 1));
}

std::string webHostOfApiBase(std::string_view apiBase) {
  const auto url = parseUrl(apiBase);
  if (!url) return {};
  if (url->host == "api.github.com") return "github.com";
  return url->host;
}

OriginRepo originRepo(const QString& workingDirectory, std::string_view host) {
  const QString gitDir = findGitDir(workingDirectory);
  if (gitDir.isEmpty()) return {};
  const QString config = readSmallFile(QDir(commonGitDir(gitDir)).filePath(QStringLiteral("config")));
  OriginRepo origin;
  origin.url = originUrlFromConfig(config.toStdString());
  if (!origin.url.empty()) origin.repo = repoFromRemoteUrl(origin.url, host);
  return origin;
}

}  // namespace releasedesk::cli
