#include "model/network.h"

#include <fmt/format.h>

#include <cmath>

#include "core/limits.h"

namespace lightmesh {

const char* node_kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::kRoadm:
      return "roadm";
    case NodeKind::kGateway:
      return "gateway";
  }
  return "roadm";
}

const char* fiber_type_name(FiberType t) {
  switch (t) {
    case FiberType::kSsmf:
      return "ssmf";
    case FiberType::kHollowCore:
      return "hollow-core";
    case FiberType::kCustom:
      return "custom";
  }
  return "ssmf";
}

namespace {

template <typename Map>
typename Map::mapped_type lookup(const Map& m, std::string_view id) {
  auto it = m.find(std::string(id));
  return it == m.end() ? kNoIndex : it->second;
}

// Places an error at `where` + `field` in `file`.
Error at(const std::string& file, const std::string& where, std::string_view field,
         std::string message) {
  return Error::invalid(std::move(message)).at(file, where + std::string(field));
}

std::string fmt_num(double v) { return fmt::format("{:g}", v); }

bool positive_finite(double v) { return std::isfinite(v) && v > 0; }

// Every reader bounds the ids it reads; this holds for ids a reader derives too ("a-b", "id#2"),
// so that whatever builds can be written and read again.
Status check_id(const std::string& file, const std::string& where, std::string_view field,
                const std::string& id) {
  if (id.size() <= limits::kMaxNameBytes) return {};
  return at(file, where, field, id_length_refusal(id.size(), limits::kMaxNameBytes));
}

// The same ranges the native reader applies (core/limits.h), whatever filled the spec: an
// importer, a derived length or a caller. A fibre that builds can be written and read again.
Status check_fiber_numbers(const std::string& file, const FiberSpec& f) {
  for (std::size_t i = 0; i < f.spans.size(); ++i) {
    const std::string span = "/spans/" + std::to_string(i);
    const double len = f.spans[i].length.value();
    if (!limits::kSpanLengthKm.contains(len))
      return at(file, f.where, span + "/length_km", limits::kSpanLengthKm.refusal(len));
    if (f.spans[i].loss && !limits::kLossDb.contains(f.spans[i].loss->value())) {
      return at(file, f.where, span + "/loss_db",
                limits::kLossDb.refusal(f.spans[i].loss->value()));
    }
  }
  if (f.length && !limits::kFiberLengthKm.contains(f.length->value()))
    return at(file, f.where, "/length_km", limits::kFiberLengthKm.refusal(f.length->value()));
  if (f.route_factor && !limits::kRouteFactor.contains(*f.route_factor))
    return at(file, f.where, "/route_factor", limits::kRouteFactor.refusal(*f.route_factor));
  if (f.amplifiers && !limits::kAmplifierCount.contains(*f.amplifiers))
    return at(file, f.where, "/amplifiers", limits::kAmplifierCount.refusal(*f.amplifiers));
  if (f.loss_db_per_km && !limits::kLossDbPerKm.contains(*f.loss_db_per_km)) {
    return at(file, f.where, "/loss_db_per_km", limits::kLossDbPerKm.refusal(*f.loss_db_per_km));
  }
  if (f.delay && !limits::kDelayUsPerKm.contains(f.delay->value()))
    return at(file, f.where, "/us_per_km", limits::kDelayUsPerKm.refusal(f.delay->value()));
  return {};
}

// Network-wide totals of GPUs and of cores: 2^31, so that sums over sites fit every counter.
constexpr std::uint64_t kMaxNetworkCount = 2'147'483'648;

Status check_position(const std::string& file, const std::string& where,
                      const std::optional<LatLon>& p) {
  if (!p) return {};
  if (!std::isfinite(p->lat) || p->lat < -90 || p->lat > 90) {
    return at(file, where, "/lat",
              fmt_num(p->lat) + " is not a latitude (expected −90…90 degrees)");
  }
  if (!std::isfinite(p->lon) || p->lon < -180 || p->lon > 180) {
    return at(file, where, "/lon",
              fmt_num(p->lon) + " is not a longitude (expected −180…180 degrees)");
  }
  return {};
}

Status check_mode(const std::string& file, const TransceiverMode& m) {
  const std::string& where = m.where;
  if (m.name.empty()) return at(file, where, "/name", "a mode needs a non-empty name");
  LM_RETURN_IF_ERROR(check_id(file, where, "/name", m.name));
  // The transceiver's id is in the object holding the modes; its length is what matters.
  LM_RETURN_IF_ERROR(check_id(file, where, "", m.transceiver));
  if (!positive_finite(m.bit_rate.value())) {
    return at(file, where, "/bit_rate_gbps",
              fmt_num(m.bit_rate.value()) + " is not a positive bit rate");
  }
  if (!positive_finite(m.channel_width.value())) {
    return at(file, where, "/width_ghz",
              fmt_num(m.channel_width.value()) + " is not a positive width");
  }
  const double units = m.channel_width.value() / 12.5;
  if (std::abs(units - std::round(units)) > 1e-9) {
    return at(file, where, "/width_ghz",
              fmt_num(m.channel_width.value()) +
                  " GHz is not a multiple of 12.5 GHz (G.694.1 flex grid)");
  }
  // A mode judged by GSNR needs no reach; one judged by reach needs it.
  if (!m.required_osnr && !positive_finite(m.reach.value())) {
    return at(file, where, "/reach_km", fmt_num(m.reach.value()) + " is not a positive reach");
  }
  if (m.required_osnr && (m.reach.value() < 0 || !std::isfinite(m.reach.value()))) {
    return at(file, where, "/reach_km", fmt_num(m.reach.value()) + " is not a valid reach");
  }
  if (m.baud_rate.value() < 0 || !std::isfinite(m.baud_rate.value())) {
    return at(file, where, "/baud_gbd", fmt_num(m.baud_rate.value()) + " is not a valid baud rate");
  }
  if (m.required_osnr) {
    if (!std::isfinite(m.required_osnr->value())) {
      return at(file, where, "/required_osnr_db",
                fmt_num(m.required_osnr->value()) + " is not a finite OSNR");
    }
    if (m.baud_rate.value() <= 0) {
      return at(file, where, "/baud_gbd",
                "a mode with required_osnr_db needs its baud rate (the GSNR depends on it)");
    }
    if (m.baud_rate.value() * (1 + m.roll_off) > m.channel_width.value() + 1e-9) {
      return at(file, where, "/width_ghz",
                fmt::format("{:g} GHz is narrower than the signal, {:g} GBd × (1 + {:g})",
                            m.channel_width.value(), m.baud_rate.value(), m.roll_off));
    }
  }
  if (!std::isfinite(m.tx_osnr.value()) || m.tx_osnr.value() <= 0) {
    return at(file, where, "/tx_osnr_db", fmt_num(m.tx_osnr.value()) + " is not a positive OSNR");
  }
  if (!(m.roll_off >= 0 && m.roll_off <= 1)) {
    return at(file, where, "/roll_off", fmt_num(m.roll_off) + " is not a roll-off within 0…1");
  }
  return {};
}

Status check_physics(const std::string& file, const LinePhysics& p) {
  auto need = [&](double v, bool ok, const char* field, const char* what) -> Status {
    if (std::isfinite(v) && ok) return {};
    return at(file, "/physics", std::string("/") + field, fmt_num(v) + " is not " + what);
  };
  LM_RETURN_IF_ERROR(
      need(p.loss_db_per_km, p.loss_db_per_km >= 0, "loss_db_per_km", "a loss in dB/km ≥ 0"));
  LM_RETURN_IF_ERROR(
      need(p.dispersion_ps_nm_km, std::abs(p.dispersion_ps_nm_km) >= limits::kMinDispersionPsNmKm,
           "dispersion_ps_nm_km", "a dispersion of at least 0.001 ps/nm/km either side of 0"));
  LM_RETURN_IF_ERROR(need(p.effective_area_um2, p.effective_area_um2 > 0, "effective_area_um2",
                          "a positive effective area in µm²"));
  LM_RETURN_IF_ERROR(
      need(p.connector_loss_db, p.connector_loss_db >= 0, "connector_loss_db", "a loss in dB ≥ 0"));
  LM_RETURN_IF_ERROR(
      need(p.max_span.value(), p.max_span.value() > 0, "max_span_km", "a positive span length"));
  if (p.launch_power_dbm) {
    LM_RETURN_IF_ERROR(need(*p.launch_power_dbm, *p.launch_power_dbm < 30, "launch_power_dbm",
                            "a power below 30 dBm"));
  }
  if (p.amplifier_nf_db) {
    LM_RETURN_IF_ERROR(need(*p.amplifier_nf_db, *p.amplifier_nf_db >= 0, "amplifier_nf_db",
                            "a noise figure in dB ≥ 0"));
  }
  if (p.roadm_add_drop_osnr_db) {
    LM_RETURN_IF_ERROR(need(*p.roadm_add_drop_osnr_db, *p.roadm_add_drop_osnr_db > 0,
                            "roadm_add_drop_osnr_db", "a positive OSNR in dB"));
  }
  // The ROADM's fields, for specs built in code (the reader holds them to their ranges).
  const RoadmEquipment& r = p.roadm;
  auto in_range = [&](const std::optional<double>& v, const Bound& bound,
                      const char* field) -> Status {
    if (!v || bound.contains(*v)) return {};
    return at(file, "/physics/roadm", std::string("/") + field, bound.refusal(*v));
  };
  LM_RETURN_IF_ERROR(in_range(r.target_pch_out_dbm, limits::kPowerDbm, "target_pch_out_dbm"));
  LM_RETURN_IF_ERROR(in_range(r.target_psd_out_mw_per_ghz, limits::kPowerDensityMwGhz,
                              "target_psd_out_mw_per_ghz"));
  LM_RETURN_IF_ERROR(in_range(r.booster_nf_db, limits::kFixedNoiseFigureDb, "booster_nf_db"));
  LM_RETURN_IF_ERROR(in_range(r.preamp_nf_db, limits::kFixedNoiseFigureDb, "preamp_nf_db"));
  LM_RETURN_IF_ERROR(in_range(r.pmd_ps, limits::kElementPmdPs, "pmd_ps"));
  return in_range(r.pdl_db, limits::kLossDb, "pdl_db");
}

}  // namespace

