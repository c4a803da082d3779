// libFuzzer target: the scan of a workflow file for vars.NAME and secrets.NAME (libyaml).
#include "core/environment/workflow_references.h"
#include "tests/fuzz/fuzz_support.h"

#include <cstddef>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const auto yaml = fuzz::bytesOf(data, size);
  const WorkflowReferences refs = scanWorkflowReferences(yaml, ".github/workflows/production-stage.yml");
  // Lines as YAML counts them (libyaml's marks): a line feed, a carriage return, or the two together.
  int lines = 1;
  for (std::size_t i = 0; i < yaml.size(); ++i) {
    if (yaml[i] == '\n' || (yaml[i] == '\r' && (i + 1 == yaml.size() || yaml[i + 1] != '\n'))) ++lines;
  }
  for (const WorkflowReference& ref : refs.references) {
    fuzz::require(!ref.name.empty(), "a reference names something");
    fuzz::require(ref.line >= 1 && ref.line <= lines + 1, "a reference is on a line of the file");
    fuzz::require(!refs.linesOf(ref.kind, ref.name).empty(), "a reference's lines are found");
  }
  if (refs.parseError) fuzz::require(!refs.parseError->empty(), "a parse error is a sentence");
  return 0;
}
