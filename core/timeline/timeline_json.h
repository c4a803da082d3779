// The timeline as JSON: the documented `releasedesk-cli timeline --json` shape, and a full form
// that round-trips (the desktop's local cache).
#pragma once

#include "core/timeline/deployment_timeline.h"

#include <optional>
#include <string>
#include <string_view>

namespace releasedesk {

enum class TimelineJsonForm {
  Report,  // live, runs (with phases, jobs, badges), dora: what the console prints
  Cache,   // Report plus deployments and commit times, enough for timelineFromJson
};

std::string toJson(const DeploymentTimeline& timeline, const std::optional<DoraFigures>& dora,
                   TimelineJsonForm form = TimelineJsonForm::Report);

// Reads the Cache form back; std::nullopt when `json` is not one, with the reason in `*problem`
// when given ("not JSON: something follows the end of the document", "not a timeline cache").
std::optional<DeploymentTimeline> timelineFromJson(std::string_view json, std::string* problem = nullptr);

}  // namespace releasedesk
