// A ROADM acting on the channels that cross it from one degree to another, as GNPy v2.12's
// Roadm.propagate computes it: the path's minimum loss (roadm-maxloss of the detailed
// impairments, 0 otherwise), then equalisation of every channel to the target of the egress degree
// (a power per channel, a power spectral density, or a power per slot width, each channel offset
// by its delta_pdb). A ROADM only attenuates: a channel already below its target keeps its power.
// It adds its PMD and PDL, and reports the add/drop OSNR that the receiver accounts for.
//
//   RoadmPathKind kind = roadm_path_kind(prev_is_transceiver, next_is_transceiver);
//   RoadmReport r = propagate_roadm(spectrum, element, *equipment.find_roadm("default"),
//                                   "east edfa in Lannion_CAS to Corlay", kind, {.pch_in_dbm =
//                                   -1});
//
// Plain functions over the element and its equipment type; safe on many threads at once, each on
// its own SpectralInfo.
#pragma once

#include <optional>
#include <string_view>

#include "model/equipment.h"
#include "physics/element_network.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {

using lightmesh::RoadmPathKind;
using lightmesh::RoadmTargetKind;

// One equalisation target: its form and value (dBm, mW/GHz, or mW per GHz of slot width).
struct RoadmTarget {
  RoadmTargetKind kind = RoadmTargetKind::kPowerPerChannelDbm;
  double value = 0;
};

// The target at the egress toward `degree_uid`: the element's per-degree override, else the
// element's own target, else its equipment type's.
RoadmTarget roadm_target(const RoadmElement& roadm, const RoadmType& type,
                         std::string_view degree_uid);

// The power (dBm) a target asks of a channel of this baud rate and slot width.
double roadm_target_power_dbm(const RoadmTarget& target, double baud_rate_hz, double slot_width_hz);

// GNPy's internal path types: from a transceiver is add, to a transceiver is drop, else express.
RoadmPathKind roadm_path_kind(bool from_transceiver, bool to_transceiver);

// The impairments of one internal path at one frequency. Without detailed path impairments the
// type's pmd and pdl apply, no minimum loss, and add and drop paths each get add_drop_osnr + 3 dB
// (so that an add and a drop together make add_drop_osnr, as GNPy assumes).
struct RoadmPathImpairmentAt {
  double maxloss_db = 0;
  double pmd_s = 0;
  double pdl_db = 0;
  std::optional<double> osnr_db;  // referred to 0.1 nm; none on an express path by default
};
RoadmPathImpairmentAt roadm_path_impairment(const RoadmType& type, RoadmPathKind kind,
                                            double frequency_hz);

// The reference channel GNPy's design follows through the ROADM (reports only).
struct RoadmReference {
  double pch_in_dbm = 0;
  double baud_rate_hz = 32e9;
  double slot_width_hz = 50e9;
};

struct RoadmReport {
  double reference_pch_out_dbm = 0;  // min(reference in − max loss, target for the reference)
  double reference_loss_db = 0;      // GNPy's ref_effective_loss
  double actual_loss_db = 0;         // mean over channels of each channel's loss (dB)
  double pch_out_dbm = 0;            // mean over channels of each channel's output (dBm)
  std::optional<double> osnr_db;     // the path's OSNR contribution, 0.1 nm
};

// Everything the ROADM does to the channels crossing it toward `to_degree_uid`.
RoadmReport propagate_roadm(SpectralInfo& s, const RoadmElement& roadm, const RoadmType& type,
                            std::string_view to_degree_uid, RoadmPathKind kind,
                            const RoadmReference& reference);

}  // namespace lightmesh::physics
