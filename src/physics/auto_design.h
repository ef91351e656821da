// Auto-design of optical lines, as GNPy v2.12 does it (gnpy/core/network.py): completes an
// ElementNetwork read from a topology so that it can be propagated.
//
//   1. Unless told not to insert amplifiers: split fibres longer than Span.max_length into equal
//      spans ("<uid>_(i/n)"), add a preamp and a booster on every ROADM degree without one
//      ("Edfa_preamp_<roadm>_from_<fibre>", "Edfa_booster_<roadm>_to_<fibre>") and an in-line
//      amplifier between two fibres ("Edfa_<fibre>").
//   2. Connectors and padding: unset con_in / con_out take the Span defaults (EOL added on the
//      span's last connector), and spans whose loss is below Span.padding get att_in.
//   3. ROADM targets: every degree gets the ROADM's equalisation target unless it has its own.
//   4. Per OMS (from each ROADM or transceiver to the next one): every amplifier gets its gain,
//      delta_p (power mode), type (chosen from the library when unset), output VOA and tilt.
//
//   LM_ASSIGN_OR_RETURN(ElementNetwork net, io::read_gnpy_topology(text, "topo.json", eq));
//   LM_ASSIGN_OR_RETURN(DesignReport report, auto_design(net, eq, {}));
//   // per-request redesign, as GNPy's --redesign-per-request does it:
//   auto_design(net, eq, {.insert_edfas = false, .set_connector_losses = false,
//                         .reference_power_dbm = 1, .reference_channel = {{32e9, 50e9, 80}},
//                         .only_elements = path_and_reverse_path});
//
// docs/physics.md ("Auto-design") gives the algorithm and where lightmesh differs from GNPy.
// Not thread-safe on one network; designs of different networks may run at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/equipment.h"
#include "physics/element_network.h"

namespace lightmesh::physics {

// A reference load other than the equipment's SI (GNPy designs per request with the request as
// reference). GNPy v2.12 uses only the channel count of it (the total power is the per-channel
// power plus 10·log10(count)); ROADM PSD targets are converted with the equipment SI's baud rate
// and spacing whatever the request, so baud rate and spacing here are informative only.
struct DesignChannel {
  double baud_rate_baud = 0;
  double spacing_hz = 0;
  int nb_channels = 0;
};

struct DesignOptions {
  // false is GNPy's --no-insert-edfas: no fibre is split and no amplifier added, but connectors,
  // padding, ROADM targets, amplifier types, gains and powers are still set.
  bool insert_edfas = true;
  // false as in GNPy's redesign (per request, per power of a sweep): connectors and padding are
  // left as a previous design set them.
  bool set_connector_losses = true;
  // Per-channel power in the spans (GNPy's pref_ch_db); default SI.power_dbm. A power sweep
  // redesigns with SI.power_dbm + each of power_sweep_offsets_db().
  std::optional<double> reference_power_dbm;
  // The reference load; default the equipment SI with reference_channel_count().
  std::optional<DesignChannel> reference_channel;
  // Restrict connectors, targets, gains and powers to these elements, as if the network held only
  // them (GNPy designs the subgraph of a request's path and reverse path). Empty: all. Amplifiers
  // are inserted (when asked) before the restriction applies, so give indices of the network as it
  // stands after insertion; in practice use it with insert_edfas = false.
  std::vector<ElementIndex> only_elements;
};

// What design asked of one amplifier, before any reduction for the type's limits: the figures an
// equipment check holds against the type's range (physics/equipment_check.h).
struct AmplifierDesign {
  std::string uid;
  std::string type_variety;        // the type set or chosen
  bool type_given = false;         // the network gave the type; design did not choose it
  double gain_db = 0;              // the gain the span asks for (loss + delta_p change)
  double total_power_out_dbm = 0;  // the reference load's total output power it asks for
  double power_reduction_db = 0;   // ≤ 0: what design took off for the type's limits
};

struct DesignReport {
  double reference_power_dbm = 0;                // per channel
  int reference_nb_channels = 0;                 //
  double reference_total_power_dbm = 0;          // reference_power_dbm + 10·log10(nb_channels)
  std::vector<std::string> split_fibers;         // uids of the fibres replaced by spans
  std::vector<std::string> inserted_amplifiers;  // uids, in the order added
  std::size_t amplifiers_set = 0;                // amplifiers given gain and power
  std::vector<AmplifierDesign> amplifiers;       // one per amplifier set, in design order
  // GNPy's design warnings: power reductions beyond 0.5 dB, gains outside an imposed type's range,
  // targets below every amplifier's minimum gain, ROADM targets the design cannot meet.
  std::vector<std::string> warnings;
};

// Designs `net` in place. When fibres are split the network is rebuilt (GNPy removes the fibre and
// appends its spans), so element indices taken before the call no longer hold; when nothing is
// split, indices are kept and inserted elements are appended. Errors: an amplifier or ROADM type
// missing from the library, no amplifier satisfying a restriction list, a ROADM without target,
// an element not properly connected, a loop in an OMS, a new uid that is already taken.
Result<DesignReport> auto_design(ElementNetwork& net, const Equipment& eq,
                                 const DesignOptions& options = {});

// The number of channels of the SI reference load that GNPy designs with:
// min(⌊(f_max − f_min)/spacing⌋, ⌊(196.0 − 191.2 THz)/spacing⌋), floor division as Python does it.
int reference_channel_count(const SpectralInformation& si);

// The power offsets (dB, added to SI.power_dbm) of GNPy's transmission example sweep:
// power_range_db [start, stop, step] gives round(|stop − start| / step) + 1 evenly spaced values
// from start to stop (one value when step is 0). In gain mode GNPy does not sweep: {0}. Path
// requests do not sweep; they design once with SI.power_dbm.
std::vector<double> power_sweep_offsets_db(const SpectralInformation& si, bool power_mode);

// GNPy's round2float: `number` rounded to a multiple of `step` (step itself rounded to 0.1),
// halves to even as Python's round does, then rounded to one decimal.
double gnpy_round_to_step(double number, double step);

// The bounds design holds an amplifier type to: its gain range and output limit, dual-stage types
// taking theirs from their stages. Errors name a stage the library lacks.
struct AmplifierBounds {
  double gain_min_db = 0;
  double gain_flatmax_db = 0;
  double p_max_dbm = 0;
};
Result<AmplifierBounds> amplifier_bounds(const EdfaType& type, const Equipment& eq);

// The noise figure (dB) GNPy's amplifier selection compares: the type's average NF at
// `gain_db` for 88 channels of 0 dBm total input at 50 GHz, including the input pad below
// gain_min. Dual-stage types combine their two stages. Errors name a type the library lacks or a
// data sheet no pair of coils can meet.
Result<double> design_noise_figure_db(const EdfaType& type, double gain_db, const Equipment& eq);

}  // namespace lightmesh::physics
