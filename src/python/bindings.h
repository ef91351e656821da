// What the two translation units of the `lightmesh` Python module share: the exception every
// refusal raises, and the simulation options read from keyword arguments the way
// `lightmesh simulate` reads them from the command line (the same names, ranges and messages).
//
//   sim::StudySpec spec = study_spec(network, options, SpecUse::kSweep);   // raises on bad input
//
// Called with the GIL held.
#pragma once

#include <pybind11/pybind11.h>

#include <stdexcept>
#include <string>

#include "core/error.h"
#include "sim/study.h"

namespace lightmesh::python {

// lightmesh.Error, a ValueError: bad options, unreadable files, invalid actions.
struct LightmeshError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void raise(const Error& e) { throw LightmeshError(e.to_string()); }

// A file argument: a str, an os.PathLike, or a lightmesh.Network (its file).
std::string file_argument(const pybind11::handle& value, const char* name);

enum class SpecUse {
  kSweep,        // simulate(): loads, replications and threads allowed
  kEnvironment,  // Environment(): one load, one replication at a time
};

// Reads `network` and the keyword options into a StudySpec, checking each against the ranges
// the command line uses (core/limits.h). Unknown keywords are refused, naming the known ones.
sim::StudySpec study_spec(const pybind11::handle& network, const pybind11::kwargs& options,
                          SpecUse use, std::uint32_t* threads = nullptr);

// The seed of the random streams: a whole number 0 … 2⁶⁴ − 1.
std::uint64_t seed_of(const pybind11::handle& value);

// prepare_study() that raises instead of returning an error.
sim::PreparedStudy prepare(sim::StudySpec spec);

// With failures: out["availability"] ({class: {"mean", "ci95"}} for the classes of the mix) and
// out["restoration"] ({"attempts", "success_ratio", "added_latency_us"}, each {"mean", "ci95"}),
// numpy arrays with one entry per load, NaN where the JSON has null (point_figures.cpp).
void add_failure_figures(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         pybind11::dict& out);
// out["by_bitrate"]: one dict per bit-rate class, named as the JSON names it ("gbps", or
// "gbps_min" and "gbps_max"), with "requests" (an int array) and "service_blocking" and
// "bandwidth_blocking" ({"mean", "ci95"} arrays, NaN where no replication drew the class).
void add_bitrate_figures(const sim::PreparedStudy& study, const sim::SimulationResult& result,
                         pybind11::dict& out);

void bind_environment(pybind11::module_& m);

}  // namespace lightmesh::python
