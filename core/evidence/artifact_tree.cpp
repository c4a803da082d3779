#include "core/evidence/artifact_tree.h"

#include "core/github/commit_sha.h"
#include "core/io/regular_file.h"

#include <algorithm>
#include <system_error>

namespace releasedesk {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kManifestName = "evidence-manifest.json";

bool isInside(const fs::path& target, const fs::path& root) {
  const fs::path relative = target.lexically_relative(root);
  return !relative.empty() && *relative.begin() != "..";
}

void sortSkipped(std::vector<SkippedEntry>& skipped) {
  std::sort(skipped.begin(), skipped.end(),
            [](const SkippedEntry& a, const SkippedEntry& b) { return a.path < b.path; });
}

void sortCatalog(CandidateCatalog& catalog) {
  std::sort(catalog.candidates.begin(), catalog.candidates.end(),
            [](const CandidateEntry& a, const CandidateEntry& b) { return a.sha < b.sha; });
  sortSkipped(catalog.skipped);
}

CandidateEntry makeEntry(const std::string& sha, std::string path, std::string_view bytes) {
  CandidateEntry entry{sha, std::move(path), {}, {}};
  entry.report = verifyEvidence(bytes, VerifyOptions{sha});
  return entry;
}

std::string reasonOf(const std::error_code& ec) {
  if (problemOf(ec.value()) == FileProblem::PermissionDenied) return "permission denied";
  std::string reason = ec.message();
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return reason;
}

// Where the acceptance evidence of the folder the user named lies. Every path below is checked
// against `named`, the canonical form of that folder.
struct TreeLocation {
  fs::path named;       // canonical
  fs::path acceptance;  // <named>[/.artifacts]/acceptance
  bool followed = false;
};

// Follows `path` when it is a symlink; returns false (and records why) when it leaves `named`
// or points nowhere.
bool staysInside(const fs::path& path, const fs::path& named, const std::string& relative,
                 std::vector<SkippedEntry>& skipped) {
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return true;
  const fs::path target = fs::canonical(path, ec);
  if (ec) {
    skipped.push_back({relative, "a symlink that points nowhere; skipped"});
    return false;
  }
  if (!isInside(target, named)) {
    skipped.push_back(
        {relative, "a symlink that leads outside the artifact tree you named (" + named.string() + "); not followed"});
    return false;
  }
  return true;
}

// Resolves the folder the user named. Sets `catalog.error` when it cannot hold evidence at all;
// returns false with `catalog.skipped` set when the way to acceptance/ leads outside.
bool locate(const fs::path& root, TreeLocation& location, CandidateCatalog& catalog) {
  std::error_code ec;
  const auto rootStatus = fs::status(root, ec);
  if (ec && problemOf(ec.value()) == FileProblem::PermissionDenied) {
    catalog.error = "The folder " + root.string() + " cannot be read: permission denied.";
    return false;
  }
  if (!fs::exists(rootStatus)) {
    catalog.error = "The folder " + root.string() + " does not exist.";
    return false;
  }
  if (!fs::is_directory(rootStatus)) {
    catalog.error = root.string() + " is not a folder; open an .artifacts folder.";
    return false;
  }
  location.named = fs::canonical(root, ec);
  if (ec) {
    catalog.error = "The folder " + root.string() + " cannot be read: " + reasonOf(ec) + ".";
    return false;
  }
  fs::path base = location.named;
  // Accept a repository checkout as well as its .artifacts folder.
  const fs::path dotArtifacts = base / ".artifacts";
  if (!fs::exists(fs::symlink_status(base / "acceptance", ec)) && fs::exists(fs::symlink_status(dotArtifacts, ec))) {
    if (!staysInside(dotArtifacts, location.named, ".artifacts", catalog.skipped)) return false;
    if (fs::is_directory(dotArtifacts, ec)) base = dotArtifacts;
  }
  location.acceptance = base / "acceptance";
  const auto acceptanceStatus = fs::symlink_status(location.acceptance, ec);
  if (ec && problemOf(ec.value()) == FileProblem::PermissionDenied) {
    catalog.error = "The folder " + base.string() + " cannot be read: permission denied.";
    return false;
  }
  if (!fs::exists(acceptanceStatus)) {
    catalog.error = "There is no acceptance evidence in " + root.string() +
                    ": it has no acceptance/ folder. Open the .artifacts folder that the acceptance stage wrote.";
    return false;
  }
  return staysInside(location.acceptance, location.named, "acceptance", catalog.skipped);
}

// Reads and verifies acceptance/<name>/evidence-manifest.json. Returns false (with the reason in
// `skipped`) when there is no candidate there.
bool readFolder(const TreeLocation& location, const std::string& name, std::vector<SkippedEntry>& skipped,
                CandidateEntry& entry) {
  const fs::path folder = location.acceptance / name;
  const std::string relative = "acceptance/" + name;
  std::error_code ec;
  if (!staysInside(folder, location.named, relative, skipped)) return false;
  const auto folderStatus = fs::status(folder, ec);
  if (ec && problemOf(ec.value()) == FileProblem::PermissionDenied) {
    entry = CandidateEntry{name, relative + "/" + std::string(kManifestName), {}, {}};
    entry.readError = "cannot read " + folder.string() + ": permission denied";
    entry.report.findings.push_back({Severity::Error, "", "The manifest could not be read: " + entry.readError + "."});
    return true;
  }
  if (!fs::exists(folderStatus)) {
    skipped.push_back({relative, "there is no such folder"});
    return false;
  }
  if (!fs::is_directory(folderStatus)) {
    skipped.push_back({relative, "not a folder; skipped"});
    return false;
  }
  const fs::path file = folder / kManifestName;
  const std::string fileRelative = relative + "/" + std::string(kManifestName);
  const auto fileStatus = fs::symlink_status(file, ec);
  const bool denied = ec && problemOf(ec.value()) == FileProblem::PermissionDenied;
  if (!denied && !fs::exists(fileStatus)) {
    skipped.push_back({relative, "the folder holds no evidence-manifest.json; skipped"});
    return false;
  }
  if (!denied && !staysInside(file, location.named, fileRelative, skipped)) return false;
  FileRead read = readRegularFile(file, kMaxManifestBytes);
  if (read.problem == FileProblem::Folder || read.problem == FileProblem::NotRegular) {
    skipped.push_back({fileRelative, "not a regular file; skipped"});
    return false;
  }
  if (!read.ok() && read.problem != FileProblem::TooLarge) {
    entry = CandidateEntry{name, fileRelative, {}, read.error};
    entry.report.findings.push_back({Severity::Error, "", "The manifest could not be read: " + read.error + "."});
    return true;
  }
  entry = makeEntry(name, fileRelative, read.bytes);
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
  FileRead read = readRegularFile(file, kMaxManifestBytes);
  if (!read.ok() && read.problem != FileProblem::TooLarge) {
    error = read.error;
    return false;
  }
  bytes = std::move(read.bytes);
  return true;
}

CandidateCatalog scanArtifactTree(const fs::path& root, const std::function<void(CandidateEntry)>& onCandidate) {
  CandidateCatalog catalog;
  catalog.root = root.string();
  TreeLocation location;
  if (!locate(root, location, catalog)) {
    sortSkipped(catalog.skipped);
    return catalog;
  }
  // The folder names first (small), then one manifest at a time in sha order.
  std::vector<std::string> names;
  std::error_code ec;
  fs::directory_iterator it(location.acceptance, ec);
  if (ec) {
    catalog.error = "The folder " + location.acceptance.string() + " cannot be read: " + reasonOf(ec) + ".";
    return catalog;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!isCommitSha(name)) {
      if (staysInside(it->path(), location.named, "acceptance/" + name, catalog.skipped)) {
        std::error_code ignored;
        catalog.skipped.push_back({"acceptance/" + name, fs::is_directory(it->path(), ignored)
                                                             ? "the folder name is not a 40-character lowercase "
                                                               "commit SHA; skipped"
                                                             : "not a folder; skipped"});
      }
      continue;
    }
    names.push_back(std::move(name));
  }
  if (ec) {
    catalog.error = "Listing " + location.acceptance.string() + " stopped early: " + reasonOf(ec) + ".";
    return catalog;
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    CandidateEntry entry;
    if (readFolder(location, name, catalog.skipped, entry)) onCandidate(std::move(entry));
  }
  sortSkipped(catalog.skipped);
  return catalog;
}

CandidateCatalog scanArtifactTree(const fs::path& root) {
  std::vector<CandidateEntry> candidates;
  CandidateCatalog catalog =
      scanArtifactTree(root, [&](CandidateEntry entry) { candidates.push_back(std::move(entry)); });
  catalog.candidates = std::move(candidates);
  return catalog;
}

CandidateCatalog readCandidate(const fs::path& root, std::string_view sha) {
  CandidateCatalog catalog;
  catalog.root = root.string();
  TreeLocation location;
  if (!isCommitSha(std::string(sha)) || !locate(root, location, catalog)) return catalog;
  CandidateEntry entry;
  std::vector<SkippedEntry> skipped;
  if (readFolder(location, std::string(sha), skipped, entry)) catalog.candidates.push_back(std::move(entry));
  for (SkippedEntry& s : skipped) {
    if (s.reason != "there is no such folder") catalog.skipped.push_back(std::move(s));
  }
  return catalog;
}

}  // namespace releasedesk
