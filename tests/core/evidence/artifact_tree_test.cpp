// Scanning `.artifacts` trees on disk and cataloguing the embedded sample tree.
#include "core/evidence/artifact_tree.h"
#include "core/github/commit_sha.h"
#include "resources/embedded_resources.h"
#include "tests/core/support/manifests.h"
#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace releasedesk {
namespace {

namespace fs = std::filesystem;
using testing::kShaA;
using testing::kShaB;
using testing::kShaC;
using testing::kShaD;
using testing::runtimeManifest;
using testing::TempFolder;

std::string manifestPath(std::string_view sha) {
  return "acceptance/" + std::string(sha) + "/evidence-manifest.json";
}

const SkippedEntry* findSkipped(const CandidateCatalog& catalog, std::string_view path) {
  const auto it = std::find_if(catalog.skipped.begin(), catalog.skipped.end(),
                               [&](const SkippedEntry& s) { return s.path == path; });
  return it == catalog.skipped.end() ? nullptr : &*it;
}

bool hasMessage(const EvidenceReport& report, std::string_view part) {
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [&](const Finding& f) { return f.message.find(part) != std::string::npos; });
}

class ArtifactTree : public ::testing::Test {
 protected:
  TempFolder folder;
  // The `.artifacts` folder under test; tests add files below it.
  fs::path tree = folder.mkdir("artifacts");

  void addManifest(std::string_view sha, std::string_view bytes) const {
    folder.write(fs::path("artifacts") / manifestPath(sha), bytes);
  }
};

TEST_F(ArtifactTree, FindsEveryCandidateSortedBySha) {
  addManifest(kShaB, runtimeManifest(kShaB, "failure"));
  addManifest(kShaA, runtimeManifest(kShaA));
  addManifest(kShaC, runtimeManifest(kShaA));  // evidence copied into the wrong folder

  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_EQ(catalog.error, "");
  EXPECT_EQ(catalog.root, tree.string());
  EXPECT_TRUE(catalog.skipped.empty());
  ASSERT_EQ(catalog.candidates.size(), 3u);
  EXPECT_EQ(catalog.candidates[0].sha, kShaA);
  EXPECT_EQ(catalog.candidates[0].path, manifestPath(kShaA));
  EXPECT_EQ(catalog.candidates[0].report.verdict, Verdict::Accepted);
  EXPECT_EQ(catalog.candidates[1].sha, kShaB);
  EXPECT_EQ(catalog.candidates[1].report.verdict, Verdict::Rejected);
  EXPECT_EQ(catalog.candidates[2].sha, kShaC);
  EXPECT_EQ(catalog.candidates[2].report.verdict, Verdict::Invalid);
  EXPECT_TRUE(hasMessage(catalog.candidates[2].report, "does not match the folder"));

  ASSERT_NE(catalog.find(kShaB), nullptr);
  EXPECT_EQ(catalog.find(kShaB)->sha, kShaB);
  EXPECT_EQ(catalog.find(kShaD), nullptr);
}

TEST_F(ArtifactTree, FoldersThatAreNotCommitShasAreSkipped) {
  addManifest(kShaA, runtimeManifest(kShaA));
  addManifest("latest", runtimeManifest(kShaA));
  std::string upper(kShaB);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
  addManifest(upper, runtimeManifest(kShaB));
  addManifest(kShaC.substr(0, 39), runtimeManifest(kShaC));

  const CandidateCatalog catalog = scanArtifactTree(tree);
  ASSERT_EQ(catalog.candidates.size(), 1u);
  EXPECT_EQ(catalog.candidates[0].sha, kShaA);
  ASSERT_EQ(catalog.skipped.size(), 3u);
  for (const std::string& name : {std::string("latest"), upper, std::string(kShaC.substr(0, 39))}) {
    const SkippedEntry* skipped = findSkipped(catalog, "acceptance/" + name);
    ASSERT_NE(skipped, nullptr) << name;
    EXPECT_NE(skipped->reason.find("not a 40-character lowercase commit SHA"), std::string::npos);
  }
}

