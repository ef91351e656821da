// GNPy equipment library → Equipment. The fields, units and defaults are documented in
// docs/formats.md ("GNPy equipment library"); the comments here say why.
#include "io/gnpy_equipment.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>

#include "core/limits.h"
#include "io/gnpy_shipped_amplifiers.h"
#include "io/json_doc.h"
#include "io/json_fields.h"
#include "physics/auto_design.h"

namespace lightmesh::io {

namespace {

// GNPy v2.12's built-in default amplifier band (gnpy/core/parameters.py, DEFAULT_EDFA_CONFIG),
// used for the flat default when gnpy_default_edfa_config.json is not beside the library.
constexpr double kDefaultEdfaFMinHz = 191.275e12;
constexpr double kDefaultEdfaFMaxHz = 196.125e12;

// Bounds that tell GNPy's SI units from the everyday ones a hand-written file may slip into: an
// optical frequency in Hz is ≥ 1e12 (not 191.3 THz), a symbol rate in baud ≥ 1e6 (not 32 GBd), a
// dispersion in s/m² below 1e-3 (not 16.7 ps/(nm·km)), an effective area in m² below 1e-8 (not
// 83 µm²), a PMD coefficient in s/√m below 1e-12 (not 0.04 ps/√km).
constexpr double kMinHz = 1e12;
constexpr double kMinRate = 1e6;
constexpr double kMaxDispersion = 1e-3;
constexpr double kMaxPmdCoef = 1e-12;
constexpr double kMaxPmdSeconds = limits::kElementPmdS.max;

// Returns the text of a file beside the library, nullopt when there is none, or a read error.
using BesideReader = std::function<Result<std::optional<std::string>>(const std::string& name)>;

std::string in_quotes(const std::string& s) { return describe(Json(s)); }

// One entry of the library; its errors name it ("Edfa \"std_gain\"") and the member's pointer.
using Entry = NamedFields;

Result<double> frequency(const Entry& e, const char* key) {
  LM_ASSIGN_OR_RETURN(double f, e.required(key, "a frequency in Hz"));
  LM_ASSIGN_OR_RETURN(f, e.in_unit(key, "a frequency in Hz", f, kMinHz, 1e16,
                                   "expected Hz, e.g. 191.3e12 (a value in THz is not accepted)"));
  if (!limits::kFrequencyHz.contains(f)) return e.error(key, limits::kFrequencyHz.refusal(f));
  return f;
}

// A [min, max, step] power sweep in dB: each end within ±100 dB (kGainDb) and at most
// kMaxPowerSteps steps, so that the design loop over it stays short.
Status power_range(const Entry& e, const char* key, const std::array<double, 3>& r) {
  for (double v : {r[0], r[1]}) {
    if (!limits::kGainDb.contains(v))
      return e.error(key, "an end of the range: " + limits::kGainDb.refusal(v));
  }
  if (r[2] != 0 && std::abs((r[1] - r[0]) / r[2]) > limits::kMaxPowerSteps) {
    return e.error(key, fmt::format("[{:g}, {:g}, {:g}] takes more than {:g} steps (expected a "
                                    "larger step)",
                                    r[0], r[1], r[2], limits::kMaxPowerSteps));
  }
  return {};
}

Result<double> rate(const Entry& e, const char* key, const char* expected) {
  LM_ASSIGN_OR_RETURN(double v, e.required(key, expected));
  return e.in_unit(key, expected, v, kMinRate, 1e16,
                   "expected SI units (baud, Hz, bit/s), e.g. 32e9, not 32");
}

Status band_in_order(const Entry& e, double f_min, double f_max, const char* max_key) {
  if (f_min < f_max) return {};
  return e.error(
      max_key, fmt::format("the band ends at {:g} Hz, not above its start {:g} Hz", f_max, f_min));
}

// Reads one amplifier configuration file (advanced or default form).
// `name` is the file's name beside the library; `shown` is how messages name it (with the folder).
Result<EdfaConfig> read_edfa_config(const std::string& text, const std::string& name,
                                    const std::string& shown, const std::string& who,
                                    bool advanced) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, shown));
  Entry e(doc, doc.root, "", who);
  LM_RETURN_IF_ERROR(e.expect_object());
  EdfaConfig c;
  c.source = name;
  LM_ASSIGN_OR_RETURN(c.f_min_hz, frequency(e, "f_min"));
  LM_ASSIGN_OR_RETURN(c.f_max_hz, frequency(e, "f_max"));
  LM_RETURN_IF_ERROR(band_in_order(e, c.f_min_hz, c.f_max_hz, "f_max"));
  struct Curve {
    const char* key;
    std::vector<double>* into;
    const char* expected;
  };
  std::vector<Curve> curves = {
      {"nf_ripple", &c.nf_ripple_db, "dB per frequency"},
      {"gain_ripple", &c.gain_ripple_db, "dB per frequency"},
      {"dgt", &c.dgt, "dynamic gain tilt per frequency"},
  };
  if (advanced)
    curves.push_back({"nf_fit_coeff", &c.nf_fit_coeff, "NF(gain) polynomial coefficients"});
  for (const Curve& curve : curves) {
    LM_ASSIGN_OR_RETURN(auto v, e.numbers(curve.key, 0, true, curve.expected));
    if (!v) return e.missing(curve.key, std::string("a list of ") + curve.expected);
    *curve.into = std::move(*v);
  }
  return c;
}

