#include "physics/auto_design.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/bounded.h"
#include "core/limits.h"
#include "physics/edfa.h"

namespace lightmesh::physics {
namespace {

// The library's amplifier kinds (physics::EdfaKind names the propagation models).
using AmpKind = ::lightmesh::EdfaKind;

// ---------------------------------------------------------------------------------------------
// Python arithmetic that GNPy's design depends on. Its rounding steps (delta_p to 0.5 dB, the VOA
// to 0.5 dB) sit on exact halves often, so halves must go to even and floor division must follow
// CPython, or designed powers differ by a whole step.

// Python's round(x, ndigits): the decimal rounding of x's exact binary value, ties to even. glibc's
// printf rounds the exact value the same way.
double python_round(double x, int ndigits) {
  if (!std::isfinite(x)) return x;
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, "%.*f", ndigits, x);
  return std::strtod(buffer, nullptr);
}

// CPython's float floor division (float_divmod), which is not always floor(a / b).
double python_floordiv(double a, double b) {
  double mod = std::fmod(a, b);
  double div = (a - mod) / b;
  if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1.0;
  if (div == 0) return std::copysign(0.0, a / b);
  double floordiv = std::floor(div);
  if (div - floordiv > 0.5) floordiv += 1.0;
  return floordiv;
}

// Python's max(a, b) and min(a, b) keep the first argument unless the second is strictly
// better; the sign of a zero survives as Python would keep it.
double python_max(double a, double b) { return b > a ? b : a; }
double python_min(double a, double b) { return b < a ? b : a; }

double lin2db(double x) { return 10.0 * std::log10(x); }
double db2lin(double x) { return std::pow(10.0, x / 10.0); }
// GNPy holds the reference power in watts and converts back: watt2dbm(dbm2watt(p)).
double dbm_through_watts(double dbm) { return lin2db(db2lin(dbm) * 1e-3 * 1e3); }
// GNPy's psd2powerdbm: a power spectral density (mW/GHz) over a bandwidth, in dBm.
double psd_to_power_dbm(double psd_mw_per_ghz, double bandwidth_hz) {
  return lin2db(bandwidth_hz * psd_mw_per_ghz * 1e-9);
}

double polyval(const std::vector<double>& coefficients, double x) {
  double y = 0;
  for (double c : coefficients) y = y * x + c;
  return y;
}

// GNPy's Fiber.loss, summed in its order: α·L + con_in + con_out + att_in + lumped losses.
double gnpy_fiber_loss(const FiberParams& p) {
  double lumped = 0;
  for (double l : p.lumped_losses_db) lumped += l;
  return (p.loss_db_per_km * 1e-3) * p.length_m + p.con_in_db + p.con_out_db + p.att_in_db + lumped;
}

// ---------------------------------------------------------------------------------------------
// The amplifier library as design reads it: dual-stage types take their gain and power bounds
// from their stages, as GNPy's equipment loader sets them.

struct AmpBounds {
  double gain_flatmax = 0;
  double gain_min = 0;
  double p_max = 0;
};

Result<AmpBounds> amp_bounds(const EdfaType& t, const Equipment& eq) {
  AmpBounds b{.gain_flatmax = t.gain_flatmax_db.value_or(0),
              .gain_min = t.gain_min_db,
              .p_max = t.p_max_dbm.value_or(0)};
  if (t.kind == AmpKind::kDualStage) {
    const EdfaType* pre = eq.find_edfa(t.preamp_variety);
    const EdfaType* boost = eq.find_edfa(t.booster_variety);
    if (!pre || !boost)
      return Error::invalid("Edfa \"" + t.type_variety + "\": dual-stage stage \"" +
                            (pre ? t.booster_variety : t.preamp_variety) +
                            "\" is not in the library");
    b.gain_flatmax = boost->gain_flatmax_db.value_or(0) + pre->gain_flatmax_db.value_or(0);
    b.p_max = boost->p_max_dbm.value_or(0);
  }
  return b;
}

// The two-coil models of the variable-gain types, derived once per design.
using CoilModels = std::map<const EdfaType*, TwoCoilNfModel>;

Result<TwoCoilNfModel> two_coil_model(const EdfaType& t, CoilModels& models) {
  if (auto it = models.find(&t); it != models.end()) return it->second;
  LM_ASSIGN_OR_RETURN(
      TwoCoilNfModel model,
      derive_two_coil_model(EdfaParams::variable_gain(
          t.type_variety, t.gain_min_db, t.gain_flatmax_db.value_or(0), t.p_max_dbm.value_or(0),
          t.nf_min_db.value_or(0), t.nf_max_db.value_or(0))));
  models.emplace(&t, model);
  return model;
}

// GNPy's Edfa._nf for one stage, with the input pad below gain_min; the OpenROADM masks see
// 0 dBm of total input over 88 channels at 50 GHz, as GNPy's edfa_nf sets them.
Result<double> single_stage_nf_db(const EdfaType& t, double gain_db, CoilModels& models) {
  const double pad = std::max(t.gain_min_db - gain_db, 0.0);
  const double gain = gain_db + pad;
  const double dg = std::max(t.gain_flatmax_db.value_or(0) - gain, 0.0);
  const double pin_per_50ghz_dbm = 0 - lin2db(88) + lin2db(50e9 / 50e9);
  double nf = 0;
  switch (t.kind) {
    case AmpKind::kVariableGain: {
      LM_ASSIGN_OR_RETURN(TwoCoilNfModel model, two_coil_model(t, models));
      const double g1a = gain - model.delta_p_db - dg;
      nf = lin2db(db2lin(model.nf1_db) + db2lin(model.nf2_db) / db2lin(g1a));
      break;
    }
    case AmpKind::kFixedGain:
      nf = t.nf0_db.value_or(0);
      break;
    case AmpKind::kOpenroadm:
      nf = pin_per_50ghz_dbm - polyval(t.nf_coef, pin_per_50ghz_dbm) + 58;
      break;
    case AmpKind::kOpenroadmPreamp:
      nf = pin_per_50ghz_dbm - std::min((4 * pin_per_50ghz_dbm + 275) / 7, 33.0) + 58;
      break;
    case AmpKind::kOpenroadmBooster:
      nf = -std::numeric_limits<double>::infinity();
      break;
    case AmpKind::kAdvancedModel:
      nf = polyval(t.config.nf_fit_coeff, -dg);
      break;
    case AmpKind::kDualStage:
    case AmpKind::kMultiBand:
      return Error::unsupported("Edfa \"" + t.type_variety + "\": a " + edfa_kind_name(t.kind) +
                                " type cannot be a stage");
  }
  return nf + pad;
}

Result<double> noise_figure_db(const EdfaType& type, double gain_db, const Equipment& eq,
                               CoilModels& models) {
  if (type.kind != AmpKind::kDualStage) return single_stage_nf_db(type, gain_db, models);
  const EdfaType* pre = eq.find_edfa(type.preamp_variety);
  const EdfaType* boost = eq.find_edfa(type.booster_variety);
  if (!pre || !boost)
    return Error::invalid("Edfa \"" + type.type_variety + "\": dual-stage stage \"" +
                          (pre ? type.booster_variety : type.preamp_variety) +
                          "\" is not in the library");
  // The preamp runs at its full flat gain and the booster makes up the rest.
  const double g1 = pre->gain_flatmax_db.value_or(0);
  LM_ASSIGN_OR_RETURN(double nf1, single_stage_nf_db(*pre, g1, models));
  LM_ASSIGN_OR_RETURN(double nf2, single_stage_nf_db(*boost, gain_db - g1, models));
  return lin2db(db2lin(nf1) + db2lin(nf2 - g1));
}

// ---------------------------------------------------------------------------------------------
// A working copy of the network shaped like networkx's DiGraph, which GNPy's design edits:
// removing a node keeps the order of the others, and an edge added after a removal goes to the
// end of both adjacency lists. GNPy's output order (elements, then connections grouped by their
// first element) follows from it.

class DesignGraph {
 public:
  // Edits `net` in place: element data directly; the structure (added elements, connections) on
  // a copy made at the first structural edit and swapped in by finish().
  explicit DesignGraph(ElementNetwork& net) : base_(net), base_size_(net.size()) {}

