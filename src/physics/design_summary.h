// What the design of a native network put on its lines, in the network's own terms: per fibre
// direction the booster, in-line amplifiers and preamplifier with their type, gain and noise
// figure, and the ROADM's equalisation target and add/drop figures. `lightmesh validate --design`
// prints it.
//
//   LM_ASSIGN_OR_RETURN(LineModel model, LineModel::build(net));
//   LM_ASSIGN_OR_RETURN(DesignSummary d, summarise_design(net, model));
//   for (const auto& dir : d.directions) ... dir.amplifiers[0].gain_db ...
//
// Pure function of an immutable network and model; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "physics/line_model.h"

namespace lightmesh::physics {

struct AmplifierSummary {
  enum class Role { kBooster, kInline, kPreamp };
  Role role = Role::kInline;
  std::string uid;           // the element's uid in the designed network (and a GNPy export)
  std::string type_variety;  // the equipment type
  double gain_db = 0;        // the designed gain (output VOA included)
  double nf_db = 0;          // the type's noise figure at that gain, input padding included
  double delta_p_db = 0;     // per-channel output relative to the launch power
};
const char* amplifier_role_name(AmplifierSummary::Role role);  // "booster", "in-line", "preamp"

struct DirectionSummary {
  FiberIndex fiber = 0;
  NodeIndex from = 0, to = 0;
  std::size_t spans = 0;
  std::vector<AmplifierSummary> amplifiers;  // in line order: booster, in-line…, preamplifier
};

struct RoadmSummary {
  // Exactly one target is set: a power per channel or a power spectral density.
  std::optional<double> target_pch_out_dbm;
  std::optional<double> target_psd_out_mw_per_ghz;
  double add_drop_osnr_db = 0;
  double pmd_ps = 0;
  double pdl_db = 0;
  std::vector<std::string> booster_varieties;  // empty: auto-design chooses among all
  std::vector<std::string> preamp_varieties;
};

struct DesignSummary {
  std::string library;                        // the equipment file, or "" for the built-in default
  std::vector<std::string> edfa_varieties;    // the library's amplifier types
  std::vector<std::string> inline_varieties;  // those auto-design may choose for in-line use
  double launch_power_dbm = 0;                // the reference channel's power per channel
  int reference_channels = 0;                 // the reference load's channel count
  std::vector<std::pair<std::string, double>> mode_launch_power_dbm;  // modes launched otherwise
  RoadmSummary roadm;
  std::vector<DirectionSummary> directions;  // per fibre: a → b, then b → a
};

// Errors: a type the design chose that the library cannot evaluate (an internal fault).
Result<DesignSummary> summarise_design(const Network& net, const LineModel& model);

}  // namespace lightmesh::physics
