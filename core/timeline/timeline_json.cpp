// Writes and reads the timeline JSON (report and cache forms).
#include "core/timeline/timeline_json.h"

#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>
#include <unordered_map>

namespace releasedesk {
namespace {

using Json = nlohmann::ordered_json;

Json timeOrNull(const OptionalTime& time) {
  return time ? Json(formatIsoTime(*time)) : Json(nullptr);
}

template <typename T>
Json valueOrNull(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

OptionalTime timeOf(const Json& json, const char* key) {
  const auto it = json.find(key);
  return it != json.end() && it->is_string() ? parseIsoTime(it->get<std::string>()) : std::nullopt;
}

TimePoint requiredTime(const Json& json, const char* key) {
  if (auto time = timeOf(json, key)) return *time;
  throw std::runtime_error(std::string("missing time ") + key);
}

Json statusJson(const StatusChange& status) {
  return {{"deploymentId", status.deploymentId},
          {"id", status.statusId},
          {"state", status.state},
          {"description", status.description},
          {"at", formatIsoTime(status.at)}};
}

StatusChange statusFrom(const Json& json, StringTable& words) {
  return {json.at("deploymentId").get<std::int64_t>(), json.at("id").get<std::int64_t>(),
          words.intern(json.at("state").get<std::string>()), json.value("description", std::string()),
          requiredTime(json, "at")};
}

PhaseKind phaseKindOf(const std::string& name) {
  for (PhaseKind kind : {PhaseKind::Queued, PhaseKind::Waiting, PhaseKind::Runner}) {
    if (toString(kind) == name) return kind;
  }
  return PhaseKind::Running;
}

ShaSource shaSourceOf(const std::string& name) {
  for (ShaSource s : {ShaSource::Title, ShaSource::Artifact, ShaSource::Dispatch, ShaSource::HeadSha}) {
    if (toString(s) == name) return s;
  }
  return ShaSource::Unknown;
}

RunClass runClassOf(const std::string& name) {
  for (RunClass c : {RunClass::Replay, RunClass::Rollback, RunClass::Rerun}) {
    if (toString(c) == name) return c;
  }
  return RunClass::Auto;
}

Json runJson(const DeploymentTimeline& timeline, const TimelineRun& lane) {
  Json phases = Json::array();
  for (PhaseKind kind : {PhaseKind::Runner, PhaseKind::Queued, PhaseKind::Waiting, PhaseKind::Running}) {
    const bool present =
        std::any_of(lane.phases.begin(), lane.phases.end(), [kind](const auto& p) { return p.kind == kind; });
    if (present) phases.push_back({{"name", toString(kind)}, {"seconds", lane.phaseSeconds(kind)}});
  }
  Json segments = Json::array();
  for (const TimelinePhase& phase : lane.phases) {
    segments.push_back({{"name", toString(phase.kind)},
                        {"start", formatIsoTime(phase.start)},
                        {"end", formatIsoTime(phase.end)},
                        {"seconds", phase.seconds()},
                        {"open", phase.open}});
  }
  Json badges = Json::array();
  if (lane.rollback) badges.push_back("rollback");
  if (lane.replay) badges.push_back("replay");
  if (lane.rerun) badges.push_back("rerun");
  Json jobs = Json::array();
  for (const JobSpan& job : lane.jobs) {
    jobs.push_back({{"id", job.id},
                    {"name", job.name},
                    {"status", job.status},
                    {"conclusion", job.conclusion.empty() ? Json(nullptr) : Json(job.conclusion)},
                    {"startedAt", timeOrNull(job.startedAt)},
                    {"completedAt", timeOrNull(job.completedAt)},
                    {"seconds", valueOrNull(job.seconds())},
                    {"steps", job.steps},
                    {"htmlUrl", job.htmlUrl}});
  }
  Json statuses = Json::array();
  for (const StatusChange* status : timeline.statusesOf(lane)) statuses.push_back(statusJson(*status));
  return {{"id", lane.id},
          {"sha", valueOrNull(lane.sha)},
          {"shaSource", toString(lane.shaSource)},
          {"shaNote", lane.sha ? std::string(describe(lane.shaSource)) : lane.shaNote},
          {"class", toString(lane.runClass)},
          {"badges", badges},
          {"event", lane.event},
          {"attempt", lane.attempt},
          {"runNumber", lane.runNumber},
          {"status", lane.status},
          {"conclusion", lane.conclusion.empty() ? Json(nullptr) : Json(lane.conclusion)},
          {"title", lane.title},
          {"htmlUrl", lane.htmlUrl},
          {"start", formatIsoTime(lane.start)},
          {"end", formatIsoTime(lane.end)},
          {"inProgress", lane.inProgress},
          {"phases", phases},
          {"segments", segments},
          {"jobs", jobs},
          {"deploymentIds", timeline.deploymentIdsOf(lane)},
          {"statuses", statuses},
          {"acceptanceRunId", valueOrNull(lane.acceptanceRunId)}};
}

TimelineRun runFrom(const Json& json, StringTable& words) {
  TimelineRun lane;
  lane.id = json.at("id").get<std::int64_t>();
  if (json.at("sha").is_string()) lane.sha = json.at("sha").get<std::string>();
  lane.shaSource = shaSourceOf(json.value("shaSource", std::string()));
  if (!lane.sha) lane.shaNote = json.value("shaNote", std::string());
  lane.runClass = runClassOf(json.at("class").get<std::string>());
  for (const Json& badge : json.value("badges", Json::array())) {
    lane.rollback = lane.rollback || badge == "rollback";
    lane.replay = lane.replay || badge == "replay";
    lane.rerun = lane.rerun || badge == "rerun";
  }
  lane.event = words.intern(json.value("event", std::string()));
  lane.attempt = json.value("attempt", 1);
  lane.runNumber = json.value("runNumber", 0);
  lane.status = words.intern(json.value("status", std::string()));
  if (json.at("conclusion").is_string()) lane.conclusion = words.intern(json.at("conclusion").get<std::string>());
  lane.title = json.value("title", std::string());
  lane.htmlUrl = json.value("htmlUrl", std::string());
  lane.start = requiredTime(json, "start");
  lane.end = requiredTime(json, "end");
  lane.inProgress = json.value("inProgress", false);
  for (const Json& segment : json.at("segments")) {
    lane.phases.push_back({phaseKindOf(segment.at("name").get<std::string>()), requiredTime(segment, "start"),
                           requiredTime(segment, "end"), segment.value("open", false)});
  }
  for (const Json& job : json.at("jobs")) {
    JobSpan bar;
    bar.id = job.at("id").get<std::int64_t>();
    bar.name = words.intern(job.value("name", std::string()));
    bar.status = words.intern(job.value("status", std::string()));
    if (job.at("conclusion").is_string()) bar.conclusion = words.intern(job.at("conclusion").get<std::string>());
    bar.startedAt = timeOf(job, "startedAt");
    bar.completedAt = timeOf(job, "completedAt");
    bar.steps = job.value("steps", 0);
    bar.htmlUrl = job.value("htmlUrl", std::string());
    lane.jobs.push_back(std::move(bar));
  }
  if (json.contains("acceptanceRunId") && json.at("acceptanceRunId").is_number())
    lane.acceptanceRunId = json.at("acceptanceRunId").get<std::int64_t>();
  return lane;
}

}  // namespace

std::string toJson(const DeploymentTimeline& timeline, const std::optional<DoraFigures>& dora, TimelineJsonForm form) {
  Json doc;
  doc["generatedAt"] = formatIsoTime(timeline.now);
  if (timeline.live) {
    doc["live"] = {{"sha", timeline.live->sha},
                   {"deploymentId", timeline.live->deploymentId},
                   {"statusId", timeline.live->statusId},
                   {"since", formatIsoTime(timeline.live->at)},
                   {"runId", valueOrNull(timeline.live->runId)}};
  } else {
    doc["live"] = nullptr;
  }
  Json runs = Json::array();
  for (const TimelineRun& lane : timeline.runs) runs.push_back(runJson(timeline, lane));
  doc["runs"] = std::move(runs);
  if (dora) {
    doc["dora"] = {{"from", formatIsoTime(dora->from)},
                   {"to", formatIsoTime(dora->to)},
                   {"deploymentsPerDay", dora->deploymentsPerDay},
                   {"leadTimeSeconds", valueOrNull(dora->leadTimeSeconds)},
                   {"changeFailureRate", valueOrNull(dora->changeFailureRate)},
                   {"timeToRestoreSeconds", valueOrNull(dora->timeToRestoreSeconds)},
                   {"successfulDeployments", dora->successfulDeployments},
                   {"failedDeployments", dora->failedDeployments}};
  } else {
    doc["dora"] = nullptr;
  }
  if (form == TimelineJsonForm::Cache) {
    Json deployments = Json::array();
    for (const DeploymentRecord& record : timeline.deployments) {
      Json statuses = Json::array();
      for (const StatusChange& status : record.statuses) statuses.push_back(statusJson(status));
      deployments.push_back({{"id", record.id},
                             {"sha", record.sha},
                             {"runId", valueOrNull(record.runId)},
                             {"createdAt", formatIsoTime(record.createdAt)},
                             {"commitTime", timeOrNull(timeline.commitTimeOf(record.sha))},
                             {"statuses", statuses}});
    }
    doc["deployments"] = std::move(deployments);
  }
  return doc.dump(2);
}

std::optional<DeploymentTimeline> timelineFromJson(std::string_view text, std::string* problem) {
  const auto notACache = [problem](std::string why) -> std::optional<DeploymentTimeline> {
    if (problem) *problem = std::move(why);
    return std::nullopt;
  };
  try {
    // Ids and counts are read as integers: a number with a fraction or beyond 64 bits where one
    // belongs is not a cache this program wrote (converting it would be undefined).
    auto input = readJsonInput<Json>(text, [](int, nlohmann::json::parse_event_t event, Json& parsed) {
      if (event == nlohmann::json::parse_event_t::value && parsed.is_number_float() &&
          !(std::fabs(parsed.get<double>()) < 9.0e18)) {
        throw std::out_of_range("a number beyond 64 bits");
      }
      return true;
    });
    if (!input.ok()) return notACache("not JSON: " + input.error);
    const Json doc = std::move(input.document);
    if (!doc.contains("deployments")) return notACache("not a timeline cache");
    DeploymentTimeline timeline;
    CommitTimes commits;
    timeline.now = requiredTime(doc, "generatedAt");
    if (doc.at("live").is_object()) {
      const Json& live = doc.at("live");
      timeline.live =
          LiveDeployment{live.at("deploymentId").get<std::int64_t>(), live.value("statusId", std::int64_t{0}),
                         live.at("sha").get<std::string>(), requiredTime(live, "since"), std::nullopt};
      if (live.at("runId").is_number()) timeline.live->runId = live.at("runId").get<std::int64_t>();
    }
    for (const Json& run : doc.at("runs")) timeline.runs.push_back(runFrom(run, *timeline.strings));
    for (const Json& d : doc.at("deployments")) {
      DeploymentRecord record;
      record.id = d.at("id").get<std::int64_t>();
      record.sha = d.value("sha", std::string());
      if (d.at("runId").is_number()) record.runId = d.at("runId").get<std::int64_t>();
      record.createdAt = requiredTime(d, "createdAt");
      if (const OptionalTime committed = timeOf(d, "commitTime")) commits[record.sha] = *committed;
      for (const Json& status : d.at("statuses")) record.statuses.push_back(statusFrom(status, *timeline.strings));
      timeline.deployments.push_back(std::move(record));
    }
    // A lane's deployments are the ones that name its run.
    std::unordered_map<std::int64_t, std::size_t> laneIndex;
    for (std::size_t i = 0; i < timeline.runs.size(); ++i) laneIndex.emplace(timeline.runs[i].id, i);
    for (std::size_t d = 0; d < timeline.deployments.size(); ++d) {
      const auto& runId = timeline.deployments[d].runId;
      if (const auto it = runId ? laneIndex.find(*runId) : laneIndex.end(); it != laneIndex.end())
        timeline.runs[it->second].deployments.push_back(d);
    }
    // Caches written before commit times were kept per deployment hold them in one map.
    if (const auto legacy = doc.find("commitTimes"); legacy != doc.end() && legacy->is_object()) {
      for (const auto& [sha, at] : legacy->items()) {
        const OptionalTime time = at.is_string() ? parseIsoTime(at.get<std::string>()) : std::nullopt;
        if (time) commits.emplace(sha, *time);
      }
    }
    timeline.commitTimes = std::make_shared<const CommitTimes>(std::move(commits));
    return timeline;
  } catch (const std::exception&) {
    return notACache("not a timeline cache");
  }
}

}  // namespace releasedesk
