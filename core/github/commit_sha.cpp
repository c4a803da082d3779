#include "core/github/commit_sha.h"

#include <algorithm>
#include <array>

namespace releasedesk {

bool isCommitSha(std::string_view text) {
  return text.size() == 40 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool isHexSha(std::string_view text) {
  return text.size() == 40 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
         });
}

std::string lowerSha(std::string sha) {
  for (char& c : sha) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return sha;
}

std::optional<std::string> findSha(std::string_view text) {
  // A 40-character run of hex digits with no ASCII letter or digit on either side. Titles are scanned
  // for every run on every refresh: one table look-up per character.
  static constexpr auto kClass = [] {
    std::array<unsigned char, 256> table{};  // 1: hex digit, 2: letter or digit
    for (int c = 0; c < 256; ++c) {
      const bool digit = c >= '0' && c <= '9', lowerCase = c >= 'a' && c <= 'z', upperCase = c >= 'A' && c <= 'Z';
      const bool hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      table[c] = static_cast<unsigned char>((hex ? 1 : 0) | (digit || lowerCase || upperCase ? 2 : 0));
    }
    return table;
  }();
  const auto is = [&](std::size_t at, unsigned char what) {
    return (kClass[static_cast<unsigned char>(text[at])] & what) != 0;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is(i, 1)) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < text.size() && is(j, 1)) ++j;
    const bool bounded = (i == 0 || !is(i - 1, 2)) && (j == text.size() || !is(j, 2));
    if (j - i == 40 && bounded) return lowerSha(std::string(text.substr(i, 40)));
    i = j;
  }
  return std::nullopt;
}

}  // namespace releasedesk
