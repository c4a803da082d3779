// Lenient readers of GitHub's JSON fields, shared by the REST and GraphQL readers: an absent or
// mistyped field reads as empty, zero, false or an empty object; nothing throws.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace releasedesk::jsonfields {

std::string str(const nlohmann::json& j, const char* key);
std::int64_t i64(const nlohmann::json& j, const char* key);
bool boolean(const nlohmann::json& j, const char* key);
// The object under `key`, else an empty one.
const nlohmann::json& member(const nlohmann::json& j, const char* key);

}  // namespace releasedesk::jsonfields
