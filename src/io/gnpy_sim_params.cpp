// GNPy simulation parameters → physics::SimParams. Fields and defaults are documented in
// docs/formats.md ("GNPy simulation parameters"); the comments here say why.
#include "io/gnpy_sim_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/limits.h"
#include "io/json_doc.h"

namespace lightmesh::io {

namespace {

using physics::NliParams;
using physics::RamanParams;
using physics::SimParams;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A count ≥ 1 of at most kMaxChannels (a number of channels or an order): more would only
// allocate.
Result<std::optional<std::uint32_t>> at_least_one(const ObjectReader& r, const char* key) {
  LM_ASSIGN_OR_RETURN(auto v,
                      r.bounded_count(key, Bound{0, limits::kMaxChannels, false, "", true}));
  if (v && *v == 0) return r.doc().error(r.pointer(key), "0 is not a count ≥ 1");
  return v;
}

Status read_nli(const ObjectReader& r, NliParams& nli) {
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"method", "dispersion_tolerance", "phase_shift_tolerance",
                             "computed_channels", "computed_number_of_channels"}));
  LM_ASSIGN_OR_RETURN(auto method, r.string("method"));
  LM_ASSIGN_OR_RETURN(auto dispersion, r.bounded("dispersion_tolerance", limits::kSimTolerance));
  LM_ASSIGN_OR_RETURN(auto phase, r.bounded("phase_shift_tolerance", limits::kSimTolerance));
  nli.dispersion_tolerance = dispersion.value_or(nli.dispersion_tolerance);
  nli.phase_shift_tolerance = phase.value_or(nli.phase_shift_tolerance);
  LM_ASSIGN_OR_RETURN(const Json* channels, r.list("computed_channels"));
  if (channels) {
    for (std::size_t i = 0; i < channels->size(); ++i) {
      const Json& c = (*channels)[i];
      if (!c.is_number_unsigned() || c.get<std::uint64_t>() == 0 ||
          c.get<std::uint64_t>() > limits::kMaxChannels) {
        return r.doc().error(r.pointer("computed_channels") + "/" + std::to_string(i),
                             describe(c) + " is not a channel number (expected 1, 2, …)");
      }
      nli.computed_channels.push_back(static_cast<std::uint32_t>(c.get<std::uint64_t>()));
    }
  }
  LM_ASSIGN_OR_RETURN(nli.computed_number_of_channels,
                      at_least_one(r, "computed_number_of_channels"));
  // GNPy lower-cases the method's name.
  if (method) nli.method = lower(*method);
  if (nli.method == physics::kGnModelAnalytic) return {};
  // GNPy's generalised GN models: a different computation, refused rather than approximated.
  if (nli.method.rfind("ggn_", 0) == 0) {
    return Error::unsupported(
               fmt::format("{} is not supported: lightmesh computes NLI with the analytic GN "
                           "model only (expected \"{}\")",
                           describe(Json(*method)), physics::kGnModelAnalytic))
        .at(r.doc().file, r.doc().place(r.pointer("method")));
  }
  return r.doc().error(r.pointer("method"),
                       fmt::format("unknown NLI method {} (expected \"{}\")",
                                   describe(Json(*method)), physics::kGnModelAnalytic));
}

Status read_raman(const ObjectReader& r, RamanParams& raman) {
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only(
      {"flag", "method", "order", "result_spatial_resolution", "solver_spatial_resolution"}));
  LM_ASSIGN_OR_RETURN(auto flag, r.boolean("flag"));
  LM_ASSIGN_OR_RETURN(auto method, r.string("method"));
  LM_ASSIGN_OR_RETURN(auto order, at_least_one(r, "order"));
  LM_ASSIGN_OR_RETURN(auto result,
                      r.bounded("result_spatial_resolution", limits::kSpatialResolutionM));
  LM_ASSIGN_OR_RETURN(auto solver,
                      r.bounded("solver_spatial_resolution", limits::kSpatialResolutionM));
  raman.method = method.value_or(raman.method);
  raman.order = order.value_or(raman.order);
  raman.result_spatial_resolution_m = result.value_or(raman.result_spatial_resolution_m);
  raman.solver_spatial_resolution_m = solver.value_or(raman.solver_spatial_resolution_m);
  if (flag.value_or(false)) {
    return Error::unsupported(
               "true is not supported: lightmesh models no stimulated Raman scattering (expected "
               "false)")
        .at(r.doc().file, r.doc().place(r.pointer("flag")));
  }
  return {};
}

}  // namespace

Result<SimParams> read_gnpy_sim_params(std::string_view text, std::string_view file) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"nli_params", "raman_params"}));
  SimParams sim;
  if (const Json* nli = top.get("nli_params")) {
    LM_RETURN_IF_ERROR(read_nli(ObjectReader(doc, *nli, top.pointer("nli_params")), sim.nli));
  }
  if (const Json* raman = top.get("raman_params")) {
    LM_RETURN_IF_ERROR(
        read_raman(ObjectReader(doc, *raman, top.pointer("raman_params")), sim.raman));
  }
  return sim;
}

Result<SimParams> read_gnpy_sim_params_file(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return read_gnpy_sim_params(text, path);
}

}  // namespace lightmesh::io
