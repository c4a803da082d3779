// The desk's one way to show a time and name a run.
#include "ui/time_text.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimeZone>

namespace releasedesk::timetext {
namespace {

bool utcShown = false;

QString tr(const char* text) {
  return QCoreApplication::translate("TimeText", text);
}

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

QString zoneName(const QDateTime& at) {
  if (utcShown) return QStringLiteral("UTC");
  QString name = at.toLocalTime().timeZoneAbbreviation();
  // Some zones have no abbreviation and Qt answers with the offset ("UTC+05:30"); both read.
  return name.isEmpty() ? QStringLiteral("UTC%1").arg(at.toLocalTime().offsetFromUtc() / 3600) : name;
}

QString dateTime(const QDateTime& at) {
  if (!at.isValid()) return {};
  const QDateTime local = shown(at);
  return QStringLiteral("%1 %2").arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm")), zoneName(at));
}

QString dateTime(TimePoint at) {
  return dateTime(shown(at));
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
  if (runNumber <= 0) return tr("run %1").arg(runId);
  if (runId <= 0) return QStringLiteral("#%1").arg(runNumber);
  return tr("#%1 (run %2)").arg(runNumber).arg(runId);
}

}  // namespace releasedesk::timetext
