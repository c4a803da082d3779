// ACR digest references (`<name>.azurecr.io/<repository>@sha256:<64 hex>`), split and checked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

// An image reference split into its parts. Parts that are absent stay empty.
struct ImageRef {
  std::string registry;    // "contoso.azurecr.io"
  std::string repository;  // "shop/api"
  std::string tag;         // "v1" (a digest ref has none)
  std::string digest;      // "sha256:<hex>"

  bool operator==(const ImageRef&) const = default;
};

// Splits `ref` by the Docker reference grammar. Never fails: what cannot be recognised stays in
// `repository`.
ImageRef splitImageRef(std::string_view ref);

// Every way `ref` misses the contract's digest form, as sentences naming `what` (e.g. "The API
// image"). Empty when `ref` is a valid ACR digest ref.
std::vector<std::string> digestRefProblems(std::string_view ref, std::string_view what);

bool isLowerHex(std::string_view text, std::size_t length);

}  // namespace releasedesk
