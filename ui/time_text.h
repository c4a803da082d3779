// One clock for the desk: every time on screen is local time with its zone named
// ("2026-11-30 09:12 UTC+01:00", zones named as the console names them), or UTC ("2026-11-30 08:12 UTC") when View ›
// Show Times in UTC is on. Every view formats its times here, so the timeline header, the details panes and the tables
// never disagree. Runs are named the same way everywhere too: "#42", with the id where it helps.
#pragma once

#include "core/github/github_types.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <string_view>

namespace releasedesk::timetext {

// The display preference, for the whole desk like QLocale::setDefault: the window sets it from
// the settings at start and from the View menu. Thread: the GUI thread.
void setUtc(bool utc);
bool isUtc();

// The zone times are shown in: "UTC", or the local zone's offset at `at` ("UTC+01:00").
QString zoneName(const QDateTime& at = QDateTime::currentDateTime());
// "2026-11-30 09:12 UTC+01:00"; empty for an invalid time.
QString dateTime(const QDateTime& at);
QString dateTime(TimePoint at);
// "30 Nov 09:12": for table cells under a header that names the zone (see zoneName()).
QString compactDateTime(const QDateTime& at);
// "09:12 UTC+01:00": the time of day, for what happened today (read at, resets at).
QString timeOfDay(const QDateTime& at);
// "30 Nov 09:12": short, without the zone, for axis labels under a header that names it.
QString axisLabel(TimePoint at, bool withDate);
// An ISO-8601 time as GitHub sends it ("2026-11-30T08:12:00Z"), shown like dateTime(); the text
// as it is when it does not parse.
QString fromIso(std::string_view iso);
// The QDateTime of `at` in the zone shown.
QDateTime shown(TimePoint at);
QDateTime shown(const QDateTime& at);

// "#42", or "#42 (id 123456789)" with the id, as the console says it; "run 123456789" when the
// number is not known (0).
QString runName(std::int64_t runNumber, std::int64_t runId = 0);

}  // namespace releasedesk::timetext
