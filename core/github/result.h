// Result<T>: a value or a GitHubError, passed to asynchronous callbacks.
#pragma once

#include "core/github/github_error.h"

#include <cassert>
#include <functional>
#include <utility>
#include <variant>

namespace releasedesk {

template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(GitHubError error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  const GitHubError& error() const {
    assert(!ok());
    return std::get<1>(data_);
  }

 private:
  std::variant<T, GitHubError> data_;
};

template <typename T>
using ResultCallback = std::function<void(Result<T>)>;

// For operations that return nothing.
struct Done {};

}  // namespace releasedesk
