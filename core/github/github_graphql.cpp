#include "core/github/github_graphql.h"

#include "core/github/json_fields.h"
#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kRateLimitSelection = "rateLimit { cost limit remaining used resetAt }";

// The check runs of a WorkflowRun's suite are its jobs; LATEST leaves out the attempts a re-run
// replaced, as REST's jobs list does by default. GraphQL's cost counts the connections a query
// may open: 100 runs × 20 check runs is about 21 points a request (steps add nodes, not points),
// where REST spends a point per run. A run with more jobs than that is read over REST.
constexpr std::string_view kTimelineNodes = R"(query TimelineNodes($ids: [ID!]!) {
  rateLimit { cost limit remaining used resetAt }
  nodes(ids: $ids) {
    __typename
    ... on WorkflowRun {
      databaseId
      url
      checkSuite {
        checkRuns(first: 20, filterBy: {checkType: LATEST}) {
          totalCount
          nodes {
            databaseId
            name
            status
            conclusion
            startedAt
            completedAt
            steps(first: 50) {
              totalCount
              nodes { name status conclusion number startedAt completedAt }
            }
          }
        }
      }
    }
    ... on Deployment {
      databaseId
      statuses(first: 100) {
        totalCount
        nodes { state description environmentUrl logUrl createdAt creator { login } }
      }
    }
  }
}
)";

constexpr std::string_view kRateLimit = R"(query RateLimit {
  rateLimit { cost limit remaining used resetAt }
}
)";

using jsonfields::i64;
using jsonfields::member;
using jsonfields::str;

// GraphQL's enums (IN_PROGRESS, SUCCESS) as REST spells them (in_progress, success).
std::string restWord(const Json& j, const char* key) {
  std::string word = str(j, key);
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return word;
}

// A connection read whole: its nodes when every one of totalCount is among them.
const Json* wholeNodes(const Json& connection) {
  const auto nodes = connection.find("nodes");
  if (nodes == connection.end() || !nodes->is_array()) return nullptr;
  if (i64(connection, "totalCount") > static_cast<std::int64_t>(nodes->size())) return nullptr;
  return &*nodes;
}

// The body read whole (trailing bytes are not JSON), its errors and budget; `data` on success.
const Json* readAnswer(const Json& doc, GraphQLAnswer& answer) {
  if (doc.is_discarded() || !doc.is_object()) {
    answer.problem = "the GraphQL answer is not a JSON object";
    return nullptr;
  }
  if (const auto errors = doc.find("errors"); errors != doc.end() && errors->is_array()) {
    for (const Json& e : *errors) {
      const std::string message = e.is_object() ? str(e, "message") : std::string();
      answer.errors.push_back(message.empty() ? std::string("an error without a message") : message);
    }
  }
  const auto data = doc.find("data");
  if (data == doc.end() || !data->is_object()) {
    answer.problem = answer.errors.empty() ? "the GraphQL answer has no data"
                                           : "GraphQL refused the query: " + answer.errors.front();
    return nullptr;
  }
  const Json& rate = member(*data, "rateLimit");
  if (rate.contains("remaining")) {
    GraphQLRateLimit limit;
    limit.cost = static_cast<int>(i64(rate, "cost"));
    limit.limit = static_cast<int>(i64(rate, "limit"));
    limit.remaining = static_cast<int>(i64(rate, "remaining"));
    limit.used = static_cast<int>(i64(rate, "used"));
    limit.resetAt = parseIsoTime(str(rate, "resetAt"));
    answer.rateLimit = limit;
  }
  return &*data;
}

// The whole body is the document: one followed by a NUL and junk, or by another, is not JSON.
Json parseBody(std::string_view body) {
  return readJsonInput<Json>(body).document;
}

std::optional<std::vector<Job>> jobsOfRun(const Json& run, std::int64_t runId) {
  const Json* checkRuns = wholeNodes(member(member(run, "checkSuite"), "checkRuns"));
  if (checkRuns == nullptr) return std::nullopt;
  const std::string runUrl = str(run, "url");
  std::vector<Job> jobs;
  for (const Json& c : *checkRuns) {
    if (!c.is_object()) return std::nullopt;
    Job job;
    job.id = i64(c, "databaseId");
    job.runId = runId;
    job.name = str(c, "name");
    job.status = restWord(c, "status");
    job.conclusion = restWord(c, "conclusion");
    if (!runUrl.empty() && job.id != 0) job.htmlUrl = runUrl + "/job/" + std::to_string(job.id);
    job.startedAt = parseIsoTime(str(c, "startedAt"));
    job.completedAt = parseIsoTime(str(c, "completedAt"));
    const Json* steps = wholeNodes(member(c, "steps"));
    if (steps == nullptr) return std::nullopt;
    for (const Json& s : *steps) {
      if (!s.is_object()) return std::nullopt;
      job.steps.push_back({str(s, "name"), restWord(s, "status"), restWord(s, "conclusion"),
                           static_cast<int>(i64(s, "number")), parseIsoTime(str(s, "startedAt")),
                           parseIsoTime(str(s, "completedAt"))});
    }
    jobs.push_back(std::move(job));
  }
  return jobs;
}

