// PairSampler: draws the ordered site pair of each request, uniformly or by a traffic matrix.
//
//   PairSampler uniform = PairSampler::uniform(14);            // 182 ordered pairs
//   std::uint32_t pair = uniform.draw(rng);                      // s × 14 + d, s ≠ d
//
// Immutable once built; thread-safe to read (the stream is the caller's).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "sim/random.h"

namespace lightmesh::sim {

class PairSampler {
 public:
  // Every ordered pair of distinct sites with the same probability.
  static PairSampler uniform(std::uint32_t sites);
  // Pair s × sites + d with probability weight / total; weights ≥ 0, at least one positive, the
  // diagonal ignored. Errors when no off-diagonal weight is positive.
  static Result<PairSampler> weighted(std::uint32_t sites, const std::vector<double>& weights);

  std::uint32_t draw(RandomStream& rng) const {
    if (cumulative_.empty()) {
      // Two draws rather than one over n(n − 1) pairs: no integer division on the hot path.
      const std::uint32_t s = rng.below(sites_);
      std::uint32_t d = rng.below(sites_ - 1);
      if (d >= s) ++d;
      return s * sites_ + d;
    }
    const double u = (static_cast<double>(rng.next() >> 11)) * 0x1.0p-53 * cumulative_.back();
    std::size_t lo = 0, hi = cumulative_.size() - 1;  // first entry > u
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (cumulative_[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return pairs_[lo];
  }
  std::uint32_t sites() const { return sites_; }

 private:
  std::uint32_t sites_ = 0;
  std::vector<double> cumulative_;  // empty when uniform
  std::vector<std::uint32_t> pairs_;
};

// Reads a traffic matrix CSV "src,dst,weight" (a header line naming those columns is allowed) into
// sites² weights. Errors name the file and the line: a site the network lacks, a weight that is
// not a non-negative number, src = dst, or no positive weight.
Result<std::vector<double>> read_traffic_csv(const std::string& path, const Network& net);
Result<std::vector<double>> parse_traffic_csv(std::string_view text, std::string_view file,
                                              const Network& net);

}  // namespace lightmesh::sim
