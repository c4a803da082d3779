// One API exchange inside the sandbox: the parsed request, the reply before the common
// headers, GitHub's error bodies, pagination, and the route table.
#pragma once

#include "core/github/http.h"
#include "core/sandbox/sandbox_json.h"
#include "core/sandbox/sandbox_state.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace releasedesk::sandbox {

using Json = nlohmann::json;

struct ApiRequest {
  std::string method;                 // upper case
  std::string path;                   // as sent, without the query
  std::vector<std::string> segments;  // decoded path segments, without any /api/v3 prefix
  std::string rawQuery;
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  std::string origin;                                      // scheme://host[:port] the request came to
  std::string apiRoot;  // the origin, plus "/api/v3" when the request used GitHub Enterprise's prefix
  std::string body;
  TimePoint at;

  // The first value of `key`; empty when absent.
  std::string queryValue(std::string_view key) const;
  bool hasQuery(std::string_view key) const;
};

struct ApiReply {
  int status = 200;
  std::string body;
  HttpHeaders headers;  // route-specific: Link, Location, X-Accepted-GitHub-Permissions
  std::string contentType = "application/json; charset=utf-8";
  bool countsAgainstRateLimit = true;
  bool isApi = true;                  // false for the artifact storage host: no rate-limit headers there
  std::string rateResource = "core";  // whose budget the x-ratelimit-* headers show: "core" or "graphql"
};

using RouteParams = std::map<std::string, std::string>;

// A numeric id from the path (run_id, artifact_id); std::nullopt when it is not a number.
std::optional<std::int64_t> idParam(const RouteParams& params, const char* key);

// How the request's answer renders records: at its moment, with links back to its origin.
JsonContext jsonContextOf(const RepositoryState& state, const ApiRequest& request);

ApiReply jsonReply(int status, const Json& body);
ApiReply errorReply(int status, std::string message, std::string documentationUrl = "https://docs.github.com/rest");
ApiReply notFound();
ApiReply validationFailed(std::string message, std::string documentationUrl = "https://docs.github.com/rest");
ApiReply problemsParsingJson();

// One page of `items` as GitHub pages lists: per_page (default 30, at most `maxPerPage`) and
// page, with an absolute Link header (prev, next, last, first) when there is more than one
// page. `envelope` names the array inside {"total_count": n, "<envelope>": [...]}; empty for a
// bare array.
ApiReply pagedReply(const ApiRequest& request, const std::vector<Json>& items, const std::string& envelope,
                    int maxPerPage = 100);

// Finds the route for the request and answers it (sandbox_routes.cpp).
ApiReply routeApiRequest(RepositoryState& state, const ApiRequest& request);

// POST /graphql: the GraphQL operations the client sends (sandbox_graphql.cpp).
ApiReply answerGraphQL(RepositoryState& state, const ApiRequest& request, const RouteParams& params);

// The requests that change the repository (sandbox_actions.cpp).
ApiReply dispatchWorkflow(RepositoryState& state, const ApiRequest& request, const RouteParams& params);
ApiReply reviewPendingDeployments(RepositoryState& state, const ApiRequest& request, const RouteParams& params);

}  // namespace releasedesk::sandbox
