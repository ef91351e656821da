// Writer for GNPy's equipment library (eqpt_config.json): the inverse of io/gnpy_equipment.h.
//
//   std::string text = write_gnpy_equipment(view.equipment);
//   LM_ASSIGN_OR_RETURN(Equipment again, read_gnpy_equipment_text(text, "eqpt_config.json"));
//
// Every member lightmesh models is written under GNPy v2.12's name and unit (Hz, baud, bit/s, dB,
// dBm, s/m², m², s/√m); lengths in km. An amplifier's configuration is written as the names of its
// files (advanced_config_from_json, default_config_from_json), never their contents, and its band
// as f_min/f_max on the entry when one is in force, so GNPy drops the same channels. Pure
// function; thread-safe.
#pragma once

#include <string>

#include "model/equipment.h"

namespace lightmesh::io {

// The library as GNPy's JSON, indented by two spaces, in GNPy's section order (Edfa, Fiber,
// RamanFiber, Span, Roadm, SI, Transceiver).
std::string write_gnpy_equipment(const Equipment& eq);

}  // namespace lightmesh::io
