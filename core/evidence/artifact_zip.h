// Reading one file out of a GitHub Actions artifact zip held in memory.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace releasedesk {

// Finds the first entry whose name is `fileName` or ends in "/<fileName>" and copies it into
// `out`, refusing entries larger than `maxBytes`. Returns false with `error` set (a sentence
// fragment: "the artifact is not a zip archive") otherwise.
bool extractFromZip(std::string_view zipBytes, std::string_view fileName, std::size_t maxBytes, std::string& out,
                    std::string& error);

// Walks the file entries of a zip in archive order. For each, `wanted(path)` says whether to read
// it; a wanted entry is handed to `read(path, bytes, problem)` with either its bytes or, when it is
// larger than `maxBytes` or damaged, a problem in words. Returns false with `error` set when the
// bytes are not a zip archive at all.
bool forEachZipEntry(std::string_view zipBytes, std::size_t maxBytes,
                     const std::function<bool(std::string_view path)>& wanted,
                     const std::function<void(std::string_view path, std::string bytes, std::string problem)>& read,
                     std::string& error);

}  // namespace releasedesk
