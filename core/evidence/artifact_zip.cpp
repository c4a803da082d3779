#include "evidence/artifact_zip.h"

#include <zip.h>

#include <memory>

namespace releasedesk {

bool extractFromZip(std::string_view zipBytes, std::string_view fileName, std::size_t maxBytes, std::string& out,
                    std::string& error) {
  zip_error_t zipError;
  zip_error_init(&zipError);
  zip_source_t* source = zip_source_buffer_create(zipBytes.data(), zipBytes.size(), 0, &zipError);
  if (source == nullptr) {
    error = "the artifact could not be opened";
    zip_error_fini(&zipError);
    return false;
  }
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &zipError);
  if (archive == nullptr) {
    zip_source_free(source);
    zip_error_fini(&zipError);
    error = "the artifact is not a zip archive";
    return false;
  }
  const std::unique_ptr<zip_t, decltype(&zip_discard)> closer(archive, &zip_discard);
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0 || (stat.valid & ZIP_STAT_NAME) == 0) {
      continue;
    }
    const std::string_view name(stat.name);
    const bool matches = name == fileName || (name.size() > fileName.size() && name.ends_with(fileName) &&
                                              name[name.size() - fileName.size() - 1] == '/');
    if (!matches) continue;
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > maxBytes) {
      error = std::string(fileName) + " in the artifact is larger than " + std::to_string(maxBytes) + " bytes";
      return false;
    }
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    if (file == nullptr) {
      error = std::string(fileName) + " in the artifact cannot be read (damaged or encrypted)";
      return false;
    }
    out.assign(static_cast<std::size_t>(stat.size), '\0');
    const zip_int64_t read = zip_fread(file, out.data(), stat.size);
    zip_fclose(file);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
      error = std::string(fileName) + " in the artifact is damaged";
      return false;
    }
    return true;
  }
  error = "the artifact holds no " + std::string(fileName);
  return false;
}

}  // namespace releasedesk