  std::size_t size() const { return base_size_ + added_.size(); }
  bool alive(ElementIndex i) const { return alive_.empty() || alive_[i] != 0; }
  Element& at(ElementIndex i) { return i < base_size_ ? base_.at(i) : added_[i - base_size_]; }
  const Element& at(ElementIndex i) const {
    return i < base_size_ ? base_.at(i) : added_[i - base_size_];
  }
  ElementKind kind(ElementIndex i) const { return at(i).kind(); }
  const std::vector<ElementIndex>& successors(ElementIndex i) const {
    return edited_ ? succ_[i] : base_.successors(i);
  }
  const std::vector<ElementIndex>& predecessors(ElementIndex i) const {
    return edited_ ? pred_[i] : base_.predecessors(i);
  }

  Result<ElementIndex> add(Element e) {
    begin_edit();
    const std::optional<ElementIndex> existing = base_.find(e.uid);
    if ((existing && alive(*existing)) || !added_uids_.insert(e.uid).second)
      return Error::invalid("auto-design: the uid \"" + e.uid +
                            "\" it would give a new element is already taken");
    added_.push_back(std::move(e));
    alive_.push_back(1);
    succ_.emplace_back();
    pred_.emplace_back();
    return static_cast<ElementIndex>(size() - 1);
  }
  void add_edge(ElementIndex from, ElementIndex to) {
    begin_edit();
    if (std::find(succ_[from].begin(), succ_[from].end(), to) != succ_[from].end()) return;
    succ_[from].push_back(to);
    pred_[to].push_back(from);
  }
  void remove_edge(ElementIndex from, ElementIndex to) {
    begin_edit();
    erase(succ_[from], to);
    erase(pred_[to], from);
  }
  void remove_node(ElementIndex n) {
    begin_edit();
    for (ElementIndex s : succ_[n]) erase(pred_[s], n);
    for (ElementIndex p : pred_[n]) erase(succ_[p], n);
    succ_[n].clear();
    pred_[n].clear();
    alive_[n] = 0;
  }

  // Puts the edited structure into the network, in GNPy's order: surviving elements, then added
  // ones; each element's connections in adjacency order. Without removals, indices are kept.
  void finish() {
    if (!edited_) return;
    ElementNetwork out;
    out.name = base_.name;
    out.reserve(size());
    std::vector<ElementIndex> new_index(size(), 0);
    for (ElementIndex i = 0; i < size(); ++i)
      if (alive(i)) new_index[i] = out.add(std::move(at(i)));
    for (ElementIndex i = 0; i < size(); ++i)
      if (alive(i))
        for (ElementIndex s : succ_[i]) out.add_connection(new_index[i], new_index[s]);
    base_ = std::move(out);
  }

 private:
  void begin_edit() {
    if (edited_) return;
    edited_ = true;
    // Design adds about one amplifier per fibre; growing the list in place is what costs most.
    added_.reserve(base_size_ + 16);
    alive_.assign(base_size_, 1);
    succ_.resize(base_size_);
    pred_.resize(base_size_);
    for (ElementIndex i = 0; i < base_size_; ++i) {
      succ_[i] = base_.successors(i);
      pred_[i] = base_.predecessors(i);
    }
  }
  static void erase(std::vector<ElementIndex>& list, ElementIndex v) {
    auto it = std::find(list.begin(), list.end(), v);
    if (it != list.end()) list.erase(it);
  }

