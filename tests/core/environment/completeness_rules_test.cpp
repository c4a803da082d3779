// The rules of the completeness report on hand-built snapshots: profiles, README parameters,
// empty values, group rules, precedence, the workflow scan and the non-commit guard.
#include "core/environment/committed_values.h"
#include "core/environment/completeness_report.h"
#include "resources/embedded_resources.h"
#include "tests/core/support/temp_folder.h"

#include <gtest/gtest.h>

namespace releasedesk {
namespace {

Variable var(std::string name, std::string value) {
  return {std::move(name), std::move(value), std::nullopt, std::nullopt};
}

// A snapshot where every level is readable and empty.
EnvironmentSnapshot emptySnapshot() {
  EnvironmentSnapshot snapshot;
  for (auto& level : snapshot.variables) level.items.emplace();
  for (auto& level : snapshot.secrets) level.items.emplace();
  return snapshot;
}

std::vector<Variable>& level(EnvironmentSnapshot& s, ConfigLevel l) {
  return *s.variables[static_cast<std::size_t>(l)].items;
}

const CompletenessItem& item(const CompletenessReport& report, std::string_view name) {
  const CompletenessItem* found = report.find(name, ConfigKind::Variable);
  if (!found) throw std::runtime_error("no item " + std::string(name));
  return *found;
}

bool mentions(const CompletenessItem& item, std::string_view phrase, Severity severity) {
  return std::any_of(item.messages.begin(), item.messages.end(), [&](const ItemMessage& m) {
    return m.severity == severity && m.text.find(phrase) != std::string::npos;
  });
}

// A snapshot that satisfies the whole default profile at environment level.
EnvironmentSnapshot completeSnapshot() {
  EnvironmentSnapshot s = emptySnapshot();
  level(s, ConfigLevel::Environment) = {var("AZURE_TENANT_ID", "3f8c2a71-6d4e-4b9a-9c1e-5a2b7d0e4f19"),
                                        var("AZURE_SUBSCRIPTION_ID", "9a1b2c3d-1111-2222-3333-444455556666"),
                                        var("AZURE_RESOURCE_GROUP", "rg-shop-prod"),
                                        var("ACA_API_APP_NAME", "ca-shop-api"),
                                        var("ACA_WEB_APP_NAME", "ca-shop-web"),
                                        var("ACA_MIGRATE_JOB_NAME", "caj-shop-migrate"),
                                        var("ACR_NAME", "contosoprod")};
  for (const char* name : {"AZURE_DEPLOY_CLIENT_ID", "AZURE_IDENTITY_CLIENT_ID", "POSTGRES_ADMIN_PASSWORD"})
    s.secrets[0].items->push_back({name, std::nullopt, std::nullopt});
  return s;
}

TEST(RequirementProfile, DefaultIsTheRunbooksList) {
  const RequirementProfile& profile = defaultRequirementProfile();
  int requiredVariables = 0, optionalVariables = 0, requiredSecrets = 0;
  for (const Requirement& r : profile.requirements) {
    if (r.kind == ConfigKind::Secret)
      requiredSecrets += r.required;
    else
      (r.required ? requiredVariables : optionalVariables)++;
  }
  EXPECT_EQ(requiredVariables, 7);
  EXPECT_EQ(optionalVariables, 5);
  EXPECT_EQ(requiredSecrets, 3);
  EXPECT_EQ(profile.find("AZURE_TENANT_ID", ConfigKind::Variable)->format.format, ValueFormat::Guid);
  EXPECT_EQ(profile.customDomains.size(), 2u);
  EXPECT_EQ(profile.infraReadmePath, "infra/azure/README.md");
  EXPECT_EQ(profile.workflowPath, ".github/workflows/production-stage.yml");
}

TEST(RequirementProfile, FileExtendsAndOverridesTheDefault) {
  const auto parsed = parseRequirementProfile(
      R"({"variables": [{"name": "ACR_NAME", "required": false}, {"name": "EXTRA_VAR", "format": "host-name"}],
          "nonCommitGuard": {"minimumLength": 12}})",
      defaultRequirementProfile(), "profile.json");
  ASSERT_TRUE(parsed.profile) << parsed.errors.front();
  EXPECT_FALSE(parsed.profile->find("ACR_NAME", ConfigKind::Variable)->required);
  EXPECT_TRUE(parsed.profile->find("EXTRA_VAR", ConfigKind::Variable)->required);
  EXPECT_EQ(parsed.profile->find("EXTRA_VAR", ConfigKind::Variable)->origin, "profile.json");
  EXPECT_TRUE(parsed.profile->find("AZURE_TENANT_ID", ConfigKind::Variable));
  EXPECT_EQ(parsed.profile->nonCommitGuard.minimumLength, 12u);
}

