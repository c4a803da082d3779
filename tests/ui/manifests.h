// Evidence manifests written into temporary artifact trees by the desktop tests.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>

namespace releasedesk::test {

// A manifest for `sha` that passes the contract; `gate` decides accepted or rejected.
inline QByteArray manifestFor(const QString& sha, const QString& gate = QStringLiteral("success")) {
  return QStringLiteral(R"({
  "headSha": "%1",
  "kind": "runtime",
  "scope": { "identity": false, "infra": false, "runtime": true },
  "candidate": {
    "apiRef": "contosoprod.azurecr.io/shop/api@sha256:%2",
    "webRef": "contosoprod.azurecr.io/shop/web@sha256:%2"
  },
  "checks": { "acceptanceStageGate": "%3" }
})")
      .arg(sha, QString(64, QLatin1Char('a')), gate)
      .toUtf8();
}

// Writes `acceptance/<sha>/evidence-manifest.json` under `root`.
inline bool writeManifest(const QString& root, const QString& sha, const QByteArray& bytes) {
  const QDir dir(root);
  const QString folder = QStringLiteral("acceptance/") + sha;
  if (!dir.mkpath(folder)) return false;
  QFile file(dir.filePath(folder + QStringLiteral("/evidence-manifest.json")));
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

}  // namespace releasedesk::test
