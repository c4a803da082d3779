// readJsonInput: the whole input is one document; what follows it, a NUL included, is trailing
// data, told apart from a syntax error.
#include "core/io/json_input.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

JsonInputProblem problemOf(const std::string& bytes) {
  return readJsonInput<Json>(bytes).problem;
}

TEST(JsonInput, AWholeDocumentIsRead) {
  const auto input = readJsonInput<Json>(" {\"a\": [1, 2]}\r\n\t ");
  ASSERT_TRUE(input.ok()) << input.error;
  EXPECT_EQ(input.document["a"][1], 2);
  EXPECT_TRUE(input.error.empty());
}

TEST(JsonInput, AnythingAfterTheDocumentIsTrailingData) {
  for (const std::string& bytes :
       {std::string("{}\0junk", 7), std::string("{}\0", 3), std::string("{} {}"), std::string("[1][2]"),
        std::string("1 2"), std::string("{}x"), std::string("{}\xff")}) {
    const auto input = readJsonInput<Json>(bytes);
    EXPECT_EQ(input.problem, JsonInputProblem::TrailingData) << bytes;
    EXPECT_EQ(input.error, "something follows the end of the document");
    EXPECT_TRUE(input.document.is_discarded());
  }
}

TEST(JsonInput, ANulBeforeTheDocumentEndsIsASyntaxError) {
  EXPECT_EQ(problemOf(std::string("\0{}", 3)), JsonInputProblem::Syntax);
  EXPECT_EQ(problemOf(std::string("{\"a\":\0 1}", 9)), JsonInputProblem::Syntax);
  EXPECT_EQ(problemOf(std::string("{\"a\":\"x\0y\"}", 11)), JsonInputProblem::Syntax);
  const auto cut = readJsonInput<Json>("{\"a\":");
  EXPECT_EQ(cut.problem, JsonInputProblem::Syntax);
  EXPECT_EQ(cut.error.find("[json.exception"), std::string::npos) << cut.error;
  EXPECT_GT(cut.byte, 0u);
  EXPECT_EQ(problemOf(""), JsonInputProblem::Syntax);
}

TEST(JsonInput, ANumberBeyondDoubleRangeIsSaidApart) {
  const auto input = readJsonInput<Json>("{\"n\": 1e400}");
  EXPECT_EQ(input.problem, JsonInputProblem::NumberTooLarge);
  EXPECT_NE(input.error.find("number overflow"), std::string::npos) << input.error;
}

TEST(JsonInput, TheCallbacksExceptionsPassThrough) {
  const auto refuse = [](int, nlohmann::detail::parse_event_t, Json&) -> bool { throw std::length_error("deep"); };
  EXPECT_THROW(readJsonInput<Json>("[[1]]", refuse), std::length_error);
  const auto ordered = readJsonInput<nlohmann::ordered_json>("{\"b\":1,\"a\":2}");
  ASSERT_TRUE(ordered.ok());
  EXPECT_EQ(ordered.document.begin().key(), "b");
}

}  // namespace
}  // namespace releasedesk