  ElementNetwork& base_;
  std::size_t base_size_;
  std::vector<Element> added_;
  std::unordered_set<std::string> added_uids_;
  bool edited_ = false;
  std::vector<char> alive_;  // empty until edited: all alive
  std::vector<std::vector<ElementIndex>> succ_, pred_;
};

bool is_fiber(const DesignGraph& g, ElementIndex i) { return g.kind(i) == ElementKind::kFiber; }
bool is_fused(const DesignGraph& g, ElementIndex i) { return g.kind(i) == ElementKind::kFused; }
bool is_roadm(const DesignGraph& g, ElementIndex i) { return g.kind(i) == ElementKind::kRoadm; }
bool is_transceiver(const DesignGraph& g, ElementIndex i) {
  return g.kind(i) == ElementKind::kTransceiver;
}
bool is_edfa(const DesignGraph& g, ElementIndex i) { return g.kind(i) == ElementKind::kEdfa; }
bool is_fiber_or_fused(const DesignGraph& g, ElementIndex i) {
  return is_fiber(g, i) || is_fused(g, i);
}

Error not_connected(const Element& e) {
  return Error::invalid(std::string(element_kind_name(e.kind())) + " \"" + e.uid +
                        "\" is not properly connected, please check the network topology");
}

// ---------------------------------------------------------------------------------------------
// Step 1: split long fibres and add the missing amplifiers (GNPy's
// add_missing_elements_in_network).

struct SplitBounds {
  double min_length_m = 0;  // GNPy's range(min, max): start and stop
  double max_length_m = 0;
  double target_length_m = 0;
};

SplitBounds split_bounds(const SpanDefaults& span) {
  SplitBounds b;
  b.max_length_m = std::trunc(span.max_length_km * 1e3);
  b.min_length_m = std::max(std::trunc(span.padding_db / 0.2 * 1e3), 50000.0);
  b.target_length_m = std::max(b.min_length_m, std::min(b.max_length_m, 90000.0));
  return b;
}

// GNPy's calculate_new_length: the length and count of equal spans replacing a fibre that is
// too long, taken as a link "intent".
Result<std::pair<double, int>> new_span_length(double length_m, const SplitBounds& b) {
  if (length_m < b.max_length_m) return std::pair{length_m, 1};
  const double n2_real = python_floordiv(length_m, b.target_length_m);
  if (!(n2_real >= 1))
    return Error::invalid("auto-design: Span max_length is below its minimum span length (" +
                          std::to_string(b.min_length_m) + " m)");
  const int n2 = saturate<int>(n2_real);
  const int n1 = n2 + 1;
  const double l1 = length_m / n1;
  const double l2 = length_m / n2;
  auto within = [&](double l) { return b.min_length_m <= l && l <= b.max_length_m; };
  if (within(l1) && !within(l2)) return std::pair{l1, n1};
  if (within(l2) && !within(l1)) return std::pair{l2, n2};
  if (l2 - b.target_length_m <= b.target_length_m - l1 && l2 <= b.max_length_m)
    return std::pair{l2, n2};
  return std::pair{l1, n1};
}

Element new_amplifier(std::string uid, GeoLocation location) {
  Element amp;
  amp.uid = std::move(uid);
  amp.location = std::move(location);
  EdfaElement edfa;
  edfa.tilt_target_db = 0;  // GNPy's inserted amplifiers: gain_target None, tilt_target 0
  amp.data = edfa;
  return amp;
}

Status split_fiber(DesignGraph& g, ElementIndex fiber, const SplitBounds& bounds,
                   DesignReport& report) {
  const FiberElement& data = *g.at(fiber).as<FiberElement>();
  LM_ASSIGN_OR_RETURN(auto split, new_span_length(data.params.length_m, bounds));
  const auto [new_length, n_spans] = split;
  if (n_spans == 1) return {};
  if (g.successors(fiber).empty() || g.predecessors(fiber).empty())
    return not_connected(g.at(fiber));
  const ElementIndex next = g.successors(fiber).front();
  ElementIndex prev = g.predecessors(fiber).front();
  const Element original = g.at(fiber);
  g.remove_node(fiber);
  report.split_fibers.push_back(original.uid);
  // Copies: adding spans may move the elements.
  const GeoLocation from = g.at(prev).location;
  const GeoLocation to = g.at(next).location;
  for (int span = 0; span < n_spans; ++span) {
    Element piece;
    piece.uid =
        original.uid + "_(" + std::to_string(span + 1) + "/" + std::to_string(n_spans) + ")";
    piece.type_variety = original.type_variety;
    piece.location.city = original.location.city;
    piece.location.region = original.location.region;
    piece.location.longitude =
        from.longitude + (to.longitude - from.longitude) * (span + 0.5) / n_spans;
    piece.location.latitude =
        from.latitude + (to.latitude - from.latitude) * (span + 0.5) / n_spans;
    FiberElement piece_data = *original.as<FiberElement>();
    piece_data.params.length_m = new_length;
    piece_data.raman = false;  // GNPy rebuilds every span as a plain Fiber
    piece.data = std::move(piece_data);
    LM_ASSIGN_OR_RETURN(ElementIndex added, g.add(std::move(piece)));
    g.add_edge(prev, added);
    prev = added;
  }
  g.add_edge(prev, next);
  return {};
}

Status add_roadm_preamps(DesignGraph& g, ElementIndex roadm, DesignReport& report) {
  std::vector<ElementIndex> previous;
  for (ElementIndex p : g.predecessors(roadm))
    if (!is_transceiver(g, p) && !is_fused(g, p) && !is_edfa(g, p)) previous.push_back(p);
  for (ElementIndex p : previous) {
    g.remove_edge(p, roadm);
    Element amp = new_amplifier("Edfa_preamp_" + g.at(roadm).uid + "_from_" + g.at(p).uid,
                                g.at(roadm).location);
    report.inserted_amplifiers.push_back(amp.uid);
    LM_ASSIGN_OR_RETURN(ElementIndex added, g.add(std::move(amp)));
    g.add_edge(p, added);
    g.add_edge(added, roadm);
  }
  return {};
}

Status add_roadm_boosters(DesignGraph& g, ElementIndex roadm, DesignReport& report) {
  std::vector<ElementIndex> next_nodes;
  for (ElementIndex s : g.successors(roadm))
    if (!is_transceiver(g, s) && !is_fused(g, s) && !is_edfa(g, s)) next_nodes.push_back(s);
  for (ElementIndex s : next_nodes) {
    g.remove_edge(roadm, s);
    Element amp = new_amplifier("Edfa_booster_" + g.at(roadm).uid + "_to_" + g.at(s).uid,
                                g.at(roadm).location);
    report.inserted_amplifiers.push_back(amp.uid);
    LM_ASSIGN_OR_RETURN(ElementIndex added, g.add(std::move(amp)));
    g.add_edge(roadm, added);
    g.add_edge(added, s);
  }
  return {};
}

Status add_inline_amplifier(DesignGraph& g, ElementIndex fiber, DesignReport& report) {
  if (g.successors(fiber).empty()) return not_connected(g.at(fiber));
  const ElementIndex next = g.successors(fiber).front();
  if (!is_fiber(g, next)) return {};
  g.remove_edge(fiber, next);
  const GeoLocation& a = g.at(fiber).location;
  const GeoLocation& b = g.at(next).location;
  GeoLocation where{.city = a.city,
                    .region = a.region,
                    .latitude = (a.latitude + b.latitude) / 2,
                    .longitude = (a.longitude + b.longitude) / 2};
  Element amp = new_amplifier("Edfa_" + g.at(fiber).uid, std::move(where));
  report.inserted_amplifiers.push_back(amp.uid);
  LM_ASSIGN_OR_RETURN(ElementIndex added, g.add(std::move(amp)));
  g.add_edge(fiber, added);
  g.add_edge(added, next);
  return {};
}

Status add_missing_elements(DesignGraph& g, const SpanDefaults& span, DesignReport& report) {
  const SplitBounds bounds = split_bounds(span);
  std::vector<ElementIndex> fibers;
  for (ElementIndex i = 0; i < g.size(); ++i)
    if (g.alive(i) && is_fiber(g, i)) fibers.push_back(i);
  for (ElementIndex f : fibers) LM_RETURN_IF_ERROR(split_fiber(g, f, bounds, report));
  std::vector<ElementIndex> roadms;
  for (ElementIndex i = 0; i < g.size(); ++i)
    if (g.alive(i) && is_roadm(g, i)) roadms.push_back(i);
  for (ElementIndex r : roadms) {
    LM_RETURN_IF_ERROR(add_roadm_preamps(g, r, report));
    LM_RETURN_IF_ERROR(add_roadm_boosters(g, r, report));
  }
  fibers.clear();
  for (ElementIndex i = 0; i < g.size(); ++i)
    if (g.alive(i) && is_fiber(g, i)) fibers.push_back(i);
  for (ElementIndex f : fibers) LM_RETURN_IF_ERROR(add_inline_amplifier(g, f, report));
  return {};
}

// ---------------------------------------------------------------------------------------------
// Steps 2–4: connectors, padding, ROADM targets, amplifier settings (GNPy's build_network), on the
// elements in view (all of them, or the subgraph a per-request redesign names).

class LineDesigner {
 public:
  LineDesigner(DesignGraph& g, const Equipment& eq, const DesignOptions& options,
               DesignReport& report)
      : g_(g),
        eq_(eq),
        si_(eq.reference_channel()),
        span_(eq.span),
        options_(options),
        report_(report) {}