TEST(RequirementProfile, ExtendsNoneStartsEmpty) {
  const auto parsed = parseRequirementProfile(R"({"extends": "none", "secrets": [{"name": "ONLY"}]})",
                                              defaultRequirementProfile(), "p.json");
  ASSERT_TRUE(parsed.profile);
  ASSERT_EQ(parsed.profile->requirements.size(), 1u);
  EXPECT_EQ(parsed.profile->requirements[0].kind, ConfigKind::Secret);
}

TEST(RequirementProfile, ErrorsNameTheField) {
  const auto parsed = parseRequirementProfile(
      R"({"variables": [{"name": "A", "format": "uuid"}], "secrets": [{"name": "S", "format": "guid"}]})",
      defaultRequirementProfile(), "p.json");
  EXPECT_FALSE(parsed.profile);
  ASSERT_EQ(parsed.errors.size(), 2u);
  EXPECT_NE(parsed.errors[0].find("variables[0].format"), std::string::npos);
  EXPECT_NE(parsed.errors[1].find("secrets[0].format"), std::string::npos);
  EXPECT_FALSE(parseRequirementProfile("[1,2]", {}, "p.json").profile);
}

TEST(RequirementProfile, InfraReadmeTableAndListRows) {
  const std::string readme =
      "# Infra\n\n## Infra parameter variables\n\n| Variable | Used for |\n| --- | --- |\n"
      "| `AZURE_LOCATION` | Region. |\n| `lower_case` | ignored |\n- `KEY_VAULT_NAME`: the vault\n"
      "\n### Details\n| `NESTED_NAME` | still inside |\n## Secrets\n- `NOT_A_PARAMETER`: secret\n";
  const auto parameters = parseInfraParameters(readme, "Infra parameter variables", "infra/azure/README.md");
  ASSERT_EQ(parameters.size(), 3u);
  EXPECT_EQ(parameters[0].name, "AZURE_LOCATION");
  EXPECT_EQ(parameters[0].description, "Region.");
  EXPECT_EQ(parameters[1].name, "KEY_VAULT_NAME");
  EXPECT_EQ(parameters[2].name, "NESTED_NAME");
}

TEST(RequirementProfile, InfraReadmeHeadingOfHashesAloneIsAHeading) {
  // A line of only '#' once threw std::out_of_range out of the parser.
  const std::string readme =
      "## Infra parameter variables\n- `A_NAME`: one\n###\n- `B_NAME`: two\n##\n- `C_NAME`: out\n";
  const auto parameters = parseInfraParameters(readme, "Infra parameter variables", "README");
  ASSERT_EQ(parameters.size(), 2u);
  EXPECT_EQ(parameters[0].name, "A_NAME");
  EXPECT_EQ(parameters[1].name, "B_NAME");
  EXPECT_TRUE(parseInfraParameters("#\n###", "", "README").empty());
}

TEST(RequirementProfile, SandboxReadmeListsFiveParameters) {
  std::string readme;
  for (const auto& file : resources::sandboxFiles()) {
    if (file.path == "infra/azure/README.md") readme = file.bytes;
  }
  const auto parameters = parseInfraParameters(readme, "Infra parameter variables", "README");
  std::vector<std::string> names;
  for (const auto& p : parameters) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"AZURE_LOCATION", "ACA_ENVIRONMENT_NAME", "LOG_ANALYTICS_WORKSPACE_NAME",
                                             "POSTGRES_SERVER_NAME", "KEY_VAULT_NAME"}));
}

