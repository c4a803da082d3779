// Where the Candidates view reads its evidence from: the built-in sample, a folder on disk, or a
// GitHub repository (the project's, or the sandbox's) through the desk's connection.
#pragma once

#include "core/evidence/artifact_tree.h"

#include <QString>

namespace releasedesk {

struct CandidateSource {
  enum class Kind { Sample, Folder, GitHub };

  Kind kind = Kind::Sample;
  QString folder;      // Folder: the folder as opened
  QString connection;  // GitHub: the connection's description ("Sandbox · contoso/shop · production")
  QString repository;  // GitHub: owner/name

  static CandidateSource sample() { return {}; }
  static CandidateSource inFolder(const QString& folder) { return {Kind::Folder, folder, {}, {}}; }
  static CandidateSource onGitHub(const QString& connection, const QString& repository) {
    return {Kind::GitHub, {}, connection, repository};
  }

  bool isSample() const { return kind == Kind::Sample; }
  bool isFolder() const { return kind == Kind::Folder; }
  bool isGitHub() const { return kind == Kind::GitHub; }
  // "Built-in sample", the folder in native separators, or the connection's description.
  QString displayName() const;
  // What the window title names: "Sample", the folder's own name, or owner/name.
  QString shortName() const;

  bool operator==(const CandidateSource&) const = default;
};

// Catalogues a sample or folder source through the core, synchronously. Never throws; a folder
// that cannot be read yields a catalogue whose `error` says why. GitHub sources are read
// asynchronously through DeskConnection::refreshCandidates() instead.
CandidateCatalog loadCandidates(const CandidateSource& source);

// Where `entry`'s manifest was found, for display: an absolute path for a folder on disk, a path
// inside the sample, or the run and artifact on GitHub.
QString evidenceFolder(const CandidateSource& source, const CandidateEntry& entry);

}  // namespace releasedesk
