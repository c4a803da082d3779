// Reading one JSON document of outside input (a file the user named, a cache on disk, GitHub's
// answer): the whole input must be that document. nlohmann reports text after a complete document
// as a parse error ("expected end of input"), but it ends the input at a NUL byte without a word,
// so "{}\0junk" would read as "{}". Every reader of outside input parses through readJsonInput()
// so that both read as "not JSON: something follows the end of the document".
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace releasedesk {

enum class JsonInputProblem {
  None,
  TrailingData,    // a complete document followed by more than whitespace (another document, a NUL, junk)
  Syntax,          // malformed, cut off or not UTF-8
  NumberTooLarge,  // a number beyond double range ("1e400"), which nlohmann reports apart
};

// The phrase every reader uses for TrailingData, after "not JSON: ".
inline constexpr std::string_view kJsonTrailingData = "something follows the end of the document";

template <typename BasicJson>
struct JsonInput {
  // The document; a discarded value unless problem is None.
  BasicJson document = BasicJson(BasicJson::value_t::discarded);
  JsonInputProblem problem = JsonInputProblem::None;
  // What went wrong, for "not JSON: <error>": kJsonTrailingData, or nlohmann's sentence without
  // its "[json.exception.parse_error.101] " tag. Empty when problem is None.
  std::string error;
  // For Syntax and TrailingData: nlohmann's byte position of the problem (1-based).
  std::size_t byte = 0;

  bool ok() const { return problem == JsonInputProblem::None; }
};

namespace json_input_detail {
inline std::string withoutTag(std::string_view what) {
  if (const auto tag = what.find("] "); what.starts_with("[json.exception.") && tag != std::string_view::npos)
    what.remove_prefix(tag + 2);
  return std::string(what);
}
}  // namespace json_input_detail

// Parses `bytes` as exactly one JSON document. `callback` is nlohmann's parser callback (depth or
// structure guards); what it throws passes through to the caller. Never throws otherwise.
template <typename BasicJson>
JsonInput<BasicJson> readJsonInput(std::string_view bytes, typename BasicJson::parser_callback_t callback = nullptr) {
  JsonInput<BasicJson> input;
  try {
    input.document = BasicJson::parse(bytes.begin(), bytes.end(), callback);
  } catch (const typename BasicJson::parse_error& e) {
    input.byte = e.byte;
    // Only the check after a complete document expects the end of input; a cut-off document
    // says "unexpected end of input; expected ...", which the leading "; " keeps apart.
    if (std::string_view(e.what()).find("; expected end of input") != std::string_view::npos) {
      input.problem = JsonInputProblem::TrailingData;
      input.error = kJsonTrailingData;
    } else {
      input.problem = JsonInputProblem::Syntax;
      input.error = json_input_detail::withoutTag(e.what());
    }
    input.document = BasicJson(BasicJson::value_t::discarded);
    return input;
  } catch (const typename BasicJson::out_of_range& e) {
    input.problem = JsonInputProblem::NumberTooLarge;
    input.error = json_input_detail::withoutTag(e.what());
    input.document = BasicJson(BasicJson::value_t::discarded);
    return input;
  }
  // A NUL inside a string is a syntax error and one before the document's end cuts it short (also
  // a syntax error), so a NUL in input that parsed comes after the document.
  if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
    input.problem = JsonInputProblem::TrailingData;
    input.error = kJsonTrailingData;
    input.byte = nul + 1;
    input.document = BasicJson(BasicJson::value_t::discarded);
  }
  return input;
}

}  // namespace releasedesk
