#include "io/native_reader.h"

#include <fmt/format.h>

#include <cmath>

#include "core/limits.h"
#include "io/json_doc.h"

namespace lightmesh::io {

extern const std::string_view kBuiltinCatalogueJson;

namespace {

std::string item(const std::string& list_pointer, std::size_t i) {
  return list_pointer + "/" + std::to_string(i);
}

Result<std::optional<LatLon>> read_position(const ObjectReader& r) {
  LM_ASSIGN_OR_RETURN(auto lat, r.bounded("lat", limits::kLatitude));
  LM_ASSIGN_OR_RETURN(auto lon, r.bounded("lon", limits::kLongitude));
  if (lat.has_value() != lon.has_value()) {
    return r.doc().error(r.pointer(), std::string("\"") + (lat ? "lat" : "lon") +
                                          "\" given without \"" + (lat ? "lon" : "lat") +
                                          "\" (expected both or neither)");
  }
  if (!lat) return std::optional<LatLon>{};
  return std::optional<LatLon>{LatLon{*lat, *lon}};
}

Result<Compute> read_compute(const Document& doc, const Json& j, const std::string& ptr) {
  ObjectReader r(doc, j, ptr);
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"gpus", "cpu_cores", "storage_tb", "storage_gbps"}));
  Compute c;
  LM_ASSIGN_OR_RETURN(const Json* gpus, r.list("gpus"));
  if (gpus) {
    for (std::size_t i = 0; i < gpus->size(); ++i) {
      ObjectReader g(doc, (*gpus)[i], item(ptr + "/gpus", i));
      LM_RETURN_IF_ERROR(g.expect_object());
      LM_RETURN_IF_ERROR(g.only({"model", "count", "nvlink_domain", "hbm_gb", "tflops_bf16",
                                 "confidential", "diskless"}));
      GpuPool pool;
      LM_ASSIGN_OR_RETURN(pool.model, g.required_id("model"));
      LM_ASSIGN_OR_RETURN(auto count, g.bounded_count("count", limits::kGpuCount));
      if (!count) return doc.error(g.pointer(), "missing required field \"count\"");
      pool.count = *count;
      LM_ASSIGN_OR_RETURN(auto domain, g.bounded_count("nvlink_domain", limits::kGpuCount));
      if (domain) {
        if (*domain == 0)
          return doc.error(g.pointer("nvlink_domain"),
                           "0 is not an NVLink domain size (expected ≥ 1)");
        pool.nvlink_domain = *domain;
      }
      LM_ASSIGN_OR_RETURN(auto hbm, g.bounded("hbm_gb", limits::kMemoryGb));
      LM_ASSIGN_OR_RETURN(auto tflops, g.bounded("tflops_bf16", limits::kTflops));
      LM_ASSIGN_OR_RETURN(auto conf, g.boolean("confidential"));
      LM_ASSIGN_OR_RETURN(auto diskless, g.boolean("diskless"));
      pool.hbm_gb = hbm.value_or(0);
      pool.tflops_bf16 = tflops.value_or(0);
      pool.confidential = conf.value_or(false);
      pool.diskless = diskless.value_or(false);
      c.gpus.push_back(std::move(pool));
    }
  }
  LM_ASSIGN_OR_RETURN(auto cores, r.bounded_count("cpu_cores", limits::kCoreCount));
  LM_ASSIGN_OR_RETURN(auto tb, r.bounded("storage_tb", limits::kStorageTb));
  LM_ASSIGN_OR_RETURN(auto gbps, r.bounded("storage_gbps", limits::kStorageGbps));
  c.cpu_cores = cores.value_or(0);
  c.storage_tb = tb.value_or(0);
  c.storage_gbps = gbps.value_or(0);
  return c;
}

