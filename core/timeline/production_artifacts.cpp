// Downloads a production run's artifacts and reads the files the run details show.
#include "core/timeline/production_artifacts.h"

#include "core/evidence/artifact_zip.h"
#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace releasedesk {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kValueChars = 120;

std::string_view baseName(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool hasFolder(std::string_view path, std::string_view folder) {
  // "deploy/x.json", "a/deploy/x.json" — a whole path component, not "redeploy/".
  const std::string inner = "/" + std::string(folder) + "/";
  return path.starts_with(std::string(folder) + "/") || path.find(inner) != std::string_view::npos;
}

std::string shortened(std::string text) {
  if (text.size() > kValueChars) {
    std::size_t cut = kValueChars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    text.resize(cut);
    text += "…";
  }
  return text;
}

std::string sizeText(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " bytes";
  if (bytes < 1024 * 1024) return std::to_string(bytes / 1024) + " KiB";
  return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

std::string scalarText(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

class Flattener {
 public:
  Flattener(std::size_t maxFields, std::vector<std::pair<std::string, std::string>>& fields, bool& truncated)
      : maxFields_(maxFields), fields_(fields), truncated_(truncated) {}

  void add(const std::string& key, const Json& value, int depth) {
    if (value.is_object() && depth < 3 && !value.empty()) {
      for (const auto& [name, inner] : value.items()) add(key.empty() ? name : key + "." + name, inner, depth + 1);
      return;
    }
    std::string text;
    if (value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_primitive(); })) {
      for (const Json& item : value) text += (text.empty() ? "" : ", ") + scalarText(item);
      if (value.empty()) text = "(none)";
    } else if (value.is_primitive()) {
      text = scalarText(value);
    } else {
      text = value.dump();
    }
    if (fields_.size() >= maxFields_) {
      truncated_ = true;
      return;
    }
    fields_.emplace_back(key, shortened(std::move(text)));
  }

 private:
  std::size_t maxFields_;
  std::vector<std::pair<std::string, std::string>>& fields_;
  bool& truncated_;
};

// Keeps one download at a time going until every artifact was read, then answers.
class RunArtifactsRead : public std::enable_shared_from_this<RunArtifactsRead> {
 public:
  RunArtifactsRead(GitHubClient& client, std::function<void(RunArtifacts)> done, ProductionArtifactLimits limits,
                   std::vector<ProductionArtifact> known)
      : client_(client), done_(std::move(done)), limits_(limits), known_(std::move(known)) {}

  void start(std::int64_t runId) {
    std::weak_ptr<RunArtifactsRead> weak = weak_from_this();
    client_.listArtifacts(runId, [weak](const Result<std::vector<Artifact>>& listed) {
      const auto self = weak.lock();
      if (!self) return;
      if (!listed) {
        self->result_.error = listed.error();
        self->finish();
        return;
      }
      for (const Artifact& artifact : listed.value()) {
        const auto known = std::find_if(self->known_.begin(), self->known_.end(), [&](const ProductionArtifact& k) {
          return k.id == artifact.id && k.error.empty() && !artifact.expired;
        });
        if (known != self->known_.end()) {
          self->result_.artifacts.push_back(std::move(*known));
          self->result_.artifacts.back().reused = true;
          continue;
        }
        ProductionArtifact entry;
        entry.id = artifact.id;
        entry.name = artifact.name;
        entry.sizeInBytes = artifact.sizeInBytes;
        entry.expired = artifact.expired;
        self->result_.artifacts.push_back(std::move(entry));
      }
      self->next();
    });
  }

 private:
  void next() {
    while (next_ < result_.artifacts.size()) {
      ProductionArtifact& artifact = result_.artifacts[next_++];
      if (artifact.reused) continue;
      if (artifact.expired) {
        artifact.error = "expired: GitHub no longer keeps its files";
        continue;
      }
      if (static_cast<int>(next_) > limits_.maxArtifacts) {
        artifact.error = "not downloaded: only the first " + std::to_string(limits_.maxArtifacts) + " are read";
        continue;
      }
      if (artifact.sizeInBytes > limits_.maxArchiveBytes) {
        artifact.error = "not downloaded: " + sizeText(artifact.sizeInBytes) + " is more than the " +
                         sizeText(limits_.maxArchiveBytes) + " the desk previews";
        continue;
      }
      const std::size_t index = next_ - 1;
      std::weak_ptr<RunArtifactsRead> weak = weak_from_this();
      client_.downloadArtifact(artifact.id, [weak, index](const Result<std::string>& bytes) {
        const auto self = weak.lock();
        if (!self) return;
        ProductionArtifact& artifact = self->result_.artifacts[index];
        if (bytes) {
          readProductionArchive(bytes.value(), self->limits_, artifact);
        } else {
          artifact.error = "not downloaded: " + bytes.error().message;
        }
        self->next();
      });
      return;
    }
    finish();
  }

  void finish() {
    if (auto done = std::exchange(done_, nullptr)) done(std::move(result_));
  }

  GitHubClient& client_;
  std::function<void(RunArtifacts)> done_;
  ProductionArtifactLimits limits_;
  std::vector<ProductionArtifact> known_;
  RunArtifacts result_;
  std::size_t next_ = 0;
};

}  // namespace

