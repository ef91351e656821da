// The loaded native network seen the way GNPy sees a network: an element network (a ROADM and a
// transceiver per optical node, a chain of fibre spans per fibre and direction) and an equipment
// library built from the network's physics defaults and transceiver catalogue. It lets a GNPy
// path request (`POST /api/v1/path-computation` with a service alone) run against the network a
// controller serves, through the same engine as GNPy files (qot/path_request_run.h). It lives in
// physics, below both rsa and qot, because planning judges GSNR on the same design
// (physics/line_model.h).
//
//   LM_ASSIGN_OR_RETURN(GnpyView view, gnpy_view_of(net));
//   // view.elements: "roadm LON", "trx LON", "fiber (LON → SLO)-f1", …; amplifiers are left to
//   // auto-design, as in a GNPy topology without amplifiers.
//
// Pure function of an immutable Network; thread-safe.
#pragma once

#include <string>

#include "core/result.h"
#include "model/equipment.h"
#include "model/network.h"
#include "physics/element_network.h"

namespace lightmesh::physics {

struct GnpyView {
  physics::ElementNetwork elements;
  Equipment equipment;
};

// Names the conversion gives, so that requests can address them.
std::string roadm_uid(const OpticalNode& node);        // "roadm <node id>"
std::string transceiver_uid(const OpticalNode& node);  // "trx <node id>"
// Span k (0-based) of `spans` of fibre f leaving `from`: "fiber (<from> → <to>)-<fibre id>", with
// " (k+1/spans)" appended when the fibre has more than one span.
std::string span_uid(const Network& net, FiberIndex f, NodeIndex from, std::size_t k,
                     std::size_t spans);

// The types of the fixed-noise-figure booster and preamplifier a network states with
// physics.roadm.booster_nf_db / preamp_nf_db.
inline constexpr const char* kFixedNfBooster = "fixed_nf_booster";
inline constexpr const char* kFixedNfPreamp = "fixed_nf_preamp";

// The equipment library the network's lines are designed with: its physics block's equipment
// library, else GNPy v2.12's example library's standard EDFAs (or one fixed-NF type), ROADM and
// reference channel; what the block states replaces the library's. Errors (a variety the library
// lacks) name the network file, the JSON pointer of the field and the element.
Result<Equipment> native_equipment(const Network& net);

// Transceiver types are the catalogue's transceivers (TransceiverMode::transceiver), each with the
// modes that state a required OSNR (a mode judged by reach alone has no GNPy equivalent). The
// amplifiers and ROADM are native_equipment()'s. A fibre that names its in-line amplifiers'
// variety gets them typed ("Edfa_<span uid>"); the others are left to auto-design.
Result<GnpyView> gnpy_view_of(const Network& net);

}  // namespace lightmesh::physics