TEST_F(ArtifactTree, AFolderSymlinkLeadingOutsideIsReportedAndNeverRead) {
  // Outside the tree sits evidence that would be accepted if the scan followed the link.
  folder.write(fs::path("elsewhere") / kShaA / "evidence-manifest.json", runtimeManifest(kShaA));
  folder.mkdir("artifacts/acceptance");
  fs::create_directory_symlink(folder / "elsewhere" / kShaA, tree / "acceptance" / kShaA);

  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_EQ(catalog.find(kShaA), nullptr);
  EXPECT_TRUE(catalog.candidates.empty());
  const SkippedEntry* skipped = findSkipped(catalog, "acceptance/" + std::string(kShaA));
  ASSERT_NE(skipped, nullptr);
  EXPECT_NE(skipped->reason.find("outside the artifact tree"), std::string::npos) << skipped->reason;
}

TEST_F(ArtifactTree, AManifestSymlinkLeadingOutsideIsReportedAndNeverRead) {
  const fs::path outside = folder.write("elsewhere/evidence-manifest.json", runtimeManifest(kShaA));
  folder.mkdir(fs::path("artifacts/acceptance") / kShaA);
  fs::create_symlink(outside, tree / manifestPath(kShaA));

  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_EQ(catalog.find(kShaA), nullptr);
  const SkippedEntry* skipped = findSkipped(catalog, manifestPath(kShaA));
  ASSERT_NE(skipped, nullptr);
  EXPECT_NE(skipped->reason.find("outside the artifact tree"), std::string::npos);
}

TEST_F(ArtifactTree, AnAcceptanceFolderSymlinkLeadingOutsideIsNotFollowed) {
  folder.write(fs::path("elsewhere/acceptance") / kShaA / "evidence-manifest.json", runtimeManifest(kShaA));
  fs::create_directory_symlink(folder / "elsewhere/acceptance", tree / "acceptance");

  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_TRUE(catalog.candidates.empty());
  EXPECT_NE(findSkipped(catalog, "acceptance"), nullptr);
}

TEST_F(ArtifactTree, SymlinksThatStayInsideTheTreeAreFollowed) {
  // Some upload steps deduplicate files with links; that is fine while they stay in the tree.
  folder.write("artifacts/store/a.json", runtimeManifest(kShaA));
  folder.mkdir(fs::path("artifacts/acceptance") / kShaA);
  fs::create_symlink("../../store/a.json", tree / manifestPath(kShaA));
  folder.write(fs::path("artifacts/store") / kShaB / "evidence-manifest.json", runtimeManifest(kShaB));
  fs::create_directory_symlink(fs::path("../store") / kShaB, tree / "acceptance" / kShaB);

  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_TRUE(catalog.skipped.empty());
  ASSERT_EQ(catalog.candidates.size(), 2u);
  EXPECT_EQ(catalog.find(kShaA)->report.verdict, Verdict::Accepted);
  EXPECT_EQ(catalog.find(kShaB)->report.verdict, Verdict::Accepted);
}

TEST_F(ArtifactTree, ADanglingSymlinkIsSkipped) {
  folder.mkdir("artifacts/acceptance");
  fs::create_directory_symlink(tree / "nowhere", tree / "acceptance" / kShaA);

  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_TRUE(catalog.candidates.empty());
  const SkippedEntry* skipped = findSkipped(catalog, "acceptance/" + std::string(kShaA));
  ASSERT_NE(skipped, nullptr);
  EXPECT_NE(skipped->reason.find("points nowhere"), std::string::npos);
}

TEST_F(ArtifactTree, AFolderWithoutAManifestIsSkipped) {
  folder.write(fs::path("artifacts/acceptance") / kShaA / "other.json", "{}");
  addManifest(kShaB, runtimeManifest(kShaB));

  const CandidateCatalog catalog = scanArtifactTree(tree);
  ASSERT_EQ(catalog.candidates.size(), 1u);
  const SkippedEntry* skipped = findSkipped(catalog, "acceptance/" + std::string(kShaA));
  ASSERT_NE(skipped, nullptr);
  EXPECT_NE(skipped->reason.find("holds no evidence-manifest.json"), std::string::npos);
}

TEST_F(ArtifactTree, StrayFilesAndAManifestThatIsAFolderAreSkipped) {
  folder.write("artifacts/acceptance/README.md", "notes");
  folder.mkdir(fs::path("artifacts") / manifestPath(kShaA));

  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_TRUE(catalog.candidates.empty());
  ASSERT_NE(findSkipped(catalog, "acceptance/README.md"), nullptr);
  EXPECT_NE(findSkipped(catalog, "acceptance/README.md")->reason.find("not a folder"), std::string::npos);
  ASSERT_NE(findSkipped(catalog, manifestPath(kShaA)), nullptr);
  EXPECT_NE(findSkipped(catalog, manifestPath(kShaA))->reason.find("not a regular file"), std::string::npos);
}

