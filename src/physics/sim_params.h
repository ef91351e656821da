// Simulation parameters: how the physics computes nonlinear interference and whether it models
// stimulated Raman scattering, with GNPy v2.12's names and defaults (its sim_params.json,
// "nli_params" and "raman_params"). io/gnpy_sim_params.h reads them.
//
//   LM_ASSIGN_OR_RETURN(physics::SimParams sim, io::read_gnpy_sim_params_file("sim_params.json"));
//   double tolerance = sim.nli.dispersion_tolerance;
//
// lightmesh computes NLI with the closed-form GN model only (GNPy's "gn_model_analytic") and
// models no Raman effect, so a SimParams that came through the reader always has that method and
// the Raman flag off; the other figures are kept for GNPy's generalised models and Raman solver.
// Plain data; safe to share between threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lightmesh::physics {

// GNPy's name of the one NLI method lightmesh computes.
inline constexpr const char* kGnModelAnalytic = "gn_model_analytic";

struct NliParams {
  std::string method = kGnModelAnalytic;
  // Tuning of GNPy's generalised GN model (ggn_spectrally_separated); unused by the analytic one.
  double dispersion_tolerance = 4;
  double phase_shift_tolerance = 0.1;
  // Channels (1-based) on which the generalised model evaluates NLI, interpolating the others;
  // empty: every channel. The analytic model evaluates every channel regardless.
  std::vector<std::uint32_t> computed_channels;
  std::optional<std::uint32_t> computed_number_of_channels;
};

struct RamanParams {
  bool flag = false;  // stimulated Raman scattering between channels (not modelled: always false)
  std::string method = "perturbative";
  std::uint32_t order = 2;
  double result_spatial_resolution_m = 10e3;
  double solver_spatial_resolution_m = 10e3;
};

struct SimParams {
  NliParams nli;
  RamanParams raman;
};

}  // namespace lightmesh::physics
