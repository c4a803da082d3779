// CompletenessReport: whether a GitHub environment holds everything its requirement profile
// and its workflow need, name by name, resolved the way GitHub resolves them (environment >
// repository > organization). Built by evaluateCompleteness() from what could be read.
#pragma once

#include "core/environment/requirement_profile.h"
#include "core/environment/workflow_references.h"
#include "core/evidence/finding.h"
#include "core/github/github_types.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace releasedesk {

// One level's list of variables or secrets: what it holds, or why it could not be read.
template <typename T>
struct LevelRead {
  std::optional<std::vector<T>> items;  // std::nullopt: not readable
  int httpStatus = 0;                   // of the failure (403, 404, ...)
  std::string reason;                   // the sentence to show when not readable

  bool readable() const { return items.has_value(); }
  static LevelRead unreadable(int status, std::string why) { return {std::nullopt, status, std::move(why)}; }
};

// Everything read from GitHub for one environment, indexed by ConfigLevel.
struct EnvironmentSnapshot {
  std::string environment = "production";
  std::string repository;  // owner/name, for display
  std::array<LevelRead<Variable>, 3> variables;
  std::array<LevelRead<Secret>, 3> secrets;
};

enum class ItemStatus { Ok, Missing, Invalid, Unknown };
std::string_view toString(ItemStatus status);  // "ok", "missing", "invalid", "unknown"

struct ItemMessage {
  Severity severity = Severity::Error;
  std::string text;
};

struct ShadowedValue {
  ConfigLevel level = ConfigLevel::Repository;
  std::string value;  // variables only
  OptionalTime updatedAt;
};

struct CompletenessItem {
  std::string name;
  ConfigKind kind = ConfigKind::Variable;
  bool required = false;      // by the profile
  std::string neededBecause;  // set when a group rule makes an optional item necessary
  std::string description;
  ItemStatus status = ItemStatus::Missing;
  std::optional<ConfigLevel> source;    // the effective level; std::nullopt when not found/unknown
  std::string value;                    // variables: the effective value
  OptionalTime updatedAt;               // of the effective definition
  std::vector<ShadowedValue> shadowed;  // lower-precedence definitions it hides
  std::vector<int> workflowLines;       // where the workflow uses it
  std::vector<ItemMessage> messages;

  bool inherited() const { return source && *source != ConfigLevel::Environment; }
  // Required by the profile or by a group rule.
  bool needed() const { return required || !neededBecause.empty(); }
  bool hasError() const;
  // Counts against completeness: a needed item that is not ok, or any error message.
  bool blocking() const { return (needed() && status != ItemStatus::Ok) || hasError(); }
};

// A finding about the workflow file itself (an unresolved reference, a parse error).
struct WorkflowFinding {
  Severity severity = Severity::Error;
  int line = 0;  // 0: the whole file
  std::string message;
};

struct CompletenessReport {
  std::string environment;
  std::string repository;
  std::vector<CompletenessItem> items;  // profile order, then names only the workflow uses
  std::string workflowPath;             // empty when no workflow was scanned
  std::vector<WorkflowFinding> workflowFindings;
  std::vector<ItemMessage> notes;             // about the check itself: unreadable levels, profile, README
  std::vector<std::string> unreadableLevels;  // "organization secrets: ..." for display

  bool complete() const;
  int readyCount() const;   // needed items that are ok
  int neededCount() const;  // needed items
  // "12 of 16 ready"
  std::string summary() const;
  const CompletenessItem* find(std::string_view name, ConfigKind kind) const;
};

// Evaluates `snapshot` against `profile`. `workflow`, when given, adds its references: each must
// resolve (GITHUB_TOKEN is built in), and a required variable it never uses is noted as info.
CompletenessReport evaluateCompleteness(const RequirementProfile& profile, const EnvironmentSnapshot& snapshot,
                                        const WorkflowReferences* workflow = nullptr);

// The report as Markdown (a table plus the workflow findings), for step summaries and export.
std::string completenessMarkdown(const CompletenessReport& report);

}  // namespace releasedesk