  Status run() {
    LM_RETURN_IF_ERROR(set_view());
    report_.reference_power_dbm = options_.reference_power_dbm.value_or(si_.power_dbm);
    report_.reference_nb_channels = options_.reference_channel
                                        ? options_.reference_channel->nb_channels
                                        : reference_channel_count(si_);
    if (report_.reference_nb_channels < 1)
      return Error::invalid("auto-design: the reference load has no channel");
    pref_ch_db_ = dbm_through_watts(report_.reference_power_dbm);
    pref_total_db_ = pref_ch_db_ + lin2db(report_.reference_nb_channels);
    report_.reference_total_power_dbm = pref_total_db_;

    for (ElementIndex i : members_) {
      if (!is_edfa(g_, i)) continue;
      Element& e = g_.at(i);
      if (e.type_variety == "default") e.type_variety.clear();  // GNPy's untyped amplifier
      EdfaElement& amp = *e.as<EdfaElement>();
      if (!amp.operational_recorded) {
        amp.operational_recorded = true;
        amp.operational_delta_p_db = amp.delta_p_db;
        amp.operational_tilt_target_db = amp.tilt_target_db;
      }
    }
    if (options_.set_connector_losses) LM_RETURN_IF_ERROR(add_missing_fiber_attributes());
    std::vector<ElementIndex> roadms, transceivers;
    for (ElementIndex i : members_) {
      if (is_roadm(g_, i)) roadms.push_back(i);
      if (is_transceiver(g_, i)) transceivers.push_back(i);
    }
    for (ElementIndex r : roadms) LM_RETURN_IF_ERROR(set_roadm_targets(r));
    for (ElementIndex r : roadms) LM_RETURN_IF_ERROR(set_egress_amplifiers(r));
    for (ElementIndex t : transceivers) LM_RETURN_IF_ERROR(set_egress_amplifiers(t));
    return {};
  }

 private:
  // The elements in view, in network order (GNPy walks a subgraph in its graph's order).
  Status set_view() {
    view_.assign(g_.size(), 0);
    if (options_.only_elements.empty()) {
      for (ElementIndex i = 0; i < g_.size(); ++i)
        if (g_.alive(i)) view_[i] = 1;
    } else {
      for (ElementIndex i : options_.only_elements) {
        if (i >= g_.size() || !g_.alive(i))
          return Error::invalid("auto-design: only_elements names element " + std::to_string(i) +
                                ", which the network does not hold");
        view_[i] = 1;
      }
    }
    if (options_.only_elements.empty()) {
      for (ElementIndex i = 0; i < g_.size(); ++i)
        if (view_[i]) members_.push_back(i);
    } else {
      members_ = options_.only_elements;
      std::sort(members_.begin(), members_.end());
      members_.erase(std::unique(members_.begin(), members_.end()), members_.end());
    }
    return {};
  }
  bool in_view(ElementIndex i) const { return view_[i] != 0; }

  std::optional<ElementIndex> first_successor(ElementIndex i) const {
    for (ElementIndex s : g_.successors(i))
      if (in_view(s)) return s;
    return std::nullopt;
  }
  std::optional<ElementIndex> first_predecessor(ElementIndex i) const {
    for (ElementIndex p : g_.predecessors(i))
      if (in_view(p)) return p;
    return std::nullopt;
  }