TEST(Completeness, CompleteWhenEverythingRequiredIsWellFormed) {
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), completeSnapshot());
  EXPECT_TRUE(report.complete()) << completenessMarkdown(report);
  EXPECT_EQ(report.summary(), "10 of 10 ready");
}

TEST(Completeness, EmptyValueCountsAsMissing) {
  EnvironmentSnapshot s = completeSnapshot();
  level(s, ConfigLevel::Environment)[2].value = "";
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), s);
  EXPECT_EQ(item(report, "AZURE_RESOURCE_GROUP").status, ItemStatus::Missing);
  EXPECT_TRUE(mentions(item(report, "AZURE_RESOURCE_GROUP"), "empty", Severity::Error));
  EXPECT_FALSE(report.complete());
}

TEST(Completeness, OrganizationLevelSatisfiesButIsShownAsInherited) {
  EnvironmentSnapshot s = completeSnapshot();
  auto& env = level(s, ConfigLevel::Environment);
  env.erase(env.begin());  // AZURE_TENANT_ID
  level(s, ConfigLevel::Organization).push_back(var("AZURE_TENANT_ID", "3f8c2a71-6d4e-4b9a-9c1e-5a2b7d0e4f19"));
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), s);
  EXPECT_EQ(item(report, "AZURE_TENANT_ID").source, ConfigLevel::Organization);
  EXPECT_TRUE(item(report, "AZURE_TENANT_ID").inherited());
  EXPECT_TRUE(report.complete());
}

TEST(Completeness, EnvironmentShadowsRepositoryAndOrganization) {
  EnvironmentSnapshot s = completeSnapshot();
  level(s, ConfigLevel::Repository).push_back(var("ACR_NAME", "contosodev"));
  level(s, ConfigLevel::Organization).push_back(var("ACR_NAME", "contosoorg"));
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), s);
  const CompletenessItem& acr = item(report, "ACR_NAME");
  EXPECT_EQ(acr.value, "contosoprod");
  ASSERT_EQ(acr.shadowed.size(), 2u);
  EXPECT_EQ(acr.shadowed[0].value, "contosodev");
  EXPECT_EQ(acr.shadowed[1].level, ConfigLevel::Organization);
  EXPECT_TRUE(mentions(acr, "Overrides the repository level's variable \"contosodev\"", Severity::Info));
}

TEST(Completeness, UnreadableHigherLevelMakesALowerFindUnknown) {
  EnvironmentSnapshot s = completeSnapshot();
  s.variables[0] = LevelRead<Variable>::unreadable(403, "forbidden");
  level(s, ConfigLevel::Repository).push_back(var("ACR_NAME", "contosoprod"));
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), s);
  EXPECT_EQ(item(report, "ACR_NAME").status, ItemStatus::Unknown);
  EXPECT_TRUE(mentions(item(report, "ACR_NAME"), "may override", Severity::Error));
  EXPECT_EQ(item(report, "AZURE_TENANT_ID").status, ItemStatus::Unknown);
  EXPECT_FALSE(report.complete());
}

TEST(Completeness, CustomDomainGroupRules) {
  EnvironmentSnapshot s = completeSnapshot();
  auto& env = level(s, ConfigLevel::Environment);
  env.push_back(var("ACA_API_CUSTOM_DOMAIN", "api.shop.contoso.com"));            // no certificate, no method
  env.push_back(var("ACA_WEB_MANAGED_CERTIFICATE_NAME", "mc-shop-contoso-com"));  // no domain
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), s);
  EXPECT_TRUE(mentions(item(report, "ACA_API_MANAGED_CERTIFICATE_NAME"), "needed because ACA_API_CUSTOM_DOMAIN",
                       Severity::Error));
  EXPECT_TRUE(mentions(item(report, "ACA_CUSTOM_DOMAIN_VALIDATION_METHOD"), "CNAME, HTTP or TXT", Severity::Error));
  EXPECT_TRUE(
      mentions(item(report, "ACA_WEB_MANAGED_CERTIFICATE_NAME"), "the certificate is not used", Severity::Warning));
  EXPECT_FALSE(item(report, "ACA_WEB_MANAGED_CERTIFICATE_NAME").blocking());
  EXPECT_FALSE(report.complete());
  EXPECT_EQ(report.summary(), "10 of 12 ready");
}

