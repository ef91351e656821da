// Where a lightpath's noise comes from: its worst channel's noise over signal under the mode's full
// load, split into what each element of the route adds (`plan --explain`).
//
//   NoiseBreakdown b = line_model.breakdown(lp.nodes, lp.fibers, lp.mode);
//   for (const NoiseContribution& c : b.items) print(c.kind, c.hop, c.gsnr_cost_db);
//
// The shares add up to the whole: the items' ase + nli sum to the noise the GSNR is judged on. An
// item's cost is what the GSNR would gain if that element alone added no noise, the others as they
// are: 10·log10(S / (S − its noise)). A ROADM equalises signal plus the noise so far, so an OMS
// after it sees a slightly lower signal; that coupling stays with the OMS it acts on.
#pragma once

#include <cstddef>
#include <vector>

namespace lightmesh::physics {

struct NoiseContribution {
  enum class Kind {
    kTransceivers,  // transmitter, and the add and drop ROADM passes at both ends
    kOms,           // one fibre direction: booster, spans, in-line amplifiers, preamplifier
    kExpress,       // an express pass through an intermediate ROADM
  };
  Kind kind = Kind::kOms;
  std::size_t hop = 0;   // kOms: index into the route's fibres; kExpress: into its nodes
  double ase = 0;        // noise over signal, linear (for kTransceivers and kExpress, all of it)
  double nli = 0;        // nonlinear interference over signal, linear (kOms only)
  double ase_share = 0;  // ase / the whole
  double nli_share = 0;  // nli / the whole
  double share = 0;      // (ase + nli) / the whole
  double gsnr_cost_db = 0;
};

struct NoiseBreakdown {
  std::size_t channel = 0;               // index of the worst channel in the mode's full load
  double worst_01nm_db = 0;              // its GSNR at 0.1 nm, as planning judges it
  std::vector<NoiseContribution> items;  // transceivers first, then along the route
};

}  // namespace lightmesh::physics
