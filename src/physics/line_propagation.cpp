#include "physics/line_propagation.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <utility>

#include "core/bounded.h"
#include "core/limits.h"
#include "physics/fiber_propagation.h"

namespace lightmesh::physics {

namespace {

// "/elements/<uid>" as a JSON pointer (RFC 6901 escapes ~ and /).
std::string element_place(const Element& e) {
  std::string escaped;
  for (char c : e.uid) {
    if (c == '~')
      escaped += "~0";
    else if (c == '/')
      escaped += "~1";
    else
      escaped += c;
  }
  return "/elements/" + escaped;
}

std::string element_name(const Element& e) {
  return std::string(element_kind_name(e.kind())) + " '" + e.uid + "'";
}

Error element_error(const Element& e, const std::string& field, const std::string& what) {
  return Error::invalid(element_name(e) + ": " + field + " " + what)
      .at_place(element_place(e) + "/" + field);
}

// An error from a model built for an element, re-told with the element's uid.
Error element_error(const Element& e, const Error& inner) {
  return Error(inner.code(), element_name(e) + ": " + inner.message())
      .at_place(element_place(e) + inner.place());
}

// `scratch` holds the channel totals, so that a path allocates them once.
double mean_channel_power_dbm(const SpectralInfo& s, std::vector<double>& scratch) {
  if (s.size() == 0) return 0;
  scratch.resize(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) scratch[i] = s.total_w(i);
  return mean_db_of_linear(scratch) + 30;
}

// The fibre's parameters with the connector and padding losses design put on the element.
FiberParams fiber_params(const FiberElement& f) {
  FiberParams p = f.params;
  if (f.con_in_db) p.con_in_db = *f.con_in_db;
  if (f.con_out_db) p.con_out_db = *f.con_out_db;
  if (f.att_in_db) p.att_in_db = *f.att_in_db;
  return p;
}

const RoadmType* roadm_type(const Equipment& eq, const Element& e) {
  return eq.find_roadm(e.type_variety.empty() ? "default" : e.type_variety);
}

// The amplifier models of one path, built once per equipment type: an Edfa depends only on its
// type (and, for a dual stage, on the stages the equipment names), never on the element's
// settings, and a path usually repeats one or two types. Owned by one propagate_path call.
class AmplifierModels {
 public:
  Result<const Edfa*> get(const Equipment& eq, const EdfaType& type) {
    for (const auto& [t, amp] : models_)
      if (t == &type) return &amp;
    LM_ASSIGN_OR_RETURN(EdfaParams params, edfa_params(type, eq));
    LM_ASSIGN_OR_RETURN(Edfa amp, Edfa::create(std::move(params)));
    models_.emplace_back(&type, std::move(amp));
    return &models_.back().second;
  }

