// GitHub-shaped replies inside the sandbox: error bodies and Link-header pagination.
#include "core/sandbox/sandbox_api.h"

#include <algorithm>
#include <cctype>

namespace releasedesk::sandbox {
namespace {

int positiveNumber(const std::string& text, int fallback) {
  if (text.empty() || text.size() > 6 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return fallback;
  }
  const int value = std::stoi(text);
  return value > 0 ? value : fallback;
}

// The request URL with `page` set, keeping every other parameter as it was sent.
std::string pageUrl(const ApiRequest& request, int page) {
  std::string query;
  std::string_view raw = request.rawQuery;
  while (!raw.empty()) {
    const auto end = raw.find('&');
    const std::string_view part = raw.substr(0, end);
    if (!part.empty() && !part.starts_with("page=")) query.append(part).append("&");
    raw = end == std::string_view::npos ? std::string_view() : raw.substr(end + 1);
  }
  return request.origin + request.path + "?" + query + "page=" + std::to_string(page);
}

std::string linkHeader(const ApiRequest& request, int page, int lastPage) {
  std::vector<std::string> links;
  const auto add = [&](int target, const char* rel) {
    links.push_back("<" + pageUrl(request, target) + ">; rel=\"" + rel + "\"");
  };
  if (page > 1) add(std::min(page - 1, lastPage), "prev");
  if (page < lastPage) add(page + 1, "next");
  if (page < lastPage) add(lastPage, "last");
  if (page > 1) add(1, "first");
  std::string header;
  for (const std::string& link : links) header += (header.empty() ? "" : ", ") + link;
  return header;
}

}  // namespace

JsonContext jsonContextOf(const RepositoryState& state, const ApiRequest& request) {
  return {state, request.at, request.origin, request.apiRoot};
}

std::optional<std::int64_t> idParam(const RouteParams& params, const char* key) {
  const auto it = params.find(key);
  if (it == params.end()) return std::nullopt;
  const std::string& text = it->second;
  if (text.empty() || text.size() > 18 ||
      !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  return std::stoll(text);
}

std::string ApiRequest::queryValue(std::string_view key) const {
  const auto it = std::find_if(query.begin(), query.end(), [&](const auto& p) { return p.first == key; });
  return it == query.end() ? std::string() : it->second;
}

bool ApiRequest::hasQuery(std::string_view key) const {
  return std::any_of(query.begin(), query.end(), [&](const auto& p) { return p.first == key; });
}

ApiReply jsonReply(int status, const Json& body) {
  ApiReply reply;
  reply.status = status;
  reply.body = body.dump();
  return reply;
}

ApiReply errorReply(int status, std::string message, std::string documentationUrl) {
  return jsonReply(status, {{"message", std::move(message)},
                            {"documentation_url", std::move(documentationUrl)},
                            {"status", std::to_string(status)}});
}

ApiReply notFound() {
  return errorReply(404, "Not Found");
}

ApiReply validationFailed(std::string message, std::string documentationUrl) {
  return errorReply(422, std::move(message), std::move(documentationUrl));
}

ApiReply problemsParsingJson() {
  return errorReply(400, "Problems parsing JSON");
}

ApiReply pagedReply(const ApiRequest& request, const std::vector<Json>& items, const std::string& envelope,
                    int maxPerPage) {
  const int perPage = std::min(positiveNumber(request.queryValue("per_page"), 30), maxPerPage);
  const int page = positiveNumber(request.queryValue("page"), 1);
  const int total = static_cast<int>(items.size());
  const int lastPage = std::max(1, (total + perPage - 1) / perPage);
  Json slice = Json::array();
  const long long first = static_cast<long long>(page - 1) * perPage;
  for (long long i = first; i < std::min<long long>(first + perPage, total); ++i) slice.push_back(items[i]);
  ApiReply reply = jsonReply(200, envelope.empty() ? slice : Json{{"total_count", total}, {envelope, slice}});
  if (lastPage > 1 || page > 1) setHeader(reply.headers, "link", linkHeader(request, page, lastPage));
  return reply;
}

}  // namespace releasedesk::sandbox
