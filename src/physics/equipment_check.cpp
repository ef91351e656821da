#include "physics/equipment_check.h"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <unordered_map>

#include "physics/line_propagation.h"

namespace lightmesh::physics {
namespace {

// GNPy's select_edfa keeps a type when gain + 3 dB > gain_min: below gain_min an input attenuator
// pads the gain up (docs/physics.md).
constexpr double kInputPaddingDb = 3;
// GNPy warns about a gain above the extended range only beyond 0.01 dB; the same tolerance here,
// and for the output power.
constexpr double kToleranceDb = 1e-2;

enum class Role { kBooster, kInline, kPreamp };

struct Place {
  Role role = Role::kInline;
  FiberIndex fiber = 0;
  NodeIndex from = 0, to = 0;
  std::size_t inline_number = 0;  // 1-based, in-line amplifiers only
  double span_loss_db = 0;        // of the span before it (in-line and preamplifier)
};

double fiber_loss_db(const FiberElement& f) {
  double loss = f.params.loss_db_per_km * f.params.length_m * 1e-3 + f.params.con_in_db +
                f.params.con_out_db + f.params.att_in_db;
  for (double l : f.params.lumped_losses_db) loss += l;
  return loss;
}

std::string describe(const Network& net, const Place& p) {
  const std::string fibre = "fibre \"" + net.fiber(p.fiber).id + "\" (" + net.node(p.from).id +
                            " → " + net.node(p.to).id + ")";
  switch (p.role) {
    case Role::kBooster:
      return "the booster of " + net.node(p.from).id + " towards " + fibre;
    case Role::kPreamp:
      return "the preamplifier of " + net.node(p.to).id + " from " + fibre;
    case Role::kInline:
      break;
  }
  return "in-line amplifier " + std::to_string(p.inline_number) + " of " + fibre;
}

std::string db(double v) { return fmt::format("{:.2f} dB", v); }
std::string dbm_text(double v) { return fmt::format("{:g} dBm", v); }

// A mode launched above the reference carries that much more power through every amplifier,
// whose gain stays as designed: its full load must stay within each amplifier's p_max, or the
// amplifiers would cap it, silently.
Status check_mode_launch_powers(const Network& net, const Equipment& eq, const DesignReport& report,
                                std::span<const std::vector<ElementIndex>> oms,
                                const ElementNetwork& designed) {
  const LinePhysics& p = net.physics();
  if (p.mode_launch_power_dbm.empty()) return {};
  const SpectralInformation& si = eq.reference_channel();
  for (const auto& [name, dbm] : p.mode_launch_power_dbm) {
    const ModeIndex m = net.catalogue().find(name);
    if (m == kNoIndex) continue;  // build_network refused it
    const double width_hz = net.catalogue().mode(m).channel_width.value() * 1e9;
    const std::uint32_t channels = automatic_channel_count(si.f_min_hz, si.f_max_hz, width_hz);
    std::string key;
    for (char c : name)
      key += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    for (std::size_t d = 0; d < oms.size(); ++d) {
      for (ElementIndex i : oms[d]) {
        const Element& e = designed.at(i);
        const auto* amp = e.as<EdfaElement>();
        if (!amp) continue;
        const EdfaType* type = eq.find_edfa(e.type_variety);
        if (!type) continue;
        LM_ASSIGN_OR_RETURN(AmplifierBounds b, amplifier_bounds(*type, eq));
        const double total =
            dbm + amp->delta_p_db.value_or(0) + 10 * std::log10(static_cast<double>(channels));
        if (total > b.p_max_dbm + kToleranceDb) {
          const FiberIndex f = static_cast<FiberIndex>(d / 2);
          const lightmesh::Fiber& fiber = net.fiber(f);
          const NodeIndex from = d % 2 == 0 ? fiber.a : fiber.b;
          return Error::invalid(
                     fmt::format("mode \"{}\": {} channels at {} each total {:.2f} dBm out of "
                                 "amplifier \"{}\" on fibre \"{}\" ({} → {}), above the p_max "
                                 "of {} ({})",
                                 name, channels, dbm_text(dbm), total, e.uid, fiber.id,
                                 net.node(from).id, net.node(fiber.other_end(from)).id,
                                 type->type_variety, dbm_text(b.p_max_dbm)))
              .at(net.file(), "/physics/mode_launch_power_dbm/" + key);
        }
      }
    }
  }
  return {};
}

}  // namespace

Result<AcceptedGain> accepted_gain(const EdfaType& type, const Equipment& eq) {
  LM_ASSIGN_OR_RETURN(AmplifierBounds b, amplifier_bounds(type, eq));
  return AcceptedGain{.above_db = b.gain_min_db - kInputPaddingDb,
                      .at_most_db = b.gain_flatmax_db + eq.span.target_extended_gain_db,
                      .p_max_dbm = b.p_max_dbm};
}

Status check_stated_equipment(const Network& net, const Equipment& eq, const DesignReport& report,
                              std::span<const std::vector<ElementIndex>> oms,
                              const ElementNetwork& designed) {
  const LinePhysics& p = net.physics();
  const RoadmEquipment& r = p.roadm;
  const bool library = p.equipment != nullptr;
  const bool target_stated = r.target_pch_out_dbm || r.target_psd_out_mw_per_ghz;
  const bool boosters = library || r.booster || r.booster_nf_db || target_stated;
  const bool preamps = library || r.preamp || r.preamp_nf_db;
  const bool inlines = library || !p.inline_amplifiers.empty();
  bool any_fibre = false;
  for (const lightmesh::Fiber& f : net.fibers()) any_fibre = any_fibre || f.amplifier_variety;
  LM_RETURN_IF_ERROR(check_mode_launch_powers(net, eq, report, oms, designed));
  if (!boosters && !preamps && !inlines && !any_fibre) return {};

  // Where each amplifier sits, from the designed line of each fibre direction.
  std::unordered_map<std::string, Place> places;
  for (std::size_t d = 0; d < oms.size(); ++d) {
    const FiberIndex f = static_cast<FiberIndex>(d / 2);
    const lightmesh::Fiber& fiber = net.fiber(f);
    Place base{
        .fiber = f, .from = d % 2 == 0 ? fiber.a : fiber.b, .to = d % 2 == 0 ? fiber.b : fiber.a};
    const std::vector<ElementIndex>& line = oms[d];
    double last_loss = 0;
    std::size_t inline_number = 0;
    for (std::size_t k = 0; k < line.size(); ++k) {
      const Element& e = designed.at(line[k]);
      if (const auto* fe = e.as<FiberElement>()) {
        last_loss = fiber_loss_db(*fe);
        continue;
      }
      if (!e.as<EdfaElement>()) continue;
      Place place = base;
      place.span_loss_db = last_loss;
      if (k == 0) {
        place.role = Role::kBooster;
      } else if (k + 1 == line.size()) {
        place.role = Role::kPreamp;
      } else {
        place.role = Role::kInline;
        place.inline_number = ++inline_number;
      }
      places.emplace(e.uid, place);
    }
  }

  for (const AmplifierDesign& a : report.amplifiers) {
    auto it = places.find(a.uid);
    if (it == places.end()) continue;  // not on a fibre direction (none in a native design)
    const Place& place = it->second;
    const lightmesh::Fiber& fiber = net.fiber(place.fiber);
    // The field that made this amplifier what it is, named in the error.
    std::string pointer;
    switch (place.role) {
      case Role::kBooster:
        if (!boosters) continue;
        pointer = r.target_pch_out_dbm          ? "/physics/roadm/target_pch_out_dbm"
                  : r.target_psd_out_mw_per_ghz ? "/physics/roadm/target_psd_out_mw_per_ghz"
                  : r.booster                   ? "/physics/roadm/booster"
                  : r.booster_nf_db             ? "/physics/roadm/booster_nf_db"
                                                : "/physics/equipment";
        break;
      case Role::kPreamp:
        if (!preamps) continue;
        pointer = r.preamp         ? "/physics/roadm/preamp"
                  : r.preamp_nf_db ? "/physics/roadm/preamp_nf_db"
                                   : "/physics/equipment";
        break;
      case Role::kInline:
        if (fiber.amplifier_variety) {
          pointer = "/fibers/" + std::to_string(place.fiber) + "/amplifier_variety";
        } else if (!inlines) {
          continue;
        } else {
          pointer = p.inline_amplifiers.empty() ? "/physics/equipment" : "/physics/amplifiers";
        }
        break;
    }
    const EdfaType* type = eq.find_edfa(a.type_variety);
    if (!type)
      return Error::invalid(describe(net, place) + ": amplifier variety \"" + a.type_variety +
                            "\" is not in the equipment library")
          .at(net.file(), pointer);
    LM_ASSIGN_OR_RETURN(AcceptedGain ok, accepted_gain(*type, eq));
    const std::string range = fmt::format(
        "{} accepts {:g} < gain ≤ {:g} dB: gain_min less {:g} dB of input padding "
        "up to gain_flatmax + target_extended_gain, as GNPy's auto-design",
        type->type_variety, ok.above_db, ok.at_most_db, kInputPaddingDb);
    const bool too_low = !(a.gain_db > ok.above_db);
    const bool too_high = a.gain_db > ok.at_most_db + kToleranceDb;
    if (too_low || too_high) {
      std::string need;
      if (place.role == Role::kBooster) {
        const double launch =
            a.total_power_out_dbm - report.reference_total_power_dbm + report.reference_power_dbm;
        const double target = launch - a.gain_db;
        need = fmt::format(
            "raising the ROADM target of {} per channel to the launch power of {} "
            "needs {} of gain",
            dbm_text(target), dbm_text(launch), db(a.gain_db));
      } else {
        // The gain is the span's loss plus the rise of delta_p from the amplifier before.
        const double rise = a.gain_db - place.span_loss_db;
        need = std::abs(rise) < 5e-3
                   ? fmt::format("a span loss of {} needs {} of gain", db(place.span_loss_db),
                                 db(a.gain_db))
                   : fmt::format(
                         "a span loss of {} and a delta_p change of {:+.2f} dB need {} of "
                         "gain",
                         db(place.span_loss_db), rise, db(a.gain_db));
      }
      return Error::invalid(describe(net, place) + ": " + need + ", " +
                            (too_low ? "below" : "above") + " what " + type->type_variety +
                            " can give (" + range + ")")
          .at(net.file(), pointer);
    }
    if (a.total_power_out_dbm > ok.p_max_dbm + kToleranceDb) {
      const std::string power_pointer =
          p.launch_power_dbm ? std::string("/physics/launch_power_dbm") : pointer;
      return Error::invalid(
                 fmt::format("{}: the reference load ({} channels at {} each, {:+g} dB of "
                             "delta_p) totals {:.2f} dBm, above the p_max of {} ({})",
                             describe(net, place), report.reference_nb_channels,
                             dbm_text(report.reference_power_dbm),
                             a.total_power_out_dbm - report.reference_total_power_dbm,
                             a.total_power_out_dbm, type->type_variety, dbm_text(ok.p_max_dbm)))
          .at(net.file(), power_pointer);
    }
  }
  return {};
}

}  // namespace lightmesh::physics