EdfaConfig flat_edfa_config() {
  EdfaConfig c;
  c.f_min_hz = kDefaultEdfaFMinHz;
  c.f_max_hz = kDefaultEdfaFMaxHz;
  c.nf_ripple_db = {0.0};
  c.gain_ripple_db = {0.0};
  c.dgt = {1.0};  // a constant DGT changes the gain equally at every frequency: no tilt
  return c;
}

// A referenced file must be a plain name: GNPy's examples name files beside the library, and a
// path would let a library file read anywhere on the machine.
Status plain_file_name(const Entry& e, const char* key, const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\\') != std::string::npos) {
    return e.error(key, in_quotes(name) +
                            " is not a file name (expected the name of a file beside the "
                            "equipment library, without a folder)");
  }
  return {};
}

// "a.json, b.json and c.json": what a library may name without giving the file.
std::string shipped_names() {
  std::string out;
  const auto names = gnpy_shipped_amplifier_files();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

Result<EdfaKind> edfa_kind(const Entry& e, const std::string& type_def) {
  static const std::pair<const char*, EdfaKind> kKinds[] = {
      {"variable_gain", EdfaKind::kVariableGain},
      {"fixed_gain", EdfaKind::kFixedGain},
      {"advanced_model", EdfaKind::kAdvancedModel},
      {"openroadm", EdfaKind::kOpenroadm},
      {"openroadm_preamp", EdfaKind::kOpenroadmPreamp},
      {"openroadm_booster", EdfaKind::kOpenroadmBooster},
      {"dual_stage", EdfaKind::kDualStage},
      {"multi_band", EdfaKind::kMultiBand},
  };
  for (const auto& [name, kind] : kKinds)
    if (type_def == name) return kind;
  return e.error("type_def", "unknown type_def " + in_quotes(type_def) +
                                 " (expected variable_gain, fixed_gain, advanced_model, "
                                 "openroadm, openroadm_preamp, openroadm_booster, dual_stage or "
                                 "multi_band)");
}

class Reader {
 public:
  Reader(const Document& doc, std::string folder, BesideReader beside)
      : doc_(doc), folder_(std::move(folder)), beside_(std::move(beside)) {}

  Result<Equipment> read() {
    ObjectReader top(doc_, doc_.root, "");
    LM_RETURN_IF_ERROR(top.expect_object());
    Equipment eq;
    LM_ASSIGN_OR_RETURN(default_config_, builtin_default());
    LM_RETURN_IF_ERROR(each(top, "Edfa", true, [&](Entry& e) { return read_edfa(e, eq); }));
    LM_RETURN_IF_ERROR(check_stages(eq));
    LM_RETURN_IF_ERROR(
        each(top, "Fiber", true, [&](Entry& e) { return read_fiber(e, false, eq.fibers); }));
    LM_RETURN_IF_ERROR(each(top, "RamanFiber", false,
                            [&](Entry& e) { return read_fiber(e, true, eq.raman_fibers); }));
    bool span_read = false;
    LM_RETURN_IF_ERROR(each(top, "Span", true, [&](Entry& e) -> Status {
      // GNPy uses the first Span entry; more than one would be silently ignored, so say so.
      if (span_read) return e.error(nullptr, "more than one Span entry (expected one)");
      span_read = true;
      return read_span(e, eq.span);
    }));
    LM_RETURN_IF_ERROR(each(top, "Roadm", true, [&](Entry& e) { return read_roadm(e, eq); }));
    LM_RETURN_IF_ERROR(each(top, "SI", true, [&](Entry& e) { return read_si(e, eq); }));
    LM_RETURN_IF_ERROR(
        each(top, "Transceiver", true, [&](Entry& e) { return read_transceiver(e, eq); }));
    return eq;
  }

 private:
  // Calls `read` for each entry of the section `key`, a non-empty list when `required`.
  Status each(const ObjectReader& top, const char* key, bool required,
              const std::function<Status(Entry&)>& read) {
    auto list = top.list(key);
    if (!list) return list.error();
    if (!*list || (*list)->empty()) {
      if (!required) return {};
      return doc_.error(top.pointer(key), fmt::format("missing or empty \"{}\" list (expected "
                                                      "at least one {} entry)",
                                                      key, key));
    }
    for (std::size_t i = 0; i < (*list)->size(); ++i) {
      Entry e(doc_, (**list)[i], top.pointer(key) + "/" + std::to_string(i), key);
      LM_RETURN_IF_ERROR(e.expect_object());
      LM_RETURN_IF_ERROR(read(e));
    }
    return {};
  }

  // Reads the type_variety and names the entry by it from then on. An entry without one is
  // "default", as in GNPy (its json_structure_description.rst), so a second one is a duplicate.
  Result<std::string> variety(Entry& e, const char* section, std::set<std::string>& seen) {
    std::string v = "default";
    if (e.has("type_variety")) {
      LM_ASSIGN_OR_RETURN(v, e.required_text("type_variety", "the type's name"));
    }
    e.rename(fmt::format("{} {}", section, in_quotes(v)));
    if (!seen.insert(v).second) {
      return e.error(e.has("type_variety") ? "type_variety" : nullptr,
                     fmt::format("a second {} of this type_variety", section));
    }
    return v;
  }

  Result<EdfaConfig> builtin_default() {
    LM_ASSIGN_OR_RETURN(auto text, beside_(kGnpyDefaultEdfaConfigFile));
    if (!text) return flat_edfa_config();
    return read_edfa_config(*text, kGnpyDefaultEdfaConfigFile, folder_ + kGnpyDefaultEdfaConfigFile,
                            "default amplifier configuration", false);
  }

  // A configuration file named by an entry, read once however many entries name it.
  Result<EdfaConfig> named_config(const Entry& e, const char* key, const std::string& name,
                                  bool advanced) {
    LM_RETURN_IF_ERROR(plain_file_name(e, key, name));
    auto cached = configs_.find({name, advanced});
    if (cached != configs_.end()) return cached->second;
    LM_ASSIGN_OR_RETURN(auto text, beside_(name));
    // Not beside the library: GNPy v2.12 finds the files it ships itself, and so does lightmesh.
    if (!text) {
      if (std::optional<EdfaConfig> shipped = gnpy_shipped_amplifier_config(name)) {
        // The default form reads no NF polynomial, whichever file it names.
        if (!advanced) shipped->nf_fit_coeff.clear();
        configs_.emplace(std::make_pair(name, advanced), *shipped);
        return *shipped;
      }
    }
    if (!text) {
      return Error::not_found(
                 printable(fmt::format("{}: {} names {}, which is not beside the equipment library "
                                       "nor one of the files GNPy ships ({})",
                                       e.who(), key, in_quotes(name), shipped_names())))
          .at(doc_.file, doc_.place(e.pointer(key)));
    }
    LM_ASSIGN_OR_RETURN(
        EdfaConfig c, read_edfa_config(*text, name, folder_ + name, e.who() + " " + key, advanced));
    configs_.emplace(std::make_pair(name, advanced), c);
    return c;
  }

  Status read_edfa(Entry& e, Equipment& eq) {
    EdfaType t;
    LM_ASSIGN_OR_RETURN(t.type_variety, variety(e, "Edfa", edfa_names_));
    LM_ASSIGN_OR_RETURN(std::string type_def, e.required_text("type_def",
                                                              "variable_gain, "
                                                              "fixed_gain, "
                                                              "advanced_model …"));
    LM_ASSIGN_OR_RETURN(t.kind, edfa_kind(e, type_def));
    const bool composite = t.kind == EdfaKind::kDualStage || t.kind == EdfaKind::kMultiBand;
    // A dual-stage or multi-band amplifier takes its limits from its stages.
    if (composite) {
      LM_ASSIGN_OR_RETURN(t.gain_flatmax_db, e.bounded("gain_flatmax", limits::kGainDb));
      LM_ASSIGN_OR_RETURN(t.gain_min_db, e.bounded_or("gain_min", limits::kGainDb, 0));
      LM_ASSIGN_OR_RETURN(t.p_max_dbm, e.bounded("p_max", limits::kPowerDbm));
    } else {
      LM_ASSIGN_OR_RETURN(t.gain_flatmax_db, e.required_bounded("gain_flatmax", limits::kGainDb));
      LM_ASSIGN_OR_RETURN(t.gain_min_db, e.required_bounded("gain_min", limits::kGainDb));
      LM_ASSIGN_OR_RETURN(t.p_max_dbm, e.required_bounded("p_max", limits::kPowerDbm));
      if (t.gain_min_db > *t.gain_flatmax_db) {
        return e.error("gain_min", fmt::format("gain_min {:g} dB is above gain_flatmax {:g} dB",
                                               t.gain_min_db, *t.gain_flatmax_db));
      }
    }
    if (t.kind == EdfaKind::kVariableGain) {
      LM_ASSIGN_OR_RETURN(t.nf_min_db, e.required_bounded("nf_min", limits::kNoiseFigureDb));
      LM_ASSIGN_OR_RETURN(t.nf_max_db, e.required_bounded("nf_max", limits::kNoiseFigureDb));
    } else if (t.kind == EdfaKind::kFixedGain) {
      LM_ASSIGN_OR_RETURN(t.nf0_db, e.required_bounded("nf0", limits::kNoiseFigureDb));
    } else if (t.kind == EdfaKind::kOpenroadm) {
      LM_ASSIGN_OR_RETURN(auto coef, e.numbers("nf_coef", 0, true, "NF polynomial coefficients"));
      if (!coef) return e.missing("nf_coef", "a list of NF polynomial coefficients");
      for (std::size_t i = 0; i < coef->size(); ++i) {
        if (limits::kNfCoefficient.contains((*coef)[i])) continue;
        return doc_.error(e.pointer("nf_coef") + "/" + std::to_string(i),
                          printable(e.who() + ": a coefficient of \"nf_coef\": " +
                                    limits::kNfCoefficient.refusal((*coef)[i])));
      }
      t.nf_coef = std::move(*coef);
    } else if (t.kind == EdfaKind::kDualStage) {
      LM_ASSIGN_OR_RETURN(t.preamp_variety, e.required_text("preamp_variety", "an Edfa name"));
      LM_ASSIGN_OR_RETURN(t.booster_variety, e.required_text("booster_variety", "an Edfa name"));
    } else if (t.kind == EdfaKind::kMultiBand) {
      LM_ASSIGN_OR_RETURN(auto bands, e.names("amplifiers"));
      t.amplifiers = bands.value_or(std::vector<std::string>{});
      if (t.amplifiers.empty())
        return e.missing("amplifiers", "a list of the Edfa names of its bands");
    }
    LM_ASSIGN_OR_RETURN(t.raman, e.flag("raman", false));
    LM_ASSIGN_OR_RETURN(t.out_voa_auto, e.flag("out_voa_auto", false));
    LM_ASSIGN_OR_RETURN(t.allowed_for_design, e.flag("allowed_for_design", false));
    LM_ASSIGN_OR_RETURN(t.pmd_s, e.number_or("pmd", "seconds", 0));
    LM_ASSIGN_OR_RETURN(t.pmd_s, e.in_unit("pmd", "a PMD in seconds", t.pmd_s, 0, kMaxPmdSeconds,
                                           "expected seconds, e.g. 1e-12, not picoseconds"));
    LM_ASSIGN_OR_RETURN(t.pdl_db, e.bounded_or("pdl", limits::kLossDb, 0));

    LM_ASSIGN_OR_RETURN(auto advanced, e.text("advanced_config_from_json"));
    LM_ASSIGN_OR_RETURN(auto fallback, e.text("default_config_from_json"));
    t.advanced_config_from_json = advanced.value_or("");
    t.default_config_from_json = fallback.value_or("");
    if (t.kind == EdfaKind::kAdvancedModel) {
      if (!advanced) {
        return e.missing("advanced_config_from_json",
                         "the name of the advanced configuration file beside the library");
      }
      LM_ASSIGN_OR_RETURN(t.config, named_config(e, "advanced_config_from_json", *advanced, true));
    } else if (fallback) {
      LM_ASSIGN_OR_RETURN(t.config, named_config(e, "default_config_from_json", *fallback, false));
    } else {
      t.config = default_config_;
    }
    // A band stated on the entry narrows or moves the configuration's band (multi-band use).
    if (e.has("f_min") || e.has("f_max")) {
      if (e.has("f_min")) {
        LM_ASSIGN_OR_RETURN(t.config.f_min_hz, frequency(e, "f_min"));
      }
      if (e.has("f_max")) {
        LM_ASSIGN_OR_RETURN(t.config.f_max_hz, frequency(e, "f_max"));
      }
      LM_RETURN_IF_ERROR(band_in_order(e, t.config.f_min_hz, t.config.f_max_hz,
                                       e.has("f_max") ? "f_max" : "f_min"));
    }
    eq.edfas.push_back(std::move(t));
    edfa_where_.push_back(e.reader().pointer());
    return {};
  }

  // Stages name other entries, which may come later in the list: checked once all are read.
  Status check_stages(const Equipment& eq) {
    for (std::size_t i = 0; i < eq.edfas.size(); ++i) {
      const EdfaType& t = eq.edfas[i];
      Entry e(doc_, Json::object(), edfa_where_[i], "Edfa " + in_quotes(t.type_variety));
      auto check = [&](const char* key, const std::string& stage) -> Status {
        const EdfaType* s = eq.find_edfa(stage);
        if (!s) return e.error(key, "names " + in_quotes(stage) + ", which is not an Edfa type");
        if (s->kind == EdfaKind::kDualStage || s->kind == EdfaKind::kMultiBand) {
          return e.error(key, fmt::format("names {}, a {} amplifier (expected a single stage)",
                                          in_quotes(stage), edfa_kind_name(s->kind)));
        }
        return {};
      };
      if (t.kind == EdfaKind::kDualStage) {
        LM_RETURN_IF_ERROR(check("preamp_variety", t.preamp_variety));
        LM_RETURN_IF_ERROR(check("booster_variety", t.booster_variety));
      }
      for (const std::string& band : t.amplifiers) LM_RETURN_IF_ERROR(check("amplifiers", band));
    }
    return {};
  }

  Status read_fiber(Entry& e, bool raman, std::vector<FiberVariety>& into) {
    FiberVariety f;
    f.raman = raman;
    LM_ASSIGN_OR_RETURN(f.type_variety, variety(e, raman ? "RamanFiber" : "Fiber",
                                                raman ? raman_names_ : fiber_names_));
    LM_ASSIGN_OR_RETURN(f.dispersion_s_per_m2, e.required("dispersion", "s/m²"));
    LM_ASSIGN_OR_RETURN(
        f.dispersion_s_per_m2,
        e.in_unit("dispersion", "a dispersion in s/m²", f.dispersion_s_per_m2, -kMaxDispersion,
                  kMaxDispersion, "expected s/m², e.g. 1.67e-05, not ps/(nm·km)"));
    LM_RETURN_IF_ERROR(dispersion_not_zero(e, "dispersion", f.dispersion_s_per_m2));
    LM_ASSIGN_OR_RETURN(f.dispersion_slope_s_per_m3,
                        e.bounded("dispersion_slope", limits::kDispersionSlopeSM3));
    // GNPy takes either: the nonlinear coefficient follows from the effective area, or the area
    // from the coefficient (older libraries state only gamma).
    LM_ASSIGN_OR_RETURN(f.effective_area_m2, e.number("effective_area", "m²"));
    if (f.effective_area_m2) {
      LM_ASSIGN_OR_RETURN(
          f.effective_area_m2,
          e.in_unit("effective_area", "an effective area in m²", *f.effective_area_m2,
                    limits::kEffectiveAreaM2.min, limits::kEffectiveAreaM2.max,
                    "expected m², e.g. 83e-12, not µm²"));
    }
    LM_ASSIGN_OR_RETURN(f.gamma_per_w_per_m, e.number("gamma", "1/(W·m)"));
    if (f.gamma_per_w_per_m) {
      LM_ASSIGN_OR_RETURN(
          f.gamma_per_w_per_m,
          e.in_unit("gamma", "a nonlinear coefficient in 1/(W·m)", *f.gamma_per_w_per_m, 1e-9, 1,
                    "expected 1/(W·m), e.g. 1.27e-3, not 1/(W·km)"));
    }
    if (!f.effective_area_m2 && !f.gamma_per_w_per_m)
      return e.missing("effective_area", "m², e.g. 83e-12, or else gamma in 1/(W·m)");
    LM_ASSIGN_OR_RETURN(f.pmd_coef_s_per_sqrt_m, e.required("pmd_coef", "s/√m"));
    LM_ASSIGN_OR_RETURN(f.pmd_coef_s_per_sqrt_m,
                        e.in_unit("pmd_coef", "a PMD coefficient in s/√m", f.pmd_coef_s_per_sqrt_m,
                                  0, kMaxPmdCoef, "expected s/√m, e.g. 1.265e-15, not ps/√km"));
    into.push_back(std::move(f));
    return {};
  }

  Status read_span(Entry& e, SpanDefaults& s) {
    LM_ASSIGN_OR_RETURN(auto mode, e.reader().boolean("power_mode"));
    if (!mode) return e.missing("power_mode", "true or false");
    s.power_mode = *mode;
    LM_ASSIGN_OR_RETURN(auto range,
                        e.numbers("delta_power_range_db", 3, true, "[min, max, step] in dB"));
    if (range) std::copy(range->begin(), range->end(), s.delta_power_range_db.begin());
    LM_RETURN_IF_ERROR(power_range(e, "delta_power_range_db", s.delta_power_range_db));
    LM_ASSIGN_OR_RETURN(s.max_fiber_lineic_loss_for_raman_db_per_km,
                        e.bounded("max_fiber_lineic_loss_for_raman", limits::kLossDbPerKm));
    LM_ASSIGN_OR_RETURN(
        s.target_extended_gain_db,
        e.bounded_or("target_extended_gain", limits::kGainDb, s.target_extended_gain_db));
    LM_ASSIGN_OR_RETURN(auto units, e.text("length_units"));
    double scale = 1.0;
    if (units && *units == "m") {
      scale = 1e-3;
    } else if (units && *units != "km") {
      return e.error("length_units",
                     "unknown length unit " + in_quotes(*units) + " (expected km or m)");
    }
    LM_ASSIGN_OR_RETURN(double max_length, e.required("max_length", "a length in length_units"));
    if (max_length <= 0)
      return e.error("max_length", fmt::format("{:g} is not a positive length", max_length));
    s.max_length_km = max_length * scale;
    if (!limits::kMaxSpanKm.contains(s.max_length_km))
      return e.error("max_length",
                     limits::kMaxSpanKm.refusal(s.max_length_km) + " after length_units");
    LM_ASSIGN_OR_RETURN(s.max_loss_db, e.required_bounded("max_loss", limits::kLossDb));
    LM_ASSIGN_OR_RETURN(s.padding_db, e.bounded_or("padding", limits::kLossDb, s.padding_db));
    LM_ASSIGN_OR_RETURN(s.eol_db, e.bounded_or("EOL", limits::kLossDb, s.eol_db));
    LM_ASSIGN_OR_RETURN(s.con_in_db, e.bounded_or("con_in", limits::kLossDb, s.con_in_db));
    LM_ASSIGN_OR_RETURN(s.con_out_db, e.bounded_or("con_out", limits::kLossDb, s.con_out_db));
    return {};
  }

  Status read_roadm_band(Entry& b, RoadmImpairmentBand& band) {
    const Json* range = b.reader().get("frequency-range");
    if (!range) return b.missing("frequency-range", "{\"lower-frequency\", \"upper-frequency\"}");
    Entry r(doc_, *range, b.pointer("frequency-range"), b.who());
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_ASSIGN_OR_RETURN(band.lower_frequency_hz, frequency(r, "lower-frequency"));
    LM_ASSIGN_OR_RETURN(band.upper_frequency_hz, frequency(r, "upper-frequency"));
    LM_RETURN_IF_ERROR(
        band_in_order(r, band.lower_frequency_hz, band.upper_frequency_hz, "upper-frequency"));
    LM_ASSIGN_OR_RETURN(band.pmd_s, b.bounded_or("roadm-pmd", limits::kElementPmdS, 0));
    LM_ASSIGN_OR_RETURN(band.cd_s_per_m, b.bounded_or("roadm-cd", limits::kElementCdSPerM, 0));
    LM_ASSIGN_OR_RETURN(band.pdl_db, b.bounded_or("roadm-pdl", limits::kLossDb, 0));
    LM_ASSIGN_OR_RETURN(band.inband_crosstalk_db,
                        b.bounded_or("roadm-inband-crosstalk", limits::kGainDb, 0));
    LM_ASSIGN_OR_RETURN(band.maxloss_db, b.bounded_or("roadm-maxloss", limits::kLossDb, 0));
    LM_ASSIGN_OR_RETURN(band.minloss_db, b.bounded("roadm-minloss", limits::kLossDb));
    LM_ASSIGN_OR_RETURN(band.typloss_db, b.bounded("roadm-typloss", limits::kLossDb));
    LM_ASSIGN_OR_RETURN(band.pmin_dbm, b.bounded("roadm-pmin", limits::kPowerDbm));
    LM_ASSIGN_OR_RETURN(band.pmax_dbm, b.bounded("roadm-pmax", limits::kPowerDbm));
    LM_ASSIGN_OR_RETURN(band.ptyp_dbm, b.bounded("roadm-ptyp", limits::kPowerDbm));
    LM_ASSIGN_OR_RETURN(band.osnr_db, b.bounded("roadm-osnr", limits::kOsnrDb));
    LM_ASSIGN_OR_RETURN(band.noise_figure_db,
                        b.bounded("roadm-noise-figure", limits::kNoiseFigureDb));
    return {};
  }

  Status read_roadm_impairments(Entry& e, RoadmType& t) {
    auto list = e.reader().list("roadm-path-impairments");
    if (!list) return e.named(list.error());
    if (!*list) return {};
    for (std::size_t i = 0; i < (*list)->size(); ++i) {
      Entry p(doc_, (**list)[i], e.pointer("roadm-path-impairments") + "/" + std::to_string(i),
              e.who());
      LM_RETURN_IF_ERROR(p.expect_object());
      RoadmPathImpairment imp;
      LM_ASSIGN_OR_RETURN(double id, p.required("roadm-path-impairments-id", "a whole number"));
      // Checked before the conversion: a double outside int's range does not convert.
      if (id < 0 || id > 1e9 || id != std::floor(id)) {
        return p.error("roadm-path-impairments-id",
                       fmt::format("{:g} is not an id (expected a whole number ≥ 0)", id));
      }
      imp.id = static_cast<int>(id);
      static const std::pair<const char*, RoadmPathKind> kPaths[] = {
          {"roadm-express-path", RoadmPathKind::kExpress},
          {"roadm-add-path", RoadmPathKind::kAdd},
          {"roadm-drop-path", RoadmPathKind::kDrop},
      };
      const char* found = nullptr;
      for (const auto& [key, kind] : kPaths) {
        if (!p.has(key)) continue;
        if (found)
          return p.error(
              key, fmt::format("both \"{}\" and \"{}\" (expected one path kind)", found, key));
        found = key;
        imp.kind = kind;
      }
      if (!found) {
        return p.missing("roadm-express-path",
                         "one of roadm-express-path, roadm-add-path, roadm-drop-path");
      }
      auto bands = p.reader().list(found);
      if (!bands) return p.named(bands.error());
      for (std::size_t k = 0; k < (*bands)->size(); ++k) {
        Entry b(doc_, (**bands)[k], p.pointer(found) + "/" + std::to_string(k), e.who());
        LM_RETURN_IF_ERROR(b.expect_object());
        RoadmImpairmentBand band;
        LM_RETURN_IF_ERROR(read_roadm_band(b, band));
        imp.bands.push_back(band);
      }
      t.path_impairments.push_back(std::move(imp));
    }
    return {};
  }

  Status read_roadm(Entry& e, Equipment& eq) {
    RoadmType t;
    LM_ASSIGN_OR_RETURN(t.type_variety, variety(e, "Roadm", roadm_names_));
    static const std::pair<const char*, RoadmTargetKind> kTargets[] = {
        {"target_pch_out_db", RoadmTargetKind::kPowerPerChannelDbm},
        {"target_psd_out_mWperGHz", RoadmTargetKind::kPsdMwPerGhz},
        {"target_out_mWperSlotWidth", RoadmTargetKind::kPowerMwPerSlotWidth},
    };
    const char* found = nullptr;
    for (const auto& [key, kind] : kTargets) {
      if (!e.has(key)) continue;
      // Two targets would leave the equalisation ambiguous; GNPy refuses them too.
      if (found) {
        return e.error(key, fmt::format("both \"{}\" and \"{}\" (expected one equalisation target)",
                                        found, key));
      }
      found = key;
      t.target_kind = kind;
      // A power per channel in dBm (not 0, which GNPy reads as none), or a linear power density
      // (core/limits.h).
      if (kind == RoadmTargetKind::kPowerPerChannelDbm) {
        LM_ASSIGN_OR_RETURN(auto dbm, roadm_target_dbm(e, key));
        t.target = *dbm;
      } else {
        LM_ASSIGN_OR_RETURN(t.target, e.required_bounded(key, limits::kPowerDensityMwGhz));
      }
    }
    if (!found) {
      return e.missing("target_pch_out_db",
                       "one of target_pch_out_db (dBm), target_psd_out_mWperGHz, "
                       "target_out_mWperSlotWidth");
    }
    if (t.target_kind != RoadmTargetKind::kPowerPerChannelDbm && t.target <= 0) {
      return e.error(found, fmt::format("{:g} is not a positive power density (expected mW/GHz, "
                                        "linear, e.g. 3.125e-4)",
                                        t.target));
    }
    LM_ASSIGN_OR_RETURN(t.add_drop_osnr_db, e.required_bounded("add_drop_osnr", limits::kOsnrDb));
    LM_ASSIGN_OR_RETURN(t.pmd_s, e.number_or("pmd", "seconds", 0));
    LM_ASSIGN_OR_RETURN(t.pmd_s, e.in_unit("pmd", "a PMD in seconds", t.pmd_s, 0, kMaxPmdSeconds,
                                           "expected seconds, e.g. 1e-12, not picoseconds"));
    LM_ASSIGN_OR_RETURN(t.pdl_db, e.bounded_or("pdl", limits::kLossDb, 0));
    if (const Json* r = e.reader().get("restrictions")) {
      Entry rs(doc_, *r, e.pointer("restrictions"), e.who());
      LM_RETURN_IF_ERROR(rs.expect_object());
      LM_ASSIGN_OR_RETURN(auto preamps, rs.names("preamp_variety_list"));
      LM_ASSIGN_OR_RETURN(auto boosters, rs.names("booster_variety_list"));
      t.preamp_variety_list = preamps.value_or(std::vector<std::string>{});
      t.booster_variety_list = boosters.value_or(std::vector<std::string>{});
      const std::pair<const char*, const std::vector<std::string>*> lists[] = {
          {"preamp_variety_list", &t.preamp_variety_list},
          {"booster_variety_list", &t.booster_variety_list},
      };
      for (const auto& [key, names] : lists) {
        for (std::size_t i = 0; i < names->size(); ++i) {
          if (eq.find_edfa((*names)[i])) continue;
          return doc_.error(rs.pointer(key) + "/" + std::to_string(i),
                            printable(e.who() + ": names " + in_quotes((*names)[i]) +
                                      ", which is not an Edfa type"));
        }
      }
    }
    LM_RETURN_IF_ERROR(read_roadm_impairments(e, t));
    eq.roadms.push_back(std::move(t));
    return {};
  }

  Status read_si(Entry& e, Equipment& eq) {
    SpectralInformation s;
    LM_ASSIGN_OR_RETURN(s.type_variety, variety(e, "SI", si_names_));
    LM_ASSIGN_OR_RETURN(s.f_min_hz, frequency(e, "f_min"));
    LM_ASSIGN_OR_RETURN(s.f_max_hz, frequency(e, "f_max"));
    LM_RETURN_IF_ERROR(band_in_order(e, s.f_min_hz, s.f_max_hz, "f_max"));
    LM_ASSIGN_OR_RETURN(s.baud_rate_baud, rate(e, "baud_rate", "a symbol rate in baud"));
    LM_ASSIGN_OR_RETURN(s.spacing_hz, rate(e, "spacing", "a channel spacing in Hz"));
    if (!limits::kSpacingHz.contains(s.spacing_hz))
      return e.error("spacing", limits::kSpacingHz.refusal(s.spacing_hz));
    if ((s.f_max_hz - s.f_min_hz) / s.spacing_hz > limits::kMaxChannels) {
      return e.error("spacing", fmt::format("{:g} Hz leaves more than {:g} channels in the band "
                                            "(expected a wider spacing)",
                                            s.spacing_hz, limits::kMaxChannels));
    }
    // Design's reference load is as many channels as fit (GNPy's count, capped at the 4.8 THz of
    // the C band): at least one must, or design would fail without naming the field.
    if (physics::reference_channel_count(s) < 1) {
      return e.error("spacing", fmt::format("{:g} Hz leaves no channel in the band (expected a "
                                            "spacing of at most f_max − f_min = {:g} Hz and at "
                                            "most 4.8e+12 Hz)",
                                            s.spacing_hz, s.f_max_hz - s.f_min_hz));
    }
    LM_ASSIGN_OR_RETURN(s.power_dbm, e.required_bounded("power_dbm", limits::kPowerDbm));
    LM_ASSIGN_OR_RETURN(auto range, e.numbers("power_range_db", 3, true, "[min, max, step] in dB"));
    if (range) std::copy(range->begin(), range->end(), s.power_range_db.begin());
    LM_RETURN_IF_ERROR(power_range(e, "power_range_db", s.power_range_db));
    LM_ASSIGN_OR_RETURN(s.tx_power_dbm, e.bounded("tx_power_dbm", limits::kPowerDbm));
    LM_ASSIGN_OR_RETURN(s.roll_off, e.required("roll_off", "a roll-off factor 0…1"));
    if (s.roll_off < 0 || s.roll_off > 1)
      return e.error("roll_off",
                     fmt::format("{:g} is not a roll-off factor (expected 0…1)", s.roll_off));
    LM_ASSIGN_OR_RETURN(s.tx_osnr_db, e.required_bounded("tx_osnr", limits::kOsnrDb));
    LM_ASSIGN_OR_RETURN(s.sys_margins_db, e.bounded_or("sys_margins", limits::kOsnrMarginDb, 0));
    eq.spectral_information.push_back(std::move(s));
    return {};
  }

  Status read_mode(Entry& m, TransceiverTypeMode& mode) {
    LM_ASSIGN_OR_RETURN(mode.format, m.required_text("format", "the mode's name"));
    m.rename(m.who() + " mode " + in_quotes(mode.format));
    LM_ASSIGN_OR_RETURN(mode.baud_rate_baud, rate(m, "baud_rate", "a symbol rate in baud"));
    LM_ASSIGN_OR_RETURN(mode.required_osnr_db, m.required_bounded("OSNR", limits::kOsnrDb));
    LM_ASSIGN_OR_RETURN(mode.bit_rate_bps, rate(m, "bit_rate", "a bit rate in bit/s"));
    LM_ASSIGN_OR_RETURN(mode.roll_off, m.required("roll_off", "a roll-off factor 0…1"));
    if (mode.roll_off < 0 || mode.roll_off > 1) {
      return m.error("roll_off",
                     fmt::format("{:g} is not a roll-off factor (expected 0…1)", mode.roll_off));
    }
    LM_ASSIGN_OR_RETURN(mode.tx_osnr_db, m.required_bounded("tx_osnr", limits::kOsnrDb));
    LM_ASSIGN_OR_RETURN(mode.min_spacing_hz, rate(m, "min_spacing", "a channel spacing in Hz"));
    if (mode.min_spacing_hz < mode.baud_rate_baud) {
      return m.error("min_spacing",
                     fmt::format("{:g} Hz is narrower than the symbol rate {:g} baud",
                                 mode.min_spacing_hz, mode.baud_rate_baud));
    }
    LM_ASSIGN_OR_RETURN(mode.cost, m.bounded_or("cost", limits::kRelativeCost, 1));
    LM_ASSIGN_OR_RETURN(mode.equalization_offset_db,
                        m.bounded_or("equalization_offset_db", limits::kGainDb, 0));
    return {};
  }

  Status read_transceiver(Entry& e, Equipment& eq) {
    TransceiverType t;
    LM_ASSIGN_OR_RETURN(t.type_variety, variety(e, "Transceiver", transceiver_names_));
    const Json* range = e.reader().get("frequency");
    if (!range) return e.missing("frequency", "{\"min\", \"max\"} in Hz");
    Entry f(doc_, *range, e.pointer("frequency"), e.who());
    LM_RETURN_IF_ERROR(f.expect_object());
    LM_ASSIGN_OR_RETURN(t.f_min_hz, frequency(f, "min"));
    LM_ASSIGN_OR_RETURN(t.f_max_hz, frequency(f, "max"));
    LM_RETURN_IF_ERROR(band_in_order(f, t.f_min_hz, t.f_max_hz, "max"));
    auto modes = e.reader().list("mode");
    if (!modes) return e.named(modes.error());
    if (!*modes || (*modes)->empty()) return e.missing("mode", "a non-empty list of modes");
    for (std::size_t i = 0; i < (*modes)->size(); ++i) {
      Entry m(doc_, (**modes)[i], e.pointer("mode") + "/" + std::to_string(i), e.who());
      LM_RETURN_IF_ERROR(m.expect_object());
      TransceiverTypeMode mode;
      LM_RETURN_IF_ERROR(read_mode(m, mode));
      t.modes.push_back(std::move(mode));
    }
    eq.transceivers.push_back(std::move(t));
    return {};
  }

  const Document& doc_;
  std::string folder_;  // prefixed to the names of files beside the library in messages
  BesideReader beside_;
  EdfaConfig default_config_;
  std::map<std::pair<std::string, bool>, EdfaConfig> configs_;
  std::vector<std::string> edfa_where_;  // JSON pointer of each Edfa entry, for later checks
  std::set<std::string> edfa_names_, fiber_names_, raman_names_, roadm_names_, si_names_,
      transceiver_names_;
};

Result<Equipment> read_with(std::string_view text, std::string_view file, std::string folder,
                            BesideReader beside) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  return Reader(doc, std::move(folder), std::move(beside)).read();
}

}  // namespace

Result<Equipment> read_gnpy_equipment_text(std::string_view text, std::string_view file,
                                           const std::map<std::string, std::string>& beside) {
  return read_with(text, file, "",
                   [&](const std::string& name) -> Result<std::optional<std::string>> {
                     auto it = beside.find(name);
                     if (it == beside.end()) return std::optional<std::string>{};
                     return std::optional<std::string>{it->second};
                   });
}

Result<Equipment> read_gnpy_equipment(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  const auto slash = path.find_last_of('/');
  const std::string folder = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  return read_with(text, path, folder,
                   [&](const std::string& name) -> Result<std::optional<std::string>> {
                     const std::string beside = folder + name;
                     // Absent is not an error here: the caller decides whether the file was needed.
                     if (std::FILE* f = std::fopen(beside.c_str(), "rb")) {
                       std::fclose(f);
                     } else {
                       return std::optional<std::string>{};
                     }
                     LM_ASSIGN_OR_RETURN(std::string content, read_text_file(beside));
                     return std::optional<std::string>{std::move(content)};
                   });
}

}  // namespace lightmesh::io
