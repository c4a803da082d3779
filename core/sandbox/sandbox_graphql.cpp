// The sandbox's GraphQL endpoint (POST /graphql, or /api/graphql beside a GitHub Enterprise style
// base): not a GraphQL engine, but the three operations the client sends (core/github/
// github_graphql.h), dispatched on `operationName` and answered in exactly the shape their
// documents ask for. Every value is taken from the REST answer for the same object at the same
// moment (jobsJson, deploymentStatusJson, commitJson), so a timeline read over GraphQL equals one
// read over REST.
//
// As GitHub does: a request GraphQL cannot run (not JSON, an unknown operation, a missing or
// invalid variable, the budget spent) is HTTP 200 with `errors` and no `data`; an id or a sha it
// does not know is null beside a NOT_FOUND error. GraphQL spends its own budget in points (one per
// query here), not the REST one, and says so in the x-ratelimit-* headers (resource "graphql").
#include "core/sandbox/sandbox_api.h"
#include "core/sandbox/sandbox_records.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk::sandbox {
namespace {

// What one object of the documents holds at most (the documents' `first:`).
constexpr std::size_t kCheckRunsPerRun = 50;
constexpr std::size_t kStepsPerCheckRun = 50;
constexpr std::size_t kStatusesPerDeployment = 100;
constexpr std::size_t kMaxNodeIds = 100;

ApiReply graphqlReply(const Json& body) {
  ApiReply reply = jsonReply(200, body);
  reply.countsAgainstRateLimit = false;  // GraphQL's budget is its own (see answerGraphQL)
  reply.rateResource = "graphql";
  return reply;
}

// GraphQL's answer to a request it could not run: errors, no data.
ApiReply graphqlError(const std::string& message, const std::string& type = {}) {
  Json error{{"message", message}};
  if (!type.empty()) error["type"] = type;
  return graphqlReply(Json{{"errors", Json::array({error})}});
}

// REST's lower-case words (in_progress, success) as GraphQL's enum values (IN_PROGRESS, SUCCESS).
Json enumValue(const Json& restWord) {
  if (!restWord.is_string() || restWord.get<std::string>().empty()) return nullptr;
  std::string word = restWord.get<std::string>();
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return word;
}

// A URI field: GraphQL has null where REST has "".
Json uriValue(const Json& restValue) {
  return restValue.is_string() && !restValue.get<std::string>().empty() ? restValue : Json(nullptr);
}

// A connection of `items` cut to its first `first`, with the full totalCount.
Json connection(const Json& items, std::size_t first) {
  Json nodes = Json::array();
  for (std::size_t i = 0; i < items.size() && i < first; ++i) nodes.push_back(items[i]);
  return {{"totalCount", items.size()}, {"nodes", std::move(nodes)}};
}

Json checkRunNode(const Json& job) {
  Json steps = Json::array();
  for (const Json& step : job.at("steps")) {
    steps.push_back({{"name", step.at("name")},
                     {"status", enumValue(step.at("status"))},
                     {"conclusion", enumValue(step.at("conclusion"))},
                     {"number", step.at("number")},
                     {"startedAt", step.at("started_at")},
                     {"completedAt", step.at("completed_at")}});
  }
  return {{"databaseId", job.at("id")},
          {"name", job.at("name")},
          {"status", enumValue(job.at("status"))},
          {"conclusion", enumValue(job.at("conclusion"))},
          {"startedAt", job.at("started_at")},
          {"completedAt", job.at("completed_at")},
          {"steps", connection(steps, kStepsPerCheckRun)}};
}

// A WorkflowRun: its check suite's latest check runs are the latest attempt's jobs.
Json workflowRunNode(const JsonContext& view, const RunRecord& run) {
  Json checkRuns = Json::array();
  for (const Json& job : jobsJson(view, run, false)) checkRuns.push_back(checkRunNode(job));
  return {{"__typename", "WorkflowRun"},
          {"databaseId", run.id},
          {"url", runJson(view, run).at("html_url")},
          {"checkSuite", {{"checkRuns", connection(checkRuns, kCheckRunsPerRun)}}}};
}

// A Deployment: its statuses oldest first, as GitHub's connection lists them (REST lists them
// newest first).
Json deploymentNode(const JsonContext& view, const DeploymentSnapshot& deployment) {
  Json statuses = Json::array();
  for (auto it = deployment.statuses.rbegin(); it != deployment.statuses.rend(); ++it) {
    const Json rest = deploymentStatusJson(view, deployment, *it);
    statuses.push_back({{"state", enumValue(rest.at("state"))},
                        {"description", rest.at("description")},
                        {"environmentUrl", uriValue(rest.at("environment_url"))},
                        {"logUrl", uriValue(rest.at("log_url"))},
                        {"createdAt", rest.at("created_at")},
                        {"creator", {{"login", rest.at("creator").at("login")}}}});
  }
  return {{"__typename", "Deployment"},
          {"databaseId", deployment.id},
          {"statuses", connection(statuses, kStatusesPerDeployment)}};
}

Json notFoundError(const std::string& message, Json path) {
  return {{"type", "NOT_FOUND"}, {"path", std::move(path)}, {"message", message}};
}

// Spends one query's points from GraphQL's own window (an hour, like REST's) and gives
// data.rateLimit as it stands after; std::nullopt when the window is spent. Only a query that
// runs costs anything: one GraphQL refuses before running is free.
std::optional<Json> spendPoints(RepositoryState& state, TimePoint at) {
  constexpr int kCost = 1;
  RateWindow& rate = state.graphqlRate;
  if (at >= rate.resetAt) {
    rate.used = 0;
    rate.resetAt = at + std::chrono::hours(1);
  }
  if (rate.used + kCost > rate.limit) return std::nullopt;
  rate.used += kCost;
  return Json{{"cost", kCost},
              {"limit", rate.limit},
              {"remaining", rate.limit - rate.used},
              {"used", rate.used},
              {"resetAt", iso(rate.resetAt)}};
}

ApiReply rateLimited() {
  return graphqlError("API rate limit exceeded for user ID 5210443.", "RATE_LIMITED");
}

ApiReply timelineNodes(RepositoryState& state, const ApiRequest& request, const Json& variables) {
  const auto ids = variables.find("ids");
  if (ids == variables.end() || !ids->is_array() ||
      !std::all_of(ids->begin(), ids->end(), [](const Json& id) { return id.is_string(); })) {
    return graphqlError("Variable $ids of type [ID!]! was provided invalid value");
  }
  if (ids->size() > kMaxNodeIds) {
    return graphqlError("You may not request more than " + std::to_string(kMaxNodeIds) + " nodes at once.",
                        "EXCESSIVE_PAGINATION");
  }
  auto rateLimit = spendPoints(state, request.at);
  if (!rateLimit) return rateLimited();
  const JsonContext view = jsonContextOf(state, request);
  std::map<std::string, const RunRecord*> runs;
  for (const RunRecord& run : state.runs) {
    if (run.createdAt <= request.at) runs.emplace(nodeId("WFR", run.id), &run);
  }
  const std::vector<DeploymentSnapshot> deployments = deploymentsAt(state, request.at);
  std::map<std::string, const DeploymentSnapshot*> deploymentsById;
  for (const DeploymentSnapshot& deployment : deployments)
    deploymentsById.emplace(nodeId("DE", deployment.id), &deployment);

  Json nodes = Json::array();
  Json errors = Json::array();
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const std::string id = (*ids)[i].get<std::string>();
    if (const auto run = runs.find(id); run != runs.end()) {
      nodes.push_back(workflowRunNode(view, *run->second));
    } else if (const auto deployment = deploymentsById.find(id); deployment != deploymentsById.end()) {
      nodes.push_back(deploymentNode(view, *deployment->second));
    } else {
      nodes.push_back(nullptr);
      errors.push_back(
          notFoundError("Could not resolve to a node with the global id of '" + id + "'", Json::array({"nodes", i})));
    }
  }
  Json body{{"data", {{"rateLimit", std::move(*rateLimit)}, {"nodes", std::move(nodes)}}}};
  if (!errors.empty()) body["errors"] = std::move(errors);
  return graphqlReply(body);
}

