// Writes every GraphQL document the client can send, and a request body of each operation, into a
// folder for validate.mjs (tests/graphql): the documents as <name>.graphql, the bodies exactly as
// the client POSTs them as <name>.request.json.
//
//   write_graphql_documents <folder>
#include "core/github/github_graphql.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

bool write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    return false;
  }
  return true;
}

std::string sha(std::size_t i) {
  std::string text = std::to_string(i);
  return std::string(40 - text.size(), 'a') + text;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_graphql_documents <folder>\n";
    return 2;
  }
  using namespace releasedesk;
  const std::filesystem::path folder = argv[1];
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    std::cerr << "cannot create " << folder << ": " << error.message() << "\n";
    return 1;
  }
  const RepoRef repo{"contoso", "shop"};
  std::vector<std::string> shas;
  for (std::size_t i = 0; i < kGraphQLBatchSize; ++i) shas.push_back(sha(i));
  // Node ids as REST lists carry them: runs, deployments.
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kGraphQLBatchSize / 2; ++i) {
    ids.push_back("WFR_kwLOA" + std::to_string(i));
    ids.push_back("DE_kwDOA" + std::to_string(i));
  }
  const bool ok = write(folder / "TimelineNodes.graphql", timelineNodesDocument()) &&
                  write(folder / "CommitTimes-1.graphql", commitTimesDocument(1)) &&
                  write(folder / "CommitTimes-100.graphql", commitTimesDocument(kGraphQLBatchSize)) &&
                  write(folder / "RateLimit.graphql", rateLimitDocument()) &&
                  write(folder / "TimelineNodes-1.request.json", timelineNodesRequest({ids.front()})) &&
                  write(folder / "TimelineNodes-100.request.json", timelineNodesRequest(ids)) &&
                  write(folder / "CommitTimes-1.request.json", commitTimesRequest(repo, {shas.front()})) &&
                  write(folder / "CommitTimes-100.request.json", commitTimesRequest(repo, shas)) &&
                  write(folder / "RateLimit.request.json", rateLimitRequest());
  return ok ? 0 : 1;
}