Result<SiteSpec> read_site(const Document& doc, const Json& j, const std::string& ptr) {
  ObjectReader r(doc, j, ptr);
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"id", "name", "lat", "lon", "kind", "jurisdiction",
                             "transceiver_ports", "power_price_usd_mwh", "pue", "compute"}));
  SiteSpec s;
  s.where = ptr;
  LM_ASSIGN_OR_RETURN(s.id, r.required_id("id"));
  LM_ASSIGN_OR_RETURN(auto name, r.string("name"));
  s.name = name.value_or("");
  LM_ASSIGN_OR_RETURN(s.position, read_position(r));
  LM_ASSIGN_OR_RETURN(auto kind, r.string("kind"));
  if (kind) {
    static constexpr std::string_view kKinds[] = {"datacenter", "exchange", "venue", "premises",
                                                  "production", "pop",      "other"};
    bool known = false;
    for (auto k : kKinds) known = known || k == *kind;
    if (!known) {
      return doc.error(
          r.pointer("kind"),
          "unknown site kind \"" + *kind +
              "\" (expected datacenter, exchange, venue, premises, production, pop or other)");
    }
    s.kind = *kind;
  }
  LM_ASSIGN_OR_RETURN(auto jurisdiction, r.string("jurisdiction"));
  s.jurisdiction = jurisdiction.value_or("");
  LM_ASSIGN_OR_RETURN(auto ports, r.bounded_count("transceiver_ports", limits::kPortCount));
  s.transceiver_ports = ports.value_or(0);
  LM_ASSIGN_OR_RETURN(s.power_price_usd_mwh,
                      r.bounded("power_price_usd_mwh", limits::kPriceUsdMwh));
  LM_ASSIGN_OR_RETURN(s.pue, r.bounded("pue", limits::kPue));
  if (const Json* c = r.get("compute")) {
    LM_ASSIGN_OR_RETURN(s.compute, read_compute(doc, *c, r.pointer("compute")));
  }
  return s;
}

Result<NodeSpec> read_node(const Document& doc, const Json& j, const std::string& ptr) {
  ObjectReader r(doc, j, ptr);
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"id", "name", "kind", "lat", "lon", "latency_us"}));
  NodeSpec n;
  n.where = ptr;
  LM_ASSIGN_OR_RETURN(n.id, r.required_id("id"));
  LM_ASSIGN_OR_RETURN(auto name, r.string("name"));
  n.name = name.value_or("");
  LM_ASSIGN_OR_RETURN(auto kind, r.string("kind"));
  if (kind) {
    if (*kind == "roadm" || *kind == "apn-i")
      n.kind = NodeKind::kRoadm;
    else if (*kind == "gateway" || *kind == "apn-g")
      n.kind = NodeKind::kGateway;
    else
      return doc.error(r.pointer("kind"), "unknown node kind \"" + *kind +
                                              "\" (expected roadm, apn-i, gateway or apn-g)");
  }
  LM_ASSIGN_OR_RETURN(n.position, read_position(r));
  LM_ASSIGN_OR_RETURN(auto latency, r.bounded("latency_us", limits::kLatencyUs));
  if (latency) n.latency = Microseconds{*latency};
  return n;
}

// An amplifier variety named in the file: a non-empty id (the library is checked on load).
Result<std::optional<std::string>> variety(const ObjectReader& r, const char* key) {
  LM_ASSIGN_OR_RETURN(auto name, r.id(key));
  if (name && name->empty())
    return r.doc().error(r.pointer(key),
                         "an empty amplifier variety (expected a type_variety of "
                         "the equipment library)");
  return name;
}

Result<FiberSpec> read_fiber(const Document& doc, const Json& j, const std::string& ptr) {
  ObjectReader r(doc, j, ptr);
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"id", "a", "b", "length_km", "route_factor", "type", "us_per_km",
                             "spans", "amplifiers", "loss_db_per_km", "amplifier_variety"}));
  FiberSpec f;
  f.where = ptr;
  LM_ASSIGN_OR_RETURN(f.id, r.required_id("id"));
  LM_ASSIGN_OR_RETURN(f.a, r.required_id("a"));
  LM_ASSIGN_OR_RETURN(f.b, r.required_id("b"));
  LM_ASSIGN_OR_RETURN(auto length, r.bounded("length_km", limits::kFiberLengthKm));
  if (length) f.length = Km{*length};
  LM_ASSIGN_OR_RETURN(f.route_factor, r.bounded("route_factor", limits::kRouteFactor));
  LM_ASSIGN_OR_RETURN(auto type, r.string("type"));
  if (type) {
    if (*type == "ssmf")
      f.type = FiberType::kSsmf;
    else if (*type == "hollow-core")
      f.type = FiberType::kHollowCore;
    else if (*type == "custom")
      f.type = FiberType::kCustom;
    else
      return doc.error(r.pointer("type"), "unknown fibre type \"" + *type +
                                              "\" (expected ssmf, hollow-core or custom)");
  }
  LM_ASSIGN_OR_RETURN(auto delay, r.bounded("us_per_km", limits::kDelayUsPerKm));
  if (delay) f.delay = MicrosecondsPerKm{*delay};
  LM_ASSIGN_OR_RETURN(const Json* spans, r.list("spans"));
  if (spans) {
    for (std::size_t i = 0; i < spans->size(); ++i) {
      ObjectReader s(doc, (*spans)[i], item(r.pointer("spans"), i));
      LM_RETURN_IF_ERROR(s.expect_object());
      LM_RETURN_IF_ERROR(s.only({"length_km", "loss_db"}));
      LM_ASSIGN_OR_RETURN(auto len, s.bounded("length_km", limits::kSpanLengthKm));
      if (!len) return doc.error(s.pointer(), "missing required field \"length_km\"");
      LM_ASSIGN_OR_RETURN(auto loss, s.bounded("loss_db", limits::kLossDb));
      SpanSpec span;
      span.length = Km{*len};
      if (loss) span.loss = Decibel{*loss};
      f.spans.push_back(span);
    }
  }
  LM_ASSIGN_OR_RETURN(f.amplifiers, r.bounded_count("amplifiers", limits::kAmplifierCount));
  LM_ASSIGN_OR_RETURN(f.loss_db_per_km, r.bounded("loss_db_per_km", limits::kLossDbPerKm));
  LM_ASSIGN_OR_RETURN(f.amplifier_variety, variety(r, "amplifier_variety"));
  return f;
}