 private:
  std::deque<std::pair<const EdfaType*, Edfa>> models_;  // a deque: models do not move
};

}  // namespace

ReceiverQot receiver_qot(const SpectralInfo& s, std::span<const double> extra_osnr_01nm_db) {
  ReceiverQot r;
  const std::size_t n = s.size();
  double extra = 0;  // noise over signal at 0.1 nm from the extra OSNRs
  for (double o : extra_osnr_01nm_db) extra += db_to_linear(-o);
  r.add_drop_osnr_01nm_db.assign(extra_osnr_01nm_db.begin(), extra_osnr_01nm_db.end());
  r.frequency_hz = s.frequency_hz;
  r.gsnr_bw_db.resize(n);
  r.gsnr_01nm_db.resize(n);
  r.osnr_ase_bw_db.resize(n);
  r.osnr_ase_01nm_db.resize(n);
  r.snr_nli_bw_db.resize(n);
  std::vector<double> cd(n), pmd(n), pdl(n), latency(n);
  // Channels of one request share their tx OSNR and baud rate: convert each only when it changes.
  double last_tx_osnr_db = std::nan(""), tx_noise = 0;
  double last_baud = std::nan(""), correction = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double p = s.signal_w[i];
    // Noise quoted at 0.1 nm spreads over the signal bandwidth B: B / 12.5 GHz times the power.
    const double to_bw = s.baud_rate_hz[i] / kReferenceBandwidthHz;
    if (!(s.tx_osnr_db[i] == last_tx_osnr_db)) {
      last_tx_osnr_db = s.tx_osnr_db[i];
      tx_noise = db_to_linear(-last_tx_osnr_db);
    }
    if (!(s.baud_rate_hz[i] == last_baud)) {
      last_baud = s.baud_rate_hz[i];
      correction = linear_to_db(to_bw);
    }
    const double added = (tx_noise + extra) * to_bw;
    const double ase = s.ase_w[i] / p + added;
    const double nli = s.nli_w[i] / p;
    r.osnr_ase_bw_db[i] = -linear_to_db(ase);
    r.gsnr_bw_db[i] = -linear_to_db(ase + nli);
    r.snr_nli_bw_db[i] = -linear_to_db(nli);
    r.osnr_ase_01nm_db[i] = r.osnr_ase_bw_db[i] + correction;
    r.gsnr_01nm_db[i] = r.gsnr_bw_db[i] + correction;
    cd[i] = s.chromatic_dispersion_s_per_m[i] * 1e3;
    pmd[i] = s.pmd_s[i] * 1e12;
    pdl[i] = s.pdl_db[i];
    latency[i] = s.latency_s[i] * 1e3;
  }
  QotSummary& q = r.summary;
  q.gsnr_bw_db = mean_db(r.gsnr_bw_db);
  q.gsnr_01nm_db = mean_db(r.gsnr_01nm_db);
  q.min_gsnr_01nm_db =
      n ? *std::min_element(r.gsnr_01nm_db.begin(), r.gsnr_01nm_db.end()) : std::nan("");
  q.osnr_ase_bw_db = mean_db(r.osnr_ase_bw_db);
  q.osnr_ase_01nm_db = mean_db(r.osnr_ase_01nm_db);
  q.snr_nli_bw_db = mean_db(r.snr_nli_bw_db);
  // Impairments are plain means (mean_db is an arithmetic mean).
  q.cd_ps_per_nm = mean_db(cd);
  q.pmd_ps = mean_db(pmd);
  q.pdl_db = mean_db(pdl);
  q.latency_ms = mean_db(latency);
  return r;
}

