// StringTable: one shared copy of each short word a timeline repeats (job names, statuses, states).
#pragma once

#include <array>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace releasedesk {

// One copy of each short word the model repeats: job names (the runbook's five recur in every
// run), job and run statuses and conclusions, deployment states. 10,000 runs would otherwise hold
// 50,000 copies of each. Only ever grows and its strings never move, so the views into it stay
// valid; a timeline and its copies share one table. Not thread-safe: a build gives each thread
// its own table and absorbs the others into the timeline's.
class StringTable {
 public:
  std::string_view intern(std::string_view text);
  // Keeps `other`'s strings alive here, so views into them stay valid; later interns do not see
  // them (a word may then be held twice, which costs a few bytes and nothing else).
  void absorb(StringTable&& other);

 private:
  std::deque<std::string> strings_;
  std::vector<std::deque<std::string>> absorbed_;  // moving a deque keeps its strings in place
  std::unordered_set<std::string_view> index_;
  // The words just seen, by a cheap key (length and two characters): a model build interns
  // eighteen words per run, nearly all of them repeats, and a hit costs one comparison.
  std::array<std::string_view, 64> recent_{};
};

}  // namespace releasedesk
