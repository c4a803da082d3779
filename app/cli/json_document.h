// The console's --json documents: each starts with its schemaVersion, and each kind of document
// has its JSON Schema in resources/schema/<name>.schema.json (the README lists them).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <ostream>
#include <string>

namespace releasedesk::cli {

// Raised when a document changes in a way a reader must know about (a field removed, renamed or
// retyped); new fields alone do not raise it.
inline constexpr int kJsonSchemaVersion = 1;

// Writes `document` (a JSON object, as text) with "schemaVersion" as its first member.
void writeJsonDocument(std::ostream& out, const std::string& document);
void writeJsonDocument(std::ostream& out, const nlohmann::ordered_json& document);

}  // namespace releasedesk::cli