Result<PathTrace> propagate_path(const ElementNetwork& net, std::span<const ElementIndex> path,
                                 const Equipment& eq, SpectralInfo& s,
                                 const PropagationSettings& settings) {
  PathTrace trace;
  trace.elements.reserve(path.size());
  double reference = settings.reference_pch_dbm;
  std::vector<double> add_drop_osnr;
  // Spans of one fibre type share their NLI tables; amplifiers of one type their model.
  NliWorkspace nli_workspace;
  AmplifierModels amplifiers;
  std::vector<double> scratch;
  for (std::size_t k = 0; k < path.size(); ++k) {
    if (path[k] >= net.size())
      return Error::invalid("path element " + std::to_string(k) + " is not in the network")
          .at_place("/path/" + std::to_string(k));
    const Element& e = net.at(path[k]);
    ElementTrace row;
    row.uid = e.uid;
    row.kind = e.kind();
    row.type_variety = e.type_variety;
    switch (e.kind()) {
      case ElementKind::kTransceiver: {
        if (k == 0) trace.receiver.tx_power_dbm = mean_channel_power_dbm(s, scratch);
        break;
      }
      case ElementKind::kFused: {
        row.loss_db = e.as<FusedElement>()->loss_db;
        s.apply_attenuation_db(row.loss_db);
        reference -= row.loss_db;
        break;
      }
      case ElementKind::kFiber: {
        auto fiber = Fiber::create(fiber_params(*e.as<FiberElement>()));
        if (!fiber) return element_error(e, fiber.error());
        fiber->propagate(s, nli_workspace);
        const FiberParams& p = fiber->params();
        row.loss_db = fiber->total_loss_db();
        row.length_km = p.length_m / 1e3;
        row.att_in_db = p.att_in_db;
        row.con_in_db = p.con_in_db;
        row.con_out_db = p.con_out_db;
        reference -= row.loss_db;
        break;
      }
      case ElementKind::kEdfa: {
        const EdfaElement& a = *e.as<EdfaElement>();
        if (e.type_variety.empty())
          return element_error(e, "type_variety", "is not set (the amplifier was not designed)");
        const EdfaType* type = eq.find_edfa(e.type_variety);
        if (!type)
          return element_error(e, "type_variety",
                               "'" + e.type_variety + "' is not an amplifier of the equipment");
        auto amp = amplifiers.get(eq, *type);
        if (!amp) return element_error(e, amp.error());
        EdfaSettings op{.tilt_target_db = a.tilt_target_db.value_or(0),
                        .out_voa_db = a.out_voa_db.value_or(0),
                        .in_voa_db = a.in_voa_db.value_or(0)};
        if (a.delta_p_db && settings.power_mode)
          row.target_pch_out_dbm = settings.reference_pch_dbm + *a.delta_p_db;
        if (a.gain_target_db) {
          op.gain_target_db = *a.gain_target_db;
        } else if (settings.power_mode && a.delta_p_db) {
          // What GNPy's design would set: the gain that brings the reference channel to its
          // target.
          op.gain_target_db = *row.target_pch_out_dbm - (reference - op.in_voa_db);
        } else {
          return element_error(e, "operational/gain_target",
                               "is not set (the amplifier was not designed)");
        }
        row.amplifier = (*amp)->propagate(s, op);
        if (s.size() == 0)
          return element_error(e, "type_variety",
                               "'" + e.type_variety + "' amplifies none of the channels");
        row.delta_p_db = a.delta_p_db;
        row.tilt_target_db = op.tilt_target_db;
        row.out_voa_db = op.out_voa_db;
        row.in_voa_db = op.in_voa_db;
        reference += row.amplifier.effective_gain_db - op.in_voa_db - op.out_voa_db;
        break;
      }
      case ElementKind::kRoadm: {
        const RoadmType* type = roadm_type(eq, e);
        if (!type)
          return element_error(e, "type_variety",
                               "'" + e.type_variety + "' is not a ROADM of the equipment");
        const bool from_trx = k == 0 || net.at(path[k - 1]).kind() == ElementKind::kTransceiver;
        const bool to_trx =
            k + 1 == path.size() || net.at(path[k + 1]).kind() == ElementKind::kTransceiver;
        const std::string to_degree = k + 1 < path.size() ? net.at(path[k + 1]).uid : "";
        row.roadm = propagate_roadm(s, *e.as<RoadmElement>(), *type, to_degree,
                                    roadm_path_kind(from_trx, to_trx),
                                    {.pch_in_dbm = reference,
                                     .baud_rate_hz = settings.reference_baud_rate_hz,
                                     .slot_width_hz = settings.reference_slot_width_hz});
        if (row.roadm.osnr_db) add_drop_osnr.push_back(*row.roadm.osnr_db);
        reference = row.roadm.reference_pch_out_dbm;
        break;
      }
    }
    row.channels = s.size();
    row.reference_pch_out_dbm = reference;
    row.actual_pch_out_dbm = e.kind() == ElementKind::kEdfa    ? row.amplifier.pch_out_dbm
                             : e.kind() == ElementKind::kRoadm ? row.roadm.pch_out_dbm
                                                               : mean_channel_power_dbm(s, scratch);
    trace.elements.push_back(std::move(row));
  }
  const double tx_power = trace.receiver.tx_power_dbm;
  trace.receiver = receiver_qot(s, add_drop_osnr);
  trace.receiver.tx_power_dbm = tx_power;
  return trace;
}

