// The format rules of environment variable values (Azure naming rules, host names, GUIDs).
#include "core/environment/value_format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <regex>

namespace releasedesk {
namespace {

constexpr std::array<std::pair<ValueFormat, std::string_view>, 8> kNames{{
    {ValueFormat::Any, "any"},
    {ValueFormat::Guid, "guid"},
    {ValueFormat::ResourceGroup, "resource-group"},
    {ValueFormat::AcrName, "acr-name"},
    {ValueFormat::ContainerAppName, "container-app-name"},
    {ValueFormat::HostName, "host-name"},
    {ValueFormat::ValidationMethod, "validation-method"},
    {ValueFormat::Pattern, "pattern"},
}};

// libstdc++'s polynomial-time matcher (an automaton walked breadth first) where available.
#ifdef __GLIBCXX__
constexpr auto kPatternSyntax = std::regex::ECMAScript | std::regex_constants::__polynomial;
#else
constexpr auto kPatternSyntax = std::regex::ECMAScript;
#endif

bool isLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
  return isLower(c) || (c >= 'A' && c <= 'Z');
}
bool isHex(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string quoted(std::string_view value) {
  return "\"" + std::string(value) + "\"";
}

bool isGuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? v[i] != '-' : !isHex(v[i])) return false;
  }
  return true;
}

// Azure: 1-90 letters, digits, underscores, hyphens, periods and parentheses; not ending in a
// period. (Azure also allows non-ASCII letters; those pass as letters here.)
bool isResourceGroup(std::string_view v) {
  if (v.empty() || v.size() > 90 || v.back() == '.') return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return isAlpha(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '(' || c == ')' ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

bool isAcrName(std::string_view v) {
  return v.size() >= 5 && v.size() <= 50 &&
         std::all_of(v.begin(), v.end(), [](char c) { return isAlpha(c) || isDigit(c); });
}

bool isContainerAppName(std::string_view v) {
  if (v.size() < 2 || v.size() > 32 || !isLower(v.front()) || v.back() == '-') return false;
  if (v.find("--") != std::string_view::npos) return false;
  return std::all_of(v.begin(), v.end(), [](char c) { return isLower(c) || isDigit(c) || c == '-'; });
}

bool isHostName(std::string_view v) {
  if (v.empty() || v.size() > 253) return false;
  int labels = 0;
  std::size_t start = 0;
  while (start <= v.size()) {
    const auto dot = v.find('.', start);
    const std::string_view label =
        v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return isAlpha(c) || isDigit(c) || c == '-'; }))
      return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

}  // namespace

std::string_view toString(ValueFormat format) {
  for (const auto& [value, name] : kNames) {
    if (value == format) return name;
  }
  return "any";
}

std::optional<ValueFormat> parseValueFormat(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

namespace {

// Whether `pattern` has a back-reference (`\1`): refused before std::regex reads it, whose count
// of a long one overflows, and which this check could not run without backtracking anyway.
bool hasBackReference(std::string_view pattern) {
  std::size_t backslashes = 0;
  for (const char c : pattern) {
    if (backslashes % 2 == 1 && std::isdigit(static_cast<unsigned char>(c)) != 0) return true;
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  return false;
}

// How many copies of its pieces a pattern's repeat counts may make at most (the product of its
// `{n,m}` counts: nested repeats multiply). A GUID's [0-9a-f]{8}-...-{12} makes 6,144.
constexpr std::uint64_t kMaxPatternRepeat = 10000;

// The product of the counts in the `{n}`, `{n,}` and `{n,m}` of `pattern` (a brace after an odd
// number of backslashes is a literal brace), saturating above kMaxPatternRepeat.
std::uint64_t repeatProduct(std::string_view pattern) {
  std::uint64_t product = 1;
  std::size_t backslashes = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '{' && backslashes % 2 == 0) {
      std::uint64_t largest = 1;
      std::size_t j = i + 1;
      while (j < pattern.size()) {
        std::uint64_t count = 0;
        for (; j < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[j])) != 0; ++j) {
          count = std::min(count * 10 + static_cast<std::uint64_t>(pattern[j] - '0'), kMaxPatternRepeat + 1);
        }
        largest = std::max(largest, count);
        if (j >= pattern.size() || pattern[j] != ',') break;
        ++j;
      }
      product = std::min(product * largest, kMaxPatternRepeat + 1);
    }
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  return product;
}

}  // namespace

