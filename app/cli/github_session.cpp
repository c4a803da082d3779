#include "app/cli/github_session.h"

#include "app/adapter/github_connection.h"
#include "app/cli/environment_token.h"
#include "app/cli/git_origin.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QEventLoop>

#include <cstdint>
#include <nlohmann/json.hpp>

namespace releasedesk::cli {
namespace {
const QString kApiUrlOption = QStringLiteral("api-url");
const QString kRepoOption = QStringLiteral("repo");
const QString kSandboxOption = QStringLiteral("sandbox");
const QString kTraceOption = QStringLiteral("trace");
const QString kNoCacheOption = QStringLiteral("no-cache");
// Conditional answers older than this are asked for in full again.
constexpr std::chrono::hours kCacheMaxAge{24};
// A refusal (403: the token lacks a permission) is remembered this long for the same token, so a
// repeated command does not pay a rate-limit point for an answer it already has.
constexpr std::chrono::hours kRefusalMemory{1};
// Stands for the token in the cache, from which the token cannot be recovered.
std::string tokenKey(const std::string& token) {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  hash.addData(QByteArrayView("releasedesk refusals\n"));
  hash.addData(QByteArrayView(token.data(), static_cast<qsizetype>(token.size())));
  return hash.result().toHex().left(32).toStdString();
}
// How much faster than real time the --sandbox clock runs (a number > 0, default 1): lets tests
// and demos watch a dispatched run finish in seconds. Read only with --sandbox.
const QString kSandboxClockRate = QStringLiteral("RELEASEDESK_SANDBOX_CLOCK_RATE");
}  // namespace

GitHubSession::GitHubSession(const CommandContext& context) : context_(context) {}
GitHubSession::~GitHubSession() {
  if (!connection_) return;
  const auto& cache = connection_->client().cache();
  if (!cacheFile_.empty() && cache && cache->changed()) {
    std::string error;
    // A cache that cannot be written only costs the next command its 304s: say so, go on.
    if (!cache->save(cacheFile_, error) && err_ != nullptr)
      *err_ << context_.programName.toStdString() << ": " << error << '\n';
  }
  if (trace_ && err_ != nullptr) *err_ << formatWaveDiagram(*trace_);
}

void GitHubSession::addOptions(QCommandLineParser& parser) {
  parser.addOption({kApiUrlOption,
                    QStringLiteral("GitHub API URL (default: GITHUB_API_URL, else https://api.github.com; "
                                   "GitHub Enterprise Server: https://<host>/api/v3)."),
                    QStringLiteral("url")});
  parser.addOption(
      {kRepoOption,
       QStringLiteral("Repository as owner/name (default: GITHUB_REPOSITORY, else the origin remote of the git "
                      "checkout here when it is on the API's host)."),
       QStringLiteral("owner/name")});
  parser.addOption({kSandboxOption, QStringLiteral("Use the built-in sandbox repository instead of GitHub.")});
  parser.addOption({kTraceOption, QStringLiteral("Print every request (start, duration, status, size, cache) by "
                                                 "round-trip wave to stderr, and the critical path.")});
  parser.addOption({kNoCacheOption, QStringLiteral("Neither read nor write the ETag cache in "
                                                   "$XDG_CACHE_HOME/releasedesk (every request asks in full).")});
}

void GitHubSession::openCache(const QCommandLineParser& parser, const std::string& projectKey) {
  if (parser.isSet(kTraceOption)) {
    trace_ = std::make_shared<RequestTrace>();
    connection_->client().setTrace(trace_);
  }
  if (parser.isSet(kNoCacheOption) || projectKey.empty()) {
    // Nothing is kept for a later command: reads that would only make it cheaper are not sent.
    connection_->client().setAnswersKept(false);
    return;
  }
  QString root = context_.environment.value(QStringLiteral("XDG_CACHE_HOME"));
  if (root.isEmpty()) {
    const QString home = context_.environment.value(QStringLiteral("HOME"));
    if (home.isEmpty()) return;
    root = home + QStringLiteral("/.cache");
  }
  cacheFile_ = EtagCache::fileFor(std::filesystem::path(root.toStdString()) / "releasedesk", projectKey);
  auto cache = std::make_shared<EtagCache>();
  std::string error;
  if (!cache->load(cacheFile_, connection_->scheduler().now(), kCacheMaxAge, error) && err_ != nullptr)
    *err_ << context_.programName.toStdString() << ": " << error << '\n';
  connection_->client().setCache(std::move(cache));
  // The sandbox asks for no token: its one caller stands for it. The doctor, which is there to
  // ask about permissions now, asks every time (doctor_command.cpp turns this off).
  const std::string& token = connection_->client().config().token;
  const std::string askNow = "`" + context_.programName.toStdString() + " doctor` asks now";
  if (!token.empty())
    connection_->client().rememberRefusals(tokenKey(token), kRefusalMemory, askNow);
  else if (connection_->sandboxRepository())
    connection_->client().rememberRefusals("sandbox", kRefusalMemory, askNow);
}

bool GitHubSession::open(const QCommandLineParser& parser, std::ostream& err, Token tokenUse) {
  const std::string prefix = context_.programName.toStdString() + ": ";
  err_ = &err;

  if (parser.isSet(kSandboxOption)) {
    if (parser.isSet(kApiUrlOption)) {
      err << prefix << "--sandbox and --api-url exclude each other.\n";
      return false;
    }
    SandboxOptions options;
    if (context_.environment.contains(kSandboxClockRate)) {
      bool ok = false;
      options.clockRate = context_.environment.value(kSandboxClockRate).toDouble(&ok);
      if (!ok || options.clockRate <= 0) {
        err << prefix << kSandboxClockRate.toStdString() << " must be a number above 0, not '"
            << context_.environment.value(kSandboxClockRate).toStdString() << "'.\n";
        return false;
      }
      if (context_.sandbox) {
        if (!context_.sandbox->clockOrigin) context_.sandbox->clockOrigin = std::chrono::system_clock::now();
        options.clockOrigin = context_.sandbox->clockOrigin;
      }
    }
    if (context_.sandbox) options.repository = context_.sandbox->repository;
    connection_ = GitHubConnection::openSandbox({}, options);
    if (context_.sandbox) context_.sandbox->repository = connection_->sandboxRepository();
    if (parser.isSet(kRepoOption)) {
      err << prefix << "--repo is ignored with --sandbox (its repository is "
          << connection_->client().config().repo.fullName() << ").\n";
    }
    // Only a sandbox kept from command to command (in this process) has answers worth keeping; a
    // fresh one each command is seeded anew, so its file is named after the one in memory.
    std::string key;
    if (context_.sandbox) {
      key = "sandbox/" + std::to_string(QCoreApplication::applicationPid()) + "/" +
            std::to_string(reinterpret_cast<std::uintptr_t>(context_.sandbox->repository.get()));
    }
    openCache(parser, key);
    return true;
  }

  QString apiUrl = parser.value(kApiUrlOption);
  if (apiUrl.isEmpty()) apiUrl = context_.environment.value(QStringLiteral("GITHUB_API_URL"));
  const std::string apiBase = apiBaseForHost(apiUrl.toStdString());
  if (const std::string problem = checkApiBase(apiBase); !problem.empty()) {
    err << prefix << problem << '\n';
    return false;
  }
  QString repo = parser.value(kRepoOption);
  if (repo.isEmpty()) repo = context_.environment.value(QStringLiteral("GITHUB_REPOSITORY"));
  if (repo.isEmpty()) {
    const std::string host = webHostOfApiBase(apiBase);
    const OriginRepo origin = originRepo(context_.workingDirectory, host);
    if (origin.repo) {
      repo = QString::fromStdString(origin.repo->fullName());
    } else if (!origin.url.empty()) {
      err << prefix << "no repository: the origin remote of this checkout (" << origin.url << ") is not on " << host
          << "; pass --repo owner/name or set GITHUB_REPOSITORY (or use --sandbox).\n";
      return false;
    }
  }
  if (repo.isEmpty()) {
    err << prefix
        << "no repository: pass --repo owner/name, set GITHUB_REPOSITORY or run inside a checkout whose origin "
           "remote is on GitHub (or use --sandbox).\n";
    return false;
  }
  const auto parsed = RepoRef::parse(repo.toStdString());
  if (!parsed) {
    err << prefix << "'" << repo.toStdString() << "' is not a repository name; use owner/name.\n";
    return false;
  }
  const EnvironmentToken token = tokenFromEnvironment(context_.environment, apiBase);
  if (!token.found() && tokenUse == Token::Required) {
    // Going on unauthenticated would only fail later, and less clearly.
    err << prefix << "no token: set " << tokenVariablesFor(apiBase).first().toStdString() << " or run "
        << context_.programName.toStdString() << " doctor.\n";
    return false;
  }
  connection_ = GitHubConnection::openProject(apiBase, *parsed, token.token.toStdString(), token.variable);
  connection_->client().setRetryObserver([&err, prefix](const RetryNotice& notice) {
    const auto tenths = (notice.delay.count() + 50) / 100;
    err << prefix << "retrying (" << notice.attempt << " of " << notice.attempts << ") in " << tenths / 10 << '.'
        << tenths % 10 << " s… " << notice.reason << " (" << notice.subject << ")\n";
  });
  const auto url = parseUrl(apiBase);
  std::string projectKey =
      url ? url->host + (url->port > 0 ? ":" + std::to_string(url->port) : "") + url->path : apiBase;
  openCache(parser, projectKey + "/" + parsed->fullName());
  return true;
}

GitHubClient& GitHubSession::client() {
  return connection_->client();
}

bool GitHubSession::isSandbox() const {
  return connection_ && connection_->isSandbox();
}

bool GitHubSession::hasToken() const {
  return connection_ && (connection_->isSandbox() || connection_->hasToken());
}

QString GitHubSession::tokenSource() const {
  return connection_ ? connection_->tokenSource() : QString();
}

Scheduler& GitHubSession::scheduler() {
  return connection_->scheduler();
}

void GitHubSession::waitUntil(const std::function<bool()>& finished) {
  QEventLoop loop;
  while (!finished()) loop.processEvents(QEventLoop::WaitForMoreEvents);
}

bool GitHubSession::warnIfTruncated(int truncatedLists, std::ostream& err) const {
  if (truncatedLists <= 0) return false;
  const int pages = connection_ ? connection_->client().config().maxPages : GitHubClientConfig().maxPages;
  err << "warning: " << truncatedLists << (truncatedLists == 1 ? " list" : " lists") << " from GitHub had more than "
      << pages << " pages and " << (truncatedLists == 1 ? "was" : "were")
      << " cut there: what follows is from part of the data (\"truncated\": true in --json).\n";
  return true;
}

std::string GitHubSession::withTruncated(const std::string& json, bool truncated) {
  auto doc = nlohmann::ordered_json::parse(json, nullptr, false);
  if (!doc.is_object()) return json;
  doc["truncated"] = truncated;
  return doc.dump(2);
}

}  // namespace releasedesk::cli
