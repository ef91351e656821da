#include "spectrum/policy.h"

#include <string>

namespace lightmesh::spectrum {

Result<Policy> parse_policy(std::string_view name) {
  if (name == "first-fit") return Policy::kFirstFit;
  if (name == "last-fit") return Policy::kLastFit;
  if (name == "best-fit") return Policy::kBestFit;
  if (name == "random-fit") return Policy::kRandomFit;
  return Error::invalid("unknown policy \"" + std::string(name) +
                        "\" (expected first-fit, last-fit, best-fit or random-fit)");
}

const char* policy_name(Policy p) {
  switch (p) {
    case Policy::kFirstFit:
      return "first-fit";
    case Policy::kLastFit:
      return "last-fit";
    case Policy::kBestFit:
      return "best-fit";
    case Policy::kRandomFit:
      return "random-fit";
  }
  return "first-fit";
}

namespace {

// Calls f(start, length) for each maximal run of free slots, in increasing order, until f returns
// true.
template <typename F>
void for_each_free_run(const SlotMap& m, F&& f) {
  std::uint32_t s = m.next_free(0);
  while (s < m.size()) {
    const std::uint32_t e = m.next_occupied(s);
    if (f(s, e - s)) return;
    s = m.next_free(e);
  }
}

}  // namespace

std::optional<SlotBlock> choose_block(const SlotMap& occupied, std::uint32_t count, Policy p,
                                      std::mt19937_64& rng) {
  if (count == 0 || count > occupied.size()) return std::nullopt;
  std::optional<SlotBlock> found;
  switch (p) {
    case Policy::kFirstFit:
      for_each_free_run(occupied, [&](std::uint32_t s, std::uint32_t len) {
        if (len >= count) found = SlotBlock{s, count};
        return found.has_value();
      });
      break;
    case Policy::kLastFit:
      for_each_free_run(occupied, [&](std::uint32_t s, std::uint32_t len) {
        if (len >= count) found = SlotBlock{s + len - count, count};
        return false;
      });
      break;
    case Policy::kBestFit: {
      std::uint32_t best_len = 0;
      for_each_free_run(occupied, [&](std::uint32_t s, std::uint32_t len) {
        if (len >= count && (!found || len < best_len)) {
          found = SlotBlock{s, count};
          best_len = len;
        }
        return best_len == count;  // an exact fit cannot be beaten
      });
      break;
    }
    case Policy::kRandomFit: {
      std::uint64_t starts = 0;
      for_each_free_run(occupied, [&](std::uint32_t, std::uint32_t len) {
        if (len >= count) starts += len - count + 1;
        return false;
      });
      if (starts == 0) break;
      std::uint64_t pick = std::uniform_int_distribution<std::uint64_t>(0, starts - 1)(rng);
      for_each_free_run(occupied, [&](std::uint32_t s, std::uint32_t len) {
        if (len < count) return false;
        const std::uint64_t here = len - count + 1;
        if (pick < here) {
          found = SlotBlock{s + static_cast<std::uint32_t>(pick), count};
          return true;
        }
        pick -= here;
        return false;
      });
      break;
    }
  }
  return found;
}

}  // namespace lightmesh::spectrum
