#include "physics/line_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "physics/auto_design.h"
#include "physics/equipment_check.h"
#include "physics/line_propagation.h"
#include "physics/roadm.h"
#include "physics/spectral_info.h"

namespace lightmesh::physics {
namespace {

using physics::db_to_linear;
using physics::ElementIndex;
using physics::ElementKind;
using physics::linear_to_db;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// The first span's uid of fibre f from `from` (native_network.cpp names them).
std::string first_span_uid(const Network& net, FiberIndex f, NodeIndex from, NodeIndex to,
                           std::size_t spans) {
  const std::string base =
      "fiber (" + net.node(from).id + " → " + net.node(to).id + ")-" + net.fiber(f).id;
  return spans == 1 ? base : base + " (1/" + std::to_string(spans) + ")";
}

// The designed elements between the two ROADMs of one fibre direction, found from its first
// span: back to the sending ROADM (the booster), forward to the receiving one (the preamp).
Result<std::vector<ElementIndex>> oms_elements(const physics::ElementNetwork& net,
                                               const std::string& first_span) {
  const std::optional<ElementIndex> span = net.find(first_span);
  if (!span) return Error::internal("the design lost the span \"" + first_span + "\"");
  std::vector<ElementIndex> before, after;
  for (ElementIndex e = *span;;) {
    const auto& in = net.predecessors(e);
    if (in.size() != 1)
      return Error::internal("element \"" + net.at(e).uid + "\" is not in a single line");
    e = in[0];
    if (net.at(e).kind() == ElementKind::kRoadm) break;
    before.push_back(e);
  }
  std::reverse(before.begin(), before.end());
  for (ElementIndex e = *span;;) {
    after.push_back(e);
    const auto& out = net.successors(e);
    if (out.size() != 1)
      return Error::internal("element \"" + net.at(e).uid + "\" is not in a single line");
    e = out[0];
    if (net.at(e).kind() == ElementKind::kRoadm) break;
  }
  before.insert(before.end(), after.begin(), after.end());
  return before;
}

}  // namespace

Result<LineModel> LineModel::build(const Network& net) {
  LineModel model;
  model.net_ = &net;
  LM_ASSIGN_OR_RETURN(model.view_, gnpy_view_of(net));
  physics::ElementNetwork& elements = model.view_.elements;
  const Equipment& eq = model.view_.equipment;
  const SpectralInformation& si = eq.reference_channel();

  // The first span of each direction, named before design (which keeps uids: the conversion's
  // spans are never longer than the equipment's maximum).
  const std::size_t directions = 2 * net.fibers().size();
  std::vector<std::string> first_spans(directions);
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    const std::size_t spans = physics::span_design(net, f).size();
    const lightmesh::Fiber& fiber = net.fiber(f);
    first_spans[2 * f] = first_span_uid(net, f, fiber.a, fiber.b, spans);
    first_spans[2 * f + 1] = first_span_uid(net, f, fiber.b, fiber.a, spans);
  }
  // Designed as path computation designs it (PathRequestRun with the physics hooks): once, for
  // the equipment's reference channel, inserting boosters, preamps and in-line amplifiers.
  physics::DesignOptions design;
  design.reference_power_dbm = si.power_dbm;
  LM_ASSIGN_OR_RETURN(physics::DesignReport report, physics::auto_design(elements, eq, design));
  model.oms_.resize(directions);
  for (std::size_t d = 0; d < directions; ++d) {
    LM_ASSIGN_OR_RETURN(model.oms_[d], oms_elements(elements, first_spans[d]));
  }
  // Equipment the file states is held to what the design asks of it: refused, never reduced.
  LM_RETURN_IF_ERROR(physics::check_stated_equipment(net, eq, report, model.oms_, elements));

