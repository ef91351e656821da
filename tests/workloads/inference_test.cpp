// Inference with data residency: the residency rules re-checked by the test on random networks
// (every placement either refused or obeying every rule, and as cheap as the cheapest site the
// test itself finds), the rule each refusal names, and documents that can never be placed.
#include "workloads/inference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

#include "../rsa/test_networks.h"

namespace lightmesh::workloads {
namespace {

using testing::fiber;
using testing::site;

GpuPool pool(std::string model, std::uint32_t count, bool confidential, bool diskless) {
  GpuPool p;
  p.model = std::move(model);
  p.count = count;
  p.confidential = confidential;
  p.diskless = diskless;
  return p;
}

SiteSpec compute_site(std::string id, std::string jurisdiction, std::vector<GpuPool> pools,
                      double price = 80, double pue = 1.2) {
  SiteSpec s = site(std::move(id));
  s.jurisdiction = std::move(jurisdiction);
  if (!pools.empty()) s.compute = Compute{.gpus = std::move(pools)};
  s.power_price_usd_mwh = price;
  s.pue = pue;
  return s;
}

// DATA (JP, no GPUs) — 20 km — NEAR (JP, 16 H100, not confidential) — 30 km — FAR (US, 16 H100
// confidential and diskless) — 200 km — EDGE (JP, 16 H100 confidential, not diskless).
Network small_network() {
  NetworkSpec spec;
  spec.name = "residency";
  spec.modes = testing::test_modes();
  spec.sites = {compute_site("DATA", "JP", {}),
                compute_site("NEAR", "JP", {pool("H100", 16, false, false)}),
                compute_site("FAR", "US", {pool("H100", 16, true, true)}),
                compute_site("EDGE", "JP", {pool("H100", 16, true, false)})};
  spec.fibers = {fiber("F1", "DATA", "NEAR", 20), fiber("F2", "NEAR", "FAR", 30),
                 fiber("F3", "FAR", "EDGE", 200)};
  return build_network(std::move(spec)).value();
}

InferenceSpec request(std::vector<std::string> allowed) {
  InferenceSpec s;
  s.data_site = "DATA";
  s.allowed_jurisdictions = std::move(allowed);
  s.gpus = 8;
  s.gpu_model = "H100";
  s.bandwidth_gbps = 100;
  s.max_rtt_us = 5000;
  return s;
}

Result<Choice> place(const Network& net, const InferenceSpec& spec) {
  return choose_inference(net, SiteMatrix::build(net), FreeCompute::from_inventory(net), spec);
}

TEST(Inference, RefusalNamesTheRuleThatRemovedTheLastCandidates) {
  const Network net = small_network();
  struct Case {
    std::vector<std::string> allowed;
    bool confidential, diskless;
    std::uint32_t gpus;
    double max_rtt_us;
    std::string rule;
  } cases[] = {
      {{"DE"}, true, true, 8, 5000, "residency"},   // no site in Germany
      {{"JP"}, false, false, 17, 5000, "gpus"},     // no JP site has 17 free
      {{"JP"}, true, true, 8, 5000, "diskless"},    // EDGE is confidential, not diskless
      {{"US"}, true, true, 8, 100, "max_rtt_us"},   // FAR is ≈ 50 km of fibre away
      {{"JP"}, true, false, 8, 100, "max_rtt_us"},  // EDGE is 250 km away
  };
  for (const Case& c : cases) {
    InferenceSpec spec = request(c.allowed);
    spec.confidential = c.confidential;
    spec.diskless = c.diskless;
    spec.gpus = c.gpus;
    spec.max_rtt_us = c.max_rtt_us;
    const Choice choice = place(net, spec).value();
    ASSERT_TRUE(choice.refusal.has_value()) << c.rule;
    EXPECT_EQ(choice.refusal->rule, c.rule);
    EXPECT_TRUE(choice.sites.empty());
    EXPECT_TRUE(choice.links.empty());
  }
  // Confidential GPUs in JP within 300 µs: NEAR is not confidential and EDGE (250 km) is too
  // far; EDGE got further down the rules, so max_rtt_us is named.
  InferenceSpec spec = request({"JP"});
  spec.diskless = false;
  spec.max_rtt_us = 300;
  EXPECT_EQ(place(net, spec).value().refusal->rule, "max_rtt_us");
  // With room for 250 km, EDGE is the one JP site left.
  spec.max_rtt_us = 5000;
  spec.gpus = 16;
  const Choice edge = place(net, spec).value();
  ASSERT_FALSE(edge.refusal) << edge.refusal->detail;
  EXPECT_EQ(net.site(edge.sites[1].site).id, "EDGE");
}

TEST(Inference, PlacesOnTheDataSiteWithoutALightpath) {
  NetworkSpec spec;
  spec.name = "home";
  spec.modes = testing::test_modes();
  spec.sites = {compute_site("HOME", "GB", {pool("H100", 8, true, true)}, 200, 1.5),
                compute_site("CHEAP", "GB", {pool("H100", 8, true, true)}, 50, 1.1)};
  spec.fibers = {fiber("F", "HOME", "CHEAP", 10)};
  const Network net = build_network(std::move(spec)).value();
  InferenceSpec req = request({"GB"});
  req.data_site = "HOME";
  // CHEAP is cheaper: processed there, over one dedicated lightpath sized and bounded as asked.
  Choice c = place(net, req).value();
  ASSERT_FALSE(c.refusal);
  EXPECT_EQ(net.site(c.sites[1].site).id, "CHEAP");
  ASSERT_EQ(c.links.size(), 1u);
  EXPECT_EQ(c.links[0].gbps, 100);
  EXPECT_EQ(*c.links[0].max_one_way_us, 2500);
  // 8 × 0.7 kW × PUE 1.1 × 50 USD/MWh (docs/sources.md §9).
  EXPECT_NEAR(c.cost_usd_h, 8 * 0.7 * 1.1 * 50 / 1000, 1e-12);
  EXPECT_EQ(c.audit["data_at_rest"], nlohmann::ordered_json::array({"HOME"}));
  EXPECT_EQ(c.audit["processed_at"], nlohmann::ordered_json::array({"CHEAP"}));
  // A budget below the 10 km link's RTT keeps it at home, with no lightpath at all.
  req.max_rtt_us = 50;
  c = place(net, req).value();
  ASSERT_FALSE(c.refusal);
  EXPECT_EQ(c.sites[1].site, c.sites[0].site);
  EXPECT_TRUE(c.links.empty());
}

TEST(Inference, DocumentsThatCanNeverBePlacedAreErrorsWithTheirPointer) {
  const Network net = small_network();
  InferenceSpec spec = request({"JP"});
  spec.data_site = "NOWHERE";
  auto r = place(net, spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().place(), "/data_site");

  spec = request({"JP"});
  spec.gpus = 49;  // the network has 48 H100s
  r = place(net, spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/gpus");

  spec = request({"JP"});
  spec.gpu_model = "B200";
  r = place(net, spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/gpu_model");
  EXPECT_NE(r.error().message().find("H100"), std::string::npos);

  spec = request({});
  r = place(net, spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/allowed_jurisdictions");
}

// The property: on random networks with random jurisdictions and pool flags, every answer is a
// refusal or a placement that keeps every residency rule, checked here from the inventory and
// the latency matrix, never from the placer's own bookkeeping. Placements must also cost what
// the cheapest admissible site costs, and refusals must be justified: no admissible site exists.
TEST(Inference, ResidencyHoldsInEveryRandomCase) {
  const std::vector<std::string> jurisdictions = {"JP", "GB", "DE", "US"};
  const std::vector<std::string> models = {"H100", "A100"};
  std::mt19937_64 rng(20240604);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  auto coin = [&] { return rng() % 2 == 0; };
  int placed = 0, refused = 0, errors = 0;
  for (int round = 0; round < 300; ++round) {
    const std::uint32_t n = 3 + static_cast<std::uint32_t>(pick(6));
    NetworkSpec spec = testing::random_network(n, n / 2, 5, 150, rng());
    for (SiteSpec& s : spec.sites) {
      s.jurisdiction = jurisdictions[pick(jurisdictions.size())];
      s.power_price_usd_mwh = std::uniform_real_distribution<double>(30, 200)(rng);
      s.pue = std::uniform_real_distribution<double>(1.05, 1.8)(rng);
      if (coin()) continue;  // no compute at all
      Compute c;
      for (std::size_t p = 0, pools = 1 + pick(3); p < pools; ++p)
        c.gpus.push_back(
            pool(models[pick(2)], static_cast<std::uint32_t>(pick(17)), coin(), coin()));
      s.compute = c;
    }
    const Network net = build_network(std::move(spec)).value();
    const SiteMatrix latency = SiteMatrix::build(net);
    InferenceSpec req;
    req.data_site = net.site(static_cast<SiteIndex>(pick(n))).id;
    for (const std::string& j : jurisdictions)
      if (coin()) req.allowed_jurisdictions.push_back(j);
    if (req.allowed_jurisdictions.empty()) req.allowed_jurisdictions.push_back("JP");
    req.confidential = coin();
    req.diskless = coin();
    req.gpus = 1 + static_cast<std::uint32_t>(pick(12));
    req.gpu_model = coin() ? models[pick(2)] : "";
    req.bandwidth_gbps = 100;
    req.max_rtt_us = std::uniform_real_distribution<double>(100, 3000)(rng);
    const SiteIndex data = net.find_site(req.data_site);

    // The test's own view of which (site, model) pairs are admissible, and the cheapest cost.
    auto usable = [&](SiteIndex s, const std::string& model) {
      std::uint32_t count = 0;
      if (!net.site(s).compute) return false;
      for (const GpuPool& p : net.site(s).compute->gpus) {
        if (p.model != model) continue;
        if (req.confidential && !p.confidential) continue;
        if (req.diskless && !p.diskless) continue;
        count += p.count;
      }
      const auto& allowed = req.allowed_jurisdictions;
      return count >= req.gpus &&
             std::find(allowed.begin(), allowed.end(), net.site(s).jurisdiction) != allowed.end() &&
             latency.reachable(data, s) && latency.rtt_us(data, s) <= req.max_rtt_us;
    };
    double cheapest = std::numeric_limits<double>::infinity();
    for (SiteIndex s = 0; s < n; ++s) {
      for (const std::string& m : models) {
        if (!req.gpu_model.empty() && m != req.gpu_model) continue;
        if (!usable(s, m)) continue;
        const double kw = m == "H100" ? 0.700 : 0.400;  // docs/sources.md §9
        cheapest = std::min(
            cheapest, req.gpus * kw * *net.site(s).pue * *net.site(s).power_price_usd_mwh / 1000);
      }
    }

    const auto result = choose_inference(net, latency, FreeCompute::from_inventory(net), req);
    if (!result) {
      ++errors;
      EXPECT_EQ(result.error().code(), ErrorCode::kInvalidInput);
      continue;
    }
    const Choice& c = *result;
    if (c.refusal) {
      ++refused;
      EXPECT_TRUE(std::isinf(cheapest))
          << "refused (" << c.refusal->rule << ") although a site fits";
      const std::vector<std::string> rules = {"residency", "gpus", "confidential", "diskless",
                                              "max_rtt_us"};
      EXPECT_NE(std::find(rules.begin(), rules.end(), c.refusal->rule), rules.end());
      EXPECT_TRUE(c.sites.empty() && c.links.empty());
      continue;
    }
    ++placed;
    ASSERT_EQ(c.sites.size(), 2u);
    const SiteShare& at_rest = c.sites[0];
    const SiteShare& processing = c.sites[1];
    // Data at rest only at the data site; it holds no compute.
    EXPECT_EQ(at_rest.site, data);
    EXPECT_EQ(at_rest.role, "data");
    EXPECT_EQ(at_rest.gpus, 0u);
    EXPECT_EQ(c.audit["data_at_rest"], nlohmann::ordered_json::array({req.data_site}));
    EXPECT_EQ(c.audit["processed_at"],
              nlohmann::ordered_json::array({net.site(processing.site).id}));
    EXPECT_EQ(c.audit["jurisdiction"], net.site(processing.site).jurisdiction);
    // Processed in an allowed jurisdiction, on enough GPUs of the flags asked, within the RTT.
    EXPECT_EQ(processing.role, "processing");
    EXPECT_EQ(processing.gpus, req.gpus);
    if (!req.gpu_model.empty()) {
      EXPECT_EQ(processing.gpu_model, req.gpu_model);
    }
    EXPECT_TRUE(usable(processing.site, processing.gpu_model));
    // The only lightpath joins the data site and the GPU site, bounded by half the RTT budget.
    if (processing.site == data) {
      EXPECT_TRUE(c.links.empty());
    } else {
      ASSERT_EQ(c.links.size(), 1u);
      EXPECT_EQ(c.links[0].a, data);
      EXPECT_EQ(c.links[0].b, processing.site);
      EXPECT_EQ(c.links[0].gbps, req.bandwidth_gbps);
      EXPECT_DOUBLE_EQ(*c.links[0].max_one_way_us, req.max_rtt_us / 2);
    }
    EXPECT_NEAR(c.cost_usd_h, cheapest, 1e-9 * cheapest);
  }
  // The generator must exercise both outcomes.
  EXPECT_GT(placed, 30);
  EXPECT_GT(refused, 30);
  RecordProperty("placed", placed);
  RecordProperty("refused", refused);
  RecordProperty("errors", errors);
}

}  // namespace
}  // namespace lightmesh::workloads
