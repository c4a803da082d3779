// GitHubClient: one typed, asynchronous operation per thing the desk needs from GitHub's REST
// API, over an injected Transport and Scheduler.
//
// Every callback runs on the transport's thread (see transport.h), exactly once. Callbacks of a
// destroyed client are dropped. GET requests are conditional (ETag cache), paginated by the
// Link header and retried with backoff on 5xx, timeouts and secondary rate limits. Requests that
// change GitHub (dispatch, review) are never retried.
#pragma once

#include "core/github/etag_cache.h"
#include "core/github/github_graphql.h"
#include "core/github/github_types.h"
#include "core/github/request_trace.h"
#include "core/github/result.h"
#include "core/github/transport.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace releasedesk {

inline constexpr std::string_view kGitHubApiBase = "https://api.github.com";
inline constexpr std::string_view kGitHubApiVersion = "2022-11-28";

// "github.com" (or "api.github.com") → https://api.github.com; another host → GitHub Enterprise
// Server's https://<host>/api/v3. A full URL is returned as given, without a trailing slash.
std::string apiBaseForHost(std::string_view hostOrUrl);

// Why `apiBase` cannot be used (empty when it can): https only, plain http only for loopback.
std::string checkApiBase(std::string_view apiBase);

// Whether the API host is GitHub.com (decides GH_TOKEN vs GH_ENTERPRISE_TOKEN).
bool isGitHubDotCom(std::string_view apiBase);

struct GitHubClientConfig {
  std::string apiBase = std::string(kGitHubApiBase);
  RepoRef repo;
  std::string token;      // sent only to the API origin; never logged or put in messages
  std::string userAgent;  // empty: the transport's own (ReleaseDesk/<version>)
  int maxPages = 50;
  // Idempotent reads are tried at most maxRetries + 1 times (3 by default), the waits doubling
  // from retryBaseDelay (0.5 s, then 1 s): a short, stated budget. A refused connection or an
  // unknown host is not retried at all (see isRetryable).
  int maxRetries = 2;
  std::chrono::milliseconds retryBaseDelay{500};
  std::chrono::seconds maxRetryAfter{60};  // longer secondary-limit waits are errors, not waits
  // Batched reads go to GraphQL (graphqlUrlFor(apiBase)) first; off, or once GraphQL failed on
  // this client, they go over REST.
  bool graphql = true;
};

// What requests cost, for the status bar and benchmarks. Read before and after a batch.
struct RequestCounters {
  int requests = 0;       // HTTP exchanges, retries and pages included
  int notModified = 0;    // 304 answers served from the ETag cache
  int rateLimitCost = 0;  // exchanges that count against the primary rate limit (all but 304s)
  int retries = 0;
  int truncatedLists = 0;   // lists cut at the page cap (GitHubClientConfig::maxPages)
  int graphqlRequests = 0;  // of `requests`, those sent to GraphQL (not in rateLimitCost)
  int graphqlPoints = 0;    // what they cost in GraphQL's own points, as GitHub reported

  RequestCounters operator-(const RequestCounters& before) const {
    return {requests - before.requests,
            notModified - before.notModified,
            rateLimitCost - before.rateLimitCost,
            retries - before.retries,
            truncatedLists - before.truncatedLists,
            graphqlRequests - before.graphqlRequests,
            graphqlPoints - before.graphqlPoints};
  }
};

// Said before a failed read is tried again, so a console can print "retrying (2 of 3)…".
struct RetryNotice {
  int attempt = 0;                     // the attempt about to be made, from 2
  int attempts = 0;                    // the most there will be (maxRetries + 1)
  std::chrono::milliseconds delay{0};  // the wait before it
  std::string reason;                  // retryReason() of the failure: "server error 502"
  std::string subject;                 // what the request was for
};
using RetryObserver = std::function<void(const RetryNotice&)>;

class GitHubClient {
 public:
  GitHubClient(Transport& transport, Scheduler& scheduler, GitHubClientConfig config);
  ~GitHubClient();
  GitHubClient(const GitHubClient&) = delete;
  GitHubClient& operator=(const GitHubClient&) = delete;

  const GitHubClientConfig& config() const;
  const RequestCounters& counters() const;
  // The scheduler's time (when answers are stored in the cache).
  std::chrono::system_clock::time_point now() const;
  // The latest x-ratelimit-* headers seen, if any.
  std::optional<RateLimit> lastRateLimit() const;
  // The latest GraphQL rateLimit an answer reported, if any.
  std::optional<GraphQLRateLimit> lastGraphQLRateLimit() const;
  // Called on the transport's thread each time a read is scheduled to be tried again.
  void setRetryObserver(RetryObserver observer);

  // The ETag cache the client reads and fills: its own, in memory, unless another is set (the
  // console loads one from disk before a command and saves it after).
  void setCache(std::shared_ptr<EtagCache> cache);
  const std::shared_ptr<EtagCache>& cache() const;
  // Remembers the refusals of reads (403: the token lacks a permission) for `span`, for the token
  // `tokenKey` stands for (a digest, never the token itself; refusals are kept in the cache under
  // it): within the span, the same read by the same token is refused again without a request, the
  // message saying when GitHub said so, and `askNow` (how to ask at once, e.g. "`releasedesk-cli
  // doctor` asks now") when given. A refusal costs a rate-limit point every time and carries no
  // ETag; this makes a repeated console command free. Empty key: nothing is remembered or served.
  void rememberRefusals(std::string tokenKey, std::chrono::seconds span, std::string askNow = {});
  // Whether this client's cache is read again later (true, the default: the desk refreshes, the
  // console saves it for the next command). False for a console command without a cache: the
  // reads that only make a later read cheaper (getFileIfPresent's listing) are not sent.
  void setAnswersKept(bool kept);
  // Records every exchange (null: none).
  void setTrace(std::shared_ptr<RequestTrace> trace);
  const std::shared_ptr<RequestTrace>& trace() const;

