#include "core/github/request_trace.h"

#include <algorithm>
#include <cstdio>

namespace releasedesk {

int RequestTrace::begin(std::string method, std::string target, int parent) {
  TracedRequest request;
  request.id = static_cast<int>(requests_.size()) + 1;
  request.parent = parent > 0 && parent <= static_cast<int>(requests_.size()) ? parent : 0;
  request.wave = request.parent == 0 ? 1 : requests_[static_cast<std::size_t>(request.parent - 1)].wave + 1;
  request.method = std::move(method);
  request.target = std::move(target);
  request.start = std::chrono::steady_clock::now();
  request.end = request.start;
  requests_.push_back(std::move(request));
  return requests_.back().id;
}

void RequestTrace::end(int id, int status, std::size_t bytes, bool notModified) {
  if (id <= 0 || id > static_cast<int>(requests_.size())) return;
  TracedRequest& request = requests_[static_cast<std::size_t>(id - 1)];
  request.end = std::chrono::steady_clock::now();
  request.finished = true;
  request.status = status;
  request.bytes = bytes;
  request.notModified = notModified;
  lastFinished_ = id;
}

int RequestTrace::cached(std::string method, std::string target, int parent) {
  const int id = begin(std::move(method), std::move(target), parent);
  TracedRequest& request = requests_.back();
  request.wave = request.parent == 0 ? 0 : requests_[static_cast<std::size_t>(request.parent - 1)].wave;
  request.fromCache = true;
  request.finished = true;
  request.status = 200;
  return id;
}

int RequestTrace::waves() const {
  int waves = 0;
  for (const TracedRequest& request : requests_) {
    if (!request.fromCache) waves = std::max(waves, request.wave);
  }
  return waves;
}

int RequestTrace::sent() const {
  return static_cast<int>(
      std::count_if(requests_.begin(), requests_.end(), [](const TracedRequest& r) { return !r.fromCache; }));
}

void RequestTrace::clear() {
  requests_.clear();
  lastFinished_ = 0;
}

namespace {

std::string formatBytes(std::size_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%zu B", bytes);
  } else {
    std::snprintf(text, sizeof text, "%.1f kB", static_cast<double>(bytes) / 1024.0);
  }
  return text;
}

double millis(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

}  // namespace

std::string formatWaveDiagram(const RequestTrace& trace, int barWidth) {
  const auto& requests = trace.requests();
  std::string out;
  if (requests.empty()) return "trace: no requests\n";
  auto first = requests.front().start;
  auto last = first;
  std::size_t bytes = 0;
  int notModified = 0;
  int cached = 0;
  int cost = 0;
  int graphql = 0;  // spend GraphQL's own points, not REST's
  for (const TracedRequest& r : requests) {
    first = std::min(first, r.start);
    last = std::max(last, r.end);
    bytes += r.bytes;
    notModified += r.notModified ? 1 : 0;
    cached += r.fromCache ? 1 : 0;
    const bool isGraphQL =
        r.method == "POST" && r.target.size() >= 8 && r.target.compare(r.target.size() - 8, 8, "/graphql") == 0;
    graphql += isGraphQL && !r.fromCache ? 1 : 0;
    cost += !isGraphQL && !r.fromCache && r.status > 0 && !r.notModified ? 1 : 0;
  }
  const double span = std::max(millis(last - first), 0.001);
  char line[512];
  std::snprintf(
      line, sizeof line,
      "trace: %d requests in %d wave%s, %d not modified (304), %d answered from the cache, rate limit "
      "cost %d%s, %s, %.1f ms\n",
      trace.sent(), trace.waves(), trace.waves() == 1 ? "" : "s", notModified, cached, cost,
      graphql == 0
          ? ""
          : (" (REST) and " + std::to_string(graphql) + " GraphQL request" + (graphql == 1 ? "" : "s")).c_str(),
      formatBytes(bytes).c_str(), millis(last - first));
  out += line;

  std::vector<const TracedRequest*> order;
  order.reserve(requests.size());
  for (const TracedRequest& r : requests) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const TracedRequest* a, const TracedRequest* b) {
    if (a->wave != b->wave) return a->wave < b->wave;
    return a->start < b->start;
  });
  for (const TracedRequest* r : order) {
    std::string bar(static_cast<std::size_t>(barWidth), ' ');
    const auto from = static_cast<int>(millis(r->start - first) / span * barWidth);
    const auto to = static_cast<int>(millis(r->end - first) / span * barWidth);
    for (int i = std::clamp(from, 0, barWidth - 1); i <= std::clamp(to, 0, barWidth - 1); ++i)
      bar[static_cast<std::size_t>(i)] = r->fromCache ? '.' : '#';
    std::string status = r->fromCache     ? "cache"
                         : !r->finished   ? "open"
                         : r->status == 0 ? "fail"
                                          : std::to_string(r->status);
    std::snprintf(line, sizeof line, "%s %2d |%s| %8.1f ms %5s %9s %s %s\n", r->fromCache ? "  -" : "  w", r->wave,
                  bar.c_str(), millis(r->end - r->start), status.c_str(), formatBytes(r->bytes).c_str(),
                  r->method.c_str(), r->target.c_str());
    out += line;
  }

  // The critical path: from the request that finished last back through what it waited for.
  const TracedRequest* tail = nullptr;
  for (const TracedRequest& r : requests) {
    if (!r.fromCache && (tail == nullptr || r.wave > tail->wave || (r.wave == tail->wave && r.end > tail->end)))
      tail = &r;
  }
  if (tail != nullptr) {
    std::vector<const TracedRequest*> path;
    for (const TracedRequest* r = tail; r != nullptr;
         r = r->parent > 0 ? &requests[static_cast<std::size_t>(r->parent - 1)] : nullptr)
      path.push_back(r);
    out += "critical path:";
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      out += (it == path.rbegin() ? " " : " -> ");
      out += (*it)->method + " " + (*it)->target;
    }
    out += '\n';
  }
  return out;
}

}  // namespace releasedesk
