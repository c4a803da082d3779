// Reading a file the user named (an evidence manifest, a workflow, a requirement profile): one
// reader for all of them, so each gets the same guarantees. It never blocks (a FIFO without a
// writer is refused, not waited on), reads only regular files (no devices, sockets or /proc
// files), reads at most one byte past a size cap, and says what went wrong with the path.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace releasedesk {

enum class FileProblem { None, Missing, Folder, NotRegular, PermissionDenied, TooLarge, Unreadable };

struct FileRead {
  // The content; for TooLarge, its first `maxBytes + 1` bytes.
  std::string bytes;
  FileProblem problem = FileProblem::None;
  // A phrase with the path, for "<program>: <error>.": "cannot read /x: permission denied",
  // "/x is not a regular file", "there is no file /x". Empty when problem is None.
  std::string error;

  bool ok() const { return problem == FileProblem::None; }
};

// Reads `path` when it is a regular file of at most `maxBytes` bytes. The type is checked on the
// open descriptor, so the file cannot be swapped for another between the check and the read.
FileRead readRegularFile(const std::filesystem::path& path, std::size_t maxBytes);

// What an `errno` from opening or reading means for the user.
FileProblem problemOf(int errorNumber);
// The phrase readRegularFile() gives for `errorNumber` on `path`.
std::string describeFileError(const std::filesystem::path& path, int errorNumber);

}  // namespace releasedesk