TEST_F(ArtifactTree, AnOversizeManifestIsInvalidAndNamesTheLimit) {
  std::string huge = runtimeManifest(kShaA);
  huge.append(kMaxManifestBytes, ' ');
  addManifest(kShaA, huge);

  const CandidateCatalog catalog = scanArtifactTree(tree);
  ASSERT_EQ(catalog.candidates.size(), 1u);
  EXPECT_EQ(catalog.candidates[0].report.verdict, Verdict::Invalid);
  EXPECT_TRUE(hasMessage(catalog.candidates[0].report, "1 MiB"));
}

TEST_F(ArtifactTree, AMissingRootIsAnError) {
  const CandidateCatalog catalog = scanArtifactTree(folder / "does-not-exist");
  EXPECT_NE(catalog.error.find("does not exist"), std::string::npos) << catalog.error;
  EXPECT_TRUE(catalog.candidates.empty());
}

TEST_F(ArtifactTree, ARootThatIsAFileIsAnError) {
  const CandidateCatalog catalog = scanArtifactTree(folder.write("file.json", runtimeManifest(kShaA)));
  EXPECT_NE(catalog.error.find("is not a folder"), std::string::npos) << catalog.error;
}

TEST_F(ArtifactTree, AFolderWithoutAcceptanceEvidenceIsAnError) {
  folder.write("artifacts/production/x/result.json", "{}");
  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_NE(catalog.error.find("no acceptance/ folder"), std::string::npos) << catalog.error;
}

TEST_F(ArtifactTree, ARepositoryCheckoutHoldingDotArtifactsIsAccepted) {
  folder.write("checkout/README.md", "# shop");
  folder.write(fs::path("checkout/.artifacts") / manifestPath(kShaA), runtimeManifest(kShaA));

  const CandidateCatalog catalog = scanArtifactTree(folder / "checkout");
  EXPECT_EQ(catalog.error, "");
  ASSERT_EQ(catalog.candidates.size(), 1u);
  EXPECT_EQ(catalog.candidates[0].path, manifestPath(kShaA));
  EXPECT_EQ(catalog.candidates[0].report.verdict, Verdict::Accepted);
}

TEST_F(ArtifactTree, ReadManifestFileReportsAMissingFile) {
  std::string bytes;
  std::string error;
  EXPECT_FALSE(readManifestFile(folder / "missing.json", bytes, error));
  EXPECT_FALSE(error.empty());
}

TEST_F(ArtifactTree, ReadManifestFileStopsOneBytePastTheCap) {
  // Reading the whole of a huge file would waste memory; one byte past the cap is enough to refuse it.
  const fs::path file = folder.write("big.json", std::string(kMaxManifestBytes * 2, ' '));
  std::string bytes;
  std::string error;
  ASSERT_TRUE(readManifestFile(file, bytes, error)) << error;
  EXPECT_EQ(bytes.size(), kMaxManifestBytes + 1);
}

TEST_F(ArtifactTree, ADotArtifactsSymlinkLeadingOutOfTheCheckoutIsNotFollowed) {
  // The same rule as for acceptance/: nothing is read from outside the folder the user named.
  folder.write(fs::path("elsewhere/.artifacts") / manifestPath(kShaA), runtimeManifest(kShaA));
  folder.write("checkout/README.md", "# shop");
  fs::create_directory_symlink(folder / "elsewhere/.artifacts", folder / "checkout/.artifacts");

  const CandidateCatalog catalog = scanArtifactTree(folder / "checkout");
  EXPECT_TRUE(catalog.candidates.empty());
  const SkippedEntry* skipped = findSkipped(catalog, ".artifacts");
  ASSERT_NE(skipped, nullptr);
  EXPECT_NE(skipped->reason.find("leads outside"), std::string::npos) << skipped->reason;
  EXPECT_TRUE(readCandidate(folder / "checkout", kShaA).candidates.empty());
}

