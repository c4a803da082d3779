// Step outputs for GitHub Actions: the `$GITHUB_OUTPUT` file format. A single-line value is
// written `key=value`; a value with a line break uses GitHub's heredoc form
// `key<<DELIM\n...\nDELIM`, with a delimiter that occurs nowhere in the value (else a value could
// end the block early and set outputs of its own).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace releasedesk {

using StepOutputs = std::vector<std::pair<std::string, std::string>>;

// Yields a fresh random token each call (hex or similar, no line breaks).
using DelimiterSource = std::function<std::string()>;

// A DelimiterSource over std::random_device: "ghadelimiter_<32 hex>".
DelimiterSource randomDelimiters();

// Whether `key` can name an output: non-empty, letters, digits, '_' and '-', not starting with a
// digit or '-' (GitHub's output names; an '=' or '<<' would change the line's meaning).
bool isOutputName(std::string_view key);

// One output in GitHub's file format, ending in a line feed. Draws delimiters from `delimiters`
// until one does not occur in `value` (a line of its own is all that would matter, but any
// occurrence is refused, so no reader can be confused).
std::string formatStepOutput(std::string_view key, std::string_view value, const DelimiterSource& delimiters);

// Appends every output to the file at `path` in one write. False with `error` set (a sentence
// fragment naming the file) when a name is not an output name or the file cannot be written.
bool appendStepOutputs(const std::string& path, const StepOutputs& outputs, const DelimiterSource& delimiters,
                       std::string& error);

}  // namespace releasedesk
