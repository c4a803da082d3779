// The workflow lint: libyaml's events become a small node tree that keeps each node's mark, then
// one function per runbook rule walks it. Matches inside `run:` scripts are searched in the file's
// own text between the scalar's marks, so a finding points at the line and column of the word.
#include "core/workflow/workflow_lint.h"

#include <yaml.h>

#include <algorithm>
#include <array>
#include <memory>
#include <regex>
#include <utility>

namespace releasedesk {
namespace {

constexpr std::string_view kFirstJob = "load-accepted-candidate";
constexpr std::string_view kGuardJob = "stale-guard";
constexpr std::string_view kMutateJob = "production-mutate";
constexpr std::array<std::string_view, 5> kJobs{kFirstJob, kGuardJob, kMutateJob, "post-deploy-verify",
                                                "production-stage-result"};
constexpr std::string_view kLockGroup = "production-mutation";
constexpr std::string_view kCandidateOutputs = "needs.load-accepted-candidate.outputs";

struct NodeEntry;

struct Node {
  enum class Kind { Null, Scalar, Mapping, Sequence };
  Kind kind = Kind::Null;
  std::string value;
  int line = 1;
  int column = 1;
  std::size_t start = 0;  // byte offsets of the node in the file
  std::size_t end = 0;
  // Mapping: key/value pairs. A vector of a type completed below, so the recursive type is
  // complete wherever the vector is used (clang's standard library checks this).
  std::vector<NodeEntry> entries;
  std::vector<Node> items;  // Sequence

  bool isScalar() const { return kind == Kind::Scalar; }
  bool isMapping() const { return kind == Kind::Mapping; }
  const NodeEntry* entry(std::string_view key) const;
  const Node* get(std::string_view key) const;
  std::string text(std::string_view key) const {
    const Node* n = get(key);
    return n && n->isScalar() ? n->value : std::string();
  }
};

struct NodeEntry {
  Node first;   // the key
  Node second;  // the value
};

const NodeEntry* Node::entry(std::string_view key) const {
  for (const NodeEntry& e : entries) {
    if (e.first.isScalar() && e.first.value == key) return &e;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const NodeEntry* e = entry(key);
  return e ? &e->second : nullptr;
}

// A scalar or a sequence of scalars as a list ("needs: a" and "needs: [a, b]").
std::vector<std::string> words(const Node* node) {
  std::vector<std::string> out;
  if (node == nullptr) return out;
  if (node->isScalar()) out.push_back(node->value);
  for (const Node& item : node->items) {
    if (item.isScalar()) out.push_back(item.value);
  }
  return out;
}

// A name from the file as a message shows it: control characters (a line break could start a
// workflow command in the log) become '?'.
std::string printable(std::string_view text) {
  std::string out(text.substr(0, 200));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return out;
}

bool contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

class TreeBuilder {
 public:
  explicit TreeBuilder(std::string_view yaml) : yaml_(yaml) {
    if (!yaml_parser_initialize(&parser_)) {
      error_ = WorkflowParseError{1, 1, "the YAML parser could not start"};
      return;
    }
    initialized_ = true;
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(yaml.data()), yaml.size());
  }
  ~TreeBuilder() {
    if (initialized_) yaml_parser_delete(&parser_);
  }
  TreeBuilder(const TreeBuilder&) = delete;
  TreeBuilder& operator=(const TreeBuilder&) = delete;

  // The first document's root, or std::nullopt with error() set.
  std::optional<Node> build() {
    if (!initialized_) return std::nullopt;
    yaml_event_t event;
    // STREAM-START, then DOCUMENT-START (or STREAM-END for an empty file).
    while (next(event)) {
      const yaml_event_type_t type = event.type;
      if (type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&event);
        error_ = WorkflowParseError{1, 1, "the file is empty"};
        return std::nullopt;
      }
      if (type == YAML_DOCUMENT_START_EVENT) {
        yaml_event_delete(&event);
        if (!next(event)) return std::nullopt;
        std::optional<Node> root = node(event);
        if (!root) return std::nullopt;
        if (!root->isMapping()) {
          error_ = WorkflowParseError{root->line, root->column, "the top level of a workflow must be a mapping"};
          return std::nullopt;
        }
        // Read to the end so a syntax error later in the file is still reported.
        while (next(event)) {
          const bool end = event.type == YAML_STREAM_END_EVENT;
          yaml_event_delete(&event);
          if (end) return root;
        }
        return std::nullopt;
      }
      yaml_event_delete(&event);
    }
    return std::nullopt;
  }

