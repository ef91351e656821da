// A simulation study as the command line states it: the files to read, the traffic, the policy
// and the load points. prepare_study() reads and checks everything once; run_study() simulates.
//
//   StudySpec spec{.network = "nsfnet.json", .loads = {190, 210}, .directed = true};
//   LM_ASSIGN_OR_RETURN(PreparedStudy study, prepare_study(spec));
//   SimulationResult r = run_study(study, /*threads=*/2);
//
// Pure functions of their inputs; a PreparedStudy is immutable and may be run from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "sim/booked_spectrum.h"
#include "sim/network_edit.h"
#include "sim/network_source.h"
#include "sim/pair_sampler.h"
#include "sim/path_table.h"
#include "sim/simulation.h"

namespace lightmesh::sim {

// --modulations gsnr: slots from lightmesh's own mode choice on each route (sim/gsnr_slots.h).
inline constexpr const char* kGsnrModulations = "gsnr";

struct StudySpec {
  std::string network;  // file
  std::vector<double> loads;
  std::uint64_t requests = 10'000;
  std::uint64_t warmup = 1'000;
  std::uint32_t replications = 10;
  std::uint64_t seed = 1;
  std::string policy = "ksp-ff";
  std::uint32_t k = 5;
  std::string path_order = "length";   // length | hops | xlron
  std::string modulations;             // CSV file; empty: the DeepRMSA table; kGsnrModulations
  double osnr_margin_db = 2;           // with kGsnrModulations: as `plan --osnr-margin`
  std::optional<std::uint32_t> slots;  // unset: the network's band at slot_ghz
  double slot_ghz = 12.5;
  std::uint32_t guard = 0;
  std::string paths;  // given candidate paths (JSON); empty: k shortest
  double bitrate_min_gbps = 100;
  double bitrate_max_gbps = 100;
  std::string bitrate_dist;  // CSV gbps,weight; replaces the MIN-MAX range when set
  double holding_mean = 1;
  bool truncate_holding = false;
  bool directed = false;
  std::string traffic;  // CSV src,dst,weight; empty: uniform
  bool check_slots = false;
  // The twin: the controller's store (sqlite:PATH, a file, or a postgresql:// URL) that the live
  // fabric given to prepare_study() was loaded from, as the output names it.
  std::string from_db;
  std::vector<std::string> add_fibers;     // what-ifs, "A,B,KM" each
  std::vector<std::string> remove_fibers;  // fibre ids
  // Failures (sim/failure_replication.h): "MTBF,MTTR" in hours (MTBF per 1,000 km of fibre), a CSV
  // of scripted cuts, or both; the protection mix ("none", "restore", "1+1" or weighted shares,
  // empty: none); and the hours in one unit of simulated time (the holding-time mean's unit).
  std::string failures;
  std::string failures_file;
  std::string protection;
  double time_unit_hours = 1;
};

struct PreparedStudy {
  StudySpec spec;
  SimNetwork network;
  PathTable table;
  PairSampler pairs;
  TrafficModel traffic;
  RunOptions run;
  std::uint32_t slots = 0;
  std::string modulations_name;  // the file, or "DeepRMSA (built in)"
  NetworkEdit edit;
  std::optional<BookedSpectrum> twin;  // with from_db: what the controller holds (run.booked)
};

// Errors, one line naming the file or the option: an unreadable or invalid network, modulation,
// paths or traffic file; an unknown policy or path order; a bit-rate range that is empty or has
// more than limits::kMaxBitrateClasses integers; a network with fewer than two sites; a what-if
// naming an unknown site or fibre or a bad length; held spectrum outside the simulated band; a
// malformed --failures, --failures-file or --protection.
//
// With `live` (a controller's fabric over the network of spec.network as the file has it, loaded
// by store::load_controller_state()), the study is its twin: the spectrum its services hold is held
// in every replication (book_controller_spectrum()). Read only during the call.
Result<PreparedStudy> prepare_study(StudySpec spec, const fabric::Fabric* live = nullptr);

// The same study on a network already in memory (a running controller's), which spec.network
// only names in the output. What-ifs need the network's file and are refused here. The result
// holds no spectrum yet: a controller books its live spectrum with hold_spectrum(), after taking
// it briefly under its own lock, so the path table is built without that lock.
Result<PreparedStudy> prepare_study_on(StudySpec spec, const Network& net);

// How the study's links and slots lie over the network's band: what book_controller_spectrum()
// maps a controller's spectrum onto.
SimSpectrumLayout spectrum_layout(const PreparedStudy& study);

// Holds `booked` in every replication of the study: the twin of the controller it came from.
void hold_spectrum(PreparedStudy& study, BookedSpectrum booked);

SimulationResult run_study(const PreparedStudy& study, std::uint32_t threads,
                           const ProgressFn& progress = {});

// run_study() in parts, for several processes (MPI ranks): each runs the tasks its share owns,
// and the totals of all, merged, give exactly run_study()'s result.
std::vector<ReplicationTotals> run_study_share(const PreparedStudy& study, std::uint32_t threads,
                                               TaskShare share, const ProgressFn& progress = {});
SimulationResult merge_study(const PreparedStudy& study,
                             const std::vector<ReplicationTotals>& totals);

}  // namespace lightmesh::sim
