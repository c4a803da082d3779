#include "core/github/github_client.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <climits>
#include <map>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

// ---- small readers over GitHub's JSON: lenient on absent fields, never throwing -------------

std::string str(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t i64(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

bool boolean(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

OptionalTime time(const Json& j, const char* key) {
  return parseIsoTime(str(j, key));
}

const Json& member(const Json& j, const char* key) {
  static const Json empty = Json::object();
  const auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

std::string loginOf(const Json& j, const char* key) {
  return str(member(j, key), "login");
}

Variable toVariable(const Json& j) {
  return {str(j, "name"), str(j, "value"), time(j, "created_at"), time(j, "updated_at")};
}
Secret toSecret(const Json& j) {
  return {str(j, "name"), time(j, "created_at"), time(j, "updated_at")};
}

WorkflowRun toRun(const Json& j) {
  WorkflowRun run;
  run.id = i64(j, "id");
  run.name = str(j, "name");
  run.displayTitle = str(j, "display_title");
  run.headSha = str(j, "head_sha");
  run.headBranch = str(j, "head_branch");
  run.event = str(j, "event");
  run.status = str(j, "status");
  run.conclusion = str(j, "conclusion");
  run.runAttempt = std::max<int>(1, static_cast<int>(i64(j, "run_attempt")));
  run.runNumber = static_cast<int>(i64(j, "run_number"));
  run.workflowId = i64(j, "workflow_id");
  run.path = str(j, "path");
  run.htmlUrl = str(j, "html_url");
  run.actor = loginOf(j, "actor");
  run.triggeringActor = loginOf(j, "triggering_actor");
  run.createdAt = time(j, "created_at");
  run.updatedAt = time(j, "updated_at");
  run.runStartedAt = time(j, "run_started_at");
  return run;
}

Job toJob(const Json& j) {
  Job job;
  job.id = i64(j, "id");
  job.runId = i64(j, "run_id");
  job.runAttempt = std::max<int>(1, static_cast<int>(i64(j, "run_attempt")));
  job.name = str(j, "name");
  job.status = str(j, "status");
  job.conclusion = str(j, "conclusion");
  job.htmlUrl = str(j, "html_url");
  job.createdAt = time(j, "created_at");
  job.startedAt = time(j, "started_at");
  job.completedAt = time(j, "completed_at");
  if (const auto steps = j.find("steps"); steps != j.end() && steps->is_array()) {
    for (const Json& s : *steps) {
      if (!s.is_object()) continue;
      job.steps.push_back({str(s, "name"), str(s, "status"), str(s, "conclusion"), static_cast<int>(i64(s, "number")),
                           time(s, "started_at"), time(s, "completed_at")});
    }
  }
  return job;
}

std::vector<std::string> reviewerNames(const Json& reviewers) {
  std::vector<std::string> names;
  if (!reviewers.is_array()) return names;
  for (const Json& r : reviewers) {
    if (!r.is_object()) continue;
    const Json& who = member(r, "reviewer");
    std::string name = str(who, "login");
    if (name.empty()) name = str(who, "slug");
    if (!name.empty()) names.push_back(std::move(name));
  }
  return names;
}

PendingDeployment toPending(const Json& j) {
  PendingDeployment p;
  const Json& env = member(j, "environment");
  p.environmentId = i64(env, "id");
  p.environmentName = str(env, "name");
  p.waitTimerMinutes = static_cast<int>(i64(j, "wait_timer"));
  p.waitTimerStartedAt = time(j, "wait_timer_started_at");
  p.currentUserCanApprove = boolean(j, "current_user_can_approve");
  if (const auto it = j.find("reviewers"); it != j.end()) p.reviewers = reviewerNames(*it);
  return p;
}

Approval toApproval(const Json& j) {
  Approval a;
  a.user = loginOf(j, "user");
  a.state = str(j, "state");
  a.comment = str(j, "comment");
  if (const auto envs = j.find("environments"); envs != j.end() && envs->is_array()) {
    for (const Json& e : *envs) {
      if (e.is_object()) a.environments.push_back(str(e, "name"));
    }
  }
  return a;
}

Deployment toDeployment(const Json& j) {
  Deployment d;
  d.id = i64(j, "id");
  d.sha = str(j, "sha");
  d.ref = str(j, "ref");
  d.task = str(j, "task");
  d.environment = str(j, "environment");
  d.description = str(j, "description");
  d.creator = loginOf(j, "creator");
  if (const auto payload = j.find("payload"); payload != j.end() && !payload->is_null()) {
    d.payload = payload->is_string() ? payload->get<std::string>() : payload->dump();
  }
  d.createdAt = time(j, "created_at");
  d.updatedAt = time(j, "updated_at");
  d.statusesUrl = str(j, "statuses_url");
  return d;
}

DeploymentStatus toDeploymentStatus(const Json& j) {
  return {i64(j, "id"),      str(j, "state"),       str(j, "description"), str(j, "environment_url"),
          str(j, "log_url"), loginOf(j, "creator"), time(j, "created_at")};
}

Artifact toArtifact(const Json& j) {
  Artifact a;
  a.id = i64(j, "id");
  a.name = str(j, "name");
  a.sizeInBytes = i64(j, "size_in_bytes");
  a.expired = boolean(j, "expired");
  a.archiveDownloadUrl = str(j, "archive_download_url");
  a.workflowRunId = i64(member(j, "workflow_run"), "id");
  a.createdAt = time(j, "created_at");
  return a;
}

std::string decodeBase64(std::string_view text, bool& ok) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  ok = true;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == ' ') continue;
    if (c == '=') break;
    const auto index = kAlphabet.find(c);
    if (index == std::string_view::npos) {
      ok = false;
      return {};
    }
    buffer = (buffer << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Parses a Link header. Returns false when it is malformed; `next` stays empty without rel=next.
bool parseNextLink(std::string_view header, std::string& next) {
  next.clear();
  std::size_t pos = 0;
  while (pos < header.size()) {
    while (pos < header.size() && (header[pos] == ' ' || header[pos] == ',')) ++pos;
    if (pos >= header.size()) break;
    if (header[pos] != '<') return false;
    const auto close = header.find('>', pos);
    if (close == std::string_view::npos) return false;
    const std::string_view url = header.substr(pos + 1, close - pos - 1);
    const auto end = header.find(",", close);
    const std::string_view params =
        header.substr(close + 1, end == std::string_view::npos ? std::string_view::npos : end - close - 1);
    if (params.find("rel=") == std::string_view::npos) return false;
    if (params.find("rel=\"next\"") != std::string_view::npos) next = std::string(url);
    pos = end == std::string_view::npos ? header.size() : end + 1;
  }
  return true;
}

std::optional<long long> headerInt(const HttpHeaders& headers, std::string_view name) {
  const std::string value = headerValue(headers, name);
  long long number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() || number < 0) return std::nullopt;
  return number;
}

int clampToInt(long long value) {
  return static_cast<int>(std::min<long long>(value, INT32_MAX));
}

}  // namespace

// ---- configuration helpers --------------------------------------------------------------------

std::string apiBaseForHost(std::string_view hostOrUrl) {
  std::string text(hostOrUrl);
  while (!text.empty() && text.back() == '/') text.pop_back();
  if (text.find("://") != std::string::npos) return text;
  if (text.empty() || text == "github.com" || text == "api.github.com") return std::string(kGitHubApiBase);
  return "https://" + text + "/api/v3";
}

std::string checkApiBase(std::string_view apiBase) {
  const auto url = parseUrl(apiBase);
  if (!url)
    return "The API URL \"" + std::string(apiBase) + "\" is not a valid URL (for example https://api.github.com).";
  if (url->scheme == "https") return {};
  if (url->scheme == "http" && isLoopbackHost(url->host)) return {};
  if (url->scheme == "http") {
    return "The API URL must use https: plain http is allowed only for a server on this machine (127.0.0.1 or "
           "localhost), so the token never crosses a network unencrypted.";
  }
  return "The API URL must start with https:// (it starts with " + url->scheme + "://).";
}

bool isGitHubDotCom(std::string_view apiBase) {
  const auto url = parseUrl(apiBase);
  return url && (url->host == "api.github.com" || url->host == "github.com");
}

constexpr std::size_t kMaxCachedResponses = 2000;

// ---- the client -------------------------------------------------------------------------------

class GitHubClient::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(Transport& transport, Scheduler& scheduler, GitHubClientConfig config)
      : transport_(transport), scheduler_(scheduler), config_(std::move(config)) {
    while (!config_.apiBase.empty() && config_.apiBase.back() == '/') config_.apiBase.pop_back();
  }

  using ResponseCallback = std::function<void(Result<HttpResponse>)>;

  std::string repoPath() const {
    return "/repos/" + percentEncode(config_.repo.owner) + "/" + percentEncode(config_.repo.name);
  }
  std::string subjectRepo() const { return config_.repo.fullName(); }

  // Refuses to start when the configuration cannot work, so no request leaves half-set-up.
  std::optional<GitHubError> configurationError() const {
    GitHubError error;
    error.kind = GitHubErrorKind::Configuration;
    error.message = checkApiBase(config_.apiBase);
    if (!error.message.empty()) return error;
    if (!config_.repo.valid()) {
      error.message = "No repository is set: give it as owner/name (console: --repo or GITHUB_REPOSITORY).";
      return error;
    }
    return std::nullopt;
  }

  HttpRequest makeRequest(std::string method, std::string url, std::string body = {}) const {
    HttpRequest request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.body = std::move(body);
    setHeader(request.headers, "Accept", "application/vnd.github+json");
    setHeader(request.headers, "X-GitHub-Api-Version", std::string(kGitHubApiVersion));
    if (!config_.userAgent.empty()) setHeader(request.headers, "User-Agent", config_.userAgent);
    // The token goes to the API origin only.
    if (!config_.token.empty() && sameOrigin(request.url, config_.apiBase)) {
      setHeader(request.headers, "Authorization", "Bearer " + config_.token);
    }
    if (!request.body.empty()) setHeader(request.headers, "Content-Type", "application/json");
    return request;
  }

  void recordRateLimit(const HttpHeaders& headers) {
    const auto limit = headerInt(headers, "x-ratelimit-limit");
    const auto remaining = headerInt(headers, "x-ratelimit-remaining");
    if (!limit || !remaining) return;
    RateLimit rate;
    rate.limit = clampToInt(*limit);
    rate.remaining = clampToInt(*remaining);
    rate.used = clampToInt(headerInt(headers, "x-ratelimit-used").value_or(std::max(0LL, *limit - *remaining)));
    if (const auto reset = headerInt(headers, "x-ratelimit-reset"))
      rate.resetAt = TimePoint(std::chrono::seconds(*reset));
    rate.resource = headerValue(headers, "x-ratelimit-resource");
    rateLimit_ = rate;
  }

  // One exchange, with the ETag cache and retries for idempotent requests.
  void exchange(HttpRequest request, RequestSubject subject, bool idempotent, bool cacheable, int attempt,
                ResponseCallback done) {
    const std::string cacheKey = request.url;
    if (cacheable) {
      if (const auto it = cache_.find(cacheKey); it != cache_.end())
        setHeader(request.headers, "If-None-Match", it->second.etag);
    }
    std::weak_ptr<Impl> weak = weak_from_this();
    HttpRequest copy = request;
    transport_.send(
        std::move(copy), [weak, request = std::move(request), subject = std::move(subject), idempotent, cacheable,
                          attempt, done = std::move(done), cacheKey](TransportReply reply) mutable {
          const auto self = weak.lock();
          if (!self) return;
          self->counters_.requests++;
          if (reply.failure == TransportFailure::None) {
            self->recordRateLimit(reply.response.headers);
            const int status = reply.response.status;
            if (status == 304 && cacheable) {
              if (const auto it = self->cache_.find(cacheKey); it != self->cache_.end()) {
                self->counters_.notModified++;
                done(it->second.response);
                return;
              }
            }
            self->counters_.rateLimitCost++;
            if (status >= 200 && status < 300) {
              const std::string etag = headerValue(reply.response.headers, "etag");
              if (cacheable && !etag.empty()) {
                // A desk session touches a few hundred URLs; the cap only guards against growth
                // without bound in a long-running session.
                if (self->cache_.size() >= kMaxCachedResponses) self->cache_.clear();
                self->cache_[cacheKey] = {etag, reply.response};
              }
              done(std::move(reply.response));
              return;
            }
          }
          GitHubError error = errorFromReply(reply, subject, self->scheduler_.now());
          if (idempotent && isRetryable(error) && attempt < self->config_.maxRetries) {
            std::chrono::milliseconds delay = self->config_.retryBaseDelay * (1 << attempt);
            if (error.retryAfter) {
              if (*error.retryAfter > self->config_.maxRetryAfter) {
                done(std::move(error));
                return;
              }
              delay = std::max<std::chrono::milliseconds>(delay, *error.retryAfter);
            }
            self->counters_.retries++;
            self->scheduler_.post(delay, [weak, request = std::move(request), subject = std::move(subject), cacheable,
                                          attempt, done = std::move(done)]() mutable {
              if (const auto again = weak.lock()) {
                again->exchange(std::move(request), std::move(subject), true, cacheable, attempt + 1, std::move(done));
              }
            });
            return;
          }
          done(std::move(error));
        });
  }

  void get(const std::string& path, RequestSubject subject, ResponseCallback done) {
    if (auto error = configurationError()) return post([done, e = *error] { done(e); });
    exchange(makeRequest("GET", config_.apiBase + path), std::move(subject), true, true, 0, std::move(done));
  }

  // A single JSON object, converted by `convert`.
  template <typename T, typename Convert>
  void getObject(const std::string& path, RequestSubject subject, Convert convert, ResultCallback<T> done) {
    get(path, subject, [subject, convert, done = std::move(done)](Result<HttpResponse> result) {
      if (!result) return done(result.error());
      const Json doc = Json::parse(result.value().body, nullptr, false);
      if (doc.is_discarded()) return done(invalidResponse(subject, "the JSON is malformed or cut off"));
      if (!doc.is_object()) return done(invalidResponse(subject, "a JSON object was expected"));
      done(convert(doc));
    });
  }

  // Every page of a list, following Link: rel="next" up to the page cap. `itemsKey` names the
  // array inside GitHub's envelope ("variables", "workflow_runs"); empty for a bare array.
  template <typename T, typename Convert>
  void getList(const std::string& path, RequestSubject subject, std::string itemsKey, Convert convert,
               ResultCallback<std::vector<T>> done) {
    if (auto error = configurationError()) return post([done, e = *error] { done(e); });
    auto items = std::make_shared<std::vector<T>>();
    fetchPage<T>(config_.apiBase + path, std::move(subject), std::move(itemsKey), std::move(convert), items, 1,
                 std::move(done));
  }

  template <typename T, typename Convert>
  void fetchPage(const std::string& url, RequestSubject subject, std::string itemsKey, Convert convert,
                 std::shared_ptr<std::vector<T>> items, int page, ResultCallback<std::vector<T>> done) {
    std::weak_ptr<Impl> weak = weak_from_this();
    exchange(makeRequest("GET", url), subject, true, true, 0,
             [weak, subject, itemsKey, convert, items, page, done = std::move(done)](Result<HttpResponse> result) {
               const auto self = weak.lock();
               if (!self) return;
               if (!result) return done(result.error());
               const HttpResponse& response = result.value();
               const Json doc = Json::parse(response.body, nullptr, false);
               if (doc.is_discarded()) return done(invalidResponse(subject, "the JSON is malformed or cut off"));
               const Json* list = &doc;
               if (!itemsKey.empty()) {
                 const auto it = doc.is_object() ? doc.find(itemsKey) : doc.end();
                 if (!doc.is_object() || it == doc.end()) {
                   return done(invalidResponse(subject, "the list \"" + itemsKey + "\" is missing"));
                 }
                 list = &*it;
               }
               if (!list->is_array()) return done(invalidResponse(subject, "a JSON list was expected"));
               for (const Json& item : *list) {
                 if (item.is_object()) items->push_back(convert(item));
               }
               std::string next;
               if (!parseNextLink(headerValue(response.headers, "link"), next)) {
                 return done(invalidResponse(subject, "its pagination header (Link) is malformed"));
               }
               if (!next.empty() && page >= self->config_.maxPages) self->counters_.truncatedLists++;
               if (next.empty() || page >= self->config_.maxPages) return done(std::move(*items));
               if (!sameOrigin(next, self->config_.apiBase)) {
                 return done(invalidResponse(subject, "its next page points to another host"));
               }
               self->fetchPage<T>(next, subject, itemsKey, convert, items, page + 1, std::move(done));
             });
  }

  void post(std::function<void()> task) {
    std::weak_ptr<Impl> weak = weak_from_this();
    scheduler_.post(std::chrono::milliseconds(0), [weak, task = std::move(task)] {
      if (weak.lock()) task();
    });
  }

  Transport& transport_;
  Scheduler& scheduler_;
  GitHubClientConfig config_;
  RequestCounters counters_;
  std::optional<RateLimit> rateLimit_;
  struct CacheEntry {
    std::string etag;
    HttpResponse response;
  };
  std::map<std::string, CacheEntry> cache_;
};

GitHubClient::GitHubClient(Transport& transport, Scheduler& scheduler, GitHubClientConfig config)
    : impl_(std::make_shared<Impl>(transport, scheduler, std::move(config))) {}

GitHubClient::~GitHubClient() = default;

const GitHubClientConfig& GitHubClient::config() const {
  return impl_->config_;
}
const RequestCounters& GitHubClient::counters() const {
  return impl_->counters_;
}
std::optional<RateLimit> GitHubClient::lastRateLimit() const {
  return impl_->rateLimit_;
}

void GitHubClient::getRepository(ResultCallback<Repository> done) {
  impl_->getObject<Repository>(
      impl_->repoPath(), {"the repository " + impl_->subjectRepo()},
      [](const Json& j) {
        Repository repo;
        repo.id = i64(j, "id");
        repo.fullName = str(j, "full_name");
        repo.defaultBranch = str(j, "default_branch");
        repo.htmlUrl = str(j, "html_url");
        repo.isPrivate = boolean(j, "private");
        for (const auto& [key, value] : member(j, "permissions").items()) {
          if (value.is_boolean()) repo.permissions[key] = value.get<bool>();
        }
        return repo;
      },
      std::move(done));
}

void GitHubClient::getEnvironment(const std::string& environment, ResultCallback<GitHubEnvironment> done) {
  impl_->getObject<GitHubEnvironment>(
      impl_->repoPath() + "/environments/" + percentEncode(environment),
      {"the environment '" + environment + "' of " + impl_->subjectRepo()},
      [](const Json& j) {
        GitHubEnvironment env;
        env.id = i64(j, "id");
        env.name = str(j, "name");
        env.htmlUrl = str(j, "html_url");
        if (const auto rules = j.find("protection_rules"); rules != j.end() && rules->is_array()) {
          for (const Json& rule : *rules) {
            if (!rule.is_object()) continue;
            env.protectionRuleTypes.push_back(str(rule, "type"));
            if (str(rule, "type") == "wait_timer") env.waitTimerMinutes = static_cast<int>(i64(rule, "wait_timer"));
            if (const auto reviewers = rule.find("reviewers"); reviewers != rule.end()) {
              for (auto& name : reviewerNames(*reviewers)) env.reviewers.push_back(std::move(name));
            }
          }
        }
        return env;
      },
      std::move(done));
}

void GitHubClient::listVariables(ConfigLevel level, const std::string& environment,
                                 ResultCallback<std::vector<Variable>> done) {
  // GitHub allows at most 30 variables per page.
  std::string path;
  std::string subject;
  switch (level) {
    case ConfigLevel::Environment:
      path = impl_->repoPath() + "/environments/" + percentEncode(environment) + "/variables?per_page=30";
      subject = "the variables of environment '" + environment + "'";
      break;
    case ConfigLevel::Repository:
      path = impl_->repoPath() + "/actions/variables?per_page=30";
      subject = "the repository variables of " + impl_->subjectRepo();
      break;
    case ConfigLevel::Organization:
      path = impl_->repoPath() + "/actions/organization-variables?per_page=30";
      subject = "the organization variables visible to " + impl_->subjectRepo();
      break;
  }
  impl_->getList<Variable>(path, {subject}, "variables", toVariable, std::move(done));
}

void GitHubClient::listSecrets(ConfigLevel level, const std::string& environment,
                               ResultCallback<std::vector<Secret>> done) {
  std::string path;
  std::string subject;
  switch (level) {
    case ConfigLevel::Environment:
      path = impl_->repoPath() + "/environments/" + percentEncode(environment) + "/secrets?per_page=100";
      subject = "the secrets of environment '" + environment + "'";
      break;
    case ConfigLevel::Repository:
      path = impl_->repoPath() + "/actions/secrets?per_page=100";
      subject = "the repository secrets of " + impl_->subjectRepo();
      break;
    case ConfigLevel::Organization:
      path = impl_->repoPath() + "/actions/organization-secrets?per_page=100";
      subject = "the organization secrets visible to " + impl_->subjectRepo();
      break;
  }
  impl_->getList<Secret>(path, {subject}, "secrets", toSecret, std::move(done));
}

void GitHubClient::listWorkflowRuns(const std::string& workflowFile, const RunFilter& filter,
                                    ResultCallback<std::vector<WorkflowRun>> done) {
  std::string path = impl_->repoPath() + "/actions/workflows/" + percentEncode(workflowFile) + "/runs?per_page=100";
  const auto add = [&path](const char* key, const std::string& value) {
    if (!value.empty()) path += std::string("&") + key + "=" + percentEncode(value);
  };
  add("branch", filter.branch);
  add("event", filter.event);
  add("status", filter.status);
  add("created", filter.created);
  add("head_sha", filter.headSha);
  impl_->getList<WorkflowRun>(path, {"the runs of workflow " + workflowFile}, "workflow_runs", toRun, std::move(done));
}

void GitHubClient::getRun(std::int64_t runId, ResultCallback<WorkflowRun> done) {
  impl_->getObject<WorkflowRun>(impl_->repoPath() + "/actions/runs/" + std::to_string(runId),
                                {"workflow run " + std::to_string(runId)}, toRun, std::move(done));
}

void GitHubClient::listJobs(std::int64_t runId, ResultCallback<std::vector<Job>> done) {
  impl_->getList<Job>(impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/jobs?per_page=100",
                      {"the jobs of workflow run " + std::to_string(runId)}, "jobs", toJob, std::move(done));
}

void GitHubClient::listPendingDeployments(std::int64_t runId, ResultCallback<std::vector<PendingDeployment>> done) {
  impl_->getList<PendingDeployment>(
      impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/pending_deployments",
      {"the pending deployments of workflow run " + std::to_string(runId)}, "", toPending, std::move(done));
}

void GitHubClient::reviewPendingDeployments(std::int64_t runId, const std::vector<std::int64_t>& environmentIds,
                                            bool approve, const std::string& comment, ResultCallback<Done> done) {
  if (auto error = impl_->configurationError()) return impl_->post([done, e = *error] { done(e); });
  const Json body{
      {"environment_ids", environmentIds}, {"state", approve ? "approved" : "rejected"}, {"comment", comment}};
  const std::string url =
      impl_->config_.apiBase + impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/pending_deployments";
  // A review changes GitHub: never retried, never cached.
  impl_->exchange(impl_->makeRequest("POST", url, body.dump()), {"the review of workflow run " + std::to_string(runId)},
                  false, false, 0, [done = std::move(done)](Result<HttpResponse> result) {
                    if (!result) return done(result.error());
                    done(Done{});
                  });
}

void GitHubClient::listApprovals(std::int64_t runId, ResultCallback<std::vector<Approval>> done) {
  impl_->getList<Approval>(impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/approvals",
                           {"the approvals of workflow run " + std::to_string(runId)}, "", toApproval, std::move(done));
}

void GitHubClient::listDeployments(const std::string& environment, ResultCallback<std::vector<Deployment>> done) {
  std::string path = impl_->repoPath() + "/deployments?per_page=100";
  if (!environment.empty()) path += "&environment=" + percentEncode(environment);
  impl_->getList<Deployment>(path, {"the deployments to '" + environment + "'"}, "", toDeployment, std::move(done));
}

void GitHubClient::listDeploymentStatuses(std::int64_t deploymentId,
                                          ResultCallback<std::vector<DeploymentStatus>> done) {
  impl_->getList<DeploymentStatus>(
      impl_->repoPath() + "/deployments/" + std::to_string(deploymentId) + "/statuses?per_page=100",
      {"the statuses of deployment " + std::to_string(deploymentId)}, "", toDeploymentStatus, std::move(done));
}

void GitHubClient::listArtifacts(std::int64_t runId, ResultCallback<std::vector<Artifact>> done) {
  impl_->getList<Artifact>(impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/artifacts?per_page=100",
                           {"the artifacts of workflow run " + std::to_string(runId)}, "artifacts", toArtifact,
                           std::move(done));
}

void GitHubClient::downloadArtifact(std::int64_t artifactId, ResultCallback<std::string> done) {
  if (auto error = impl_->configurationError()) return impl_->post([done, e = *error] { done(e); });
  const std::string url =
      impl_->config_.apiBase + impl_->repoPath() + "/actions/artifacts/" + std::to_string(artifactId) + "/zip";
  impl_->exchange(impl_->makeRequest("GET", url), {"artifact " + std::to_string(artifactId)}, true, false, 0,
                  [done = std::move(done)](Result<HttpResponse> result) {
                    if (!result) return done(result.error());
                    done(std::move(result).value().body);
                  });
}

void GitHubClient::dispatchWorkflow(const DispatchRequest& request, ResultCallback<DispatchResult> done) {
  if (auto error = impl_->configurationError()) return impl_->post([done, e = *error] { done(e); });
  Json inputs = Json::object();
  for (const auto& [key, value] : request.inputs) inputs[key] = value;
  Json body{{"ref", request.ref}, {"inputs", inputs}};
  if (request.returnRunDetails) body["return_run_details"] = true;
  const std::string url = impl_->config_.apiBase + impl_->repoPath() + "/actions/workflows/" +
                          percentEncode(request.workflowFile) + "/dispatches";
  const RequestSubject subject{"the dispatch of " + request.workflowFile + " on " + request.ref};
  std::weak_ptr<Impl> weak = impl_;
  // Not idempotent: a dispatch is sent once. The only second attempt is the documented
  // fallback for servers that reject return_run_details, which created no run.
  impl_->exchange(impl_->makeRequest("POST", url, body.dump()), subject, false, false, 0,
                  [weak, request, subject, done = std::move(done)](Result<HttpResponse> result) mutable {
                    const auto self = weak.lock();
                    if (!self) return;
                    if (!result) {
                      const GitHubError& error = result.error();
                      if (request.returnRunDetails && error.kind == GitHubErrorKind::Validation &&
                          error.gitHubMessage.find("return_run_details") != std::string::npos) {
                        DispatchRequest plain = request;
                        plain.returnRunDetails = false;
                        GitHubClient::Impl& impl = *self;
                        Json inputs = Json::object();
                        for (const auto& [key, value] : plain.inputs) inputs[key] = value;
                        const Json body{{"ref", plain.ref}, {"inputs", inputs}};
                        const std::string url = impl.config_.apiBase + impl.repoPath() + "/actions/workflows/" +
                                                percentEncode(plain.workflowFile) + "/dispatches";
                        impl.exchange(impl.makeRequest("POST", url, body.dump()), subject, false, false, 0,
                                      [done = std::move(done)](Result<HttpResponse> second) {
                                        if (!second) return done(second.error());
                                        done(DispatchResult{});
                                      });
                        return;
                      }
                      return done(error);
                    }
                    DispatchResult dispatched;
                    if (result.value().status == 200) {
                      const Json doc = Json::parse(result.value().body, nullptr, false);
                      if (doc.is_object()) {
                        if (const auto id = i64(doc, "workflow_run_id"); id != 0) dispatched.workflowRunId = id;
                        dispatched.runUrl = str(doc, "run_url");
                        dispatched.htmlUrl = str(doc, "html_url");
                      }
                    }
                    done(std::move(dispatched));
                  });
}

void GitHubClient::getBranch(const std::string& branch, ResultCallback<Branch> done) {
  impl_->getObject<Branch>(
      impl_->repoPath() + "/branches/" + percentEncode(branch),
      {"the branch '" + branch + "' of " + impl_->subjectRepo()},
      [](const Json& j) {
        return Branch{str(j, "name"), str(member(j, "commit"), "sha"), boolean(j, "protected")};
      },
      std::move(done));
}

void GitHubClient::getCommit(const std::string& ref, ResultCallback<Commit> done) {
  impl_->getObject<Commit>(
      impl_->repoPath() + "/commits/" + percentEncode(ref), {"the commit '" + ref + "' of " + impl_->subjectRepo()},
      [](const Json& j) {
        const Json& commit = member(j, "commit");
        Commit c;
        c.sha = str(j, "sha");
        c.htmlUrl = str(j, "html_url");
        c.message = str(commit, "message");
        c.author = str(member(commit, "author"), "name");
        c.authoredAt = time(member(commit, "author"), "date");
        c.committedAt = time(member(commit, "committer"), "date");
        return c;
      },
      std::move(done));
}

void GitHubClient::getFileContents(const std::string& path, const std::string& ref, ResultCallback<FileContents> done) {
  std::string encodedPath;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!encodedPath.empty()) encodedPath += '/';
    encodedPath += percentEncode(segment);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::string url = impl_->repoPath() + "/contents/" + encodedPath;
  if (!ref.empty()) url += "?ref=" + percentEncode(ref);
  const RequestSubject subject{"the file '" + path + "' of " + impl_->subjectRepo()};
  impl_->get(url, subject, [subject, done = std::move(done)](Result<HttpResponse> result) {
    if (!result) return done(result.error());
    const Json doc = Json::parse(result.value().body, nullptr, false);
    if (!doc.is_object()) return done(invalidResponse(subject, "a JSON object was expected (is the path a folder?)"));
    if (str(doc, "encoding") != "base64") return done(invalidResponse(subject, "the content is not base64-encoded"));
    bool ok = false;
    FileContents file{str(doc, "path"), str(doc, "sha"), decodeBase64(str(doc, "content"), ok)};
    if (!ok) return done(invalidResponse(subject, "the base64 content is malformed"));
    done(std::move(file));
  });
}

void GitHubClient::getRateLimit(ResultCallback<RateLimit> done) {
  impl_->getObject<RateLimit>(
      "/rate_limit", {"the rate limit"},
      [](const Json& j) {
        const Json& core = member(member(j, "resources"), "core");
        RateLimit rate;
        rate.limit = static_cast<int>(i64(core, "limit"));
        rate.remaining = static_cast<int>(i64(core, "remaining"));
        rate.used = static_cast<int>(i64(core, "used"));
        if (const auto reset = i64(core, "reset"); reset > 0) rate.resetAt = TimePoint(std::chrono::seconds(reset));
        rate.resource = "core";
        return rate;
      },
      std::move(done));
}

void GitHubClient::getCurrentUser(ResultCallback<User> done) {
  impl_->getObject<User>(
      "/user", {"the token's user"},
      [](const Json& j) {
        return User{str(j, "login"), i64(j, "id"), str(j, "name"), str(j, "type")};
      },
      std::move(done));
}

}  // namespace releasedesk
