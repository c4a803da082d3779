// The non-commit guard's search: a substring search per guarded value over each file's bytes,
// one file in memory at a time.
#include "core/environment/committed_values.h"

#include <algorithm>
#include <fstream>
#include <set>

namespace releasedesk {

std::vector<GuardedValue> guardedValues(const EnvironmentSnapshot& snapshot, const CompletenessReport& report,
                                        const NonCommitGuardSettings& settings) {
  std::vector<GuardedValue> values;
  std::set<std::string> seen;
  const auto add = [&](const std::string& name, const std::string& value) {
    if (value.size() < settings.minimumLength) return;
    if (std::find(settings.ignore.begin(), settings.ignore.end(), name) != settings.ignore.end()) return;
    if (seen.insert(value).second) values.push_back({name, value});
  };
  if (const auto& environmentLevel = snapshot.variables[static_cast<std::size_t>(ConfigLevel::Environment)].items) {
    for (const Variable& variable : *environmentLevel) add(variable.name, variable.value);
  }
  for (const CompletenessItem& item : report.items) {
    if (item.kind == ConfigKind::Variable && item.source) add(item.name, item.value);
  }
  return values;
}

bool scanForCommittedValues(const std::vector<GuardedValue>& values, std::string_view path, std::string_view bytes,
                            std::vector<CommittedValueHit>& hits) {
  if (bytes.substr(0, 8000).find('\0') != std::string_view::npos) return false;
  const std::size_t first = hits.size();
  for (const GuardedValue& guarded : values) {
    if (guarded.value.empty()) continue;  // found everywhere, and the search would not advance
    int line = 1;
    std::size_t counted = 0;  // newlines are counted up to here
    int lastLine = 0;
    for (auto at = bytes.find(guarded.value); at != std::string_view::npos;
         at = bytes.find(guarded.value, at + guarded.value.size())) {
      line += static_cast<int>(std::count(bytes.begin() + static_cast<std::ptrdiff_t>(counted),
                                          bytes.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
      counted = at;
      if (line == lastLine) continue;  // once per line and value
      lastLine = line;
      hits.push_back({std::string(path), line, guarded.name});
    }
  }
  std::sort(hits.begin() + static_cast<std::ptrdiff_t>(first), hits.end(),
            [](const CommittedValueHit& a, const CommittedValueHit& b) {
              return a.line != b.line ? a.line < b.line : a.name < b.name;
            });
  return true;
}

RepositoryScan scanRepository(const std::filesystem::path& root, const std::vector<GuardedValue>& values,
                              const std::optional<std::vector<std::string>>& paths) {
  namespace fs = std::filesystem;
  RepositoryScan scan;
  std::string bytes;
  const auto scanFile = [&](const fs::path& file, const std::string& relative) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      scan.unreadable.push_back(relative);
      return;
    }
    in.seekg(0, std::ios::end);
    const auto size = in.tellg();
    in.seekg(0);
    bytes.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
    if (!bytes.empty() && !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
      scan.unreadable.push_back(relative);
      return;
    }
    if (scanForCommittedValues(values, relative, bytes, scan.hits))
      ++scan.filesScanned;
    else
      ++scan.binaryFilesSkipped;
  };
  if (paths) {
    for (const std::string& relative : *paths) {
      const fs::path file = root / fs::path(relative);
      std::error_code error;
      if (!fs::is_regular_file(file, error)) continue;  // deleted in the work tree, or a submodule
      scanFile(file, relative);
    }
    return scan;
  }
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
  if (error) {
    scan.unreadable.push_back(root.string());
    return scan;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) break;
    if (it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(error)) continue;
    scanFile(it->path(), it->path().lexically_relative(root).generic_string());
  }
  return scan;
}

}  // namespace releasedesk