  double own_loss(ElementIndex i) const {
    const Element& e = g_.at(i);
    if (const auto* f = e.as<FiberElement>()) return gnpy_fiber_loss(f->params);
    if (const auto* f = e.as<FusedElement>()) return f->loss_db;
    return 0;  // a ROADM's loss is 0 for design; transceivers and amplifiers are not passive
  }

  // GNPy's prev_node_generator / next_node_generator: the fibres and fused elements spliced to
  // `i` without an amplifier between them, walking away from it.
  Result<std::vector<ElementIndex>> spliced_chain(ElementIndex i, bool backwards) const {
    std::vector<ElementIndex> chain;
    ElementIndex node = i;
    for (std::size_t steps = 0;; ++steps) {
      if (steps > g_.size())
        return Error::invalid("auto-design: fibres and fused elements around \"" + g_.at(i).uid +
                              "\" form a loop without amplifier");
      const std::optional<ElementIndex> other =
          backwards ? first_predecessor(node) : first_successor(node);
      if (!other) {
        if (is_transceiver(g_, node)) return chain;
        return not_connected(g_.at(node));
      }
      if ((is_fused(g_, *other) && is_fiber_or_fused(g_, node)) ||
          (is_fiber_or_fused(g_, *other) && is_fused(g_, node))) {
        chain.push_back(*other);
        node = *other;
      } else {
        return chain;
      }
    }
  }

  // GNPy's span_loss: the loss of the whole span (fibres and fused elements spliced together)
  // holding `i`. Raman gain is not estimated (no SRS model here), so RamanFiber spans count their
  // loss only.
  Result<double> span_loss(ElementIndex i) const {
    if (auto it = span_loss_cache_.find(i); it != span_loss_cache_.end()) return it->second;
    double loss = own_loss(i);
    LM_ASSIGN_OR_RETURN(auto before, spliced_chain(i, true));
    LM_ASSIGN_OR_RETURN(auto after, spliced_chain(i, false));
    double sum_before = 0, sum_after = 0;
    for (ElementIndex n : before) sum_before += own_loss(n);
    for (ElementIndex n : after) sum_after += own_loss(n);
    loss += sum_before;
    loss += sum_after;
    return loss;
  }

  // --- connectors and padding (GNPy's add_missing_fiber_attributes) ---
  Status add_missing_fiber_attributes() {
    std::vector<ElementIndex> fibers;
    for (ElementIndex i : members_)
      if (is_fiber(g_, i)) fibers.push_back(i);
    for (ElementIndex f : fibers) {
      const std::optional<ElementIndex> next = first_successor(f);
      if (!next) return not_connected(g_.at(f));
      FiberElement& fiber = *g_.at(f).as<FiberElement>();
      if (!fiber.con_in_db) fiber.con_in_db = span_.con_in_db;
      if (!fiber.con_out_db) fiber.con_out_db = span_.con_out_db;
      if (!is_fused(g_, *next)) *fiber.con_out_db += span_.eol_db;
      fiber.params.con_in_db = *fiber.con_in_db;
      fiber.params.con_out_db = *fiber.con_out_db;
    }
    for (ElementIndex f : fibers) {
      const std::optional<ElementIndex> next = first_successor(f);
      if (is_fused(g_, *next)) continue;
      if (g_.at(f).as<FiberElement>()->raman) continue;  // GNPy does not pad a RamanFiber
      LM_ASSIGN_OR_RETURN(double loss, span_loss(f));
      // GNPy remembers this loss as the span's design loss and uses it for every later gain
      // computation on this fibre.
      span_loss_cache_[f] = loss;
      if (loss < span_.padding_db) {
        ElementIndex first = f;
        LM_ASSIGN_OR_RETURN(auto before, spliced_chain(f, true));
        if (!before.empty()) first = before.back();
        if (is_fiber(g_, first)) {
          FiberElement& head = *g_.at(first).as<FiberElement>();
          head.params.att_in_db = head.params.att_in_db + span_.padding_db - loss;
          head.att_in_db = head.params.att_in_db;
          span_loss_cache_[f] += head.params.att_in_db;
        }
      }
    }
    return {};
  }

  // --- ROADM targets (GNPy's set_roadm_per_degree_targets) ---
  Result<const RoadmType*> roadm_type(ElementIndex r) const {
    const std::string& variety =
        g_.at(r).type_variety.empty() ? std::string("default") : g_.at(r).type_variety;
    const RoadmType* type = eq_.find_roadm(variety);
    if (!type)
      return Error::invalid("Roadm \"" + g_.at(r).uid + "\": type_variety \"" + variety +
                            "\" is not in the equipment library");
    return type;
  }

  Status set_roadm_targets(ElementIndex r) {
    LM_ASSIGN_OR_RETURN(const RoadmType* type, roadm_type(r));
    RoadmElement& roadm = *g_.at(r).as<RoadmElement>();
    // The library's equalisation and restrictions fill what the topology leaves out.
    if (!roadm.target_pch_out_dbm && !roadm.target_psd_out_mw_per_ghz &&
        !roadm.target_out_mw_per_slot_width) {
      switch (type->target_kind) {
        case RoadmTargetKind::kPowerPerChannelDbm:
          roadm.target_pch_out_dbm = type->target;
          break;
        case RoadmTargetKind::kPsdMwPerGhz:
          roadm.target_psd_out_mw_per_ghz = type->target;
          break;
        case RoadmTargetKind::kPowerMwPerSlotWidth:
          roadm.target_out_mw_per_slot_width = type->target;
          break;
      }
    }
    if (roadm.preamp_variety_list.empty()) roadm.preamp_variety_list = type->preamp_variety_list;
    if (roadm.booster_variety_list.empty()) roadm.booster_variety_list = type->booster_variety_list;
    for (ElementIndex s : g_.successors(r)) {
      if (!in_view(s) || is_transceiver(g_, s)) continue;
      const std::string& degree = g_.at(s).uid;
      if (roadm.per_degree_pch_out_dbm.count(degree) ||
          roadm.per_degree_psd_out_mw_per_ghz.count(degree) ||
          roadm.per_degree_out_mw_per_slot_width.count(degree))
        continue;
      // GNPy tests each target for truth, so a target of exactly 0 counts as absent.
      if (roadm.target_pch_out_dbm.value_or(0) != 0)
        roadm.per_degree_pch_out_dbm[degree] = *roadm.target_pch_out_dbm;
      else if (roadm.target_psd_out_mw_per_ghz.value_or(0) != 0)
        roadm.per_degree_psd_out_mw_per_ghz[degree] = *roadm.target_psd_out_mw_per_ghz;
      else if (roadm.target_out_mw_per_slot_width.value_or(0) != 0)
        roadm.per_degree_out_mw_per_slot_width[degree] = *roadm.target_out_mw_per_slot_width;
      else
        return Error::invalid("Roadm \"" + g_.at(r).uid + "\" needs an equalization target");
    }
    return {};
  }

