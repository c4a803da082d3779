// EtagCache: GitHub's answers by URL with their ETag, so a repeated GET is conditional and a 304
// costs no rate limit; and answers that never change (a completed run's jobs and artifacts),
// served without asking again. In memory for the desk; saved to a file for the console, so a
// second command is as cheap as a second desk refresh.
//
// Never holds a credential: keys are URLs (tokens travel in a header, never in the URL), and of
// the headers only those the client reads back (ETag, Link, and the permission a refusal names)
// are kept; a remembered refusal is stamped with a digest of the token, not the token. GitHub
// never returns secret values, so cached bodies hold none. The file is the user's alone (0600 in
// a 0700 folder).
#pragma once

#include "core/github/http.h"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <string>

namespace releasedesk {

struct CachedResponse {
  std::string etag;
  HttpResponse response;  // status, kept headers (etag, link) and body
  std::chrono::system_clock::time_point storedAt;
  bool final = false;  // never changes: served without a request
  // The version of the object this answer belongs to when it was read (a deployment's
  // updated_at for its statuses): while the object is unchanged, the answer is served as is.
  std::string stamp;
};

class EtagCache {
 public:
  explicit EtagCache(std::size_t maxEntries = 4000) : maxEntries_(maxEntries) {}

  const CachedResponse* find(const std::string& url) const;
  // Keeps `response` under `url`, with only the headers worth replaying.
  void store(const std::string& url, const std::string& etag, const HttpResponse& response,
             std::chrono::system_clock::time_point now, bool final);
  // Forgets the answer under `url`, if any.
  void erase(const std::string& url);
  // Marks the answer under `url` as read at `stamp` (see CachedResponse::stamp); no entry, no-op.
  void setStamp(const std::string& url, const std::string& stamp);
  std::size_t size() const { return entries_.size(); }
  bool changed() const { return changed_; }

  // Reads a file written by save(). Conditional entries older than `maxAge` are dropped; final
  // ones are kept. A missing file is an empty cache (true); an unreadable or malformed one is
  // ignored with the reason in `error` (false): a cache never stops a command.
  bool load(const std::filesystem::path& file, std::chrono::system_clock::time_point now, std::chrono::seconds maxAge,
            std::string& error);
  // Writes atomically (a temporary file renamed over the old one), creating the folder 0700 and
  // the file 0600.
  bool save(const std::filesystem::path& file, std::string& error) const;

  // The file for one project under `cacheRoot` (…/releasedesk): `projectKey` such as
  // "api.github.com/contoso/shop", made a safe file name.
  static std::filesystem::path fileFor(const std::filesystem::path& cacheRoot, const std::string& projectKey);

 private:
  std::size_t maxEntries_;
  std::map<std::string, CachedResponse> entries_;
  bool changed_ = false;
};

}  // namespace releasedesk
