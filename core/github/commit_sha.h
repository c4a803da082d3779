// Commit shas: recognising the 40-hex form and finding one in free text (run titles, artifact names).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace releasedesk {

// 40 lower-case hex digits: the form a candidate folder and a manifest's headSha must have.
bool isCommitSha(std::string_view text);
// 40 hex digits in either case: what GitHub and artifact names may carry before lowering.
bool isHexSha(std::string_view text);
// `sha` in lower case.
std::string lowerSha(std::string sha);

// A 40-hex sha inside `text` (lower case), if there is exactly such a word.
std::optional<std::string> findSha(std::string_view text);

}  // namespace releasedesk