std::string_view toString(ProductionFileKind kind) {
  switch (kind) {
    case ProductionFileKind::DeploymentRecord: return "deployment record";
    case ProductionFileKind::Result: return "result";
    case ProductionFileKind::Deploy: return "deploy";
    case ProductionFileKind::BrowserEvidence: return "browser evidence";
  }
  return "result";
}

std::optional<ProductionFileKind> productionFileKind(std::string_view artifactName, std::string_view entryPath) {
  const std::string_view file = baseName(entryPath);
  if (!file.ends_with(".json")) return std::nullopt;
  if (file == "deployment-record.json") return ProductionFileKind::DeploymentRecord;
  if (file == "result.json") return ProductionFileKind::Result;
  if (hasFolder(entryPath, "browser-evidence") || artifactName.starts_with("browser-evidence")) {
    return file == "manifest.json" ? std::optional(ProductionFileKind::BrowserEvidence) : std::nullopt;
  }
  if (hasFolder(entryPath, "deploy") || artifactName.starts_with("deploy-")) return ProductionFileKind::Deploy;
  return std::nullopt;
}

bool summarizeJson(std::string_view text, std::size_t maxFields,
                   std::vector<std::pair<std::string, std::string>>& fields, bool& truncated, std::string& error) {
  // Deep nesting is refused while parsing: writing a value back out recurses once per level.
  constexpr int kMaxDepth = 64;
  JsonInput<Json> input;
  try {
    input = readJsonInput<Json>(text, [](int depth, nlohmann::detail::parse_event_t event, Json&) {
      if (depth >= kMaxDepth && (event == nlohmann::detail::parse_event_t::object_start ||
                                 event == nlohmann::detail::parse_event_t::array_start)) {
        throw std::length_error("nested deeper than " + std::to_string(kMaxDepth) + " levels");
      }
      return true;
    });
  } catch (const std::length_error& e) {
    error = std::string("not readable: ") + e.what();
    return false;
  }
  // Parse errors, numbers out of range ("1e400") and trailing data, without the library's tag.
  if (!input.ok()) {
    error = "not JSON: " + input.error;
    return false;
  }
  const Json& doc = input.document;
  if (!doc.is_object()) {
    error = std::string("not a JSON object but ") + (doc.is_array() ? "an array" : "a single value");
    return false;
  }
  Flattener(maxFields, fields, truncated).add({}, doc, 0);
  return true;
}

void readProductionArchive(std::string_view zipBytes, const ProductionArtifactLimits& limits,
                           ProductionArtifact& artifact) {
  std::string error;
  const bool opened = forEachZipEntry(
      zipBytes, limits.maxFileBytes,
      [&](std::string_view path) {
        if (productionFileKind(artifact.name, path)) return true;
        artifact.others.emplace_back(path);
        return false;
      },
      [&](std::string_view path, const std::string& bytes, std::string problem) {
        ProductionFile file;
        file.kind = *productionFileKind(artifact.name, path);
        file.path = path;
        if (!problem.empty()) {
          file.error = std::move(problem);
        } else if (!summarizeJson(bytes, limits.maxFields, file.fields, file.truncated, file.error)) {
          file.error = std::string(path) + " is " + file.error;
          file.fields.clear();
        }
        artifact.files.push_back(std::move(file));
      },
      error);
  if (!opened) artifact.error = error;
}

std::shared_ptr<void> readRunArtifacts(GitHubClient& client, std::int64_t runId, std::function<void(RunArtifacts)> done,
                                       ProductionArtifactLimits limits, std::vector<ProductionArtifact> known) {
  auto read = std::make_shared<RunArtifactsRead>(client, std::move(done), limits, std::move(known));
  read->start(runId);
  return read;
}

}  // namespace releasedesk
