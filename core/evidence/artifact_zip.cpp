#include "core/evidence/artifact_zip.h"

#include <zip.h>

#include <memory>

namespace releasedesk {

namespace {

using ZipHandle = std::unique_ptr<zip_t, decltype(&zip_discard)>;

ZipHandle openZip(std::string_view zipBytes, std::string& error) {
  zip_error_t zipError;
  zip_error_init(&zipError);
  zip_source_t* source = zip_source_buffer_create(zipBytes.data(), zipBytes.size(), 0, &zipError);
  if (source == nullptr) {
    error = "the artifact could not be opened";
    zip_error_fini(&zipError);
    return {nullptr, &zip_discard};
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &zipError);
  zip_error_fini(&zipError);
  if (archive == nullptr) {
    zip_source_free(source);
    error = "the artifact is not a zip archive";
  }
  return {archive, &zip_discard};
}

// Reads entry `index` of `stat` into `out`; returns the problem in words, or "".
std::string readEntry(zip_t* archive, zip_uint64_t index, const zip_stat_t& stat, std::string_view name,
                      std::size_t maxBytes, std::string& out) {
  if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > maxBytes) {
    return std::string(name) + " in the artifact is larger than " + std::to_string(maxBytes) + " bytes";
  }
  zip_file_t* file = zip_fopen_index(archive, index, 0);
  if (file == nullptr) return std::string(name) + " in the artifact cannot be read (damaged or encrypted)";
  out.assign(static_cast<std::size_t>(stat.size), '\0');
  const zip_int64_t read = zip_fread(file, out.data(), stat.size);
  zip_fclose(file);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
    out.clear();
    return std::string(name) + " in the artifact is damaged";
  }
  return {};
}

// Calls visit(index, stat, name) for each entry with a name, in archive order, while it returns true.
template <typename Visit>
void visitEntries(zip_t* archive, const Visit& visit) {
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    const auto index = static_cast<zip_uint64_t>(i);
    if (zip_stat_index(archive, index, 0, &stat) != 0 || (stat.valid & ZIP_STAT_NAME) == 0) continue;
    if (!visit(index, stat, std::string_view(stat.name))) return;
  }
}

}  // namespace

bool extractFromZip(std::string_view zipBytes, std::string_view fileName, std::size_t maxBytes, std::string& out,
                    std::string& error) {
  const ZipHandle archive = openZip(zipBytes, error);
  if (!archive) return false;
  bool found = false;
  visitEntries(archive.get(), [&](zip_uint64_t index, const zip_stat_t& stat, std::string_view name) {
    const bool matches = name == fileName || (name.size() > fileName.size() && name.ends_with(fileName) &&
                                              name[name.size() - fileName.size() - 1] == '/');
    if (!matches) return true;
    found = true;
    error = readEntry(archive.get(), index, stat, fileName, maxBytes, out);
    return false;
  });
  if (!found) error = "the artifact holds no " + std::string(fileName);
  return found && error.empty();
}

bool forEachZipEntry(std::string_view zipBytes, std::size_t maxBytes,
                     const std::function<bool(std::string_view path)>& wanted,
                     const std::function<void(std::string_view path, std::string bytes, std::string problem)>& read,
                     std::string& error) {
  const ZipHandle archive = openZip(zipBytes, error);
  if (!archive) return false;
  visitEntries(archive.get(), [&](zip_uint64_t index, const zip_stat_t& stat, std::string_view name) {
    if (name.empty() || name.back() == '/' || !wanted(name)) return true;  // folders carry no bytes
    std::string bytes;
    std::string problem = readEntry(archive.get(), index, stat, name, maxBytes, bytes);
    read(name, std::move(bytes), std::move(problem));
    return true;
  });
  return true;
}

}  // namespace releasedesk
