// A temporary folder that removes itself, so file-system tests never leave trees behind.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace releasedesk::testing {

class TempFolder {
 public:
  TempFolder() {
    // A random name so parallel ctest runs (and other engineers' builds) never share a folder.
    std::random_device device;
    std::uniform_int_distribution<unsigned long long> dist;
    for (int attempt = 0; attempt < 16; ++attempt) {
      const auto candidate =
          std::filesystem::temp_directory_path() / ("releasedesk-test-" + std::to_string(dist(device)));
      if (std::filesystem::create_directory(candidate)) {
        root_ = candidate;
        return;
      }
    }
    throw std::runtime_error("cannot create a temporary folder");
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path operator/(const std::filesystem::path& relative) const { return root_ / relative; }

  // Writes `bytes` to `relative`, creating the folders on the way.
  std::filesystem::path write(const std::filesystem::path& relative, std::string_view bytes) const {
    const auto path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return path;
  }

  std::filesystem::path mkdir(const std::filesystem::path& relative) const {
    const auto path = root_ / relative;
    std::filesystem::create_directories(path);
    return path;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace releasedesk::testing
