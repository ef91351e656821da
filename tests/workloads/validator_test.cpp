// The independent placement validator: a hand-built valid choice of each kind passes, and each
// rule, broken on purpose in a copy of it, is reported. Latencies are checked against the closed
// formula of docs/design.md (fibre km × 4.90 µs + 0.5 µs per node + 15 µs transceiver pair).
#include "workloads/validator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "rsa/test_networks.h"

namespace lightmesh::workloads {
namespace {

// One-way latency of a route of `km` fibre through `nodes` nodes with the default element figures.
double one_way(double km, int nodes) { return km * 4.90 + nodes * 0.5 + 15.0; }

// Four sites:  D —10 km— A —40 km— B —100 km— C,  and D —200 km— C.
//   A (JP): 32 H100 (NVLink 8), 256 cores, 100 TB — not confidential
//   B (JP): 16 H100 confidential + diskless, 8 A100, 128 cores, 50 TB
//   C (KR): 16 H100 confidential + diskless, 64 cores, 10 TB
//   D (JP): 8 H100 in NVLink domains of 4, no cores, no storage
Network test_network() {
  NetworkSpec spec;
  spec.name = "validator";
  spec.modes = lightmesh::testing::test_modes();
  auto site = [&](const char* id, const char* jurisdiction, Compute c) {
    SiteSpec s = lightmesh::testing::site(id);
    s.jurisdiction = jurisdiction;
    s.compute = std::move(c);
    spec.sites.push_back(std::move(s));
  };
  site("A", "JP",
       {.gpus = {{.model = "H100", .count = 32, .nvlink_domain = 8}},
        .cpu_cores = 256,
        .storage_tb = 100});
  site("B", "JP",
       {.gpus = {{.model = "H100",
                  .count = 16,
                  .nvlink_domain = 8,
                  .confidential = true,
                  .diskless = true},
                 {.model = "A100", .count = 8, .nvlink_domain = 8}},
        .cpu_cores = 128,
        .storage_tb = 50});
  site("C", "KR",
       {.gpus = {{.model = "H100",
                  .count = 16,
                  .nvlink_domain = 8,
                  .confidential = true,
                  .diskless = true}},
        .cpu_cores = 64,
        .storage_tb = 10});
  site("D", "JP", {.gpus = {{.model = "H100", .count = 8, .nvlink_domain = 4}}});
  spec.fibers.push_back(lightmesh::testing::fiber("AB", "A", "B", 40));
  spec.fibers.push_back(lightmesh::testing::fiber("BC", "B", "C", 100));
  spec.fibers.push_back(lightmesh::testing::fiber("AD", "A", "D", 10));
  spec.fibers.push_back(lightmesh::testing::fiber("DC", "D", "C", 200));
  auto net = build_network(std::move(spec));
  if (!net) throw std::runtime_error(net.error().to_string());
  return std::move(net).value();
}

class ValidatorTest : public ::testing::Test {
 protected:
  ValidatorTest()
      : net(test_network()),
        latency(SiteMatrix::build(net)),
        free(FreeCompute::from_inventory(net)) {}

  SiteIndex s(const char* id) const { return net.find_site(id); }

  std::vector<std::string> check(const WorkloadSpec& spec, const Choice& c,
                                 const std::vector<double>* one_way_us = nullptr) const {
    return violations(net, latency, free, spec, c, one_way_us);
  }

  // The violations include one containing `part` (and, shown on failure, what they were).
  void expect_violation(const WorkloadSpec& spec, const Choice& c, const std::string& part,
                        const std::vector<double>* one_way_us = nullptr) const {
    const auto v = check(spec, c, one_way_us);
    std::string all;
    bool found = false;
    for (const auto& line : v) {
      all += "\n  " + line;
      found = found || line.find(part) != std::string::npos;
    }
    EXPECT_TRUE(found) << "no violation containing \"" << part << "\" among:" << all;
  }

