#include "cli/noise_output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/table.h"
#include "rsa/lightpath_json.h"

namespace lightmesh::cli {

namespace {

using json = nlohmann::ordered_json;
using Kind = physics::NoiseContribution::Kind;

// "fibre LSE→LD8 (F-LSE-LD8)", "express ROADM at LD8", "transceivers, add and drop".
std::string element_name(const Network& net, const rsa::Lightpath& lp,
                         const physics::NoiseContribution& c) {
  switch (c.kind) {
    case Kind::kTransceivers:
      return "transceivers, add and drop";
    case Kind::kExpress:
      return "express ROADM at " + net.node(lp.nodes[c.hop]).id;
    case Kind::kOms:
      break;
  }
  return fmt::format("fibre {}→{} ({})", net.node(lp.nodes[c.hop]).id,
                     net.node(lp.nodes[c.hop + 1]).id, net.fiber(lp.fibers[c.hop]).id);
}

}  // namespace

json noise_json(const Network& net, const physics::LineModel& model, const rsa::Lightpath& lp) {
  if (!model.judged_by_gsnr(lp.mode)) return nullptr;
  const physics::NoiseBreakdown b = model.breakdown(lp.nodes, lp.fibers, lp.mode);
  json elements = json::array();
  for (const auto& c : b.items) {
    json e;
    switch (c.kind) {
      case Kind::kTransceivers:
        e["element"] = "transceivers";
        break;
      case Kind::kExpress:
        e["element"] = "express-roadm";
        e["node"] = net.node(lp.nodes[c.hop]).id;
        break;
      case Kind::kOms:
        e["element"] = "fiber";
        e["fiber"] = net.fiber(lp.fibers[c.hop]).id;
        e["from"] = net.node(lp.nodes[c.hop]).id;
        e["to"] = net.node(lp.nodes[c.hop + 1]).id;
        break;
    }
    e["ase_share"] = rsa::round_to(c.ase_share, 4);
    e["nli_share"] = rsa::round_to(c.nli_share, 4);
    e["gsnr_cost_db"] = rsa::round_to(c.gsnr_cost_db, 3);
    elements.push_back(std::move(e));
  }
  return {{"channel_index", b.channel},
          {"gsnr_db", rsa::round_to(b.worst_01nm_db, 2)},
          {"elements", std::move(elements)}};
}

std::string noise_table(const Network& net, std::span<const Demand> demands,
                        const rsa::PlanResult& r, const physics::LineModel& model) {
  std::string out =
      "\nNoise by element (the worst channel of the mode's full load; cost = the GSNR gained if "
      "that element alone added no noise; # = the lightpath's position in the plan)\n";
  Table t({"#", "demand", "role", "element", "ASE %", "NLI %", "cost dB"},
          {true, false, false, false, true, true, true});
  for (std::size_t i = 0; i < r.lightpaths.size(); ++i) {
    const rsa::Lightpath& lp = r.lightpaths[i];
    if (!model.judged_by_gsnr(lp.mode)) continue;
    const physics::NoiseBreakdown b = model.breakdown(lp.nodes, lp.fibers, lp.mode);
    for (const auto& c : b.items) {
      if (c.share == 0) continue;  // an express pass adds no noise unless the ROADM states some
      t.add({std::to_string(i), demands[lp.demand].id, rsa::role_name(lp.role),
             element_name(net, lp, c), fmt::format("{:.1f}", 100 * c.ase_share),
             fmt::format("{:.1f}", 100 * c.nli_share), fmt::format("{:.2f}", c.gsnr_cost_db)});
    }
  }
  if (t.empty()) return out + "(no lightpath is judged by GSNR)\n";
  return out + t.render();
}

}  // namespace lightmesh::cli
