#include "io/gnpy_carried.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "io/gnpy_equipment.h"
#include "io/json_doc.h"
#include "io/native_reader.h"
#include "io/native_writer.h"

namespace lightmesh::io {

namespace {

constexpr const char* kBlock = "/lightmesh:network";

// An error inside the carried block, re-placed under the block's pointer in the topology file.
Error in_block(const Document& doc, const Error& e) {
  return Error(e).at(doc.file, kBlock + e.place());
}

// The carried length and GNPy's span sum agree when they differ by no more than the metre the
// export's rounding of span lengths may leave (docs/cli.md, `export`).
bool same_length(double carried_km, double gnpy_km) {
  return std::abs(carried_km - gnpy_km) <= 2e-3 + 1e-9 * carried_km;
}

// The equipment library the carried physics names, read relative to the topology file, as the
// native reader's caller reads it relative to the network file (io/load.cpp).
Status read_library(const Document& doc, LinePhysics& physics) {
  const std::filesystem::path path =
      std::filesystem::path(doc.file).parent_path() / std::filesystem::path(physics.equipment_file);
  const std::string pointer = std::string(kBlock) + "/physics/equipment";
  if (!std::filesystem::is_regular_file(path))
    return doc.error(pointer, "cannot read the equipment library \"" + physics.equipment_file +
                                  "\" (expected a GNPy eqpt_config.json, relative to this file)");
  LM_ASSIGN_OR_RETURN(Equipment eq, read_gnpy_equipment(path.string()));
  physics.equipment = std::make_shared<const Equipment>(std::move(eq));
  return {};
}

// Sorts `imported` by the position of the same id in `carried`, stably, the rest last.
template <typename Spec>
void in_carried_order(std::vector<Spec>& imported, const std::vector<Spec>& carried) {
  std::map<std::string, std::size_t> rank;
  for (std::size_t i = 0; i < carried.size(); ++i) rank.emplace(carried[i].id, i);
  const auto rank_of = [&](const Spec& s) {
    const auto it = rank.find(s.id);
    return it == rank.end() ? carried.size() : it->second;
  };
  std::stable_sort(imported.begin(), imported.end(),
                   [&](const Spec& x, const Spec& y) { return rank_of(x) < rank_of(y); });
}

}  // namespace

std::string carried_network_json(const Network& net,
                                 const std::optional<std::string>& equipment_file) {
  std::string text = write_native_json(net);
  if (!equipment_file || !net.physics().equipment) return text;
  auto j = nlohmann::ordered_json::parse(text);
  j["physics"]["equipment"] = *equipment_file;
  return j.dump(2) + "\n";
}

Status restore_carried_network(const Document& doc, std::span<const double> gnpy_fiber_km,
                               ImportResult& out) {
  const Json* block = doc.root.is_object() && doc.root.contains(kCarriedNetworkKey)
                          ? &doc.root.at(kCarriedNetworkKey)
                          : nullptr;
  if (!block) return {};
  Document carried_doc{.file = doc.file, .root = *block, .lines = {}};
  auto parsed = network_from_document(carried_doc);
  if (!parsed) return in_block(doc, parsed.error());
  NetworkSpec& carried = *parsed;
  auto warn = [&](const std::string& where, const std::string& message) {
    out.warnings.push_back(printable(doc.file + ": " + kBlock + where + ": " + message));
  };
  NetworkSpec& spec = out.spec;

  // The network as a whole: GNPy's form states none of it.
  if (!carried.name.empty()) spec.name = carried.name;
  if (!carried.modes.empty()) spec.modes = std::move(carried.modes);
  spec.latency = carried.latency;
  spec.route_factor = carried.route_factor;
  spec.band_first_thz = carried.band_first_thz;
  spec.band_last_thz = carried.band_last_thz;
  if (carried.physics_stated) {
    if (!carried.physics.equipment_file.empty())
      LM_RETURN_IF_ERROR(read_library(doc, carried.physics));
    spec.physics = std::move(carried.physics);
    spec.physics_stated = true;
  }

  std::map<std::string, const SiteSpec*> sites;
  for (const SiteSpec& s : carried.sites) sites.emplace(s.id, &s);
  for (SiteSpec& s : spec.sites) {
    const auto it = sites.find(s.id);
    if (it == sites.end()) continue;
    const SiteSpec& c = *it->second;
    s.name = c.name;
    s.kind = c.kind;
    s.jurisdiction = c.jurisdiction;
    s.compute = c.compute;
    s.power_price_usd_mwh = c.power_price_usd_mwh;
    s.pue = c.pue;
    s.transceiver_ports = c.transceiver_ports;
    if (!s.position) s.position = c.position;
    sites.erase(it);
  }
  for (const auto& [id, c] : sites)
    warn(c->where, "site \"" + id + "\" has no transceiver in the topology; it is left out");

  std::map<std::string, const NodeSpec*> nodes;
  for (const NodeSpec& n : carried.nodes) nodes.emplace(n.id, &n);
  for (NodeSpec& n : spec.nodes) {
    const auto it = nodes.find(n.id);
    if (it == nodes.end()) continue;
    const NodeSpec& c = *it->second;
    n.name = c.name;
    n.kind = c.kind;
    n.latency = c.latency;
    if (!n.position) n.position = c.position;
    nodes.erase(it);
  }
  for (const auto& [id, c] : nodes)
    warn(c->where, "node \"" + id + "\" is not in the topology; it is left out");

  std::map<std::string, const FiberSpec*> fibers;
  for (const FiberSpec& f : carried.fibers) fibers.emplace(f.id, &f);
  for (std::size_t i = 0; i < spec.fibers.size(); ++i) {
    FiberSpec& f = spec.fibers[i];
    const auto it = fibers.find(f.id);
    if (it == fibers.end()) continue;
    const FiberSpec& c = *it->second;
    fibers.erase(it);
    const bool same_ends = (c.a == f.a && c.b == f.b) || (c.a == f.b && c.b == f.a);
    if (!same_ends) {
      warn(c.where, fmt::format("fibre \"{}\" joins \"{}\" and \"{}\" in the topology; what the "
                                "block states of it is left out",
                                f.id, f.a, f.b));
      continue;
    }
    f.a = c.a;  // the orientation the network file gave it
    f.b = c.b;
    f.type = c.type;
    f.delay = c.delay;
    f.loss_db_per_km = c.loss_db_per_km;
    f.amplifier_variety = c.amplifier_variety;
    // The line itself only while GNPy's spans still add up to it: spans edited in GNPy's form win.
    if (c.length && i < gnpy_fiber_km.size() && !same_length(c.length->value(), gnpy_fiber_km[i])) {
      warn(c.where, fmt::format("fibre \"{}\" is {:g} km in the topology's spans, {:g} km in the "
                                "block; the topology's spans are kept",
                                f.id, gnpy_fiber_km[i], c.length->value()));
      continue;
    }
    f.length = c.length;
    f.route_factor = c.route_factor;
    f.spans = c.spans;
    f.amplifiers = c.amplifiers;
  }
  for (const auto& [id, c] : fibers)
    warn(c->where, "fibre \"" + id + "\" is not in the topology; it is left out");

  // The carried order, which ties in routing and first-fit spectrum depend on; what the block
  // lacks follows in the topology's order.
  in_carried_order(spec.sites, carried.sites);
  in_carried_order(spec.nodes, carried.nodes);
  in_carried_order(spec.fibers, carried.fibers);
  return {};
}

}  // namespace lightmesh::io
