// The `doctor --json` document: the project asked about and every check a user sees.
#pragma once

#include "core/github/connection_doctor.h"

#include <string>

namespace releasedesk {

// `apiUrl` and `repository` name the project the checks were run against.
std::string toJson(const DoctorReport& report, const std::string& apiUrl, const std::string& repository);

}  // namespace releasedesk
