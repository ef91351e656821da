// Renames the line model's designed elements so that lightmesh's GNPy import gives back the
// network's ids, and completes the equipment so that GNPy reads it as lightmesh designed with it.
#include "io/gnpy_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "physics/native_network.h"
#include "physics/span_design.h"

namespace lightmesh::io {

namespace {

using physics::Element;
using physics::ElementIndex;
using physics::ElementKind;
using physics::ElementNetwork;

// GNPy v2.12 keeps 25 GHz at each edge of the amplifiers' band free of channels
// (topology/spectrum_assignment.py, GUARDBAND).
constexpr double kGnpyGuardBandHz = 25e9;

// Hollow-core fibre's own variety. lightmesh models it with a thousandth of silica's nonlinear
// index (physics/native_network.cpp); GNPy v2.12 fixes n₂ and scales the effective area with
// frequency by a step-index core model that a thousandfold area breaks (its V number falls to 1),
// so no library entry reproduces it: the variety keeps silica's data and the export says so.
constexpr const char* kHollowCoreVariety = "hollow_core";

// The direction of fibre f that lightmesh's import meets first: from the end listed first among
// the nodes (it walks the lines from each ROADM in element order, which is node order).
bool first_met(const Network& net, FiberIndex f, NodeIndex from) {
  const lightmesh::Fiber& fiber = net.fiber(f);
  return from == std::min(fiber.a, fiber.b);
}

std::string exported_span_uid(const Network& net, FiberIndex f, NodeIndex from, std::size_t k,
                              std::size_t spans) {
  const bool forward = first_met(net, f, from);
  std::string uid = net.fiber(f).id + (forward ? "" : " reverse");
  // The first span met carries the fibre's id alone: that is the id the import gives the fibre.
  if (spans > 1 && !(forward && k == 0))
    uid += " (" + std::to_string(k + 1) + "/" + std::to_string(spans) + ")";
  return uid;
}

// GNPy's design names: "Edfa_booster_<roadm>_to_<fibre>", "Edfa_preamp_<roadm>_from_<fibre>",
// "Edfa_<fibre before>" (gnpy/core/network.py), with the exported names of its neighbours.
Result<std::string> amplifier_uid(const ElementNetwork& designed, ElementIndex amp,
                                  const std::vector<std::string>& name) {
  const auto& in = designed.predecessors(amp);
  const auto& out = designed.successors(amp);
  if (in.size() != 1 || out.size() != 1)
    return Error::internal("the designed amplifier \"" + designed.at(amp).uid +
                           "\" is not in a single line");
  const ElementIndex before = in[0], after = out[0];
  if (designed.at(before).kind() == ElementKind::kRoadm)
    return "Edfa_booster_" + name[before] + "_to_" + name[after];
  if (designed.at(after).kind() == ElementKind::kRoadm)
    return "Edfa_preamp_" + name[after] + "_from_" + name[before];
  return "Edfa_" + name[before];
}

std::map<std::string, double> renamed_degrees(const std::map<std::string, double>& per_degree,
                                              const ElementNetwork& designed,
                                              const std::vector<std::string>& name) {
  std::map<std::string, double> out;
  for (const auto& [degree, value] : per_degree) {
    const std::optional<ElementIndex> i = designed.find(degree);
    out[i ? name[*i] : degree] = value;
  }
  return out;
}

// The equipment as GNPy must read it to see lightmesh's design.
Equipment exported_equipment(const Network& net, const physics::LineModel& model,
                             const std::vector<double>& span_km,
                             std::vector<std::string>& warnings) {
  Equipment eq = model.view().equipment;
  const SpectralInformation& si = eq.reference_channel();
  // lightmesh's own amplifiers pass every channel (no band of their own). GNPy drops a channel
  // that leaves an amplifier's band and assigns no spectrum within its guard band of an edge, so
  // the band stated is the network's band widened by the widest channel and the guard band.
  double widest_hz = si.spacing_hz;
  for (const TransceiverMode& m : net.catalogue().modes())
    widest_hz = std::max(widest_hz, m.channel_width.value() * 1e9);
  const double margin_hz = widest_hz + kGnpyGuardBandHz;
  for (EdfaType& t : eq.edfas) {
    if (t.config.f_max_hz > t.config.f_min_hz) continue;
    t.config.f_min_hz = si.f_min_hz - margin_hz;
    t.config.f_max_hz = si.f_max_hz + margin_hz;
  }
  // GNPy splits a fibre longer than Span.max_length; every span is designed already, so the
  // longest one (or the network's max_span, if longer) must pass whole.
  double longest_km = net.physics().max_span.value();
  for (double km : span_km) longest_km = std::max(longest_km, km);
  eq.span.max_length_km = std::ceil(longest_km) + 1;
  const bool hollow_core =
      std::any_of(net.fibers().begin(), net.fibers().end(),
                  [](const lightmesh::Fiber& f) { return f.type == FiberType::kHollowCore; });
  if (hollow_core && !eq.fibers.empty()) {
    FiberVariety hcf = eq.fibers.front();
    hcf.type_variety = kHollowCoreVariety;
    eq.fibers.push_back(hcf);
    warnings.push_back(
        "hollow-core fibre is exported as the fibre type \"hollow_core\" with silica's nonlinear "
        "index (GNPy v2.12 cannot state another): GNPy overestimates its NLI, lightmesh takes it "
        "a thousand times lower");
  }
  return eq;
}

}  // namespace

std::string gnpy_export_span_uid(const Network& net, FiberIndex f, NodeIndex from) {
  return exported_span_uid(net, f, from, 0, physics::span_design(net, f).size());
}

std::string gnpy_export_transceiver_uid(const OpticalNode& node) {
  return physics::transceiver_uid(node);
}

Result<GnpyExport> gnpy_export_of(const Network& net, const physics::LineModel& model) {
  const ElementNetwork& designed = model.view().elements;
  std::vector<std::string> name(designed.size());
  std::vector<bool> keep(designed.size(), true);
  auto find = [&](const std::string& uid) -> Result<ElementIndex> {
    const std::optional<ElementIndex> i = designed.find(uid);
    if (!i) return Error::internal("the line model's design has no element \"" + uid + "\"");
    return *i;
  };
  for (const OpticalNode& node : net.nodes()) {
    LM_ASSIGN_OR_RETURN(ElementIndex roadm, find(physics::roadm_uid(node)));
    LM_ASSIGN_OR_RETURN(ElementIndex trx, find(physics::transceiver_uid(node)));
    name[roadm] = node.id;
    // A node without a site has no transceivers: without one, the import keeps it a plain ROADM.
    if (node.site == kNoIndex) keep[trx] = false;
    name[trx] = gnpy_export_transceiver_uid(node);
  }
  std::vector<double> span_km;
  std::vector<bool> hollow(designed.size(), false);
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    const lightmesh::Fiber& fiber = net.fiber(f);
    const std::vector<physics::SpanDesign> spans = physics::span_design(net, f);
    for (const physics::SpanDesign& s : spans) span_km.push_back(s.length_km);
    for (NodeIndex from : {fiber.a, fiber.b}) {
      for (std::size_t k = 0; k < spans.size(); ++k) {
        LM_ASSIGN_OR_RETURN(ElementIndex span,
                            find(physics::span_uid(net, f, from, k, spans.size())));
        name[span] = exported_span_uid(net, f, from, k, spans.size());
        hollow[span] = fiber.type == FiberType::kHollowCore;
      }
    }
  }
  for (ElementIndex i = 0; i < designed.size(); ++i) {
    if (designed.at(i).kind() != ElementKind::kEdfa) continue;
    LM_ASSIGN_OR_RETURN(name[i], amplifier_uid(designed, i, name));
  }

