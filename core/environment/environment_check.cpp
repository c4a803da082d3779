// The environment check's request flow: the profile first (it names the workflow and the
// README), then the six lists and the documents in parallel, then the evaluation.
#include "core/environment/environment_check.h"

#include <memory>

namespace releasedesk {
namespace {

bool isUnreadableLevel(const GitHubError& error) {
  return error.kind == GitHubErrorKind::Forbidden || error.kind == GitHubErrorKind::NotFound;
}

struct CheckState {
  GitHubClient* client = nullptr;
  EnvironmentCheckRequest request;
  std::function<void(EnvironmentCheckOutcome)> done;
  EnvironmentCheckOutcome outcome;
  std::optional<std::string> workflowText;
  std::string workflowPath;
  std::optional<std::string> readmeText;
  int pending = 0;
  bool finished = false;

  void fail(const GitHubError& error) {
    if (!outcome.connectionError) outcome.connectionError = error;
  }

  void oneDone() {
    if (--pending > 0 || finished) return;
    finished = true;
    if (outcome.ok()) {
      if (readmeText) {
        addInfraParameters(outcome.profile, parseInfraParameters(*readmeText, outcome.profile.infraReadmeSection,
                                                                 outcome.profile.infraReadmePath));
      }
      if (workflowText) {
        const WorkflowReferences workflow = scanWorkflowReferences(*workflowText, workflowPath);
        outcome.report = evaluateCompleteness(outcome.profile, outcome.snapshot, &workflow);
        outcome.workflowLint = lintWorkflow(*workflowText, workflowPath);
      } else {
        outcome.report = evaluateCompleteness(outcome.profile, outcome.snapshot);
      }
      outcome.report.notes.insert(outcome.report.notes.begin(), pendingNotes.begin(), pendingNotes.end());
    }
    done(std::move(outcome));
  }

  std::vector<ItemMessage> pendingNotes;
};

// Fetches `path` unless `given` is set; a 404 leaves `into` empty with `missingNote`.
void fetchDocument(const std::shared_ptr<CheckState>& state, const std::string& path, std::optional<std::string>& into,
                   Severity missingSeverity, const std::string& missingNote) {
  ++state->pending;
  state->client->getFileContents(path, state->request.ref,
                                 [state, &into, missingSeverity, missingNote](Result<FileContents> result) {
                                   if (result) {
                                     into = std::move(result).value().content;
                                   } else if (result.error().kind == GitHubErrorKind::NotFound) {
                                     state->pendingNotes.push_back({missingSeverity, missingNote});
                                   } else if (isUnreadableLevel(result.error())) {
                                     state->pendingNotes.push_back({Severity::Warning, result.error().message});
                                   } else {
                                     state->fail(result.error());
                                   }
                                   state->oneDone();
                                 });
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
  const RequirementProfile& profile = state->outcome.profile;
  state->workflowPath = state->request.workflowPath.empty() ? profile.workflowPath : state->request.workflowPath;
  if (state->request.workflowText) {
    state->workflowText = state->request.workflowText;
  } else if (state->request.fetchDocuments && !state->workflowPath.empty()) {
    fetchDocument(state, state->workflowPath, state->workflowText, Severity::Warning,
                  "The workflow " + state->workflowPath +
                      " was not found in the repository: its vars and secrets were not checked.");
  }
  if (state->request.infraReadmeText) {
    state->readmeText = state->request.infraReadmeText;
  } else if (state->request.fetchDocuments && !profile.infraReadmePath.empty()) {
    fetchDocument(state, profile.infraReadmePath, state->readmeText, Severity::Info,
                  "No " + profile.infraReadmePath + " in the repository: no infra parameter variables were added.");
  }
  state->oneDone();
}

void applyProfileText(const std::shared_ptr<CheckState>& state, const std::string& text) {
  ProfileParseResult parsed = parseRequirementProfile(text, defaultRequirementProfile(), state->request.profilePath);
  if (parsed.profile) {
    state->outcome.profile = std::move(*parsed.profile);
    state->pendingNotes.push_back(
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
  if (!state->request.fetchDocuments) {
    readEverything(state);
    return;
  }
  client_.getFileContents(state->request.profilePath, state->request.ref, [state](const Result<FileContents>& result) {
    if (result) {
      applyProfileText(state, result.value().content);
      if (!state->outcome.profileErrors.empty()) return state->done(std::move(state->outcome));
    } else if (result.error().kind == GitHubErrorKind::NotFound) {
      state->pendingNotes.push_back(
          {Severity::Info, "No " + state->request.profilePath + " in the repository: the built-in profile is used."});
    } else if (isUnreadableLevel(result.error())) {
      state->pendingNotes.push_back({Severity::Warning, result.error().message + " The built-in profile is used."});
    } else {
      state->fail(result.error());
      state->outcome.report.environment = state->request.environment;
      state->done(std::move(state->outcome));
      return;
    }
    readEverything(state);
  });
}

}  // namespace releasedesk