  const std::optional<WorkflowParseError>& error() const { return error_; }

 private:
  bool next(yaml_event_t& event) {
    if (yaml_parser_parse(&parser_, &event)) return true;
    const yaml_mark_t mark = parser_.problem_mark;
    std::string message = parser_.problem ? parser_.problem : "malformed YAML";
    if (parser_.context) message = std::string(parser_.context) + ": " + message;
    error_ = WorkflowParseError{static_cast<int>(mark.line) + 1, static_cast<int>(mark.column) + 1, message};
    return false;
  }

  // Builds the node that starts with `event` (consumed here) and its children.
  std::optional<Node> node(yaml_event_t& event) {
    Node n;
    n.line = static_cast<int>(event.start_mark.line) + 1;
    n.column = static_cast<int>(event.start_mark.column) + 1;
    n.start = event.start_mark.index;
    n.end = event.end_mark.index;
    const yaml_event_type_t type = event.type;
    if (type == YAML_SCALAR_EVENT) {
      n.kind = Node::Kind::Scalar;
      n.value.assign(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
    }
    yaml_event_delete(&event);
    if (type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT) return n;
    if (type != YAML_MAPPING_START_EVENT && type != YAML_SEQUENCE_START_EVENT) {
      error_ = WorkflowParseError{n.line, n.column, "unexpected YAML structure"};
      return std::nullopt;
    }
    if (++depth_ > 200) {
      error_ = WorkflowParseError{n.line, n.column, "the YAML is nested too deeply"};
      return std::nullopt;
    }
    n.kind = type == YAML_MAPPING_START_EVENT ? Node::Kind::Mapping : Node::Kind::Sequence;
    for (;;) {
      yaml_event_t child;
      if (!next(child)) return std::nullopt;
      if (child.type == YAML_MAPPING_END_EVENT || child.type == YAML_SEQUENCE_END_EVENT) {
        n.end = child.end_mark.index;
        yaml_event_delete(&child);
        break;
      }
      std::optional<Node> first = node(child);
      if (!first) return std::nullopt;
      if (n.isMapping()) {
        yaml_event_t valueEvent;
        if (!next(valueEvent)) return std::nullopt;
        std::optional<Node> value = node(valueEvent);
        if (!value) return std::nullopt;
        n.entries.push_back(NodeEntry{std::move(*first), std::move(*value)});
      } else {
        n.items.push_back(std::move(*first));
      }
    }
    --depth_;
    return n;
  }

  std::string_view yaml_;
  yaml_parser_t parser_{};
  bool initialized_ = false;
  int depth_ = 0;
  std::optional<WorkflowParseError> error_;
};

// One regex match inside a scalar, with its place in the file.
struct Match {
  std::string text;
  std::vector<std::string> groups;
  int line = 1;
  int column = 1;
};

class Linter {
 public:
  Linter(std::string_view yaml, const Node& root, std::vector<WorkflowLintFinding>& findings)
      : yaml_(yaml), root_(root), findings_(findings) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < yaml.size(); ++i) {
      if (yaml[i] == '\n') starts_.push_back(i + 1);
    }
    if (const Node* jobs = root.get("jobs"); jobs && jobs->isMapping()) jobs_ = jobs;
  }

  void run() {
    triggers();
    jobModel();
    lock();
    environment();
    deployOnly();
    failClosed();
    digests();
    autoRun();
  }

