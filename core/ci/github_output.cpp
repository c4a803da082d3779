#include "core/ci/github_output.h"

#include <cctype>
#include <fstream>
#include <random>

namespace releasedesk {

DelimiterSource randomDelimiters() {
  return [] {
    static constexpr char kHex[] = "0123456789abcdef";
    std::random_device device;
    std::string token = "ghadelimiter_";
    for (int i = 0; i < 32; ++i) token += kHex[device() % 16];
    return token;
  };
}

bool isOutputName(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key.front())) || key.front() == '-') return false;
  for (const char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') return false;
  }
  return true;
}

std::string formatStepOutput(std::string_view key, std::string_view value, const DelimiterSource& delimiters) {
  if (value.find_first_of("\r\n") == std::string_view::npos) {
    return std::string(key) + "=" + std::string(value) + "\n";
  }
  std::string delimiter = delimiters();
  // A source that keeps answering a token found in the value would loop forever; after a few
  // draws lengthen the token so it cannot be a substring of a finite value.
  for (int draws = 1; delimiter.empty() || value.find(delimiter) != std::string_view::npos; ++draws) {
    delimiter = draws < 8 ? delimiters() : delimiter + delimiters() + std::to_string(draws);
  }
  // As GitHub's toolkit writes it: the value, a line feed, the delimiter (a value ending in a
  // line feed keeps it).
  return std::string(key) + "<<" + delimiter + "\n" + std::string(value) + "\n" + delimiter + "\n";
}

bool appendStepOutputs(const std::string& path, const StepOutputs& outputs, const DelimiterSource& delimiters,
                       std::string& error) {
  std::string text;
  for (const auto& [key, value] : outputs) {
    if (!isOutputName(key)) {
      error = "'" + key + "' is not an output name";
      return false;
    }
    text += formatStepOutput(key, value, delimiters);
  }
  std::ofstream file(path, std::ios::binary | std::ios::app);
  if (!file) {
    error = "cannot open " + path + " for appending";
    return false;
  }
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.flush();
  if (!file) {
    error = "cannot write to " + path;
    return false;
  }
  return true;
}

}  // namespace releasedesk
