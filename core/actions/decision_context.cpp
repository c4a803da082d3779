#include "core/actions/decision_context.h"

#include "core/environment/environment_check.h"
#include "core/evidence/candidate_feed.h"
#include "core/github/github_client.h"
#include "core/github/transport.h"
#include "core/timeline/timeline_loader.h"

#include <algorithm>
#include <utility>

namespace releasedesk {

const ActionCandidate* CandidateRelations::find(std::string_view sha) const {
  const auto it = std::find_if(candidates.begin(), candidates.end(), [sha](const auto& c) { return c.sha == sha; });
  return it == candidates.end() ? nullptr : &*it;
}

const ActionCandidate* CandidateRelations::findByPrefix(std::string_view shaOrPrefix) const {
  if (const ActionCandidate* exact = find(shaOrPrefix)) return exact;
  if (shaOrPrefix.size() < 7) return nullptr;
  const ActionCandidate* found = nullptr;
  for (const ActionCandidate& candidate : candidates) {
    if (candidate.sha.compare(0, shaOrPrefix.size(), shaOrPrefix) != 0) continue;
    if (found) return nullptr;  // ambiguous
    found = &candidate;
  }
  return found;
}

CandidateDiff CandidateRelations::diff(std::string_view sha) const {
  if (const ActionCandidate* candidate = find(sha)) return diffAgainstLive(*candidate, relations, candidates);
  ActionCandidate unknown;
  unknown.sha = std::string(sha);
  return diffAgainstLive(unknown, relations, candidates);
}

struct DecisionContextReader::State : std::enable_shared_from_this<State> {
  State(GitHubClient& c, Scheduler& s, DecisionContextConfig cfg)
      : client(c),
        scheduler(s),
        config(std::move(cfg)),
        feed(c, feedOptions(config)),
        loader(c, s, loaderConfig(config)),
        inboxReader(c, ApprovalInboxConfig{config.productionWorkflow}) {}

  static CandidateFeedOptions feedOptions(const DecisionContextConfig& config) {
    CandidateFeedOptions options;
    options.acceptanceWorkflow = config.acceptanceWorkflow;
    return options;
  }
  static TimelineLoaderConfig loaderConfig(const DecisionContextConfig& config) {
    TimelineLoaderConfig loader;
    loader.productionWorkflow = config.productionWorkflow;
    loader.acceptanceWorkflow = config.acceptanceWorkflow;
    loader.environment = config.environment;
    loader.window = config.window;
    return loader;
  }

  // The parts of one read as they arrive; assembled when the last one is in.
  struct Read {
    DecisionContextParts parts;
    int outstanding = 0;
    RequestCounters before;
    std::optional<CandidateCatalog> catalog;
    std::optional<TimelineRefresh> timeline;
    std::optional<EnvironmentCheckOutcome> environment;
    std::optional<ApprovalInbox> inbox;
    std::vector<std::function<void(DecisionContext)>> done;
  };

  void request(DecisionContextParts parts, std::function<void(DecisionContext)> done) {
    if (current) {
      // Answered by a fresh read after the one under way, which may have started before a change.
      if (!next) next = std::make_shared<Read>();
      next->parts.candidates |= parts.candidates;
      next->parts.environment |= parts.environment;
      next->parts.inbox |= parts.inbox;
      next->done.push_back(std::move(done));
      return;
    }
    auto read = std::make_shared<Read>();
    read->parts = parts;
    read->done.push_back(std::move(done));
    start(read);
  }

  void start(const std::shared_ptr<Read>& read) {
    current = read;
    read->before = client.counters();
    const std::weak_ptr<State> weak = weak_from_this();
    const auto arrived = [weak, read] {
      const auto self = weak.lock();
      if (self && --read->outstanding == 0) self->finish(read);
    };
    // Everything independent is sent at once; `outstanding` counts the parts still out. The
    // count is set in full before the first request, so no answer can finish the read early.
    read->outstanding =
        (read->parts.candidates ? 2 : 0) + (read->parts.environment ? 1 : 0) + (read->parts.inbox ? 1 : 0);
    if (read->outstanding == 0) {
      ++read->outstanding;
      scheduler.post(std::chrono::milliseconds(0), arrived);
      return;
    }
    if (read->parts.candidates) {
      if (catalog) {
        read->catalog = *catalog;
        scheduler.post(std::chrono::milliseconds(0), arrived);
      } else {
        feed.refresh([read, arrived](CandidateCatalog catalog) {
          read->catalog = std::move(catalog);
          arrived();
        });
      }
      loader.refresh([read, arrived](TimelineRefresh refresh) {
        read->timeline = std::move(refresh);
        arrived();
      });
    }
    if (read->parts.environment) {
      EnvironmentCheckRequest check;
      check.environment = config.environment;
      environmentCheck.run(std::move(check), [read, arrived](EnvironmentCheckOutcome outcome) {
        read->environment = std::move(outcome);
        arrived();
      });
    }
    if (read->parts.inbox) {
      // Classified against the timeline once both are in (finish), so the two are read at once.
      inboxReader.read(nullptr, [read, arrived](ApprovalInbox inbox) {
        read->inbox = std::move(inbox);
        arrived();
      });
    }
  }