  // The per-channel power a ROADM sends out of a degree for the reference carrier (GNPy's
  // get_per_degree_ref_power; PSD targets use the equipment SI's baud rate and spacing).
  Result<double> degree_power_dbm(ElementIndex r, const std::string& degree) const {
    const RoadmElement& roadm = *g_.at(r).as<RoadmElement>();
    if (auto it = roadm.per_degree_pch_out_dbm.find(degree);
        it != roadm.per_degree_pch_out_dbm.end())
      return it->second;
    if (auto it = roadm.per_degree_psd_out_mw_per_ghz.find(degree);
        it != roadm.per_degree_psd_out_mw_per_ghz.end())
      return psd_to_power_dbm(it->second, si_.baud_rate_baud);
    if (auto it = roadm.per_degree_out_mw_per_slot_width.find(degree);
        it != roadm.per_degree_out_mw_per_slot_width.end())
      return psd_to_power_dbm(it->second, si_.spacing_hz);
    if (roadm.target_pch_out_dbm) return *roadm.target_pch_out_dbm;
    if (roadm.target_psd_out_mw_per_ghz)
      return psd_to_power_dbm(*roadm.target_psd_out_mw_per_ghz, si_.baud_rate_baud);
    if (roadm.target_out_mw_per_slot_width)
      return psd_to_power_dbm(*roadm.target_out_mw_per_slot_width, si_.spacing_hz);
    return Error::invalid("Roadm \"" + g_.at(r).uid + "\" needs an equalization target");
  }

  // --- amplifiers (GNPy's set_egress_amplifier and set_one_amplifier) ---

  // The elements of the OMS that starts at `first`, each with the one after it, up to the next
  // ROADM or transceiver (GNPy's get_oms_edge_list).
  Result<std::vector<std::pair<ElementIndex, ElementIndex>>> oms_edges(ElementIndex first) const {
    std::vector<std::pair<ElementIndex, ElementIndex>> edges;
    std::vector<ElementIndex> visited;
    ElementIndex node = first;
    while (!is_roadm(g_, node) && !is_transceiver(g_, node)) {
      const std::optional<ElementIndex> next = first_successor(node);
      if (!next) return not_connected(g_.at(node));
      visited.push_back(node);
      if (std::find(visited.begin(), visited.end(), *next) != visited.end())
        return Error::invalid(std::string("auto-design: loop detected for ") +
                              element_kind_name(g_.kind(node)) + " \"" + g_.at(node).uid +
                              "\", please check the network topology");
      edges.emplace_back(node, *next);
      node = *next;
    }
    return edges;
  }

  // GNPy's target_power: the delta_p a span asks for, 0.3 dB per dB of loss above 20 dB, on the
  // Span.delta_power_range_db grid and within its bounds; 0 before a ROADM.
  Result<double> target_delta_p(ElementIndex next) const {
    if (is_roadm(g_, next)) return 0.0;
    LM_ASSIGN_OR_RETURN(double loss, span_loss(next));
    const auto& range = span_.delta_power_range_db;
    double dp = gnpy_round_to_step((loss + 0.0 - 20) * 0.3, range[2]);
    dp = python_max(range[0], dp);
    dp = python_min(range[1], dp);
    return dp;
  }

  // The amplifier types design may choose for `amp` (GNPy's get_node_restrictions): its own type
  // when it has one; else its variety_list, the booster list of the ROADM before it or the preamp
  // list of the ROADM after it; else every type allowed for design. Only single-band types whose
  // band holds the SI band qualify.
  Result<std::vector<const EdfaType*>> candidate_types(ElementIndex amp, ElementIndex prev,
                                                       ElementIndex next) const {
    const Element& e = g_.at(amp);
    if (!e.type_variety.empty()) {
      const EdfaType* t = eq_.find_edfa(e.type_variety);
      if (!t)
        return Error::invalid("Edfa \"" + e.uid + "\": type_variety \"" + e.type_variety +
                              "\" is not in the equipment library");
      return std::vector<const EdfaType*>{t};
    }
    const std::vector<std::string>* restrictions = nullptr;
    const EdfaElement& data = *e.as<EdfaElement>();
    if (!data.variety_list.empty()) {
      restrictions = &data.variety_list;
    } else if (is_roadm(g_, prev) &&
               !g_.at(prev).as<RoadmElement>()->booster_variety_list.empty()) {
      restrictions = &g_.at(prev).as<RoadmElement>()->booster_variety_list;
    } else if (is_roadm(g_, next) && !g_.at(next).as<RoadmElement>()->preamp_variety_list.empty()) {
      restrictions = &g_.at(next).as<RoadmElement>()->preamp_variety_list;
    }
    std::vector<const EdfaType*> out;
    for (const EdfaType& t : eq_.edfas) {
      if (t.kind == AmpKind::kMultiBand) continue;
      const bool has_band = t.config.f_max_hz <= t.config.f_min_hz;  // no band given: any
      if (!has_band && !(t.config.f_min_hz <= si_.f_min_hz && t.config.f_max_hz >= si_.f_max_hz))
        continue;
      const bool listed = restrictions && std::find(restrictions->begin(), restrictions->end(),
                                                    t.type_variety) != restrictions->end();
      if (listed || (!restrictions && t.allowed_for_design)) out.push_back(&t);
    }
    if (out.empty())
      return Error::invalid("Edfa \"" + e.uid +
                            "\": auto-design could not find any amplifier in the equipment "
                            "library matching the design band and the restrictions (ROADM or "
                            "amplifier restrictions)");
    return out;
  }

