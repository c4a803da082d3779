#include "app/cli/json_document.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace releasedesk::cli {

void writeJsonDocument(std::ostream& out, const nlohmann::ordered_json& document) {
  if (!document.is_object()) throw std::logic_error("a --json document is an object");
  nlohmann::ordered_json versioned{{"schemaVersion", kJsonSchemaVersion}};
  for (const auto& [key, value] : document.items()) {
    if (key != "schemaVersion") versioned[key] = value;
  }
  out << versioned.dump(2) << '\n';
}

void writeJsonDocument(std::ostream& out, const std::string& document) {
  writeJsonDocument(out, nlohmann::ordered_json::parse(document));
}

}  // namespace releasedesk::cli
