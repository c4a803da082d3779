// The environment documents the console prints with --json: `env check` and `env scan-repo`
// (shapes documented in README.md).
#pragma once

#include "core/environment/committed_values.h"
#include "core/environment/completeness_report.h"

#include <string>

namespace releasedesk {

// The `env check --json` document (see README: "env check JSON").
std::string toJson(const CompletenessReport& report, int indent = 2);

// The `env scan-repo --json` document: where it looked, what it checked and every hit (never a value).
std::string toJson(const RepositoryScanReport& report);

}  // namespace releasedesk
