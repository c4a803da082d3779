// Reading one file out of a GitHub Actions artifact zip held in memory.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace releasedesk {

// Finds the first entry whose name is `fileName` or ends in "/<fileName>" and copies it into
// `out`, refusing entries larger than `maxBytes`. Returns false with `error` set (a sentence
// fragment: "the artifact is not a zip archive") otherwise.
bool extractFromZip(std::string_view zipBytes, std::string_view fileName, std::size_t maxBytes, std::string& out,
                    std::string& error);

}  // namespace releasedesk
