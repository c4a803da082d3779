// Renders the repository, its people, environment, configuration and code as GitHub REST JSON:
// the fields GitHub sends (the client reads only some), every URL pointing back at the origin.
#include "core/sandbox/sandbox_json.h"

#include "core/github/http.h"
#include "core/sandbox/sandbox_codec.h"

#include <algorithm>
#include <cstdio>

namespace releasedesk::sandbox {
namespace {

Json organizationJson(const JsonContext& view) {
  const RepositoryRecord& repo = view.state.repository;
  const std::string url = view.apiRoot + "/users/" + repo.owner;
  return {{"login", repo.owner},
          {"id", repo.ownerId},
          {"node_id", nodeId("O", repo.ownerId)},
          {"avatar_url", view.origin + "/_avatars/" + repo.owner + ".png"},
          {"gravatar_id", ""},
          {"url", url},
          {"html_url", view.origin + "/" + repo.owner},
          {"followers_url", url + "/followers"},
          {"following_url", url + "/following{/other_user}"},
          {"gists_url", url + "/gists{/gist_id}"},
          {"starred_url", url + "/starred{/owner}{/repo}"},
          {"subscriptions_url", url + "/subscriptions"},
          {"organizations_url", url + "/orgs"},
          {"repos_url", url + "/repos"},
          {"events_url", url + "/events{/privacy}"},
          {"received_events_url", url + "/received_events"},
          {"type", "Organization"},
          {"site_admin", false}};
}

Json teamJson(const JsonContext& view, const Team& team) {
  const std::string url = view.apiRoot + "/organizations/" + std::to_string(view.state.repository.ownerId) + "/team/" +
                          std::to_string(team.id);
  return {{"id", team.id},
          {"node_id", nodeId("T", team.id)},
          {"url", url},
          {"html_url", view.origin + "/orgs/" + view.state.repository.owner + "/teams/" + team.slug},
          {"name", team.name},
          {"slug", team.slug},
          {"description", "Approve production deployments"},
          {"privacy", "closed"},
          {"notification_setting", "notifications_enabled"},
          {"permission", "pull"},
          {"members_url", url + "/members{/member}"},
          {"repositories_url", url + "/repos"},
          {"type", "organization"},
          {"parent", nullptr}};
}

// The URL templates GitHub puts in every repository object.
void addRepositoryUrls(Json& repo, const std::string& api) {
  static constexpr std::pair<const char*, const char*> kTemplates[] = {
      {"archive_url", "/{archive_format}{/ref}"},
      {"assignees_url", "/assignees{/user}"},
      {"blobs_url", "/git/blobs{/sha}"},
      {"branches_url", "/branches{/branch}"},
      {"collaborators_url", "/collaborators{/collaborator}"},
      {"comments_url", "/comments{/number}"},
      {"commits_url", "/commits{/sha}"},
      {"compare_url", "/compare/{base}...{head}"},
      {"contents_url", "/contents/{+path}"},
      {"contributors_url", "/contributors"},
      {"deployments_url", "/deployments"},
      {"downloads_url", "/downloads"},
      {"events_url", "/events"},
      {"forks_url", "/forks"},
      {"git_commits_url", "/git/commits{/sha}"},
      {"git_refs_url", "/git/refs{/sha}"},
      {"git_tags_url", "/git/tags{/sha}"},
      {"hooks_url", "/hooks"},
      {"issue_comment_url", "/issues/comments{/number}"},
      {"issue_events_url", "/issues/events{/number}"},
      {"issues_url", "/issues{/number}"},
      {"keys_url", "/keys{/key_id}"},
      {"labels_url", "/labels{/name}"},
      {"languages_url", "/languages"},
      {"merges_url", "/merges"},
      {"milestones_url", "/milestones{/number}"},
      {"notifications_url", "/notifications{?since,all,participating}"},
      {"pulls_url", "/pulls{/number}"},
      {"releases_url", "/releases{/id}"},
      {"stargazers_url", "/stargazers"},
      {"statuses_url", "/statuses/{sha}"},
      {"subscribers_url", "/subscribers"},
      {"subscription_url", "/subscription"},
      {"tags_url", "/tags"},
      {"teams_url", "/teams"},
      {"trees_url", "/git/trees{/sha}"}};
  for (const auto& [key, suffix] : kTemplates) repo[key] = api + suffix;
}

const CommitRecord* latestCommit(const JsonContext& view) {
  return view.state.headAt(view.at);
}

}  // namespace

std::string nodeId(std::string_view prefix, std::int64_t id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%llx", static_cast<unsigned long long>(id));
  return std::string(prefix) + "_kwDOK" + buffer;
}

Json iso(TimePoint time) {
  return formatIsoTime(time);
}

Json isoOrNull(const OptionalTime& time) {
  return time ? Json(formatIsoTime(*time)) : Json(nullptr);
}

Json minimalRepositoryJson(const JsonContext& view) {
  const RepositoryRecord& repo = view.state.repository;
  Json json{{"id", repo.id},
            {"node_id", nodeId("R", repo.id)},
            {"name", repo.name},
            {"full_name", repo.owner + "/" + repo.name},
            {"private", repo.isPrivate},
            {"owner", organizationJson(view)},
            {"html_url", view.html()},
            {"description", repo.description},
            {"fork", false},
            {"url", view.api()}};
  addRepositoryUrls(json, view.api());
  return json;
}

Json environmentSummaryJson(const JsonContext& view) {
  const EnvironmentRecord& env = view.state.production;
  return {{"id", env.id},
          {"node_id", nodeId("EN", env.id)},
          {"name", env.name},
          {"url", view.api("/environments/" + env.name)},
          {"html_url", view.html("/deployments/activity_log?environments_filter=" + env.name)},
          {"created_at", iso(env.createdAt)},
          {"updated_at", iso(env.updatedAt)}};
}

Json reviewersJson(const JsonContext& view) {
  Json reviewers = Json::array();
  for (const ReviewerRecord& reviewer : view.state.production.reviewers) {
    if (!reviewer.isTeam) {
      reviewers.push_back({{"type", "User"}, {"reviewer", userJson(view, reviewer.key)}});
      continue;
    }
    for (const Team& team : view.state.teams) {
      if (team.slug == reviewer.key) reviewers.push_back({{"type", "Team"}, {"reviewer", teamJson(view, team)}});
    }
  }
  return reviewers;
}

std::string JsonContext::api(std::string_view path) const {
  return apiRoot + "/repos/" + state.repository.owner + "/" + state.repository.name + std::string(path);
}

std::string JsonContext::html(std::string_view path) const {
  return origin + "/" + state.repository.owner + "/" + state.repository.name + std::string(path);
}

Json userJson(const JsonContext& view, std::string_view login) {
  const Person* person = view.state.person(login);
  const std::string name(login);
  const std::string inUrl = percentEncode(name);  // "github-actions%5Bbot%5D", as GitHub writes it
  const std::string url = view.apiRoot + "/users/" + inUrl;
  return {{"login", name},
          {"id", person ? person->id : static_cast<std::int64_t>(stableHash(name) % 90'000'000)},
          {"node_id", nodeId("U", person ? person->id : 0)},
          {"avatar_url", view.origin + "/_avatars/" + inUrl + ".png"},
          {"gravatar_id", ""},
          {"url", url},
          {"html_url", view.origin + "/" + inUrl},
          {"followers_url", url + "/followers"},
          {"following_url", url + "/following{/other_user}"},
          {"gists_url", url + "/gists{/gist_id}"},
          {"starred_url", url + "/starred{/owner}{/repo}"},
          {"subscriptions_url", url + "/subscriptions"},
          {"organizations_url", url + "/orgs"},
          {"repos_url", url + "/repos"},
          {"events_url", url + "/events{/privacy}"},
          {"received_events_url", url + "/received_events"},
          {"type", person && person->bot ? "Bot" : "User"},
          {"site_admin", false}};
}

Json repositoryJson(const JsonContext& view) {
  const RepositoryRecord& repo = view.state.repository;
  Json json = minimalRepositoryJson(view);
  const CommitRecord* head = latestCommit(view);
  const std::string pushed = formatIsoTime(head ? head->at : repo.createdAt);
  Json permissions = Json::object();
  for (const auto& [key, value] : repo.permissions) permissions[key] = value;
  json.update({{"clone_url", view.html(".git")},
               {"git_url", "git://" + view.origin.substr(view.origin.find("://") + 3) + "/" + repo.owner + "/" +
                               repo.name + ".git"},
               {"ssh_url", "git@sandbox:" + repo.owner + "/" + repo.name + ".git"},
               {"svn_url", view.html()},
               {"mirror_url", nullptr},
               {"homepage", nullptr},
               {"language", "C#"},
               {"default_branch", repo.defaultBranch},
               {"visibility", repo.isPrivate ? "private" : "public"},
               {"forks", 0},
               {"forks_count", 0},
               {"stargazers_count", 0},
               {"watchers", 0},
               {"watchers_count", 0},
               {"open_issues", 3},
               {"open_issues_count", 3},
               {"size", 4210},
               {"has_issues", true},
               {"has_projects", false},
               {"has_wiki", false},
               {"has_pages", false},
               {"has_discussions", false},
               {"has_downloads", true},
               {"archived", false},
               {"disabled", false},
               {"is_template", false},
               {"license", nullptr},
               {"topics", Json::array({"azure-container-apps", "github-actions"})},
               {"pushed_at", pushed},
               {"created_at", iso(repo.createdAt)},
               {"updated_at", pushed},
               {"permissions", permissions},
               {"network_count", 0},
               {"subscribers_count", 4},
               {"organization", organizationJson(view)}});
  return json;
}

Json environmentJson(const JsonContext& view) {
  const EnvironmentRecord& env = view.state.production;
  Json json = environmentSummaryJson(view);
  json["can_admins_bypass"] = true;
  json["protection_rules"] = Json::array(
      {{{"id", env.reviewersRuleId},
        {"node_id", nodeId("GA", env.reviewersRuleId)},
        {"type", "required_reviewers"},
        {"prevent_self_review", false},
        {"reviewers", reviewersJson(view)}},
       {{"id", env.branchPolicyRuleId}, {"node_id", nodeId("GA", env.branchPolicyRuleId)}, {"type", "branch_policy"}}});
  json["deployment_branch_policy"] = {{"protected_branches", true}, {"custom_branch_policies", false}};
  return json;
}

Json variableJson(const ConfigEntry& entry) {
  return {{"name", entry.name},
          {"value", entry.value},
          {"created_at", iso(entry.createdAt)},
          {"updated_at", iso(entry.updatedAt)}};
}

Json secretJson(const ConfigEntry& entry) {
  return {{"name", entry.name}, {"created_at", iso(entry.createdAt)}, {"updated_at", iso(entry.updatedAt)}};
}

Json workflowJson(const JsonContext& view, const WorkflowRecord& workflow) {
  return {{"id", workflow.id},
          {"node_id", nodeId("W", workflow.id)},
          {"name", workflow.name},
          {"path", workflow.path},
          {"state", "active"},
          {"created_at", iso(workflow.createdAt)},
          {"updated_at", iso(workflow.createdAt)},
          {"url", view.api("/actions/workflows/" + std::to_string(workflow.id))},
          {"html_url", view.html("/blob/main/" + workflow.path)},
          {"badge_url", view.html("/workflows/" + workflow.name + "/badge.svg")}};
}

Json commitJson(const JsonContext& view, const CommitRecord& commit) {
  const Person* author = view.state.person(commit.author);
  const std::string url = view.api("/commits/" + commit.sha);
  Json parents = Json::array();
  const auto& commits = view.state.commits;
  const auto self =
      std::find_if(commits.begin(), commits.end(), [&](const CommitRecord& c) { return c.sha == commit.sha; });
  if (self != commits.begin() && self != commits.end()) {
    const std::string& parent = std::prev(self)->sha;
    parents.push_back(
        {{"sha", parent}, {"url", view.api("/commits/" + parent)}, {"html_url", view.html("/commit/" + parent)}});
  }
  const std::string date = formatIsoTime(commit.at);
  return {
      {"url", url},
      {"sha", commit.sha},
      {"node_id", nodeId("C", static_cast<std::int64_t>(stableHash(commit.sha) >> 8))},
      {"html_url", view.html("/commit/" + commit.sha)},
      {"comments_url", url + "/comments"},
      {"commit",
       {{"url", view.api("/git/commits/" + commit.sha)},
        {"author",
         {{"name", author ? author->name : commit.author}, {"email", author ? author->email : ""}, {"date", date}}},
        {"committer", {{"name", "GitHub"}, {"email", "noreply@github.com"}, {"date", date}}},
        {"message", commit.message},
        {"comment_count", 0},
        {"tree",
         {{"sha", sha1Hex("tree:" + commit.sha)}, {"url", view.api("/git/trees/" + sha1Hex("tree:" + commit.sha))}}},
        {"verification",
         {{"verified", false},
          {"reason", "unsigned"},
          {"signature", nullptr},
          {"payload", nullptr},
          {"verified_at", nullptr}}}}},
      {"author", userJson(view, commit.author)},
      {"committer", userJson(view, "web-flow")},
      {"parents", parents},
      {"files", Json::array()}};
}

Json branchJson(const JsonContext& view, const CommitRecord& head) {
  const std::string& name = view.state.repository.defaultBranch;
  const std::string url = view.api("/branches/" + name);
  return {{"name", name},
          {"commit", commitJson(view, head)},
          {"_links", {{"self", url}, {"html", view.html("/tree/" + name)}}},
          {"protected", true},
          {"protection",
           {{"enabled", true},
            {"required_status_checks",
             {{"enforcement_level", "non_admins"},
              {"contexts", Json::array({"Commit Stage"})},
              {"checks", Json::array({{{"context", "Commit Stage"}, {"app_id", nullptr}}})}}}}},
          {"protection_url", url + "/protection"}};
}

std::string blobSha(std::string_view bytes) {
  return sha1Hex("blob " + std::to_string(bytes.size()) + std::string(1, '\0') + std::string(bytes));
}

Json fileJson(const JsonContext& view, const FileRecord& file, const std::string& ref) {
  const std::string sha = blobSha(file.bytes);
  const std::string self = view.api("/contents/" + file.path + "?ref=" + ref);
  const std::string git = view.api("/git/blobs/" + sha);
  const std::string html = view.html("/blob/" + ref + "/" + file.path);
  return {{"type", "file"},
          {"encoding", "base64"},
          {"size", file.bytes.size()},
          {"name", file.path.substr(file.path.rfind('/') + 1)},
          {"path", file.path},
          {"content", base64Lines(file.bytes)},
          {"sha", sha},
          {"url", self},
          {"git_url", git},
          {"html_url", html},
          {"download_url", view.origin + "/_raw/" + view.state.repository.owner + "/" + view.state.repository.name +
                               "/" + ref + "/" + file.path},
          {"_links", {{"self", self}, {"git", git}, {"html", html}}}};
}

Json directoryJson(const JsonContext& view, const std::string& folder, const std::string& ref) {
  Json entries = Json::array();
  const std::string prefix = folder.empty() ? std::string() : folder + "/";
  std::vector<std::string> seenFolders;
  for (const FileRecord& file : view.state.files) {
    if (!file.path.starts_with(prefix)) continue;
    const std::string rest = file.path.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string::npos) {
      Json entry = fileJson(view, file, ref);
      entry.erase("content");
      entry.erase("encoding");
      entries.push_back(std::move(entry));
      continue;
    }
    const std::string child = prefix + rest.substr(0, slash);
    if (std::find(seenFolders.begin(), seenFolders.end(), child) != seenFolders.end()) continue;
    seenFolders.push_back(child);
    const std::string self = view.api("/contents/" + child + "?ref=" + ref);
    const std::string sha = sha1Hex("tree:" + child);
    entries.push_back({{"type", "dir"},
                       {"size", 0},
                       {"name", rest.substr(0, slash)},
                       {"path", child},
                       {"sha", sha},
                       {"url", self},
                       {"git_url", view.api("/git/trees/" + sha)},
                       {"html_url", view.html("/tree/" + ref + "/" + child)},
                       {"download_url", nullptr},
                       {"_links",
                        {{"self", self},
                         {"git", view.api("/git/trees/" + sha)},
                         {"html", view.html("/tree/" + ref + "/" + child)}}}});
  }
  return entries;
}

Json rateLimitJson(const RateWindow& rate, const RateWindow& graphqlRate) {
  const auto reset = rate.resetAt.time_since_epoch().count();
  const Json core{{"limit", rate.limit}, {"used", rate.used}, {"remaining", rate.limit - rate.used}, {"reset", reset}};
  const Json search{{"limit", 30}, {"used", 0}, {"remaining", 30}, {"reset", reset}};
  const Json graphql{{"limit", graphqlRate.limit},
                     {"used", graphqlRate.used},
                     {"remaining", graphqlRate.limit - graphqlRate.used},
                     {"reset", graphqlRate.resetAt.time_since_epoch().count()}};
  return {{"resources", {{"core", core}, {"search", search}, {"graphql", graphql}}}, {"rate", core}};
}

}  // namespace releasedesk::sandbox