  // Repository and environment.
  void getRepository(ResultCallback<Repository> done);
  void getEnvironment(const std::string& environment, ResultCallback<GitHubEnvironment> done);
  // `environment` is used only for ConfigLevel::Environment. Organization level lists the
  // organization variables and secrets visible to the repository.
  void listVariables(ConfigLevel level, const std::string& environment, ResultCallback<std::vector<Variable>> done);
  void listSecrets(ConfigLevel level, const std::string& environment, ResultCallback<std::vector<Secret>> done);

  // Workflow runs and jobs.
  void listWorkflowRuns(const std::string& workflowFile, const RunFilter& filter,
                        ResultCallback<std::vector<WorkflowRun>> done);
  void getRun(std::int64_t runId, ResultCallback<WorkflowRun> done);
  // A completed run's jobs never change: with `runCompleted`, an answer kept earlier is served
  // without a request.
  void listJobs(std::int64_t runId, ResultCallback<std::vector<Job>> done, bool runCompleted = false);

  // Approvals.
  void listPendingDeployments(std::int64_t runId, ResultCallback<std::vector<PendingDeployment>> done);
  void reviewPendingDeployments(std::int64_t runId, const std::vector<std::int64_t>& environmentIds, bool approve,
                                const std::string& comment, ResultCallback<Done> done);
  void listApprovals(std::int64_t runId, ResultCallback<std::vector<Approval>> done);

  // Deployments.
  void listDeployments(const std::string& environment, ResultCallback<std::vector<Deployment>> done);
  void listDeploymentStatuses(std::int64_t deploymentId, ResultCallback<std::vector<DeploymentStatus>> done);

  // Artifacts. The download follows GitHub's redirect to its storage host, without the token.
  // A completed run's artifact list never changes: with `runCompleted`, as for listJobs.
  void listArtifacts(std::int64_t runId, ResultCallback<std::vector<Artifact>> done, bool runCompleted = false);
  void downloadArtifact(std::int64_t artifactId, ResultCallback<std::string> done);

  // workflow_dispatch. Not idempotent: never retried.
  void dispatchWorkflow(const DispatchRequest& request, ResultCallback<DispatchResult> done);

  // Code.
  void getBranch(const std::string& branch, ResultCallback<Branch> done);
  void getCommit(const std::string& ref, ResultCallback<Commit> done);
  // Where `head` stands against `base` (GET /compare/{base}...{head}; one page, only the status
  // and counts are read).
  void compareCommits(const std::string& base, const std::string& head, ResultCallback<CommitComparison> done);
  void getFileContents(const std::string& path, const std::string& ref, ResultCallback<FileContents> done);
  // The entries of `folder` ("" for the repository's root).
  void listFolder(const std::string& folder, const std::string& ref, ResultCallback<std::vector<FolderEntry>> done);
  // A file the repository may well not have (absent: nullopt), asked for so that a repeated read
  // costs nothing while nothing changed. GitHub sends no ETag with a 404, so an absent file would
  // be asked for in full every time; instead the listing of the folder above the file's folder is
  // read alongside (a folder that exists answers with an ETag: asking again is a free 304). Once
  // that listing, kept in the cache, shows the file's folder absent, only the listing is asked.
  // A file at the root or in a top-level folder is probed by the root's listing. A client whose
  // answers are not kept for later (setAnswersKept(false)) asks for the file alone.
  void getFileIfPresent(const std::string& path, const std::string& ref,
                        ResultCallback<std::optional<FileContents>> done);

  void getRateLimit(ResultCallback<RateLimit> done);

  // GraphQL. One read POSTed to graphqlUrlFor(apiBase): a query never changes GitHub, so it is
  // retried like a GET; it is never cached. `done` gets the body of a 200 answer (GraphQL's own
  // errors are inside it); any other answer is a GitHubError. `what` names it in messages.
  void postGraphQL(std::string body, const std::string& what, ResultCallback<std::string> done);
  // Whether batched reads may use GraphQL: configured on and not failed on this client.
  bool graphqlEnabled() const;
  // Why GraphQL is no longer used here ("" while it is), for the trace and `doctor`.
  const std::string& graphqlUnavailableReason() const;
  // After a GraphQL request failed as a whole: every later batched read goes over REST.
  void disableGraphQL(std::string reason);
  // Counts an answer's reported cost and keeps it as the latest GraphQL rate limit.
  void recordGraphQLRateLimit(const GraphQLRateLimit& rate);
  // The budget alone (operation RateLimit), for `doctor`.
  void getGraphQLRateLimit(ResultCallback<GraphQLRateLimit> done);

  // The URLs of the REST reads whose answers batched reads keep in the cache (see batched_reads.h).
  std::string jobsUrl(std::int64_t runId) const;
  std::string deploymentStatusesUrl(std::int64_t deploymentId) const;
  std::string commitUrl(const std::string& sha) const;
  // The token's user, for the decision journal. GitHub App installation tokens (GITHUB_TOKEN in
  // Actions) are refused with 403: the login is then unknown.
  void getCurrentUser(ResultCallback<User> done);

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace releasedesk
