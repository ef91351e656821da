// BookedSpectrum: the spectrum a controller holds now (its services' lightpaths, and every slot of
// a fibre it has as cut), as permanent occupancy of the simulator's links. The twin
// (`simulate --from-db`) starts every replication from it and never releases it, so new requests
// are only ever offered what the live network leaves free.
//
//   LM_ASSIGN_OR_RETURN(BookedSpectrum b, book_controller_spectrum(fabric, sim_net, table));
//   run.booked = b.blocks;
//
// Why a list of blocks rather than a copy of the fabric's SlotMaps: the simulator's slots need
// not be the flex grid's (12.5 GHz by default against 6.25), its links may be directed, and its
// network may be a what-if with fibres added or removed. Mapping once here keeps the hot loop
// unaware of any of it.
//
// Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "fabric/fabric.h"
#include "model/network.h"

namespace lightmesh::sim {

// Slots [start, start + slots) of one simulator link.
struct BookedBlock {
  std::uint32_t link = 0;
  std::uint32_t start = 0;
  std::uint32_t slots = 0;
};

struct BookedSpectrum {
  std::vector<BookedBlock> blocks;  // disjoint, by link then start
  std::uint64_t link_slots = 0;     // Σ slots over the blocks
  std::size_t services = 0;         // the controller's services
  std::size_t cut_fibers = 0;       // fibres the controller has as cut (wholly booked here)
  std::vector<std::string> warnings;
};

struct SimSpectrumLayout {
  std::uint32_t slots = 0;  // per link
  double slot_ghz = 12.5;   // slot i spans [first + i × G, first + (i+1) × G)
  double first_thz = 0;     // the simulated band's lower edge (the network's band)
  bool directed = false;    // fibre f is links 2f and 2f + 1
};

// A simulator slot is booked when any part of it overlaps a grid slot the controller holds on
// that fibre (so a coarser simulated grid never offers a partly used slot). Fibres are matched by
// id: a fibre the simulated network lacks (--remove-fiber) drops its spectrum with a warning
// naming how many services ran over it. Errors: a booked slot outside the simulated band (a
// --slots or --slot-ghz that does not cover the controller's spectrum).
Result<BookedSpectrum> book_controller_spectrum(const fabric::Fabric& fabric,
                                                const Network& simulated,
                                                const SimSpectrumLayout& layout);

}  // namespace lightmesh::sim