  // One full load per distinct (width, baud rate, roll-off, launch power): the 32 GBd modes
  // share theirs unless a mode states its own launch power.
  const auto& modes = net.catalogue().modes();
  const RoadmType* roadm = eq.find_roadm("default");
  if (!roadm) return Error::internal("the converted equipment has no default ROADM");
  model.modes_.resize(modes.size());
  for (ModeIndex m = 0; m < modes.size(); ++m) {
    const TransceiverMode& mode = modes[m];
    if (!mode.required_osnr || mode.baud_rate.value() <= 0) continue;
    Load load{.f_min_hz = si.f_min_hz,
              .spacing_hz = mode.channel_width.value() * 1e9,
              .baud_rate_hz = mode.baud_rate.value() * 1e9,
              .roll_off = mode.roll_off,
              .nb_channels = 0,
              .power_dbm = si.power_dbm,
              .equalization_offset_db = 0};
    for (const auto& [name, dbm] : net.physics().mode_launch_power_dbm)
      if (name == mode.name) load.equalization_offset_db = dbm - si.power_dbm;
    load.nb_channels = automatic_channel_count(si.f_min_hz, si.f_max_hz, load.spacing_hz);
    auto same = [&](const Load& l) {
      return l.spacing_hz == load.spacing_hz && l.baud_rate_hz == load.baud_rate_hz &&
             l.roll_off == load.roll_off && l.equalization_offset_db == load.equalization_offset_db;
    };
    auto it = std::find_if(model.loads_.begin(), model.loads_.end(), same);
    ModeTerms& t = model.modes_[m];
    t.load = static_cast<int>(it - model.loads_.begin());
    if (it == model.loads_.end()) model.loads_.push_back(load);
    const double to_bw = load.baud_rate_hz / physics::kReferenceBandwidthHz;
    t.bw_to_01nm_db = linear_to_db(to_bw);
    // The receiver adds the transmitter's and every ROADM path's OSNR as noise at 0.1 nm
    // (physics::receiver_qot); add, drop and express passes may depend on frequency.
    t.ends.resize(load.nb_channels);
    t.express.resize(load.nb_channels);
    for (std::uint32_t i = 0; i < load.nb_channels; ++i) {
      const double f = load.f_min_hz + (i + 1) * load.spacing_hz;
      auto osnr_noise = [&](RoadmPathKind kind) {
        const auto imp = physics::roadm_path_impairment(*roadm, kind, f);
        return imp.osnr_db ? db_to_linear(-*imp.osnr_db) : 0.0;
      };
      t.ends[i] = (db_to_linear(-mode.tx_osnr.value()) + osnr_noise(RoadmPathKind::kAdd) +
                   osnr_noise(RoadmPathKind::kDrop)) *
                  to_bw;
      t.express[i] = osnr_noise(RoadmPathKind::kExpress) * to_bw;
    }
  }