  void finish(const std::shared_ptr<Read>& read) {
    DecisionContext context;
    if (read->catalog) assembleCandidates(*read, context);
    if (read->environment) {
      EnvironmentCheckOutcome& outcome = *read->environment;
      if (outcome.connectionError) {
        context.environmentError = outcome.connectionError->message;
        context.credentialsRejected |= outcome.connectionError->kind == GitHubErrorKind::Unauthorized;
      } else if (!outcome.profileErrors.empty()) {
        context.environmentError = "the requirement profile is malformed: " + outcome.profileErrors.front();
      } else {
        context.environment = std::move(outcome.report);
      }
    }
    if (read->inbox) {
      ApprovalInbox& inbox = *read->inbox;
      if (inbox.error) {
        context.inboxError = inbox.error->message;
        context.credentialsRejected |= inbox.error->kind == GitHubErrorKind::Unauthorized;
      } else {
        const DeploymentTimeline* timeline = context.candidates ? &context.candidates->timeline : nullptr;
        for (InboxEntry& entry : inbox.waiting) entry.runClass = classifyRun(entry.run, timeline);
        for (std::string& warning : inbox.warnings) context.warnings.push_back(std::move(warning));
        inbox.warnings.clear();
        context.inbox = std::move(inbox);
      }
    }
    context.cost = client.counters() - read->before;

    current.reset();
    std::shared_ptr<Read> queued = std::move(next);
    next.reset();
    std::vector<std::function<void(DecisionContext)>> done = std::move(read->done);
    // The queued read starts before these callbacks run, so one that reads again joins it.
    if (queued) start(queued);
    for (std::size_t i = 0; i + 1 < done.size(); ++i) done[i](context);
    if (!done.empty()) done.back()(std::move(context));
  }

  void assembleCandidates(Read& read, DecisionContext& context) {
    CandidateCatalog& catalog = *read.catalog;
    TimelineRefresh& timeline = *read.timeline;
    context.credentialsRejected |= catalog.credentialsRejected;
    if (!catalog.error.empty()) {
      context.candidatesError = "the candidates could not be read: " + catalog.error;
      return;
    }
    if (timeline.error) {
      context.candidatesError = "what is live could not be read: " + timeline.error->message;
      context.credentialsRejected |= timeline.error->kind == GitHubErrorKind::Unauthorized;
      return;
    }
    for (const SkippedEntry& skipped : catalog.skipped)
      context.warnings.push_back("skipped " + skipped.path + ": " + skipped.reason);
    for (std::string& warning : timeline.warnings) context.warnings.push_back(std::move(warning));

    CandidateRelations relations;
    relations.candidates = actionCandidates(catalog, catalog.acceptanceRuns);
    std::stable_sort(relations.candidates.begin(), relations.candidates.end(), [](const auto& a, const auto& b) {
      if (a.acceptedAt && b.acceptedAt) return *a.acceptedAt > *b.acceptedAt;
      return a.acceptedAt.has_value() && !b.acceptedAt.has_value();
    });
    relations.catalog = std::move(catalog);
    relations.timeline = std::move(timeline.timeline);
    relations.relations = relateToLive(relations.timeline, relations.candidates);
    context.candidates = std::move(relations);
  }

  GitHubClient& client;
  Scheduler& scheduler;
  DecisionContextConfig config;
  CandidateFeed feed;
  TimelineLoader loader;
  EnvironmentCheck environmentCheck{client};
  ApprovalInboxReader inboxReader;
  std::optional<CandidateCatalog> catalog;  // the caller's, when it gave one
  std::shared_ptr<Read> current;            // the read under way
  std::shared_ptr<Read> next;               // asked for while one was under way
};

DecisionContextReader::DecisionContextReader(GitHubClient& client, Scheduler& scheduler, DecisionContextConfig config)
    : state_(std::make_shared<State>(client, scheduler, std::move(config))) {}

DecisionContextReader::~DecisionContextReader() = default;

const DecisionContextConfig& DecisionContextReader::config() const {
  return state_->config;
}

void DecisionContextReader::useCatalog(CandidateCatalog catalog) {
  state_->catalog = std::move(catalog);
}

void DecisionContextReader::recordDispatch(std::int64_t runId, std::string sha) {
  state_->loader.recordDispatch(runId, std::move(sha));
}

void DecisionContextReader::read(DecisionContextParts parts, std::function<void(DecisionContext)> done) {
  state_->request(parts, std::move(done));
}

}  // namespace releasedesk
