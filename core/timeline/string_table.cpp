#include "core/timeline/string_table.h"

namespace releasedesk {

std::string_view StringTable::intern(std::string_view text) {
  const std::size_t key = text.empty() ? 0
                                       : (text.size() * 31 + static_cast<unsigned char>(text.front()) +
                                          static_cast<unsigned char>(text[text.size() / 2]) * 7) %
                                             recent_.size();
  std::string_view& recent = recent_[key];
  if (recent.data() != nullptr && recent == text) return recent;
  if (const auto it = index_.find(text); it != index_.end()) return recent = *it;
  return recent = *index_.insert(strings_.emplace_back(text)).first;
}

void StringTable::absorb(StringTable&& other) {
  absorbed_.push_back(std::move(other.strings_));
  for (std::deque<std::string>& strings : other.absorbed_) absorbed_.push_back(std::move(strings));
  other.strings_.clear();
  other.absorbed_.clear();
  other.index_.clear();
  other.recent_.fill({});
}

}  // namespace releasedesk
