// The environment check's request flow: the repository's requirement profile, the six lists and
// the documents the built-in profile names, all at once; when the repository's profile names
// other documents, those follow as soon as it arrives. Then the evaluation.
#include "core/environment/environment_check.h"

#include <map>
#include <memory>

namespace releasedesk {
namespace {

bool isUnreadableLevel(const GitHubError& error) {
  return error.kind == GitHubErrorKind::Forbidden || error.kind == GitHubErrorKind::NotFound;
}

// One document read from the repository: its text, or the note saying why there is none.
struct DocumentRead {
  std::optional<std::string> text;
  std::optional<ItemMessage> note;
};

struct CheckState {
  GitHubClient* client = nullptr;
  EnvironmentCheckRequest request;
  std::function<void(EnvironmentCheckOutcome)> done;
  EnvironmentCheckOutcome outcome;
  std::vector<ItemMessage> profileNotes;
  std::map<std::string, DocumentRead> documents;  // by path; requested once each
  int pending = 0;
  bool finished = false;

  void fail(const GitHubError& error) {
    if (!outcome.connectionError) outcome.connectionError = error;
  }

  std::string workflowPath() const {
    return request.workflowPath.empty() ? outcome.profile.workflowPath : request.workflowPath;
  }

  // The text of a document given by the caller, else the one read at `path`; notes go to `notes`.
  std::optional<std::string> document(const std::optional<std::string>& given, const std::string& path,
                                      std::vector<ItemMessage>& notes) const {
    if (given) return given;
    const auto it = documents.find(path);
    if (it == documents.end()) return std::nullopt;
    if (it->second.note) notes.push_back(*it->second.note);
    return it->second.text;
  }

