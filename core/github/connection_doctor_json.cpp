#include "core/github/connection_doctor_json.h"

#include <nlohmann/json.hpp>

namespace releasedesk {

std::string toJson(const DoctorReport& report, const std::string& apiUrl, const std::string& repository) {
  nlohmann::ordered_json checks = nlohmann::ordered_json::array();
  for (const DoctorCheck& check : report.checks) {
    checks.push_back(
        {{"name", check.name}, {"status", std::string(toString(check.status))}, {"message", check.message}});
  }
  const nlohmann::ordered_json doc{
      {"apiUrl", apiUrl}, {"repository", repository}, {"ok", report.allHold()}, {"checks", checks}};
  return doc.dump(2);
}

}  // namespace releasedesk
