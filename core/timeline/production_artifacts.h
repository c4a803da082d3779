// What a production-stage run left behind: its artifacts, downloaded and read, so the run details
// can show the deployment record, the stage result, the deploy outputs and the browser evidence
// manifest instead of bare artifact names.
#pragma once

#include "core/github/github_client.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace releasedesk {

// The files of a production run the desk reads (docs/architecture.md, "Artifacts of a production run").
enum class ProductionFileKind {
  DeploymentRecord,  // .artifacts/production/<sha>/deployment-record.json
  Result,            // .artifacts/production/<sha>/result.json
  Deploy,            // .artifacts/deploy/<sha>/*.json
  BrowserEvidence,   // .artifacts/browser-evidence/<sha>/manifest.json
};
std::string_view toString(ProductionFileKind kind);  // "deployment record", "result", ...

// Which kind a zip entry of an artifact is, if the desk reads it. Uploads keep paths relative to
// the uploaded folder, so the artifact's name says where a bare "manifest.json" came from.
std::optional<ProductionFileKind> productionFileKind(std::string_view artifactName, std::string_view entryPath);

struct ProductionFile {
  ProductionFileKind kind = ProductionFileKind::Result;
  std::string path;                                         // inside the artifact
  std::vector<std::pair<std::string, std::string>> fields;  // "workflowRun.id" → "123", in file order
  bool truncated = false;                                   // more fields than shown
  std::string error;                                        // set when the file could not be read
};

struct ProductionArtifact {
  std::int64_t id = 0;
  std::string name;
  std::int64_t sizeInBytes = 0;
  bool expired = false;
  std::vector<ProductionFile> files;  // the entries the desk reads, in archive order
  std::vector<std::string> others;    // the other entries, by path
  std::string error;                  // not downloaded or not readable, in words
  bool reused = false;                // taken from a previous read, not downloaded again
};

struct RunArtifacts {
  std::optional<GitHubError> error;  // the list itself failed
  std::vector<ProductionArtifact> artifacts;
};

struct ProductionArtifactLimits {
  std::int64_t maxArchiveBytes = 8 * 1024 * 1024;  // larger archives are listed, not downloaded
  std::size_t maxFileBytes = 1024 * 1024;
  std::size_t maxFields = 40;
  int maxArtifacts = 8;
};

// Flattens a JSON document to dotted keys and short values: scalars as written, arrays of
// scalars joined, other arrays and deep objects as compact JSON (cut at 120 characters). Returns
// false with `error` set ("not JSON: …", "not a JSON object") when the text cannot be read.
bool summarizeJson(std::string_view text, std::size_t maxFields,
                   std::vector<std::pair<std::string, std::string>>& fields, bool& truncated, std::string& error);

// Reads the desk's files out of one downloaded artifact archive (`artifact.name` picks kinds).
void readProductionArchive(std::string_view zipBytes, const ProductionArtifactLimits& limits,
                           ProductionArtifact& artifact);

// Lists a run's artifacts and downloads the readable ones one after another. An artifact never
// changes once uploaded, so one already read in `known` (a previous answer) is not downloaded
// again. `done` runs once, on the client's thread; dropping the returned handle drops the callback.
std::shared_ptr<void> readRunArtifacts(GitHubClient& client, std::int64_t runId, std::function<void(RunArtifacts)> done,
                                       ProductionArtifactLimits limits = {},
                                       std::vector<ProductionArtifact> known = {});

}  // namespace releasedesk