TEST(Completeness, OptionalValueThatIsSetMustBeWellFormed) {
  EnvironmentSnapshot s = completeSnapshot();
  level(s, ConfigLevel::Environment).push_back(var("ACA_CUSTOM_DOMAIN_VALIDATION_METHOD", "dns"));
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), s);
  EXPECT_EQ(item(report, "ACA_CUSTOM_DOMAIN_VALIDATION_METHOD").status, ItemStatus::Invalid);
  EXPECT_FALSE(report.complete());
}

TEST(WorkflowScan, FindsUsesWithTheirLines) {
  const std::string yaml =
      "name: x\n"
      "# vars.IN_A_COMMENT is not a use\n"
      "on: push\n"
      "jobs:\n"
      "  deploy:\n"
      "    environment:\n"
      "      url: https://${{ vars.WEB_DOMAIN }}\n"
      "    steps:\n"
      "      - run: >-\n"
      "          az update --name \"${{ vars.APP }}\"\n"
      "          --group \"${{ vars.GROUP }}\" --token ${{ secrets.GITHUB_TOKEN }}\n"
      "        env:\n"
      "          A: ${{ secrets.DEPLOY_ID }}  # secrets.ALSO_COMMENT\n"
      "          B: ${{ vars['INDEXED'] }}\n"
      "      - if: vars.APP != ''\n"
      "        run: echo\n";
  const WorkflowReferences refs = scanWorkflowReferences(yaml, "w.yml");
  ASSERT_FALSE(refs.parseError) << *refs.parseError;
  std::vector<std::string> seen;
  for (const auto& r : refs.references)
    seen.push_back(std::string(toString(r.kind)) + " " + r.name + ":" + std::to_string(r.line));
  EXPECT_EQ(seen, (std::vector<std::string>{"variable WEB_DOMAIN:7", "variable APP:10", "variable GROUP:11",
                                            "secret DEPLOY_ID:13", "variable INDEXED:14", "variable APP:15"}));
  EXPECT_EQ(refs.linesOf(ConfigKind::Variable, "APP"), (std::vector<int>{10, 15}));
}

TEST(WorkflowScan, MalformedYamlIsAnErrorWithItsLine) {
  const WorkflowReferences refs = scanWorkflowReferences("jobs:\n  a: [unclosed\n  b: ${{ vars.X }}\n", "w.yml");
  ASSERT_TRUE(refs.parseError);
  EXPECT_TRUE(refs.parseError->starts_with("line ")) << *refs.parseError;
  // The uses after the error are still found, by a line scan.
  EXPECT_EQ(refs.linesOf(ConfigKind::Variable, "X"), (std::vector<int>{3}));
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), completeSnapshot(), &refs);
  EXPECT_FALSE(report.complete());
  ASSERT_FALSE(report.workflowFindings.empty());
  EXPECT_NE(report.workflowFindings[0].message.find("not valid YAML"), std::string::npos);
}

TEST(WorkflowScan, UnresolvedUseIsAnErrorAndUnusedRequiredIsInfo) {
  const WorkflowReferences refs = scanWorkflowReferences(
      "jobs:\n  a:\n    steps:\n      - run: echo ${{ vars.ACR_NAME }} ${{ vars.NOT_DEFINED }}\n"
      "      - run: echo ${{ vars.ACA_API_CUSTOM_DOMAIN }}\n",
      "w.yml");
  const CompletenessReport report = evaluateCompleteness(defaultRequirementProfile(), completeSnapshot(), &refs);
  ASSERT_EQ(report.workflowFindings.size(), 2u);
  EXPECT_EQ(report.workflowFindings[0].severity, Severity::Error);  // not in the profile
  EXPECT_EQ(report.workflowFindings[0].line, 4);
  EXPECT_NE(report.workflowFindings[0].message.find("w.yml line 4 uses vars.NOT_DEFINED"), std::string::npos);
  EXPECT_EQ(report.workflowFindings[1].severity, Severity::Warning);  // optional and unset: empty string
  EXPECT_EQ(item(report, "NOT_DEFINED").status, ItemStatus::Missing);
  EXPECT_TRUE(mentions(item(report, "AZURE_TENANT_ID"), "never uses it", Severity::Info));
  EXPECT_FALSE(mentions(item(report, "ACR_NAME"), "never uses it", Severity::Info));
  EXPECT_FALSE(report.complete());
}

