// A native network as GNPy v2.12 reads it, with the elements as lightmesh designed them
// (physics/line_model.h): a ROADM at every node with its preamplifiers and boosters, a
// transceiver at every site, the fibre spans, and the in-line amplifiers with the type, gain,
// power and tilt that design chose. GNPy runs on it without inserting or choosing anything, and
// lightmesh's own import (io/gnpy_reader.h) reads it back into the same sites, nodes and fibres.
//
//   LM_ASSIGN_OR_RETURN(physics::LineModel model, physics::LineModel::build(net));
//   LM_ASSIGN_OR_RETURN(GnpyExport out, gnpy_export_of(net, model));
//   std::string topology = write_gnpy_topology(out.topology);     // io/gnpy_topology.h
//   std::string eqpt = write_gnpy_equipment(out.equipment);        // io/gnpy_equipment_writer.h
//
// Names are chosen so that the import gives back the network's ids: a ROADM's uid is its node's
// id, a site's transceiver is "trx <id>", and the first span of each fibre, in the direction the
// import meets first (from the end listed first among the nodes), is the fibre's id. The other
// spans are "<fibre id> (k/n)", the way back "<fibre id> reverse" (with " (k/n)"), and the
// amplifiers are named after them as GNPy's design names its own. Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "model/equipment.h"
#include "model/network.h"
#include "physics/element_network.h"
#include "physics/line_model.h"

namespace lightmesh::io {

struct GnpyExport {
  physics::ElementNetwork topology;
  Equipment equipment;
  std::vector<std::string> warnings;  // what GNPy cannot state as lightmesh models it
};

// The designed network of `model` (built from `net`) under the names above, and the equipment it
// was designed with. Errors when two elements would share a name (a fibre id equal to a node id,
// say), naming both.
Result<GnpyExport> gnpy_export_of(const Network& net, const physics::LineModel& model);

// The exported uid of the first span of fibre f leaving `from`: a path request that includes it
// takes exactly that fibre, in that direction (GNPy's explicit route).
std::string gnpy_export_span_uid(const Network& net, FiberIndex f, NodeIndex from);
// The exported uid of a site's transceiver: "trx <node id>".
std::string gnpy_export_transceiver_uid(const OpticalNode& node);

}  // namespace lightmesh::io