Result<std::vector<TransceiverMode>> read_transceivers(const Document& doc, const Json& list,
                                                       const std::string& ptr) {
  std::vector<TransceiverMode> modes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string tp = item(ptr, i);
    ObjectReader t(doc, list[i], tp);
    LM_RETURN_IF_ERROR(t.expect_object());
    LM_RETURN_IF_ERROR(t.only({"id", "modes"}));
    LM_ASSIGN_OR_RETURN(std::string id, t.required_id("id"));
    LM_ASSIGN_OR_RETURN(const Json* ms, t.list("modes"));
    if (!ms || ms->empty()) return doc.error(tp, "a transceiver needs a non-empty \"modes\" list");
    for (std::size_t k = 0; k < ms->size(); ++k) {
      ObjectReader m(doc, (*ms)[k], item(t.pointer("modes"), k));
      LM_RETURN_IF_ERROR(m.expect_object());
      LM_RETURN_IF_ERROR(
          m.only({"name", "bit_rate_gbps", "baud_gbd", "width_ghz", "modulation", "reach_km",
                  "required_osnr_db", "tx_osnr_db", "roll_off", "dsp_fec_us", "source"}));
      TransceiverMode mode;
      mode.transceiver = id;
      mode.where = m.pointer();
      LM_ASSIGN_OR_RETURN(mode.name, m.required_id("name"));
      LM_ASSIGN_OR_RETURN(auto rate, m.bounded("bit_rate_gbps", limits::kBitRateGbps));
      if (!rate) return doc.error(m.pointer(), "missing required field \"bit_rate_gbps\"");
      LM_ASSIGN_OR_RETURN(auto baud, m.bounded("baud_gbd", limits::kBaudGbd));
      LM_ASSIGN_OR_RETURN(auto width, m.bounded("width_ghz", limits::kChannelWidthGhz));
      if (!width) return doc.error(m.pointer(), "missing required field \"width_ghz\"");
      LM_ASSIGN_OR_RETURN(auto required_osnr, m.bounded("required_osnr_db", limits::kOsnrDb));
      LM_ASSIGN_OR_RETURN(auto tx_osnr, m.bounded("tx_osnr_db", limits::kPositiveOsnrDb));
      LM_ASSIGN_OR_RETURN(auto roll_off, m.bounded("roll_off", limits::kRollOff));
      LM_ASSIGN_OR_RETURN(auto reach, m.bounded("reach_km", limits::kReachKm));
      // A mode judged by GSNR needs no reach; without a required OSNR the reach is what is judged.
      if (!reach && !required_osnr) {
        return doc.error(m.pointer(),
                         "missing required field \"reach_km\" (or \"required_osnr_db\")");
      }
      LM_ASSIGN_OR_RETURN(auto dsp, m.bounded("dsp_fec_us", limits::kLatencyUs));
      LM_ASSIGN_OR_RETURN(auto modulation, m.string("modulation"));
      LM_ASSIGN_OR_RETURN(auto source, m.string("source"));
      mode.bit_rate = Gbps{*rate};
      mode.baud_rate = GBaud{baud.value_or(0)};
      mode.channel_width = GHz{*width};
      mode.reach = Km{reach.value_or(0)};
      if (required_osnr) mode.required_osnr = Decibel{*required_osnr};
      if (tx_osnr) mode.tx_osnr = Decibel{*tx_osnr};
      if (roll_off) mode.roll_off = *roll_off;
      if (dsp) mode.dsp_fec_latency = Microseconds{*dsp};
      mode.modulation = modulation.value_or("");
      mode.source = source.value_or("");
      modes.push_back(std::move(mode));
    }
  }
  return modes;
}

