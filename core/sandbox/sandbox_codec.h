// Byte-level encodings the sandbox answers with: SHA-1 (ETags, blob shas), base64 (file
// contents), percent-decoding (request URLs) and a deterministic mixer for seeded variation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace releasedesk::sandbox {

std::string sha1Hex(std::string_view bytes);

// Base64 as GitHub's contents API sends it: a line break after every 60 characters.
std::string base64Lines(std::string_view bytes);

// Decodes %XX escapes; with `plusIsSpace` (query strings) '+' also decodes to a space.
// std::string() with `ok` false when an escape is malformed.
std::string percentDecode(std::string_view text, bool plusIsSpace, bool& ok);

bool isFullSha(std::string_view text);

// A stable 64-bit value for a text, and a value in [low, high] derived from a seed: the
// sandbox's only source of variation, so every answer is reproducible.
std::uint64_t stableHash(std::string_view text);
std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t salt);
int seededInRange(std::uint64_t seed, int low, int high);

}  // namespace releasedesk::sandbox