std::optional<std::vector<DeploymentStatus>> statusesOfDeployment(const Json& deployment) {
  const Json* nodes = wholeNodes(member(deployment, "statuses"));
  if (nodes == nullptr) return std::nullopt;
  std::vector<DeploymentStatus> statuses;
  for (const Json& s : *nodes) {
    if (!s.is_object()) return std::nullopt;
    statuses.push_back({0, restWord(s, "state"), str(s, "description"), str(s, "environmentUrl"), str(s, "logUrl"),
                        str(member(s, "creator"), "login"), parseIsoTime(str(s, "createdAt"))});
  }
  // Newest first, as REST lists them; ids count up from the oldest. GraphQL lists a deployment's
  // statuses oldest first: reversed before the sort, two in the same second keep REST's order.
  std::reverse(statuses.begin(), statuses.end());
  std::stable_sort(statuses.begin(), statuses.end(), [](const DeploymentStatus& a, const DeploymentStatus& b) {
    return a.createdAt.value_or(TimePoint{}) > b.createdAt.value_or(TimePoint{});
  });
  for (std::size_t i = 0; i < statuses.size(); ++i) statuses[i].id = static_cast<std::int64_t>(statuses.size() - i);
  return statuses;
}

std::string requestBody(std::string_view document, std::string_view operation, Json variables) {
  return Json{{"query", document}, {"operationName", operation}, {"variables", std::move(variables)}}.dump();
}

}  // namespace

std::string graphqlUrlFor(std::string_view apiBase) {
  std::string base(apiBase);
  while (!base.empty() && base.back() == '/') base.pop_back();
  constexpr std::string_view kEnterpriseRest = "/api/v3";
  if (base.size() >= kEnterpriseRest.size() &&
      base.compare(base.size() - kEnterpriseRest.size(), kEnterpriseRest.size(), kEnterpriseRest) == 0) {
    return base.substr(0, base.size() - kEnterpriseRest.size()) + "/api/graphql";
  }
  return base + "/graphql";
}

std::string_view timelineNodesDocument() {
  return kTimelineNodes;
}

std::string commitTimesDocument(std::size_t count) {
  count = std::max<std::size_t>(count, 1);  // a selection cannot be empty
  std::string variables = "$owner: String!, $name: String!";
  std::string fields;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string n = std::to_string(i);
    variables += ", $o" + n + ": GitObjectID!";
    fields += "    c" + n + ": object(oid: $o" + n + ") { ... on Commit { oid committedDate authoredDate } }\n";
  }
  return "query CommitTimes(" + variables + ") {\n  " + std::string(kRateLimitSelection) +
         "\n  repository(owner: $owner, name: $name) {\n" + fields + "  }\n}\n";
}

std::string_view rateLimitDocument() {
  return kRateLimit;
}

std::string timelineNodesRequest(const std::vector<std::string>& nodeIds) {
  return requestBody(kTimelineNodes, "TimelineNodes", Json{{"ids", nodeIds}});
}

std::string commitTimesRequest(const RepoRef& repo, const std::vector<std::string>& shas) {
  Json variables{{"owner", repo.owner}, {"name", repo.name}};
  for (std::size_t i = 0; i < shas.size(); ++i) variables["o" + std::to_string(i)] = shas[i];
  return requestBody(commitTimesDocument(shas.size()), "CommitTimes", std::move(variables));
}

std::string rateLimitRequest() {
  return requestBody(kRateLimit, "RateLimit", Json::object());
}

