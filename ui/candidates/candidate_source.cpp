// Loading candidates from the built-in sample or a folder, through the core.
#include "ui/candidates/candidate_source.h"

#include "app/adapter/qt_strings.h"
#include "resources/embedded_resources.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <filesystem>

namespace releasedesk {

QString CandidateSource::displayName() const {
  switch (kind) {
    case Kind::Sample: return QCoreApplication::translate("CandidateSource", "Built-in sample");
    case Kind::Folder: return QDir::toNativeSeparators(folder);
    case Kind::GitHub: return connection;
  }
  return {};
}

QString CandidateSource::shortName() const {
  switch (kind) {
    case Kind::Sample: return QCoreApplication::translate("CandidateSource", "Sample");
    case Kind::Folder: {
      const QString name = QFileInfo(folder).fileName();
      return name.isEmpty() ? QDir::toNativeSeparators(folder) : name;
    }
    case Kind::GitHub: return repository;
  }
  return {};
}

CandidateCatalog loadCandidates(const CandidateSource& source) {
  if (source.isGitHub()) {
    CandidateCatalog catalog;
    catalog.error = "GitHub sources are read through the desk's connection.";
    return catalog;
  }
  if (source.isSample()) {
    std::vector<TreeFile> files;
    for (const resources::EmbeddedFile& file : resources::sampleArtifacts()) {
      files.push_back({std::string(file.path), file.bytes});
    }
    return catalogFromFiles(files);
  }
  // File names are bytes on POSIX; encodeName keeps paths that are not valid UTF-8 intact.
  return scanArtifactTree(std::filesystem::path(QFile::encodeName(source.folder).toStdString()));
}

QString evidenceFolder(const CandidateSource& source, const CandidateEntry& entry) {
  // The feed names it "run <id> › <artifact> › evidence-manifest.json".
  if (source.isGitHub()) return toQString(entry.path).section(QStringLiteral(" › "), 0, -2);
  QString relative = toQString(entry.path).section(QLatin1Char('/'), 0, -2);
  if (source.isSample()) return relative;
  // The scan accepts a checkout as well as its .artifacts folder (same rule as the core).
  const QDir root(source.folder);
  const QString base = root.exists(QStringLiteral("acceptance")) || !root.exists(QStringLiteral(".artifacts"))
                           ? root.absolutePath()
                           : root.absoluteFilePath(QStringLiteral(".artifacts"));
  return QDir::toNativeSeparators(QDir(base).absoluteFilePath(relative));
}

}  // namespace releasedesk