SiteIndex Network::find_site(std::string_view id) const { return lookup(site_ids_, id); }
NodeIndex Network::find_node(std::string_view id) const { return lookup(node_ids_, id); }
FiberIndex Network::find_fiber(std::string_view id) const { return lookup(fiber_ids_, id); }

Result<Network> build_network(NetworkSpec spec) {
  const std::string& file = spec.file;
  Network net;
  net.name_ = spec.name;
  net.file_ = spec.file;
  net.latency_ = spec.latency;
  net.route_factor_ = spec.route_factor;

  if (spec.sites.empty()) {
    return Error::invalid("the network has no sites (expected a non-empty \"sites\" list)")
        .at(file, "/sites");
  }
  if (spec.route_factor && !(positive_finite(*spec.route_factor) && *spec.route_factor >= 1.0)) {
    return Error::invalid(
               fmt_num(*spec.route_factor) +
               " is not a route factor (expected ≥ 1: a fibre route is never shorter than "
               "the great circle)")
        .at(file, "/route_factor");
  }
  if (!(std::isfinite(spec.band_first_thz) && std::isfinite(spec.band_last_thz) &&
        spec.band_first_thz < spec.band_last_thz)) {
    return Error::invalid("the spectrum band must have first_thz < last_thz").at(file, "/spectrum");
  }
  // The band's edges must fall on the 6.25 GHz flex grid anchored at 193.1 THz (ITU-T G.694.1).
  for (const auto& [edge, field] :
       {std::pair{spec.band_first_thz, "first_thz"}, std::pair{spec.band_last_thz, "last_thz"}}) {
    const double slots = (edge - 193.1) / 0.00625;
    if (std::abs(slots - std::round(slots)) > 1e-6) {
      return Error::invalid(
                 fmt_num(edge) +
                 " THz is not on the 6.25 GHz flex grid (expected 193.1 THz + k × 6.25 GHz)")
          .at(file, std::string("/spectrum/") + field);
    }
  }
  // 65,536 slots (409.6 THz) is far beyond any fibre band; the planner's grid refuses more.
  if ((spec.band_last_thz - spec.band_first_thz) / 0.00625 > 65536.5) {
    return Error::invalid("the band is too wide (at most 65,536 slots of 6.25 GHz)")
        .at(file, "/spectrum");
  }
  net.band_first_thz_ = spec.band_first_thz;
  net.band_last_thz_ = spec.band_last_thz;
  LM_RETURN_IF_ERROR(check_physics(file, spec.physics));
  net.physics_ = spec.physics;
  net.physics_stated_ = spec.physics_stated;

  for (const auto& [value, field] :
       {std::pair{spec.latency.transceiver_pair, "transceiver_pair_us"},
        std::pair{spec.latency.roadm, "roadm_us"}, std::pair{spec.latency.gateway, "gateway_us"},
        std::pair{spec.latency.amplifier, "amplifier_us"}}) {
    if (!std::isfinite(value.value()) || value.value() < 0) {
      return Error::invalid(fmt_num(value.value()) + " is not a latency (expected ≥ 0 µs)")
          .at(file, std::string("/latency/") + field);
    }
  }

  // Sums of GPUs and cores over the network are kept in 32 bits by the placers: a network whose
  // totals would not fit is refused rather than letting a sum wrap (docs/formats.md, ranges).
  std::uint64_t total_gpus = 0, total_cores = 0;
  for (const auto& s : spec.sites) {
    if (!s.compute) continue;
    for (const auto& p : s.compute->gpus) total_gpus += p.count;
    total_cores += s.compute->cpu_cores;
  }
  if (total_gpus > kMaxNetworkCount || total_cores > kMaxNetworkCount) {
    return Error::invalid(fmt::format("the sites hold {} GPUs and {} cores in all (expected at "
                                      "most {} of each)",
                                      total_gpus, total_cores, kMaxNetworkCount))
        .at(file, "/sites");
  }

  // Sites, each with its own ROADM node carrying the site's id.
  for (auto& s : spec.sites) {
    if (s.id.empty()) return at(file, s.where, "/id", "a site needs a non-empty id");
    LM_RETURN_IF_ERROR(check_id(file, s.where, "/id", s.id));
    if (net.site_ids_.count(s.id))
      return at(file, s.where, "/id", "duplicate site id \"" + s.id + "\"");
    LM_RETURN_IF_ERROR(check_position(file, s.where, s.position));
    if (s.pue && !(std::isfinite(*s.pue) && *s.pue >= 1.0)) {
      return at(file, s.where, "/pue", fmt_num(*s.pue) + " is not a PUE (expected ≥ 1)");
    }
    if (s.power_price_usd_mwh &&
        !(std::isfinite(*s.power_price_usd_mwh) && *s.power_price_usd_mwh >= 0)) {
      return at(file, s.where, "/power_price_usd_mwh",
                fmt_num(*s.power_price_usd_mwh) + " is not a price (expected ≥ 0)");
    }
    const auto si = static_cast<SiteIndex>(net.sites_.size());
    const auto ni = static_cast<NodeIndex>(net.nodes_.size());
    net.site_ids_.emplace(s.id, si);
    net.node_ids_.emplace(s.id, ni);
    OpticalNode node;
    node.id = s.id;
    node.name = s.name.empty() ? s.id : s.name;
    node.kind = NodeKind::kRoadm;
    node.position = s.position;
    node.site = si;
    node.latency = spec.latency.roadm;
    net.nodes_.push_back(std::move(node));
    Site site;
    site.id = std::move(s.id);
    site.name = s.name.empty() ? site.id : std::move(s.name);
    site.position = s.position;
    site.kind = std::move(s.kind);
    site.jurisdiction = std::move(s.jurisdiction);
    site.compute = std::move(s.compute);
    site.power_price_usd_mwh = s.power_price_usd_mwh;
    site.pue = s.pue;
    site.transceiver_ports = s.transceiver_ports;
    site.node = ni;
    net.sites_.push_back(std::move(site));
  }

  for (auto& n : spec.nodes) {
    if (n.id.empty()) return at(file, n.where, "/id", "a node needs a non-empty id");
    LM_RETURN_IF_ERROR(check_id(file, n.where, "/id", n.id));
    if (net.node_ids_.count(n.id)) {
      return at(
          file, n.where, "/id",
          "duplicate id \"" + n.id + "\"" + (net.site_ids_.count(n.id) ? " (already a site)" : ""));
    }
    LM_RETURN_IF_ERROR(check_position(file, n.where, n.position));
    if (n.latency && !(std::isfinite(n.latency->value()) && n.latency->value() >= 0)) {
      return at(file, n.where, "/latency_us",
                fmt_num(n.latency->value()) + " is not a latency (expected ≥ 0 µs)");
    }
    net.node_ids_.emplace(n.id, static_cast<NodeIndex>(net.nodes_.size()));
    OpticalNode node;
    node.id = std::move(n.id);
    node.name = n.name.empty() ? node.id : std::move(n.name);
    node.kind = n.kind;
    node.position = n.position;
    node.latency = n.latency
                       ? *n.latency
                       : (n.kind == NodeKind::kGateway ? spec.latency.gateway : spec.latency.roadm);
    node.latency_overridden = n.latency.has_value();
    net.nodes_.push_back(std::move(node));
  }

  net.adjacency_.resize(net.nodes_.size());
  for (auto& f : spec.fibers) {
    if (f.id.empty()) return at(file, f.where, "/id", "a fibre needs a non-empty id");
    LM_RETURN_IF_ERROR(check_id(file, f.where, "/id", f.id));
    LM_RETURN_IF_ERROR(check_id(file, f.where, "/a", f.a));
    LM_RETURN_IF_ERROR(check_id(file, f.where, "/b", f.b));
    if (net.fiber_ids_.count(f.id))
      return at(file, f.where, "/id", "duplicate fibre id \"" + f.id + "\"");
    Fiber fiber;
    fiber.a = net.find_node(f.a);
    if (fiber.a == kNoIndex) return at(file, f.where, "/a", "unknown site or node \"" + f.a + "\"");
    fiber.b = net.find_node(f.b);
    if (fiber.b == kNoIndex) return at(file, f.where, "/b", "unknown site or node \"" + f.b + "\"");
    if (fiber.a == fiber.b)
      return at(file, f.where, "/b", "a fibre cannot end where it starts (\"" + f.b + "\")");

    double span_sum = 0;
    for (std::size_t i = 0; i < f.spans.size(); ++i) {
      const double len = f.spans[i].length.value();
      if (!positive_finite(len)) {
        return at(file, f.where, "/spans/" + std::to_string(i) + "/length_km",
                  fmt_num(len) + " is not a positive length");
      }
      span_sum += len;
      fiber.spans.push_back({f.spans[i].length, f.spans[i].loss});
    }

    if (f.route_factor && (f.length || !f.spans.empty())) {
      // A stated length wins; say so, since the user evidently expected the factor to matter.
      net.warnings_.push_back(fmt::format("{}{}/route_factor: ignored, the fibre states its length",
                                          file.empty() ? "" : file + ": ", f.where));
    }
    if (f.length) {
      const double len = f.length->value();
      if (!std::isfinite(len) || len < 0)
        return at(file, f.where, "/length_km", fmt_num(len) + " is not a positive length");
      if (len == 0 && !f.spans.empty())
        return at(file, f.where, "/length_km", "0 is not a positive length");
      if (!f.spans.empty() && std::abs(span_sum - len) > 0.01 * std::max(1.0, len)) {
        return at(
            file, f.where, "/length_km",
            fmt::format("{:g} km disagrees with the sum of its spans, {:g} km", len, span_sum));
      }
      fiber.length = *f.length;
    } else if (!f.spans.empty()) {
      fiber.length = Km{span_sum};
    } else {
      const auto factor = f.route_factor ? f.route_factor : spec.route_factor;
      const auto& pa = net.nodes_[fiber.a].position;
      const auto& pb = net.nodes_[fiber.b].position;
      if (!factor || !pa || !pb) {
        return at(file, f.where, "/length_km",
                  "missing length (expected length_km, spans, or coordinates on both ends plus a "
                  "route_factor)");
      }
      if (!(positive_finite(*factor) && *factor >= 1.0)) {
        return at(file, f.where, "/route_factor",
                  fmt_num(*factor) + " is not a route factor (expected ≥ 1)");
      }
      const Km great = great_circle(*pa, *pb);
      fiber.length = great * *factor;
      fiber.length_from_coordinates = true;
      fiber.route_factor = *factor;
      // A derived length obeys the range of a stated one: the file written from this network
      // states it.
      if (!limits::kFiberLengthKm.contains(fiber.length.value())) {
        return at(file, f.where, "",
                  fmt::format("the length from coordinates, {:g} km of great circle × route "
                              "factor {:g} = {:g} km, is out of range (expected {})",
                              great.value(), *factor, fiber.length.value(),
                              limits::kFiberLengthKm.describe()));
      }
    }
    if (!f.length && !f.spans.empty() && !limits::kFiberLengthKm.contains(span_sum)) {
      return at(file, f.where, "/spans",
                fmt::format("the spans add up to {:g} km, out of range for a fibre (expected {})",
                            span_sum, limits::kFiberLengthKm.describe()));
    }

    fiber.type = f.type;
    switch (f.type) {
      case FiberType::kSsmf:
        fiber.delay = kSsmfDelay;
        break;
      case FiberType::kHollowCore:
        fiber.delay = kHollowCoreDelay;
        break;
      case FiberType::kCustom:
        if (!f.delay) return at(file, f.where, "/us_per_km", "a custom fibre type needs us_per_km");
        break;
    }
    if (f.delay) {
      const double d = f.delay->value();
      if (!std::isfinite(d) || d < kVacuumDelay.value()) {
        return at(file, f.where, "/us_per_km",
                  fmt_num(d) + " µs/km is faster than light in vacuum (expected ≥ 3.336 µs/km)");
      }
      fiber.delay = *f.delay;
      fiber.delay_overridden = true;
    }
    fiber.amplifiers = f.amplifiers
                           ? *f.amplifiers
                           : (f.spans.empty() ? 0 : static_cast<std::uint32_t>(f.spans.size() - 1));
    fiber.amplifiers_stated = f.amplifiers.has_value();
    if (f.loss_db_per_km) {
      if (!std::isfinite(*f.loss_db_per_km) || *f.loss_db_per_km < 0)
        return at(file, f.where, "/loss_db_per_km",
                  fmt_num(*f.loss_db_per_km) + " is not a loss in dB/km ≥ 0");
      fiber.loss_db_per_km = f.loss_db_per_km;
    }
    fiber.amplifier_variety = f.amplifier_variety;
    LM_RETURN_IF_ERROR(check_fiber_numbers(file, f));

    const auto fi = static_cast<FiberIndex>(net.fibers_.size());
    net.fiber_ids_.emplace(f.id, fi);
    fiber.id = std::move(f.id);
    net.adjacency_[fiber.a].push_back(fi);
    net.adjacency_[fiber.b].push_back(fi);
    net.fibers_.push_back(std::move(fiber));
  }

  for (std::size_t i = 0; i < spec.modes.size(); ++i) {
    LM_RETURN_IF_ERROR(check_mode(file, spec.modes[i]));
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.modes[j].name == spec.modes[i].name) {
        return at(file, spec.modes[i].where, "/name",
                  "duplicate mode name \"" + spec.modes[i].name + "\"");
      }
    }
  }
  net.catalogue_ = TransceiverCatalogue(std::move(spec.modes));
  // A launch power per mode names a mode judged by GSNR: a mode judged by reach has no physics.
  for (const auto& [name, dbm] : net.physics_.mode_launch_power_dbm) {
    std::string key;
    for (char c : name)
      key += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    const std::string where = "/physics/mode_launch_power_dbm/" + key;
    const ModeIndex m = net.catalogue_.find(name);
    if (m == kNoIndex)
      return Error::invalid("unknown mode \"" + name + "\" (expected a mode of the catalogue)")
          .at(file, where);
    if (!net.catalogue_.mode(m).required_osnr)
      return Error::invalid("mode \"" + name +
                            "\" is judged by its reach, not by GSNR (expected a mode with "
                            "required_osnr_db)")
          .at(file, where);
    if (!limits::kPowerDbm.contains(dbm))
      return Error::invalid(limits::kPowerDbm.refusal(dbm)).at(file, where);
  }

  // Connected components over nodes; sites in a component other than the first site's get a
  // warning.
  std::vector<std::uint32_t> component(net.nodes_.size(), kNoIndex);
  std::uint32_t components = 0;
  std::vector<NodeIndex> stack;
  for (NodeIndex start = 0; start < net.nodes_.size(); ++start) {
    if (component[start] != kNoIndex) continue;
    component[start] = components;
    stack.push_back(start);
    while (!stack.empty()) {
      const NodeIndex u = stack.back();
      stack.pop_back();
      for (FiberIndex f : net.adjacency_[u]) {
        const NodeIndex v = net.fibers_[f].other_end(u);
        if (component[v] == kNoIndex) {
          component[v] = components;
          stack.push_back(v);
        }
      }
    }
    ++components;
  }
  if (components > 1) {
    std::vector<std::string> examples;
    std::size_t cut_off = 0;
    for (NodeIndex n = 0; n < net.nodes_.size(); ++n) {
      if (component[n] == component[0]) continue;
      if (examples.size() < 5)
        examples.push_back(net.nodes_[n].id);
      else
        ++cut_off;
    }
    std::string list;
    for (const auto& e : examples) list += (list.empty() ? "" : ", ") + e;
    if (cut_off) list += fmt::format(" and {} more", cut_off);
    net.warnings_.push_back(
        fmt::format("{}the network has {} disconnected parts; not reachable from \"{}\": {}",
                    file.empty() ? "" : file + ": ", components, net.nodes_[0].id, list));
  }
  return net;
}

}  // namespace lightmesh
