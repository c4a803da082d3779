// The ETag cache on disk and the client's use of it: what is kept (and what never is), the
// file's permissions, conditional requests from a loaded cache, and completed runs' answers
// served without a request.
#include "core/github/etag_cache.h"
#include "core/github/github_client.h"

#include "tests/core/support/fake_network.h"
#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace releasedesk {
namespace {

using testing::ManualScheduler;
using testing::ScriptedTransport;
using testing::TempFolder;
using namespace std::chrono_literals;

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1'780'000'000));

GitHubClientConfig config() {
  GitHubClientConfig c;
  c.apiBase = "https://api.github.com";
  c.repo = {"contoso", "shop"};
  c.token = "ghp_secret-token-value";
  return c;
}

std::string readAll(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned modeOf(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 0777U;
}

TEST(EtagCacheTest, SavesOnlyReplayedHeadersUserOnly) {
  TempFolder folder;
  EtagCache cache;
  HttpResponse response{200,
                        {{"ETag", "\"abc\""},
                         {"Link", "<https://x?page=2>; rel=\"next\""},
                         {"Set-Cookie", "session=1"},
                         {"x-ratelimit-remaining", "4999"}},
                        R"({"variables":[]})"};
  cache.store("https://api.github.com/repos/contoso/shop/actions/variables", "\"abc\"", response, kNow, false);
  const auto file = EtagCache::fileFor(folder / "releasedesk", "api.github.com/contoso/shop");
  std::string error;
  ASSERT_TRUE(cache.save(file, error)) << error;
  EXPECT_EQ(file.filename(), "etags-api.github.com_contoso_shop.json");
  EXPECT_EQ(modeOf(file), 0600U);
  EXPECT_EQ(modeOf(file.parent_path()), 0700U);
  const std::string text = readAll(file);
  EXPECT_EQ(text.find("Set-Cookie"), std::string::npos);
  EXPECT_EQ(text.find("x-ratelimit"), std::string::npos);

  EtagCache loaded;
  ASSERT_TRUE(loaded.load(file, kNow + 10min, std::chrono::hours(24), error)) << error;
  const CachedResponse* entry = loaded.find("https://api.github.com/repos/contoso/shop/actions/variables");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->etag, "\"abc\"");
  EXPECT_EQ(entry->response.body, R"({"variables":[]})");
  EXPECT_EQ(headerValue(entry->response.headers, "link"), "<https://x?page=2>; rel=\"next\"");
  EXPECT_FALSE(loaded.changed());
}

TEST(EtagCacheTest, DropsOldConditionalEntriesKeepsFinalOnes) {
  TempFolder folder;
  EtagCache cache;
  cache.store("https://h/conditional", "\"1\"", {200, {}, "[]"}, kNow, false);
  cache.store("https://h/final", "", {200, {}, "[]"}, kNow, true);
  const auto file = folder / "etags.json";
  std::string error;
  ASSERT_TRUE(cache.save(file, error)) << error;
  EtagCache loaded;
  ASSERT_TRUE(loaded.load(file, kNow + std::chrono::hours(25), std::chrono::hours(24), error));
  EXPECT_EQ(loaded.find("https://h/conditional"), nullptr);
  EXPECT_NE(loaded.find("https://h/final"), nullptr);
}

TEST(EtagCacheTest, MalformedFileIsIgnoredWithReason) {
  TempFolder folder;
  const auto file = folder / "etags.json";
  std::ofstream(file) << "{not json";
  EtagCache cache;
  std::string error;
  EXPECT_FALSE(cache.load(file, kNow, std::chrono::hours(24), error));
  EXPECT_EQ(error, "the cache file " + file.string() + " is not a cache this version wrote; it is ignored");
  EXPECT_EQ(cache.size(), 0U);
  EXPECT_TRUE(cache.load(folder / "absent.json", kNow, std::chrono::hours(24), error));
}

// A cache file that is a valid cache followed by a NUL and junk, or by a second document, is
// not JSON and is ignored with that reason.
TEST(EtagCacheTest, TrailingDataAfterTheCacheIsNotJson) {
  TempFolder folder;
  const auto file = folder / "etags.json";
  EtagCache written;
  written.store("https://api.github.com/x", "\"e1\"", HttpResponse{200, {}, "[]"}, kNow, false);
  std::string error;
  ASSERT_TRUE(written.save(file, error)) << error;
  std::string saved;
  {
    std::ifstream in(file, std::ios::binary);
    saved.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (const std::string& trailing : {std::string("\0junk", 5), std::string("{}")}) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << saved << trailing;
    EtagCache cache;
    error.clear();
    EXPECT_FALSE(cache.load(file, kNow, std::chrono::hours(24), error));
    EXPECT_EQ(error, "the cache file " + file.string() +
                         " is not JSON (something follows the end of the document); it is ignored");
    EXPECT_EQ(cache.size(), 0U);
  }
}

// A second client over a cache the first one filled asks conditionally; the token is nowhere in
// the file, and a completed run's jobs are not asked for again at all.
TEST(EtagCacheTest, SecondClientAsksConditionallyAndKeepsCompletedRunsJobs) {
  TempFolder folder;
  const auto file = folder / "releasedesk" / "etags.json";
  ManualScheduler scheduler;
  {
    ScriptedTransport transport{scheduler};
    GitHubClient client(transport, scheduler, config());
    transport.respond(200, R"({"total_count":0,"variables":[]})", {{"ETag", "\"v1\""}});
    transport.respond(200, R"({"total_count":1,"jobs":[{"id":7,"name":"deploy","status":"completed"}]})",
                      {{"ETag", "\"j1\""}});
    client.listVariables(ConfigLevel::Repository, "", [](const Result<std::vector<Variable>>&) {});
    client.listJobs(
        42, [](const Result<std::vector<Job>>&) {}, /*runCompleted=*/true);
    scheduler.runAll();
    std::string error;
    ASSERT_TRUE(client.cache()->save(file, error)) << error;
  }
  EXPECT_EQ(readAll(file).find("ghp_secret-token-value"), std::string::npos);

  ScriptedTransport transport{scheduler};
  GitHubClient client(transport, scheduler, config());
  auto cache = std::make_shared<EtagCache>();
  std::string error;
  ASSERT_TRUE(cache->load(file, scheduler.now(), std::chrono::hours(24), error)) << error;
  client.setCache(cache);
  auto trace = std::make_shared<RequestTrace>();
  client.setTrace(trace);
  transport.respond(304, "");
  std::optional<Result<std::vector<Variable>>> variables;
  std::optional<Result<std::vector<Job>>> jobs;
  client.listVariables(ConfigLevel::Repository, "", [&](Result<std::vector<Variable>> r) { variables = std::move(r); });
  client.listJobs(
      42, [&](Result<std::vector<Job>> r) { jobs = std::move(r); }, /*runCompleted=*/true);
  scheduler.runAll();
  ASSERT_EQ(transport.requests.size(), 1U);  // the variables, conditionally; the jobs from the cache
  EXPECT_EQ(headerValue(transport.requests[0].headers, "if-none-match"), "\"v1\"");
  ASSERT_TRUE(variables && variables->ok());
  ASSERT_TRUE(jobs && jobs->ok());
  ASSERT_EQ(jobs->value().size(), 1U);
  EXPECT_EQ(jobs->value()[0].name, "deploy");
  EXPECT_EQ(client.counters().requests, 1);
  EXPECT_EQ(client.counters().notModified, 1);
  EXPECT_EQ(client.counters().rateLimitCost, 0);
  ASSERT_EQ(trace->requests().size(), 2U);
  EXPECT_EQ(trace->sent(), 1);
  EXPECT_TRUE(std::any_of(trace->requests().begin(), trace->requests().end(), [](const TracedRequest& r) {
    return r.fromCache && r.target.find("/jobs") != std::string::npos;
  }));

  // Re-run: the run is no longer complete, so its jobs are asked for again, conditionally.
  transport.respond(304, "");
  client.listJobs(
      42, [&](Result<std::vector<Job>> r) { jobs = std::move(r); }, /*runCompleted=*/false);
  scheduler.runAll();
  ASSERT_EQ(transport.requests.size(), 2U);
  EXPECT_EQ(headerValue(transport.requests[1].headers, "if-none-match"), "\"j1\"");
  ASSERT_TRUE(jobs && jobs->ok());
}

// A request started while another's answer is handled waited for it: one wave more.
TEST(RequestTraceTest, WavesFollowWhatEachRequestWaitedFor) {
  ManualScheduler scheduler;
  ScriptedTransport transport{scheduler};
  GitHubClient client(transport, scheduler, config());
  auto trace = std::make_shared<RequestTrace>();
  client.setTrace(trace);
  transport.respond(200, R"({"total_count":0,"variables":[]})");
  transport.respond(200, R"({"total_count":0,"secrets":[]})");
  transport.respond(200, R"({"total_count":0,"jobs":[]})");
  client.listVariables(ConfigLevel::Repository, "", [&](const Result<std::vector<Variable>>&) {
    client.listJobs(1, [](const Result<std::vector<Job>>&) {});
  });
  client.listSecrets(ConfigLevel::Repository, "", [](const Result<std::vector<Secret>>&) {});
  scheduler.runAll();
  ASSERT_EQ(trace->requests().size(), 3U);
  EXPECT_EQ(trace->requests()[0].wave, 1);
  EXPECT_EQ(trace->requests()[1].wave, 1);
  EXPECT_EQ(trace->requests()[2].wave, 2);
  EXPECT_EQ(trace->requests()[2].parent, 1);
  EXPECT_EQ(trace->waves(), 2);
  const std::string diagram = formatWaveDiagram(*trace);
  EXPECT_EQ(diagram.rfind("trace: 3 requests in 2 waves", 0), 0U) << diagram;
  EXPECT_NE(diagram.find("critical path: GET /repos/contoso/shop/actions/variables?per_page=30 -> GET "
                         "/repos/contoso/shop/actions/runs/1/jobs?per_page=100"),
            std::string::npos)
      << diagram;
}

}  // namespace
}  // namespace releasedesk