  void expect_valid(const WorkloadSpec& spec, const Choice& c,
                    const std::vector<double>* one_way_us = nullptr) const {
    const auto v = check(spec, c, one_way_us);
    std::string all;
    for (const auto& line : v) all += "\n  " + line;
    EXPECT_TRUE(v.empty()) << "unexpected violations:" << all;
  }

  Network net;
  SiteMatrix latency;
  FreeCompute free;
};

TEST_F(ValidatorTest, TheMatrixFollowsTheLatencyFormula) {
  // The latencies the checks below rely on, from the closed formula rather than the code.
  EXPECT_NEAR(latency.one_way_us(s("A"), s("B")), one_way(40, 2), 1e-9);   // 212
  EXPECT_NEAR(latency.one_way_us(s("A"), s("D")), one_way(10, 2), 1e-9);   // 65
  EXPECT_NEAR(latency.one_way_us(s("A"), s("C")), one_way(140, 3), 1e-9);  // 702.5 via B
  EXPECT_NEAR(latency.one_way_us(s("B"), s("D")), one_way(50, 3), 1e-9);   // 261.5 via A
  EXPECT_NEAR(latency.one_way_us(s("D"), s("C")), one_way(150, 4), 1e-9);  // 752 via A, B
}

// ---- Training ----

WorkloadSpec training_spec() {
  TrainingSpec t;
  t.gpus = 32;
  t.gpu_model = "H100";
  t.params_b = 7;
  t.layers = 32;
  t.hidden = 4096;
  t.seq = 4096;
  t.tp = 8;
  t.pp = 2;
  t.dp = 2;
  t.step_compute_s = 1.0;
  return WorkloadSpec{.body = t};
}

Choice training_choice(const Network& net) {
  Choice c;
  c.sites = {{.site = net.find_site("A"), .gpu_model = "H100", .gpus = 16, .role = "stage"},
             {.site = net.find_site("B"), .gpu_model = "H100", .gpus = 16, .role = "stage"}};
  c.links = {{.a = net.find_site("A"), .b = net.find_site("B"), .gbps = 400}};
  c.prediction = {{"step_s", 1.02},
                  {"single_site_step_s", 1.0},
                  {"slowdown", 1.02},
                  {"links", {{{"a", "A"}, {"b", "B"}, {"alpha_us", 212.0}, {"gbps", 400.0}}}}};
  return c;
}

TEST_F(ValidatorTest, TrainingValid) {
  expect_valid(training_spec(), training_choice(net));
  // One site is fine too, with no links at all.
  Choice one;
  one.sites = {{.site = s("A"), .gpu_model = "H100", .gpus = 32}};
  one.prediction = {{"step_s", 1.0}, {"single_site_step_s", 1.0}, {"slowdown", 1.0}};
  expect_valid(training_spec(), one);
}

TEST_F(ValidatorTest, ARefusedChoiceHasNoViolations) {
  Choice c = training_choice(net);
  c.sites[0].site = 99;
  c.prediction = nlohmann::ordered_json::object();
  c.refusal = Refusal{.reason = "NO_CAPACITY", .rule = "gpus", .detail = "not enough GPUs"};
  EXPECT_TRUE(check(training_spec(), c).empty());
}

TEST_F(ValidatorTest, TrainingGpuCountAndGroups) {
  Choice fewer = training_choice(net);
  fewer.sites[1].gpus = 8;
  expect_violation(training_spec(), fewer, "24 GPUs placed, the job needs 32");

  Choice split = training_choice(net);
  split.sites[0].gpus = 20;
  split.sites[1].gpus = 12;
  expect_violation(training_spec(), split, "A: 20 GPUs are not whole tensor-parallel groups of 8");
  expect_violation(training_spec(), split, "B: 12 GPUs are not whole tensor-parallel groups of 8");

  // D's NVLink domains hold 4 GPUs: a TP group of 8 would span two domains.
  Choice small_domain = training_choice(net);
  small_domain.sites = {{.site = s("A"), .gpu_model = "H100", .gpus = 24},
                        {.site = s("D"), .gpu_model = "H100", .gpus = 8}};
  small_domain.links = {{.a = s("A"), .b = s("D"), .gbps = 400}};
  small_domain.prediction["links"] = nlohmann::ordered_json::array();
  expect_violation(training_spec(), small_domain, "D: tp 8 needs NVLink domains of ≥ 8 GPUs");
}

TEST_F(ValidatorTest, ComputeMustBeFreeAndOfTheRightModel) {
  Choice model = training_choice(net);
  model.sites[1].gpu_model = "A100";
  model.sites[1].gpus = 8;
  model.sites.push_back({.site = s("B"), .gpu_model = "H100", .gpus = 8});
  expect_violation(training_spec(), model, "B: 8 GPUs are A100, the workload asks for H100");

  // Two shares at one site draw on one inventory: 16 + 24 > A's 32.
  WorkloadSpec forty = training_spec();
  std::get<TrainingSpec>(forty.body).gpus = 40;
  std::get<TrainingSpec>(forty.body).dp = 5;
  Choice twice = training_choice(net);
  twice.sites[1] = {.site = s("A"), .gpu_model = "H100", .gpus = 24};
  twice.links.clear();
  twice.prediction.erase("links");
  expect_violation(forty, twice, "A: 40 H100 GPUs taken, 32 free");

  Choice unnamed = training_choice(net);
  unnamed.sites[0].gpu_model = "";
  expect_violation(training_spec(), unnamed, "A: 16 GPUs of no named model");

  // Cores and storage against what is free, for any kind.
  Choice cores = training_choice(net);
  cores.sites.push_back({.site = s("B"), .cpu_cores = 100, .storage_tb = 30});
  cores.sites.push_back({.site = s("B"), .cpu_cores = 100, .storage_tb = 30});
  expect_violation(training_spec(), cores, "B: 200 CPU cores taken, 128 free");
  expect_violation(training_spec(), cores, "B: 60 TB taken, 50 free");
}

TEST_F(ValidatorTest, IndicesAndLinks) {
  Choice site = training_choice(net);
  site.sites[1].site = 99;
  expect_violation(training_spec(), site, "placement site 1 has index 99");
  Choice link = training_choice(net);
  link.links[0].b = kNoIndex;
  expect_violation(training_spec(), link, "link 0 joins site indices");

  Choice self = training_choice(net);
  self.links.push_back({.a = s("A"), .b = s("A"), .gbps = 10});
  expect_violation(training_spec(), self, "link 1 joins A to itself");
  Choice zero = training_choice(net);
  zero.links[0].gbps = 0;
  expect_violation(training_spec(), zero, "0 Gb/s is not a positive capacity");
  Choice bound = training_choice(net);
  bound.links[0].max_one_way_us = 200;  // A–B is 212 µs
  expect_violation(training_spec(), bound, "one-way 212 µs exceeds its own bound 200 µs");
  const std::vector<double> two = {212, 212};
  expect_violation(training_spec(), training_choice(net), "2 provisioned latencies given for 1",
                   &two);
}

TEST_F(ValidatorTest, TrainingPrediction) {
  Choice wrong = training_choice(net);
  wrong.prediction["slowdown"] = 1.5;
  expect_violation(training_spec(), wrong,
                   "slowdown 1.5 is not step_s / single_site_step_s = 1.02 / 1 = 1.02");

  Choice slow = training_choice(net);
  slow.prediction["step_s"] = 1.1;
  slow.prediction["slowdown"] = 1.1;
  expect_violation(training_spec(), slow, "slowdown 1.1 exceeds max_slowdown 1.05");
  // The bound itself is allowed.
  Choice edge = training_choice(net);
  edge.prediction["step_s"] = 1.05;
  edge.prediction["slowdown"] = 1.05;
  expect_valid(training_spec(), edge);

  Choice missing = training_choice(net);
  missing.prediction.erase("single_site_step_s");
  expect_violation(training_spec(), missing, "the prediction has no number \"single_site_step_s\"");

  Choice alpha = training_choice(net);
  alpha.prediction["links"][0]["alpha_us"] = 100.0;
  expect_violation(training_spec(), alpha, "alpha 100 µs is below the link's one-way 212 µs");
  Choice beta = training_choice(net);
  beta.prediction["links"][0]["gbps"] = 800.0;
  expect_violation(training_spec(), beta, "800 Gb/s assumed, the links carry 400");
  Choice nowhere = training_choice(net);
  nowhere.prediction["links"][0]["b"] = "D";
  expect_violation(training_spec(), nowhere, "prediction.links[0] A–D has no link to travel on");
  Choice malformed = training_choice(net);
  malformed.prediction["links"][0].erase("gbps");
  expect_violation(training_spec(), malformed, "prediction.links[0] lacks");

  // With provisioned latencies, alpha is held to them instead of the best route.
  const std::vector<double> provisioned = {300};
  expect_violation(training_spec(), training_choice(net),
                   "alpha 212 µs is below the link's one-way 300 µs", &provisioned);
}

TEST_F(ValidatorTest, TrainingSitesMustBeJoined) {
  Choice c = training_choice(net);
  c.links.clear();
  c.prediction.erase("links");
  expect_violation(training_spec(), c, "the job's GPU sites are not joined by links");
}

// ---- Inference ----

WorkloadSpec inference_spec() {
  InferenceSpec s;
  s.data_site = "A";
  s.allowed_jurisdictions = {"JP"};
  s.gpus = 8;
  s.bandwidth_gbps = 100;
  s.max_rtt_us = 1000;
  return WorkloadSpec{.body = s};
}

Choice inference_choice(const Network& net) {
  Choice c;
  c.sites = {{.site = net.find_site("A"), .role = "data"},
             {.site = net.find_site("B"), .gpu_model = "H100", .gpus = 8, .role = "processing"}};
  c.links = {{.a = net.find_site("A"), .b = net.find_site("B"), .gbps = 100}};
  c.audit = {{"data_at_rest", {"A"}}, {"processed_at", {"B"}}};
  return c;
}

TEST_F(ValidatorTest, InferenceValid) {
  expect_valid(inference_spec(), inference_choice(net));
  // Without the confidential / diskless requirement the data site's own GPUs serve, with no link.
  WorkloadSpec relaxed = inference_spec();
  std::get<InferenceSpec>(relaxed.body).confidential = false;
  std::get<InferenceSpec>(relaxed.body).diskless = false;
  Choice home;
  home.sites = {{.site = s("A"), .gpu_model = "H100", .gpus = 8, .role = "processing"}};
  home.audit = {{"data_at_rest", "A"}, {"processed_at", {"A"}}};
  expect_valid(relaxed, home);
}

TEST_F(ValidatorTest, InferenceResidency) {
  WorkloadSpec spec = inference_spec();
  Choice abroad = inference_choice(net);
  abroad.sites[1].site = s("C");
  abroad.links[0].b = s("C");
  abroad.audit["processed_at"] = {"C"};
  expect_violation(spec, abroad, "C: jurisdiction \"KR\" is not allowed (allowed: JP)");
  // A–C is 702.5 µs one way: RTT 1405 µs.
  expect_violation(spec, abroad, "RTT 1405 µs exceeds max_rtt_us 1000");

  // A's GPUs are neither confidential nor diskless.
  Choice plain = inference_choice(net);
  plain.sites[1].site = s("A");
  plain.links.clear();
  plain.audit["processed_at"] = {"A"};
  expect_violation(spec, plain, "A: 8 H100 GPUs taken, 0 free in pools meeting");

  Choice stored = inference_choice(net);
  stored.sites[1].storage_tb = 5;
  expect_violation(spec, stored, "B: 5 TB stored outside the data site A");

  Choice third = inference_choice(net);
  third.links.push_back({.a = s("B"), .b = s("D"), .gbps = 10});
  expect_violation(spec, third, "link 1 B–D does not join the data site and a GPU site");
}

TEST_F(ValidatorTest, InferenceAudit) {
  Choice rest = inference_choice(net);
  rest.audit["data_at_rest"] = {"A", "B"};
  expect_violation(inference_spec(), rest, "the audit puts data at rest at A, B");
  Choice processed = inference_choice(net);
  processed.audit["processed_at"] = {"D"};
  expect_violation(inference_spec(), processed,
                   "the audit says the data is processed at D, the GPUs are at B");
  Choice none = inference_choice(net);
  none.audit = nullptr;
  expect_violation(inference_spec(), none, "the audit does not list \"data_at_rest\"");
}

TEST_F(ValidatorTest, InferenceLinkAndRtt) {
  Choice thin = inference_choice(net);
  thin.links[0].gbps = 50;
  expect_violation(inference_spec(), thin, "A–B: links carry 50 Gb/s, the workload needs 100");
  Choice unlinked = inference_choice(net);
  unlinked.links.clear();
  expect_violation(inference_spec(), unlinked,
                   "no link between the data site A and the GPU site B");
  WorkloadSpec tight = inference_spec();
  std::get<InferenceSpec>(tight.body).max_rtt_us = 400;  // A–B RTT is 424 µs
  expect_violation(tight, inference_choice(net), "RTT 424 µs exceeds max_rtt_us 400");
  Choice few = inference_choice(net);
  few.sites[1].gpus = 4;
  expect_violation(inference_spec(), few, "4 GPUs placed, the workload needs 8");
  WorkloadSpec unknown = inference_spec();
  std::get<InferenceSpec>(unknown.body).data_site = "Z";
  expect_violation(unknown, inference_choice(net), "the data site \"Z\" is not a site");
}

// Residency over random choices: a GPU placed in a jurisdiction outside the allowed list is
// always reported, and one inside never is. Seeded, so every run sees the same cases.
TEST_F(ValidatorTest, InferenceJurisdictionOverRandomChoices) {
  std::mt19937_64 rng(20240401);
  const std::vector<std::vector<std::string>> allowed_lists = {
      {"JP"}, {"KR"}, {"JP", "KR"}, {"GB"}};
  for (int round = 0; round < 200; ++round) {
    WorkloadSpec spec = inference_spec();
    auto& inf = std::get<InferenceSpec>(spec.body);
    inf.allowed_jurisdictions = allowed_lists[rng() % allowed_lists.size()];
    inf.max_rtt_us = 1e6;
    const SiteIndex gpu_site = static_cast<SiteIndex>(rng() % net.sites().size());
    Choice c;
    c.sites = {{.site = s("A"), .role = "data"},
               {.site = gpu_site, .gpu_model = "H100", .gpus = 8, .role = "processing"}};
    if (gpu_site != s("A")) c.links = {{.a = s("A"), .b = gpu_site, .gbps = 100}};
    c.audit = {{"data_at_rest", {"A"}}, {"processed_at", {net.site(gpu_site).id}}};
    const std::string& j = net.site(gpu_site).jurisdiction;
    const bool allowed =
        std::find(inf.allowed_jurisdictions.begin(), inf.allowed_jurisdictions.end(), j) !=
        inf.allowed_jurisdictions.end();
    bool reported = false;
    for (const auto& v : check(spec, c)) reported = reported || v.find("jurisdiction") != v.npos;
    EXPECT_EQ(reported, !allowed) << net.site(gpu_site).id << " in " << j;
  }
}

// ---- Cluster ----

WorkloadSpec cluster_spec() {
  ClusterSpec c;
  c.roles = {.gpus = 8, .gpu_model = "H100", .cores = 64, .storage_tb = 10};
  c.edges = {{.a = "gpu", .b = "storage", .max_rtt_us = 500, .min_gbps = 200},
             {.a = "gpu", .b = "cpu", .max_rtt_us = 500, .min_gbps = 100}};
  return WorkloadSpec{.body = c};
}

Choice cluster_choice(const Network& net) {
  Choice c;
  c.sites = {{.site = net.find_site("A"), .gpu_model = "H100", .gpus = 8, .role = "gpu"},
             {.site = net.find_site("B"), .cpu_cores = 64, .role = "cpu"},
             {.site = net.find_site("B"), .storage_tb = 10, .role = "storage"}};
  // cpu and storage share B, so the A–B links carry both edges: 200 + 100 Gb/s.
  c.links = {{.a = net.find_site("A"), .b = net.find_site("B"), .gbps = 200},
             {.a = net.find_site("B"), .b = net.find_site("A"), .gbps = 100}};
  return c;
}

TEST_F(ValidatorTest, ClusterValid) { expect_valid(cluster_spec(), cluster_choice(net)); }

TEST_F(ValidatorTest, ClusterAmountsAndSplit) {
  Choice few = cluster_choice(net);
  few.sites[1].cpu_cores = 32;
  expect_violation(cluster_spec(), few, "32 CPU cores placed, the cpu role needs 64");
  Choice tb = cluster_choice(net);
  tb.sites[2].storage_tb = 5;
  expect_violation(cluster_spec(), tb, "5 TB placed, the storage role needs 10");

  Choice split = cluster_choice(net);
  split.sites[0].gpus = 4;
  split.sites.push_back({.site = s("D"), .gpu_model = "H100", .gpus = 4, .role = "gpu"});
  split.links.push_back({.a = s("D"), .b = s("B"), .gbps = 300});
  expect_violation(cluster_spec(), split,
                   "the gpu role is spread over 2 sites without split_roles");
  // With split_roles, each GPU site must meet the edges: D–B is 261.5 µs one way, RTT 523 µs.
  WorkloadSpec allowed = cluster_spec();
  std::get<ClusterSpec>(allowed.body).split_roles = true;
  expect_violation(allowed, split, "link 2 D–B has RTT 523 µs, above max_rtt_us 500");
  for (auto& e : std::get<ClusterSpec>(allowed.body).edges) e.max_rtt_us = 600;
  expect_valid(allowed, split);
}

TEST_F(ValidatorTest, ClusterEdges) {
  Choice thin = cluster_choice(net);
  thin.links.pop_back();
  expect_violation(cluster_spec(), thin,
                   "A–B: links carry 200 Gb/s, the edges between them need 300");
  // Storage at C: A–C RTT 1405 µs, and nothing provisioned.
  Choice far = cluster_choice(net);
  far.sites[2].site = s("C");
  expect_violation(cluster_spec(), far, "gpu–storage edge: A–C RTT 1405 µs exceeds max_rtt_us 500");
  expect_violation(cluster_spec(), far, "A–C: links carry 0 Gb/s, the edges between them need 200");
  // Roles on one site need no link.
  Choice together;
  together.sites = {
      {.site = s("B"), .gpu_model = "A100", .gpus = 8, .cpu_cores = 64, .storage_tb = 10}};
  WorkloadSpec any_model = cluster_spec();
  std::get<ClusterSpec>(any_model.body).roles.gpu_model = "";
  expect_valid(any_model, together);
}

// ---- Sites ----

WorkloadSpec sites_spec() {
  SitesSpec s;
  s.anchor = "A";
  s.max_rtt_us = 500;  // B (RTT 424) and D (130) are within, C (1405) is not
  s.reserve = 2;
  s.equalize = true;
  s.bandwidth_gbps = 10;
  return WorkloadSpec{.body = s};
}

Choice sites_choice(const Network& net) {
  Choice c;
  c.sites = {{.site = net.find_site("D")}, {.site = net.find_site("B")}};
  c.links = {{.a = net.find_site("A"), .b = net.find_site("D"), .gbps = 10, .latency_group = "g"},
             {.a = net.find_site("A"), .b = net.find_site("B"), .gbps = 10, .latency_group = "g"}};
  return c;
}

TEST_F(ValidatorTest, SitesValid) {
  expect_valid(sites_spec(), sites_choice(net));
  const std::vector<double> padded = {212, 212};  // D's path padded to B's
  expect_valid(sites_spec(), sites_choice(net), &padded);
}

TEST_F(ValidatorTest, SitesListing) {
  Choice missing = sites_choice(net);
  missing.sites.pop_back();
  missing.links.pop_back();
  expect_violation(sites_spec(), missing,
                   "B is within the budget (424 µs RTT from A) but not listed");
  Choice extra = sites_choice(net);
  extra.sites.push_back({.site = s("C")});
  expect_violation(sites_spec(), extra,
                   "C is listed but its RTT from A is 1405 µs, above max_rtt_us 500");
}

TEST_F(ValidatorTest, SitesReservations) {
  Choice count = sites_choice(net);
  count.links.pop_back();
  expect_violation(sites_spec(), count, "1 links reserved, the workload asks for 2");
  Choice not_anchor = sites_choice(net);
  not_anchor.links[1].a = s("D");
  expect_violation(sites_spec(), not_anchor, "link 1 D–B does not join the anchor");
  Choice same = sites_choice(net);
  same.links[1].b = s("D");
  expect_violation(sites_spec(), same, "link 1 A–D reserves a second path to D");
  Choice thin = sites_choice(net);
  thin.links[0].gbps = 5;
  expect_violation(sites_spec(), thin, "link 0 A–D: 5 Gb/s, the workload asks for 10");
  Choice groups = sites_choice(net);
  groups.links[1].latency_group = "other";
  expect_violation(sites_spec(), groups, "the reserved paths do not share one latency group");
  const std::vector<double> unequal = {65, 212};
  expect_violation(sites_spec(), sites_choice(net), "not equalised: one-way 65…212 µs", &unequal);
}

// ---- Production ----

WorkloadSpec production_spec() {
  ProductionSpec p;
  p.venue = "D";
  p.gallery = "A";
  p.cameras = 4;
  p.format = "2160p50";
  p.redundancy = Redundancy::kSt2022_7;
  p.max_one_way_us = 100;  // D–A is 65 µs
  return WorkloadSpec{.body = p};
}

Choice production_choice(const Network& net) {
  Choice c;
  c.sites = {{.site = net.find_site("D"), .role = "venue"},
             {.site = net.find_site("A"), .role = "gallery"}};
  c.links = {{.a = net.find_site("D"), .b = net.find_site("A"), .gbps = 40, .disjoint_pair = true}};
  return c;
}

TEST_F(ValidatorTest, ProductionValid) { expect_valid(production_spec(), production_choice(net)); }

TEST_F(ValidatorTest, ProductionRules) {
  // docs/sources.md §5: 2160p50 is 8.84 Gb/s per camera; 4 cameras need 35.36 Gb/s.
  Choice thin = production_choice(net);
  thin.links[0].gbps = 35;
  expect_violation(production_spec(), thin,
                   "links carry 35 Gb/s, 4 cameras of 2160p50 need 4 × 8.84 = 35.36 Gb/s");
  Choice exact = production_choice(net);
  exact.links[0].gbps = 4 * 8.84;
  expect_valid(production_spec(), exact);
  Choice single = production_choice(net);
  single.links[0].disjoint_pair = false;
  expect_violation(production_spec(), single, "is not a disjoint pair, which ST 2022-7 needs");
  WorkloadSpec tight = production_spec();
  std::get<ProductionSpec>(tight.body).max_one_way_us = 50;
  expect_violation(tight, production_choice(net), "one-way 65 µs exceeds max_one_way_us 50");
  Choice elsewhere = production_choice(net);
  elsewhere.links.push_back({.a = s("A"), .b = s("B"), .gbps = 10, .disjoint_pair = true});
  expect_violation(production_spec(), elsewhere,
                   "link 1 A–B does not join the venue and the gallery");
  WorkloadSpec format = production_spec();
  std::get<ProductionSpec>(format.body).format = "8K";
  expect_violation(format, production_choice(net), "unknown video format \"8K\"");
}

}  // namespace
}  // namespace lightmesh::workloads