TEST(NonCommitGuard, GuardedValuesSkipShortAndIgnoredOnes) {
  EnvironmentSnapshot s = completeSnapshot();
  level(s, ConfigLevel::Environment).push_back(var("ACA_CUSTOM_DOMAIN_VALIDATION_METHOD", "CNAME"));
  level(s, ConfigLevel::Repository).push_back(var("AZURE_LOCATION", "westeurope"));
  RequirementProfile profile = defaultRequirementProfile();
  addInfraParameters(profile, {Requirement{"AZURE_LOCATION", ConfigKind::Variable, true, {}, "", ""}});
  const CompletenessReport report = evaluateCompleteness(profile, s);
  const auto values = guardedValues(s, report, profile.nonCommitGuard);
  std::vector<std::string> names;
  for (const auto& v : values) names.push_back(v.name);
  EXPECT_NE(std::find(names.begin(), names.end(), "AZURE_SUBSCRIPTION_ID"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "AZURE_RESOURCE_GROUP"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "AZURE_LOCATION"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "ACA_CUSTOM_DOMAIN_VALIDATION_METHOD"), names.end());
}

TEST(NonCommitGuard, EmptyValueIsNotSearchedFor) {
  // An empty value once matched at every offset without advancing: the scan never ended.
  std::vector<CommittedValueHit> hits;
  EXPECT_TRUE(scanForCommittedValues({{"EMPTY", ""}, {"NAME", "kv-prod-1"}}, "a.tf", "x\nkv-prod-1\n", hits));
  EXPECT_EQ(hits, (std::vector<CommittedValueHit>{{"a.tf", 2, "NAME"}}));
}

TEST(NonCommitGuard, ReportsFileAndLineSkippingGitAndBinaries) {
  const std::vector<GuardedValue> values{{"AZURE_SUBSCRIPTION_ID", "9a1b2c3d-1111-2222-3333-444455556666"},
                                         {"AZURE_RESOURCE_GROUP", "rg-shop-prod"}};
  testing::TempFolder repo;
  repo.write("infra/main.bicepparam",
             "param a = 'x'\nparam rg = 'rg-shop-prod'\n\nsub: 9a1b2c3d-1111-2222-3333-444455556666 rg-shop-prod\n");
  repo.write("README.md", "nothing to see\n");
  repo.write(".git/config", "rg-shop-prod\n");
  repo.write("logo.png", std::string("\0PNG rg-shop-prod", 17));
  const RepositoryScan walked = scanRepository(repo.root(), values);
  EXPECT_EQ(walked.filesScanned, 2u);
  EXPECT_EQ(walked.binaryFilesSkipped, 1u);
  EXPECT_EQ(walked.hits, (std::vector<CommittedValueHit>{{"infra/main.bicepparam", 2, "AZURE_RESOURCE_GROUP"},
                                                         {"infra/main.bicepparam", 4, "AZURE_RESOURCE_GROUP"},
                                                         {"infra/main.bicepparam", 4, "AZURE_SUBSCRIPTION_ID"}}));
  // With a list of tracked files only those are read.
  const RepositoryScan listed = scanRepository(repo.root(), values, std::vector<std::string>{"README.md", "gone.txt"});
  EXPECT_EQ(listed.filesScanned, 1u);
  EXPECT_TRUE(listed.hits.empty());
}

}  // namespace
}  // namespace releasedesk