TEST_F(ArtifactTree, ContainmentIsMeasuredFromTheFolderTheUserNamed) {
  // Named the checkout: a link from .artifacts to elsewhere in the checkout stays inside.
  folder.write(fs::path("checkout/stored") / manifestPath(kShaA), runtimeManifest(kShaA));
  fs::create_directory_symlink(folder / "checkout/stored", folder / "checkout/.artifacts");
  const CandidateCatalog fromCheckout = scanArtifactTree(folder / "checkout");
  EXPECT_EQ(fromCheckout.error, "");
  ASSERT_EQ(fromCheckout.candidates.size(), 1u);

  // Named .artifacts itself: the acceptance folder linked from outside it is refused.
  fs::create_directory_symlink(folder / "checkout/stored/acceptance", tree / "acceptance");
  const CandidateCatalog fromTree = scanArtifactTree(tree);
  EXPECT_TRUE(fromTree.candidates.empty());
  EXPECT_NE(findSkipped(fromTree, "acceptance"), nullptr);
}

TEST_F(ArtifactTree, AFifoManifestIsSkippedWithoutBlocking) {
  folder.mkdir(fs::path("artifacts/acceptance") / kShaA);
  ASSERT_EQ(::mkfifo((tree / manifestPath(kShaA)).c_str(), 0600), 0);
  const CandidateCatalog catalog = scanArtifactTree(tree);
  EXPECT_TRUE(catalog.candidates.empty());
  ASSERT_NE(findSkipped(catalog, manifestPath(kShaA)), nullptr);
  const CandidateCatalog one = readCandidate(tree, kShaA);
  EXPECT_TRUE(one.candidates.empty());
  ASSERT_NE(findSkipped(one, manifestPath(kShaA)), nullptr);
  EXPECT_NE(findSkipped(one, manifestPath(kShaA))->reason.find("not a regular file"), std::string::npos);
}

TEST_F(ArtifactTree, AnUnreadableManifestIsAReadErrorThatSaysPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root, which reads any file; see ReadRegularFile tests";
  addManifest(kShaA, runtimeManifest(kShaA));
  fs::permissions(tree / manifestPath(kShaA), fs::perms::none);
  const CandidateCatalog catalog = scanArtifactTree(tree);
  ASSERT_EQ(catalog.candidates.size(), 1u);
  EXPECT_NE(catalog.candidates[0].readError.find("permission denied"), std::string::npos);
  EXPECT_NE(catalog.candidates[0].readError.find((tree / manifestPath(kShaA)).string()), std::string::npos);
}

TEST_F(ArtifactTree, AnUnreadableCandidateFolderSaysPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root, which reads any folder";
  addManifest(kShaA, runtimeManifest(kShaA));
  fs::permissions(tree / "acceptance" / kShaA, fs::perms::none);
  const CandidateCatalog catalog = readCandidate(tree, kShaA);
  fs::permissions(tree / "acceptance" / kShaA, fs::perms::owner_all);
  ASSERT_EQ(catalog.candidates.size(), 1u);
  EXPECT_NE(catalog.candidates[0].readError.find("permission denied"), std::string::npos)
      << catalog.candidates[0].readError;
}

TEST_F(ArtifactTree, ReadCandidateReadsOnlyThatFolder) {
  addManifest(kShaA, runtimeManifest(kShaA));
  addManifest(kShaB, runtimeManifest(kShaB));
  folder.mkdir("artifacts/acceptance/not-a-sha");

  const CandidateCatalog catalog = readCandidate(tree, kShaB);
  ASSERT_EQ(catalog.candidates.size(), 1u);
  EXPECT_EQ(catalog.candidates[0].sha, kShaB);
  EXPECT_EQ(catalog.candidates[0].report.verdict, Verdict::Accepted);
  // The sibling with a bad name was never listed, so it is not reported.
  EXPECT_TRUE(catalog.skipped.empty());
  EXPECT_TRUE(readCandidate(tree, kShaC).candidates.empty());
  EXPECT_EQ(readCandidate(folder / "missing", kShaA).error.find("does not exist") != std::string::npos, true);
}

