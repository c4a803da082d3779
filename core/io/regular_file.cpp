#include "core/io/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include <cctype>
#include <cerrno>
#include <cstring>

namespace releasedesk {
namespace {

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

FileRead failed(FileProblem problem, std::string error) {
  FileRead read;
  read.problem = problem;
  read.error = std::move(error);
  return read;
}

// Files of the kernel's pseudo file systems look regular but have no size and may never end.
bool onPseudoFileSystem([[maybe_unused]] int fd) {
#ifdef __linux__
  struct statfs info {};
  if (::fstatfs(fd, &info) != 0) return false;
  constexpr long kProc = 0x9fa0;
  constexpr long kSysfs = 0x62656572;
  constexpr long kDebugfs = 0x64626720;
  const auto type = static_cast<long>(info.f_type);
  return type == kProc || type == kSysfs || type == kDebugfs;
#else
  return false;
#endif
}

}  // namespace

FileProblem problemOf(int errorNumber) {
  switch (errorNumber) {
    case ENOENT:
    case ENOTDIR: return FileProblem::Missing;
    case EACCES:
    case EPERM: return FileProblem::PermissionDenied;
    case EISDIR: return FileProblem::Folder;
    case ENXIO:  // opening a socket, or a device with nothing behind it
    case ENODEV: return FileProblem::NotRegular;
    default: return FileProblem::Unreadable;
  }
}

std::string describeFileError(const std::filesystem::path& path, int errorNumber) {
  switch (problemOf(errorNumber)) {
    case FileProblem::Missing: return "there is no file " + path.string();
    case FileProblem::PermissionDenied: return "cannot read " + path.string() + ": permission denied";
    case FileProblem::Folder: return path.string() + " is a folder, not a file";
    case FileProblem::NotRegular: return path.string() + " is not a regular file";
    default: break;
  }
  std::string reason = std::strerror(errorNumber);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return "cannot read " + path.string() + ": " + reason;
}

FileRead readRegularFile(const std::filesystem::path& path, std::size_t maxBytes) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    const int error = errno;
    return failed(problemOf(error), describeFileError(path, error));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    const int error = errno;
    return failed(problemOf(error), describeFileError(path, error));
  }
  if (S_ISDIR(info.st_mode)) return failed(FileProblem::Folder, path.string() + " is a folder, not a file");
  if (!S_ISREG(info.st_mode) || onPseudoFileSystem(fd.get()))
    return failed(FileProblem::NotRegular, path.string() + " is not a regular file");
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);

  FileRead read;
  // Read one byte past the cap so callers can say the file is too large, and no more.
  const std::size_t limit = maxBytes + 1;
  const auto size = static_cast<std::size_t>(info.st_size);
  read.bytes.resize(size < limit ? size : limit);
  std::size_t filled = 0;
  char overflow[1];
  for (;;) {
    char* target = filled < read.bytes.size() ? read.bytes.data() + filled : overflow;
    const std::size_t room = filled < read.bytes.size() ? read.bytes.size() - filled : 1;
    const ssize_t n = ::read(fd.get(), target, room);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      return failed(problemOf(error), describeFileError(path, error));
    }
    if (n == 0) break;
    if (target == overflow) read.bytes.push_back(overflow[0]);  // the file grew since fstat
    filled += static_cast<std::size_t>(n);
    if (filled >= limit) break;
  }
  read.bytes.resize(filled < limit ? filled : limit);
  if (read.bytes.size() > maxBytes) {
    read.problem = FileProblem::TooLarge;
    read.error = path.string() + " is larger than " + std::to_string(maxBytes) + " bytes";
  }
  return read;
}

}  // namespace releasedesk
