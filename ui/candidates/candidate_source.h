// Where the Candidates view reads its evidence from: the built-in sample or a folder on disk.
#pragma once

#include "evidence/artifact_tree.h"

#include <QString>

namespace releasedesk {

struct CandidateSource {
  QString folder;  // empty for the built-in sample

  bool isSample() const { return folder.isEmpty(); }
  // "Built-in sample" or the folder in native separators.
  QString displayName() const;
  // What the window title names: "Sample" or the folder's own name.
  QString shortName() const;

  bool operator==(const CandidateSource&) const = default;
};

// Catalogues the source through the core. Never throws; a folder that cannot be read yields a
// catalogue whose `error` says why.
CandidateCatalog loadCandidates(const CandidateSource& source);

// The folder holding `entry`'s manifest, for display: an absolute path for a folder on disk, a
// path inside the sample otherwise.
QString evidenceFolder(const CandidateSource& source, const CandidateEntry& entry);

}  // namespace releasedesk
