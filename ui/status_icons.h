// Verdict and severity icons, painted rather than loaded so they follow the palette (dark mode
// included) and differ by shape as well as by colour: a check, a no-entry sign, a cross.
#pragma once

#include "evidence/evidence_manifest.h"
#include "evidence/finding.h"

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace releasedesk {

// The word shown beside every verdict and severity icon: colour is never the only signal.
QString verdictWord(Verdict verdict);
QString severityWord(Severity severity);

// Icons that resolve their colours from the application palette each time they are painted.
QIcon verdictIcon(Verdict verdict);
QIcon severityIcon(Severity severity);

// The tint of a verdict or severity, chosen to stay readable on `palette`'s base colour.
QColor verdictColor(Verdict verdict, const QPalette& palette);
QColor severityColor(Severity severity, const QPalette& palette);

}  // namespace releasedesk