// Two fields of which at most one may be given.
Status at_most_one(const ObjectReader& r, const char* a, const char* b, const char* why) {
  if (r.get(a) && r.get(b))
    return r.doc().error(r.pointer(b), std::string("\"") + b + "\" given with \"" + a +
                                           "\" (expected one of them: " + why + ")");
  return {};
}

// `physics.roadm`: the ROADM every optical node has (docs/formats.md).
Status read_roadm(const Document& doc, const Json& j, const std::string& ptr, LinePhysics& p) {
  ObjectReader r(doc, j, ptr);
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(
      r.only({"target_pch_out_dbm", "target_psd_out_mw_per_ghz", "booster", "booster_nf_db",
              "preamp", "preamp_nf_db", "add_drop_osnr_db", "pmd_ps", "pdl_db"}));
  RoadmEquipment& e = p.roadm;
  LM_RETURN_IF_ERROR(at_most_one(r, "target_pch_out_dbm", "target_psd_out_mw_per_ghz",
                                 "a power or a power spectral density"));
  LM_ASSIGN_OR_RETURN(e.target_pch_out_dbm, r.bounded("target_pch_out_dbm", limits::kPowerDbm));
  // GNPy tests a target for truth, so 0 dBm would read as no target once exported.
  if (e.target_pch_out_dbm && *e.target_pch_out_dbm == 0)
    return doc.error(r.pointer("target_pch_out_dbm"),
                     "0 dBm is not a target GNPy can read (it takes 0 as no target; expected "
                     "−50 ≤ x ≤ 50 dBm, not 0)");
  LM_ASSIGN_OR_RETURN(e.target_psd_out_mw_per_ghz,
                      r.bounded("target_psd_out_mw_per_ghz", limits::kPowerDensityMwGhz));
  LM_RETURN_IF_ERROR(
      at_most_one(r, "booster", "booster_nf_db", "a variety or a fixed noise figure"));
  LM_RETURN_IF_ERROR(at_most_one(r, "preamp", "preamp_nf_db", "a variety or a fixed noise figure"));
  LM_ASSIGN_OR_RETURN(e.booster, variety(r, "booster"));
  LM_ASSIGN_OR_RETURN(e.preamp, variety(r, "preamp"));
  LM_ASSIGN_OR_RETURN(e.booster_nf_db, r.bounded("booster_nf_db", limits::kFixedNoiseFigureDb));
  LM_ASSIGN_OR_RETURN(e.preamp_nf_db, r.bounded("preamp_nf_db", limits::kFixedNoiseFigureDb));
  LM_ASSIGN_OR_RETURN(auto osnr, r.bounded("add_drop_osnr_db", limits::kPositiveOsnrDb));
  if (osnr) p.roadm_add_drop_osnr_db = *osnr;
  LM_ASSIGN_OR_RETURN(e.pmd_ps, r.bounded("pmd_ps", limits::kElementPmdPs));
  LM_ASSIGN_OR_RETURN(e.pdl_db, r.bounded("pdl_db", limits::kLossDb));
  return {};
}