  // Each load along each direction alone, from transceiver to transceiver: at the receiver the
  // ASE and NLI over signal are that OMS's contribution (the add ROADM starts it from nothing).
  for (const Load& load : model.loads_) {
    model.load_offset_.push_back(model.terms_.size());
    model.terms_.resize(model.terms_.size() + directions * 2 * load.nb_channels, kNan);
  }
  for (std::size_t l = 0; l < model.loads_.size(); ++l) {
    const Load& load = model.loads_[l];
    TransceiverType trx;
    trx.type_variety = "full load";
    trx.f_min_hz = load.f_min_hz;
    trx.f_max_hz = load.f_min_hz + load.spacing_hz * load.nb_channels;
    TransceiverTypeMode mode;
    mode.format = "full load";
    mode.baud_rate_baud = load.baud_rate_hz;
    mode.roll_off = load.roll_off;
    const physics::PropagationSettings settings{.reference_pch_dbm = load.power_dbm,
                                                .reference_baud_rate_hz = load.baud_rate_hz,
                                                .reference_slot_width_hz = load.spacing_hz,
                                                .power_mode = eq.span.power_mode};
    for (std::size_t d = 0; d < directions; ++d) {
      const FiberIndex f = static_cast<FiberIndex>(d / 2);
      const lightmesh::Fiber& fiber = net.fiber(f);
      const NodeIndex from = d % 2 == 0 ? fiber.a : fiber.b;
      const NodeIndex to = d % 2 == 0 ? fiber.b : fiber.a;
      const std::vector<NodeIndex> nodes{from, to};
      const std::vector<FiberIndex> fibers{f};
      const std::vector<ElementIndex> path = model.element_path(nodes, fibers);
      LM_ASSIGN_OR_RETURN(
          physics::SpectralInfo s,
          physics::request_spectrum(trx, mode, load.spacing_hz, static_cast<int>(load.nb_channels),
                                    load.power_dbm, load.power_dbm, load.equalization_offset_db));
      LM_RETURN_IF_ERROR(physics::drop_channels_outside_amplifier_bands(elements, path, eq, s));
      LM_RETURN_IF_ERROR(physics::propagate_path(elements, path, eq, s, settings));
      double* ase = model.terms_.data() + model.load_offset_[l] + d * 2 * load.nb_channels;
      double* nli = ase + load.nb_channels;
      for (std::size_t c = 0; c < s.size(); ++c) {
        const long k = std::lround((s.frequency_hz[c] - load.f_min_hz) / load.spacing_hz) - 1;
        if (k < 0 || k >= static_cast<long>(load.nb_channels)) continue;
        ase[k] = s.ase_w[c] / s.signal_w[c];
        nli[k] = s.nli_w[c] / s.signal_w[c];
      }
    }
  }
  // Each OMS's largest ASE and NLI over the band, for the O(hops) bound.
  // And the channel each OMS hurts most, the probe of the O(hops) upper bound.
  model.largest_.assign(model.loads_.size() * directions * 2, 0.0);
  model.noisiest_.assign(model.loads_.size() * directions, 0);
  for (std::size_t l = 0; l < model.loads_.size(); ++l) {
    const std::size_t n = model.loads_[l].nb_channels;
    for (std::size_t d = 0; d < directions; ++d) {
      const double* a = model.terms_.data() + model.load_offset_[l] + d * 2 * n;
      double* out = model.largest_.data() + (l * directions + d) * 2;
      double most = -1;
      for (std::size_t i = 0; i < n; ++i) {
        if (a[i] > out[0]) out[0] = a[i];
        if (a[n + i] > out[1]) out[1] = a[n + i];
        if (a[i] + a[n + i] > most) {  // NaN (a dropped channel) never compares greater
          most = a[i] + a[n + i];
          model.noisiest_[l * directions + d] = static_cast<std::uint32_t>(i);
        }
      }
    }
  }
  for (ModeTerms& t : model.modes_) {
    for (double v : t.ends) t.ends_max = std::max(t.ends_max, v);
    for (double v : t.express) t.express_max = std::max(t.express_max, v);
  }
  return model;
}

std::vector<ElementIndex> LineModel::element_path(std::span<const NodeIndex> nodes,
                                                  std::span<const FiberIndex> fibers) const {
  std::vector<ElementIndex> path;
  if (nodes.empty()) return path;
  const physics::ElementNetwork& e = view_.elements;
  path.push_back(*e.find(transceiver_uid(net_->node(nodes.front()))));
  for (std::size_t h = 0; h < nodes.size(); ++h) {
    path.push_back(*e.find(roadm_uid(net_->node(nodes[h]))));
    if (h < fibers.size()) {
      const auto& oms = oms_[direction(nodes[h], fibers[h])];
      path.insert(path.end(), oms.begin(), oms.end());
    }
  }
  path.push_back(*e.find(transceiver_uid(net_->node(nodes.back()))));
  return path;
}

std::size_t LineModel::direction(NodeIndex from, FiberIndex f) const {
  return 2 * static_cast<std::size_t>(f) + (net_->fiber(f).a == from ? 0 : 1);
}

const double* LineModel::ase(std::size_t dir, int load) const {
  const auto l = static_cast<std::size_t>(load);
  return terms_.data() + load_offset_[l] + dir * 2 * loads_[l].nb_channels;
}

const double* LineModel::nli(std::size_t dir, int load) const {
  return ase(dir, load) + loads_[static_cast<std::size_t>(load)].nb_channels;
}

