// The GitHub connection of a console command: the global options (--api-url, --repo,
// --sandbox, --trace, --no-cache), the token from the environment, the ETag cache kept on disk
// between commands, and an event loop to wait on the async client.
#pragma once

#include "app/cli/command.h"

#include "core/github/github_client.h"

#include <QCommandLineParser>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace releasedesk {
class GitHubConnection;
}  // namespace releasedesk

namespace releasedesk::cli {

class GitHubSession {
 public:
  explicit GitHubSession(const CommandContext& context);
  // Saves the ETag cache and, with --trace, prints the request waves to the command's error
  // stream (the one given to open()).
  ~GitHubSession();
  GitHubSession(const GitHubSession&) = delete;
  GitHubSession& operator=(const GitHubSession&) = delete;

  // Adds --api-url, --repo, --sandbox, --trace and --no-cache to a command's parser.
  static void addOptions(QCommandLineParser& parser);

  // Whether a command can do without a token (only `doctor`, which reports it as a check).
  enum class Token { Required, Optional };

  // Builds the client from parsed options and the environment. On failure prints why to `err`
  // and returns false (the command then exits 2): no repository, an unusable API URL, or no
  // token when one is required ("no token: set GH_TOKEN or run releasedesk-cli doctor").
  // The repository is --repo, else GITHUB_REPOSITORY, else the origin remote of the checkout
  // holding the working directory when it is on the API's host. Reads that are tried again say
  // so on `err` ("retrying (2 of 3) in 0.5 s… server error 502").
  bool open(const QCommandLineParser& parser, std::ostream& err, Token token = Token::Required);

  GitHubClient& client();
  // The clock and timers the client runs on (for services that poll or wait: senders, followers).
  Scheduler& scheduler();
  bool isSandbox() const;
  // A token from the environment, or the sandbox, which needs none.
  bool hasToken() const;
  // Where the token came from ("GH_TOKEN"), never the token itself.
  QString tokenSource() const;

  // Runs the event loop until `finished()` holds.
  void waitUntil(const std::function<bool()>& finished);

  // A list cut at the client's page cap is an answer from part of the data: says so on `err`
  // ("warning: ..."), once per command, so it is never silent. Returns whether any list was cut.
  bool warnIfTruncated(int truncatedLists, std::ostream& err) const;
  // The same for JSON output: `json` (an object) with "truncated": true or false added.
  static std::string withTruncated(const std::string& json, bool truncated);

  // The cache file in use; empty with --no-cache, or for a sandbox that is not kept between
  // commands (a fresh one each time makes a cache pointless).
  std::filesystem::path cacheFile() const { return cacheFile_; }

 private:
  void openCache(const QCommandLineParser& parser, const std::string& projectKey);

  const CommandContext& context_;
  std::ostream* err_ = nullptr;
  std::shared_ptr<RequestTrace> trace_;  // null without --trace
  std::filesystem::path cacheFile_;
  std::unique_ptr<GitHubConnection> connection_;  // null until open() succeeds
};

}  // namespace releasedesk::cli
