// RequirementProfile: which variables and secrets an environment must (or may) hold, their
// format rules, the custom-domain groups and the non-commit guard's settings. The built-in
// default is the production-stage runbook's list; a repository extends it with a profile file
// and with the infra parameter variables its infra README lists.
#pragma once

#include "core/environment/value_format.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

inline constexpr std::string_view kDefaultProfilePath = ".github/releasedesk/profile.json";
inline constexpr std::string_view kDefaultWorkflowPath = ".github/workflows/production-stage.yml";
// Profile files larger than this are refused before parsing, as manifests are.
inline constexpr std::size_t kMaxProfileBytes = 1024 * 1024;

enum class ConfigKind { Variable, Secret };
std::string_view toString(ConfigKind kind);  // "variable", "secret"

struct Requirement {
  std::string name;
  ConfigKind kind = ConfigKind::Variable;
  bool required = true;
  FormatRule format;        // variables only
  std::string description;  // what it is for
  std::string origin;       // "built-in", the profile file's path, or the infra README's path
};

// A custom domain needs its managed certificate and the validation method; a certificate
// without its domain is suspicious.
struct CustomDomainGroup {
  std::string domain;
  std::string certificate;
};

struct NonCommitGuardSettings {
  std::size_t minimumLength = 8;    // shorter values are too common to mean anything
  std::vector<std::string> ignore;  // variables whose values are not organization-specific
};

struct RequirementProfile {
  std::vector<Requirement> requirements;
  std::vector<CustomDomainGroup> customDomains;
  std::string customDomainValidationMethod;  // the variable all custom domains need
  std::string workflowPath = std::string(kDefaultWorkflowPath);
  std::string infraReadmePath;     // empty: none
  std::string infraReadmeSection;  // the heading whose list names the infra parameter variables
  NonCommitGuardSettings nonCommitGuard;

  const Requirement* find(std::string_view name, ConfigKind kind) const;
  // Adds `requirement`, or replaces the one of the same name and kind.
  void put(Requirement requirement);
};

struct ProfileParseResult {
  std::optional<RequirementProfile> profile;
  std::vector<std::string> errors;  // sentences naming the field, e.g. "variables[2].format: ..."
};

// The built-in profile (resources/profiles/default-profile.json).
const RequirementProfile& defaultRequirementProfile();

// Parses a profile file. With "extends": "default" (the default) it starts from `base`;
// with "extends": "none" from nothing. `origin` names the file in messages and requirements.
ProfileParseResult parseRequirementProfile(std::string_view bytes, const RequirementProfile& base,
                                           const std::string& origin);

// The infra parameter variables a README lists under the heading `section`: backticked
// UPPER_SNAKE names at the start of table rows ("| `NAME` | purpose |") or list items
// ("- `NAME`: purpose"), up to the next heading of the same or a higher level.
std::vector<Requirement> parseInfraParameters(std::string_view markdown, std::string_view section,
                                              const std::string& origin);

// Adds `parameters` as required variables, keeping an entry the profile already has.
void addInfraParameters(RequirementProfile& profile, const std::vector<Requirement>& parameters);

}  // namespace releasedesk
