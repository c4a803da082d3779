#include "core/github/connection_doctor.h"

#include <algorithm>

namespace releasedesk {
namespace {

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
        if (kind == GitHubErrorKind::Unauthorized || kind == GitHubErrorKind::Network ||
            kind == GitHubErrorKind::Timeout || kind == GitHubErrorKind::Configuration ||
            kind == GitHubErrorKind::InvalidResponse) {
          return self->finish();
        }
      } else {
        const RateLimit& rate = result.value();
        self->add("host reachable", CheckStatus::Ok, "GitHub answers at " + self->client_.config().apiBase + ".");
        const bool low = rate.limit > 0 && rate.remaining * 10 < rate.limit;
        self->add("rate limit", low ? CheckStatus::Warning : CheckStatus::Ok,
                  std::to_string(rate.remaining) + " of " + std::to_string(rate.limit) + " requests left" +
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

  void checkVariables() {
    auto self = shared_from_this();
    client_.listVariables(ConfigLevel::Environment, options_.environment,
                          [self](const Result<std::vector<Variable>>& result) {
                            if (result) {
                              self->add("permission: variables read", CheckStatus::Ok,
                                        "Can read the " + std::to_string(result.value().size()) +
                                            " variables of environment '" + self->options_.environment + "'.");
                            } else {
                              self->fail("permission: variables read", result.error());
                            }
                            self->checkSecrets();
                          });
  }

  void checkSecrets() {
    auto self = shared_from_this();
    client_.listSecrets(ConfigLevel::Environment, options_.environment,
                        [self](const Result<std::vector<Secret>>& result) {
                          if (result) {
                            self->add("permission: secrets read", CheckStatus::Ok,
                                      "Can list the " + std::to_string(result.value().size()) +
                                          " secret names of environment '" + self->options_.environment + "'.");
                          } else {
                            self->fail("permission: secrets read", result.error());
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