  struct Choice {
    const EdfaType* type = nullptr;
    double power_reduction = 0;
  };

  // GNPy's select_edfa: among the candidates meeting the minimum gain (3 dB of extended range
  // below gain_min for EDFAs, none for Raman), keep those reaching the power target (or, when
  // none does, those within 0.3 dB of the best), then take the lowest noise figure.
  Result<Choice> select_type(const std::vector<const EdfaType*>& candidates, bool raman_allowed,
                             double gain_target, double power_target, const std::string& uid) {
    struct Entry {
      const EdfaType* type;
      double power;
      double gain_min_margin;
      double nf;
    };
    const double extended = span_.target_extended_gain_db;
    const double pin = power_target - gain_target;
    std::vector<Entry> edfa_list, raman_list;
    for (const EdfaType* t : candidates) {
      if (t->raman && !raman_allowed) continue;
      LM_ASSIGN_OR_RETURN(AmpBounds b, amp_bounds(*t, eq_));
      LM_ASSIGN_OR_RETURN(double nf, cached_nf(*t, gain_target));
      Entry entry{
          .type = t,
          .power = python_min(pin + b.gain_flatmax + extended, b.p_max) - power_target,
          .gain_min_margin = t->raman ? gain_target - b.gain_min : gain_target + 3 - b.gain_min,
          .nf = nf};
      (t->raman ? raman_list : edfa_list).push_back(entry);
    }
    std::vector<Entry> all = edfa_list;
    all.insert(all.end(), raman_list.begin(), raman_list.end());
    std::vector<Entry> gain_ok;
    for (const Entry& e : all)
      if (e.gain_min_margin > 0) gain_ok.push_back(e);
    if (gain_ok.empty()) {
      if (edfa_list.empty())
        return Error::invalid("Edfa \"" + uid +
                              "\": auto-design could not find any amplifier to satisfy the "
                              "minimum gain requirement; please increase span fibre padding");
      report_.warnings.push_back("target gain in node " + uid +
                                 " is below all available amplifiers' minimum gain: amplifier "
                                 "input padding is assumed");
      gain_ok = edfa_list;
    }
    std::vector<Entry> power_ok;
    for (const Entry& e : gain_ok)
      if (e.power > 0) power_ok.push_back(e);
    if (power_ok.empty()) {
      double power_max = gain_ok.front().power;
      for (const Entry& e : gain_ok) power_max = python_max(power_max, e.power);
      for (const Entry& e : gain_ok)
        if (e.power - power_max > -0.3) power_ok.push_back(e);
    }
    const Entry* best = &power_ok.front();
    for (const Entry& e : power_ok)
      if (e.nf < best->nf) best = &e;
    Choice choice{.type = best->type, .power_reduction = python_min(best->power, 0.0)};
    if (choice.power_reduction < -0.5)
      report_.warnings.push_back("target gain and power in node " + uid +
                                 " are beyond all available amplifiers' capabilities: a power "
                                 "reduction of " +
                                 std::to_string(choice.power_reduction) + " dB is applied");
    return choice;
  }

  Result<double> cached_nf(const EdfaType& t, double gain) {
    return noise_figure_db(t, gain, eq_, coil_models_);
  }

  // Sets one amplifier; returns the delta_p and output VOA the next amplifier of the OMS starts
  // from (GNPy's set_one_amplifier, whose returned VOA is the one before its own VOA setting).
  Result<std::pair<double, double>> set_amplifier(ElementIndex a, ElementIndex prev,
                                                  ElementIndex next, double prev_voa,
                                                  double prev_dp) {
    const bool power_mode = span_.power_mode;
    Element& element = g_.at(a);
    EdfaElement& amp = *element.as<EdfaElement>();
    LM_ASSIGN_OR_RETURN(std::vector<const EdfaType*> candidates, candidate_types(a, prev, next));

    // compute_gain_power_and_tilt_target
    LM_ASSIGN_OR_RETURN(double node_loss, span_loss(prev));
    const double voa = amp.out_voa_db.value_or(0);
    // GNPy v2.12's amplifier has no input VOA (later versions add in_voa to the gain here).
    double dp = 0;
    if (amp.operational_delta_p_db) {
      dp = *amp.operational_delta_p_db;
    } else {
      LM_ASSIGN_OR_RETURN(double target, target_delta_p(next));
      dp = target + voa;
    }
    double gain_target = 0;
    if (!amp.gain_target_db || power_mode) {
      gain_target = node_loss + 0.0 + dp - prev_dp + prev_voa;
    } else {
      gain_target = *amp.gain_target_db;
      dp = prev_dp - (node_loss + 0.0) - prev_voa + gain_target;
    }
    // No SRS tilt is estimated for a single-band line, so an unset tilt target is −0.
    const double tilt = amp.operational_tilt_target_db ? *amp.operational_tilt_target_db : -0.0;
    const double power_target = pref_total_db_ + dp;

    // GNPy's Span default for max_fiber_lineic_loss_for_raman is 0.25 dB/km.
    const bool raman_allowed =
        is_fiber(g_, prev) &&
        g_.at(prev).as<FiberElement>()->params.loss_db_per_km * 1e-3 <
            span_.max_fiber_lineic_loss_for_raman_db_per_km.value_or(0.25) * 1e-3;

    AmplifierDesign record{.uid = element.uid,
                           .type_given = !element.type_variety.empty(),
                           .gain_db = gain_target,
                           .total_power_out_dbm = power_target};
    const EdfaType* type = nullptr;
    if (element.type_variety.empty()) {
      LM_ASSIGN_OR_RETURN(Choice choice, select_type(candidates, raman_allowed, gain_target,
                                                     power_target, element.uid));
      type = choice.type;
      element.type_variety = type->type_variety;
      dp += choice.power_reduction;
      gain_target += choice.power_reduction;
      record.power_reduction_db = choice.power_reduction;
    } else {
      type = candidates.front();
      LM_ASSIGN_OR_RETURN(AmpBounds b, amp_bounds(*type, eq_));
      double reduction = 0;
      if (power_mode) {
        reduction = python_min(0.0, b.p_max - (pref_total_db_ + dp));
      } else {
        const double pout = pref_total_db_ + prev_dp - node_loss - prev_voa + gain_target;
        reduction = python_min(0.0, b.p_max - pout);
      }
      dp += reduction;
      gain_target += reduction;
      record.power_reduction_db = reduction;
      if (gain_target - b.gain_flatmax - span_.target_extended_gain_db > 1e-2)
        report_.warnings.push_back("effective gain in node " + element.uid +
                                   " is above the maximum flat gain of its type " +
                                   type->type_variety + ": required " +
                                   std::to_string(gain_target) + " dB");
      if (gain_target - b.gain_min < 0)
        report_.warnings.push_back("effective gain in node " + element.uid +
                                   " is below the minimum gain of its type " + type->type_variety +
                                   ": required " + std::to_string(gain_target) + " dB");
    }
    std::optional<double> delta_p = power_mode ? std::optional<double>(dp) : std::nullopt;
    double effective_gain = gain_target;

    // set_amplifier_voa: an unset output VOA is optimised only in power mode, for types that
    // allow it, leaving 1 dB of margin.
    if (!amp.out_voa_db) {
      double out_voa = 0;
      if (power_mode && type->out_voa_auto) {
        LM_ASSIGN_OR_RETURN(AmpBounds b, amp_bounds(*type, eq_));
        out_voa = python_min(b.p_max - power_target, b.gain_flatmax - effective_gain);
        out_voa = python_max(gnpy_round_to_step(out_voa, 0.5) - 1, 0.0);
        *delta_p += out_voa;
        effective_gain += out_voa;
      }
      amp.out_voa_db = out_voa;
    }
    amp.delta_p_db = delta_p;
    amp.gain_target_db = effective_gain;
    amp.tilt_target_db = tilt;
    ++report_.amplifiers_set;
    record.type_variety = type->type_variety;
    report_.amplifiers.push_back(std::move(record));
    return std::pair{dp, voa};
  }

