#include "physics/native_network.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "physics/span_design.h"
#include "physics/standard_amplifiers.h"

namespace lightmesh::physics {
namespace {

physics::GeoLocation location_of(const OpticalNode& node) {
  physics::GeoLocation loc;
  loc.city = node.name;
  if (node.position) {
    loc.latitude = node.position->lat;
    loc.longitude = node.position->lon;
  }
  return loc;
}

EdfaType standard_edfa(const physics::StandardAmplifierSheet& sheet) {
  EdfaType t;
  t.type_variety = sheet.name;
  t.kind = EdfaKind::kVariableGain;
  t.gain_min_db = sheet.gain_min_db;
  t.gain_flatmax_db = sheet.gain_flatmax_db;
  t.p_max_dbm = sheet.p_max_dbm;
  t.nf_min_db = sheet.nf_min_db;
  t.nf_max_db = sheet.nf_max_db;
  t.allowed_for_design = true;
  return t;
}

Equipment equipment_of(const Network& net) {
  const LinePhysics& p = net.physics();
  Equipment eq;
  if (p.amplifier_nf_db) {
    EdfaType t;
    t.type_variety = "fixed_nf";
    t.kind = EdfaKind::kFixedGain;
    t.gain_min_db = 0;
    t.gain_flatmax_db = 40;
    t.p_max_dbm = 23;
    t.nf0_db = *p.amplifier_nf_db;
    t.allowed_for_design = true;
    eq.edfas.push_back(t);
  } else {
    // The same data sheets native lines are planned with (physics/standard_amplifiers.h).
    for (const auto& sheet : physics::standard_amplifier_sheets())
      eq.edfas.push_back(standard_edfa(sheet));
  }
  FiberVariety ssmf;
  ssmf.type_variety = "SSMF";
  ssmf.dispersion_s_per_m2 = p.dispersion_ps_nm_km * 1e-6;
  ssmf.effective_area_m2 = p.effective_area_um2 * 1e-12;
  ssmf.pmd_coef_s_per_sqrt_m = 1.265e-15;
  eq.fibers.push_back(ssmf);

  eq.span.power_mode = true;
  eq.span.delta_power_range_db = {0, 0, 0.5};
  eq.span.max_length_km = 1e6;  // the conversion already cut fibres into spans
  eq.span.con_in_db = p.connector_loss_db;
  eq.span.con_out_db = p.connector_loss_db;

  RoadmType roadm;
  roadm.target = -20;
  roadm.add_drop_osnr_db = p.roadm_add_drop_osnr_db;
  eq.roadms.push_back(roadm);

  SpectralInformation si;
  si.f_min_hz = net.band_first_thz() * 1e12;
  si.f_max_hz = net.band_last_thz() * 1e12;
  si.baud_rate_baud = 32e9;
  si.spacing_hz = 50e9;
  si.power_dbm = p.launch_power_dbm;
  si.roll_off = 0.15;
  si.tx_osnr_db = 40;
  si.sys_margins_db = 2;  // as planning's default OSNR margin (PlanOptions::osnr_margin_db)
  eq.spectral_information.push_back(si);

  // One transceiver type per catalogue transceiver, in catalogue order.
  std::vector<std::string> order;
  std::map<std::string, TransceiverType> types;
  for (const TransceiverMode& m : net.catalogue().modes()) {
    if (!m.required_osnr || m.baud_rate.value() <= 0) continue;
    auto [it, added] = types.try_emplace(m.transceiver);
    TransceiverType& t = it->second;
    if (added) {
      order.push_back(m.transceiver);
      t.type_variety = m.transceiver;
      t.f_min_hz = si.f_min_hz;
      t.f_max_hz = si.f_max_hz;
    }
    TransceiverTypeMode mode;
    mode.format = m.name;
    mode.baud_rate_baud = m.baud_rate.value() * 1e9;
    mode.required_osnr_db = m.required_osnr->value();
    mode.bit_rate_bps = m.bit_rate.value() * 1e9;
    mode.roll_off = m.roll_off;
    mode.tx_osnr_db = m.tx_osnr.value();
    mode.min_spacing_hz = m.channel_width.value() * 1e9;
    t.modes.push_back(mode);
  }
  for (const std::string& name : order) eq.transceivers.push_back(std::move(types[name]));
  return eq;
}

physics::FiberParams span_params(const LinePhysics& p, const physics::SpanDesign& s,
                                 FiberType type) {
  physics::FiberParams f;
  // A fibre between co-located nodes may be 0 km long (importers make such patches), but GNPy's
  // fibre needs a length: anything under a metre is modelled as a metre of the line's fibre,
  // whose loss (0.0002 dB) and noise are negligible. Latency is not read from here.
  constexpr double kShortestModelledKm = 1e-3;
  const bool patch = !(s.length_km >= kShortestModelledKm);
  f.length_m = patch ? kShortestModelledKm * 1e3 : s.length_km * 1e3;
  // The span's loss less its two connectors is the fibre's; the connectors stay separate so that
  // design and the NLI see the power inside the fibre.
  const double fibre_loss = std::max(0.0, s.loss_db - 2 * p.connector_loss_db);
  f.loss_db_per_km = patch ? p.loss_db_per_km : fibre_loss / s.length_km;
  f.con_in_db = p.connector_loss_db;
  f.con_out_db = p.connector_loss_db;
  f.dispersion_s_per_m2 = p.dispersion_ps_nm_km * 1e-6;
  f.effective_area_m2 = p.effective_area_um2 * 1e-12;
  // Hollow-core fibre guides light in air, whose nonlinear index is about a thousandth of
  // silica's: its NLI is negligible (docs/physics.md).
  if (type == FiberType::kHollowCore) f.n2_m2_per_w *= 1e-3;
  return f;
}

// The spans of fibre f from `from` to `to`, joined between the two ROADMs.
void add_direction(const Network& net, FiberIndex f, NodeIndex from, NodeIndex to,
                   physics::ElementNetwork& out) {
  const lightmesh::Fiber& fiber = net.fiber(f);
  const std::vector<physics::SpanDesign> spans = physics::span_design(net, f);
  physics::ElementIndex prev = *out.find(roadm_uid(net.node(from)));
  for (std::size_t k = 0; k < spans.size(); ++k) {
    physics::Element e;
    e.uid = span_uid(net, f, from, k, spans.size());
    e.type_variety = "SSMF";
    physics::FiberElement fe;
    fe.params = span_params(net.physics(), spans[k], fiber.type);
    fe.con_in_db = fe.params.con_in_db;
    fe.con_out_db = fe.params.con_out_db;
    e.data = fe;
    const physics::ElementIndex i = out.add(std::move(e));
    out.add_connection(prev, i);
    prev = i;
  }
  out.add_connection(prev, *out.find(roadm_uid(net.node(to))));
}

}  // namespace

std::string roadm_uid(const OpticalNode& node) { return "roadm " + node.id; }
std::string transceiver_uid(const OpticalNode& node) { return "trx " + node.id; }

std::string span_uid(const Network& net, FiberIndex f, NodeIndex from, std::size_t k,
                     std::size_t spans) {
  const lightmesh::Fiber& fiber = net.fiber(f);
  const NodeIndex to = fiber.a == from ? fiber.b : fiber.a;
  const std::string base =
      "fiber (" + net.node(from).id + " → " + net.node(to).id + ")-" + fiber.id;
  if (spans == 1) return base;
  return base + " (" + std::to_string(k + 1) + "/" + std::to_string(spans) + ")";
}

Result<GnpyView> gnpy_view_of(const Network& net) {
  GnpyView view;
  view.equipment = equipment_of(net);
  view.elements.name = net.name();
  for (const OpticalNode& node : net.nodes()) {
    physics::Element trx;
    trx.uid = transceiver_uid(node);
    trx.location = location_of(node);
    trx.data = physics::TransceiverElement{};
    physics::Element roadm;
    roadm.uid = roadm_uid(node);
    roadm.type_variety = "default";
    roadm.location = location_of(node);
    roadm.data = physics::RoadmElement{};
    const physics::ElementIndex t = view.elements.add(std::move(trx));
    const physics::ElementIndex r = view.elements.add(std::move(roadm));
    view.elements.add_connection(t, r);
    view.elements.add_connection(r, t);
  }
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    const lightmesh::Fiber& fiber = net.fiber(f);
    add_direction(net, f, fiber.a, fiber.b, view.elements);
    add_direction(net, f, fiber.b, fiber.a, view.elements);
  }
  return view;
}

}  // namespace lightmesh::physics