bool isFullSha(const std::string& text) {
  return text.size() == 40 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) && !std::isupper(c); });
}

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// CommitTimes declares $o0 … $o<n-1>; every one of them needs a full sha.
ApiReply commitTimes(RepositoryState& state, const ApiRequest& request, const std::string& query,
                     const Json& variables) {
  const auto text = [&](const char* key) {
    const auto it = variables.find(key);
    return it != variables.end() && it->is_string() ? std::optional<std::string>(it->get<std::string>()) : std::nullopt;
  };
  const auto owner = text("owner");
  const auto name = text("name");
  if (!owner) return graphqlError("Variable $owner of type String! was provided invalid value");
  if (!name) return graphqlError("Variable $name of type String! was provided invalid value");
  std::vector<std::string> shas;
  for (std::size_t i = 0; query.find("$o" + std::to_string(i) + ":") != std::string::npos; ++i) {
    const std::string variable = "o" + std::to_string(i);
    const auto sha = text(variable.c_str());
    if (!sha || !isFullSha(*sha)) {
      return graphqlError("Variable $" + variable + " of type GitObjectID! was provided invalid value");
    }
    shas.push_back(*sha);
  }
  auto rateLimit = spendPoints(state, request.at);
  if (!rateLimit) return rateLimited();
  Json data{{"rateLimit", std::move(*rateLimit)}};
  if (!sameName(*owner, state.repository.owner) || !sameName(*name, state.repository.name)) {
    data["repository"] = nullptr;
    return graphqlReply(Json{{"data", std::move(data)},
                             {"errors", Json::array({notFoundError("Could not resolve to a Repository with the name '" +
                                                                       *owner + "/" + *name + "'.",
                                                                   Json::array({"repository"}))})}});
  }
  const JsonContext view = jsonContextOf(state, request);
  Json repository = Json::object();
  for (std::size_t i = 0; i < shas.size(); ++i) {
    const CommitRecord* commit = state.commit(shas[i]);
    const std::string alias = "c" + std::to_string(i);
    if (!commit || commit->sha != shas[i] || commit->at > request.at) {
      repository[alias] = nullptr;
      continue;
    }
    const Json rest = commitJson(view, *commit);
    repository[alias] = {{"oid", commit->sha},
                         {"committedDate", rest.at("commit").at("committer").at("date")},
                         {"authoredDate", rest.at("commit").at("author").at("date")}};
  }
  data["repository"] = std::move(repository);
  return graphqlReply(Json{{"data", std::move(data)}});
}