std::optional<std::string> checkFormat(const FormatRule& rule, std::string_view name, std::string_view value) {
  if (value.empty()) return std::nullopt;
  const std::string subject = std::string(name) + " is " + quoted(value) + ", ";
  switch (rule.format) {
    case ValueFormat::Any: return std::nullopt;
    case ValueFormat::Guid:
      if (isGuid(value)) return std::nullopt;
      return subject + "not a GUID: expected 8-4-4-4-12 hexadecimal digits, such as " +
             "3f8c2a71-6d4e-4b9a-9c1e-5a2b7d0e4f19 (copy it from the Azure portal).";
    case ValueFormat::ResourceGroup:
      if (isResourceGroup(value)) return std::nullopt;
      return subject + "not a valid resource group name: use 1-90 letters, digits, underscores, hyphens, " +
             "periods or parentheses, not ending with a period (for example rg-shop-prod).";
    case ValueFormat::AcrName:
      if (isAcrName(value)) return std::nullopt;
      return subject + "not a valid container registry name: use 5-50 letters and digits only, without " +
             ".azurecr.io (for example contosoprod).";
    case ValueFormat::ContainerAppName:
      if (isContainerAppName(value)) return std::nullopt;
      return subject + "not a valid Container Apps name: use 2-32 lowercase letters, digits and hyphens, " +
             "starting with a letter, not ending with a hyphen and without \"--\" (for example ca-shop-api).";
    case ValueFormat::HostName:
      if (isHostName(value)) return std::nullopt;
      return subject + "not a host name: give the domain alone, such as api.contoso.com, without https:// " +
             "or a path.";
    case ValueFormat::ValidationMethod:
      if (value == "CNAME" || value == "HTTP" || value == "TXT") return std::nullopt;
      return subject + "not a validation method: use CNAME, HTTP or TXT (upper case).";
    case ValueFormat::Pattern: {
      // The pattern comes from the repository's profile and the value from GitHub: both bounded,
      // and matched without backtracking, so neither can take exponential time or a stack as deep
      // as the value (back-references are then refused as an invalid expression).
      if (rule.pattern.size() > kMaxPatternLength) {
        return "The profile's pattern for " + std::string(name) + " is longer than " +
               std::to_string(kMaxPatternLength) + " characters.";
      }
      if (repeatProduct(rule.pattern) > kMaxPatternRepeat) {
        // std::regex would overflow counting a long count, or build a machine of that many states.
        return "The profile's pattern for " + std::string(name) + " repeats too much (its {n,m} counts make more " +
               "than " + std::to_string(kMaxPatternRepeat) + " copies): " + quoted(rule.pattern) + ".";
      }
      if (value.size() > kMaxPatternValueLength) {
        return std::string(name) + " is " + std::to_string(value.size()) + " characters long, more than the " +
               std::to_string(kMaxPatternValueLength) + " checked against " + quoted(rule.pattern) + ".";
      }
      if (hasBackReference(rule.pattern)) {
        return "The profile's pattern for " + std::string(name) +
               " is not a valid regular expression: " + quoted(rule.pattern) + ".";
      }
      try {
        if (std::regex_match(value.begin(), value.end(), std::regex(rule.pattern, kPatternSyntax))) return std::nullopt;
      } catch (const std::regex_error&) {
        return "The profile's pattern for " + std::string(name) +
               " is not a valid regular expression: " + quoted(rule.pattern) + ".";
      }
      return subject + "which does not match " + quoted(rule.pattern) +
             (rule.hint.empty() ? std::string(".") : ": " + rule.hint);
    }
  }
  return std::nullopt;
}

}  // namespace releasedesk