  Status set_egress_amplifiers(ElementIndex start) {
    for (ElementIndex oms : g_.successors(start)) {
      if (!in_view(oms) || is_transceiver(g_, oms)) continue;
      LM_ASSIGN_OR_RETURN(auto edges, oms_edges(oms));
      double out_power = pref_ch_db_;
      if (is_transceiver(g_, start)) {
        out_power = si_.tx_power_dbm ? *si_.tx_power_dbm : pref_ch_db_;
      } else {
        LM_ASSIGN_OR_RETURN(out_power, degree_power_dbm(start, g_.at(oms).uid));
      }
      double prev_dp = out_power - pref_ch_db_;
      double dp = prev_dp;
      double prev_voa = 0, voa = 0;
      ElementIndex prev = start;
      for (const auto& [node, next] : edges) {
        if (is_edfa(g_, node)) {
          LM_ASSIGN_OR_RETURN(auto set, set_amplifier(node, prev, next, prev_voa, prev_dp));
          dp = set.first;
          voa = set.second;
        }
        prev_dp = dp;
        prev_voa = voa;
        prev = node;
      }
    }
    return {};
  }

  DesignGraph& g_;
  const Equipment& eq_;
  const SpectralInformation& si_;
  const SpanDefaults& span_;
  const DesignOptions& options_;
  DesignReport& report_;
  std::vector<char> view_;
  std::vector<ElementIndex> members_;
  std::unordered_map<ElementIndex, double> span_loss_cache_;
  CoilModels coil_models_;
  double pref_ch_db_ = 0;
  double pref_total_db_ = 0;
};

}  // namespace

double gnpy_round_to_step(double number, double step) {
  step = python_round(step, 1);
  if (step >= 0.01) {
    number = python_round(number / step, 0);
    return python_round(number * step, 1);
  }
  return python_round(number, 2);
}

int reference_channel_count(const SpectralInformation& si) {
  if (!(si.spacing_hz > 0)) return 0;
  const double from_si = python_floordiv(si.f_max_hz - si.f_min_hz, si.spacing_hz);
  const double cap = python_floordiv(196.0e12 - 191.2e12, si.spacing_hz);
  return saturate<int>(std::min(from_si, cap));
}

std::vector<double> power_sweep_offsets_db(const SpectralInformation& si, bool power_mode) {
  if (!power_mode) return {0.0};
  const auto [start, stop, step] = si.power_range_db;
  const int count = step != 0
                        ? std::min(saturate<int>(std::abs(python_round((stop - start) / step, 0))),
                                   static_cast<int>(limits::kMaxPowerSteps)) +
                              1
                        : 1;
  std::vector<double> offsets;
  offsets.reserve(count);
  // numpy.linspace: start + i·(stop − start)/(count − 1), with the last value exactly stop.
  for (int i = 0; i < count; ++i) {
    if (count == 1) {
      offsets.push_back(start);
    } else if (i == count - 1) {
      offsets.push_back(stop);
    } else {
      offsets.push_back(start + i * ((stop - start) / (count - 1)));
    }
  }
  return offsets;
}

Result<AmplifierBounds> amplifier_bounds(const EdfaType& type, const Equipment& eq) {
  LM_ASSIGN_OR_RETURN(AmpBounds b, amp_bounds(type, eq));
  return AmplifierBounds{
      .gain_min_db = b.gain_min, .gain_flatmax_db = b.gain_flatmax, .p_max_dbm = b.p_max};
}

Result<double> design_noise_figure_db(const EdfaType& type, double gain_db, const Equipment& eq) {
  CoilModels models;
  return noise_figure_db(type, gain_db, eq, models);
}

Result<DesignReport> auto_design(ElementNetwork& net, const Equipment& eq,
                                 const DesignOptions& options) {
  DesignReport report;
  DesignGraph graph(net);
  if (options.insert_edfas) LM_RETURN_IF_ERROR(add_missing_elements(graph, eq.span, report));
  LineDesigner designer(graph, eq, options, report);
  LM_RETURN_IF_ERROR(designer.run());
  graph.finish();
  return report;
}

}  // namespace lightmesh::physics
