// Format rules for environment variable values: each rule says, when a value breaks it, what a
// good value looks like.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace releasedesk {

enum class ValueFormat {
  Any,               // any non-empty value
  Guid,              // AZURE_TENANT_ID, AZURE_SUBSCRIPTION_ID
  ResourceGroup,     // AZURE_RESOURCE_GROUP
  AcrName,           // ACR_NAME
  ContainerAppName,  // ACA_*_APP_NAME, ACA_MIGRATE_JOB_NAME
  HostName,          // ACA_*_CUSTOM_DOMAIN
  ValidationMethod,  // ACA_CUSTOM_DOMAIN_VALIDATION_METHOD
  Pattern            // a profile's own ECMAScript regular expression, with its own hint
};

// The profile file's spelling: "any", "guid", "resource-group", "acr-name", "container-app-name",
// "host-name", "validation-method", "pattern".
std::string_view toString(ValueFormat format);
std::optional<ValueFormat> parseValueFormat(std::string_view text);

struct FormatRule {
  ValueFormat format = ValueFormat::Any;
  std::string pattern;  // Pattern only
  std::string hint;     // Pattern only: what a good value looks like
};

// Why `value` of variable `name` breaks `rule`, as a sentence that says what a good value looks
// like; std::nullopt when it is well formed. An empty value is not checked here (it is missing).
// A profile's pattern is checked only when it, and the value, are at most this long.
inline constexpr std::size_t kMaxPatternLength = 256;
inline constexpr std::size_t kMaxPatternValueLength = 1024;

std::optional<std::string> checkFormat(const FormatRule& rule, std::string_view name, std::string_view value);

}  // namespace releasedesk
