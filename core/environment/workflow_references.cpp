// The workflow scan: libyaml yields the scalars (comments never are), a text search pins each
// use found in a scalar to its line.
#include "core/environment/workflow_references.h"

#include <yaml.h>

#include <algorithm>
#include <memory>

namespace releasedesk {
namespace {

bool isNameChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

struct Use {
  ConfigKind kind;
  std::string name;
};

// `vars.NAME`, `secrets.NAME`, and the index forms `vars['NAME']` / `secrets["NAME"]`.
std::vector<Use> usesIn(std::string_view text) {
  std::vector<Use> uses;
  for (const auto& [prefix, kind] : {std::pair{std::string_view("vars"), ConfigKind::Variable},
                                     std::pair{std::string_view("secrets"), ConfigKind::Secret}}) {
    for (auto at = text.find(prefix); at != std::string_view::npos; at = text.find(prefix, at + 1)) {
      if (at > 0 && (isNameChar(text[at - 1]) || text[at - 1] == '.')) continue;
      std::size_t pos = at + prefix.size();
      std::string name;
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && isNameChar(text[pos])) name += text[pos++];
      } else if (pos + 1 < text.size() && text[pos] == '[' && (text[pos + 1] == '\'' || text[pos + 1] == '"')) {
        const char quote = text[pos + 1];
        pos += 2;
        while (pos < text.size() && isNameChar(text[pos])) name += text[pos++];
        if (pos >= text.size() || text[pos] != quote) name.clear();
      }
      if (!name.empty()) uses.push_back({kind, std::move(name)});
    }
  }
  return uses;
}

// Byte offsets of line starts, for offset → line.
std::vector<std::size_t> lineStarts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

int lineAt(const std::vector<std::size_t>& starts, std::size_t offset) {
  return static_cast<int>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin());
}

// After a YAML error the rest of the file is scanned line by line, skipping comment lines, so
// the references still resolve while the error is reported.
void scanRestAsText(std::string_view yaml, std::size_t from, const std::vector<std::size_t>& starts,
                    WorkflowReferences& result) {
  for (int line = lineAt(starts, from); line <= static_cast<int>(starts.size()); ++line) {
    const std::size_t begin = starts[static_cast<std::size_t>(line - 1)];
    const std::size_t end =
        static_cast<std::size_t>(line) < starts.size() ? starts[static_cast<std::size_t>(line)] : yaml.size();
    std::string_view text = yaml.substr(begin, end - begin);
    const auto firstNonBlank = text.find_first_not_of(" \t");
    if (firstNonBlank == std::string_view::npos || text[firstNonBlank] == '#') continue;
    if (const auto comment = text.find(" #"); comment != std::string_view::npos) text = text.substr(0, comment);
    for (Use& use : usesIn(text)) {
      if (use.kind == ConfigKind::Secret && use.name == "GITHUB_TOKEN") continue;
      result.references.push_back({use.kind, std::move(use.name), line});
    }
  }
}

}  // namespace

std::vector<int> WorkflowReferences::linesOf(ConfigKind kind, std::string_view name) const {
  std::vector<int> lines;
  for (const WorkflowReference& r : references) {
    if (r.kind == kind && r.name == name && (lines.empty() || lines.back() != r.line)) lines.push_back(r.line);
  }
  return lines;
}

WorkflowReferences scanWorkflowReferences(std::string_view yaml, std::string path) {
  WorkflowReferences result;
  result.path = std::move(path);
  const std::vector<std::size_t> starts = lineStarts(yaml);

  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    result.parseError = "the YAML parser could not start";
    return result;
  }
  const std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> guard(&parser, yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(yaml.data()), yaml.size());

  // Each use is searched for in the text from the start of its scalar, after the previous use of
  // the same spelling, so repeated uses get their own lines.
  std::size_t searchFloor = 0;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      result.parseError = "line " + std::to_string(parser.problem_mark.line + 1) + ": " +
                          (parser.problem ? parser.problem : "malformed YAML") +
                          (parser.context ? std::string(" ") + parser.context : std::string());
      scanRestAsText(yaml, searchFloor, starts, result);
      break;
    }
    if (event.type == YAML_SCALAR_EVENT) {
      const std::string_view value(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
      const std::size_t scalarStart = std::max(event.start_mark.index, searchFloor);
      std::size_t cursor = scalarStart;
      for (Use& use : usesIn(value)) {
        const std::string dotted = std::string(use.kind == ConfigKind::Variable ? "vars" : "secrets");
        std::size_t at = std::string_view::npos;
        // The spelling in the file may be the dotted or the index form.
        for (std::size_t from = cursor; from < event.end_mark.index && at == std::string_view::npos;) {
          const auto hit = yaml.find(use.name, from);
          if (hit == std::string_view::npos || hit >= event.end_mark.index) break;
          const auto before = yaml.substr(0, hit);
          if (before.ends_with(dotted + ".") || before.ends_with(dotted + "['") || before.ends_with(dotted + "[\""))
            at = hit;
          from = hit + 1;
        }
        const int line =
            at != std::string_view::npos ? lineAt(starts, at) : static_cast<int>(event.start_mark.line) + 1;
        if (at != std::string_view::npos) cursor = at + use.name.size();
        if (use.kind == ConfigKind::Secret && use.name == "GITHUB_TOKEN") continue;
        result.references.push_back({use.kind, std::move(use.name), line});
      }
      searchFloor = event.end_mark.index;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
  }
  return result;
}

}  // namespace releasedesk