TEST_F(ArtifactTree, TheStreamingScanHandsOverCandidatesOneByOneInShaOrder) {
  addManifest(kShaB, runtimeManifest(kShaB));
  addManifest(kShaA, runtimeManifest(kShaA));
  folder.mkdir("artifacts/acceptance/latest");
  std::vector<std::string> seen;
  const CandidateCatalog rest = scanArtifactTree(tree, [&](CandidateEntry entry) { seen.push_back(entry.sha); });
  EXPECT_EQ(seen, (std::vector<std::string>{std::string(kShaA), std::string(kShaB)}));
  EXPECT_TRUE(rest.candidates.empty());
  ASSERT_EQ(rest.skipped.size(), 1u);
  EXPECT_EQ(rest.skipped[0].path, "acceptance/latest");
}

TEST(IsCommitSha, AcceptsOnlyFortyLowercaseHex) {
  EXPECT_TRUE(isCommitSha(kShaA));
  EXPECT_FALSE(isCommitSha(kShaA.substr(1)));
  EXPECT_FALSE(isCommitSha(std::string(kShaA) + "0"));
  EXPECT_FALSE(isCommitSha("0A1B2C3D4E5F60718293A4B5C6D7E8F901234567"));
  EXPECT_FALSE(isCommitSha(""));
}

std::vector<TreeFile> sampleFiles(std::string_view prefix = "") {
  std::vector<TreeFile> files;
  for (const auto& file : resources::sampleArtifacts())
    files.push_back({std::string(prefix) + std::string(file.path), file.bytes});
  return files;
}

TEST(CatalogFromFiles, TheEmbeddedSampleHasFourAcceptedOneRejectedOneInvalid) {
  const CandidateCatalog catalog = catalogFromFiles(sampleFiles());
  ASSERT_EQ(catalog.candidates.size(), 6u);
  EXPECT_TRUE(catalog.skipped.empty());
  EXPECT_EQ(catalog.root, "");
  const auto count = [&](Verdict v) {
    return std::count_if(catalog.candidates.begin(), catalog.candidates.end(),
                         [v](const CandidateEntry& c) { return c.report.verdict == v; });
  };
  EXPECT_EQ(count(Verdict::Accepted), 4);
  EXPECT_EQ(count(Verdict::Rejected), 1);
  EXPECT_EQ(count(Verdict::Invalid), 1);

  // The rejected one failed its gate; the invalid one deploys a tag.
  const CandidateEntry* rejected = catalog.find("85d2a9aa9ac858626fab413f82497b67316cc715");
  ASSERT_NE(rejected, nullptr);
  EXPECT_EQ(rejected->report.verdict, Verdict::Rejected);
  const CandidateEntry* invalid = catalog.find("6a6d61aec083f3429116cd5863b44cb82ed38300");
  ASSERT_NE(invalid, nullptr);
  EXPECT_EQ(invalid->report.verdict, Verdict::Invalid);
  EXPECT_TRUE(hasMessage(invalid->report, "is a tag (:latest)"));
  EXPECT_TRUE(std::is_sorted(catalog.candidates.begin(), catalog.candidates.end(),
                             [](const auto& a, const auto& b) { return a.sha < b.sha; }));
}

TEST(CatalogFromFiles, PathsUnderDotArtifactsAreUnderstood) {
  const CandidateCatalog catalog = catalogFromFiles(sampleFiles(".artifacts/"));
  ASSERT_EQ(catalog.candidates.size(), 6u);
  EXPECT_EQ(catalog.candidates[0].path.rfind("acceptance/", 0), 0u);
}

TEST(CatalogFromFiles, OtherFilesAreIgnoredAndBadFolderNamesSkipped) {
  const std::string manifest = runtimeManifest(kShaA);
  const CandidateCatalog catalog = catalogFromFiles({
      {manifestPath(kShaA), manifest},
      {"production/" + std::string(kShaA) + "/result.json", "{}"},
      {"acceptance/" + std::string(kShaA) + "/notes.txt", "x"},
      {"acceptance/" + std::string(kShaA) + "/nested/evidence-manifest.json", manifest},
      {"acceptance/latest/evidence-manifest.json", manifest},
  });
  ASSERT_EQ(catalog.candidates.size(), 1u);
  EXPECT_EQ(catalog.candidates[0].report.verdict, Verdict::Accepted);
  ASSERT_EQ(catalog.skipped.size(), 1u);
  EXPECT_EQ(catalog.skipped[0].path, "acceptance/latest");
}

}  // namespace
}  // namespace releasedesk
