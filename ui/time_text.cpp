// The desk's one way to show a time and name a run.
#include "ui/time_text.h"

#include "core/text/time_format.h"

#include <QLocale>
#include <QTimeZone>

namespace releasedesk::timetext {
namespace {

bool utcShown = false;

}  // namespace

void setUtc(bool utc) {
  utcShown = utc;
}

bool isUtc() {
  return utcShown;
}

QDateTime shown(const QDateTime& at) {
  return utcShown ? at.toUTC() : at.toLocalTime();
}

QDateTime shown(TimePoint at) {
  return shown(QDateTime::fromSecsSinceEpoch(static_cast<qint64>(at.time_since_epoch().count()), QTimeZone::utc()));
}

// The zone as the console names it ("UTC+05:30"), so a time reads the same in both.
QString zoneName(const QDateTime& at) {
  if (utcShown) return QStringLiteral("UTC");
  return QString::fromStdString(zoneLabel(std::chrono::seconds(at.toLocalTime().offsetFromUtc())));
}

QString dateTime(TimePoint at) {
  const auto offset = utcShown ? std::chrono::seconds(0) : localUtcOffset(at);
  return QString::fromStdString(formatDisplayTime(at, offset));
}

QString dateTime(const QDateTime& at) {
  if (!at.isValid()) return {};
  return dateTime(TimePoint(std::chrono::seconds(at.toSecsSinceEpoch())));
}

QString compactDateTime(const QDateTime& at) {
  if (!at.isValid()) return {};
  const QDateTime local = shown(at);
  const bool thisYear = local.date().year() == shown(QDateTime::currentDateTimeUtc()).date().year();
  return QLocale().toString(local, thisYear ? QStringLiteral("d MMM HH:mm") : QStringLiteral("d MMM yyyy HH:mm"));
}

QString timeOfDay(const QDateTime& at) {
  if (!at.isValid()) return {};
  return QStringLiteral("%1 %2").arg(shown(at).toString(QStringLiteral("HH:mm")), zoneName(at));
}

QString axisLabel(TimePoint at, bool withDate) {
  const QDateTime local = shown(at);
  return withDate ? QLocale().toString(local, QStringLiteral("d MMM HH:mm")) : local.toString(QStringLiteral("HH:mm"));
}

QString fromIso(std::string_view iso) {
  if (const OptionalTime time = parseIsoTime(iso)) return dateTime(*time);
  return QString::fromUtf8(iso.data(), static_cast<qsizetype>(iso.size()));
}

QString runName(std::int64_t runNumber, std::int64_t runId) {
  const int number = static_cast<int>(runNumber);
  return QString::fromStdString(runId <= 0 ? releasedesk::runName(number, runId) : runNameWithId(number, runId));
}

}  // namespace releasedesk::timetext
