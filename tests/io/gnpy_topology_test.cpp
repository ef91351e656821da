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
  FiberType ssmf;
  ssmf.type_variety = "SSMF";
  ssmf.dispersion_s_per_m2 = 1.67e-5;
  ssmf.effective_area_m2 = 83e-12;
  ssmf.pmd_coef_s_per_sqrt_m = 1.265e-15;
  eq.fibers.push_back(ssmf);
  FiberType nzdf = ssmf;
  nzdf.type_variety = "NZDF";
  nzdf.dispersion_s_per_m2 = 5e-6;
  nzdf.effective_area_m2.reset();
  nzdf.gamma_per_w_per_m = 1.5e-3;
  eq.fibers.push_back(nzdf);
  FiberType raman = ssmf;
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
    ++read_count;
  }
  EXPECT_GT(read_count, 0);
}

}  // namespace
}  // namespace lightmesh
