#include "app/cli/github_session.h"

#include "app/adapter/environment_token.h"
#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_strings.h"
#include "app/adapter/qt_transport.h"

#include "core/sandbox/sandbox_repository.h"

#include <QEventLoop>

namespace releasedesk::cli {
namespace {
const QString kApiUrlOption = QStringLiteral("api-url");
const QString kRepoOption = QStringLiteral("repo");
const QString kSandboxOption = QStringLiteral("sandbox");
// How much faster than real time the --sandbox clock runs (a number > 0, default 1): lets tests
// and demos watch a dispatched run finish in seconds. Read only with --sandbox.
const QString kSandboxClockRate = QStringLiteral("RELEASEDESK_SANDBOX_CLOCK_RATE");
}  // namespace

GitHubSession::GitHubSession(const CommandContext& context) : context_(context) {}
GitHubSession::~GitHubSession() = default;

void GitHubSession::addOptions(QCommandLineParser& parser) {
  parser.addOption({kApiUrlOption,
                    QStringLiteral("GitHub API URL (default: GITHUB_API_URL, else https://api.github.com; "
                                   "GitHub Enterprise Server: https://<host>/api/v3)."),
                    QStringLiteral("url")});
  parser.addOption({kRepoOption, QStringLiteral("Repository as owner/name (default: GITHUB_REPOSITORY)."),
                    QStringLiteral("owner/name")});
  parser.addOption({kSandboxOption, QStringLiteral("Use the built-in sandbox repository instead of GitHub.")});
}

bool GitHubSession::open(const QCommandLineParser& parser, std::ostream& err) {
  const std::string prefix = context_.programName.toStdString() + ": ";
  scheduler_ = std::make_unique<QtScheduler>();
  GitHubClientConfig config;

  if (parser.isSet(kSandboxOption)) {
    if (parser.isSet(kApiUrlOption)) {
      err << prefix << "--sandbox and --api-url exclude each other.\n";
      return false;
    }
    if (context_.environment.contains(kSandboxClockRate)) {
      bool ok = false;
      const double rate = context_.environment.value(kSandboxClockRate).toDouble(&ok);
      if (!ok || rate <= 0) {
        err << prefix << kSandboxClockRate.toStdString() << " must be a number above 0, not '"
            << context_.environment.value(kSandboxClockRate).toStdString() << "'.\n";
        return false;
      }
      auto origin = std::chrono::system_clock::now();
      if (context_.sandbox) {
        if (!context_.sandbox->clockOrigin) context_.sandbox->clockOrigin = origin;
        origin = *context_.sandbox->clockOrigin;
      }
      scheduler_ = std::make_unique<QtScheduler>(rate, origin);
    }
    if (context_.sandbox && context_.sandbox->repository) {
      sandbox_ = context_.sandbox->repository;
    } else {
      sandbox_ = std::make_shared<SandboxRepository>(std::chrono::floor<std::chrono::seconds>(scheduler_->now()));
      if (context_.sandbox) context_.sandbox->repository = sandbox_;
    }
    transport_ = std::make_unique<SandboxTransport>(*sandbox_, *scheduler_);
    config.apiBase = std::string(kSandboxApiBase);
    config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    tokenSource_ = QStringLiteral("the sandbox, which needs none");
    if (parser.isSet(kRepoOption)) {
      err << prefix << "--repo is ignored with --sandbox (its repository is " << config.repo.fullName() << ").\n";
    }
  } else {
    QString apiUrl = parser.value(kApiUrlOption);
    if (apiUrl.isEmpty()) apiUrl = context_.environment.value(QStringLiteral("GITHUB_API_URL"));
    config.apiBase = apiBaseForHost(apiUrl.toStdString());
    if (const std::string problem = checkApiBase(config.apiBase); !problem.empty()) {
      err << prefix << problem << '\n';
      return false;
    }
    QString repo = parser.value(kRepoOption);
    if (repo.isEmpty()) repo = context_.environment.value(QStringLiteral("GITHUB_REPOSITORY"));
    if (repo.isEmpty()) {
      err << prefix << "no repository: pass --repo owner/name or set GITHUB_REPOSITORY (or use --sandbox).\n";
      return false;
    }
    const auto parsed = RepoRef::parse(repo.toStdString());
    if (!parsed) {
      err << prefix << "'" << repo.toStdString() << "' is not a repository name; use owner/name.\n";
      return false;
    }
    config.repo = *parsed;
    const EnvironmentToken token = tokenFromEnvironment(context_.environment, config.apiBase);
    config.token = token.token.toStdString();
    tokenSource_ = token.variable;
    transport_ = std::make_unique<QtTransport>();
  }
  client_ = std::make_unique<GitHubClient>(*transport_, *scheduler_, std::move(config));
  return true;
}

Scheduler& GitHubSession::scheduler() {
  return *scheduler_;
}

void GitHubSession::waitUntil(const std::function<bool()>& finished) {
  QEventLoop loop;
  while (!finished()) loop.processEvents(QEventLoop::WaitForMoreEvents);
}

}  // namespace releasedesk::cli
