// `releasedesk-cli timeline [--since 30d] [--json] [--dora]` over the GitHub session.
#include "app/cli/timeline_command.h"
#include "app/cli/json_document.h"

#include "app/cli/command_line.h"
#include "app/cli/github_session.h"

#include "core/text/time_format.h"
#include "core/timeline/durations.h"
#include "core/timeline/timeline_json.h"
#include "core/timeline/timeline_loader.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <optional>
#include <sstream>

namespace releasedesk::cli {
namespace {

std::string phasesText(const TimelineRun& lane) {
  std::ostringstream text;
  bool first = true;
  for (PhaseKind kind : {PhaseKind::Runner, PhaseKind::Queued, PhaseKind::Waiting, PhaseKind::Running}) {
    const bool present =
        std::any_of(lane.phases.begin(), lane.phases.end(), [kind](const auto& p) { return p.kind == kind; });
    if (!present) continue;
    const std::string_view word = kind == PhaseKind::Runner ? "waiting for a runner" : toString(kind);
    text << (first ? "" : ", ") << word << ' ' << formatDuration(lane.phaseSeconds(kind));
    first = false;
  }
  return text.str();
}

void printDora(const DoraFigures& dora, std::ostream& out) {
  char perDay[32];
  std::snprintf(perDay, sizeof perDay, "%.2f", dora.deploymentsPerDay);
  out << "DORA " << formatLocalTime(dora.from) << " .. " << formatLocalTime(dora.to) << '\n'
      << "  deployment frequency  " << perDay << " per day (" << dora.successfulDeployments << " successful)\n"
      << "  lead time for changes "
      << (dora.leadTimeSeconds
              ? formatDuration(*dora.leadTimeSeconds) + " (median of " + std::to_string(dora.leadTimeSamples) + ")"
              : std::string("n/a"))
      << '\n'
      << "  change-failure rate   ";
  if (dora.changeFailureRate) {
    out << std::lround(*dora.changeFailureRate * 100) << "% (" << dora.failedDeployments << " of "
        << dora.failedDeployments + dora.successfulDeployments << ")\n";
  } else {
    out << "n/a\n";
  }
  out << "  time to restore       "
      << (dora.timeToRestoreSeconds
              ? formatDuration(*dora.timeToRestoreSeconds) + " (median of " + std::to_string(dora.restoreSamples) + ")"
              : std::string("n/a"))
      << '\n';
}

}  // namespace

int TimelineCommand::run(const QStringList& args, std::ostream& out, std::ostream& err) {
  CommandLine line(context_, name(),
                   QStringLiteral("List the production-stage runs in the window, oldest first: run id, candidate "
                                  "sha (or why it is unknown), class (auto, replay, rollback, rerun), time queued "
                                  "behind the production-mutation lock, waiting for approval and running, and the "
                                  "outcome; then what is live (the latest success status in production).\n"
                                  "Exit codes: 0 listed, 2 usage or connection error."));
  auto& parser = line.parser();
  GitHubSession::addOptions(parser);
  parser.addOption({QStringLiteral("since"), QStringLiteral("The window, back from now: 30d, 12h, 2w (default 30d)."),
                    QStringLiteral("duration"), QStringLiteral("30d")});
  parser.addOption(CommandLine::environmentOption());
  parser.addOption({QStringLiteral("workflow"),
                    QStringLiteral("The production workflow file (default: production-stage.yml)."),
                    QStringLiteral("file"), QStringLiteral("production-stage.yml")});
  parser.addOption(CommandLine::jsonOption());
  parser.addOption({QStringLiteral("dora"), QStringLiteral("Print the DORA figures over the window.")});
  if (const auto stop = line.parse(args, out, err)) return *stop;
  const auto window = parseDuration(parser.value(QStringLiteral("since")).toStdString());
  if (!window) {
    err << context_.programName.toStdString() << " timeline: --since takes a duration like 30d, 12h or 2w, not '"
        << parser.value(QStringLiteral("since")).toStdString() << "'.\n";
    return kExitUsage;
  }

  GitHubSession session(context_);
  if (!session.open(parser, err)) return kExitUsage;
  TimelineLoaderConfig config;
  config.window = *window;
  config.environment = parser.value(CommandLine::environmentOption()).toStdString();
  config.productionWorkflow = parser.value(QStringLiteral("workflow")).toStdString();
  TimelineLoader loader(
      session.client(), [] { return std::chrono::system_clock::now(); }, config);
  std::optional<TimelineRefresh> refresh;
  loader.refresh([&refresh](TimelineRefresh r) { refresh = std::move(r); });
  session.waitUntil([&refresh] { return refresh.has_value(); });

  if (refresh->error) {
    err << context_.programName.toStdString() << " timeline: " << refresh->error->message << '\n';
    return kExitUsage;
  }
  for (const std::string& warning : refresh->warnings) err << "warning: " << warning << '\n';
  const bool truncated = session.warnIfTruncated(refresh->cost.truncatedLists, err);
  const DeploymentTimeline& timeline = refresh->timeline;
  const bool wantDora = parser.isSet(QStringLiteral("dora"));
  if (parser.isSet(CommandLine::jsonOption())) {
    writeJsonDocument(out, GitHubSession::withTruncated(toJson(timeline, refresh->dora), truncated));
    return kExitOk;
  }
  out << "Production timeline of " << session.client().config().repo.fullName() << ", last "
      << parser.value(QStringLiteral("since")).toStdString() << " (" << countOf(timeline.runs.size(), "run") << ")\n";
  for (const TimelineRun& lane : timeline.runs) {
    // Runs by number as GitHub shows them, with the id a user passes to approve --run.
    out << formatLocalTime(lane.start) << "  " << std::left << std::setw(26) << runNameWithId(lane.runNumber, lane.id)
        << std::right;
    if (lane.attempt > 1) out << " attempt " << lane.attempt;
    out << "  " << (lane.sha ? lane.sha->substr(0, 12) : std::string("unknown     ")) << "  " << std::left
        << std::setw(8) << toString(lane.runClass) << std::right << "  " << std::left << std::setw(11) << lane.outcome()
        << std::right << "  " << phasesText(lane);
    if (lane.inProgress) out << " (in progress)";
    if (!lane.sha) out << "  [sha unknown: " << lane.shaNote << "]";
    out << '\n';
  }
  if (timeline.live) {
    out << "Live: " << timeline.live->sha << " (deployment " << timeline.live->deploymentId << ", since "
        << formatLocalTime(timeline.live->at) << ")\n";
  } else {
    out << "Live: nothing (no success status in " << config.environment << ")\n";
  }
  if (wantDora) printDora(refresh->dora, out);
  return kExitOk;
}

}  // namespace releasedesk::cli
