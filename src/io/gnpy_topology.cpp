// GNPy topology JSON ⇄ physics::ElementNetwork. The mapping, units and defaults are documented in
// docs/formats.md ("GNPy topology JSON (element level)"); the comments here say why.
#include "io/gnpy_topology.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/limits.h"
#include "io/gnpy_carried.h"
#include "io/json_doc.h"
#include "io/json_fields.h"

namespace lightmesh::io {

namespace {

using physics::EdfaElement;
using physics::Element;
using physics::ElementIndex;
using physics::ElementNetwork;
using physics::FiberElement;
using physics::FusedElement;
using physics::GeoLocation;
using physics::RoadmElement;
using physics::TransceiverElement;

// Bounds that tell GNPy's SI units from everyday ones, as in the equipment reader: a dispersion in
// s/m² is below 1e-3 (not 16.7 ps/(nm·km)), an effective area in m² below 1e-8 (not 83 µm²), a
// PMD coefficient in s/√m below 1e-12 (not 0.04 ps/√km), a wavelength in m below 1e-5.
constexpr double kMaxDispersion = 1e-3;
constexpr double kMaxPmdCoef = 1e-12;

std::string in_quotes(const std::string& s) { return describe(Json(s)); }

// A number in `key` that must lie in [lower, upper): outside, it was written in another unit.
Result<std::optional<double>> number_in_unit(const NamedFields& f, const char* key,
                                             const char* expected, double lower, double upper,
                                             const char* hint) {
  LM_ASSIGN_OR_RETURN(auto v, f.number(key, expected));
  if (v) {
    LM_ASSIGN_OR_RETURN(*v, f.in_unit(key, expected, *v, lower, upper, hint));
  }
  return v;
}

// An object mapping degree uids to numbers within `bound` (GNPy's per_degree_* settings of a
// ROADM, each the same quantity as the ROADM's own target).
Result<std::map<std::string, double>> per_degree(const NamedFields& f, const char* key,
                                                 const Bound& bound) {
  std::map<std::string, double> out;
  LM_ASSIGN_OR_RETURN(const Json* obj, f.object(key));
  if (!obj) return out;
  const Document& doc = f.reader().doc();
  for (const auto& [degree, v] : obj->items()) {
    const std::string where = f.pointer(key) + "/" + escape_pointer_token(degree);
    LM_RETURN_IF_ERROR(check_id_length(doc, where, degree));
    if (!v.is_number()) {
      return doc.error(where, printable(fmt::format("{}: {} for degree {} in \"{}\" is not a "
                                                    "number (expected {})",
                                                    f.who(), describe(v), in_quotes(degree), key,
                                                    bound.describe())));
    }
    if (!bound.contains(v.get<double>())) {
      return doc.error(where, printable(fmt::format("{}: {} for degree {} in \"{}\" is out of "
                                                    "range (expected {})",
                                                    f.who(), describe(v), in_quotes(degree), key,
                                                    bound.describe())));
    }
    out[degree] = v.get<double>();
  }
  return out;
}

// The members of the object not in `modelled`, as JSON text ("" when none): kept for writing
// back (Element::extra_params_json and extra_operational_json).
std::string extras(const NamedFields& f, std::initializer_list<std::string_view> modelled) {
  if (!f.json().is_object()) return "";
  Json rest = Json::object();
  for (const auto& [key, value] : f.json().items()) {
    bool known = false;
    for (auto m : modelled) known = known || m == key;
    if (!known) rest[key] = value;
  }
  return rest.empty() ? "" : rest.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const Json& empty_object() {
  static const Json kEmpty = Json::object();  // immutable
  return kEmpty;
}

// The names of the library's types of one kind, for messages: "\"SSMF\", \"NZDF\"".
template <typename T>
std::string known_names(const std::vector<T>& types) {
  std::string out;
  for (const T& t : types) out += (out.empty() ? "" : ", ") + in_quotes(t.type_variety);
  return out.empty() ? "none" : out;
}

class TopologyReader {
 public:
  TopologyReader(const Document& doc, const Equipment& eq) : doc_(doc), eq_(eq) {}

  Result<ElementNetwork> read() {
    NamedFields top(doc_, doc_.root, "", "topology");
    if (!doc_.root.is_object()) {
      return doc_.error("", describe(doc_.root) +
                                " is not an object (expected {\"elements\": […], "
                                "\"connections\": […]})");
    }
    ElementNetwork net;
    LM_ASSIGN_OR_RETURN(auto name, top.text("network_name"));
    net.name = name.value_or("");
    LM_ASSIGN_OR_RETURN(const Json* elements, list(top, "elements", "a list of elements"));
    for (std::size_t i = 0; i < elements->size(); ++i) {
      LM_RETURN_IF_ERROR(read_element((*elements)[i], "/elements/" + std::to_string(i), net));
    }
    LM_ASSIGN_OR_RETURN(const Json* connections,
                        list(top, "connections", "a list of {\"from_node\", \"to_node\"}"));
    for (std::size_t k = 0; k < connections->size(); ++k) {
      LM_RETURN_IF_ERROR(read_connection((*connections)[k], k, net));
    }
    return net;
  }

 private:
  Result<const Json*> list(const NamedFields& top, const char* key, const char* expected) {
    const Json* v = top.get(key);
    if (!v) {
      return doc_.error("",
                        fmt::format("missing required field \"{}\" (expected {})", key, expected));
    }
    if (!v->is_array())
      return doc_.error(top.pointer(key), describe(*v) + " is not a list (expected […])");
    return v;
  }

  Status read_element(const Json& j, const std::string& where, ElementNetwork& net) {
    NamedFields e(doc_, j, where, "element");
    LM_RETURN_IF_ERROR(e.expect_object());
    LM_ASSIGN_OR_RETURN(auto uid, e.id("uid"));
    if (!uid) return e.missing("uid", "the element's unique name");
    if (uid->empty()) return e.error("uid", "an empty uid (expected the element's unique name)");
    LM_ASSIGN_OR_RETURN(auto type, e.text("type"));
    if (!type) {
      return NamedFields(doc_, j, where, "element " + in_quotes(*uid))
          .missing("type", "Transceiver, Roadm, Fused, Fiber, RamanFiber or Edfa");
    }
    if (*type == "Multiband_amplifier") {
      return Error::unsupported(
                 printable("Multiband_amplifier " + in_quotes(*uid) +
                           ": multi-band amplifiers are not supported (lightmesh propagates the C "
                           "band only; use one Edfa)"))
          .at(doc_.file, doc_.place(e.pointer("type")));
    }
    static const char* const kTypes[] = {"Transceiver", "Roadm",      "Fused",
                                         "Fiber",       "RamanFiber", "Edfa"};
    if (std::find(std::begin(kTypes), std::end(kTypes), *type) == std::end(kTypes)) {
      return Error::unsupported(printable(fmt::format("element {}: unknown type {} (expected "
                                                      "Transceiver, Roadm, Fused, Fiber, "
                                                      "RamanFiber or Edfa)",
                                                      in_quotes(*uid), in_quotes(*type))))
          .at(doc_.file, doc_.place(e.pointer("type")));
    }
    NamedFields el(doc_, j, where, *type + " " + in_quotes(*uid));
    if (auto first = where_.find(*uid); first != where_.end()) {
      return el.error("uid", "a second element with this uid (the first is " + first->second + ")");
    }

    Element out;
    out.uid = *uid;
    LM_RETURN_IF_ERROR(read_location(el, out.location));
    LM_ASSIGN_OR_RETURN(const Json* params, el.object("params"));
    LM_ASSIGN_OR_RETURN(const Json* operational, el.object("operational"));
    NamedFields p(doc_, params ? *params : empty_object(), el.pointer("params"), el.who());
    NamedFields op(doc_, operational ? *operational : empty_object(), el.pointer("operational"),
                   el.who());
    // GNPy reads "type_variety" as "default" when it is absent.
    LM_ASSIGN_OR_RETURN(auto variety, el.id("type_variety"));

    if (*type == "Transceiver") {
      // GNPy looks a transceiver's type up only to merge design bands; an unknown one is not an
      // error (requests name the transceiver type).
      out.type_variety = variety.value_or("");
      out.data = TransceiverElement{};
      out.extra_params_json = extras(p, {});
    } else if (*type == "Roadm") {
      LM_RETURN_IF_ERROR(read_roadm(el, p, variety, out));
    } else if (*type == "Fused") {
      FusedElement f;
      LM_ASSIGN_OR_RETURN(auto loss, p.bounded("loss", limits::kLossDb));
      f.loss_db = loss.value_or(1.0);
      out.data = f;
      out.extra_params_json = extras(p, {"loss"});
    } else if (*type == "Fiber" || *type == "RamanFiber") {
      LM_RETURN_IF_ERROR(read_fiber(el, p, op, variety, *type == "RamanFiber", out));
    } else {
      LM_RETURN_IF_ERROR(read_edfa(el, p, op, variety, out));
    }
    where_.emplace(*uid, where);
    net.add(std::move(out));
    return {};
  }

  Status read_location(const NamedFields& el, GeoLocation& loc) {
    LM_ASSIGN_OR_RETURN(const Json* metadata, el.object("metadata"));
    if (!metadata) return {};
    NamedFields m(doc_, *metadata, el.pointer("metadata"), el.who());
    LM_ASSIGN_OR_RETURN(const Json* location, m.object("location"));
    if (!location) return {};
    NamedFields l(doc_, *location, m.pointer("location"), el.who());
    LM_ASSIGN_OR_RETURN(auto lat, l.bounded("latitude", limits::kLatitude));
    LM_ASSIGN_OR_RETURN(auto lon, l.bounded("longitude", limits::kLongitude));
    if (lat && (*lat < -90 || *lat > 90))
      return l.error("latitude", fmt::format("{:g} is not a latitude (expected −90…90)", *lat));
    if (lon && (*lon < -180 || *lon > 180))
      return l.error("longitude", fmt::format("{:g} is not a longitude (expected −180…180)", *lon));
    loc.latitude = lat.value_or(0);
    loc.longitude = lon.value_or(0);
    LM_ASSIGN_OR_RETURN(auto city, l.text("city"));
    LM_ASSIGN_OR_RETURN(auto region, l.text("region"));
    loc.city = city.value_or("");
    loc.region = region.value_or("");
    return {};
  }

  Status read_roadm(const NamedFields& el, const NamedFields& p,
                    const std::optional<std::string>& variety, Element& out) {
    out.type_variety = variety.value_or("default");
    const RoadmType* type = eq_.find_roadm(out.type_variety);
    if (!type) return unknown_type(el, variety, "Roadm", known_names(eq_.roadms));
    RoadmElement r;
    static const char* const kTargets[] = {"target_pch_out_db", "target_psd_out_mWperGHz",
                                           "target_out_mWperSlotWidth"};
    const char* found = nullptr;
    for (const char* key : kTargets) {
      if (!p.has(key)) continue;
      // Two targets would leave the equalisation ambiguous; GNPy refuses them too.
      if (found) {
        return p.error(key, fmt::format("both \"{}\" and \"{}\" (expected one equalisation target)",
                                        found, key));
      }
      found = key;
    }
    LM_ASSIGN_OR_RETURN(r.target_pch_out_dbm, roadm_target_dbm(p, "target_pch_out_db"));
    LM_ASSIGN_OR_RETURN(r.target_psd_out_mw_per_ghz,
                        p.bounded("target_psd_out_mWperGHz", limits::kPowerDensityMwGhz));
    LM_ASSIGN_OR_RETURN(r.target_out_mw_per_slot_width,
                        p.bounded("target_out_mWperSlotWidth", limits::kPowerDensityMwGhz));
    LM_ASSIGN_OR_RETURN(r.per_degree_pch_out_dbm,
                        per_degree(p, "per_degree_pch_out_db", limits::kPowerDbm));
    LM_ASSIGN_OR_RETURN(r.per_degree_psd_out_mw_per_ghz,
                        per_degree(p, "per_degree_psd_out_mWperGHz", limits::kPowerDensityMwGhz));
    // GNPy v2.12 reads the per-degree slot-width target under this name (with "psd").
    LM_ASSIGN_OR_RETURN(
        r.per_degree_out_mw_per_slot_width,
        per_degree(p, "per_degree_psd_out_mWperSlotWidth", limits::kPowerDensityMwGhz));
    // The element's restrictions win; a list it leaves out comes from the library, as GNPy merges.
    r.preamp_variety_list = type->preamp_variety_list;
    r.booster_variety_list = type->booster_variety_list;
    LM_ASSIGN_OR_RETURN(const Json* restrictions, p.object("restrictions"));
    if (restrictions) {
      NamedFields rs(doc_, *restrictions, p.pointer("restrictions"), el.who());
      LM_ASSIGN_OR_RETURN(auto preamps, rs.names("preamp_variety_list"));
      LM_ASSIGN_OR_RETURN(auto boosters, rs.names("booster_variety_list"));
      if (preamps) r.preamp_variety_list = std::move(*preamps);
      if (boosters) r.booster_variety_list = std::move(*boosters);
      for (const auto& [key, names] :
           {std::pair{"preamp_variety_list", &r.preamp_variety_list},
            std::pair{"booster_variety_list", &r.booster_variety_list}}) {
        for (std::size_t i = 0; i < names->size(); ++i) {
          if (eq_.find_edfa((*names)[i])) continue;
          return doc_.error(rs.pointer(key) + "/" + std::to_string(i),
                            printable(el.who() + ": names " + in_quotes((*names)[i]) +
                                      ", which is not an Edfa type of the equipment library"));
        }
      }
    }
    out.data = std::move(r);
    out.extra_params_json =
        extras(p, {"target_pch_out_db", "target_psd_out_mWperGHz", "target_out_mWperSlotWidth",
                   "per_degree_pch_out_db", "per_degree_psd_out_mWperGHz",
                   "per_degree_psd_out_mWperSlotWidth", "restrictions"});
    return {};
  }

  Status read_fiber(const NamedFields& el, const NamedFields& p, const NamedFields& op,
                    const std::optional<std::string>& variety, bool raman, Element& out) {
    const char* kind = raman ? "RamanFiber" : "Fiber";
    out.type_variety = variety.value_or("default");
    const auto& types = raman ? eq_.raman_fibers : eq_.fibers;
    const FiberVariety* type = nullptr;
    for (const FiberVariety& t : types)
      if (t.type_variety == out.type_variety) type = &t;
    if (!type) return unknown_type(el, variety, kind, known_names(types));
    if (!el.has("params"))
      return el.missing("params", "{\"length\", \"length_units\", \"loss_coef\"}");

    FiberElement f;
    f.raman = raman;
    physics::FiberParams& fp = f.params;
    LM_ASSIGN_OR_RETURN(auto length, p.non_negative("length", "a length in length_units"));
    if (!length) return p.missing("length", "a length in length_units");
    LM_ASSIGN_OR_RETURN(auto units, p.text("length_units"));
    if (!units) return p.missing("length_units", "\"km\" or \"m\"");
    if (*units == "km") {
      fp.length_m = *length * 1e3;
    } else if (*units == "m") {
      fp.length_m = *length;
    } else {
      return p.error("length_units",
                     "unknown length unit " + in_quotes(*units) + " (expected \"km\" or \"m\")");
    }
    if (!limits::kFiberLengthKm.contains(fp.length_m / 1e3)) {
      return p.error("length", fmt::format("{:g} {} is not a fibre length (expected {})", *length,
                                           *units, limits::kFiberLengthKm.describe()));
    }
    LM_ASSIGN_OR_RETURN(fp.loss_db_per_km, loss_coef(p));

    // att_in absent is 0 in GNPy; null is kept unset for design. Connector losses absent or null
    // are unset: design fills them from the library's Span.
    LM_ASSIGN_OR_RETURN(f.att_in_db, p.bounded("att_in", limits::kLossDb));
    if (!p.present("att_in")) f.att_in_db = 0.0;
    LM_ASSIGN_OR_RETURN(f.con_in_db, p.bounded("con_in", limits::kLossDb));
    LM_ASSIGN_OR_RETURN(f.con_out_db, p.bounded("con_out", limits::kLossDb));
    fp.att_in_db = f.att_in_db.value_or(0);
    fp.con_in_db = f.con_in_db.value_or(0);
    fp.con_out_db = f.con_out_db.value_or(0);
    LM_RETURN_IF_ERROR(lumped_losses(p, f));

    // The library's fibre type fills what the element's params leave out (GNPy merges the two,
    // the element winning).
    fp.dispersion_s_per_m2 = type->dispersion_s_per_m2;
    f.dispersion_slope_s_per_m3 = type->dispersion_slope_s_per_m3;
    fp.pmd_coef_s_per_sqrt_m = type->pmd_coef_s_per_sqrt_m;
    std::optional<double> area = type->effective_area_m2;
    std::optional<double> gamma = type->gamma_per_w_per_m;
    LM_ASSIGN_OR_RETURN(auto dispersion,
                        number_in_unit(p, "dispersion", "a dispersion in s/m²", -kMaxDispersion,
                                       kMaxDispersion, "expected s/m², e.g. 1.67e-05"));
    if (dispersion) {
      LM_RETURN_IF_ERROR(dispersion_not_zero(p, "dispersion", *dispersion));
      fp.dispersion_s_per_m2 = *dispersion;
    }
    LM_ASSIGN_OR_RETURN(auto slope, p.bounded("dispersion_slope", limits::kDispersionSlopeSM3));
    if (slope) f.dispersion_slope_s_per_m3 = slope;
    LM_ASSIGN_OR_RETURN(auto pmd, number_in_unit(p, "pmd_coef", "a PMD coefficient in s/√m", 0,
                                                 kMaxPmdCoef, "expected s/√m, e.g. 1.265e-15"));
    if (pmd) fp.pmd_coef_s_per_sqrt_m = *pmd;
    LM_ASSIGN_OR_RETURN(
        auto own_area,
        number_in_unit(p, "effective_area", "an effective area in m²", limits::kEffectiveAreaM2.min,
                       limits::kEffectiveAreaM2.max, "expected m², e.g. 83e-12"));
    LM_ASSIGN_OR_RETURN(auto own_gamma,
                        number_in_unit(p, "gamma", "a nonlinear coefficient in 1/(W·m)", 1e-9, 1,
                                       "expected 1/(W·m), e.g. 1.27e-3"));
    if (own_area) area = own_area;
    if (own_gamma) gamma = own_gamma;
    // GNPy scales γ over the band from the effective area whenever one is known (a γ given as
    // well is stored but unused); only without an area does γ give it; 83 µm² when neither is.
    if (area) {
      fp.effective_area_m2 = *area;
    } else {
      fp.gamma_per_w_m = gamma;
    }
    LM_ASSIGN_OR_RETURN(auto wavelength, number_in_unit(p, "ref_wavelength", "a wavelength in m",
                                                        1e-7, 1e-5, "expected m, e.g. 1550e-9"));
    LM_ASSIGN_OR_RETURN(auto frequency, number_in_unit(p, "ref_frequency", "a frequency in Hz",
                                                       1e12, 1e16, "expected Hz, e.g. 193.4e12"));
    if (wavelength) {
      fp.ref_wavelength_m = *wavelength;
    } else if (frequency) {
      fp.ref_wavelength_m = physics::kSpeedOfLight / *frequency;
    }
    if (p.present("dispersion_per_frequency")) {
      return p.error("dispersion_per_frequency",
                     "a dispersion per frequency is not supported (lightmesh models one "
                     "dispersion per fibre; give \"dispersion\" in s/m²)");
    }
    if (raman) {
      // GNPy refuses a RamanFiber without its pumps and temperature; lightmesh propagates it as a
      // plain fibre but accepts the same files.
      for (const char* key : {"raman_pumps", "temperature"}) {
        if (!op.present(key)) {
          return op.missing(key, "the operational settings GNPy requires of a RamanFiber");
        }
      }
    }
    out.data = std::move(f);
    out.extra_params_json = extras(
        p, {"length", "length_units", "loss_coef", "att_in", "con_in", "con_out", "lumped_losses"});
    out.extra_operational_json = extras(op, {});
    return {};
  }

  // loss_coef in dB/km: a number, or GNPy's per-frequency form {"value": […], "frequency": […]},
  // which lightmesh takes only when every value is the same (it models one loss per fibre).
  Result<double> loss_coef(const NamedFields& p) {
    const Json* v = p.get("loss_coef");
    if (!v) return p.missing("loss_coef", "the fibre loss in dB/km");
    if (v->is_object()) {
      NamedFields lc(doc_, *v, p.pointer("loss_coef"), p.who());
      const Json* values = lc.get("value");
      if (!values || !values->is_array() || values->empty()) {
        return lc.error("value",
                        "a per-frequency loss_coef needs a non-empty list \"value\" in "
                        "dB/km");
      }
      double first = 0;
      for (std::size_t i = 0; i < values->size(); ++i) {
        const Json& x = (*values)[i];
        if (!x.is_number() || !limits::kLossDbPerKm.contains(x.get<double>())) {
          return doc_.error(
              lc.pointer("value") + "/" + std::to_string(i),
              printable(p.who() + ": " + describe(x) + " is not a loss coefficient (expected " +
                        limits::kLossDbPerKm.describe() + ")"));
        }
        if (i == 0) first = x.get<double>();
        if (x.get<double>() != first) {
          return Error::unsupported(
                     printable(p.who() + ": a loss_coef that varies with frequency is not "
                                         "supported (lightmesh models one loss per fibre; give "
                                         "loss_coef in dB/km)"))
              .at(doc_.file, doc_.place(p.pointer("loss_coef")));
        }
      }
      return first;
    }
    LM_ASSIGN_OR_RETURN(auto loss, p.bounded("loss_coef", limits::kLossDbPerKm));
    return *loss;
  }

  // lumped_losses: [{"position": km from the input, "loss": dB}], strictly inside the fibre as
  // GNPy requires.
  Status lumped_losses(const NamedFields& p, FiberElement& f) {
    const Json* list = p.get("lumped_losses");
    if (!list) return {};
    if (!list->is_array())
      return p.error("lumped_losses", describe(*list) + " is not a list (expected […])");
    const double length_km = f.params.length_m / 1e3;
    for (std::size_t i = 0; i < list->size(); ++i) {
      NamedFields l(doc_, (*list)[i], p.pointer("lumped_losses") + "/" + std::to_string(i),
                    p.who());
      LM_RETURN_IF_ERROR(l.expect_object());
      LM_ASSIGN_OR_RETURN(auto position, l.number("position", "km from the fibre input"));
      if (!position) return l.missing("position", "km from the fibre input");
      LM_ASSIGN_OR_RETURN(auto loss, l.bounded("loss", limits::kLossDb));
      if (!loss) return l.missing("loss", "a loss in dB");
      if (!(*position > 0 && *position < length_km)) {
        return l.error("position", fmt::format("{:g} km is not inside the fibre (expected a "
                                               "position between 0 and {:g} km, both excluded)",
                                               *position, length_km));
      }
      f.params.lumped_losses_db.push_back(*loss);
      f.lumped_loss_positions_m.push_back(*position * 1e3);
    }
    return {};
  }

  Status read_edfa(const NamedFields& el, const NamedFields& p, const NamedFields& op,
                   const std::optional<std::string>& variety, Element& out) {
    const std::string name = variety.value_or("default");
    if (eq_.find_edfa(name)) {
      out.type_variety = name;
    } else if (name == "default" || name.empty()) {
      out.type_variety = "";  // design chooses, as GNPy's default amplifier
    } else {
      return el.error("type_variety",
                      fmt::format("{} is not an Edfa type of the equipment library (known: {})",
                                  in_quotes(name), known_names(eq_.edfas)));
    }
    EdfaElement a;
    struct Setting {
      const char* key;
      std::optional<double>* into;
      const char* expected;
      bool attenuation;  // must not be negative
    };
    const Setting settings[] = {
        {"gain_target", &a.gain_target_db, "a gain in dB", false},
        {"delta_p", &a.delta_p_db, "a power offset in dB", false},
        {"tilt_target", &a.tilt_target_db, "a tilt in dB", false},
        {"out_voa", &a.out_voa_db, "an attenuation in dB", true},
    };
    // GNPy's XLS converter also writes "in_voa", which GNPy v2.12's amplifier ignores: it is kept
    // for writing back but leaves in_voa_db unset, so that propagation matches GNPy.
    for (const Setting& s : settings) {
      // GNPy reads "" as unset.
      if (const Json* v = op.get(s.key); v && v->is_string() && v->get<std::string>().empty())
        continue;
      // Gains, offsets and tilts within ±100 dB (limits::kGainDb); attenuations 0…1,000 dB.
      LM_ASSIGN_OR_RETURN(*s.into,
                          op.bounded(s.key, s.attenuation ? limits::kLossDb : limits::kGainDb));
    }
    out.data = a;
    out.extra_params_json = extras(p, {});
    out.extra_operational_json = extras(op, {"gain_target", "delta_p", "tilt_target", "out_voa"});
    return {};
  }

  // A Fiber, RamanFiber or Roadm whose type the library does not have: GNPy stops there too.
  Error unknown_type(const NamedFields& el, const std::optional<std::string>& variety,
                     const char* kind, const std::string& known) {
    if (!variety) {
      return el.error(nullptr, fmt::format("missing \"type_variety\", and the equipment library "
                                           "has no {} type \"default\" (GNPy looks that name up "
                                           "when none is given; known: {})",
                                           kind, known));
    }
    return el.error("type_variety",
                    fmt::format("{} is not a {} type of the equipment library (known: {})",
                                in_quotes(*variety), kind, known));
  }

  Status read_connection(const Json& j, std::size_t k, ElementNetwork& net) {
    const std::string where = "/connections/" + std::to_string(k);
    NamedFields c(doc_, j, where, "connection " + std::to_string(k));
    LM_RETURN_IF_ERROR(c.expect_object());
    ElementIndex ends[2] = {0, 0};
    const char* keys[2] = {"from_node", "to_node"};
    for (int i = 0; i < 2; ++i) {
      LM_ASSIGN_OR_RETURN(auto uid, c.id(keys[i]));
      if (!uid) return c.missing(keys[i], "the uid of an element");
      auto found = net.find(*uid);
      if (!found) {
        return Error::not_found(printable(fmt::format("connection {}: {} {} is not the uid of an "
                                                      "element",
                                                      k, keys[i], in_quotes(*uid))))
            .at(doc_.file, doc_.place(c.pointer(keys[i])));
      }
      ends[i] = *found;
    }
    if (ends[0] == ends[1]) {
      return c.error("to_node", "connects " + in_quotes(net.at(ends[0]).uid) + " to itself");
    }
    // GNPy's graph keeps one edge per ordered pair, so a repeated connection is no second edge.
    for (ElementIndex next : net.successors(ends[0]))
      if (next == ends[1]) return {};
    net.add_connection(ends[0], ends[1]);
    return {};
  }

  const Document& doc_;
  const Equipment& eq_;
  std::map<std::string, std::string> where_;  // uid → JSON pointer of its element
};

// ---- writing ----

using OrderedJson = nlohmann::ordered_json;

// A length in km that reads back as exactly `metres`: the plain quotient usually is; otherwise one
// of its neighbours may be. Not every length in metres has one (km values are spaced wider than
// the metres they give), hence nullopt.
std::optional<double> exact_km(double metres) {
  const double km = metres / 1e3;
  if (km * 1e3 == metres) return km;
  double up = km, down = km;
  for (int i = 0; i < 4; ++i) {
    up = std::nextafter(up, INFINITY);
    down = std::nextafter(down, -INFINITY);
    if (up * 1e3 == metres) return up;
    if (down * 1e3 == metres) return down;
  }
  return std::nullopt;
}

OrderedJson optional_number(const std::optional<double>& v) {
  return v ? OrderedJson(*v) : OrderedJson(nullptr);
}

OrderedJson text_or_null(const std::string& s) {
  return s.empty() ? OrderedJson(nullptr) : OrderedJson(s);
}

// Adds the members kept from the file (Element::extra_*_json) after the modelled ones.
void add_extras(OrderedJson& into, const std::string& kept) {
  if (kept.empty()) return;
  OrderedJson rest = OrderedJson::parse(kept, nullptr, false);
  if (!rest.is_object()) return;
  for (auto& [key, value] : rest.items())
    if (!into.contains(key)) into[key] = value;
}

OrderedJson metadata(const GeoLocation& loc) {
  OrderedJson location = OrderedJson::object();
  location["latitude"] = loc.latitude;
  location["longitude"] = loc.longitude;
  location["city"] = text_or_null(loc.city);
  location["region"] = text_or_null(loc.region);
  OrderedJson m = OrderedJson::object();
  m["location"] = std::move(location);
  return m;
}

OrderedJson per_degree_json(const std::map<std::string, double>& values) {
  OrderedJson out = OrderedJson::object();
  for (const auto& [degree, v] : values) out[degree] = v;
  return out;
}

OrderedJson element_json(const Element& e) {
  OrderedJson j = OrderedJson::object();
  j["uid"] = e.uid;
  OrderedJson params = OrderedJson::object();
  OrderedJson operational = OrderedJson::object();
  bool write_operational = false;
  if (const auto* r = e.as<RoadmElement>()) {
    j["type"] = "Roadm";
    j["type_variety"] = e.type_variety.empty() ? "default" : e.type_variety;
    if (r->target_pch_out_dbm) params["target_pch_out_db"] = *r->target_pch_out_dbm;
    if (r->target_psd_out_mw_per_ghz)
      params["target_psd_out_mWperGHz"] = *r->target_psd_out_mw_per_ghz;
    if (r->target_out_mw_per_slot_width)
      params["target_out_mWperSlotWidth"] = *r->target_out_mw_per_slot_width;
    params["restrictions"] = {{"preamp_variety_list", r->preamp_variety_list},
                              {"booster_variety_list", r->booster_variety_list}};
    if (!r->per_degree_pch_out_dbm.empty())
      params["per_degree_pch_out_db"] = per_degree_json(r->per_degree_pch_out_dbm);
    if (!r->per_degree_psd_out_mw_per_ghz.empty())
      params["per_degree_psd_out_mWperGHz"] = per_degree_json(r->per_degree_psd_out_mw_per_ghz);
    if (!r->per_degree_out_mw_per_slot_width.empty())
      params["per_degree_psd_out_mWperSlotWidth"] =
          per_degree_json(r->per_degree_out_mw_per_slot_width);
  } else if (const auto* f = e.as<FusedElement>()) {
    j["type"] = "Fused";
    params["loss"] = f->loss_db;
  } else if (const auto* fiber = e.as<FiberElement>()) {
    j["type"] = fiber->raman ? "RamanFiber" : "Fiber";
    j["type_variety"] = e.type_variety;
    // In km as GNPy writes it, unless only metres keep the length exact.
    const std::optional<double> km = exact_km(fiber->params.length_m);
    params["length"] = km ? *km : fiber->params.length_m;
    params["loss_coef"] = fiber->params.loss_db_per_km;
    params["length_units"] = km ? "km" : "m";
    params["att_in"] = optional_number(fiber->att_in_db);
    params["con_in"] = optional_number(fiber->con_in_db);
    params["con_out"] = optional_number(fiber->con_out_db);
    const auto& losses = fiber->params.lumped_losses_db;
    if (!losses.empty()) {
      OrderedJson list = OrderedJson::array();
      for (std::size_t i = 0; i < losses.size(); ++i) {
        const double position_m =
            i < fiber->lumped_loss_positions_m.size() ? fiber->lumped_loss_positions_m[i] : 0;
        // GNPy reads positions in km only; one read from a file always has an exact km value.
        list.push_back(
            {{"position", exact_km(position_m).value_or(position_m / 1e3)}, {"loss", losses[i]}});
      }
      params["lumped_losses"] = std::move(list);
    }
    write_operational = fiber->raman || !e.extra_operational_json.empty();
  } else if (const auto* a = e.as<EdfaElement>()) {
    j["type"] = "Edfa";
    j["type_variety"] = e.type_variety;
    operational["gain_target"] = optional_number(a->gain_target_db);
    operational["delta_p"] = optional_number(a->delta_p_db);
    operational["tilt_target"] = optional_number(a->tilt_target_db);
    operational["out_voa"] = optional_number(a->out_voa_db);
    write_operational = true;
  } else {
    j["type"] = "Transceiver";
    if (!e.type_variety.empty()) j["type_variety"] = e.type_variety;
  }
  add_extras(params, e.extra_params_json);
  add_extras(operational, e.extra_operational_json);
  if (!params.empty()) j["params"] = std::move(params);
  if (write_operational || !operational.empty()) j["operational"] = std::move(operational);
  j["metadata"] = metadata(e.location);
  return j;
}

}  // namespace

Result<ElementNetwork> read_gnpy_topology(std::string_view text, std::string_view file,
                                          const Equipment& eq) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  return TopologyReader(doc, eq).read();
}

Result<ElementNetwork> read_gnpy_topology_file(const std::string& path, const Equipment& eq) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return read_gnpy_topology(text, path, eq);
}

std::string write_gnpy_topology(const ElementNetwork& net, std::string_view carried_network) {
  OrderedJson root = OrderedJson::object();
  if (!net.name.empty()) root["network_name"] = net.name;
  OrderedJson elements = OrderedJson::array();
  for (const Element& e : net.elements()) elements.push_back(element_json(e));
  root["elements"] = std::move(elements);
  OrderedJson connections = OrderedJson::array();
  for (const auto& [from, to] : net.connections()) {
    connections.push_back({{"from_node", net.at(from).uid}, {"to_node", net.at(to).uid}});
  }
  root["connections"] = std::move(connections);
  if (!carried_network.empty()) root[kCarriedNetworkKey] = OrderedJson::parse(carried_network);
  return root.dump(2, ' ', false, OrderedJson::error_handler_t::replace) + "\n";
}

}  // namespace lightmesh::io