void LineModel::line_noise(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                           int load, Way way, std::vector<double>& out) const {
  const std::size_t n = loads_[static_cast<std::size_t>(load)].nb_channels;
  out.assign(n, 0.0);
  double* __restrict s = out.data();
  // Hop by hop over all channels at once: no dependency from one channel to the next, so the loop
  // runs as vector instructions. A ROADM equalises signal plus accumulated noise, so the OMS after
  // it sees the signal 1 + S lower: its ASE over signal grows by that factor and its NLI over
  // signal (∝ P²) shrinks by its square.
  for (std::size_t h = 0; h < fibers.size(); ++h) {
    const double* __restrict a = ase(direction_of_hop(nodes, fibers, h, way), load);
    const double* __restrict nl = a + n;
    for (std::size_t i = 0; i < n; ++i) {
      const double grow = 1 + s[i];
      s[i] += a[i] * grow + nl[i] / (grow * grow);
    }
  }
}

void LineModel::route_noise(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                            const ModeTerms& m, Way way, std::vector<double>& out) const {
  line_noise(nodes, fibers, m.load, way, out);
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = with_ends(m, fibers.size(), i, out[i]);
}

double LineModel::worst_01nm_db(std::span<const NodeIndex> nodes,
                                std::span<const FiberIndex> fibers, ModeIndex m, RouteCache* cache,
                                Way way) const {
  const ModeTerms& t = modes_[m];
  std::vector<double> scratch;
  const std::vector<double>* line = &scratch;
  if (cache) {
    auto& per_load = cache->line_[way == Way::kReverse ? 1 : 0];
    if (per_load.size() < loads_.size()) per_load.resize(loads_.size());
    auto& kept = per_load[static_cast<std::size_t>(t.load)];
    if (kept.empty()) line_noise(nodes, fibers, t.load, way, kept);
    line = &kept;
  } else {
    line_noise(nodes, fibers, t.load, way, scratch);
  }
  double worst = 0;
  for (std::size_t i = 0; i < line->size(); ++i) {
    const double v = with_ends(t, fibers.size(), i, (*line)[i]);
    if (v > worst) worst = v;  // NaN (a channel the amplifiers drop) never compares greater
  }
  return -linear_to_db(worst) + t.bw_to_01nm_db;
}

double LineModel::worst_01nm_db_at_least(std::span<const NodeIndex> nodes,
                                         std::span<const FiberIndex> fibers, ModeIndex m,
                                         Way way) const {
  // The same recursion with each OMS's largest ASE and NLI and no NLI reduction: it grows with
  // both, so it bounds every channel's noise from above.
  const ModeTerms& t = modes_[m];
  const std::size_t directions = 2 * net_->fibers().size();
  const double* largest = largest_.data() + static_cast<std::size_t>(t.load) * directions * 2;
  double s = 0;
  for (std::size_t h = 0; h < fibers.size(); ++h) {
    const std::size_t d = direction_of_hop(nodes, fibers, h, way);
    s += largest[2 * d] * (1 + s) + largest[2 * d + 1];
  }
  const double express = fibers.empty() ? 0.0 : static_cast<double>(fibers.size() - 1);
  s += t.ends_max + t.express_max * express;
  return -linear_to_db(s) + t.bw_to_01nm_db;
}

double LineModel::worst_01nm_db_at_most(std::span<const NodeIndex> nodes,
                                        std::span<const FiberIndex> fibers, ModeIndex m,
                                        Way way) const {
  const ModeTerms& t = modes_[m];
  const std::size_t directions = 2 * net_->fibers().size();
  const auto load = static_cast<std::size_t>(t.load);
  const double* largest = largest_.data() + load * directions * 2;
  std::size_t probe = 0;
  double most = -1;
  for (std::size_t h = 0; h < fibers.size(); ++h) {
    const std::size_t d = direction_of_hop(nodes, fibers, h, way);
    if (largest[2 * d] + largest[2 * d + 1] > most) {
      most = largest[2 * d] + largest[2 * d + 1];
      probe = noisiest_[load * directions + d];
    }
  }
  // line_noise's recursion for the one channel.
  double s = 0;
  for (std::size_t h = 0; h < fibers.size(); ++h) {
    const double* a = ase(direction_of_hop(nodes, fibers, h, way), t.load);
    const double grow = 1 + s;
    s += a[probe] * grow + a[loads_[load].nb_channels + probe] / (grow * grow);
  }
  const double v = with_ends(t, fibers.size(), probe, s);
  if (std::isnan(v)) return std::numeric_limits<double>::infinity();
  return -linear_to_db(v) + t.bw_to_01nm_db;
}

