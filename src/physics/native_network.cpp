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

// A fixed-noise-figure amplifier: one NF at every gain. Its gain range and output limit are
// wide enough for any span of a native line (0–40 dB; 23 dBm, the standard EDFAs' p_max).
EdfaType fixed_nf_edfa(std::string name, double nf_db, bool allowed_for_design) {
  EdfaType t;
  t.type_variety = std::move(name);
  t.kind = EdfaKind::kFixedGain;
  t.gain_min_db = 0;
  t.gain_flatmax_db = 40;
  t.p_max_dbm = 23;
  t.nf0_db = nf_db;
  t.allowed_for_design = allowed_for_design;
  return t;
}

std::string library_names(const Equipment& eq) {
  std::string names;
  for (const EdfaType& t : eq.edfas) names += (names.empty() ? "" : ", ") + t.type_variety;
  return names;
}

// A variety the file names must be in the library: one message naming the file, the field and
// what the library holds.
Status known_variety(const Network& net, const Equipment& eq, const std::string& name,
                     const std::string& pointer, const std::string& element) {
  if (eq.find_edfa(name)) return {};
  return Error::invalid(
             element + ": amplifier variety \"" + name +
             "\" is not in the equipment library (expected one of: " + library_names(eq) + ")")
      .at(net.file(), pointer);
}

