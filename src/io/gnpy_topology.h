// GNPy's topology JSON at the element level: reads it into a physics::ElementNetwork (every
// transceiver, ROADM, fused connector, fibre span and amplifier, with the fibre types' data taken
// from the equipment library) and writes one back in the form GNPy's --save-network writes.
//
//   LM_ASSIGN_OR_RETURN(Equipment eq, read_gnpy_equipment("eqpt_config.json"));
//   LM_ASSIGN_OR_RETURN(physics::ElementNetwork net, read_gnpy_topology_file("topo.json", eq));
//   std::string json = write_gnpy_topology(net);   // GNPy reads it; reading it again gives net
//
// The reader follows GNPy v2.12's loading (network_from_json and the element constructors):
// what it accepts, what it fills from the library and what it leaves to design are in
// docs/formats.md ("GNPy topology JSON (element level)"). Connections keep the file's order,
// which GNPy's path search and design depend on. io/gnpy_reader.h is the other importer of the
// same files, into the site-level Network. Pure functions apart from reading the file;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "model/equipment.h"
#include "physics/element_network.h"

namespace lightmesh::io {

// Reads a topology from text; `file` names it in messages. Errors are one line
// "FILE: /json/pointer: Fiber \"uid\": what was expected", naming the element and the field.
// Never throws.
Result<physics::ElementNetwork> read_gnpy_topology(std::string_view text, std::string_view file,
                                                   const Equipment& eq);

// The same from a file.
Result<physics::ElementNetwork> read_gnpy_topology_file(const std::string& path,
                                                        const Equipment& eq);

// The topology as GNPy's JSON: "elements" (uid, type, type_variety, params or operational,
// metadata) and "connections" in the network's order, indented by two spaces. Values that are
// unset (left to design) are written as null, as GNPy writes them. `carried_network`, a native
// network document (io/gnpy_carried.h), goes under the top-level "lightmesh:network", which GNPy
// ignores.
std::string write_gnpy_topology(const physics::ElementNetwork& net,
                                std::string_view carried_network = {});

}  // namespace lightmesh::io