 private:
  void add(std::string rule, Severity severity, int line, int column, std::string message) {
    findings_.push_back({std::move(rule), severity, line, column, std::move(message)});
  }
  void add(std::string rule, const Node& at, std::string message) {
    add(std::move(rule), Severity::Error, at.line, at.column, std::move(message));
  }

  std::pair<int, int> position(std::size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const auto line = static_cast<std::size_t>(it - starts_.begin());
    return {static_cast<int>(line), static_cast<int>(offset - starts_[line - 1]) + 1};
  }

  // Every match of `pattern` in the file's text of scalar `node` (falls back to the parsed value
  // placed at the node's mark when the text does not hold it, e.g. an escaped quoted scalar).
  std::vector<Match> matches(const Node& node, const std::regex& pattern) const {
    std::vector<Match> out;
    const std::size_t end = std::min(node.end, yaml_.size());
    const std::string text(node.start < end ? yaml_.substr(node.start, end - node.start) : std::string_view());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern); it != std::sregex_iterator(); ++it) {
      Match m;
      m.text = it->str();
      for (std::size_t g = 1; g < it->size(); ++g) m.groups.push_back((*it)[g].str());
      std::tie(m.line, m.column) = position(node.start + static_cast<std::size_t>(it->position()));
      out.push_back(std::move(m));
    }
    if (out.empty()) {
      for (auto it = std::sregex_iterator(node.value.begin(), node.value.end(), pattern); it != std::sregex_iterator();
           ++it) {
        Match m{it->str(), {}, node.line, node.column};
        for (std::size_t g = 1; g < it->size(); ++g) m.groups.push_back((*it)[g].str());
        out.push_back(std::move(m));
      }
    }
    return out;
  }

  const Node& keyOf(std::string_view key, const Node& parent) const {
    const auto* e = parent.entry(key);
    return e ? e->first : parent;
  }
  const Node* job(std::string_view name) const { return jobs_ ? jobs_->get(name) : nullptr; }
  const Node& jobKey(std::string_view name) const { return keyOf(name, *jobs_); }

  // The steps' `run:` scripts of a job.
  static std::vector<const Node*> runScripts(const Node& job) {
    std::vector<const Node*> out;
    if (const Node* steps = job.get("steps")) {
      for (const Node& step : steps->items) {
        if (const Node* run = step.get("run"); run && run->isScalar()) out.push_back(run);
      }
    }
    return out;
  }

  // A job that changes production: production-mutate, or one whose steps update Container Apps,
  // run an ARM/Bicep deployment, or change identities and role assignments.
  bool mutates(std::string_view name, const Node& job) const {
    if (name == kMutateJob) return true;
    static const std::regex mutation(
        R"(\baz\s+(containerapp\s+(update|up|create|delete|job|revision|ingress|secret|registry)\b|deployment\b|identity\b|role\s+assignment\b|ad\s+app\s+federated-credential\b))");
    for (const Node* run : runScripts(job)) {
      if (!matches(*run, mutation).empty()) return true;
    }
    if (const Node* steps = job.get("steps")) {
      for (const Node& step : steps->items) {
        const std::string uses = step.text("uses");
        if (uses.starts_with("azure/arm-deploy") || uses.starts_with("azure/container-apps-deploy-action")) return true;
      }
    }
    return false;
  }

  void triggers() {
    const auto* on = root_.entry("on");
    if (on == nullptr) {
      add("triggers", Severity::Error, 1, 1,
          "The workflow has no 'on:' triggers: it must start after a completed \"Acceptance Stage\" run "
          "(workflow_run) and on a manual replay (workflow_dispatch with candidate_sha).");
      return;
    }
    const Node& onKey = on->first;
    const Node& triggers = on->second;
    const auto* run = triggers.entry("workflow_run");
    if (run == nullptr) {
      add("triggers", onKey,
          "The workflow is not started by the \"Acceptance Stage\": add a workflow_run trigger with workflows: "
          "[\"Acceptance Stage\"] and types: [completed].");
    } else {
      if (!contains(words(run->second.get("workflows")), "Acceptance Stage")) {
        const Node* w = run->second.get("workflows");
        add("triggers", w ? *w : run->first,
            "The workflow_run trigger does not follow the \"Acceptance Stage\" workflow: list it under workflows.");
      }
      if (!contains(words(run->second.get("types")), "completed")) {
        const Node* t = run->second.get("types");
        add("triggers", t ? *t : run->first,
            "The workflow_run trigger must fire when the acceptance run has completed: set types: [completed].");
      }
    }
    const auto* dispatch = triggers.entry("workflow_dispatch");
    if (dispatch == nullptr) {
      add("triggers", onKey,
          "A replay or rollback cannot be started by hand: add a workflow_dispatch trigger with a required "
          "string input candidate_sha.");
      return;
    }
    const Node* inputs = dispatch->second.get("inputs");
    const auto* sha = inputs ? inputs->entry("candidate_sha") : nullptr;
    if (sha == nullptr) {
      add("triggers", inputs ? keyOf("inputs", dispatch->second) : dispatch->first,
          "The manual trigger has no candidate_sha input: a replay must name the accepted candidate to deploy.");
      return;
    }
    const std::string required = sha->second.text("required");
    const std::string type = sha->second.text("type");
    if (required != "true" || (!type.empty() && type != "string")) {
      add("triggers", sha->first, "The candidate_sha input must be required and of type string.");
    }
  }

  void jobModel() {
    if (jobs_ == nullptr) {
      add("job-model", Severity::Error, 1, 1,
          "The workflow has no jobs: the runbook's five jobs load-accepted-candidate, stale-guard, "
          "production-mutate, post-deploy-verify and production-stage-result are missing.");
      return;
    }
    const Node& jobsKey = keyOf("jobs", root_);
    for (std::string_view name : kJobs) {
      if (job(name) == nullptr)
        add("job-model", jobsKey, "The job '" + std::string(name) + "' of the runbook's job model is missing.");
    }
    const auto needs = [this](std::string_view name, std::string_view dependency) {
      const Node* j = job(name);
      if (j == nullptr || job(dependency) == nullptr) return;
      if (!contains(words(j->get("needs")), dependency)) {
        const Node* n = j->get("needs");
        add("job-model", n ? *n : jobKey(name),
            "The job '" + std::string(name) + "' must need '" + std::string(dependency) + "', so it runs after it.");
      }
    };
    needs(kMutateJob, kGuardJob);
    needs(kGuardJob, kFirstJob);
  }

  // Why `concurrency` does not hold the production lock, or "" when it does.
  static std::string lockProblem(const Node& concurrency) {
    if (concurrency.isScalar())
      return concurrency.value == kLockGroup ? "" : "the concurrency group is not production-mutation";
    if (concurrency.text("group") != kLockGroup) return "the concurrency group is not production-mutation";
    const Node* cancel = concurrency.get("cancel-in-progress");
    if (cancel && !(cancel->isScalar() && cancel->value == "false"))
      return "cancel-in-progress must be false so a running deployment is never cancelled";
    return "";
  }

  void lock() {
    if (const Node* workflowLock = root_.get("concurrency")) {
      const std::string problem = lockProblem(*workflowLock);
      if (problem.empty()) return;
      if (workflowLock->text("group") == kLockGroup) {
        add("lock", *workflowLock, "The production-mutation lock is wrong: " + problem + ".");
        return;
      }
    }
    if (jobs_ == nullptr) return;
    for (const auto& [key, j] : jobs_->entries) {
      if (!mutates(key.value, j)) continue;
      const Node* c = j.get("concurrency");
      const std::string problem = c ? lockProblem(*c) : "it has no concurrency";
      if (!problem.empty()) {
        add("lock", c ? *c : key,
            "The job '" + printable(key.value) + "' changes production outside the production-mutation lock (" +
                problem +
                "): set concurrency: {group: production-mutation, cancel-in-progress: false} on the job or the "
                "workflow.");
      }
    }
  }

  void environment() {
    if (jobs_ == nullptr) return;
    for (const auto& [key, j] : jobs_->entries) {
      if (!mutates(key.value, j)) continue;
      const Node* env = j.get("environment");
      const std::string name = env == nullptr ? "" : env->isScalar() ? env->value : env->text("name");
      if (name == "production") continue;
      add("environment", env ? *env : key,
          "The job '" + printable(key.value) +
              "' changes production but does not run in the GitHub environment 'production': its approvals, "
              "variables and secrets would not apply. Set environment: production.");
    }
  }

  void deployOnly() {
    static const std::regex build(
        R"(\b(docker\s+(build|push|buildx|image\s+push|compose\s+build)|podman\s+(build|push)|buildah\b|az\s+acr\s+(build|run)|docker/build-push-action)\b)");
    forEachStep([this](const Node& step) {
      for (const char* field : {"run", "uses"}) {
        const Node* n = step.get(field);
        if (n == nullptr || !n->isScalar()) continue;
        for (const Match& m : matches(*n, build)) {
          add("deploy-only", Severity::Error, m.line, m.column,
              "The production stage builds or pushes an image ('" + printable(m.text) +
                  "'): it must deploy only the accepted candidate's digest refs, never rebuild them.");
        }
      }
    });
  }

  void failClosed() {
    if (const Node* guard = job(kGuardJob)) {
      if (const auto* c = guard->entry("continue-on-error"); c && c->second.value != "false") {
        add("fail-closed", c->first,
            "The stale guard may fail without stopping the deployment (continue-on-error): it must fail closed.");
      }
      if (const Node* steps = guard->get("steps")) {
        for (const Node& step : steps->items) {
          if (const auto* c = step.entry("continue-on-error"); c && c->second.value != "false") {
            add("fail-closed", c->first,
                "A step of the stale guard may fail without stopping the deployment (continue-on-error): the "
                "guard must fail closed.");
          }
        }
      }
    }
    if (const Node* mutate = job(kMutateJob)) {
      const Node* condition = mutate->get("if");
      if (condition == nullptr || condition->value.find("needs.stale-guard") == std::string::npos) {
        add("fail-closed", condition ? *condition : jobKey(kMutateJob),
            "The job 'production-mutate' is not gated on the stale guard: its if: must check "
            "needs.stale-guard.result (or its outputs), so a stale candidate is never deployed.");
      }
    }
  }

  // Whether the value given to --image is the loaded candidate's digest ref.
  bool acceptedImage(const std::string& image, const std::vector<const Node*>& envs) const {
    const auto fromCandidate = [](const std::string& text) {
      return text.find(kCandidateOutputs) != std::string::npos || text.find("@sha256:") != std::string::npos;
    };
    if (fromCandidate(image)) return true;
    static const std::regex variable(
        R"(^\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$|^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$)");
    std::smatch m;
    if (!std::regex_match(image, m, variable)) return false;
    const std::string name = m[1].matched ? m[1].str() : m[2].str();
    for (const Node* env : envs) {
      if (env == nullptr) continue;
      if (const Node* value = env->get(name)) return fromCandidate(value->value);
    }
    return false;
  }

  void digests() {
    if (jobs_ == nullptr) return;
    static const std::regex containerapp(R"(\baz\s+containerapp\s+(job\s+)?(update|create)\b)");
    static const std::regex image(R"re(--image(?:=|\s+(?:\\\s+)?)("[^"]*"|'[^']*'|[^\s"']+))re");
    const Node* workflowEnv = root_.get("env");
    for (const auto& [key, j] : jobs_->entries) {
      const Node* steps = j.get("steps");
      if (steps == nullptr) continue;
      for (const Node& step : steps->items) {
        const Node* run = step.get("run");
        if (run == nullptr || !run->isScalar() || matches(*run, containerapp).empty()) continue;
        for (const Match& m : matches(*run, image)) {
          std::string value = m.groups.empty() ? std::string() : m.groups.front();
          if (value.size() >= 2 && (value.front() == '"' || value.front() == '\''))
            value = value.substr(1, value.size() - 2);
          if (acceptedImage(value, {step.get("env"), j.get("env"), workflowEnv})) continue;
          add("digests", Severity::Error, m.line, m.column,
              "The image '" + printable(value) + "' given to az containerapp in job '" + printable(key.value) +
                  "' is not the accepted candidate's digest ref: use needs.load-accepted-candidate.outputs (or an "
                  "@sha256: ref), never a tag.");
        }
      }
    }
  }

  void autoRun() {
    if (jobs_ != nullptr && !jobs_->entries.empty()) {
      const auto& [key, first] = jobs_->entries.front();
      const Node* condition = first.get("if");
      static const std::regex success(R"(github\.event\.workflow_run\.conclusion\s*==\s*['"]success['"])");
      std::smatch m;
      if (condition == nullptr || !std::regex_search(condition->value, m, success)) {
        add("auto-run", condition ? *condition : key,
            "The first job '" + printable(key.value) +
                "' does not check github.event.workflow_run.conclusion == 'success': a failed acceptance run "
                "would start a production deployment.");
      }
    }
    const Node* runName = root_.get("run-name");
    if (runName == nullptr || (runName->value.find("candidate_sha") == std::string::npos &&
                               runName->value.find("head_sha") == std::string::npos)) {
      const Node& at = runName ? *runName : root_;
      add("run-name", Severity::Warning, runName ? at.line : 1, runName ? at.column : 1,
          "The run's title (run-name) does not carry the candidate SHA (inputs.candidate_sha or "
          "github.event.workflow_run.head_sha): runs cannot be told apart in the runs list.");
    }
  }

  template <typename F>
  void forEachStep(F&& f) const {
    if (jobs_ == nullptr) return;
    for (const auto& entry : jobs_->entries) {
      if (const Node* steps = entry.second.get("steps")) {
        for (const Node& step : steps->items) f(step);
      }
      // A job that calls a reusable workflow: `uses:` on the job itself.
      if (entry.second.get("uses")) f(entry.second);
    }
  }

  std::string_view yaml_;
  const Node& root_;
  std::vector<WorkflowLintFinding>& findings_;
  std::vector<std::size_t> starts_;
  const Node* jobs_ = nullptr;
};