  GnpyExport out;
  out.equipment = exported_equipment(net, model, span_km, out.warnings);
  ElementNetwork& topo = out.topology;
  topo.name = designed.name;
  topo.reserve(designed.size());
  std::vector<ElementIndex> index(designed.size());
  std::map<std::string, ElementIndex, std::less<>> taken;
  for (ElementIndex i = 0; i < designed.size(); ++i) {
    if (!keep[i]) continue;
    if (name[i].empty())
      return Error::internal("the design's element \"" + designed.at(i).uid + "\" has no name");
    if (auto [it, fresh] = taken.emplace(name[i], i); !fresh) {
      return Error::invalid(fmt::format(
          "GNPy needs unique element names, but \"{}\" would name both the design's \"{}\" and "
          "\"{}\" (a fibre id equal to a node id?)",
          name[i], designed.at(it->second).uid, designed.at(i).uid));
    }
    Element e = designed.at(i);
    e.uid = name[i];
    if (hollow[i]) e.type_variety = kHollowCoreVariety;
    // Design pads only the spans below Span.padding; GNPy adds to att_in and cannot read it null,
    // so an unpadded span states its 0 dB.
    if (auto* fiber = e.as<physics::FiberElement>(); fiber && !fiber->att_in_db)
      fiber->att_in_db = 0;
    if (auto* r = e.as<physics::RoadmElement>()) {
      r->per_degree_pch_out_dbm = renamed_degrees(r->per_degree_pch_out_dbm, designed, name);
      r->per_degree_psd_out_mw_per_ghz =
          renamed_degrees(r->per_degree_psd_out_mw_per_ghz, designed, name);
      r->per_degree_out_mw_per_slot_width =
          renamed_degrees(r->per_degree_out_mw_per_slot_width, designed, name);
    }
    index[i] = topo.add(std::move(e));
  }
  for (const auto& [from, to] : designed.connections()) {
    if (keep[from] && keep[to]) topo.add_connection(index[from], index[to]);
  }
  return out;
}

}  // namespace lightmesh::io