// The optional "physics" block: line defaults for quality of transmission (docs/formats.md).
Status read_physics(const Document& doc, const Json& j, LinePhysics& p) {
  ObjectReader r(doc, j, "/physics");
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"load", "loss_db_per_km", "dispersion_ps_nm_km", "effective_area_um2",
                             "connector_loss_db", "max_span_km", "launch_power_dbm",
                             "amplifier_nf_db", "roadm_add_drop_osnr_db", "roadm",
                             "mode_launch_power_dbm", "amplifiers", "equipment"}));
  LM_ASSIGN_OR_RETURN(auto load, r.string("load"));
  if (load && *load != "full") {
    return doc.error(r.pointer("load"),
                     "unknown load model \"" + *load + "\" (expected full; docs/physics.md)");
  }
  auto set = [&](const char* key, double& field, const Bound& bound) -> Status {
    LM_ASSIGN_OR_RETURN(auto v, r.bounded(key, bound));
    if (v) field = *v;
    return {};
  };
  LM_RETURN_IF_ERROR(set("loss_db_per_km", p.loss_db_per_km, limits::kLossDbPerKm));
  LM_RETURN_IF_ERROR(set("dispersion_ps_nm_km", p.dispersion_ps_nm_km, limits::kDispersionPsNmKm));
  if (std::abs(p.dispersion_ps_nm_km) < limits::kMinDispersionPsNmKm) {
    return doc.error(
        r.pointer("dispersion_ps_nm_km"),
        fmt::format("{:g} is too close to 0 (expected {} and at least {:g} from 0: the "
                    "GN model divides by the dispersion)",
                    p.dispersion_ps_nm_km, limits::kDispersionPsNmKm.describe(),
                    limits::kMinDispersionPsNmKm));
  }
  LM_RETURN_IF_ERROR(set("effective_area_um2", p.effective_area_um2, limits::kEffectiveAreaUm2));
  LM_RETURN_IF_ERROR(set("connector_loss_db", p.connector_loss_db, limits::kLossDb));
  LM_ASSIGN_OR_RETURN(p.launch_power_dbm, r.bounded("launch_power_dbm", limits::kPowerDbm));
  LM_ASSIGN_OR_RETURN(p.roadm_add_drop_osnr_db,
                      r.bounded("roadm_add_drop_osnr_db", limits::kPositiveOsnrDb));
  LM_ASSIGN_OR_RETURN(auto span, r.bounded("max_span_km", limits::kMaxSpanKm));
  if (span) p.max_span = Km{*span};
  LM_ASSIGN_OR_RETURN(auto nf, r.bounded("amplifier_nf_db", limits::kNoiseFigureDb));
  if (nf) p.amplifier_nf_db = *nf;
  if (const Json* roadm = r.get("roadm")) {
    if (p.roadm_add_drop_osnr_db && roadm->is_object() && roadm->contains("add_drop_osnr_db") &&
        !(*roadm)["add_drop_osnr_db"].is_null())
      return doc.error(r.pointer("roadm") + "/add_drop_osnr_db",
                       "\"add_drop_osnr_db\" given with \"roadm_add_drop_osnr_db\" (expected one "
                       "of them: they are the same figure)");
    LM_RETURN_IF_ERROR(read_roadm(doc, *roadm, r.pointer("roadm"), p));
  }
  if (const Json* per_mode = r.get("mode_launch_power_dbm")) {
    ObjectReader m(doc, *per_mode, r.pointer("mode_launch_power_dbm"));
    LM_RETURN_IF_ERROR(m.expect_object());
    for (const auto& [name, value] : per_mode->items()) {
      // Free comments are allowed here as everywhere; the names are checked against the
      // catalogue when the network is built.
      if (name.empty() || name[0] == '_' || name == "description" || name == "notes" ||
          name == "sources")
        continue;
      LM_ASSIGN_OR_RETURN(double dbm, m.required_bounded(name.c_str(), limits::kPowerDbm));
      p.mode_launch_power_dbm.emplace_back(name, dbm);
    }
  }
  LM_ASSIGN_OR_RETURN(const Json* amps, r.list("amplifiers"));
  if (amps) {
    if (amps->empty())
      return doc.error(r.pointer("amplifiers"),
                       "an empty list (expected the in-line amplifier varieties auto-design may "
                       "choose among; omit it for the library's)");
    for (std::size_t i = 0; i < amps->size(); ++i) {
      const std::string ptr = item(r.pointer("amplifiers"), i);
      if (!(*amps)[i].is_string())
        return doc.error(ptr, "not a string (expected an amplifier variety)");
      const std::string name = (*amps)[i].get<std::string>();
      if (name.empty() || name.size() > limits::kMaxNameBytes)
        return doc.error(ptr, name.empty() ? std::string("an empty amplifier variety")
                                           : id_length_refusal(name.size(), limits::kMaxNameBytes));
      p.inline_amplifiers.push_back(name);
    }
  }
  LM_ASSIGN_OR_RETURN(auto equipment, r.string("equipment"));
  if (equipment) {
    if (equipment->empty())
      return doc.error(r.pointer("equipment"),
                       "an empty path (expected a GNPy eqpt_config.json, relative to this file)");
    p.equipment_file = *equipment;
  }
  // A fixed noise figure for every amplifier leaves nothing for varieties to choose.
  if (p.amplifier_nf_db) {
    for (const char* key : {"amplifiers", "equipment"}) {
      if (r.get(key))
        return doc.error(r.pointer(key),
                         std::string("\"") + key +
                             "\" given with \"amplifier_nf_db\" (expected one of them: a "
                             "fixed noise figure replaces every amplifier variety)");
    }
  }
  return {};
}

