// Reader for GNPy's simulation parameters (sim_params.json: "nli_params" and "raman_params").
//
//   LM_ASSIGN_OR_RETURN(physics::SimParams sim, read_gnpy_sim_params_file("sim_params.json"));
//   // or from text:
//   LM_ASSIGN_OR_RETURN(physics::SimParams sim, read_gnpy_sim_params("{}", "sim_params.json"));
//
// Members left out take GNPy v2.12's defaults. lightmesh computes NLI with the analytic GN model
// only and models no Raman effect: another NLI method, or the Raman flag on, is an "unsupported"
// error rather than a silently different computation. Members GNPy does not know are errors, as
// GNPy refuses them. The mapping is in docs/formats.md ("GNPy simulation parameters"). Pure
// functions apart from reading the file; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "physics/sim_params.h"

namespace lightmesh::io {

// Errors are one line "FILE: /json/pointer: what was expected". Never throws.
Result<physics::SimParams> read_gnpy_sim_params(std::string_view text, std::string_view file);
Result<physics::SimParams> read_gnpy_sim_params_file(const std::string& path);

}  // namespace lightmesh::io
