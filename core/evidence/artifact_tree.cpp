#include "core/evidence/artifact_tree.h"

#include "core/github/commit_sha.h"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace releasedesk {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kManifestName = "evidence-manifest.json";

bool isInside(const fs::path& target, const fs::path& root) {
  const fs::path relative = target.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

void sortCatalog(CandidateCatalog& catalog) {
  std::sort(catalog.candidates.begin(), catalog.candidates.end(),
            [](const CandidateEntry& a, const CandidateEntry& b) { return a.sha < b.sha; });
  std::sort(catalog.skipped.begin(), catalog.skipped.end(),
            [](const SkippedEntry& a, const SkippedEntry& b) { return a.path < b.path; });
}

CandidateEntry makeEntry(const std::string& sha, std::string path, std::string_view bytes) {
  CandidateEntry entry{sha, std::move(path), {}};
  entry.report = verifyEvidence(bytes, VerifyOptions{sha});
  return entry;
}

// Follows `path` when it is a symlink; returns false (and records why) when it leaves `root`
// or points nowhere.
bool staysInside(const fs::path& path, const fs::path& root, const std::string& relative, CandidateCatalog& catalog) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return true;
  const fs::path target = fs::canonical(path, ec);
  if (ec) {
    catalog.skipped.push_back({relative, "a symlink that points nowhere; skipped"});
    return false;
  }
  if (!isInside(target, root)) {
    catalog.skipped.push_back({relative, "a symlink that leads outside the artifact tree; not followed"});
    return false;
  }
  return true;
}

}  // namespace

CandidateCatalog catalogFromFiles(const std::vector<TreeFile>& files) {
  CandidateCatalog catalog;
  for (const TreeFile& file : files) {
    std::string_view path = file.path;
    if (path.starts_with(".artifacts/")) path.remove_prefix(std::string_view(".artifacts/").size());
    if (!path.starts_with("acceptance/")) continue;
    const std::string_view rest = path.substr(std::string_view("acceptance/").size());
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || rest.substr(slash + 1) != kManifestName) continue;
    const std::string sha(rest.substr(0, slash));
    if (!isCommitSha(sha)) {
      catalog.skipped.push_back({"acceptance/" + sha, "the folder name is not a 40-character lowercase commit SHA"});
      continue;
    }
    catalog.candidates.push_back(makeEntry(sha, std::string(path), file.bytes));
  }
  sortCatalog(catalog);
  return catalog;
}

bool readManifestFile(const fs::path& file, std::string& bytes, std::string& error) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (!fs::exists(status)) {
    error = "there is no file " + file.string();
    return false;
  }
  if (fs::is_directory(status)) {
    error = file.string() + " is a folder, not a manifest file";
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot open " + file.string() + " for reading (check its permissions)";
    return false;
  }
  // Read one byte past the cap so the validator can say the file is too large.
  bytes.assign(kMaxManifestBytes + 1, '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) {
    error = "reading " + file.string() + " failed";
    return false;
  }
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  return true;
}

CandidateCatalog scanArtifactTree(const fs::path& root) {
  CandidateCatalog catalog;
  catalog.root = root.string();
  std::error_code ec;
  if (!fs::exists(root, ec)) {
    catalog.error = "The folder " + root.string() + " does not exist.";
    return catalog;
  }
  if (!fs::is_directory(root, ec)) {
    catalog.error = root.string() + " is not a folder; open an .artifacts folder.";
    return catalog;
  }
  fs::path base = fs::canonical(root, ec);
  if (ec) {
    catalog.error = "The folder " + root.string() + " cannot be read: " + ec.message() + ".";
    return catalog;
  }
  // Accept a repository checkout as well as its .artifacts folder.
  if (!fs::exists(base / "acceptance", ec) && fs::is_directory(base / ".artifacts", ec)) base /= ".artifacts";

  const fs::path acceptance = base / "acceptance";
  if (!fs::exists(fs::symlink_status(acceptance, ec))) {
    catalog.error = "There is no acceptance evidence in " + root.string() +
                    ": it has no acceptance/ folder. Open the .artifacts folder that the acceptance stage wrote.";
    return catalog;
  }
  if (!staysInside(acceptance, base, "acceptance", catalog)) return catalog;

  fs::directory_iterator it(acceptance, ec);
  if (ec) {
    catalog.error = "The folder " + acceptance.string() + " cannot be read: " + ec.message() + ".";
    return catalog;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::path& folder = it->path();
    const std::string name = folder.filename().string();
    const std::string relative = "acceptance/" + name;
    if (!staysInside(folder, base, relative, catalog)) continue;
    if (!fs::is_directory(folder, ec)) {
      catalog.skipped.push_back({relative, "not a folder; skipped"});
      continue;
    }
    if (!isCommitSha(name)) {
      catalog.skipped.push_back({relative, "the folder name is not a 40-character lowercase commit SHA; skipped"});
      continue;
    }
    const fs::path file = folder / kManifestName;
    const std::string fileRelative = relative + "/" + std::string(kManifestName);
    if (!fs::exists(fs::symlink_status(file, ec))) {
      catalog.skipped.push_back({relative, "the folder holds no evidence-manifest.json; skipped"});
      continue;
    }
    if (!staysInside(file, base, fileRelative, catalog)) continue;
    if (!fs::is_regular_file(file, ec)) {
      catalog.skipped.push_back({fileRelative, "not a regular file; skipped"});
      continue;
    }
    std::string bytes;
    std::string readError;
    if (!readManifestFile(file, bytes, readError)) {
      CandidateEntry entry{name, fileRelative, {}};
      entry.report.findings.push_back({Severity::Error, "", "The manifest could not be read: " + readError + "."});
      catalog.candidates.push_back(std::move(entry));
      continue;
    }
    catalog.candidates.push_back(makeEntry(name, fileRelative, bytes));
  }
  if (ec) catalog.error = "Listing " + acceptance.string() + " stopped early: " + ec.message() + ".";
  sortCatalog(catalog);
  return catalog;
}

}  // namespace releasedesk