// The group a `concurrency` value names: its scalar form or its `group` key.
std::string concurrencyGroup(const Node& concurrency) {
  return concurrency.isScalar() ? concurrency.value : concurrency.text("group");
}

LockScope lockScopeOf(const Node& root) {
  if (const Node* c = root.get("concurrency"); c && concurrencyGroup(*c) == kLockGroup) return LockScope::Workflow;
  const Node* jobs = root.get("jobs");
  if (jobs == nullptr) return LockScope::Unknown;
  for (const auto& entry : jobs->entries) {
    if (const Node* c = entry.second.get("concurrency"); c && concurrencyGroup(*c) == kLockGroup) return LockScope::Job;
  }
  return LockScope::Unknown;
}

}  // namespace

std::string_view toString(LockScope scope) {
  switch (scope) {
    case LockScope::Workflow: return "workflow";
    case LockScope::Job: return "job";
    case LockScope::Unknown: return "unknown";
  }
  return "unknown";
}

bool WorkflowLintReport::hasErrors() const {
  return parseError.has_value() || std::any_of(findings.begin(), findings.end(), [](const WorkflowLintFinding& f) {
           return f.severity == Severity::Error;
         });
}

WorkflowLintReport lintWorkflow(std::string_view yaml, std::string file) {
  WorkflowLintReport report;
  report.file = std::move(file);
  TreeBuilder builder(yaml);
  const std::optional<Node> root = builder.build();
  if (!root) {
    report.parseError = builder.error().value_or(WorkflowParseError{1, 1, "malformed YAML"});
    return report;
  }
  Linter(yaml, *root, report.findings).run();
  report.lockScope = lockScopeOf(*root);
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const WorkflowLintFinding& a, const WorkflowLintFinding& b) {
                     return std::pair(a.line, a.column) < std::pair(b.line, b.column);
                   });
  return report;
}

}  // namespace releasedesk