Result<SpectralInfo> request_spectrum(const TransceiverType& trx, const TransceiverTypeMode& mode,
                                      double spacing_hz, std::optional<int> nb_channels,
                                      double power_dbm, std::optional<double> tx_power_dbm,
                                      double equalization_offset_db) {
  if (!(spacing_hz > 0)) return Error::invalid("spacing must be positive").at_place("/spacing");
  if (!(mode.baud_rate_baud > 0))
    return Error::invalid("transceiver " + trx.type_variety + " mode " + mode.format +
                          ": baud_rate must be positive")
        .at_place("/baud_rate");
  if (mode.baud_rate_baud > spacing_hz)
    return Error::invalid("transceiver " + trx.type_variety + " mode " + mode.format +
                          ": baud rate exceeds the spacing")
        .at_place("/spacing");
  int count = 0;
  if (nb_channels) {
    count = *nb_channels;
  } else {
    // A small tolerance keeps floor() from losing the last channel to rounding.
    count = saturate<int>(std::floor((trx.f_max_hz - trx.f_min_hz) / spacing_hz * (1 + 1e-12)));
  }
  if (count > limits::kMaxChannels) {
    return Error::invalid(
               "the request carries more than 65,536 channels (expected a wider "
               "spacing or fewer channels)")
        .at_place("/nb_channel");
  }
  if (count < 1)
    return Error::invalid("the request carries no channel (transceiver band " +
                          std::to_string(trx.f_min_hz) + " to " + std::to_string(trx.f_max_hz) +
                          " Hz)")
        .at_place("/nb_channel");
  const double launch_w = db_to_linear(tx_power_dbm.value_or(power_dbm)) * 1e-3;
  std::vector<ChannelSpec> channels(static_cast<std::size_t>(count));
  for (int k = 1; k <= count; ++k) {
    channels[static_cast<std::size_t>(k - 1)] = {.frequency_hz = trx.f_min_hz + k * spacing_hz,
                                                 .baud_rate_hz = mode.baud_rate_baud,
                                                 .roll_off = mode.roll_off,
                                                 .signal_w = launch_w,
                                                 .tx_osnr_db = mode.tx_osnr_db,
                                                 .slot_width_hz = spacing_hz,
                                                 .delta_pdb = equalization_offset_db};
  }
  return make_spectrum(channels);
}

Result<std::size_t> drop_channels_outside_amplifier_bands(const ElementNetwork& net,
                                                          std::span<const ElementIndex> path,
                                                          const Equipment& eq, SpectralInfo& s) {
  double f_min = -std::numeric_limits<double>::infinity();
  double f_max = std::numeric_limits<double>::infinity();
  for (ElementIndex i : path) {
    const Element& e = net.at(i);
    if (e.kind() != ElementKind::kEdfa) continue;
    const EdfaType* type = eq.find_edfa(e.type_variety);
    if (!type)
      return element_error(e, "type_variety",
                           "'" + e.type_variety + "' is not an amplifier of the equipment");
    if (!(type->config.f_max_hz > type->config.f_min_hz)) continue;
    f_min = std::max(f_min, type->config.f_min_hz);
    f_max = std::min(f_max, type->config.f_max_hz);
  }
  std::vector<bool> keep(s.size());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    keep[i] = s.frequency_hz[i] - s.slot_width_hz[i] / 2 >= f_min &&
              s.frequency_hz[i] + s.slot_width_hz[i] / 2 <= f_max;
    kept += keep[i];
  }
  const std::size_t dropped = s.size() - kept;
  if (kept == 0)
    return Error::invalid("no channel lies within the band common to the path's amplifiers")
        .at_place("/path");
  if (dropped) s.keep_channels(keep);
  return dropped;
}

namespace {

// Python's float floor division (floor of the exact quotient, not of the rounded one).
double floordiv(double a, double b) {
  const double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1;
  const double floored = std::floor(div);
  return div - floored > 0.5 ? floored + 1 : floored;
}

}  // namespace

std::uint32_t automatic_channel_count(double f_min_hz, double f_max_hz, double spacing_hz) {
  if (!(spacing_hz > 0) || !(f_max_hz > f_min_hz)) return 0;
  return saturate<std::uint32_t>(floordiv(f_max_hz - f_min_hz, spacing_hz));
}

}  // namespace lightmesh::physics
