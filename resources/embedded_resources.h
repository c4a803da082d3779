// Files from resources/ compiled into the binaries, without Qt, so the console and the
// desktop share the same built-in sample data.
#pragma once

#include <span>
#include <string_view>

namespace releasedesk::resources {

struct EmbeddedFile {
  std::string_view path;  // relative to its tree's root
  std::string_view bytes;
};

// The built-in sample `.artifacts` tree: paths like "acceptance/<sha>/evidence-manifest.json".
std::span<const EmbeddedFile> sampleArtifacts();

// The JSON Schema of evidence-manifest.json: one file, "evidence-manifest.schema.json".
std::span<const EmbeddedFile> manifestSchema();

// The built-in sandbox repository's seed data: "repository.json" and "history.json".
std::span<const EmbeddedFile> sandboxData();
// The files of the sandbox repository, by repository path (".github/workflows/production-stage.yml").
std::span<const EmbeddedFile> sandboxFiles();

// The built-in requirement profile of the `production` environment: "default-profile.json".
std::span<const EmbeddedFile> requirementProfiles();

}  // namespace releasedesk::resources
