#include "core/github/connection_doctor.h"

#include "core/text/time_format.h"

#include <algorithm>
#include <cstddef>
#include <iterator>

namespace releasedesk {
namespace {

// 4990 → "4,990": the GraphQL line reads as the brief figures people compare.
std::string grouped(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return value < 0 ? "-" + digits : digits;
}

// The checks share one report and run in sequence; each step starts the next when done.
class DoctorRun : public std::enable_shared_from_this<DoctorRun> {
 public:
  DoctorRun(GitHubClient& client, DoctorOptions options, std::function<void(DoctorReport)> done)
      : client_(client), options_(std::move(options)), done_(std::move(done)) {}

  void start() {
    if (options_.tokenPresent) {
      add("token", CheckStatus::Ok, "A token is set (from " + options_.tokenSource + ").");
    } else {
      add("token", CheckStatus::Failed,
          "No token is set: set GH_TOKEN (or GITHUB_TOKEN) in the console, or use Project → Set Up in the desktop.");
    }
    checkRateLimit();
  }

 private:
  void add(std::string name, CheckStatus status, std::string message) {
    report_.checks.push_back({std::move(name), status, std::move(message)});
  }

  void fail(std::string name, const GitHubError& error) { add(std::move(name), CheckStatus::Failed, error.message); }

  // /rate_limit costs nothing and proves the host answers and the token is accepted.
  void checkRateLimit() {
    auto self = shared_from_this();
    client_.getRateLimit([self](const Result<RateLimit>& result) {
      if (!result) {
        const auto kind = result.error().kind;
        self->fail(kind == GitHubErrorKind::Unauthorized ? "token valid" : "host reachable", result.error());
        // Without a reachable host or a valid token the other checks only repeat the same error.
        if (kind == GitHubErrorKind::Network || kind == GitHubErrorKind::Timeout ||
            kind == GitHubErrorKind::Configuration || kind == GitHubErrorKind::InvalidResponse) {
          self->report_.noConnection = true;
          return self->finish();
        }
        if (kind == GitHubErrorKind::Unauthorized) return self->finish();
      } else {
        const RateLimit& rate = result.value();
        self->add("host reachable", CheckStatus::Ok, "GitHub answers at " + self->client_.config().apiBase + ".");
        const bool low = rate.limit > 0 && rate.remaining * 10 < rate.limit;
        self->add("rate limit", low ? CheckStatus::Warning : CheckStatus::Ok,
                  std::to_string(rate.remaining) + " of " + std::to_string(rate.limit) + " requests left" +
                      (rate.resetAt ? ", resets " + formatIsoTime(*rate.resetAt) : std::string()) + ".");
      }
      self->checkGraphQLRateLimit();
    });
  }

  // GraphQL's budget, in points. Batched reads (the timeline's jobs, statuses and commit times)
  // fall back to REST without it, so what goes wrong here is a warning, never a failure.
  void checkGraphQLRateLimit() {
    constexpr const char* kName = "graphql rate limit";
    if (!client_.graphqlEnabled()) {
      add(kName, CheckStatus::Warning,
          "GraphQL is not used (" + client_.graphqlUnavailableReason() +
              "): batched reads go over REST, at more requests.");
      return checkRepository();
    }
    auto self = shared_from_this();
    client_.getGraphQLRateLimit([self, kName](const Result<GraphQLRateLimit>& result) {
      if (!result) {
        self->add(kName, CheckStatus::Warning,
                  "GraphQL did not answer: " + result.error().message +
                      " Batched reads go over REST instead, at more requests.");
      } else {
        const GraphQLRateLimit& rate = result.value();
        const bool low = rate.limit > 0 && rate.remaining * 10 < rate.limit;
        self->add(kName, low ? CheckStatus::Warning : CheckStatus::Ok,
                  "GraphQL: " + grouped(rate.remaining) + " of " + grouped(rate.limit) + " points left" +
                      (rate.resetAt ? ", resets " + formatIsoTime(*rate.resetAt) : std::string()) + ".");
      }
      self->checkRepository();
    });
  }

  void checkRepository() {
    auto self = shared_from_this();
    client_.getRepository([self](const Result<Repository>& result) {
      if (!result) {
        self->fail("repository visible", result.error());
        return self->finish();
      }
      const Repository& repo = result.value();
      self->add("repository visible", CheckStatus::Ok, repo.fullName + " is visible to the token.");
      const auto has = [&repo](const char* key) {
        const auto it = repo.permissions.find(key);
        return it != repo.permissions.end() && it->second;
      };
      if (repo.permissions.empty()) {
        self->add("permission: actions write", CheckStatus::Warning,
                  "GitHub did not report the token's permissions; approving and replaying need Actions write and "
                  "Deployments write.");
      } else if (has("push") || has("maintain") || has("admin")) {
        self->add("permission: actions write", CheckStatus::Ok,
                  "The token can write to the repository (needed to approve deployments and dispatch replays).");
      } else {
        self->add("permission: actions write", CheckStatus::Failed,
                  "The token can only read the repository: approving deployments and dispatching replays need "
                  "Actions write. Give the token write access to Actions and Deployments.");
      }
      self->checkVariables();
    });
  }

