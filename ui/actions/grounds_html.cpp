#include "ui/actions/grounds_html.h"

#include "app/adapter/qt_strings.h"
#include "ui/actions/decision_desk.h"
#include "ui/status_icons.h"

#include <QCoreApplication>

namespace releasedesk {
namespace {

QString tr(const char* text) {
  return QCoreApplication::translate("DecisionGroundsHtml", text);
}

QString escaped(std::string_view text) {
  return toQString(text).toHtmlEscaped();
}

QString section(const QString& title, const QString& body) {
  return QStringLiteral("<h4>%1</h4>%2").arg(title.toHtmlEscaped(), body);
}

QString relationWord(LiveRelation relation) {
  switch (relation) {
    case LiveRelation::Live: return tr("LIVE: this candidate is live in production now");
    case LiveRelation::Newer: return tr("newer than live: promoting it moves production forward");
    case LiveRelation::Older: return tr("older than live: a replay of it is a rollback");
    case LiveRelation::NeverDeployed: return tr("never deployed to production");
  }
  return {};
}

}  // namespace

QString evidenceHtml(const DecisionDesk& desk, const std::string& sha) {
  const DecisionContext& context = desk.context();
  if (!context.candidates) {
    return section(tr("Evidence"), QStringLiteral("<p>%1</p>")
                                       .arg(context.candidatesError.empty() ? tr("not read yet").toHtmlEscaped()
                                                                            : escaped(context.candidatesError)));
  }
  const CandidateEntry* entry = context.candidates->catalog.find(sha);
  if (!entry) {
    return section(tr("Evidence"),
                   QStringLiteral("<p>%1</p>")
                       .arg(tr("No evidence artifact of this commit was found among the acceptance runs: the "
                               "production stage would refuse it.")
                                .toHtmlEscaped()));
  }
  const ActionCandidate* candidate = context.candidates->find(sha);
  QString body = QStringLiteral("<p><b>%1</b>").arg(verdictWord(entry->report.verdict).toHtmlEscaped());
  if (candidate && candidate->acceptanceRunId)
    body += QStringLiteral(" · %1").arg(tr("acceptance run %1").arg(*candidate->acceptanceRunId).toHtmlEscaped());
  body += QStringLiteral(" · %1</p>").arg(escaped(entry->report.manifest.kind));
  if (!entry->report.findings.empty()) {
    body += QStringLiteral("<ul>");
    for (const Finding& finding : entry->report.findings) {
      body +=
          QStringLiteral("<li>%1 <code>%2</code>: %3</li>")
              .arg(severityWord(finding.severity).toHtmlEscaped(), escaped(finding.pointer), escaped(finding.message));
    }
    body += QStringLiteral("</ul>");
  }
  return section(tr("Evidence"), body);
}

QString environmentHtml(const DecisionDesk& desk) {
  const DecisionContext& context = desk.context();
  const QString title = tr("Environment %1").arg(desk.environment());
  if (!context.environment) {
    return section(
        title, QStringLiteral("<p>%1</p>")
                   .arg(context.environmentError.empty()
                            ? tr("not checked yet").toHtmlEscaped()
                            : (tr("could not be checked: ") + toQString(context.environmentError)).toHtmlEscaped()));
  }
  const CompletenessReport& report = *context.environment;
  QString body =
      QStringLiteral("<p><b>%1</b> · %2</p>")
          .arg(escaped(report.summary()), (report.complete() ? tr("complete") : tr("not complete")).toHtmlEscaped());
  QString problems;
  for (const CompletenessItem& item : report.items) {
    if (!item.blocking()) continue;
    QString line = QStringLiteral("<li>%1 <code>%2</code>").arg(escaped(toString(item.status)), escaped(item.name));
    if (!item.messages.empty()) line += QStringLiteral(": ") + escaped(item.messages.front().text);
    problems += line + QStringLiteral("</li>");
  }
  if (!problems.isEmpty()) body += QStringLiteral("<ul>%1</ul>").arg(problems);
  return section(title, body);
}

QString liveDiffHtml(const DecisionDesk& desk, const std::string& sha) {
  const DecisionContext& context = desk.context();
  if (!context.candidates) return section(tr("Against live"), QStringLiteral("<p>%1</p>").arg(tr("not read yet")));
  const CandidateRelations& candidates = *context.candidates;
  const CandidateRelation* relation = candidates.relationOf(sha);
  return liveDiffHtml(relation ? std::optional<LiveRelation>(relation->relation) : std::nullopt, candidates.diff(sha));
}

QString liveDiffHtml(const DecisionDesk& desk, const ActionCandidate& candidate) {
  const DecisionContext& context = desk.context();
  if (!context.candidates) return section(tr("Against live"), QStringLiteral("<p>%1</p>").arg(tr("not read yet")));
  const CandidateRelations& candidates = *context.candidates;
  const LiveRelationTable table = relateToLive(candidates.timeline, {candidate});
  const std::optional<LiveRelation> relation =
      table.rows.empty() ? std::nullopt : std::optional<LiveRelation>(table.rows.front().relation);
  return liveDiffHtml(relation, diffAgainstLive(candidate, candidates.relations, candidates.candidates));
}

QString liveDiffHtml(std::optional<LiveRelation> relation, const CandidateDiff& diff) {
  QString body;
  if (relation) body += QStringLiteral("<p><b>%1</b></p>").arg(relationWord(*relation).toHtmlEscaped());
  if (diff.liveSha.empty()) {
    body += QStringLiteral("<p>%1</p>").arg(tr("Nothing is live in production yet.").toHtmlEscaped());
    return section(tr("Against live"), body);
  }
  body += QStringLiteral("<table cellspacing=\"4\">");
  const auto row = [&body](const QString& name, const QString& value) {
    body += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(name.toHtmlEscaped(), value);
  };
  row(tr("Live"), QStringLiteral("<code>%1</code>").arg(escaped(diff.liveSha.substr(0, 12))));
  row(tr("API digest"), escaped(toString(diff.api)));
  row(tr("Web digest"), escaped(toString(diff.web)));
  QStringList scope;
  for (const ScopeFlagChange& change : diff.scope) {
    scope << tr("%1 %2 (live %3)")
                 .arg(toQString(change.name), change.candidate ? tr("on") : tr("off"),
                      change.live ? tr("on") : tr("off"));
  }
  row(tr("Scope"), (scope.isEmpty() ? tr("same") : scope.join(QStringLiteral(", "))).toHtmlEscaped());
  row(tr("Kind"), diff.kind == diff.liveKind || diff.liveKind.empty()
                      ? escaped(diff.kind)
                      : tr("%1 (live %2)").arg(toQString(diff.kind), toQString(diff.liveKind)).toHtmlEscaped());
  body += QStringLiteral("</table>");
  return section(tr("Against live"), body);
}

QString lockHtml(const DecisionDesk& desk) {
  const DecisionContext& context = desk.context();
  if (!context.inbox) return {};
  return section(tr("Production lock"), QStringLiteral("<p>%1</p>").arg(escaped(context.inbox->lock.summary())));
}

}  // namespace releasedesk
