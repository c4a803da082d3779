// Resolution (environment > repository > organization), format and group rules, the workflow's
// references, and the report's Markdown and JSON forms.
#include "core/environment/completeness_report.h"

#include "core/ci/markdown_table.h"

#include <algorithm>
#include <set>

namespace releasedesk {
namespace {

constexpr std::array<ConfigLevel, 3> kPrecedence{ConfigLevel::Environment, ConfigLevel::Repository,
                                                 ConfigLevel::Organization};

std::string levelWord(ConfigLevel level) {
  return std::string(toString(level));
}

std::string listPhrase(std::string_view what, ConfigLevel level, ConfigKind kind) {
  const std::string kinds = kind == ConfigKind::Variable ? "variables" : "secrets";
  (void)what;
  return level == ConfigLevel::Environment ? "the environment's " + kinds : "the " + levelWord(level) + " " + kinds;
}

// What resolving one name across the levels found.
struct Resolution {
  bool found = false;
  bool unknown = false;
  ConfigLevel level = ConfigLevel::Environment;
  std::string value;
  OptionalTime updatedAt;
  std::vector<ShadowedValue> shadowed;
  std::string unknownReason;
};

template <typename T>
Resolution resolve(const std::array<LevelRead<T>, 3>& levels, const std::string& name, ConfigKind kind) {
  Resolution resolution;
  std::vector<std::string> unreadableAbove;
  for (const ConfigLevel level : kPrecedence) {
    const LevelRead<T>& read = levels[static_cast<std::size_t>(level)];
    if (!read.readable()) {
      if (!resolution.found)
        unreadableAbove.push_back(listPhrase("", level, kind) + " could not be read (" + read.reason + ")");
      continue;
    }
    const auto it = std::find_if(read.items->begin(), read.items->end(), [&](const T& t) { return t.name == name; });
    if (it == read.items->end()) continue;
    std::string value;
    if constexpr (std::is_same_v<T, Variable>) value = it->value;
    if (resolution.found) {
      resolution.shadowed.push_back({level, value, it->updatedAt});
      continue;
    }
    resolution.found = true;
    resolution.level = level;
    resolution.value = value;
    resolution.updatedAt = it->updatedAt;
  }
  if (!unreadableAbove.empty()) {
    resolution.unknown = true;
    std::string reason;
    for (const std::string& part : unreadableAbove) reason += (reason.empty() ? "" : "; ") + part;
    resolution.unknownReason =
        resolution.found ? "Found at " + levelWord(resolution.level) + " level, but " + reason +
                               ", so a higher level may override it."
                         : "Not found where it could be looked up, but " + reason + ": it may be defined there.";
  }
  return resolution;
}

CompletenessItem evaluateItem(const Requirement& requirement, const EnvironmentSnapshot& snapshot) {
  CompletenessItem item;
  item.name = requirement.name;
  item.kind = requirement.kind;
  item.required = requirement.required;
  item.description = requirement.description;
  const Resolution r = requirement.kind == ConfigKind::Variable
                           ? resolve(snapshot.variables, requirement.name, requirement.kind)
                           : resolve(snapshot.secrets, requirement.name, requirement.kind);
  if (r.found) {
    item.source = r.level;
    item.value = r.value;
    item.updatedAt = r.updatedAt;
    item.shadowed = r.shadowed;
  }
  const std::string kindWord(toString(requirement.kind));
  if (r.unknown) {
    item.status = ItemStatus::Unknown;
    item.messages.push_back({item.required ? Severity::Error : Severity::Warning, r.unknownReason});
    return item;
  }
  if (!r.found) {
    item.status = ItemStatus::Missing;
    if (item.required) {
      item.messages.push_back(
          {Severity::Error, item.name + " is not set at environment, repository or organization level: add it as a " +
                                kindWord + " of the environment '" + snapshot.environment + "'."});
    }
    return item;
  }
  if (requirement.kind == ConfigKind::Variable && r.value.empty()) {
    item.status = ItemStatus::Missing;
    item.messages.push_back(
        {item.required ? Severity::Error : Severity::Warning,
         item.name + " is defined at " + levelWord(r.level) + " level but empty; an empty value counts as missing."});
    return item;
  }
  item.status = ItemStatus::Ok;
  if (requirement.kind == ConfigKind::Variable) {
    if (auto problem = checkFormat(requirement.format, item.name, item.value)) {
      item.status = ItemStatus::Invalid;
      item.messages.push_back({Severity::Error, std::move(*problem)});
    }
  }
  if (item.inherited()) {
    item.messages.push_back({Severity::Info, "Inherited from the " + levelWord(r.level) + " level: the environment '" +
                                                 snapshot.environment + "' does not set it."});
  }
  for (const ShadowedValue& hidden : item.shadowed) {
    std::string text = "Overrides the " + levelWord(hidden.level) + " level's " + kindWord;
    if (requirement.kind == ConfigKind::Variable) text += " \"" + hidden.value + "\"";
    item.messages.push_back({Severity::Info, text + "."});
  }
  return item;
}

bool hasValue(const CompletenessItem* item) {
  return item && item->source && item->status != ItemStatus::Unknown && item->status != ItemStatus::Missing;
}

void applyGroupRules(const RequirementProfile& profile, CompletenessReport& report) {
  const auto itemOf = [&report](const std::string& name) -> CompletenessItem* {
    for (CompletenessItem& item : report.items) {
      if (item.name == name && item.kind == ConfigKind::Variable) return &item;
    }
    return nullptr;
  };
  bool anyDomain = false;
  std::string firstDomain;
  for (const CustomDomainGroup& group : profile.customDomains) {
    CompletenessItem* domain = itemOf(group.domain);
    CompletenessItem* certificate = itemOf(group.certificate);
    if (!domain || !certificate) continue;
    if (hasValue(domain)) {
      if (!anyDomain) firstDomain = group.domain;
      anyDomain = true;
      certificate->neededBecause = group.domain + " is set";
      if (certificate->status == ItemStatus::Missing) {
        certificate->messages.push_back(
            {Severity::Error, certificate->name + " is needed because " + group.domain + " is set to " + domain->value +
                                  ": set the name of the managed certificate bound to that domain."});
        domain->messages.push_back(
            {Severity::Warning, "Half configured: its managed certificate name " + certificate->name + " is not set."});
      }
    } else if (hasValue(certificate) && domain->status == ItemStatus::Missing) {
      certificate->messages.push_back({Severity::Warning, certificate->name + " is set but its domain " + group.domain +
                                                              " is not: the certificate is not used."});
    }
  }
  if (anyDomain && !profile.customDomainValidationMethod.empty()) {
    if (CompletenessItem* method = itemOf(profile.customDomainValidationMethod)) {
      method->neededBecause = firstDomain + " is set";
      if (method->status == ItemStatus::Missing) {
        method->messages.push_back(
            {Severity::Error, method->name + " is needed because " + firstDomain + " is set: use CNAME, HTTP or TXT."});
      }
    }
  }
}

void applyWorkflow(const WorkflowReferences& workflow, const RequirementProfile& profile,
                   const EnvironmentSnapshot& snapshot, CompletenessReport& report) {
  report.workflowPath = workflow.path;
  if (workflow.parseError) {
    int line = 0;
    if (workflow.parseError->starts_with("line ")) line = std::atoi(workflow.parseError->c_str() + 5);
    report.workflowFindings.push_back(
        {Severity::Error, line, workflow.path + " is not valid YAML (" + *workflow.parseError + ")."});
  }
  // Names only the workflow uses join the report as optional items.
  std::set<std::pair<ConfigKind, std::string>> seen;
  for (const WorkflowReference& reference : workflow.references) {
    if (!seen.insert({reference.kind, reference.name}).second) continue;
    if (report.find(reference.name, reference.kind)) continue;
    Requirement extra;
    extra.name = reference.name;
    extra.kind = reference.kind;
    extra.required = false;
    extra.description = "Used by " + workflow.path + " (not in the requirement profile).";
    report.items.push_back(evaluateItem(extra, snapshot));
  }
  for (CompletenessItem& item : report.items) {
    item.workflowLines = workflow.linesOf(item.kind, item.name);
    const std::string expression = std::string(item.kind == ConfigKind::Variable ? "vars." : "secrets.") + item.name;
    if (!item.workflowLines.empty()) {
      if (item.status == ItemStatus::Missing) {
        const bool inProfile = profile.find(item.name, item.kind) != nullptr;
        const Severity severity = item.needed() || !inProfile ? Severity::Error : Severity::Warning;
        for (const int line : item.workflowLines) {
          report.workflowFindings.push_back(
              {severity, line,
               workflow.path + " line " + std::to_string(line) + " uses " + expression +
                   ", which does not resolve at environment, repository or organization level" +
                   (severity == Severity::Error ? "." : ": the workflow sees an empty string there.")});
        }
        if (severity == Severity::Error && !item.hasError()) {
          item.messages.push_back({Severity::Error, "Used by the workflow (line " +
                                                        std::to_string(item.workflowLines.front()) +
                                                        ") but it does not resolve."});
        }
      } else if (item.status == ItemStatus::Unknown) {
        report.workflowFindings.push_back({Severity::Warning, item.workflowLines.front(),
                                           workflow.path + " line " + std::to_string(item.workflowLines.front()) +
                                               " uses " + expression +
                                               ", which could not be checked: " + item.messages.front().text});
      }
    } else if (item.required && item.kind == ConfigKind::Variable && !workflow.parseError) {
      item.messages.push_back({Severity::Info, "The workflow " + workflow.path + " never uses it."});
    }
  }
  std::stable_sort(report.workflowFindings.begin(), report.workflowFindings.end(),
                   [](const WorkflowFinding& a, const WorkflowFinding& b) { return a.line < b.line; });
}

std::string escapeCell(std::string_view text) {
  return markdownCell(text);
}

std::string statusMark(ItemStatus status) {
  switch (status) {
    case ItemStatus::Ok: return "✅ ok";
    case ItemStatus::Missing: return "❌ missing";
    case ItemStatus::Invalid: return "⛔ invalid";
    case ItemStatus::Unknown: return "❔ unknown";
  }
  return "";
}

}  // namespace

std::string_view toString(ItemStatus status) {
  switch (status) {
    case ItemStatus::Ok: return "ok";
    case ItemStatus::Missing: return "missing";
    case ItemStatus::Invalid: return "invalid";
    case ItemStatus::Unknown: return "unknown";
  }
  return "unknown";
}

bool CompletenessItem::hasError() const {
  return std::any_of(messages.begin(), messages.end(),
                     [](const ItemMessage& m) { return m.severity == Severity::Error; });
}

bool CompletenessReport::complete() const {
  if (std::any_of(items.begin(), items.end(), [](const CompletenessItem& i) { return i.blocking(); })) return false;
  return std::none_of(workflowFindings.begin(), workflowFindings.end(),
                      [](const WorkflowFinding& f) { return f.severity == Severity::Error; });
}

int CompletenessReport::readyCount() const {
  return static_cast<int>(std::count_if(
      items.begin(), items.end(), [](const CompletenessItem& i) { return i.needed() && i.status == ItemStatus::Ok; }));
}

int CompletenessReport::neededCount() const {
  return static_cast<int>(
      std::count_if(items.begin(), items.end(), [](const CompletenessItem& i) { return i.needed(); }));
}

std::string CompletenessReport::summary() const {
  return std::to_string(readyCount()) + " of " + std::to_string(neededCount()) + " ready";
}

const CompletenessItem* CompletenessReport::find(std::string_view name, ConfigKind kind) const {
  const auto it = std::find_if(items.begin(), items.end(),
                               [&](const CompletenessItem& i) { return i.name == name && i.kind == kind; });
  return it == items.end() ? nullptr : &*it;
}

CompletenessReport evaluateCompleteness(const RequirementProfile& profile, const EnvironmentSnapshot& snapshot,
                                        const WorkflowReferences* workflow) {
  CompletenessReport report;
  report.environment = snapshot.environment;
  report.repository = snapshot.repository;
  for (const ConfigLevel level : kPrecedence) {
    const auto index = static_cast<std::size_t>(level);
    for (const ConfigKind kind : {ConfigKind::Variable, ConfigKind::Secret}) {
      const bool readable =
          kind == ConfigKind::Variable ? snapshot.variables[index].readable() : snapshot.secrets[index].readable();
      if (readable) continue;
      const std::string& reason =
          kind == ConfigKind::Variable ? snapshot.variables[index].reason : snapshot.secrets[index].reason;
      std::string what = listPhrase("", level, kind);
      what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
      report.unreadableLevels.push_back(what + ": " + reason);
      report.notes.push_back({Severity::Warning, what + " could not be read: " + reason +
                                                     " Names not found at a higher level are shown as unknown, "
                                                     "never as missing."});
    }
  }
  for (const Requirement& requirement : profile.requirements)
    report.items.push_back(evaluateItem(requirement, snapshot));
  applyGroupRules(profile, report);
  if (workflow) applyWorkflow(*workflow, profile, snapshot, report);
  return report;
}

std::string completenessMarkdown(const CompletenessReport& report) {
  std::string md = "### Environment `" + markdownLine(report.environment) + "`" +
                   (report.repository.empty() ? "" : " of " + markdownLine(report.repository)) + ": " +
                   (report.complete() ? "complete" : "incomplete") + " (" + report.summary() + ")\n\n";
  md += "| Name | Kind | Required | Status | Source | Value / last update | Messages |\n";
  md += "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (const CompletenessItem& item : report.items) {
    std::string shown;
    if (item.kind == ConfigKind::Variable)
      shown = item.value.empty() ? "" : "`" + escapeCell(item.value) + "`";
    else if (item.updatedAt)
      shown = "updated " + formatIsoTime(*item.updatedAt);
    std::string messages;
    for (const ItemMessage& m : item.messages) {
      messages += (messages.empty() ? "" : "<br>") + std::string(toString(m.severity)) + ": " + escapeCell(m.text);
    }
    md += "| `" + item.name + "` | " + std::string(toString(item.kind)) + " | " +
          (item.required   ? "required"
           : item.needed() ? "needed"
                           : "optional") +
          " | " + statusMark(item.status) + " | " +
          (item.source ? std::string(toString(*item.source)) + (item.inherited() ? " (inherited)" : "") : "—") + " | " +
          shown + " | " + messages + " |\n";
  }
  if (!report.workflowFindings.empty()) {
    md += "\n**Workflow `" + markdownLine(report.workflowPath) + "`**\n\n";
    for (const WorkflowFinding& f : report.workflowFindings)
      md += "- " + std::string(toString(f.severity)) + ": " + markdownLine(f.message) + "\n";
  }
  if (!report.notes.empty()) {
    md += "\n";
    for (const ItemMessage& note : report.notes)
      md += "> " + std::string(toString(note.severity)) + ": " + markdownLine(note.text) + "\n";
  }
  return md;
}

}  // namespace releasedesk
