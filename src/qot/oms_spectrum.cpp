#include "qot/oms_spectrum.h"

#include <algorithm>
#include <limits>

#include "core/bounded.h"

namespace lightmesh::qot {

namespace {

constexpr double kGridHz = 6.25e9;
constexpr double kAnchorHz = 193.1e12;
constexpr double kGuardBandHz = 0.025e12;  // GNPy's DEFAULT_GUARDBAND
// GNPy's built-in default amplifier band (gnpy/core/parameters.py, DEFAULT_EDFA_CONFIG), used when
// the amplifier's configuration gives none.
constexpr Band kDefaultAmplifierBand{191.275e12, 196.125e12};

double n_to_frequency(int n) { return kAnchorHz + n * kGridHz; }

bool is_line_element(const physics::Element& e) {
  const auto k = e.kind();
  return k == physics::ElementKind::kFiber || k == physics::ElementKind::kEdfa ||
         k == physics::ElementKind::kFused;
}

}  // namespace

int frequency_to_n(double frequency_hz) {
  return saturate<int>((frequency_hz - kAnchorHz) / kGridHz);
}

std::optional<Band> common_band(std::span<const Band> bands, Band fallback) {
  if (bands.empty()) return fallback;
  Band b = bands.front();
  for (const Band& x : bands.subspan(1)) {
    b.f_min_hz = std::max(b.f_min_hz, x.f_min_hz);
    b.f_max_hz = std::min(b.f_max_hz, x.f_max_hz);
  }
  if (!(b.f_min_hz < b.f_max_hz)) return std::nullopt;
  return b;
}

Band amplifier_band(const physics::Element& amp, const Equipment& eq) {
  if (const EdfaType* t = eq.find_edfa(amp.type_variety)) {
    if (t->config.f_max_hz > t->config.f_min_hz) return {t->config.f_min_hz, t->config.f_max_hz};
  }
  return kDefaultAmplifierBand;
}

OmsSpectrum::OmsSpectrum(const physics::ElementNetwork& net, const Equipment& eq)
    : oms_of_element_(net.size(), -1) {
  using physics::ElementKind;
  // The bitmap spans every amplifier band of the network (GNPy's find_network_freq_range); a
  // network without amplifiers falls back to the reference channel's range.
  double f_min = std::numeric_limits<double>::infinity();
  double f_max = -f_min;
  for (const physics::Element& e : net.elements()) {
    if (e.kind() != ElementKind::kEdfa) continue;
    const Band b = amplifier_band(e, eq);
    f_min = std::min(f_min, b.f_min_hz);
    f_max = std::max(f_max, b.f_max_hz);
  }
  const SpectralInformation& si = eq.reference_channel();
  if (!(f_min < f_max)) {
    f_min = si.f_min_hz;
    f_max = si.f_max_hz;
  }
  n_min_ = frequency_to_n(f_min);
  n_max_ = frequency_to_n(f_max);
  index_min_ = frequency_to_n(n_to_frequency(n_min_) + kGuardBandHz);
  index_max_ = frequency_to_n(n_to_frequency(n_max_) - kGuardBandHz);
  const std::size_t width = static_cast<std::size_t>(std::max(0, n_max_ - n_min_ + 1));

  // OMS vertices: ROADMs, and transceivers connected straight to a line (no ROADM).
  std::vector<ElementIndex> vertices;
  for (ElementIndex i = 0; i < net.size(); ++i)
    if (net.at(i).kind() == ElementKind::kRoadm) vertices.push_back(i);
  for (ElementIndex i = 0; i < net.size(); ++i) {
    if (net.at(i).kind() != ElementKind::kTransceiver || net.successors(i).empty()) continue;
    if (net.at(net.successors(i).front()).kind() != ElementKind::kRoadm) vertices.push_back(i);
  }
  for (ElementIndex v : vertices) {
    for (ElementIndex first : net.successors(v)) {
      if (net.at(first).kind() == ElementKind::kTransceiver) continue;
      Oms oms;
      oms.elements.push_back(v);
      ElementIndex prev = v;
      ElementIndex cur = first;
      std::vector<char> seen(net.size(), 0);
      while (is_line_element(net.at(cur)) && !seen[cur]) {
        seen[cur] = 1;
        oms.elements.push_back(cur);
        std::optional<ElementIndex> next;
        for (ElementIndex s : net.successors(cur)) {
          if (s != prev) {
            next = s;
            break;
          }
        }
        if (!next) break;
        prev = cur;
        cur = *next;
      }
      if (!is_line_element(net.at(cur))) oms.elements.push_back(cur);
      const auto id = static_cast<std::int32_t>(oms_.size());
      std::vector<Band> bands;
      for (ElementIndex e : oms.elements) {
        if (is_line_element(net.at(e)) && oms_of_element_[e] < 0) oms_of_element_[e] = id;
        if (net.at(e).kind() == ElementKind::kEdfa) bands.push_back(amplifier_band(net.at(e), eq));
      }
      std::vector<std::uint8_t> bits(width, kUnusable);
      if (auto band = common_band(bands, {si.f_min_hz, si.f_max_hz})) {
        const int lo = frequency_to_n(band->f_min_hz);
        const int hi = frequency_to_n(band->f_max_hz);
        for (int n = std::max(lo, n_min_); n <= std::min(hi, n_max_); ++n) bits[n - n_min_] = kFree;
      }
      bitmap_.push_back(std::move(bits));
      oms_.push_back(std::move(oms));
    }
  }
  // The reverse OMS joins the same two end points the other way (GNPy's reversed_oms: the first
  // match, so parallel OMSes are not told apart).
  for (std::size_t a = 0; a < oms_.size(); ++a) {
    for (std::size_t b = 0; b < oms_.size(); ++b) {
      if (oms_[a].elements.front() == oms_[b].elements.back() &&
          oms_[a].elements.back() == oms_[b].elements.front()) {
        oms_[a].reversed = static_cast<std::uint32_t>(b);
        break;
      }
    }
  }
}

std::optional<std::uint32_t> OmsSpectrum::oms_of(ElementIndex e) const {
  if (e >= oms_of_element_.size() || oms_of_element_[e] < 0) return std::nullopt;
  return static_cast<std::uint32_t>(oms_of_element_[e]);
}

std::vector<std::uint32_t> OmsSpectrum::oms_of_path(std::span<const ElementIndex> path,
                                                    std::span<const ElementIndex> reverse) const {
  std::vector<std::uint32_t> out;
  for (auto span : {path, reverse}) {
    for (ElementIndex e : span) {
      if (auto o = oms_of(e); o && std::find(out.begin(), out.end(), *o) == out.end())
        out.push_back(*o);
    }
  }
  return out;
}

std::vector<std::uint8_t> OmsSpectrum::aggregate(std::span<const std::uint32_t> oms_ids) const {
  std::vector<std::uint8_t> bits(static_cast<std::size_t>(std::max(0, n_max_ - n_min_ + 1)), kFree);
  for (std::uint32_t id : oms_ids) {
    const auto& b = bitmap_[id];
    for (std::size_t i = 0; i < bits.size(); ++i)
      if (b[i] != kFree) bits[i] = kOccupied;
  }
  return bits;
}

std::optional<int> OmsSpectrum::first_fit(const std::vector<std::uint8_t>& bits, int m) const {
  const int size = static_cast<int>(bits.size());
  int run = 0;  // free slots ending at i
  for (int i = 0; i < size; ++i) {
    run = bits[i] == kFree ? run + 1 : 0;
    const int start = i - 2 * m + 1;
    if (start < 0 || run < 2 * m) continue;
    if (n_min_ + start >= index_min_ && n_min_ + i <= index_max_) return n_min_ + start + m;
  }
  return std::nullopt;
}

int OmsSpectrum::available_around(const std::vector<std::uint8_t>& bits, int n, int required_m,
                                  int step) const {
  const int center = n - n_min_;
  const int size = static_cast<int>(bits.size());
  if (step <= 0 || center < 0 || center >= size) return 0;
  int i = step;
  while (i <= required_m) {
    if (center - i < 0 || center + i > size) break;
    bool free = true;
    for (int k = center - i; k < center + i && free; ++k) free = bits[k] == kFree;
    if (!free || n - i < index_min_ || n + i - 1 > index_max_) break;
    i += step;
  }
  return i - step;
}

void OmsSpectrum::occupy(std::vector<std::uint8_t>& bits, int n_min, int n, int m) {
  for (int k = n - m; k <= n + m - 1; ++k) {
    const int i = k - n_min;
    if (i >= 0 && i < static_cast<int>(bits.size())) bits[i] = kOccupied;
  }
}

SlotAssignment OmsSpectrum::assign(std::span<const std::uint32_t> oms_ids, int required_m,
                                   int per_channel_m, std::span<const FreqSlot> requested) const {
  SlotAssignment out;
  if (oms_ids.empty()) return out;
  // GNPy's order_slots: pinned widths first, widest first (then by N, unset last), then the
  // slots without a width by N.
  struct Slot {
    std::optional<int> n, m;
    std::size_t order;
  };
  std::vector<Slot> slots;
  for (std::size_t i = 0; i < requested.size(); ++i)
    slots.push_back({requested[i].n, requested[i].m, i});
  if (slots.empty()) slots.push_back({std::nullopt, std::nullopt, 0});
  constexpr double kInf = std::numeric_limits<double>::infinity();
  auto key = [&](const Slot& s) {
    const double n = s.n ? *s.n : kInf;
    return s.m ? std::pair{-static_cast<double>(*s.m), n} : std::pair{kInf, n};
  };
  std::stable_sort(slots.begin(), slots.end(),
                   [&](const Slot& a, const Slot& b) { return key(a) < key(b); });

  std::vector<std::uint8_t> bits = aggregate(oms_ids);
  int remaining = required_m;
  std::vector<std::pair<std::size_t, std::pair<int, int>>> chosen;  // original order → (n, m)
  for (const Slot& s : slots) {
    int n = 0, m = 0;
    if (s.m && s.n) {
      if (available_around(bits, *s.n, *s.m, *s.m) == 0) break;
      n = *s.n;
      m = *s.m;
    } else if (s.m) {
      auto f = first_fit(bits, *s.m);
      if (!f) break;
      n = *f;
      m = *s.m;
    } else if (s.n) {
      if (remaining <= 0) break;
      m = available_around(bits, *s.n, remaining, per_channel_m);
      if (m == 0) break;
      n = *s.n;
    } else {
      if (remaining <= 0) break;
      auto f = first_fit(bits, remaining);
      if (!f) break;
      n = *f;
      m = remaining;
    }
    chosen.push_back({s.order, {n, m}});
    occupy(bits, n_min_, n, m);
    remaining -= m;
  }
  if (remaining > 0) return out;
  std::sort(chosen.begin(), chosen.end());
  out.ok = true;
  for (const auto& [order, nm] : chosen) {
    out.n.push_back(nm.first);
    out.m.push_back(nm.second);
  }
  return out;
}

void OmsSpectrum::book(std::span<const std::uint32_t> oms_ids, const SlotAssignment& a) {
  for (std::uint32_t id : oms_ids)
    for (std::size_t k = 0; k < a.n.size(); ++k) occupy(bitmap_[id], n_min_, a.n[k], a.m[k]);
}

}  // namespace lightmesh::qot