  void oneDone() {
    if (--pending > 0 || finished) return;
    finished = true;
    if (outcome.ok()) {
      std::vector<ItemMessage> notes = profileNotes;
      const std::string workflowFile = workflowPath();
      const auto workflowText = document(request.workflowText, workflowFile, notes);
      const auto readmeText = document(request.infraReadmeText, outcome.profile.infraReadmePath, notes);
      if (readmeText) {
        addInfraParameters(outcome.profile, parseInfraParameters(*readmeText, outcome.profile.infraReadmeSection,
                                                                 outcome.profile.infraReadmePath));
      }
      if (workflowText) {
        const WorkflowReferences workflow = scanWorkflowReferences(*workflowText, workflowFile);
        outcome.report = evaluateCompleteness(outcome.profile, outcome.snapshot, &workflow);
        outcome.workflowLint = lintWorkflow(*workflowText, workflowFile);
      } else {
        outcome.report = evaluateCompleteness(outcome.profile, outcome.snapshot);
      }
      outcome.report.notes.insert(outcome.report.notes.begin(), notes.begin(), notes.end());
    }
    outcome.report.environment = request.environment;
    done(std::move(outcome));
  }
};

// Reads `path` once; an absent file leaves it without text, with `missingNote`. A document the
// repository may well not have (`optional`) is read so that asking again costs nothing while
// nothing changed (GitHubClient::getFileIfPresent).
void fetchDocument(const std::shared_ptr<CheckState>& state, const std::string& path, bool optional,
                   Severity missingSeverity, const std::string& missingNote) {
  if (state->documents.count(path)) return;
  state->documents[path];
  ++state->pending;
  auto settle = [state, path, missingSeverity, missingNote](Result<std::optional<FileContents>> result) {
    DocumentRead& read = state->documents[path];
    if (result && result.value()) {
      read.text = std::move(*std::move(result).value()).content;
    } else if (result) {
      read.note = ItemMessage{missingSeverity, missingNote};
    } else if (isUnreadableLevel(result.error())) {
      read.note = ItemMessage{Severity::Warning, result.error().message};
    } else {
      state->fail(result.error());
    }
    state->oneDone();
  };
  if (optional) return state->client->getFileIfPresent(path, state->request.ref, std::move(settle));
  state->client->getFileContents(path, state->request.ref, [settle = std::move(settle)](Result<FileContents> result) {
    if (result) return settle(std::optional<FileContents>(std::move(result).value()));
    if (result.error().kind == GitHubErrorKind::NotFound) return settle(std::optional<FileContents>());
    settle(result.error());
  });
}

// The documents the current profile names that the caller did not give.
void fetchDocuments(const std::shared_ptr<CheckState>& state) {
  if (!state->request.fetchDocuments) return;
  const RequirementProfile& profile = state->outcome.profile;
  const std::string workflowPath = state->workflowPath();
  if (!state->request.workflowText && !workflowPath.empty()) {
    fetchDocument(
        state, workflowPath, false, Severity::Warning,
        "The workflow " + workflowPath + " was not found in the repository: its vars and secrets were not checked.");
  }
  if (!state->request.infraReadmeText && !profile.infraReadmePath.empty()) {
    fetchDocument(state, profile.infraReadmePath, true, Severity::Info,
                  "No " + profile.infraReadmePath + " in the repository: no infra parameter variables were added.");
  }
}

void readEverything(const std::shared_ptr<CheckState>& state) {
  const std::string& environment = state->request.environment;
  // +1 so that nothing completes before every request is on its way.
  ++state->pending;
  for (const ConfigLevel level : {ConfigLevel::Environment, ConfigLevel::Repository, ConfigLevel::Organization}) {
    const auto index = static_cast<std::size_t>(level);
    ++state->pending;
    state->client->listVariables(level, environment, [state, index](Result<std::vector<Variable>> result) {
      if (result)
        state->outcome.snapshot.variables[index].items = std::move(result).value();
      else if (isUnreadableLevel(result.error()))
        state->outcome.snapshot.variables[index] =
            LevelRead<Variable>::unreadable(result.error().httpStatus, result.error().message);
      else
        state->fail(result.error());
      state->oneDone();
    });
    ++state->pending;
    state->client->listSecrets(level, environment, [state, index](Result<std::vector<Secret>> result) {
      if (result)
        state->outcome.snapshot.secrets[index].items = std::move(result).value();
      else if (isUnreadableLevel(result.error()))
        state->outcome.snapshot.secrets[index] =
            LevelRead<Secret>::unreadable(result.error().httpStatus, result.error().message);
      else
        state->fail(result.error());
      state->oneDone();
    });
  }
  fetchDocuments(state);
  state->oneDone();
}

void applyProfileText(const std::shared_ptr<CheckState>& state, const std::string& text) {
  ProfileParseResult parsed = parseRequirementProfile(text, defaultRequirementProfile(), state->request.profilePath);
  if (parsed.profile) {
    state->outcome.profile = std::move(*parsed.profile);
    state->profileNotes.push_back(
        {Severity::Info, "Requirement profile: the built-in default extended by " + state->request.profilePath + "."});
  } else {
    for (std::string& error : parsed.errors)
      state->outcome.profileErrors.push_back(state->request.profilePath + ": " + error);
  }
}

}  // namespace

EnvironmentCheck::EnvironmentCheck(GitHubClient& client) : client_(client) {}

void EnvironmentCheck::run(EnvironmentCheckRequest request, std::function<void(EnvironmentCheckOutcome)> done) {
  auto state = std::make_shared<CheckState>();
  state->client = &client_;
  state->request = std::move(request);
  state->done = std::move(done);
  state->outcome.profile = defaultRequirementProfile();
  state->outcome.snapshot.environment = state->request.environment;
  state->outcome.snapshot.repository = client_.config().repo.fullName();
  state->outcome.report.environment = state->request.environment;

  if (state->request.profileText) {
    applyProfileText(state, *state->request.profileText);
    if (!state->outcome.profileErrors.empty()) return state->done(std::move(state->outcome));
    readEverything(state);
    return;
  }
  // The repository's profile does not gate anything: the lists and the documents the built-in
  // profile names leave with it, and only documents it renames wait for it.
  ++state->pending;
  if (state->request.fetchDocuments) {
    ++state->pending;
    // Most repositories have no profile: asked so that asking again is free while nothing changed.
    client_.getFileIfPresent(state->request.profilePath, state->request.ref,
                             [state](const Result<std::optional<FileContents>>& result) {
                               if (result && result.value()) {
                                 applyProfileText(state, result.value()->content);
                                 if (state->outcome.profileErrors.empty()) fetchDocuments(state);
                               } else if (result) {
                                 state->profileNotes.push_back({Severity::Info, "No " + state->request.profilePath +
                                                                                    " in the repository: the built-in "
                                                                                    "profile is used."});
                               } else if (isUnreadableLevel(result.error())) {
                                 state->profileNotes.push_back(
                                     {Severity::Warning, result.error().message + " The built-in profile is used."});
                               } else {
                                 state->fail(result.error());
                               }
                               state->oneDone();
                             });
  }
  readEverything(state);
  state->oneDone();
}

}  // namespace releasedesk
