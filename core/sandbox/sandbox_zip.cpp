// Builds artifact zips in memory with libzip.
#include "core/sandbox/sandbox_zip.h"

#include <zip.h>

#include <ctime>
#include <memory>

namespace releasedesk::sandbox {
namespace {

struct SourceDeleter {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using SourceHandle = std::unique_ptr<zip_source_t, SourceDeleter>;

bool addEntries(zip_t* archive, const std::vector<ZipEntry>& entries, TimePoint modified) {
  const auto stamp = static_cast<time_t>(modified.time_since_epoch().count());
  for (const ZipEntry& entry : entries) {
    // The source points into `entries`, which outlive zip_close(), where libzip reads it.
    zip_source_t* data = zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), 0);
    if (!data) return false;
    const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(data);
      return false;
    }
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), stamp, 0);
  }
  return true;
}

std::string readAll(zip_source_t* source) {
  if (zip_source_open(source) < 0) return {};
  std::string bytes;
  char buffer[8192];
  for (zip_int64_t got = 0; (got = zip_source_read(source, buffer, sizeof buffer)) > 0;) {
    bytes.append(buffer, static_cast<std::size_t>(got));
  }
  zip_source_close(source);
  return bytes;
}

}  // namespace

std::string buildZip(const std::vector<ZipEntry>& entries, TimePoint modified) {
  zip_error_t error;
  zip_error_init(&error);
  SourceHandle buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return {};
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (!archive) return {};
  // The archive takes a reference to the buffer; keep ours to read the result after closing.
  zip_source_keep(buffer.get());
  if (!addEntries(archive, entries, modified) || zip_close(archive) < 0) {
    zip_discard(archive);
    return {};
  }
  return readAll(buffer.get());
}

}  // namespace releasedesk::sandbox
