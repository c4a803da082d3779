// A GitHub stand-in with a history of any length, for what a timeline read costs: `runs`
// production runs two hours apart (each titled with its candidate's sha, each with a deployment
// that succeeded), answered over REST (lists paged by 100 with Link: rel="next", jobs, statuses,
// commits) and over GraphQL (TimelineNodes, CommitTimes), through the scheduler. Counts what it
// was asked, by kind.
#pragma once

#include "core/github/github_graphql.h"
#include "core/github/transport.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <string>

namespace releasedesk::testing {

class SyntheticGitHub final : public Transport {
 public:
  SyntheticGitHub(Scheduler& scheduler, int runs) : scheduler_(scheduler), runs_(runs) {}

  std::map<std::string, int> asked;  // "runs", "deployments", "jobs", "statuses", "commit", "graphql", "other"

  void send(HttpRequest request, Completion done) override {
    TransportReply reply;
    reply.response = answer(request);
    scheduler_.post(std::chrono::milliseconds(0), [done = std::move(done), reply = std::move(reply)] { done(reply); });
  }

  static std::string sha(int i) {
    char text[41];
    std::snprintf(text, sizeof text, "%040x", i + 1);
    return text;
  }

 private:
  using Json = nlohmann::json;
  static constexpr std::int64_t kRunBase = 50000;
  static constexpr std::int64_t kDeploymentBase = 90000;

  std::string at(int i, int minutes = 0) const {
    return formatIsoTime(std::chrono::floor<std::chrono::seconds>(scheduler_.now()) - std::chrono::hours(2 * i) -
                         std::chrono::hours(1) + std::chrono::minutes(minutes));
  }

  static int page(const std::string& url) {
    const auto p = url.find("&page=");
    return p == std::string::npos ? 1 : std::stoi(url.substr(p + 6));
  }

  HttpResponse paged(const std::string& url, int total, const std::string& key,
                     Json (SyntheticGitHub::*item)(int) const) {
    const int p = page(url);
    Json items = Json::array();
    for (int i = (p - 1) * 100; i < std::min(total, p * 100); ++i) items.push_back((this->*item)(i));
    HttpResponse response{200, {}, key.empty() ? items.dump() : Json{{"total_count", total}, {key, items}}.dump()};
    if (p * 100 < total) {
      std::string base = url;
      if (const auto q = base.find("&page="); q != std::string::npos) base.erase(q);
      response.headers.emplace_back("Link", "<" + base + "&page=" + std::to_string(p + 1) + ">; rel=\"next\"");
    }
    return response;
  }

  Json run(int i) const {
    const std::int64_t id = kRunBase + i;
    return {{"id", id},
            {"node_id", "WFR_" + std::to_string(id)},
            {"name", "Production Stage"},
            {"display_title", "Production Stage · " + sha(i)},
            {"head_sha", sha(i)},
            {"head_branch", "main"},
            {"event", "workflow_run"},
            {"status", "completed"},
            {"conclusion", "success"},
            {"run_attempt", 1},
            {"run_number", runs_ - i},
            {"created_at", at(i)},
            {"updated_at", at(i, 20)},
            {"run_started_at", at(i)}};
  }

  Json deployment(int i) const {
    const std::int64_t id = kDeploymentBase + i;
    return {{"id", id},
            {"node_id", "DE_" + std::to_string(id)},
            {"sha", sha(i)},
            {"ref", "main"},
            {"task", "deploy"},
            {"environment", "production"},
            {"created_at", at(i, 5)},
            {"updated_at", at(i, 15)}};
  }

  Json jobs(int i) const {
    const std::int64_t run = kRunBase + i;
    return {{"total_count", 1},
            {"jobs",
             {{{"id", run * 10},
               {"run_id", run},
               {"name", "production-mutate"},
               {"status", "completed"},
               {"conclusion", "success"},
               {"started_at", at(i, 1)},
               {"completed_at", at(i, 15)},
               {"steps", {{{"name", "Deploy"}, {"status", "completed"}, {"number", 1}}}}}}}};
  }

  Json statuses(int i) const {
    return Json::array({{{"id", kDeploymentBase * 10 + i}, {"state", "success"}, {"created_at", at(i, 15)}}});
  }

