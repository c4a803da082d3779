#include "core/evidence/candidate_catalog.h"

#include <algorithm>

namespace releasedesk {

const CandidateEntry* CandidateCatalog::find(std::string_view sha) const {
  const auto it = std::find_if(candidates.begin(), candidates.end(), [&](const auto& c) { return c.sha == sha; });
  return it == candidates.end() ? nullptr : &*it;
}

}  // namespace releasedesk
