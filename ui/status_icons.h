// Verdict and severity icons, painted rather than loaded so they follow the palette (dark mode
// included) and differ by shape as well as by colour: a check, a no-entry sign, a cross.
#pragma once

#include "core/evidence/evidence_manifest.h"
#include "core/evidence/finding.h"
#include "core/github/connection_doctor.h"
#include "ui/connection_state.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace releasedesk {

// The word shown beside every verdict and severity icon: colour is never the only signal.
QString verdictWord(Verdict verdict);
QString severityWord(Severity severity);
QString checkStatusWord(CheckStatus status);
QString connectionWord(ConnectionState state);

// Icons that resolve their colours from the application palette each time they are painted.
QIcon verdictIcon(Verdict verdict);
QIcon severityIcon(Severity severity);
QIcon checkStatusIcon(CheckStatus status);
QIcon connectionIcon(ConnectionState state);
// The mark beside data older than the last failed refresh, and beside a low rate limit.
QIcon staleIcon();

// The tint of a verdict or severity, chosen to stay readable on `palette`'s base colour.
QColor verdictColor(Verdict verdict, const QPalette& palette);
QColor severityColor(Severity severity, const QPalette& palette);
// The fill of what is still going (a job in progress): the palette's highlight, lightened or
// darkened until it reads against the base (or `background`) colour with a contrast of at least 3:1 (WCAG's rule
// for graphics), so a dark theme's deep highlight does not sink into its background.
QColor inProgressColor(const QPalette& palette, QPalette::ColorRole background = QPalette::Base);
// WCAG 2 contrast ratio of two colours, 1 to 21.
double contrastRatio(const QColor& a, const QColor& b);

}  // namespace releasedesk