  int indexOf(const std::string& url, const std::string& marker, std::int64_t base) const {
    const auto p = url.find(marker);
    return static_cast<int>(std::stoll(url.substr(p + marker.size())) - base);
  }

  Json graphqlNodes(const Json& ids) const {
    Json nodes = Json::array();
    for (const Json& id : ids) {
      const std::string text = id.get<std::string>();
      if (text.rfind("WFR_", 0) == 0) {
        const int i = static_cast<int>(std::stoll(text.substr(4)) - kRunBase);
        Json check = {
            {"databaseId", (kRunBase + i) * 10},
            {"name", "production-mutate"},
            {"status", "COMPLETED"},
            {"conclusion", "SUCCESS"},
            {"startedAt", at(i, 1)},
            {"completedAt", at(i, 15)},
            {"steps", {{"totalCount", 1}, {"nodes", {{{"name", "Deploy"}, {"status", "COMPLETED"}, {"number", 1}}}}}}};
        nodes.push_back({{"__typename", "WorkflowRun"},
                         {"databaseId", kRunBase + i},
                         {"url", "https://github.com/contoso/shop/actions/runs/" + std::to_string(kRunBase + i)},
                         {"checkSuite", {{"checkRuns", {{"totalCount", 1}, {"nodes", {check}}}}}}});
      } else if (text.rfind("DE_", 0) == 0) {
        const int i = static_cast<int>(std::stoll(text.substr(3)) - kDeploymentBase);
        nodes.push_back(
            {{"__typename", "Deployment"},
             {"databaseId", kDeploymentBase + i},
             {"statuses", {{"totalCount", 1}, {"nodes", {{{"state", "SUCCESS"}, {"createdAt", at(i, 15)}}}}}}});
      } else {
        nodes.push_back(nullptr);
      }
    }
    return nodes;
  }

  HttpResponse answer(const HttpRequest& request) {
    const std::string& url = request.url;
    const Json rate = {{"cost", 1}, {"limit", 5000}, {"remaining", 4999}, {"used", 1}, {"resetAt", at(0)}};
    if (request.method == "POST" && url.size() >= 8 && url.compare(url.size() - 8, 8, "/graphql") == 0) {
      ++asked["graphql"];
      const Json body = Json::parse(request.body);
      if (body["operationName"] == "TimelineNodes")
        return {
            200, {}, Json{{"data", {{"rateLimit", rate}, {"nodes", graphqlNodes(body["variables"]["ids"])}}}}.dump()};
      Json repository = Json::object();
      for (const auto& [name, value] : body["variables"].items()) {
        if (name.empty() || name[0] != 'o') continue;
        repository["c" + name.substr(1)] = {{"oid", value}, {"committedDate", at(0)}, {"authoredDate", at(0)}};
      }
      return {200, {}, Json{{"data", {{"rateLimit", rate}, {"repository", repository}}}}.dump()};
    }
    if (url.find("/production-stage.yml/runs?") != std::string::npos) {
      ++asked["runs"];
      return paged(url, runs_, "workflow_runs", &SyntheticGitHub::run);
    }
    if (url.find("/runs?") != std::string::npos) {
      ++asked["runs"];
      return {200, {}, R"({"total_count":0,"workflow_runs":[]})"};
    }
    if (url.find("/deployments?") != std::string::npos) {
      ++asked["deployments"];
      return paged(url, runs_, "", &SyntheticGitHub::deployment);
    }
    if (url.find("/jobs?") != std::string::npos) {
      ++asked["jobs"];
      return {200, {}, jobs(indexOf(url, "/actions/runs/", kRunBase)).dump()};
    }
    if (url.find("/statuses?") != std::string::npos) {
      ++asked["statuses"];
      return {200, {}, statuses(indexOf(url, "/deployments/", kDeploymentBase)).dump()};
    }
    if (url.find("/commits/") != std::string::npos) {
      ++asked["commit"];
      const std::string commitSha = url.substr(url.rfind('/') + 1);
      return {200, {}, Json{{"sha", commitSha}, {"commit", {{"committer", {{"date", at(0)}}}}}}.dump()};
    }
    ++asked["other"];
    return {404, {}, R"({"message":"Not Found"})"};
  }

  Scheduler& scheduler_;
  int runs_;
};

}  // namespace releasedesk::testing
