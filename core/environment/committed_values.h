// The non-commit guard: the runbook forbids committing concrete production values, so this
// looks for the environment's meaningful variable values in a checkout's tracked files and
// reports each hit as file:line.
#pragma once

#include "core/environment/completeness_report.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

struct GuardedValue {
  std::string name;   // the variable, for the message
  std::string value;  // what must not appear in the repository
};

struct CommittedValueHit {
  std::string path;  // relative to the scanned root, '/' separated
  int line = 0;      // 1-based
  std::string name;  // the variable whose value was found

  bool operator==(const CommittedValueHit&) const = default;
};

// The values worth looking for: every variable read at environment level and the effective
// value of every variable in `report`, at least `settings.minimumLength` long, except the
// variables `settings.ignore` names. Deduplicated by value.
std::vector<GuardedValue> guardedValues(const EnvironmentSnapshot& snapshot, const CompletenessReport& report,
                                        const NonCommitGuardSettings& settings);

// Searches one file's bytes; appends hits in line order. Files with a NUL byte in their first
// 8000 bytes are binary (git's rule) and skipped: returns false for them.
bool scanForCommittedValues(const std::vector<GuardedValue>& values, std::string_view path, std::string_view bytes,
                            std::vector<CommittedValueHit>& hits);

struct RepositoryScan {
  std::vector<CommittedValueHit> hits;
  std::size_t filesScanned = 0;
  std::size_t binaryFilesSkipped = 0;
  std::vector<std::string> unreadable;  // paths that could not be read
};

// Scans the files under `root`: the given relative paths (e.g. `git ls-files`), or, when
// `paths` is std::nullopt, every regular file found by walking `root`, skipping `.git`.
// What `env scan-repo` reports: one checkout scanned for one environment's values.
struct RepositoryScanReport {
  std::string environment;
  std::string directory;        // as given
  bool fromGitLsFiles = false;  // the files came from git ls-files, else from walking the folder
  std::size_t valuesChecked = 0;
  RepositoryScan scan;
};

RepositoryScan scanRepository(const std::filesystem::path& root, const std::vector<GuardedValue>& values,
                              const std::optional<std::vector<std::string>>& paths = std::nullopt);

}  // namespace releasedesk
