// Reading requirement profiles: the embedded default, repository profile files, infra READMEs.
#include "core/environment/requirement_profile.h"

#include "core/io/json_input.h"
#include "resources/embedded_resources.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

bool isConfigName(std::string_view name) {
  if (name.empty() || !((name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

void readRequirements(const Json& list, ConfigKind kind, const std::string& field, const std::string& origin,
                      RequirementProfile& profile, std::vector<std::string>& errors) {
  if (!list.is_array()) {
    errors.push_back(field + ": expected a list of {\"name\": ..., \"required\": ...} objects.");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Json& entry = list[i];
    const std::string where = field + "[" + std::to_string(i) + "]";
    if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
      errors.push_back(where + ": expected an object with a string \"name\".");
      continue;
    }
    Requirement requirement;
    requirement.name = entry["name"].get<std::string>();
    requirement.kind = kind;
    requirement.origin = origin;
    if (!isConfigName(requirement.name)) {
      errors.push_back(where + ".name: \"" + requirement.name +
                       "\" is not a GitHub variable or secret name (upper-case letters, digits and underscores).");
      continue;
    }
    if (const auto it = entry.find("required"); it != entry.end()) {
      if (!it->is_boolean()) {
        errors.push_back(where + ".required: expected true or false.");
        continue;
      }
      requirement.required = it->get<bool>();
    }
    if (const auto it = entry.find("description"); it != entry.end() && it->is_string())
      requirement.description = it->get<std::string>();
    if (const auto it = entry.find("format"); it != entry.end()) {
      const auto format = it->is_string() ? parseValueFormat(it->get<std::string>()) : std::nullopt;
      if (!format) {
        errors.push_back(where +
                         ".format: use one of any, guid, resource-group, acr-name, container-app-name, host-name, "
                         "validation-method, pattern.");
        continue;
      }
      if (kind == ConfigKind::Secret && *format != ValueFormat::Any) {
        errors.push_back(where + ".format: secrets cannot have a format (GitHub never returns their values).");
        continue;
      }
      requirement.format.format = *format;
    }
    if (requirement.format.format == ValueFormat::Pattern) {
      const auto pattern = entry.find("pattern");
      if (pattern == entry.end() || !pattern->is_string() || pattern->get<std::string>().empty()) {
        errors.push_back(where + ".pattern: a \"pattern\" format needs a non-empty \"pattern\" regular expression.");
        continue;
      }
      requirement.format.pattern = pattern->get<std::string>();
      if (const auto hint = entry.find("hint"); hint != entry.end() && hint->is_string())
        requirement.format.hint = hint->get<std::string>();
    }
    profile.put(std::move(requirement));
  }
}

RequirementProfile loadDefaultProfile() {
  for (const auto& file : resources::requirementProfiles()) {
    if (file.path == "default-profile.json") {
      ProfileParseResult parsed = parseRequirementProfile(file.bytes, RequirementProfile{}, "built-in");
      if (parsed.profile) return std::move(*parsed.profile);
    }
  }
  return {};
}

}  // namespace

std::string_view toString(ConfigKind kind) {
  return kind == ConfigKind::Variable ? "variable" : "secret";
}

const Requirement* RequirementProfile::find(std::string_view name, ConfigKind kind) const {
  const auto it = std::find_if(requirements.begin(), requirements.end(),
                               [&](const Requirement& r) { return r.name == name && r.kind == kind; });
  return it == requirements.end() ? nullptr : &*it;
}

void RequirementProfile::put(Requirement requirement) {
  for (Requirement& existing : requirements) {
    if (existing.name == requirement.name && existing.kind == requirement.kind) {
      existing = std::move(requirement);
      return;
    }
  }
  requirements.push_back(std::move(requirement));
}

const RequirementProfile& defaultRequirementProfile() {
  static const RequirementProfile profile = loadDefaultProfile();
  return profile;
}

ProfileParseResult parseRequirementProfile(std::string_view bytes, const RequirementProfile& base,
                                           const std::string& origin) {
  ProfileParseResult result;
  if (bytes.size() > kMaxProfileBytes) {
    result.errors.push_back(origin + " is larger than 1 MiB (" + std::to_string(kMaxProfileBytes) +
                            " bytes), the limit for a requirement profile.");
    return result;
  }
  // The whole input must be the document (a number out of range and the like: not a profile).
  const auto input = readJsonInput<Json>(bytes);
  if (input.problem == JsonInputProblem::TrailingData) {
    result.errors.push_back(origin + " is not JSON: " + input.error + ".");
    return result;
  }
  const Json& doc = input.document;
  if (doc.is_discarded() || !doc.is_object()) {
    result.errors.push_back(origin + " is not a JSON object (see the README for the profile format).");
    return result;
  }
  RequirementProfile profile = base;
  if (const auto it = doc.find("extends"); it != doc.end()) {
    if (*it == "none") {
      profile = RequirementProfile{};
    } else if (*it != "default") {
      result.errors.emplace_back("extends: use \"default\" (the built-in runbook list) or \"none\".");
    }
  }
  if (const auto it = doc.find("version"); it != doc.end() && *it != 1)
    result.errors.emplace_back("version: only version 1 is known.");
  if (const auto it = doc.find("workflow"); it != doc.end()) {
    if (it->is_string())
      profile.workflowPath = it->get<std::string>();
    else
      result.errors.emplace_back("workflow: expected the workflow file's repository path.");
  }
  if (const auto it = doc.find("infraParameters"); it != doc.end()) {
    if (it->is_null()) {
      profile.infraReadmePath.clear();
    } else if (it->is_object()) {
      if (const auto readme = it->find("readme"); readme != it->end() && readme->is_string())
        profile.infraReadmePath = readme->get<std::string>();
      if (const auto section = it->find("section"); section != it->end() && section->is_string())
        profile.infraReadmeSection = section->get<std::string>();
    } else {
      result.errors.emplace_back("infraParameters: expected {\"readme\": path, \"section\": heading} or null.");
    }
  }
  if (const auto it = doc.find("variables"); it != doc.end())
    readRequirements(*it, ConfigKind::Variable, "variables", origin, profile, result.errors);
  if (const auto it = doc.find("secrets"); it != doc.end())
    readRequirements(*it, ConfigKind::Secret, "secrets", origin, profile, result.errors);
  if (const auto it = doc.find("customDomains"); it != doc.end()) {
    if (!it->is_array()) {
      result.errors.emplace_back("customDomains: expected a list of {\"domain\": name, \"certificate\": name}.");
    } else {
      profile.customDomains.clear();
      for (std::size_t i = 0; i < it->size(); ++i) {
        const Json& group = (*it)[i];
        if (!group.is_object() || !group.contains("domain") || !group["domain"].is_string() ||
            !group.contains("certificate") || !group["certificate"].is_string()) {
          result.errors.push_back("customDomains[" + std::to_string(i) +
                                  "]: expected {\"domain\": name, \"certificate\": name}.");
          continue;
        }
        profile.customDomains.push_back({group["domain"].get<std::string>(), group["certificate"].get<std::string>()});
      }
    }
  }
  if (const auto it = doc.find("customDomainValidationMethod"); it != doc.end() && it->is_string())
    profile.customDomainValidationMethod = it->get<std::string>();
  if (const auto it = doc.find("nonCommitGuard"); it != doc.end() && it->is_object()) {
    if (const auto length = it->find("minimumLength"); length != it->end()) {
      if (length->is_number_unsigned() && length->get<std::size_t>() >= 1)
        profile.nonCommitGuard.minimumLength = length->get<std::size_t>();
      else
        result.errors.emplace_back("nonCommitGuard.minimumLength: expected a whole number of at least 1.");
    }
    if (const auto ignore = it->find("ignore"); ignore != it->end() && ignore->is_array()) {
      for (const Json& name : *ignore) {
        if (name.is_string()) profile.nonCommitGuard.ignore.push_back(name.get<std::string>());
      }
    }
  }
  if (result.errors.empty()) result.profile = std::move(profile);
  return result;
}

std::vector<Requirement> parseInfraParameters(std::string_view markdown, std::string_view section,
                                              const std::string& origin) {
  std::vector<Requirement> found;
  const std::string wanted = lower(section.empty() ? std::string_view("Infra parameter variables") : section);
  int sectionLevel = 0;  // 0: not inside the section
  std::size_t start = 0;
  while (start < markdown.size()) {
    auto end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    const std::string_view line = trim(markdown.substr(start, end - start));
    start = end + 1;
    if (line.starts_with('#')) {
      const auto hashes = std::min(line.find_first_not_of('#'), line.size());  // "###" alone is a heading too
      const auto level = static_cast<int>(hashes);
      if (sectionLevel > 0 && level <= sectionLevel) break;
      if (sectionLevel == 0 &&
          lower(trim(line.substr(static_cast<std::size_t>(level)))).find(wanted) != std::string::npos)
        sectionLevel = level;
      continue;
    }
    if (sectionLevel == 0) continue;
    std::string_view rest;
    if (line.starts_with('|'))
      rest = trim(line.substr(1));
    else if (line.starts_with("- ") || line.starts_with("* "))
      rest = trim(line.substr(2));
    else
      continue;
    if (!rest.starts_with('`')) continue;
    const auto close = rest.find('`', 1);
    if (close == std::string_view::npos) continue;
    const std::string_view name = rest.substr(1, close - 1);
    if (!isConfigName(name)) continue;
    std::string_view description = trim(rest.substr(close + 1));
    while (!description.empty() && (description.front() == '|' || description.front() == ':' ||
                                    description.front() == ' ' || description.front() == '-'))
      description.remove_prefix(1);
    while (!description.empty() && (description.back() == '|' || description.back() == ' '))
      description.remove_suffix(1);
    Requirement requirement;
    requirement.name = std::string(name);
    requirement.description = std::string(description);
    requirement.origin = origin;
    if (std::none_of(found.begin(), found.end(), [&](const Requirement& r) { return r.name == name; }))
      found.push_back(std::move(requirement));
  }
  return found;
}

void addInfraParameters(RequirementProfile& profile, const std::vector<Requirement>& parameters) {
  for (const Requirement& parameter : parameters) {
    if (!profile.find(parameter.name, ConfigKind::Variable)) profile.requirements.push_back(parameter);
  }
}

}  // namespace releasedesk
