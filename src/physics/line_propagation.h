// Propagation of a set of channels along a path of elements (transceiver, ROADMs, fused
// connectors, fibre spans, amplifiers), element by element as GNPy v2.12 does, with a trace of
// what each element did and what the receiver sees: GNPy's final figures after adding the
// transmitter's OSNR and the add/drop OSNR of every ROADM crossed.
//
//   LM_ASSIGN_OR_RETURN(SpectralInfo s, request_spectrum(*trx, mode, 50e9, std::nullopt, 0, 0));
//   LM_ASSIGN_OR_RETURN(std::size_t dropped, drop_channels_outside_amplifier_bands(net, path, eq,
//   s)); LM_ASSIGN_OR_RETURN(PathTrace t, propagate_path(net, path, eq, s, {.reference_pch_dbm =
//   0})); double gsnr = t.receiver.summary.gsnr_01nm_db;
//
// The path is a sequence of element indices, each element connected to the next; it normally
// starts and ends at a transceiver. Elements must be designed: amplifiers need a type and a gain
// (or, in power mode, a delta_p), ROADMs a type of the equipment library. Errors name the element
// uid and the field. Safe on many threads at once, each with its own SpectralInfo.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/equipment.h"
#include "physics/edfa.h"
#include "physics/element_network.h"
#include "physics/roadm.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {

struct PropagationSettings {
  // The reference channel of the design (GNPy's pref): the power per channel the request or the
  // SI block sets, its baud rate and slot width. It is followed through the path for the
  // "reference" figures of the trace and for amplifiers whose gain is left to power mode.
  double reference_pch_dbm = 0;
  double reference_baud_rate_hz = 32e9;
  double reference_slot_width_hz = 50e9;
  // Power mode: an amplifier without gain_target gets the gain that brings the reference channel
  // to reference_pch_dbm + delta_p. In gain mode such an amplifier is an error.
  bool power_mode = true;
};

// One row per element, with the figures GNPy prints for it.
struct ElementTrace {
  std::string uid;
  ElementKind kind = ElementKind::kTransceiver;
  std::string type_variety;
  std::size_t channels = 0;          // channels leaving the element
  double reference_pch_out_dbm = 0;  // the reference channel after the element
  double actual_pch_out_dbm = 0;     // mean over channels of each channel's total power, dBm
  // Fibre and fused: the loss; fibre: its length and connector/padding losses.
  double loss_db = 0;
  double length_km = 0;
  double att_in_db = 0, con_in_db = 0, con_out_db = 0;
  // Amplifier.
  EdfaReport amplifier;
  std::optional<double> delta_p_db;
  std::optional<double> target_pch_out_dbm;  // reference + delta_p, in power mode
  double tilt_target_db = 0, out_voa_db = 0, in_voa_db = 0;
  // ROADM.
  RoadmReport roadm;
};

// What the receiver sees, per channel and in GNPy's summaries. OSNR-ASE and GSNR include the
// transmitter's OSNR and the add/drop OSNRs, added as noise at 0.1 nm (GNPy's update_snr).
struct ReceiverQot {
  QotSummary summary;
  std::vector<double> frequency_hz;
  std::vector<double> gsnr_bw_db, gsnr_01nm_db;
  std::vector<double> osnr_ase_bw_db, osnr_ase_01nm_db;
  std::vector<double> snr_nli_bw_db;
  std::vector<double> add_drop_osnr_01nm_db;  // each ROADM path's contribution, in path order
  double tx_power_dbm = 0;                    // mean launch power per channel
};

struct PathTrace {
  std::vector<ElementTrace> elements;
  ReceiverQot receiver;
};

// Propagates `s` along `path` (updating it in place) and returns the trace.
Result<PathTrace> propagate_path(const ElementNetwork& net, std::span<const ElementIndex> path,
                                 const Equipment& eq, SpectralInfo& s,
                                 const PropagationSettings& settings);

// The receiver's figures for the channels of `s`, adding the transmitter's OSNR of each channel
// and the given extra OSNRs (0.1 nm) as noise.
ReceiverQot receiver_qot(const SpectralInfo& s, std::span<const double> extra_osnr_01nm_db);

// The full load a request propagates (GNPy's channel grid per request): channel k = 1 … nb at
// trx.f_min + k·spacing, nb = nb_channels or ⌊(f_max − f_min) / spacing⌋, each of the mode's baud
// rate, roll-off and tx OSNR, slot width = spacing, launched at tx_power_dbm (else power_dbm), and
// offset from ROADM targets by equalization_offset_db. Errors name the field.
Result<SpectralInfo> request_spectrum(const TransceiverType& trx, const TransceiverTypeMode& mode,
                                      double spacing_hz, std::optional<int> nb_channels,
                                      double power_dbm, std::optional<double> tx_power_dbm,
                                      double equalization_offset_db = 0);

// GNPy's per-request full load size when max-nb-of-channel is not given: floor((f_max − f_min) /
// spacing) of the transceiver's range, with Python's floor division; 0 for an empty range.
std::uint32_t automatic_channel_count(double f_min_hz, double f_max_hz, double spacing_hz);

// Removes the channels whose slot lies outside the band common to every amplifier of the path
// (GNPy drops them before propagating a request). Returns how many were dropped; an error when
// none is left or an amplifier's type is unknown.
Result<std::size_t> drop_channels_outside_amplifier_bands(const ElementNetwork& net,
                                                          std::span<const ElementIndex> path,
                                                          const Equipment& eq, SpectralInfo& s);

}  // namespace lightmesh::physics
