// Spectrum occupation per OMS (optical multiplex section: the line elements between two ROADMs),
// and GNPy's first-fit N/M assignment over the OMSes a request crosses.
//
//   OmsSpectrum spectrum(net, equipment);
//   SlotAssignment a = spectrum.assign(oms_ids, /*required_m=*/8, /*per_channel_m=*/4, slots);
//   if (a.ok) spectrum.book(oms_ids, a);   // the n/m lists as GNPy reports them
//
// The bitmap follows GNPy v2.12's conventions (gnpy.topology.spectrum_assignment): one bit per
// 6.25 GHz slot on the ITU grid n (193.1 THz + n × 6.25 GHz), spanning the lowest to the highest
// frequency of every amplifier band in the network; slots outside the common band of an OMS's
// amplifiers are unusable; a channel may not start closer than 25 GHz to the bitmap's edges; a
// channel of width M (× 12.5 GHz) centred on N takes slots N − M … N + M − 1. Not thread-safe
// (it is the run's booking state).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/equipment.h"
#include "physics/element_network.h"
#include "qot/service.h"

namespace lightmesh::qot {

using physics::ElementIndex;

struct Oms {
  std::vector<ElementIndex> elements;  // from the ROADM (or transceiver) to the next ROADM
  std::optional<std::uint32_t> reversed;
};

// The result of one request's first-fit: centres and widths in the request's slot order (GNPy
// drops the slots it did not need), or not ok when the spectrum is not free.
struct SlotAssignment {
  bool ok = false;
  std::vector<int> n;
  std::vector<int> m;
};

// GNPy's ITU index of a frequency: (f − 193.1 THz) / 6.25 GHz truncated toward zero.
int frequency_to_n(double frequency_hz);

// The common band of a set of amplifier bands (intersection), or `fallback` when there is none.
struct Band {
  double f_min_hz = 0;
  double f_max_hz = 0;
};
std::optional<Band> common_band(std::span<const Band> bands, Band fallback);
// An amplifier's band: its type's configuration range, else GNPy's default amplifier band.
Band amplifier_band(const physics::Element& amp, const Equipment& eq);

class OmsSpectrum {
 public:
  OmsSpectrum(const physics::ElementNetwork& net, const Equipment& eq);

  const std::vector<Oms>& oms() const { return oms_; }
  // The OMS a line element (fibre, amplifier, fused) belongs to.
  std::optional<std::uint32_t> oms_of(ElementIndex e) const;
  // The distinct OMSes crossed by the line elements of the paths, in first-seen order.
  std::vector<std::uint32_t> oms_of_path(std::span<const ElementIndex> path,
                                         std::span<const ElementIndex> reverse = {}) const;

  // First-fit for a request needing `required_m` slots of width (in 12.5 GHz units) in total,
  // `per_channel_m` per channel, honouring the slots the request pins (N and/or M given).
  SlotAssignment assign(std::span<const std::uint32_t> oms_ids, int required_m, int per_channel_m,
                        std::span<const FreqSlot> requested) const;
  void book(std::span<const std::uint32_t> oms_ids, const SlotAssignment& a);

  int n_min() const { return n_min_; }
  int n_max() const { return n_max_; }

 private:
  enum : std::uint8_t { kOccupied = 0, kFree = 1, kUnusable = 2 };
  // Free slots over the union of the OMSes (free only where every one is free).
  std::vector<std::uint8_t> aggregate(std::span<const std::uint32_t> oms_ids) const;
  std::optional<int> first_fit(const std::vector<std::uint8_t>& bits, int m) const;
  int available_around(const std::vector<std::uint8_t>& bits, int n, int required_m,
                       int step) const;
  static void occupy(std::vector<std::uint8_t>& bits, int n_min, int n, int m);

  std::vector<Oms> oms_;
  std::vector<std::int32_t> oms_of_element_;  // -1: not a line element of any OMS
  std::vector<std::vector<std::uint8_t>> bitmap_;
  int n_min_ = 0, n_max_ = 0;          // bitmap index range
  int index_min_ = 0, index_max_ = 0;  // usable range for channel edges (guard bands)
};

}  // namespace lightmesh::qot
