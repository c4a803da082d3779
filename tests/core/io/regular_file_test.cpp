// readRegularFile(): one reader for every file the user names (manifests, workflows, profiles):
// never blocks, refuses what is not a regular file, caps the size, names the path and the reason.
#include "core/io/regular_file.h"
#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>

namespace releasedesk {
namespace {

namespace fs = std::filesystem;
using testing::TempFolder;

TEST(ReadRegularFile, ReadsASmallFile) {
  TempFolder folder;
  const fs::path file = folder.write("a.json", "{}");
  const FileRead read = readRegularFile(file, 10);
  EXPECT_TRUE(read.ok()) << read.error;
  EXPECT_EQ(read.bytes, "{}");
  EXPECT_EQ(read.problem, FileProblem::None);
}

TEST(ReadRegularFile, AFifoIsRefusedWithoutWaitingForAWriter) {
  TempFolder folder;
  const fs::path fifo = folder / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const FileRead read = readRegularFile(fifo, 10);
  EXPECT_EQ(read.problem, FileProblem::NotRegular);
  EXPECT_EQ(read.error, fifo.string() + " is not a regular file");
}

TEST(ReadRegularFile, DevicesSocketsAndProcFilesAreRefused) {
  TempFolder folder;
  const fs::path socketPath = folder / "socket";
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socketPath.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  EXPECT_EQ(readRegularFile(socketPath, 10).problem, FileProblem::NotRegular);
  ::close(fd);
  EXPECT_EQ(readRegularFile("/dev/zero", 10).problem, FileProblem::NotRegular);
  EXPECT_EQ(readRegularFile("/dev/null", 10).problem, FileProblem::NotRegular);
  // /proc files say they are regular but have size 0 and unbounded content: still refused.
  const FileRead proc = readRegularFile("/proc/self/status", 10);
  EXPECT_EQ(proc.problem, FileProblem::NotRegular) << proc.error;
}

TEST(ReadRegularFile, AFolderAndAMissingFileSayWhatTheyAre) {
  TempFolder folder;
  EXPECT_EQ(readRegularFile(folder.root(), 10).problem, FileProblem::Folder);
  EXPECT_EQ(readRegularFile(folder.root(), 10).error, folder.root().string() + " is a folder, not a file");
  const FileRead missing = readRegularFile(folder / "missing.json", 10);
  EXPECT_EQ(missing.problem, FileProblem::Missing);
  EXPECT_EQ(missing.error, "there is no file " + (folder / "missing.json").string());
}

TEST(ReadRegularFile, AFileOverTheCapKeepsOneBytePastIt) {
  TempFolder folder;
  const fs::path file = folder.write("big.json", std::string(100, ' '));
  const FileRead read = readRegularFile(file, 10);
  EXPECT_EQ(read.problem, FileProblem::TooLarge);
  EXPECT_EQ(read.bytes.size(), 11u);
  EXPECT_EQ(read.error, file.string() + " is larger than 10 bytes");
}

TEST(ReadRegularFile, PermissionDeniedNamesThePath) {
  // The message for EACCES, whoever runs the test (root reads any file, so the error is injected).
  EXPECT_EQ(describeFileError("/srv/a.json", EACCES), "cannot read /srv/a.json: permission denied");
  EXPECT_EQ(problemOf(EACCES), FileProblem::PermissionDenied);
  EXPECT_EQ(problemOf(EPERM), FileProblem::PermissionDenied);
  EXPECT_EQ(describeFileError("/srv/a.json", ENOENT), "there is no file /srv/a.json");
  EXPECT_EQ(describeFileError("/srv/a.json", EIO), "cannot read /srv/a.json: input/output error");
}

TEST(ReadRegularFile, AnUnreadableFileSaysPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "running as root, which reads any file; PermissionDeniedNamesThePath covers it";
  TempFolder folder;
  const fs::path file = folder.write("secret.json", "{}");
  fs::permissions(file, fs::perms::none);
  const FileRead read = readRegularFile(file, 10);
  EXPECT_EQ(read.problem, FileProblem::PermissionDenied);
  EXPECT_EQ(read.error, "cannot read " + file.string() + ": permission denied");
}

}  // namespace
}  // namespace releasedesk