NoiseBreakdown LineModel::breakdown(std::span<const NodeIndex> nodes,
                                    std::span<const FiberIndex> fibers, ModeIndex m) const {
  const ModeTerms& t = modes_[m];
  NoiseBreakdown b;
  std::vector<double> noise;
  route_noise(nodes, fibers, t, Way::kForward, noise);
  double worst = -1;
  for (std::size_t i = 0; i < noise.size(); ++i) {
    if (noise[i] > worst) {  // NaN (a dropped channel) never compares greater
      worst = noise[i];
      b.channel = i;
    }
  }
  if (worst < 0) return b;
  b.worst_01nm_db = -linear_to_db(worst) + t.bw_to_01nm_db;
  const std::size_t i = b.channel;
  auto add = [&](NoiseContribution c) {
    c.ase_share = c.ase / worst;
    c.nli_share = c.nli / worst;
    c.share = (c.ase + c.nli) / worst;
    c.gsnr_cost_db = linear_to_db(worst / (worst - (c.ase + c.nli)));
    b.items.push_back(c);
  };
  add({.kind = NoiseContribution::Kind::kTransceivers, .ase = t.ends[i]});
  // The same recursion as line_noise, for one channel, keeping each OMS's increment.
  double s = 0;
  for (std::size_t h = 0; h < fibers.size(); ++h) {
    if (h > 0) add({.kind = NoiseContribution::Kind::kExpress, .hop = h, .ase = t.express[i]});
    const std::size_t d = direction(nodes[h], fibers[h]);
    const double grow = 1 + s;
    const double ase_h = ase(d, t.load)[i] * grow;
    const double nli_h = nli(d, t.load)[i] / (grow * grow);
    s += ase_h + nli_h;
    add({.kind = NoiseContribution::Kind::kOms, .hop = h, .ase = ase_h, .nli = nli_h});
  }
  return b;
}

RouteGsnr LineModel::route(std::span<const NodeIndex> nodes, std::span<const FiberIndex> fibers,
                           ModeIndex m, std::optional<double> channel_hz, Way way) const {
  const ModeTerms& t = modes_[m];
  const Load& load = loads_[static_cast<std::size_t>(t.load)];
  RouteGsnr r;
  std::vector<double> noise;
  route_noise(nodes, fibers, t, way, noise);
  // The channels the amplifiers carry (NaN marks a dropped one), packed in place: the mean of
  // their dB figures is the dB of their geometric mean, one logarithm instead of one per channel.
  std::size_t kept = 0;
  std::optional<std::size_t> nearest;
  double nearest_gap = std::numeric_limits<double>::infinity();
  double worst = 0;
  for (std::size_t i = 0; i < noise.size(); ++i) {
    const double n = noise[i];
    if (std::isnan(n)) continue;
    worst = std::max(worst, n);
    if (channel_hz) {
      const double gap = std::abs(load.f_min_hz + (i + 1) * load.spacing_hz - *channel_hz);
      if (gap < nearest_gap) {
        nearest_gap = gap;
        nearest = kept;
      }
    }
    noise[kept++] = n;
  }
  noise.resize(kept);
  r.worst_bw_db = -linear_to_db(worst);
  r.worst_01nm_db = r.worst_bw_db + t.bw_to_01nm_db;
  r.mean_bw_db = -physics::mean_db_of_linear(noise);
  r.mean_01nm_db = r.mean_bw_db + t.bw_to_01nm_db;
  if (nearest) r.channel_01nm_db = -linear_to_db(noise[*nearest]) + t.bw_to_01nm_db;
  return r;
}

}  // namespace lightmesh::physics