  // One read per permission the desk uses, in order; each runs whatever its predecessor found.
  // A read that fails is a failed check, and the next still runs: the user sees every gap at once.
  template <typename T>
  using Start = std::function<void(ResultCallback<T>)>;

  template <typename T>
  void read(std::string name, Start<T> start, std::function<std::string(const T&)> okMessage,
            std::function<void()> next) {
    auto self = shared_from_this();
    start([self, name = std::move(name), okMessage = std::move(okMessage),
           next = std::move(next)](const Result<T>& result) {
      if (result)
        self->add(name, CheckStatus::Ok, okMessage(result.value()));
      else
        self->fail(name, result.error());
      next();
    });
  }

  // Variables and secrets at each level `env check` resolves: environment > repository > organization.
  void checkVariables() { checkLevel(0); }

  void checkLevel(std::size_t index) {
    static constexpr ConfigLevel kLevels[] = {ConfigLevel::Environment, ConfigLevel::Repository,
                                              ConfigLevel::Organization};
    if (index == std::size(kLevels)) return checkWorkflowFile();
    const ConfigLevel level = kLevels[index];
    auto self = shared_from_this();
    const std::string where = level == ConfigLevel::Environment ? "environment '" + options_.environment + "'"
                              : level == ConfigLevel::Repository
                                  ? std::string("the repository")
                                  : std::string("the organization (visible to the repository)");
    // The environment's checks keep their short names ("permission: variables read").
    const std::string prefix = level == ConfigLevel::Environment  ? "permission: "
                               : level == ConfigLevel::Repository ? "permission: repository "
                                                                  : "permission: organization ";
    read<std::vector<Variable>>(
        prefix + "variables read",
        [self, level](ResultCallback<std::vector<Variable>> done) {
          self->client_.listVariables(level, self->options_.environment, std::move(done));
        },
        [where](const std::vector<Variable>& items) {
          return "Can read the " + countOf(items.size(), "variable") + " of " + where + ".";
        },
        [self, level, where, prefix, index] {
          self->read<std::vector<Secret>>(
              prefix + "secrets read",
              [self, level](ResultCallback<std::vector<Secret>> done) {
                self->client_.listSecrets(level, self->options_.environment, std::move(done));
              },
              [where](const std::vector<Secret>& items) {
                return "Can list the " + countOf(items.size(), "secret name") + " of " + where + ".";
              },
              [self, index] { self->checkLevel(index + 1); });
        });
  }

  // `env check` reads the production workflow (and the profile) through the contents API.
  void checkWorkflowFile() {
    auto self = shared_from_this();
    const std::string path = ".github/workflows/" + options_.productionWorkflow;
    client_.getFileContents(path, "", [self, path](const Result<FileContents>& result) {
      if (result) {
        self->add("permission: contents read", CheckStatus::Ok, "Can read " + path + ".");
      } else if (result.error().kind == GitHubErrorKind::NotFound) {
        self->add("permission: contents read", CheckStatus::Warning,
                  path +
                      " was not found on the default branch: env check cannot see which vars and secrets "
                      "the workflow uses.");
      } else {
        self->fail("permission: contents read", result.error());
      }
      self->checkActions();
    });
  }

  void checkActions() {
    auto self = shared_from_this();
    RunFilter filter;
    client_.listWorkflowRuns(options_.productionWorkflow, filter,
                             [self](const Result<std::vector<WorkflowRun>>& result) {
                               if (result) {
                                 self->add("permission: actions read", CheckStatus::Ok,
                                           "Can read the runs of " + self->options_.productionWorkflow + " (" +
                                               std::to_string(result.value().size()) + " found).");
                               } else {
                                 self->fail("permission: actions read", result.error());
                               }
                               self->checkDeployments();
                             });
  }

  void checkDeployments() {
    auto self = shared_from_this();
    client_.listDeployments(options_.environment, [self](const Result<std::vector<Deployment>>& result) {
      if (result) {
        self->add("permission: deployments read", CheckStatus::Ok,
                  "Can read the deployments to '" + self->options_.environment + "' (" +
                      std::to_string(result.value().size()) + " found).");
      } else {
        self->fail("permission: deployments read", result.error());
      }
      self->finish();
    });
  }

  void finish() { done_(std::move(report_)); }

  GitHubClient& client_;
  DoctorOptions options_;
  std::function<void(DoctorReport)> done_;
  DoctorReport report_;
};

}  // namespace

std::string_view toString(CheckStatus status) {
  switch (status) {
    case CheckStatus::Ok: return "ok";
    case CheckStatus::Warning: return "warning";
    case CheckStatus::Failed: return "failed";
  }
  return "failed";
}

bool DoctorReport::allHold() const {
  return std::none_of(checks.begin(), checks.end(),
                      [](const DoctorCheck& c) { return c.status == CheckStatus::Failed; });
}

void runConnectionDoctor(GitHubClient& client, const DoctorOptions& options, std::function<void(DoctorReport)> done) {
  std::make_shared<DoctorRun>(client, options, std::move(done))->start();
}

}  // namespace releasedesk