template <typename T, typename F>
Status read_list(const Document& doc, const ObjectReader& top, const char* key, std::vector<T>& out,
                 F&& read) {
  LM_ASSIGN_OR_RETURN(const Json* list, top.list(key));
  if (!list) return {};
  for (std::size_t i = 0; i < list->size(); ++i) {
    LM_ASSIGN_OR_RETURN(T v, read(doc, (*list)[i], item(top.pointer(key), i)));
    out.push_back(std::move(v));
  }
  return {};
}

}  // namespace

Result<NetworkSpec> parse_native_network(std::string_view text, std::string_view file) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  return network_from_document(doc);
}

Result<NetworkSpec> network_from_document(const Document& doc) {
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"name", "route_factor", "spectrum", "latency", "physics", "sites",
                               "nodes", "fibers", "transceivers"}));
  NetworkSpec spec;
  spec.file = doc.file;
  LM_ASSIGN_OR_RETURN(auto name, top.string("name"));
  spec.name = name.value_or("");
  LM_ASSIGN_OR_RETURN(spec.route_factor, top.bounded("route_factor", limits::kRouteFactor));
  if (const Json* sp = top.get("spectrum")) {
    ObjectReader r(doc, *sp, "/spectrum");
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"first_thz", "last_thz"}));
    LM_ASSIGN_OR_RETURN(auto first, r.bounded("first_thz", limits::kFrequencyThz));
    LM_ASSIGN_OR_RETURN(auto last, r.bounded("last_thz", limits::kFrequencyThz));
    spec.band_first_thz = first.value_or(spec.band_first_thz);
    spec.band_last_thz = last.value_or(spec.band_last_thz);
  }
  if (const Json* lat = top.get("latency")) {
    ObjectReader r(doc, *lat, "/latency");
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"transceiver_pair_us", "roadm_us", "gateway_us", "amplifier_us"}));
    auto set = [&](const char* key, Microseconds& field) -> Status {
      LM_ASSIGN_OR_RETURN(auto v, r.bounded(key, limits::kLatencyUs));
      if (v) field = Microseconds{*v};
      return {};
    };
    LM_RETURN_IF_ERROR(set("transceiver_pair_us", spec.latency.transceiver_pair));
    LM_RETURN_IF_ERROR(set("roadm_us", spec.latency.roadm));
    LM_RETURN_IF_ERROR(set("gateway_us", spec.latency.gateway));
    LM_RETURN_IF_ERROR(set("amplifier_us", spec.latency.amplifier));
  }
  if (const Json* ph = top.get("physics")) {
    LM_RETURN_IF_ERROR(read_physics(doc, *ph, spec.physics));
    spec.physics_stated = true;
  }
  if (!top.has("sites")) return doc.error("", "missing required field \"sites\"");
  LM_RETURN_IF_ERROR(read_list(doc, top, "sites", spec.sites, read_site));
  LM_RETURN_IF_ERROR(read_list(doc, top, "nodes", spec.nodes, read_node));
  LM_RETURN_IF_ERROR(read_list(doc, top, "fibers", spec.fibers, read_fiber));
  LM_ASSIGN_OR_RETURN(const Json* trx, top.list("transceivers"));
  if (trx) {
    if (trx->empty())
      return doc.error("/transceivers",
                       "an empty catalogue (omit \"transceivers\" to use the built-in one)");
    LM_ASSIGN_OR_RETURN(spec.modes, read_transceivers(doc, *trx, "/transceivers"));
  }
  return spec;
}

Result<std::vector<TransceiverMode>> parse_catalogue(std::string_view text, std::string_view file) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"transceivers"}));
  LM_ASSIGN_OR_RETURN(const Json* trx, top.list("transceivers"));
  if (!trx) return doc.error("", "missing required field \"transceivers\"");
  return read_transceivers(doc, *trx, "/transceivers");
}

const std::vector<TransceiverMode>& builtin_modes() {
  // Parsed once; the embedded text is a build input, so a failure here is a build defect.
  static const std::vector<TransceiverMode> modes = [] {
    auto r = parse_catalogue(kBuiltinCatalogueJson, "data/transceivers.json");
    if (!r) throw std::logic_error("built-in catalogue is invalid: " + r.error().to_string());
    return std::move(r).value();
  }();
  return modes;
}

}  // namespace lightmesh::io
