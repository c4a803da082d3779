// WorkflowReferences: every `vars.NAME` and `secrets.NAME` a workflow file uses, with the line
// it is on. The file is parsed as YAML (libyaml) so that comments and malformed files are told
// apart from real uses.
#pragma once

#include "core/environment/requirement_profile.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

struct WorkflowReference {
  ConfigKind kind = ConfigKind::Variable;
  std::string name;
  int line = 0;  // 1-based line in the workflow file
};

struct WorkflowReferences {
  std::string path;                           // as read, for messages: ".github/workflows/production-stage.yml"
  std::vector<WorkflowReference> references;  // in file order; a name used twice appears twice
  std::optional<std::string> parseError;      // the YAML is malformed: "line 12: ..."

  // The lines `name` is used on, empty when it is not used.
  std::vector<int> linesOf(ConfigKind kind, std::string_view name) const;
};

// Scans workflow YAML text. `secrets.GITHUB_TOKEN` is built in and is not reported.
WorkflowReferences scanWorkflowReferences(std::string_view yaml, std::string path);

}  // namespace releasedesk
