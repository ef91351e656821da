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

// Calls restore(entity, carried entity) for each imported entity the block states under the same
// id; returns the block's entities that match none, in the block's order.
template <typename Spec, typename Restore>
std::vector<const Spec*> restore_matching(std::vector<Spec>& imported,
                                          const std::vector<Spec>& carried, Restore restore) {
  std::map<std::string, const Spec*> unmatched;
  for (const Spec& c : carried) unmatched.emplace(c.id, &c);
  for (Spec& s : imported) {
    const auto it = unmatched.find(s.id);
    if (it == unmatched.end()) continue;
    restore(s, *it->second);
    unmatched.erase(it);
  }
  std::vector<const Spec*> left;
  for (const Spec& c : carried)
    if (unmatched.count(c.id)) left.push_back(&c);
  return left;
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

  // Sites and nodes: the block's entity whole, at the topology's place and position (GNPy's
  // form states coordinates too).
  const auto take_carried = [](auto& imported, const auto& carried) {
    auto kept = carried;
    kept.where = imported.where;
    if (imported.position) kept.position = imported.position;
    imported = std::move(kept);
  };
  for (const SiteSpec* c : restore_matching(spec.sites, carried.sites, take_carried))
    warn(c->where, "site \"" + c->id + "\" has no transceiver in the topology; it is left out");
  for (const NodeSpec* c : restore_matching(spec.nodes, carried.nodes, take_carried))
    warn(c->where, "node \"" + c->id + "\" is not in the topology; it is left out");

  // A block fibre whose spans do not add up to its own length is refused here, as the network
  // reader would refuse it (build_network's tolerance), rather than taken whole into a network that
  // cannot be built.
  for (const FiberSpec& c : carried.fibers) {
    if (!c.length || c.spans.empty()) continue;
    double span_sum = 0;
    for (const SpanSpec& s : c.spans) span_sum += s.length.value();
    const double len = c.length->value();
    if (std::abs(span_sum - len) > 0.01 * std::max(1.0, len)) {
      return doc.error(
          kBlock + c.where + "/length_km",
          fmt::format("{:g} km disagrees with the sum of its spans, {:g} km", len, span_sum));
    }
  }

  // Fibres: the block's fibre whole while GNPy's spans still add up to its length; spans edited in
  // GNPy's form win, and then only what GNPy's form cannot state is taken.
  const auto take_fibre = [&](FiberSpec& f, const FiberSpec& c) {
    const bool same_ends = (c.a == f.a && c.b == f.b) || (c.a == f.b && c.b == f.a);
    if (!same_ends) {
      warn(c.where, fmt::format("fibre \"{}\" joins \"{}\" and \"{}\" in the topology; what the "
                                "block states of it is left out",
                                f.id, f.a, f.b));
      return;
    }
    const auto i = static_cast<std::size_t>(&f - spec.fibers.data());
    if (c.length && i < gnpy_fiber_km.size() && !same_length(c.length->value(), gnpy_fiber_km[i])) {
      warn(c.where, fmt::format("fibre \"{}\" is {:g} km in the topology's spans, {:g} km in the "
                                "block; the topology's spans are kept",
                                f.id, gnpy_fiber_km[i], c.length->value()));
      f.a = c.a;  // the orientation the network file gave it
      f.b = c.b;
      f.type = c.type;
      f.delay = c.delay;
      f.loss_db_per_km = c.loss_db_per_km;
      f.amplifier_variety = c.amplifier_variety;
      return;
    }
    FiberSpec kept = c;
    kept.where = f.where;
    f = std::move(kept);
  };
  for (const FiberSpec* c : restore_matching(spec.fibers, carried.fibers, take_fibre))
    warn(c->where, "fibre \"" + c->id + "\" is not in the topology; it is left out");

  // The carried order, which ties in routing and first-fit spectrum depend on; what the block
  // lacks follows in the topology's order.
  in_carried_order(spec.sites, carried.sites);
  in_carried_order(spec.nodes, carried.nodes);
  in_carried_order(spec.fibers, carried.fibers);
  return {};
}

}  // namespace lightmesh::io