// Whether the document defines the operation `name` ("query <name>" followed by "(", "{" or a space).
bool definesOperation(const std::string& document, const std::string& name) {
  if (name.empty()) return false;
  const std::string head = "query " + name;
  for (auto at = document.find(head); at != std::string::npos; at = document.find(head, at + 1)) {
    const std::size_t after = at + head.size();
    if (after == document.size() || document[after] == '(' || document[after] == '{' || document[after] == ' ' ||
        document[after] == '\n') {
      return true;
    }
  }
  return false;
}

// The name of the document's first operation, for a request without operationName.
std::string firstOperationName(const std::string& document) {
  const auto start = document.find("query ");
  if (start == std::string::npos) return {};
  std::size_t end = start + 6;
  while (end < document.size() && (std::isalnum(static_cast<unsigned char>(document[end])) || document[end] == '_'))
    ++end;
  return document.substr(start + 6, end - start - 6);
}

}  // namespace

ApiReply answerGraphQL(RepositoryState& state, const ApiRequest& request, const RouteParams&) {
  const Json body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return graphqlError("Problems parsing JSON");
  const auto query = body.find("query");
  if (query == body.end() || !query->is_string() || query->get<std::string>().empty()) {
    return graphqlError("A query attribute must be specified and must be a string.");
  }
  const std::string document = query->get<std::string>();
  const auto name = body.find("operationName");
  const std::string operation =
      name != body.end() && name->is_string() ? name->get<std::string>() : firstOperationName(document);
  const bool known = operation == "TimelineNodes" || operation == "CommitTimes" || operation == "RateLimit";
  if (!known || !definesOperation(document, operation)) {
    return graphqlError("Unknown operation named \"" + operation + "\".");
  }
  const auto variables = body.find("variables");
  if (variables != body.end() && !variables->is_object() && !variables->is_null()) {
    return graphqlError("Variables must be an object.");
  }
  const Json& given = variables != body.end() && variables->is_object() ? *variables : Json::object();

  if (operation == "TimelineNodes") return timelineNodes(state, request, given);
  if (operation == "CommitTimes") return commitTimes(state, request, document, given);
  auto rateLimit = spendPoints(state, request.at);
  if (!rateLimit) return rateLimited();
  return graphqlReply(Json{{"data", {{"rateLimit", std::move(*rateLimit)}}}});
}

}  // namespace releasedesk::sandbox