TimelineNodesAnswer parseTimelineNodes(std::string_view body) {
  TimelineNodesAnswer answer;
  const Json doc = parseBody(body);
  const Json* data = readAnswer(doc, answer);
  if (data == nullptr) return answer;
  const auto nodes = data->find("nodes");
  if (nodes == data->end() || !nodes->is_array()) {
    answer.problem = "the GraphQL answer has no nodes";
    return answer;
  }
  for (const Json& node : *nodes) {
    if (!node.is_object()) continue;  // null: that id is gone or hidden; REST will say why
    const std::string type = str(node, "__typename");
    const std::int64_t id = i64(node, "databaseId");
    if (id == 0) continue;
    if (type == "WorkflowRun") {
      if (auto jobs = jobsOfRun(node, id)) answer.jobs[id] = std::move(*jobs);
    } else if (type == "Deployment") {
      if (auto statuses = statusesOfDeployment(node)) answer.statuses[id] = std::move(*statuses);
    }
  }
  return answer;
}

CommitTimesAnswer parseCommitTimes(std::string_view body, const std::vector<std::string>& shas) {
  CommitTimesAnswer answer;
  const Json doc = parseBody(body);
  const Json* data = readAnswer(doc, answer);
  if (data == nullptr) return answer;
  const auto repository = data->find("repository");
  if (repository == data->end() || !repository->is_object()) {
    answer.problem = "the GraphQL answer has no repository";
    return answer;
  }
  for (std::size_t i = 0; i < shas.size(); ++i) {
    const auto object = repository->find("c" + std::to_string(i));
    if (object == repository->end()) continue;
    if (object->is_null()) {
      answer.unknown.push_back(shas[i]);
      continue;
    }
    if (!object->is_object() || str(*object, "oid") != shas[i]) continue;
    Commit commit;
    commit.sha = shas[i];
    commit.committedAt = parseIsoTime(str(*object, "committedDate"));
    commit.authoredAt = parseIsoTime(str(*object, "authoredDate"));
    if (!commit.committedAt && !commit.authoredAt) continue;
    answer.commits[shas[i]] = std::move(commit);
  }
  return answer;
}

GraphQLAnswer parseRateLimitAnswer(std::string_view body) {
  GraphQLAnswer answer;
  const Json doc = parseBody(body);
  if (readAnswer(doc, answer) != nullptr && !answer.rateLimit) answer.problem = "the GraphQL answer has no rateLimit";
  return answer;
}

namespace {
Json isoOrNull(const OptionalTime& time) {
  return time ? Json(formatIsoTime(*time)) : Json(nullptr);
}
}  // namespace

std::string jobsAsRestJson(const std::vector<Job>& jobs) {
  Json list = Json::array();
  for (const Job& job : jobs) {
    Json steps = Json::array();
    for (const JobStep& s : job.steps) {
      steps.push_back({{"name", s.name},
                       {"status", s.status},
                       {"conclusion", s.conclusion.empty() ? Json(nullptr) : Json(s.conclusion)},
                       {"number", s.number},
                       {"started_at", isoOrNull(s.startedAt)},
                       {"completed_at", isoOrNull(s.completedAt)}});
    }
    list.push_back({{"id", job.id},
                    {"run_id", job.runId},
                    {"run_attempt", job.runAttempt},
                    {"name", job.name},
                    {"status", job.status},
                    {"conclusion", job.conclusion.empty() ? Json(nullptr) : Json(job.conclusion)},
                    {"html_url", job.htmlUrl},
                    {"created_at", isoOrNull(job.createdAt)},
                    {"started_at", isoOrNull(job.startedAt)},
                    {"completed_at", isoOrNull(job.completedAt)},
                    {"steps", std::move(steps)}});
  }
  return Json{{"total_count", jobs.size()}, {"jobs", std::move(list)}}.dump();
}

std::string statusesAsRestJson(const std::vector<DeploymentStatus>& statuses) {
  Json list = Json::array();
  for (const DeploymentStatus& s : statuses) {
    list.push_back({{"id", s.id},
                    {"state", s.state},
                    {"description", s.description},
                    {"environment_url", s.environmentUrl},
                    {"log_url", s.logUrl},
                    {"creator", {{"login", s.creator}}},
                    {"created_at", isoOrNull(s.createdAt)}});
  }
  return list.dump();
}

std::string commitAsRestJson(const Commit& commit) {
  return Json{{"sha", commit.sha},
              {"html_url", commit.htmlUrl},
              {"commit",
               {{"message", commit.message},
                {"author", {{"name", commit.author}, {"date", isoOrNull(commit.authoredAt)}}},
                {"committer", {{"date", isoOrNull(commit.committedAt)}}}}}}
      .dump();
}

}  // namespace releasedesk
