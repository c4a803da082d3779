// Image references: how they are split, and every way one misses the ACR digest form.
#include "core/evidence/digest_ref.h"
#include "tests/core/support/manifests.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace releasedesk {
namespace {

const std::string kHex = testing::digestFor("digest-ref-test");

struct SplitCase {
  std::string ref;
  ImageRef expected;
};

void PrintTo(const SplitCase& c, std::ostream* out) {
  *out << '"' << c.ref << '"';
}

class SplitImageRef : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitImageRef, SplitsByTheDockerGrammar) {
  EXPECT_EQ(splitImageRef(GetParam().ref), GetParam().expected) << GetParam().ref;
}

INSTANTIATE_TEST_SUITE_P(
    Refs, SplitImageRef,
    ::testing::Values(SplitCase{"contosoprod.azurecr.io/shop/api@sha256:" + kHex,
                                {"contosoprod.azurecr.io", "shop/api", "", "sha256:" + kHex}},
                      SplitCase{"contosoprod.azurecr.io/shop/web:latest",
                                {"contosoprod.azurecr.io", "shop/web", "latest", ""}},
                      SplitCase{"contosoprod.azurecr.io/shop/web:v1@sha256:abc",
                                {"contosoprod.azurecr.io", "shop/web", "v1", "sha256:abc"}},
                      // A port belongs to the registry, not the tag.
                      SplitCase{"localhost:5000/api:v2", {"localhost:5000", "api", "v2", ""}},
                      SplitCase{"registry.example:5000/ns/repo", {"registry.example:5000", "ns/repo", "", ""}},
                      SplitCase{"localhost/api", {"localhost", "api", "", ""}},
                      SplitCase{"docker.io/library/nginx", {"docker.io", "library/nginx", "", ""}},
                      // Without a dot, colon or "localhost" the first component is part of the repository.
                      SplitCase{"library/nginx", {"", "library/nginx", "", ""}},
                      SplitCase{"nginx", {"", "nginx", "", ""}}, SplitCase{"nginx:1.25", {"", "nginx", "1.25", ""}},
                      SplitCase{"nginx@sha256:" + kHex, {"", "nginx", "", "sha256:" + kHex}},
                      SplitCase{"contosoprod.azurecr.io/@sha256:abc", {"contosoprod.azurecr.io", "", "", "sha256:abc"}},
                      SplitCase{"@sha256:abc", {"", "", "", "sha256:abc"}}, SplitCase{"", {"", "", "", ""}}),
    [](const ::testing::TestParamInfo<SplitCase>& info) { return "Case" + std::to_string(info.index); });

bool mentions(const std::vector<std::string>& problems, std::string_view part) {
  for (const std::string& p : problems) {
    if (p.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(DigestRefProblems, AValidAcrDigestRefHasNone) {
  EXPECT_TRUE(digestRefProblems("contosoprod.azurecr.io/shop/api@sha256:" + kHex, "The API image").empty());
  EXPECT_TRUE(digestRefProblems("contosoprod.azurecr.io/api@sha256:" + kHex, "The API image").empty());
  EXPECT_TRUE(digestRefProblems("contosoprod.azurecr.io/a.b/c_d/e-f@sha256:" + kHex, "The API image").empty());
}

TEST(DigestRefProblems, EveryProblemNamesTheImage) {
  const auto problems = digestRefProblems("docker.io/Library/nginx:latest", "The Web image");
  ASSERT_GE(problems.size(), 3u);
  for (const std::string& p : problems) EXPECT_EQ(p.rfind("The Web image", 0), 0u) << p;
}

TEST(DigestRefProblems, AcrNameLengthLimitsAreFiveToFifty) {
  const auto ref = [](std::string name) { return name + ".azurecr.io/shop/api@sha256:" + kHex; };
  EXPECT_TRUE(digestRefProblems(ref("abcde"), "x").empty());
  EXPECT_TRUE(digestRefProblems(ref(std::string(50, 'a')), "x").empty());
  EXPECT_TRUE(mentions(digestRefProblems(ref("abcd"), "x"), "not a valid ACR name"));
  EXPECT_TRUE(mentions(digestRefProblems(ref(std::string(51, 'a')), "x"), "not a valid ACR name"));
  EXPECT_TRUE(mentions(digestRefProblems(ref("contoso-prod"), "x"), "'contoso-prod' is not a valid ACR name"));
}

TEST(DigestRefProblems, TheAcrSuffixMustBeExact) {
  EXPECT_TRUE(
      mentions(digestRefProblems(".azurecr.io/shop/api@sha256:" + kHex, "x"), "not an Azure Container Registry"));
  EXPECT_TRUE(mentions(digestRefProblems("contoso.azurecr.io.evil.example/shop/api@sha256:" + kHex, "x"),
                       "not an Azure Container Registry"));
  EXPECT_TRUE(mentions(digestRefProblems("contosoprod.azurecr.io:443/shop/api@sha256:" + kHex, "x"),
                       "not an Azure Container Registry"));
}

TEST(DigestRefProblems, RepositoryMustBePresentAndLowercase) {
  EXPECT_TRUE(mentions(digestRefProblems("contosoprod.azurecr.io/@sha256:" + kHex, "x"), "names no repository"));
  EXPECT_TRUE(mentions(digestRefProblems("contosoprod.azurecr.io/Shop/API@sha256:" + kHex, "x"),
                       "repository 'Shop/API' is not a valid repository name"));
}

TEST(DigestRefProblems, ADigestWithoutAlgorithmIsNamed) {
  const auto problems = digestRefProblems("contosoprod.azurecr.io/shop/api@" + kHex, "x");
  EXPECT_TRUE(mentions(problems, "digest must start with 'sha256:'."));
  EXPECT_EQ(problems.size(), 1u);
}

TEST(DigestRefProblems, AnEmptyDigestAfterTheAtSignHasNoDigest) {
  EXPECT_TRUE(mentions(digestRefProblems("contosoprod.azurecr.io/shop/api@", "x"), "has no digest"));
}

TEST(DigestRefProblems, ATagIsNeverADigestRef) {
  for (const char* tag : {"latest", "v1", "1.2.3", "sha256"}) {
    const auto problems = digestRefProblems(std::string("contosoprod.azurecr.io/shop/api:") + tag, "x");
    EXPECT_TRUE(mentions(problems, std::string("is a tag (:") + tag + ")")) << tag;
  }
}

TEST(IsLowerHex, RequiresTheExactLengthAndLowercase) {
  EXPECT_TRUE(isLowerHex("0123456789abcdef", 16));
  EXPECT_FALSE(isLowerHex("0123456789ABCDEF", 16));
  EXPECT_FALSE(isLowerHex("0123456789abcdef", 15));
  EXPECT_FALSE(isLowerHex("0123456789abcdeg", 16));
  EXPECT_TRUE(isLowerHex("", 0));
}

}  // namespace
}  // namespace releasedesk
