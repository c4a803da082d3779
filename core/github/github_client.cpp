#include "core/github/github_client.h"

#include "core/github/github_json.h"
#include "core/text/time_format.h"
#include "core/timeline/durations.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <climits>
#include <map>
#include <set>
#include <utility>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

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
    const auto end = header.find(',', close);
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
    if (cacheable && serveFinal(request, cacheKey, done)) return;
    if (cacheable && serveRefusal(request, cacheKey, subject, done)) return;
    if (cacheable) {
      if (const CachedResponse* cached = cache_->find(cacheKey); cached != nullptr && !cached->etag.empty())
        setHeader(request.headers, "If-None-Match", cached->etag);
    }
    const int traceId = traceBegin(request);
    std::weak_ptr<Impl> weak = weak_from_this();
    HttpRequest copy = request;
    transport_.send(std::move(copy), [weak, request = std::move(request), subject = std::move(subject), idempotent,
                                      cacheable, attempt, done = std::move(done), cacheKey,
                                      traceId](TransportReply reply) mutable {
      const auto self = weak.lock();
      if (!self) return;
      self->counters_.requests++;
      const AnsweringScope answering(*self, traceId, reply, cacheable);
      if (reply.failure == TransportFailure::None) {
        // GraphQL's answers carry GraphQL's own budget in the same headers: REST's figure is REST's.
        if (request.url != self->graphqlUrl_) self->recordRateLimit(reply.response.headers);
        const int status = reply.response.status;
        if (status == 304 && cacheable) {
          if (const CachedResponse* cached = self->cache_->find(cacheKey); cached != nullptr) {
            self->counters_.notModified++;
            done(cached->response);
            return;
          }
        }
        if (request.url == self->graphqlUrl_) {
          self->counters_.graphqlRequests++;
        } else {
          self->counters_.rateLimitCost++;
        }
        if (status >= 200 && status < 300) {
          const std::string etag = headerValue(reply.response.headers, "etag");
          const bool final = self->finalUrls_.count(cacheKey) > 0;
          if (cacheable && (!etag.empty() || final))
            self->cache_->store(cacheKey, etag, reply.response, self->scheduler_.now(), final);
          else if (cacheable)
            self->cache_->erase(cacheKey);  // what was kept (a remembered refusal) is no longer the answer
          done(std::move(reply.response));
          return;
        }
      }
      GitHubError error = errorFromReply(reply, subject, self->scheduler_.now());
      if (cacheable && error.kind == GitHubErrorKind::Forbidden && !self->refusalKey_.empty()) {
        self->cache_->store(cacheKey, std::string(), reply.response, self->scheduler_.now(), false);
        self->cache_->setStamp(cacheKey, self->refusalStamp());
      }
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
        if (self->retryObserver_) {
          self->retryObserver_({attempt + 2, self->config_.maxRetries + 1, delay, retryReason(error), subject.what});
        }
        self->scheduler_.post(delay, [weak, request = std::move(request), subject = std::move(subject), cacheable,
                                      attempt, done = std::move(done), traceId]() mutable {
          if (const auto again = weak.lock()) {
            // The retry waited for the failed attempt.
            const int outer = std::exchange(again->answering_, traceId);
            again->exchange(std::move(request), std::move(subject), true, cacheable, attempt + 1, std::move(done));
            again->answering_ = outer;
          }
        });
        return;
      }
      done(std::move(error));
    });
  }

  // ---- tracing and the answers that never change ------------------------------------------------

  // While a request's answer is handled, requests started wait for it (the trace's parent).
  class AnsweringScope {
   public:
    AnsweringScope(Impl& impl, int traceId, const TransportReply& reply, bool cacheable)
        : impl_(impl), outer_(std::exchange(impl.answering_, traceId)) {
      if (impl_.trace_ && traceId > 0) {
        const bool ok = reply.failure == TransportFailure::None;
        impl_.trace_->end(traceId, ok ? reply.response.status : 0, ok ? reply.response.body.size() : 0,
                          ok && cacheable && reply.response.status == 304);
      }
    }
    ~AnsweringScope() { impl_.answering_ = outer_; }
    AnsweringScope(const AnsweringScope&) = delete;
    AnsweringScope& operator=(const AnsweringScope&) = delete;

   private:
    Impl& impl_;
    int outer_;
  };

  std::string traceTarget(const std::string& url) const {
    if (url.rfind(config_.apiBase, 0) == 0) return url.substr(config_.apiBase.size());
    return url;
  }

  int traceParent() const {
    if (answering_ > 0) return answering_;
    // Started from a timer or a caller after some answers came in: assume it waited for the last.
    return trace_ ? trace_->lastFinished() : 0;
  }

  int traceBegin(const HttpRequest& request) {
    if (!trace_) return 0;
    return trace_->begin(request.method, traceTarget(request.url), traceParent());
  }

  // Serves an answer marked final (a completed run's jobs) without a request; true when it did.
  bool serveFinal(const HttpRequest& request, const std::string& cacheKey, const ResponseCallback& done) {
    if (!finalUrls_.count(cacheKey)) return false;
    const CachedResponse* cached = cache_->find(cacheKey);
    if (cached == nullptr || !cached->final) return false;
    answerFromCache(request, cached->response, done);
    return true;
  }

  // Gives `answer`, kept from an earlier read, without a request: traced as answered from the
  // cache, and delivered from the event loop like any answer.
  void answerFromCache(const HttpRequest& request, Result<HttpResponse> answer, const ResponseCallback& done) {
    const int traceId = trace_ ? trace_->cached(request.method, traceTarget(request.url), traceParent()) : 0;
    std::weak_ptr<Impl> weak = weak_from_this();
    scheduler_.post(std::chrono::milliseconds(0), [weak, answer = std::move(answer), traceId, done] {
      const auto self = weak.lock();
      if (!self) return;
      const int outer = std::exchange(self->answering_, traceId);
      done(answer);
      self->answering_ = outer;
    });
  }

  void getFile(const std::string& path, const std::string& ref, ResultCallback<FileContents> done) {
    const std::string url = contentsPath(path, ref);
    const RequestSubject subject{"the file '" + path + "' of " + subjectRepo()};
    get(url, subject, [subject, done = std::move(done)](const Result<HttpResponse>& result) {
      if (!result) return done(result.error());
      std::string problem;
      const Json doc = gitHubDocument(result.value().body, problem);
      if (doc.is_discarded()) return done(invalidResponse(subject, problem));
      if (!doc.is_object()) return done(invalidResponse(subject, "a JSON object was expected (is the path a folder?)"));
      auto file = fileContentsFromJson(doc, problem);
      if (!file) return done(invalidResponse(subject, problem));
      done(std::move(*file));
    });
  }

  // The contents address of `path` (a file or folder; "" for the root) at `ref`, after apiBase.
  std::string contentsPath(const std::string& path, const std::string& ref) const {
    std::string encodedPath;
    std::size_t start = 0;
    while (!path.empty() && start <= path.size()) {
      const auto slash = path.find('/', start);
      const std::string segment = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      if (!encodedPath.empty()) encodedPath += '/';
      encodedPath += percentEncode(segment);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    std::string url = repoPath() + "/contents/" + encodedPath;
    if (!ref.empty()) url += "?ref=" + percentEncode(ref);
    return url;
  }

  std::string refusalStamp() const { return "refused-to:" + refusalKey_; }

  // Serves a refusal remembered for this token (see GitHubClient::rememberRefusals) without a
  // request; true when it did.
  bool serveRefusal(const HttpRequest& request, const std::string& cacheKey, const RequestSubject& subject,
                    const ResponseCallback& done) {
    if (refusalKey_.empty()) return false;
    const CachedResponse* cached = cache_->find(cacheKey);
    if (cached == nullptr || cached->response.status != 403 || cached->stamp != refusalStamp()) return false;
    const auto now = scheduler_.now();
    if (cached->storedAt > now || now - cached->storedAt > refusalSpan_) return false;
    TransportReply reply;
    reply.response = cached->response;
    GitHubError error = errorFromReply(reply, subject, now);
    if (error.kind != GitHubErrorKind::Forbidden) return false;
    error.message += " (Remembered from GitHub's answer to this token at " +
                     formatLocalTime(std::chrono::floor<std::chrono::seconds>(cached->storedAt)) +
                     ": asked again after " + formatDuration(refusalSpan_.count()) +
                     (refusalAskNow_.empty() ? std::string() : "; " + refusalAskNow_) + ".)";
    answerFromCache(request, std::move(error), done);
    return true;
  }

  void get(const std::string& path, RequestSubject subject, ResponseCallback done) {
    if (auto error = configurationError()) return post([done, e = *error] { done(e); });
    exchange(makeRequest("GET", config_.apiBase + path), std::move(subject), true, true, 0, std::move(done));
  }

  // A single JSON object, converted by `convert`.
  template <typename T, typename Convert>
  void getObject(const std::string& path, const RequestSubject& subject, Convert convert, ResultCallback<T> done) {
    get(path, subject, [subject, convert, done = std::move(done)](const Result<HttpResponse>& result) {
      if (!result) return done(result.error());
      std::string problem;
      const Json doc = gitHubDocument(result.value().body, problem);
      if (doc.is_discarded()) return done(invalidResponse(subject, problem));
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
    auto fetched = std::make_shared<std::set<std::string>>();
    fetchPage<T>(config_.apiBase + path, std::move(subject), std::move(itemsKey), std::move(convert), items, fetched, 1,
                 std::move(done));
  }

  // `fetched` holds the URLs of the pages read so far: a next link back to one of them would
  // repeat items until the page cap, so it ends the list with an error.
  template <typename T, typename Convert>
  void fetchPage(const std::string& url, RequestSubject subject, std::string itemsKey, Convert convert,
                 std::shared_ptr<std::vector<T>> items, std::shared_ptr<std::set<std::string>> fetched, int page,
                 ResultCallback<std::vector<T>> done) {
    std::weak_ptr<Impl> weak = weak_from_this();
    fetched->insert(url);
    exchange(
        makeRequest("GET", url), subject, true, true, 0,
        [weak, subject, itemsKey, convert, items, fetched, page,
         done = std::move(done)](const Result<HttpResponse>& result) {
          const auto self = weak.lock();
          if (!self) return;
          if (!result) return done(result.error());
          const HttpResponse& response = result.value();
          std::string problem;
          const Json doc = gitHubDocument(response.body, problem);
          if (doc.is_discarded()) return done(invalidResponse(subject, problem));
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
          if (fetched->contains(next)) {
            return done(invalidResponse(subject, "its pagination header (Link) leads back to a page already read"));
          }
          if (!next.empty() && page >= self->config_.maxPages) self->counters_.truncatedLists++;
          if (next.empty() || page >= self->config_.maxPages) return done(std::move(*items));
          if (!sameOrigin(next, self->config_.apiBase)) {
            return done(invalidResponse(subject, "its next page points to another host"));
          }
          self->fetchPage<T>(next, subject, itemsKey, convert, items, fetched, page + 1, std::move(done));
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
  std::optional<GraphQLRateLimit> graphqlRateLimit_;
  std::string graphqlUrl_ = graphqlUrlFor(config_.apiBase);
  std::string graphqlUnavailable_ = config_.graphql ? std::string() : std::string("turned off");
  RetryObserver retryObserver_;
  std::shared_ptr<EtagCache> cache_ = std::make_shared<EtagCache>();
  std::set<std::string> finalUrls_;  // URLs whose answers never change once read
  std::shared_ptr<RequestTrace> trace_;
  bool answersKept_ = true;  // setAnswersKept()
  std::string refusalKey_;   // rememberRefusals(): empty while off
  std::chrono::seconds refusalSpan_{0};
  std::string refusalAskNow_;
  int answering_ = 0;  // the trace id of the answer being handled, 0 outside one
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
std::chrono::system_clock::time_point GitHubClient::now() const {
  return impl_->scheduler_.now();
}
std::optional<RateLimit> GitHubClient::lastRateLimit() const {
  return impl_->rateLimit_;
}
std::optional<GraphQLRateLimit> GitHubClient::lastGraphQLRateLimit() const {
  return impl_->graphqlRateLimit_;
}

void GitHubClient::setRetryObserver(RetryObserver observer) {
  impl_->retryObserver_ = std::move(observer);
}
void GitHubClient::setCache(std::shared_ptr<EtagCache> cache) {
  impl_->cache_ = cache ? std::move(cache) : std::make_shared<EtagCache>();
}
const std::shared_ptr<EtagCache>& GitHubClient::cache() const {
  return impl_->cache_;
}
void GitHubClient::rememberRefusals(std::string tokenKey, std::chrono::seconds span, std::string askNow) {
  impl_->refusalKey_ = std::move(tokenKey);
  impl_->refusalSpan_ = span;
  impl_->refusalAskNow_ = std::move(askNow);
}
void GitHubClient::setAnswersKept(bool kept) {
  impl_->answersKept_ = kept;
}
void GitHubClient::setTrace(std::shared_ptr<RequestTrace> trace) {
  impl_->trace_ = std::move(trace);
}
const std::shared_ptr<RequestTrace>& GitHubClient::trace() const {
  return impl_->trace_;
}

void GitHubClient::getRepository(ResultCallback<Repository> done) {
  impl_->getObject<Repository>(impl_->repoPath(), {"the repository " + impl_->subjectRepo()}, repositoryFromJson,
                               std::move(done));
}

void GitHubClient::getEnvironment(const std::string& environment, ResultCallback<GitHubEnvironment> done) {
  impl_->getObject<GitHubEnvironment>(impl_->repoPath() + "/environments/" + percentEncode(environment),
                                      {"the environment '" + environment + "' of " + impl_->subjectRepo()},
                                      environmentFromJson, std::move(done));
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
  impl_->getList<Variable>(path, {subject}, "variables", variableFromJson, std::move(done));
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
  impl_->getList<Secret>(path, {subject}, "secrets", secretFromJson, std::move(done));
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
  impl_->getList<WorkflowRun>(path, {"the runs of workflow " + workflowFile}, "workflow_runs", runFromJson,
                              std::move(done));
}

void GitHubClient::getRun(std::int64_t runId, ResultCallback<WorkflowRun> done) {
  impl_->getObject<WorkflowRun>(impl_->repoPath() + "/actions/runs/" + std::to_string(runId),
                                {"workflow run " + std::to_string(runId)}, runFromJson, std::move(done));
}

void GitHubClient::listJobs(std::int64_t runId, ResultCallback<std::vector<Job>> done, bool runCompleted) {
  const std::string path = impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/jobs?per_page=100";
  // Once the run is not (or no longer) complete, its answer is asked for again, conditionally.
  if (runCompleted) {
    impl_->finalUrls_.insert(impl_->config_.apiBase + path);
  } else {
    impl_->finalUrls_.erase(impl_->config_.apiBase + path);
  }
  impl_->getList<Job>(path, {"the jobs of workflow run " + std::to_string(runId)}, "jobs", jobFromJson,
                      std::move(done));
}

void GitHubClient::listPendingDeployments(std::int64_t runId, ResultCallback<std::vector<PendingDeployment>> done) {
  impl_->getList<PendingDeployment>(
      impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/pending_deployments",
      {"the pending deployments of workflow run " + std::to_string(runId)}, "", pendingDeploymentFromJson,
      std::move(done));
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
                  false, false, 0, [done = std::move(done)](const Result<HttpResponse>& result) {
                    if (!result) return done(result.error());
                    done(Done{});
                  });
}

void GitHubClient::listApprovals(std::int64_t runId, ResultCallback<std::vector<Approval>> done) {
  impl_->getList<Approval>(impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/approvals",
                           {"the approvals of workflow run " + std::to_string(runId)}, "", approvalFromJson,
                           std::move(done));
}

void GitHubClient::listDeployments(const std::string& environment, ResultCallback<std::vector<Deployment>> done) {
  std::string path = impl_->repoPath() + "/deployments?per_page=100";
  if (!environment.empty()) path += "&environment=" + percentEncode(environment);
  impl_->getList<Deployment>(path, {"the deployments to '" + environment + "'"}, "", deploymentFromJson,
                             std::move(done));
}

void GitHubClient::listDeploymentStatuses(std::int64_t deploymentId,
                                          ResultCallback<std::vector<DeploymentStatus>> done) {
  impl_->getList<DeploymentStatus>(
      impl_->repoPath() + "/deployments/" + std::to_string(deploymentId) + "/statuses?per_page=100",
      {"the statuses of deployment " + std::to_string(deploymentId)}, "", deploymentStatusFromJson, std::move(done));
}

void GitHubClient::listArtifacts(std::int64_t runId, ResultCallback<std::vector<Artifact>> done, bool runCompleted) {
  const std::string path = impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/artifacts?per_page=100";
  // Once the run is not (or no longer) complete, its answer is asked for again, conditionally.
  if (runCompleted) {
    impl_->finalUrls_.insert(impl_->config_.apiBase + path);
  } else {
    impl_->finalUrls_.erase(impl_->config_.apiBase + path);
  }
  impl_->getList<Artifact>(path, {"the artifacts of workflow run " + std::to_string(runId)}, "artifacts",
                           artifactFromJson, std::move(done));
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
                  [weak, request, subject, done = std::move(done)](const Result<HttpResponse>& result) mutable {
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
                                      [done = std::move(done)](const Result<HttpResponse>& second) {
                                        if (!second) return done(second.error());
                                        done(DispatchResult{});
                                      });
                        return;
                      }
                      return done(error);
                    }
                    DispatchResult dispatched;
                    if (result.value().status == 200) {
                      std::string problem;  // a 200 without readable run details is still a dispatch
                      const Json doc = gitHubDocument(result.value().body, problem);
                      if (doc.is_object()) dispatched = dispatchResultFromJson(doc);
                    }
                    done(std::move(dispatched));
                  });
}

void GitHubClient::getBranch(const std::string& branch, ResultCallback<Branch> done) {
  impl_->getObject<Branch>(impl_->repoPath() + "/branches/" + percentEncode(branch),
                           {"the branch '" + branch + "' of " + impl_->subjectRepo()}, branchFromJson, std::move(done));
}

void GitHubClient::getCommit(const std::string& ref, ResultCallback<Commit> done) {
  impl_->getObject<Commit>(impl_->repoPath() + "/commits/" + percentEncode(ref),
                           {"the commit '" + ref + "' of " + impl_->subjectRepo()}, commitFromJson, std::move(done));
}

void GitHubClient::compareCommits(const std::string& base, const std::string& head,
                                  ResultCallback<CommitComparison> done) {
  // per_page=1: the answer lists the commits between the two, which only the counts summarize.
  impl_->getObject<CommitComparison>(
      impl_->repoPath() + "/compare/" + percentEncode(base) + "..." + percentEncode(head) + "?per_page=1",
      {"the comparison of " + head + " with " + base + " in " + impl_->subjectRepo()}, comparisonFromJson,
      std::move(done));
}

void GitHubClient::getFileContents(const std::string& path, const std::string& ref, ResultCallback<FileContents> done) {
  impl_->getFile(path, ref, std::move(done));
}

void GitHubClient::listFolder(const std::string& folder, const std::string& ref,
                              ResultCallback<std::vector<FolderEntry>> done) {
  const RequestSubject subject{(folder.empty() ? std::string("the root folder") : "the folder '" + folder + "'") +
                               " of " + impl_->subjectRepo()};
  impl_->get(impl_->contentsPath(folder, ref), subject,
             [subject, done = std::move(done)](const Result<HttpResponse>& result) {
               if (!result) return done(result.error());
               std::string problem;
               const Json doc = gitHubDocument(result.value().body, problem);
               if (doc.is_discarded()) return done(invalidResponse(subject, problem));
               auto entries = folderEntriesFromJson(doc, problem);
               if (!entries) return done(invalidResponse(subject, problem));
               done(std::move(*entries));
             });
}

void GitHubClient::getFileIfPresent(const std::string& path, const std::string& ref,
                                    ResultCallback<std::optional<FileContents>> done) {
  // The probe: the folder above the file's folder, and the name the file's folder has in it.
  const auto lastSlash = path.rfind('/');
  const std::string folder = lastSlash == std::string::npos ? std::string() : path.substr(0, lastSlash);
  const auto folderSlash = folder.rfind('/');
  const std::string probe = folderSlash == std::string::npos ? std::string() : folder.substr(0, folderSlash);
  const std::string name =
      folder.empty() ? path : folder.substr(folderSlash == std::string::npos ? 0 : folderSlash + 1);

  const auto lists = [name](const std::vector<FolderEntry>& entries) {
    return std::any_of(entries.begin(), entries.end(),
                       [&name](const FolderEntry& entry) { return entry.name == name; });
  };
  // What the listing kept from an earlier read says, if there is one.
  std::optional<bool> known;
  if (const CachedResponse* cached = impl_->cache_->find(impl_->config_.apiBase + impl_->contentsPath(probe, ref));
      cached != nullptr && cached->response.status == 200) {
    std::string problem;
    const Json doc = gitHubDocument(cached->response.body, problem);
    if (!doc.is_discarded()) {
      if (const auto entries = folderEntriesFromJson(doc, problem)) known = lists(*entries);
    }
  }

  std::weak_ptr<Impl> weak = impl_;
  auto askFile = [weak, path, ref](ResultCallback<std::optional<FileContents>> answer) {
    const auto self = weak.lock();
    if (!self) return;
    self->getFile(path, ref, [answer = std::move(answer)](Result<FileContents> result) {
      if (result) return answer(std::optional<FileContents>(std::move(result).value()));
      if (result.error().kind == GitHubErrorKind::NotFound) return answer(std::optional<FileContents>());
      answer(result.error());
    });
  };
  // Known there (a free 304 while unchanged), or nothing kept for a later read: the file alone.
  if (known == true || !impl_->answersKept_) return askFile(std::move(done));
  // Known absent: the listing alone, and the file only if its folder appeared since.
  if (known == false) {
    return listFolder(probe, ref, [askFile, lists, done](const Result<std::vector<FolderEntry>>& listing) {
      if (listing && !lists(listing.value())) return done(std::optional<FileContents>());
      askFile(done);  // there now, or the listing failed: the file itself says
    });
  }
  // Not known yet: both at once (neither waits on the other); the file's answer is the answer,
  // given once the listing is in the cache for the next read.
  struct Both {
    std::optional<Result<std::optional<FileContents>>> file;
    bool listed = false;
  };
  auto both = std::make_shared<Both>();
  const auto finish = [both, done] {
    if (both->listed && both->file) done(std::move(*both->file));
  };
  askFile([both, finish](Result<std::optional<FileContents>> result) {
    both->file = std::move(result);
    finish();
  });
  listFolder(probe, ref, [both, finish](const Result<std::vector<FolderEntry>>&) {
    both->listed = true;
    finish();
  });
}

void GitHubClient::getRateLimit(ResultCallback<RateLimit> done) {
  impl_->getObject<RateLimit>("/rate_limit", {"the rate limit"}, rateLimitFromJson, std::move(done));
}

void GitHubClient::postGraphQL(std::string body, const std::string& what, ResultCallback<std::string> done) {
  if (auto error = impl_->configurationError()) return impl_->post([done, e = *error] { done(e); });
  HttpRequest request = impl_->makeRequest("POST", impl_->graphqlUrl_, std::move(body));
  // A query reads only: retried like a GET, never cached (a POST has no ETag).
  impl_->exchange(std::move(request), {what}, true, false, 0, [done = std::move(done)](Result<HttpResponse> result) {
    if (!result) return done(result.error());
    done(std::move(result).value().body);
  });
}

bool GitHubClient::graphqlEnabled() const {
  return impl_->graphqlUnavailable_.empty();
}
const std::string& GitHubClient::graphqlUnavailableReason() const {
  return impl_->graphqlUnavailable_;
}
void GitHubClient::disableGraphQL(std::string reason) {
  impl_->graphqlUnavailable_ = reason.empty() ? std::string("failed") : std::move(reason);
}
void GitHubClient::recordGraphQLRateLimit(const GraphQLRateLimit& rate) {
  impl_->counters_.graphqlPoints += rate.cost;
  impl_->graphqlRateLimit_ = rate;
}

void GitHubClient::getGraphQLRateLimit(ResultCallback<GraphQLRateLimit> done) {
  std::weak_ptr<Impl> weak = impl_;
  postGraphQL(rateLimitRequest(), "the GraphQL rate limit",
              [weak, done = std::move(done)](const Result<std::string>& result) {
                if (!result) return done(result.error());
                const GraphQLAnswer answer = parseRateLimitAnswer(result.value());
                if (!answer.problem.empty() || !answer.rateLimit)
                  return done(invalidResponse({"the GraphQL rate limit"}, answer.problem));
                if (const auto self = weak.lock()) self->graphqlRateLimit_ = *answer.rateLimit;
                done(*answer.rateLimit);
              });
}

std::string GitHubClient::jobsUrl(std::int64_t runId) const {
  return impl_->config_.apiBase + impl_->repoPath() + "/actions/runs/" + std::to_string(runId) + "/jobs?per_page=100";
}
std::string GitHubClient::deploymentStatusesUrl(std::int64_t deploymentId) const {
  return impl_->config_.apiBase + impl_->repoPath() + "/deployments/" + std::to_string(deploymentId) +
         "/statuses?per_page=100";
}
std::string GitHubClient::commitUrl(const std::string& sha) const {
  return impl_->config_.apiBase + impl_->repoPath() + "/commits/" + percentEncode(sha);
}

void GitHubClient::getCurrentUser(ResultCallback<User> done) {
  impl_->getObject<User>("/user", {"the token's user"}, userFromJson, std::move(done));
}

}  // namespace releasedesk