Result<Equipment> equipment_of(const Network& net) {
  const LinePhysics& p = net.physics();
  const Equipment* library = p.equipment.get();
  Equipment eq;
  if (library) {
    eq.edfas = library->edfas;
  } else if (p.amplifier_nf_db) {
    eq.edfas.push_back(fixed_nf_edfa("fixed_nf", *p.amplifier_nf_db, true));
  } else {
    // The same data sheets native lines are planned with (physics/standard_amplifiers.h).
    for (const auto& sheet : physics::standard_amplifier_sheets())
      eq.edfas.push_back(standard_edfa(sheet));
  }
  // In-line amplifiers: auto-design chooses among the types allowed for design (GNPy's rule), so
  // a stated list is the allowed set.
  if (!p.inline_amplifiers.empty()) {
    for (std::size_t i = 0; i < p.inline_amplifiers.size(); ++i)
      LM_RETURN_IF_ERROR(known_variety(net, eq, p.inline_amplifiers[i],
                                       "/physics/amplifiers/" + std::to_string(i),
                                       "in-line amplifiers"));
    for (EdfaType& t : eq.edfas)
      t.allowed_for_design = std::find(p.inline_amplifiers.begin(), p.inline_amplifiers.end(),
                                       t.type_variety) != p.inline_amplifiers.end();
  }
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    const auto& v = net.fiber(f).amplifier_variety;
    if (!v) continue;
    const std::string pointer = "/fibers/" + std::to_string(f) + "/amplifier_variety";
    LM_RETURN_IF_ERROR(known_variety(net, eq, *v, pointer,
                                     "fibre \"" + net.fiber(f).id + "\" in-line amplifiers"));
    // A type for amplifiers the fibre does not have would be ignored: say so instead.
    if (physics::span_design(net, f).size() < 2)
      return Error::invalid("fibre \"" + net.fiber(f).id +
                            "\" has no in-line amplifier (one span) for amplifier_variety to type "
                            "(expected \"amplifiers\" or \"spans\" giving it two spans or more)")
          .at(net.file(), pointer);
  }
  const RoadmEquipment& stated = p.roadm;
  if (stated.booster)
    LM_RETURN_IF_ERROR(
        known_variety(net, eq, *stated.booster, "/physics/roadm/booster", "ROADM boosters"));
  if (stated.preamp)
    LM_RETURN_IF_ERROR(
        known_variety(net, eq, *stated.preamp, "/physics/roadm/preamp", "ROADM preamplifiers"));
  // Fixed-NF boosters and preamplifiers are types of their own, never chosen for in-line use.
  if (stated.booster_nf_db)
    eq.edfas.push_back(fixed_nf_edfa(kFixedNfBooster, *stated.booster_nf_db, false));
  if (stated.preamp_nf_db)
    eq.edfas.push_back(fixed_nf_edfa(kFixedNfPreamp, *stated.preamp_nf_db, false));

  FiberVariety ssmf;
  ssmf.type_variety = "SSMF";
  ssmf.dispersion_s_per_m2 = p.dispersion_ps_nm_km * 1e-6;
  ssmf.effective_area_m2 = p.effective_area_um2 * 1e-12;
  ssmf.pmd_coef_s_per_sqrt_m = 1.265e-15;
  eq.fibers.push_back(ssmf);

  eq.span.power_mode = true;
  eq.span.delta_power_range_db = {0, 0, 0.5};
  if (library) {
    // How the library designs spans; lengths and connectors stay the network's own.
    eq.span = library->span;
  }
  eq.span.max_length_km = 1e6;  // the conversion already cut fibres into spans
  eq.span.con_in_db = p.connector_loss_db;
  eq.span.con_out_db = p.connector_loss_db;

  RoadmType roadm;
  if (library && !library->roadms.empty()) {
    const RoadmType* lib = library->find_roadm("default");
    roadm = lib ? *lib : library->roadms.front();
    roadm.type_variety = "default";
  } else {
    // GNPy v2.12's example ROADM (docs/sources.md §10).
    roadm.target = -20;
    roadm.add_drop_osnr_db = 38;
  }
  if (stated.target_pch_out_dbm) {
    roadm.target_kind = RoadmTargetKind::kPowerPerChannelDbm;
    roadm.target = *stated.target_pch_out_dbm;
  } else if (stated.target_psd_out_mw_per_ghz) {
    roadm.target_kind = RoadmTargetKind::kPsdMwPerGhz;
    roadm.target = *stated.target_psd_out_mw_per_ghz;
  }
  if (p.roadm_add_drop_osnr_db) roadm.add_drop_osnr_db = *p.roadm_add_drop_osnr_db;
  if (stated.pmd_ps) roadm.pmd_s = *stated.pmd_ps * 1e-12;
  if (stated.pdl_db) roadm.pdl_db = *stated.pdl_db;
  if (stated.booster) roadm.booster_variety_list = {*stated.booster};
  if (stated.booster_nf_db) roadm.booster_variety_list = {kFixedNfBooster};
  if (stated.preamp) roadm.preamp_variety_list = {*stated.preamp};
  if (stated.preamp_nf_db) roadm.preamp_variety_list = {kFixedNfPreamp};
  eq.roadms.push_back(roadm);

  SpectralInformation si;
  if (library && !library->spectral_information.empty()) {
    // The library's reference channel over the network's own band.
    si = library->reference_channel();
    si.type_variety = "default";
    si.tx_power_dbm.reset();  // native lines start at ROADMs, which set the power
  } else {
    si.baud_rate_baud = 32e9;
    si.spacing_hz = 50e9;
    si.roll_off = 0.15;
    si.tx_osnr_db = 40;
  }
  si.f_min_hz = net.band_first_thz() * 1e12;
  si.f_max_hz = net.band_last_thz() * 1e12;
  si.power_dbm = p.launch_power_dbm.value_or(library ? si.power_dbm : 0.0);
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
    for (const auto& [name, dbm] : p.mode_launch_power_dbm)
      if (name == m.name) mode.equalization_offset_db = dbm - si.power_dbm;
    t.modes.push_back(mode);
  }
  for (const std::string& name : order) eq.transceivers.push_back(std::move(types[name]));
  return eq;
}

// A typed in-line amplifier between two spans of a fibre that names its variety, named as
// auto-design would name the one it inserts there ("Edfa_<span uid>"), so that the design differs
// from the automatic one only in the type.
physics::Element typed_inline_amplifier(std::string after_span, const std::string& variety) {
  physics::Element amp;
  amp.uid = "Edfa_" + after_span;
  amp.type_variety = variety;
  physics::EdfaElement edfa;
  edfa.tilt_target_db = 0;  // as auto-design's inserted amplifiers
  amp.data = edfa;
  return amp;
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
    std::string uid = e.uid;
    const physics::ElementIndex i = out.add(std::move(e));
    out.add_connection(prev, i);
    prev = i;
    if (fiber.amplifier_variety && k + 1 < spans.size()) {
      const physics::ElementIndex a =
          out.add(typed_inline_amplifier(std::move(uid), *fiber.amplifier_variety));
      out.add_connection(prev, a);
      prev = a;
    }
  }
  out.add_connection(prev, *out.find(roadm_uid(net.node(to))));
}

}  // namespace

Result<Equipment> native_equipment(const Network& net) { return equipment_of(net); }

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
  LM_ASSIGN_OR_RETURN(view.equipment, equipment_of(net));
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
