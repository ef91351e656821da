// GNPy simulation parameters: GNPy v2.12's defaults, a full file, and the methods and flags
// lightmesh refuses, each message naming the file and the field.
#include "io/gnpy_sim_params.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lightmesh {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string error_of(const std::string& text) {
  auto r = io::read_gnpy_sim_params(text, "sim.json");
  if (r) return "(read without error)";
  return r.error().to_string();
}

TEST(GnpySimParams, EmptyFileGivesGnpyDefaults) {
  auto r = io::read_gnpy_sim_params("{}", "sim.json");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->nli.method, "gn_model_analytic");
  EXPECT_EQ(r->nli.dispersion_tolerance, 4);
  EXPECT_EQ(r->nli.phase_shift_tolerance, 0.1);
  EXPECT_TRUE(r->nli.computed_channels.empty());
  EXPECT_FALSE(r->nli.computed_number_of_channels);
  EXPECT_FALSE(r->raman.flag);
  EXPECT_EQ(r->raman.method, "perturbative");
  EXPECT_EQ(r->raman.order, 2u);
  EXPECT_EQ(r->raman.result_spatial_resolution_m, 10e3);
  EXPECT_EQ(r->raman.solver_spatial_resolution_m, 10e3);
}

TEST(GnpySimParams, ReadsEveryField) {
  auto r = io::read_gnpy_sim_params(R"({
    "nli_params": {"method": "GN_Model_Analytic", "dispersion_tolerance": 1,
                   "phase_shift_tolerance": 0.2, "computed_channels": [1, 18, 37],
                   "computed_number_of_channels": 3},
    "raman_params": {"flag": false, "method": "numerical", "order": 1,
                     "result_spatial_resolution": 5e3, "solver_spatial_resolution": 50}})",
                                    "sim.json");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->nli.method, "gn_model_analytic");  // GNPy lower-cases it
  EXPECT_EQ(r->nli.dispersion_tolerance, 1);
  EXPECT_EQ(r->nli.phase_shift_tolerance, 0.2);
  EXPECT_THAT(r->nli.computed_channels, ElementsAre(1u, 18u, 37u));
  EXPECT_EQ(r->nli.computed_number_of_channels, 3u);
  EXPECT_EQ(r->raman.method, "numerical");
  EXPECT_EQ(r->raman.order, 1u);
  EXPECT_EQ(r->raman.result_spatial_resolution_m, 5e3);
  EXPECT_EQ(r->raman.solver_spatial_resolution_m, 50);
}

TEST(GnpySimParams, RefusesWhatLightmeshDoesNotCompute) {
  auto ggn = io::read_gnpy_sim_params(R"({"nli_params": {"method": "ggn_spectrally_separated"}})",
                                      "sim.json");
  ASSERT_FALSE(ggn);
  EXPECT_EQ(ggn.error().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(ggn.error().to_string(),
            "sim.json: /nli_params/method: \"ggn_spectrally_separated\" is not supported: "
            "lightmesh computes NLI with the analytic GN model only (expected "
            "\"gn_model_analytic\")");
  auto raman = io::read_gnpy_sim_params(R"({"raman_params": {"flag": true}})", "sim.json");
  ASSERT_FALSE(raman);
  EXPECT_EQ(raman.error().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(raman.error().to_string(),
            "sim.json: /raman_params/flag: true is not supported: lightmesh models no stimulated "
            "Raman scattering (expected false)");
}

TEST(GnpySimParams, BadInput) {
  EXPECT_EQ(error_of(R"({"nli_params": {"method": "split_step"}})"),
            "sim.json: /nli_params/method: unknown NLI method \"split_step\" (expected "
            "\"gn_model_analytic\")");
  EXPECT_EQ(error_of(R"({"nli_params": {"dispersion_tolerance": -1}})"),
            "sim.json: /nli_params/dispersion_tolerance: -1 is out of range (expected 0 < x ≤ "
            "1,000)");
  EXPECT_EQ(error_of(R"({"nli_params": {"phase_shift_tolerance": "0.1"}})"),
            "sim.json: /nli_params/phase_shift_tolerance: \"0.1\" is not a number (expected 0 < "
            "x ≤ 1,000)");
  // Tolerances are of order 1 and resolutions at most the longest fibre (core/limits.h).
  EXPECT_EQ(error_of(R"({"nli_params": {"phase_shift_tolerance": 1e15}})"),
            "sim.json: /nli_params/phase_shift_tolerance: 1e+15 is out of range (expected 0 < x "
            "≤ 1,000)");
  EXPECT_EQ(error_of(R"({"raman_params": {"solver_spatial_resolution": 1e308}})"),
            "sim.json: /raman_params/solver_spatial_resolution: 1e+308 is out of range (expected "
            "0 < x ≤ 40,000,000 m)");
  EXPECT_EQ(error_of(R"({"nli_params": {"computed_channels": [1, 0]}})"),
            "sim.json: /nli_params/computed_channels/1: 0 is not a channel number (expected 1, "
            "2, …)");
  EXPECT_THAT(error_of(R"({"nli_params": {"methods": "gn_model_analytic"}})"),
              HasSubstr("sim.json: /nli_params/methods: unknown field \"methods\""));
  EXPECT_THAT(error_of(R"({"nli": {}})"), HasSubstr("sim.json: /nli: unknown field \"nli\""));
  EXPECT_EQ(error_of(R"({"raman_params": {"flag": "no"}})"),
            "sim.json: /raman_params/flag: \"no\" is not true or false");
  EXPECT_EQ(error_of(R"({"raman_params": []})"),
            "sim.json: /raman_params: a list is not an object (expected {…})");
  EXPECT_EQ(error_of("[]"), "sim.json: a list is not an object (expected {…})");
  EXPECT_THAT(error_of(R"({"raman_params": {"order": 1.5}})"),
              HasSubstr("sim.json: /raman_params/order: 1.5 is not a whole number"));
}

}  // namespace
}  // namespace lightmesh
