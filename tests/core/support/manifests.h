// Manifests built in code for tests that need many or varied documents, not a table entry.
#pragma once

#include <string>
#include <string_view>

namespace releasedesk::testing {

inline constexpr std::string_view kShaA = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
inline constexpr std::string_view kShaB = "1b2c3d4e5f60718293a4b5c6d7e8f9012345678a";
inline constexpr std::string_view kShaC = "2c3d4e5f60718293a4b5c6d7e8f9012345678ab1";
inline constexpr std::string_view kShaD = "3d4e5f60718293a4b5c6d7e8f9012345678ab1c2";
static_assert(kShaA.size() == 40 && kShaB.size() == 40 && kShaC.size() == 40 && kShaD.size() == 40);

// A 64-hex digest derived from `seed`, so every manifest can carry distinct refs.
inline std::string digestFor(std::string_view seed) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string hex(64, '0');
  unsigned long long state = 1469598103934665603ULL;  // FNV-1a, enough to vary the digits
  for (char c : seed) state = (state ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  for (char& c : hex) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    c = kHex[(state >> 59) & 0xF];
  }
  return hex;
}

// A runtime candidate for `sha` with ACR digest refs and the given acceptance gate.
inline std::string runtimeManifest(std::string_view sha, std::string_view gate = "success") {
  const std::string s(sha);
  return R"({
  "headSha": ")" +
         s + R"(",
  "kind": "runtime",
  "scope": {"identity": false, "infra": false, "runtime": true},
  "candidate": {
    "apiRef": "contosoprod.azurecr.io/shop/api@sha256:)" +
         digestFor(s + "api") + R"(",
    "webRef": "contosoprod.azurecr.io/shop/web@sha256:)" +
         digestFor(s + "web") + R"("
  },
  "checks": {"acceptanceStageGate": ")" +
         std::string(gate) + R"("}
}
)";
}

// True when `text` is well-formed UTF-8 (no stray continuation bytes, overlongs or surrogates).
inline bool isValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t codePoint = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2;
      codePoint = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      codePoint = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      codePoint = lead & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3F);
    }
    constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codePoint < kMinimum[length] || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace releasedesk::testing
