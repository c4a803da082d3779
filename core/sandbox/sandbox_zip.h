// Artifact archives built in memory, as GitHub serves them from its storage host.
#pragma once

#include "core/github/github_types.h"

#include <string>
#include <vector>

namespace releasedesk::sandbox {

struct ZipEntry {
  std::string name;  // path inside the archive
  std::string bytes;
};

// A deflated zip of `entries`, each stamped `modified` so the bytes (and their ETag) are the
// same on every build. Empty when libzip fails, which only happens when memory runs out.
std::string buildZip(const std::vector<ZipEntry>& entries, TimePoint modified);

}  // namespace releasedesk::sandbox
