#include "core/github/etag_cache.h"

#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

constexpr int kFormatVersion = 1;

// The headers a cached answer is replayed with; nothing else is written down. A remembered
// refusal keeps the permission GitHub named.
bool keptHeader(const std::string& name) {
  std::string lower;
  for (const char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "etag" || lower == "link" || lower == "content-type" || lower == "x-accepted-github-permissions" ||
         lower == "x-accepted-oauth-scopes";
}

}  // namespace

const CachedResponse* EtagCache::find(const std::string& url) const {
  const auto it = entries_.find(url);
  return it == entries_.end() ? nullptr : &it->second;
}

void EtagCache::store(const std::string& url, const std::string& etag, const HttpResponse& response,
                      std::chrono::system_clock::time_point now, bool final) {
  // A session touches a few hundred URLs; the cap only guards against growth without bound.
  if (entries_.size() >= maxEntries_ && !entries_.count(url)) entries_.clear();
  CachedResponse entry;
  entry.etag = etag;
  entry.response.status = response.status;
  entry.response.body = response.body;
  for (const auto& [name, value] : response.headers) {
    if (keptHeader(name)) entry.response.headers.emplace_back(name, value);
  }
  entry.storedAt = now;
  entry.final = final;
  entries_[url] = std::move(entry);
  changed_ = true;
}

void EtagCache::erase(const std::string& url) {
  if (entries_.erase(url) > 0) changed_ = true;
}

void EtagCache::setStamp(const std::string& url, const std::string& stamp) {
  const auto it = entries_.find(url);
  if (it == entries_.end() || it->second.stamp == stamp) return;
  it->second.stamp = stamp;
  changed_ = true;
}

bool EtagCache::load(const std::filesystem::path& file, std::chrono::system_clock::time_point now,
                     std::chrono::seconds maxAge, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return true;
  std::ostringstream text;
  text << in.rdbuf();
  const auto input = readJsonInput<Json>(text.str());
  if (input.problem == JsonInputProblem::TrailingData) {
    error = "the cache file " + file.string() + " is not JSON (" + input.error + "); it is ignored";
    return false;
  }
  const Json& doc = input.document;
  if (!doc.is_object() || doc.value("version", 0) != kFormatVersion || !doc.contains("entries") ||
      !doc["entries"].is_object()) {
    error = "the cache file " + file.string() + " is not a cache this version wrote; it is ignored";
    return false;
  }
  for (const auto& [url, item] : doc["entries"].items()) {
    if (!item.is_object()) continue;
    CachedResponse entry;
    entry.etag = item.value("etag", "");
    entry.final = item.value("final", false);
    if (const auto stamp = item.find("stamp"); stamp != item.end() && stamp->is_string())
      entry.stamp = stamp->get<std::string>();
    entry.storedAt = std::chrono::system_clock::time_point(std::chrono::seconds(item.value("storedAt", 0LL)));
    if (!entry.final && now - entry.storedAt > maxAge) continue;
    entry.response.status = item.value("status", 200);
    entry.response.body = item.value("body", "");
    if (const auto headers = item.find("headers"); headers != item.end() && headers->is_object()) {
      for (const auto& [name, value] : headers->items()) {
        if (value.is_string() && keptHeader(name)) entry.response.headers.emplace_back(name, value.get<std::string>());
      }
    }
    if (entry.etag.empty() && !entry.final && entry.stamp.empty()) continue;
    entries_[url] = std::move(entry);
  }
  return true;
}

bool EtagCache::save(const std::filesystem::path& file, std::string& error) const {
  std::error_code ec;
  const std::filesystem::path folder = file.parent_path();
  std::filesystem::create_directories(folder, ec);
  if (ec) {
    error = "cannot create " + folder.string() + ": " + ec.message();
    return false;
  }
  std::filesystem::permissions(folder, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  Json entries = Json::object();
  for (const auto& [url, entry] : entries_) {
    Json headers = Json::object();
    for (const auto& [name, value] : entry.response.headers) headers[name] = value;
    entries[url] = {
        {"etag", entry.etag},
        {"final", entry.final},
        {"stamp", entry.stamp},
        {"storedAt", std::chrono::duration_cast<std::chrono::seconds>(entry.storedAt.time_since_epoch()).count()},
        {"status", entry.response.status},
        {"headers", headers},
        {"body", entry.response.body}};
  }
  const std::string text =
      Json{{"version", kFormatVersion}, {"entries", entries}}.dump(-1, ' ', false, Json::error_handler_t::replace);
  const std::string temporary = file.string() + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot write " + temporary + ": " + std::strerror(errno);
    return false;
  }
  ::fchmod(fd, 0600);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = "cannot write " + temporary + ": " + std::strerror(errno);
      ::close(fd);
      ::unlink(temporary.c_str());
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (::rename(temporary.c_str(), file.c_str()) != 0) {
    error = "cannot replace " + file.string() + ": " + std::strerror(errno);
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

std::filesystem::path EtagCache::fileFor(const std::filesystem::path& cacheRoot, const std::string& projectKey) {
  std::string name = "etags-";
  for (const char c : projectKey) {
    const bool safe =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    name += safe ? c : '_';
  }
  return cacheRoot / (name + ".json");
}

}  // namespace releasedesk
