#include "core/evidence/digest_ref.h"

#include <algorithm>
#include <cctype>

namespace releasedesk {
namespace {

constexpr std::string_view kAcrSuffix = ".azurecr.io";
constexpr std::string_view kDigestForm = "<name>.azurecr.io/<repository>@sha256:<64 hex>";

bool isLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool isHex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool isUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

bool looksLikeRegistry(std::string_view component) {
  return component.find('.') != std::string_view::npos || component.find(':') != std::string_view::npos ||
         component == "localhost";
}

bool isValidRepository(std::string_view repository) {
  if (repository.empty() || repository.front() == '/' || repository.back() == '/') return false;
  return std::all_of(repository.begin(), repository.end(),
                     [](char c) { return isLowerAlnum(c) || c == '.' || c == '_' || c == '-' || c == '/'; });
}

}  // namespace

bool isLowerHex(std::string_view text, std::size_t length) {
  return text.size() == length &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

ImageRef splitImageRef(std::string_view ref) {
  ImageRef out;
  std::string_view name = ref;
  if (const auto at = ref.find('@'); at != std::string_view::npos) {
    out.digest = std::string(ref.substr(at + 1));
    name = ref.substr(0, at);
  }
  const auto lastSlash = name.rfind('/');
  const auto colon = name.rfind(':');
  if (colon != std::string_view::npos && (lastSlash == std::string_view::npos || colon > lastSlash)) {
    out.tag = std::string(name.substr(colon + 1));
    name = name.substr(0, colon);
  }
  if (const auto slash = name.find('/'); slash != std::string_view::npos && looksLikeRegistry(name.substr(0, slash))) {
    out.registry = std::string(name.substr(0, slash));
    name = name.substr(slash + 1);
  }
  out.repository = std::string(name);
  return out;
}

std::vector<std::string> digestRefProblems(std::string_view ref, std::string_view what) {
  std::vector<std::string> problems;
  const std::string subject(what);
  if (ref.empty()) {
    problems.push_back(subject + " is empty; it must be a digest ref like " + std::string(kDigestForm) + ".");
    return problems;
  }
  if (std::any_of(ref.begin(), ref.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    problems.push_back(subject + " contains white space; a digest ref has none.");
  }
  const ImageRef parts = splitImageRef(ref);

  if (parts.registry.empty()) {
    problems.push_back(subject + " names no registry; production images come from an Azure Container Registry (" +
                       std::string(kDigestForm) + ").");
  } else if (parts.registry.size() <= kAcrSuffix.size() ||
             parts.registry.compare(parts.registry.size() - kAcrSuffix.size(), kAcrSuffix.size(), kAcrSuffix) != 0) {
    problems.push_back(subject + " comes from registry '" + parts.registry +
                       "', which is not an Azure Container Registry (<name>.azurecr.io).");
  } else {
    const std::string_view acrName =
        std::string_view(parts.registry).substr(0, parts.registry.size() - kAcrSuffix.size());
    if (acrName.size() < 5 || acrName.size() > 50 || !std::all_of(acrName.begin(), acrName.end(), isLowerAlnum)) {
      problems.push_back(subject + " registry name '" + std::string(acrName) +
                         "' is not a valid ACR name (5 to 50 lowercase letters and digits).");
    }
  }

  if (parts.repository.empty()) {
    problems.push_back(subject + " names no repository.");
  } else if (!isValidRepository(parts.repository)) {
    problems.push_back(subject + " repository '" + parts.repository +
                       "' is not a valid repository name (lowercase letters, digits, '.', '_', '-' and '/').");
  }

  if (!parts.tag.empty() && !parts.digest.empty()) {
    problems.push_back(subject + " carries both a tag (:" + parts.tag +
                       ") and a digest; write the digest ref alone, without the tag.");
  } else if (!parts.tag.empty()) {
    problems.push_back(subject + " is a tag (:" + parts.tag +
                       "), not a digest ref: a tag can move, so production deploys only @sha256 digests.");
  } else if (parts.digest.empty()) {
    problems.push_back(subject + " has no digest; it must end in @sha256:<64 hex>.");
  }

  if (!parts.digest.empty()) {
    const auto colon = parts.digest.find(':');
    const std::string algorithm = colon == std::string::npos ? std::string() : parts.digest.substr(0, colon);
    const std::string hex = colon == std::string::npos ? parts.digest : parts.digest.substr(colon + 1);
    if (algorithm != "sha256") {
      problems.push_back(subject + " digest must start with 'sha256:'" +
                         (algorithm.empty() ? std::string(".") : ", not '" + algorithm + ":'."));
    }
    const bool allHex = !hex.empty() && std::all_of(hex.begin(), hex.end(), isHex);
    if (!allHex) {
      problems.push_back(subject + " digest contains characters that are not hexadecimal.");
    } else if (std::any_of(hex.begin(), hex.end(), isUpper)) {
      problems.push_back(subject + " digest is in uppercase; digests are written in lowercase hex.");
    }
    if (hex.size() != 64) {
      problems.push_back(subject + " digest has " + std::to_string(hex.size()) +
                         " hex characters; a sha256 digest has exactly 64.");
    }
  }
  return problems;
}

}  // namespace releasedesk
