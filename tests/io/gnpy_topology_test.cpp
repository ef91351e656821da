// GNPy topology JSON at the element level: hand-written topologies (a line and a small mesh in
// tests/io/fixtures/gnpy_topo/, and inline snippets) read against a small equipment library built
// here, values converted to SI, every class of bad input with its message naming the element and
// the field, and read → write → read identity.
#include "io/gnpy_topology.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/gnpy_equipment.h"

namespace lightmesh {
namespace {

using physics::EdfaElement;
using physics::ElementKind;
using physics::ElementNetwork;
using physics::FiberElement;
using physics::FusedElement;
using physics::RoadmElement;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/io/fixtures/gnpy_topo/" + name;
}

// A library with the figures of GNPy's example equipment for the types used here.
Equipment library() {
  Equipment eq;
  FiberVariety ssmf;
  ssmf.type_variety = "SSMF";
  ssmf.dispersion_s_per_m2 = 1.67e-5;
  ssmf.effective_area_m2 = 83e-12;
  ssmf.pmd_coef_s_per_sqrt_m = 1.265e-15;
  eq.fibers.push_back(ssmf);
  FiberVariety nzdf = ssmf;
  nzdf.type_variety = "NZDF";
  nzdf.dispersion_s_per_m2 = 5e-6;
  nzdf.effective_area_m2.reset();
  nzdf.gamma_per_w_per_m = 1.5e-3;
  eq.fibers.push_back(nzdf);
  FiberVariety raman = ssmf;
  raman.raman = true;
  eq.raman_fibers.push_back(raman);
  for (const char* name : {"std_low_gain", "std_medium_gain"}) {
    EdfaType a;
    a.type_variety = name;
    a.gain_flatmax_db = 26;
    a.gain_min_db = 15;
    a.p_max_dbm = 23;
    a.nf_min_db = 6;
    a.nf_max_db = 10;
    eq.edfas.push_back(a);
  }
  RoadmType roadm;  // "default"
  roadm.target = -20;
  roadm.add_drop_osnr_db = 38;
  roadm.booster_variety_list = {"std_medium_gain"};
  eq.roadms.push_back(roadm);
  RoadmType other = roadm;
  other.type_variety = "roadm_type_1";
  eq.roadms.push_back(other);
  return eq;
}

Result<ElementNetwork> read(const std::string& text) {
  return io::read_gnpy_topology(text, "topo.json", library());
}

// The message of reading `text`, which must fail.
std::string error_of(const std::string& text) {
  auto r = read(text);
  if (r) return "(read without error)";
  return r.error().to_string();
}

// A topology with the given elements and connections (JSON text of the two lists' contents).
std::string topology(const std::string& elements, const std::string& connections = "") {
  return R"({"elements": [)" + elements + R"(], "connections": [)" + connections + "]}";
}

const physics::Element& element(const ElementNetwork& net, const std::string& uid) {
  auto i = net.find(uid);
  if (!i) throw std::runtime_error("no element " + uid);
  return net.at(*i);
}

TEST(GnpyTopology, ReadsALineInSiUnits) {
  auto r = io::read_gnpy_topology_file(fixture("line.json"), library());
  ASSERT_TRUE(r) << r.error().to_string();
  const ElementNetwork& net = *r;
  EXPECT_EQ(net.name, "line");
  ASSERT_EQ(net.size(), 9u);

  const auto& trx = element(net, "trx A");
  EXPECT_EQ(trx.kind(), ElementKind::kTransceiver);
  EXPECT_EQ(trx.location.city, "A");
  EXPECT_DOUBLE_EQ(trx.location.latitude, 48.1);
  EXPECT_DOUBLE_EQ(trx.location.longitude, -3.4);

  const auto& roadm = element(net, "roadm A");
  ASSERT_EQ(roadm.kind(), ElementKind::kRoadm);
  EXPECT_EQ(roadm.type_variety, "default");
  const RoadmElement& r_a = *roadm.as<RoadmElement>();
  EXPECT_EQ(r_a.target_pch_out_dbm, -18);
  EXPECT_FALSE(r_a.target_psd_out_mw_per_ghz);
  EXPECT_THAT(r_a.per_degree_pch_out_dbm,
              ElementsAre(std::pair<const std::string, double>{"booster A", -17}));
  EXPECT_THAT(r_a.preamp_variety_list, ElementsAre("std_low_gain"));
  // Not given by the element: the library's list, as GNPy merges.
  EXPECT_THAT(r_a.booster_variety_list, ElementsAre("std_medium_gain"));

  const auto& span1 = element(net, "fiber A-B 1");
  ASSERT_EQ(span1.kind(), ElementKind::kFiber);
  EXPECT_EQ(span1.type_variety, "SSMF");
  const FiberElement& f1 = *span1.as<FiberElement>();
  EXPECT_DOUBLE_EQ(f1.params.length_m, 80e3);
  EXPECT_DOUBLE_EQ(f1.params.loss_db_per_km, 0.2);
  EXPECT_DOUBLE_EQ(f1.params.dispersion_s_per_m2, 1.67e-5);
  EXPECT_DOUBLE_EQ(f1.params.effective_area_m2, 83e-12);
  EXPECT_DOUBLE_EQ(f1.params.pmd_coef_s_per_sqrt_m, 1.265e-15);
  EXPECT_EQ(f1.att_in_db, 0.0);  // absent: 0, as GNPy
  EXPECT_FALSE(f1.con_in_db);    // null: left to design
  EXPECT_FALSE(f1.con_out_db);
  EXPECT_THAT(f1.params.lumped_losses_db, ElementsAre(0.5, 1.0));
  EXPECT_THAT(f1.lumped_loss_positions_m, ElementsAre(10e3, 40e3));

  const FiberElement& f2 = *element(net, "fiber A-B 2").as<FiberElement>();
  EXPECT_DOUBLE_EQ(f2.params.length_m, 65432.1);  // given in metres
  EXPECT_EQ(f2.con_in_db, 0.5);
  EXPECT_EQ(f2.con_out_db, 0.25);
  EXPECT_DOUBLE_EQ(f2.params.con_in_db, 0.5);
  EXPECT_FALSE(f2.att_in_db);  // null: left to design
  EXPECT_DOUBLE_EQ(f2.params.dispersion_s_per_m2, 5e-6);
  EXPECT_EQ(f2.params.gamma_per_w_m, 1.5e-3);

  const auto& amp = element(net, "booster A");
  ASSERT_EQ(amp.kind(), ElementKind::kEdfa);
  EXPECT_EQ(amp.type_variety, "std_medium_gain");
  const EdfaElement& a = *amp.as<EdfaElement>();
  EXPECT_EQ(a.gain_target_db, 20);
  EXPECT_EQ(a.delta_p_db, -1);
  EXPECT_EQ(a.tilt_target_db, 0);
  EXPECT_EQ(a.out_voa_db, 0);
  EXPECT_FALSE(a.in_voa_db);

  const auto& inline_amp = element(net, "inline amp");
  EXPECT_EQ(inline_amp.type_variety, "");  // no type: design chooses
  EXPECT_FALSE(inline_amp.as<EdfaElement>()->gain_target_db);

  EXPECT_DOUBLE_EQ(element(net, "fused B").as<FusedElement>()->loss_db, 1.0);  // GNPy's default

  // Connections in the file's order.
  std::vector<std::string> order;
  for (auto [from, to] : net.connections())
    order.push_back(net.at(from).uid + ">" + net.at(to).uid);
  EXPECT_THAT(order, ElementsAre("trx A>roadm A", "roadm A>booster A", "booster A>fiber A-B 1",
                                 "fiber A-B 1>inline amp", "inline amp>fiber A-B 2",
                                 "fiber A-B 2>fused B", "fused B>roadm B", "roadm B>trx B"));
}

TEST(GnpyTopology, ReadsAMeshKeepingSuccessorOrder) {
  auto r = io::read_gnpy_topology_file(fixture("mesh.json"), library());
  ASSERT_TRUE(r) << r.error().to_string();
  const ElementNetwork& net = *r;
  const auto roadm_a = *net.find("roadm A");
  std::vector<std::string> next;
  for (auto i : net.successors(roadm_a)) next.push_back(net.at(i).uid);
  EXPECT_THAT(next, ElementsAre("trx A", "fiber A-C", "fiber A-B"));
  std::vector<std::string> prev;
  for (auto i : net.predecessors(roadm_a)) prev.push_back(net.at(i).uid);
  EXPECT_THAT(prev, ElementsAre("trx A", "fiber C-A", "fiber B-A"));
  EXPECT_EQ(element(net, "roadm C").type_variety, "roadm_type_1");
  const RoadmElement& c = *element(net, "roadm C").as<RoadmElement>();
  EXPECT_EQ(c.target_psd_out_mw_per_ghz, 3.125e-4);
  EXPECT_FALSE(c.target_pch_out_dbm);
  EXPECT_EQ(c.per_degree_psd_out_mw_per_ghz.at("fiber C-A"), 2.5e-4);
  EXPECT_EQ(c.per_degree_out_mw_per_slot_width.at("fiber C-B"), 2e-4);
  // A repeated connection is one edge, as in GNPy's graph.
  EXPECT_EQ(net.connections().size(), 18u);
}

// ---- bad input: one line naming the file, the JSON pointer, the element and the field ----

const char* kTrx = R"({"uid": "t", "type": "Transceiver"})";

std::string fiber(const std::string& params, const std::string& variety = "\"SSMF\"") {
  return R"({"uid": "f", "type": "Fiber", "type_variety": )" + variety + R"(, "params": )" +
         params + "}";
}

TEST(GnpyTopologyErrors, UnknownElementType) {
  EXPECT_EQ(error_of(topology(R"({"uid": "x", "type": "Splitter"})")),
            "topo.json: /elements/0/type: element \"x\": unknown type \"Splitter\" (expected "
            "Transceiver, Roadm, Fused, Fiber, RamanFiber or Edfa)");
  auto r = read(topology(R"({"uid": "mb", "type": "Multiband_amplifier"})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kUnsupported);
  EXPECT_THAT(r.error().to_string(),
              HasSubstr("/elements/0/type: Multiband_amplifier \"mb\": multi-band amplifiers are "
                        "not supported"));
  EXPECT_EQ(error_of(topology(R"({"uid": "x"})")),
            "topo.json: /elements/0: element \"x\": missing required field \"type\" (expected "
            "Transceiver, Roadm, Fused, Fiber, RamanFiber or Edfa)");
}

TEST(GnpyTopologyErrors, DuplicateUid) {
  EXPECT_EQ(error_of(topology(std::string(kTrx) + ", " + R"({"uid": "t", "type": "Fused"})")),
            "topo.json: /elements/1/uid: Fused \"t\": a second element with this uid (the first "
            "is /elements/0)");
}

TEST(GnpyTopologyErrors, MissingOrUnknownEquipmentType) {
  EXPECT_EQ(error_of(topology(
                fiber(R"({"length": 1, "length_units": "km", "loss_coef": 0.2})", R"("G654")"))),
            "topo.json: /elements/0/type_variety: Fiber \"f\": \"G654\" is not a Fiber type of the "
            "equipment library (known: \"SSMF\", \"NZDF\")");
  EXPECT_EQ(
      error_of(topology(
          R"({"uid": "f", "type": "Fiber", "params": {"length": 1, "length_units": "km", "loss_coef": 0.2}})")),
      "topo.json: /elements/0: Fiber \"f\": missing \"type_variety\", and the equipment library "
      "has no Fiber type \"default\" (GNPy looks that name up when none is given; known: "
      "\"SSMF\", \"NZDF\")");
  EXPECT_EQ(error_of(topology(R"({"uid": "a", "type": "Edfa", "type_variety": "big"})")),
            "topo.json: /elements/0/type_variety: Edfa \"a\": \"big\" is not an Edfa type of the "
            "equipment library (known: \"std_low_gain\", \"std_medium_gain\")");
  EXPECT_EQ(error_of(topology(R"({"uid": "r", "type": "Roadm", "type_variety": "cdc"})")),
            "topo.json: /elements/0/type_variety: Roadm \"r\": \"cdc\" is not a Roadm type of the "
            "equipment library (known: \"default\", \"roadm_type_1\")");
  // A RamanFiber is looked up among the library's RamanFiber types.
  EXPECT_THAT(
      error_of(topology(
          R"({"uid": "f", "type": "RamanFiber", "type_variety": "NZDF", "params": {"length": 1, "length_units": "km", "loss_coef": 0.2}})")),
      HasSubstr("RamanFiber \"f\": \"NZDF\" is not a RamanFiber type"));
  EXPECT_THAT(
      error_of(topology(
          R"({"uid": "r", "type": "Roadm", "params": {"restrictions": {"booster_variety_list": ["std_low_gain", "nope"]}}})")),
      HasSubstr("/elements/0/params/restrictions/booster_variety_list/1: Roadm \"r\": names "
                "\"nope\", which is not an Edfa type"));
}

TEST(GnpyTopologyErrors, UnitsAndValues) {
  EXPECT_EQ(error_of(topology(fiber(R"({"length": 1, "length_units": "mi", "loss_coef": 0.2})"))),
            "topo.json: /elements/0/params/length_units: Fiber \"f\": unknown length unit \"mi\" "
            "(expected \"km\" or \"m\")");
  EXPECT_EQ(error_of(topology(fiber(R"({"length": -1, "length_units": "km", "loss_coef": 0.2})"))),
            "topo.json: /elements/0/params/length: Fiber \"f\": -1 is negative (expected a length "
            "in length_units)");
  EXPECT_EQ(error_of(topology(fiber(R"({"length": 1, "length_units": "km", "loss_coef": -0.2})"))),
            "topo.json: /elements/0/params/loss_coef: Fiber \"f\": -0.2 is out of range "
            "(expected 0 ≤ x ≤ 10 dB/km)");
  EXPECT_EQ(error_of(topology(fiber(R"({"length": 1, "loss_coef": 0.2})"))),
            "topo.json: /elements/0/params: Fiber \"f\": missing required field \"length_units\" "
            "(expected \"km\" or \"m\")");
  EXPECT_EQ(error_of(topology(fiber(R"({"length_units": "km", "loss_coef": 0.2})"))),
            "topo.json: /elements/0/params: Fiber \"f\": missing required field \"length\" "
            "(expected a length in length_units)");
  EXPECT_EQ(error_of(topology(fiber(R"({"length": 1, "length_units": "km"})"))),
            "topo.json: /elements/0/params: Fiber \"f\": missing required field \"loss_coef\" "
            "(expected the fibre loss in dB/km)");
  EXPECT_EQ(error_of(topology(R"({"uid": "f", "type": "Fiber", "type_variety": "SSMF"})")),
            "topo.json: /elements/0: Fiber \"f\": missing required field \"params\" (expected "
            "{\"length\", \"length_units\", \"loss_coef\"})");
  EXPECT_THAT(error_of(topology(fiber(
                  R"({"length": 1, "length_units": "km", "loss_coef": 0.2, "con_in": -0.5})"))),
              HasSubstr("/elements/0/params/con_in: Fiber \"f\": -0.5 is out of range"));
  EXPECT_EQ(error_of(topology(R"({"uid": "s", "type": "Fused", "params": {"loss": -1}})")),
            "topo.json: /elements/0/params/loss: Fused \"s\": -1 is out of range (expected "
            "0 ≤ x ≤ 1,000 dB)");
  EXPECT_THAT(
      error_of(topology(fiber(
          R"({"length": 20, "length_units": "km", "loss_coef": 0.2, "lumped_losses": [{"position": 20, "loss": 1}]})"))),
      HasSubstr("/elements/0/params/lumped_losses/0/position: Fiber \"f\": 20 km is not inside "
                "the fibre (expected a position between 0 and 20 km, both excluded)"));
  EXPECT_THAT(error_of(topology(fiber(
                  R"({"length": 1, "length_units": "km", "loss_coef": 0.2, "dispersion": 16.7})"))),
              HasSubstr("/elements/0/params/dispersion: Fiber \"f\": 16.7 is out of range for a "
                        "dispersion in s/m²"));
  EXPECT_THAT(
      error_of(topology(
          R"({"uid": "r", "type": "Roadm", "params": {"target_pch_out_db": -20, "target_psd_out_mWperGHz": 3e-4}})")),
      HasSubstr("/elements/0/params/target_psd_out_mWperGHz: Roadm \"r\": both "
                "\"target_pch_out_db\" and \"target_psd_out_mWperGHz\""));
  EXPECT_THAT(
      error_of(topology(
          R"({"uid": "r", "type": "Roadm", "params": {"per_degree_psd_out_mWperGHz": {"x/y": 0}}})")),
      HasSubstr("/elements/0/params/per_degree_psd_out_mWperGHz/x~1y: Roadm \"r\": 0 for degree "
                "\"x/y\""));
  EXPECT_THAT(error_of(topology(R"({"uid": "a", "type": "Edfa", "operational": {"out_voa": -1}})")),
              HasSubstr("/elements/0/operational/out_voa: Edfa \"a\": -1 is out of range"));
  EXPECT_THAT(
      error_of(topology(
          R"({"uid": "t", "type": "Transceiver", "metadata": {"location": {"latitude": 91}}})")),
      HasSubstr("/elements/0/metadata/location/latitude: Transceiver \"t\": 91 is out of "
                "range (expected −90 ≤ x ≤ 90 degrees)"));
}

TEST(GnpyTopology, GammaCountsOnlyWithoutAnArea) {
  // SSMF has an effective area: GNPy scales γ from it and leaves a stated gamma unused.
  auto r = read(
      topology(fiber(R"({"length": 1, "length_units": "km", "loss_coef": 0.2, "gamma": 2e-3})")));
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_FALSE(r->at(0).as<FiberElement>()->params.gamma_per_w_m);
  EXPECT_DOUBLE_EQ(r->at(0).as<FiberElement>()->params.effective_area_m2, 83e-12);
  // NZDF has only gamma; the element's own gamma replaces it.
  auto g = read(topology(fiber(
      R"({"length": 1, "length_units": "km", "loss_coef": 0.2, "gamma": 2e-3})", R"("NZDF")")));
  ASSERT_TRUE(g) << g.error().to_string();
  EXPECT_EQ(g->at(0).as<FiberElement>()->params.gamma_per_w_m, 2e-3);
}

// Each value is refused where it is read, with the file, the pointer and the range of
// core/limits.h, rather than by a later physics check that cannot name the field.
TEST(GnpyTopologyErrors, ValuesOutOfTheirRangeNameTheField) {
  const std::string fiber =
      R"({"uid": "f", "type": "Fiber", "type_variety": "SSMF", "params": {"length": 80, )"
      R"("length_units": "km", "loss_coef": 0.2, )";
  EXPECT_EQ(error_of(topology(fiber + R"("effective_area": 5e-324}})")),
            "topo.json: /elements/0/params/effective_area: Fiber \"f\": 4.94066e-324 is out of "
            "range for an effective area in m² (1e-12 ≤ x < 1e-08): expected m², e.g. 83e-12");
  EXPECT_EQ(error_of(topology(fiber + R"("dispersion_slope": 1e19}})")),
            "topo.json: /elements/0/params/dispersion_slope: Fiber \"f\": 1e+19 is out of range "
            "(expected −100,000 ≤ x ≤ 100,000 s/m³)");
  // GNPy reads a target of 0 dBm as none, and design would then find the ROADM without one.
  EXPECT_EQ(
      error_of(topology(R"({"uid": "r", "type": "Roadm", "params": {"target_pch_out_db": 0}})")),
      "topo.json: /elements/0/params/target_pch_out_db: Roadm \"r\": 0 dBm reads as no "
      "target in GNPy (expected a power other than 0 within −50 ≤ x ≤ 50 dBm)");
  EXPECT_EQ(
      error_of(topology(
          R"({"uid": "r", "type": "Roadm", "params": {"per_degree_pch_out_db": {"f": 1e308}}})")),
      "topo.json: /elements/0/params/per_degree_pch_out_db/f: Roadm \"r\": 1e+308 for degree "
      "\"f\" in \"per_degree_pch_out_db\" is out of range (expected −50 ≤ x ≤ 50 dBm)");
  EXPECT_THAT(
      error_of(topology(R"({"uid": ")" + std::string(257, 'u') + R"(", "type": "Transceiver"})")),
      HasSubstr("topo.json: /elements/0/uid: element: \"uuuu"));
  EXPECT_THAT(
      error_of(topology(R"({"uid": ")" + std::string(257, 'u') + R"(", "type": "Transceiver"})")),
      HasSubstr("257 bytes is too long for an id (expected at most 256 bytes)"));
}

TEST(GnpyTopologyErrors, PerFrequencyLoss) {
  // The same value at every frequency is one loss.
  auto r = read(topology(fiber(
      R"({"length": 1, "length_units": "km", "loss_coef": {"value": [0.21, 0.21], "frequency": [191e12, 196e12]}})")));
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_DOUBLE_EQ(r->at(0).as<FiberElement>()->params.loss_db_per_km, 0.21);
  auto varying = read(topology(fiber(
      R"({"length": 1, "length_units": "km", "loss_coef": {"value": [0.2, 0.22], "frequency": [191e12, 196e12]}})")));
  ASSERT_FALSE(varying);
  EXPECT_EQ(varying.error().code(), ErrorCode::kUnsupported);
  EXPECT_THAT(varying.error().to_string(),
              HasSubstr("/elements/0/params/loss_coef: Fiber \"f\": a loss_coef that varies with "
                        "frequency is not supported"));
  EXPECT_THAT(
      error_of(topology(fiber(
          R"({"length": 1, "length_units": "km", "loss_coef": 0.2, "dispersion_per_frequency": {}})"))),
      HasSubstr("/elements/0/params/dispersion_per_frequency: Fiber \"f\": a dispersion per "
                "frequency is not supported"));
}

TEST(GnpyTopologyErrors, BrokenConnections) {
  EXPECT_EQ(error_of(topology(kTrx, R"({"from_node": "t", "to_node": "t"})")),
            "topo.json: /connections/0/to_node: connection 0: connects \"t\" to itself");
  auto r =
      read(topology(std::string(kTrx) + R"(, {"uid": "s", "type": "Fused"})",
                    R"({"from_node": "t", "to_node": "s"}, {"from_node": "s", "to_node": "u"})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(r.error().to_string(),
            "topo.json: /connections/1/to_node: connection 1: to_node \"u\" is not the uid of an "
            "element");
  EXPECT_EQ(error_of(topology(kTrx, R"({"from_node": "t"})")),
            "topo.json: /connections/0: connection 0: missing required field \"to_node\" "
            "(expected the uid of an element)");
  EXPECT_EQ(error_of(R"({"elements": []})"),
            "topo.json: missing required field \"connections\" (expected a list of "
            "{\"from_node\", \"to_node\"})");
}

TEST(GnpyTopologyErrors, WrongJsonTypes) {
  EXPECT_EQ(
      error_of(topology(fiber(R"({"length": "80", "length_units": "km", "loss_coef": 0.2})"))),
      "topo.json: /elements/0/params/length: Fiber \"f\": \"80\" is not a number (expected "
      "a length in length_units)");
  EXPECT_EQ(error_of(topology(fiber("[]"))),
            "topo.json: /elements/0/params: Fiber \"f\": a list is not an object (expected {…})");
  EXPECT_EQ(error_of(topology(R"({"uid": 7, "type": "Fused"})")),
            "topo.json: /elements/0/uid: element: 7 is not a string");
  EXPECT_EQ(error_of(R"({"elements": {}, "connections": []})"),
            "topo.json: /elements: an object is not a list (expected […])");
  EXPECT_EQ(error_of("[]"),
            "topo.json: a list is not an object (expected {\"elements\": […], \"connections\": "
            "[…]})");
  EXPECT_THAT(error_of("{"), HasSubstr("invalid JSON"));
  EXPECT_THAT(
      error_of(topology(R"({"uid": "a", "type": "Edfa", "operational": {"gain_target": true}})")),
      HasSubstr("/elements/0/operational/gain_target: Edfa \"a\": true is not a number"));
  EXPECT_THAT(
      error_of(topology(
          R"({"uid": "r", "type": "Roadm", "params": {"restrictions": {"preamp_variety_list": "std_low_gain"}}})")),
      HasSubstr(
          "/elements/0/params/restrictions/preamp_variety_list: Roadm \"r\": \"std_low_gain\" "
          "is not a list"));
  EXPECT_THAT(
      error_of(topology(
          R"({"uid": "r", "type": "RamanFiber", "type_variety": "SSMF", "params": {"length": 1, "length_units": "km", "loss_coef": 0.2}})")),
      HasSubstr("/elements/0/operational: RamanFiber \"r\": missing required field "
                "\"raman_pumps\""));
}

// ---- writing ----

TEST(GnpyTopologyWrite, ReadWriteReadIsIdentical) {
  for (const char* name : {"line.json", "mesh.json"}) {
    auto first = io::read_gnpy_topology_file(fixture(name), library());
    ASSERT_TRUE(first) << first.error().to_string();
    const std::string text = io::write_gnpy_topology(*first);
    auto second = io::read_gnpy_topology(text, "written.json", library());
    ASSERT_TRUE(second) << second.error().to_string();
    EXPECT_EQ(io::write_gnpy_topology(*second), text) << name;
    ASSERT_EQ(second->size(), first->size());
    EXPECT_EQ(second->connections(), first->connections());
    EXPECT_EQ(second->name, first->name);
    for (std::size_t i = 0; i < first->size(); ++i) {
      const auto& a = first->at(i);
      const auto& b = second->at(i);
      EXPECT_EQ(a.uid, b.uid);
      EXPECT_EQ(a.type_variety, b.type_variety);
      EXPECT_EQ(a.kind(), b.kind());
      EXPECT_EQ(a.location.latitude, b.location.latitude);
      EXPECT_EQ(a.location.city, b.location.city);
      EXPECT_EQ(a.extra_params_json, b.extra_params_json);
      if (const auto* f = a.as<FiberElement>()) {
        const auto* g = b.as<FiberElement>();
        EXPECT_EQ(f->params.length_m, g->params.length_m) << a.uid;
        EXPECT_EQ(f->params.loss_db_per_km, g->params.loss_db_per_km);
        EXPECT_EQ(f->params.dispersion_s_per_m2, g->params.dispersion_s_per_m2);
        EXPECT_EQ(f->params.lumped_losses_db, g->params.lumped_losses_db);
        EXPECT_EQ(f->lumped_loss_positions_m, g->lumped_loss_positions_m);
        EXPECT_EQ(f->con_in_db, g->con_in_db);
        EXPECT_EQ(f->att_in_db, g->att_in_db);
      }
      if (const auto* r = a.as<RoadmElement>()) {
        const auto* s = b.as<RoadmElement>();
        EXPECT_EQ(r->target_pch_out_dbm, s->target_pch_out_dbm);
        EXPECT_EQ(r->target_psd_out_mw_per_ghz, s->target_psd_out_mw_per_ghz);
        EXPECT_EQ(r->per_degree_out_mw_per_slot_width, s->per_degree_out_mw_per_slot_width);
        EXPECT_EQ(r->booster_variety_list, s->booster_variety_list);
      }
      if (const auto* e = a.as<EdfaElement>()) {
        const auto* f = b.as<EdfaElement>();
        EXPECT_EQ(e->gain_target_db, f->gain_target_db);
        EXPECT_EQ(e->delta_p_db, f->delta_p_db);
      }
    }
  }
}

TEST(GnpyTopologyWrite, WritesGnpySaveNetworkShape) {
  auto net = io::read_gnpy_topology_file(fixture("line.json"), library());
  ASSERT_TRUE(net) << net.error().to_string();
  // Design fills what the file left open; the writer then states it.
  physics::Element& span = net->at(*net->find("fiber A-B 1"));
  span.as<FiberElement>()->con_in_db = 0.25;
  const auto j = nlohmann::json::parse(io::write_gnpy_topology(*net));
  EXPECT_EQ(j["network_name"], "line");
  const auto& elements = j["elements"];
  EXPECT_EQ(elements[0], nlohmann::json::parse(R"({"uid": "trx A", "type": "Transceiver",
      "metadata": {"location": {"latitude": 48.1, "longitude": -3.4, "city": "A", "region": "West"}}})"));
  EXPECT_EQ(elements[3]["params"], nlohmann::json::parse(R"({"length": 80.0, "loss_coef": 0.2,
      "length_units": "km", "att_in": 0.0, "con_in": 0.25, "con_out": null,
      "lumped_losses": [{"position": 10.0, "loss": 0.5}, {"position": 40.0, "loss": 1.0}]})"));
  EXPECT_EQ(elements[3]["metadata"]["location"]["city"], nullptr);
  EXPECT_EQ(elements[4]["type_variety"], "");
  EXPECT_EQ(elements[4]["operational"], nlohmann::json::parse(R"({"gain_target": null,
      "delta_p": null, "tilt_target": null, "out_voa": null})"));
  // 65432.1 m has no km value that reads back exactly, so it stays in metres.
  EXPECT_EQ(elements[5]["params"]["length"], 65432.1);
  EXPECT_EQ(elements[5]["params"]["length_units"], "m");
  EXPECT_EQ(elements[5]["params"]["att_in"], nullptr);
  EXPECT_EQ(elements[6]["params"], nlohmann::json::parse(R"({"loss": 1.0})"));
  EXPECT_EQ(elements[7]["type_variety"], "default");
  EXPECT_EQ(elements[7]["params"], nlohmann::json::parse(R"({"restrictions":
      {"preamp_variety_list": [], "booster_variety_list": ["std_medium_gain"]}})"));
  EXPECT_EQ(j["connections"][0],
            nlohmann::json::parse(R"({"from_node": "trx A", "to_node": "roadm A"})"));
}

TEST(GnpyTopologyWrite, KeepsWhatItDoesNotModel) {
  auto net = read(topology(
      R"({"uid": "t", "type": "Transceiver", "params": {"design_bands": [{"f_min": 191.3e12, "f_max": 196.1e12}]}},
         {"uid": "r", "type": "Roadm", "params": {"per_degree_impairments": [{"from_degree": "a", "to_degree": "b", "impairment_id": 1}]}},
         {"uid": "f", "type": "Fiber", "type_variety": "SSMF", "params": {"length": 1, "length_units": "km", "loss_coef": 0.2, "dispersion": 1.7e-5, "ref_wavelength": 1.55e-6}},
         {"uid": "a", "type": "Edfa", "operational": {"gain_target": 12, "tilt_target": "", "in_voa": 1.5}, "params": {"p_max": 20}})"));
  ASSERT_TRUE(net) << net.error().to_string();
  EXPECT_DOUBLE_EQ(net->at(2).as<FiberElement>()->params.dispersion_s_per_m2, 1.7e-5);
  EXPECT_DOUBLE_EQ(net->at(2).as<FiberElement>()->params.ref_wavelength_m, 1.55e-6);
  EXPECT_FALSE(net->at(3).as<EdfaElement>()->tilt_target_db);
  EXPECT_FALSE(net->at(3).as<EdfaElement>()->in_voa_db);  // GNPy v2.12 ignores in_voa
  const auto j = nlohmann::json::parse(io::write_gnpy_topology(*net));
  EXPECT_EQ(j["elements"][0]["params"]["design_bands"][0]["f_min"], 191.3e12);
  EXPECT_EQ(j["elements"][1]["params"]["per_degree_impairments"][0]["impairment_id"], 1);
  EXPECT_EQ(j["elements"][2]["params"]["dispersion"], 1.7e-5);
  EXPECT_EQ(j["elements"][2]["params"]["ref_wavelength"], 1.55e-6);
  EXPECT_EQ(j["elements"][3]["params"]["p_max"], 20);
  EXPECT_EQ(j["elements"][3]["operational"]["in_voa"], 1.5);
}

// Every topology of GNPy's own data (the oracle folder named by LIGHTMESH_GNPY_DATA) loads with
// the equipment library beside it. Skipped when the variable is unset.
TEST(GnpyTopology, ReadsEveryOracleTopology) {
  const char* root = std::getenv("LIGHTMESH_GNPY_DATA");
  if (!root) GTEST_SKIP() << "LIGHTMESH_GNPY_DATA is not set";
  namespace fs = std::filesystem;
  int read_count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find("\"connections\"") == std::string::npos) continue;
    const fs::path folder = entry.path().parent_path();
    fs::path eqpt = folder / "eqpt_config.json";
    if (!fs::exists(eqpt)) eqpt = folder / "eqpt_config_gain_mode.json";
    auto eq = io::read_gnpy_equipment(eqpt.string());
    ASSERT_TRUE(eq) << eq.error().to_string();
    auto net = io::read_gnpy_topology(text.str(), entry.path().string(), *eq);
    ASSERT_TRUE(net) << net.error().to_string();
    // Written and read again, it is the same network.
    const std::string once = io::write_gnpy_topology(*net);
    auto again = io::read_gnpy_topology(once, "written.json", *eq);
    ASSERT_TRUE(again) << again.error().to_string();
    EXPECT_EQ(io::write_gnpy_topology(*again), once) << entry.path();
    // GNPy's own --save-network output comes back value for value (an empty city or region
    // is written null).
    if (entry.path().filename() == "gnpy_network_after_autodesign.json") {
      auto original = nlohmann::json::parse(text.str());
      for (auto& e : original["elements"]) {
        for (const char* key : {"city", "region"}) {
          auto& v = e["metadata"]["location"][key];
          if (v == "") v = nullptr;
        }
      }
      EXPECT_EQ(nlohmann::json::parse(once), original) << entry.path();
    }
    ++read_count;
  }
  EXPECT_GT(read_count, 0);
}

}  // namespace
}  // namespace lightmesh
