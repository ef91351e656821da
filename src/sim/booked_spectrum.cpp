#include "sim/booked_spectrum.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "spectrum/grid.h"

namespace lightmesh::sim {

namespace {

// Adds the runs of set entries of `used` as blocks of `link`.
void add_runs(const std::vector<char>& used, std::uint32_t link, BookedSpectrum& out) {
  const auto n = static_cast<std::uint32_t>(used.size());
  for (std::uint32_t i = 0; i < n;) {
    if (!used[i]) {
      ++i;
      continue;
    }
    std::uint32_t j = i;
    while (j < n && used[j]) ++j;
    out.blocks.push_back({link, i, j - i});
    out.link_slots += j - i;
    i = j;
  }
}

}  // namespace

Result<BookedSpectrum> book_controller_spectrum(const fabric::Fabric& fabric,
                                                const Network& simulated,
                                                const SimSpectrumLayout& layout) {
  const Network& live = fabric.network();
  const spectrum::SpectrumState& state = fabric.planner().spectrum();
  const spectrum::Grid& grid = state.grid();
  BookedSpectrum out;
  out.services = fabric.size();
  const std::vector<std::string> cut = fabric.failed_fibers();
  const std::set<std::string> cut_set(cut.begin(), cut.end());

  // Services per live fibre, for the warning about removed ones.
  std::vector<std::size_t> services_on(live.fibers().size(), 0);
  for (const fabric::Service* s : fabric.list("", "", fabric.size())) {
    std::set<FiberIndex> fibers;
    for (const auto& lp : s->lightpaths)
      for (FiberIndex f : lp.path.fibers) fibers.insert(f);
    for (FiberIndex f : fibers) ++services_on[f];
  }

  // Grid slot j of the live network lies [offset + j × 6.25, offset + (j+1) × 6.25) GHz above the
  // simulated band's lower edge.
  const double offset_ghz = (grid.first_thz - layout.first_thz) * 1000.0;
  constexpr double kEps = 1e-6;  // GHz: edges that meet are not an overlap
  std::vector<char> used_ab(layout.slots), used_ba(layout.slots);
  for (FiberIndex lf = 0; lf < live.fibers().size(); ++lf) {
    const std::string& id = live.fiber(lf).id;
    const FiberIndex sf = simulated.find_fiber(id);
    const bool is_cut = cut_set.count(id) > 0;
    if (sf == kNoIndex) {
      if (services_on[lf] > 0 || is_cut)
        out.warnings.push_back("fibre " + id + " is removed: the " +
                               std::to_string(services_on[lf]) +
                               " service(s) over it keep their spectrum on their other fibres");
      continue;
    }
    // The fabric's spectrum has a link per direction (spectrum::link_index); so does a directed
    // simulation, whose link 2f runs from the fibre's a to its b as the fabric's forward one.
    // An undirected simulated link holds the union of both.
    std::fill(used_ab.begin(), used_ab.end(), 0);
    std::fill(used_ba.begin(), used_ba.end(), 0);
    if (is_cut) {
      // A cut fibre carries nothing new until it is repaired.
      std::fill(used_ab.begin(), used_ab.end(), 1);
      std::fill(used_ba.begin(), used_ba.end(), 1);
      ++out.cut_fibers;
    }
    for (bool reverse : {false, true}) {
      if (is_cut) break;
      const spectrum::SlotMap& map = state.link(spectrum::link_index(lf, reverse));
      std::vector<char>& used = reverse ? used_ba : used_ab;
      for (std::uint32_t j = map.next_occupied(0); j < map.size(); j = map.next_occupied(j + 1)) {
        const double lo = offset_ghz + j * spectrum::Grid::kSlotGhz;
        const double hi = lo + spectrum::Grid::kSlotGhz;
        const double first = std::floor((lo + kEps) / layout.slot_ghz);
        const double last = std::ceil((hi - kEps) / layout.slot_ghz) - 1;  // inclusive
        if (first < 0 || last >= layout.slots)
          return Error::invalid("the controller holds spectrum at " +
                                spectrum::readable(grid, {j, 1}) + " on fibre " + id +
                                fmt::format(", outside the simulated {} slots of {:g} GHz",
                                            layout.slots, layout.slot_ghz) +
                                " (drop --slots to simulate the network's own band)");
        for (auto s = static_cast<std::uint32_t>(first); s <= static_cast<std::uint32_t>(last); ++s)
          used[s] = 1;
      }
    }
    if (layout.directed) {
      add_runs(used_ab, 2 * sf, out);
      add_runs(used_ba, 2 * sf + 1, out);
    } else {
      for (std::size_t i = 0; i < used_ab.size(); ++i) used_ab[i] |= used_ba[i];
      add_runs(used_ab, sf, out);
    }
  }
  std::sort(out.blocks.begin(), out.blocks.end(), [](const BookedBlock& x, const BookedBlock& y) {
    return x.link != y.link ? x.link < y.link : x.start < y.start;
  });
  return out;
}

}  // namespace lightmesh::sim
