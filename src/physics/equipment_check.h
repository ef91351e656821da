// Holds the designed amplifiers of a native network to the equipment its file states: a stated
// amplifier variety must reach the gain its span asks for, and a stated ROADM target must be one
// its booster can raise to the launch power. Auto-design (GNPy's rules) only warns and reduces
// power where a type falls short; a network file that names its equipment is refused instead, so
// that no figure is computed on equipment other than what the file says (docs/physics.md,
// "Equipment the network file states").
//
//   LM_RETURN_IF_ERROR(check_stated_equipment(net, view.equipment, report, oms, view.elements));
//
// Pure function; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "core/result.h"
#include "model/equipment.h"
#include "model/network.h"
#include "physics/auto_design.h"
#include "physics/element_network.h"

namespace lightmesh::physics {

// The accepted gains of a type, as GNPy's auto-design accepts them: more than gain_min less the
// 3 dB an input attenuator may pad, at most gain_flatmax plus the span's target_extended_gain.
struct AcceptedGain {
  double above_db = 0;    // exclusive
  double at_most_db = 0;  // inclusive
  double p_max_dbm = 0;   // the reference load's total output may not exceed it
};
Result<AcceptedGain> accepted_gain(const EdfaType& type, const Equipment& eq);

// `oms[d]` holds fibre direction d's designed elements (d = 2·fibre, + 1 from b to a): booster,
// spans and in-line amplifiers, preamplifier. Checks every amplifier whose type the file states
// (its booster, preamplifier or in-line varieties, a fibre's amplifier_variety, a ROADM target
// the boosters must meet, or a whole equipment library). The first failure is one error naming
// the network file, the JSON pointer of the field at fault and the amplifier.
Status check_stated_equipment(const Network& net, const Equipment& eq, const DesignReport& report,
                              std::span<const std::vector<ElementIndex>> oms,
                              const ElementNetwork& designed);

}  // namespace lightmesh::physics
