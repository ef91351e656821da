#include "workloads/training.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <utility>

#include "workloads/power.h"

namespace lightmesh::workloads {
namespace {

// Rounding in the cost and slowdown sums must not turn a tie into a win or a bound into a miss.
constexpr double kTolerance = 1e-12;

bool within(double slowdown, double max_slowdown) {
  return slowdown <= max_slowdown * (1 + kTolerance);
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// What one candidate site offers the job.
struct SiteOffer {
  SiteIndex site = kNoIndex;
  std::uint32_t tp_groups = 0;  // free TP groups, each inside one NVLink domain
  double usd_per_gpu_h = 0;     // GPU kW × PUE × USD/MWh / 1000
};

// Free TP groups of `model` at a site: each NVLink domain of a pool holds ⌊domain/tp⌋ groups.
// Free GPUs are assumed to fill whole domains, the last one partly.
std::uint32_t free_tp_groups(const Compute& compute, const std::string& model, std::uint32_t tp) {
  std::uint32_t groups = 0;
  for (const GpuPool& pool : compute.gpus) {
    if (pool.model != model || pool.nvlink_domain < tp || pool.nvlink_domain == 0) continue;
    groups += (pool.count / pool.nvlink_domain) * (pool.nvlink_domain / tp) +
              (pool.count % pool.nvlink_domain) / tp;
  }
  return groups;
}

struct Candidate {
  TrainingLayout layout = TrainingLayout::kSingleSite;
  std::vector<SiteIndex> order;     // ring or chain order
  std::vector<std::uint32_t> gpus;  // per site, same order
  double energy_usd_h = 0;          // at slowdown 1
  double gbps = 0;                  // per inter-site link
  StepPrediction prediction;
  bool feasible = false;

  double cost() const { return energy_usd_h * prediction.slowdown(); }
  std::vector<SiteIndex> site_set() const {
    std::vector<SiteIndex> s = order;
    std::sort(s.begin(), s.end());
    return s;
  }
};

// Deterministic order of candidates: cost, then slowdown, then fewer sites, then site order.
bool better(const Candidate& a, const Candidate& b) {
  const double ca = a.cost(), cb = b.cost();
  const double scale = std::max({std::abs(ca), std::abs(cb), 1e-300});
  if (std::abs(ca - cb) > kTolerance * scale) return ca < cb;
  if (a.prediction.slowdown() != b.prediction.slowdown()) {
    return a.prediction.slowdown() < b.prediction.slowdown();
  }
  if (a.order.size() != b.order.size()) return a.order.size() < b.order.size();
  if (a.order != b.order) return a.order < b.order;
  return static_cast<int>(a.layout) < static_cast<int>(b.layout);
}

// Site pairs a layout joins: a ring over the sites (one link for two) or a chain.
std::vector<std::pair<SiteIndex, SiteIndex>> link_pairs(TrainingLayout layout,
                                                        const std::vector<SiteIndex>& order) {
  std::vector<std::pair<SiteIndex, SiteIndex>> pairs;
  if (order.size() < 2) return pairs;
  for (std::size_t i = 0; i + 1 < order.size(); ++i) pairs.emplace_back(order[i], order[i + 1]);
  if (layout == TrainingLayout::kReplicasAcrossSites && order.size() >= 3) {
    pairs.emplace_back(order.back(), order.front());
  }
  return pairs;
}

StepPrediction predict_layout(const TrainingJob& job, TrainingLayout layout, std::size_t sites,
                              std::span<const LinkFigure> links) {
  switch (layout) {
    case TrainingLayout::kSingleSite:
      return predict_single_site(job);
    case TrainingLayout::kReplicasAcrossSites:
      return predict_replicas_across_sites(job, static_cast<std::uint32_t>(sites), links);
    case TrainingLayout::kStagesAcrossSites:
      return predict_stages_across_sites(job, links);
  }
  return predict_single_site(job);
}

std::string layout_purpose(TrainingLayout layout, const TrainingJob& job,
                           const std::vector<std::uint32_t>& gpus, std::size_t link) {
  if (layout == TrainingLayout::kReplicasAcrossSites) {
    return job.diloco ? "diloco outer all-reduce" : "dp all-reduce";
  }
  // The boundary after the stages of the first link + 1 sites.
  std::uint32_t stages = 0;
  for (std::size_t i = 0; i <= link; ++i) stages += gpus[i] / (job.tp * job.dp);
  return "pipeline stage " + std::to_string(stages) + "→" + std::to_string(stages + 1);
}

nlohmann::ordered_json prediction_json(const Network& net, const TrainingJob& job,
                                       TrainingLayout layout, const StepPrediction& p,
                                       const std::vector<SiteIndex>& order,
                                       std::span<const LinkFigure> figures) {
  nlohmann::ordered_json j;
  j["step_s"] = p.step_s;
  j["single_site_step_s"] = p.single_site_step_s();
  j["slowdown"] = p.slowdown();
  j["strategy"] = training_layout_name(layout);
  j["sync"] = job.diloco ? "diloco" : "dp";
  if (job.diloco) j["diloco_h"] = job.diloco_h;
  j["compute_s"] = p.compute_s;
  j["exposed_comm_s"] = p.exposed_comm_s();
  j["dp_allreduce_s"] = p.dp_allreduce_s;
  j["pipeline_s"] = p.pipeline_s;
  j["compute_utilisation"] = 1 / p.slowdown();
  nlohmann::ordered_json links = nlohmann::ordered_json::array();
  const auto pairs = link_pairs(layout, order);
  const double bytes = link_bytes_per_step(job, layout, static_cast<std::uint32_t>(order.size()));
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    links.push_back({{"a", net.site(pairs[i].first).id},
                     {"b", net.site(pairs[i].second).id},
                     {"alpha_us", figures[i].one_way_us},
                     {"gbps", figures[i].gbps},
                     {"bytes_per_step", bytes}});
  }
  j["links"] = std::move(links);
  return j;
}

// The search: every candidate it evaluates goes through evaluate(), which sizes the links and
// keeps the best feasible candidates (distinct site sets) and the cheapest too-slow ones.
class TrainingSearch {
 public:
  TrainingSearch(const TrainingJob& job, const SiteMatrix& latency, std::vector<SiteOffer> offers)
      : job_(job), latency_(latency), offers_(std::move(offers)) {}

  void run() {
    for (std::size_t i = 0; i < offers_.size(); ++i) single_site(i);
    if (offers_.size() <= 8) {
      exact();
    } else {
      around_every_site();
    }
  }

  const std::vector<Candidate>& best() const { return best_; }
  const std::vector<Candidate>& too_slow() const { return too_slow_; }
  bool any_fits() const { return any_fits_; }
  double fastest_slowdown() const { return fastest_slowdown_; }

 private:
  static constexpr std::size_t kKeepBest = 4;     // the winner and three runners-up
  static constexpr std::size_t kKeepTooSlow = 2;  // cheaper ones that missed max_slowdown

  // A site set is a list of offer positions, ascending (so cheapest per GPU first).
  using OfferSet = std::vector<std::size_t>;

  bool mutually_reachable(const OfferSet& set) const {
    for (std::size_t i = 0; i < set.size(); ++i) {
      for (std::size_t k = i + 1; k < set.size(); ++k) {
        if (!latency_.reachable(offers_[set[i]].site, offers_[set[k]].site)) return false;
      }
    }
    return true;
  }

  // The prune bound: a candidate whose energy alone exceeds it cannot enter best_.
  double bound() const {
    if (best_.size() < kKeepBest) return std::numeric_limits<double>::infinity();
    return best_.back().cost();
  }

  void single_site(std::size_t i) {
    const SiteOffer& o = offers_[i];
    if (std::uint64_t{o.tp_groups} * job_.tp < job_.gpus) return;
    any_fits_ = true;
    Candidate c;
    c.layout = TrainingLayout::kSingleSite;
    c.order = {o.site};
    c.gpus = {job_.gpus};
    c.energy_usd_h = job_.gpus * o.usd_per_gpu_h;
    c.prediction = predict_single_site(job_);
    c.feasible = true;
    keep(std::move(c));
  }

  // Units of a layout: a replica (tp·pp GPUs) or a stage of every replica (tp·dp GPUs).
  std::uint32_t unit_gpus(TrainingLayout layout) const {
    return layout == TrainingLayout::kReplicasAcrossSites ? job_.tp * job_.pp : job_.tp * job_.dp;
  }
  std::uint32_t units_needed(TrainingLayout layout) const {
    return layout == TrainingLayout::kReplicasAcrossSites ? job_.dp : job_.pp;
  }
  std::uint32_t units_at(TrainingLayout layout, std::size_t offer) const {
    return offers_[offer].tp_groups / (unit_gpus(layout) / job_.tp);
  }

  // The cheapest split of a layout's units over `set` (one at least at each site, the rest to
  // the cheapest sites first): exact, since the slowdown does not depend on the split. Units
  // per offer position in `units`; false when the set cannot hold the job this way.
  bool cheapest_split(TrainingLayout layout, const OfferSet& set, std::vector<std::uint32_t>& units,
                      double& energy) {
    const std::uint32_t needed = units_needed(layout);
    if (set.size() > needed) return false;
    units.assign(set.size(), 1);
    std::uint32_t left = needed - static_cast<std::uint32_t>(set.size());
    for (std::size_t i = 0; i < set.size(); ++i) {
      const std::uint32_t cap = units_at(layout, set[i]);
      if (cap == 0) return false;
      const std::uint32_t more = std::min(left, cap - 1);
      units[i] += more;
      left -= more;
    }
    if (left > 0) return false;
    any_fits_ = true;
    energy = 0;
    for (std::size_t i = 0; i < set.size(); ++i) {
      energy += static_cast<double>(units[i]) * unit_gpus(layout) * offers_[set[i]].usd_per_gpu_h;
    }
    return true;
  }

  // Evaluates the set in the order given by `perm` (positions into set/units).
  void evaluate(TrainingLayout layout, const OfferSet& set, const std::vector<std::uint32_t>& units,
                double energy, const std::vector<std::size_t>& perm) {
    Candidate c;
    c.layout = layout;
    c.energy_usd_h = energy;
    for (std::size_t p : perm) {
      c.order.push_back(offers_[set[p]].site);
      c.gpus.push_back(units[p] * unit_gpus(layout));
    }
    const auto pairs = link_pairs(layout, c.order);
    figures_.resize(pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      figures_[i].one_way_us = latency_.one_way_us(pairs[i].first, pairs[i].second);
    }
    auto at = [&](double gbps) {
      for (LinkFigure& f : figures_) f.gbps = gbps;
      return predict_layout(job_, layout, c.order.size(), figures_);
    };
    if (job_.link_gbps) {
      c.gbps = *job_.link_gbps;
      c.prediction = at(c.gbps);
    } else {
      // Slowdown never rises with capacity, so the least n that meets the bound is a bisection.
      std::uint32_t lo = 1, hi = kMaxWavelengthsPerLink;
      c.prediction = at(hi * kWavelengthGbps);
      if (within(c.prediction.slowdown(), job_.max_slowdown)) {
        while (lo < hi) {
          const std::uint32_t mid = (lo + hi) / 2;
          if (within(at(mid * kWavelengthGbps).slowdown(), job_.max_slowdown)) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        c.prediction = at(hi * kWavelengthGbps);
      }
      c.gbps = hi * kWavelengthGbps;
    }
    c.feasible = within(c.prediction.slowdown(), job_.max_slowdown);
    fastest_slowdown_ = std::min(fastest_slowdown_, c.prediction.slowdown());
    keep(std::move(c));
  }

  void keep(Candidate c) {
    std::vector<Candidate>& list = c.feasible ? best_ : too_slow_;
    const std::size_t limit = c.feasible ? kKeepBest : kKeepTooSlow;
    const auto set = c.site_set();
    for (auto it = list.begin(); it != list.end(); ++it) {
      if (it->layout == c.layout && it->site_set() == set) {
        if (!better(c, *it)) return;
        list.erase(it);
        break;
      }
    }
    auto pos =
        std::find_if(list.begin(), list.end(), [&](const Candidate& k) { return better(c, k); });
    list.insert(pos, std::move(c));
    if (list.size() > limit) list.pop_back();
  }

  // Every order of a set that is different for the layout: rings with the first site fixed and
  // one of each mirror pair; chains with one of each mirror pair.
  void every_order(TrainingLayout layout, const OfferSet& set,
                   const std::vector<std::uint32_t>& units, double energy) {
    std::vector<std::size_t> perm(set.size());
    std::iota(perm.begin(), perm.end(), 0);
    const bool ring = layout == TrainingLayout::kReplicasAcrossSites;
    do {
      if (ring && perm[0] != 0) break;  // permutations are ascending: the rest start elsewhere
      if (set.size() >= 3) {
        if (ring && perm[1] > perm.back()) continue;
        if (!ring && perm.front() > perm.back()) continue;
      } else if (perm.front() > perm.back()) {
        continue;
      }
      evaluate(layout, set, units, energy, perm);
    } while (std::next_permutation(perm.begin(), perm.end()));
  }

  // One good order: nearest neighbour from the first site of the set.
  std::vector<std::size_t> nearest_neighbour_order(const OfferSet& set) const {
    std::vector<std::size_t> perm{0};
    std::vector<bool> used(set.size(), false);
    used[0] = true;
    while (perm.size() < set.size()) {
      const SiteIndex from = offers_[set[perm.back()]].site;
      std::size_t next = set.size();
      for (std::size_t i = 0; i < set.size(); ++i) {
        if (used[i]) continue;
        if (next == set.size() || latency_.one_way_us(from, offers_[set[i]].site) <
                                      latency_.one_way_us(from, offers_[set[next]].site)) {
          next = i;
        }
      }
      used[next] = true;
      perm.push_back(next);
    }
    return perm;
  }

  void try_set(const OfferSet& set, bool every) {
    if (set.size() < 2 || !mutually_reachable(set)) return;
    for (TrainingLayout layout :
         {TrainingLayout::kReplicasAcrossSites, TrainingLayout::kStagesAcrossSites}) {
      std::vector<std::uint32_t> units;
      double energy = 0;
      if (!cheapest_split(layout, set, units, energy)) continue;
      // Slowdown is at least 1: a set whose energy alone loses to what is kept cannot win, and
      // a too-slow candidate is only worth listing when it would have been cheaper.
      if (energy > bound() * (1 + kTolerance)) continue;
      if (every) {
        every_order(layout, set, units, energy);
      } else {
        evaluate(layout, set, units, energy, nearest_neighbour_order(set));
      }
    }
  }

  void exact() {
    const std::size_t n = offers_.size();
    for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
      OfferSet set;
      for (std::size_t i = 0; i < n; ++i) {
        if (mask & (1u << i)) set.push_back(i);
      }
      try_set(set, true);
    }
  }

  // Beyond eight sites: from every site, the sets formed by adding its nearest candidates one by
  // one (small sets in every order, larger ones in nearest-neighbour order), until the set is
  // three sites past the first that can hold the job.
  void around_every_site() {
    const std::size_t n = offers_.size();
    std::vector<std::size_t> others;
    for (std::size_t seed = 0; seed < n; ++seed) {
      const SiteIndex from = offers_[seed].site;
      others.clear();
      for (std::size_t i = 0; i < n; ++i) {
        if (i != seed && latency_.reachable(from, offers_[i].site)) others.push_back(i);
      }
      std::sort(others.begin(), others.end(), [&](std::size_t a, std::size_t b) {
        const double la = latency_.one_way_us(from, offers_[a].site);
        const double lb = latency_.one_way_us(from, offers_[b].site);
        if (la != lb) return la < lb;
        return a < b;
      });
      std::vector<std::size_t> grown{seed};
      std::uint64_t groups = offers_[seed].tp_groups;
      std::size_t past_enough = 0;
      for (std::size_t next : others) {
        grown.push_back(next);
        groups += offers_[next].tp_groups;
        OfferSet set = grown;
        std::sort(set.begin(), set.end());
        try_set(set, set.size() <= 4);
        if (groups * job_.tp >= job_.gpus && ++past_enough > 3) break;
      }
    }
  }

  const TrainingJob& job_;
  const SiteMatrix& latency_;
  std::vector<SiteOffer> offers_;
  std::vector<Candidate> best_;
  std::vector<Candidate> too_slow_;
  std::vector<LinkFigure> figures_;
  bool any_fits_ = false;
  double fastest_slowdown_ = std::numeric_limits<double>::infinity();
};

std::vector<SiteShare> shares_of(const Candidate& c, const std::string& model) {
  std::vector<SiteShare> shares;
  for (std::size_t i = 0; i < c.order.size(); ++i) {
    SiteShare s;
    s.site = c.order[i];
    s.gpu_model = model;
    s.gpus = c.gpus[i];
    s.role = "training";
    shares.push_back(std::move(s));
  }
  return shares;
}

nlohmann::ordered_json candidate_json(const Network& net, const TrainingJob& job,
                                      const SiteMatrix& latency, const Candidate& c) {
  const auto pairs = link_pairs(c.layout, c.order);
  std::vector<LinkFigure> figures;
  for (const auto& [a, b] : pairs) figures.push_back({latency.one_way_us(a, b), c.gbps});
  return prediction_json(net, job, c.layout, c.prediction, c.order, figures);
}

std::string percent_more(double cost, double winner) {
  if (winner <= 0) return cost <= 0 ? "costs the same" : "costs more";
  const double pct = (cost / winner - 1) * 100;
  if (pct < 0.05) return "costs the same, ranked after on slowdown";
  return "costs " + fixed(pct, pct < 10 ? 1 : 0) + " % more";
}

}  // namespace

Result<Choice> choose_training(const Network& net, const SiteMatrix& latency,
                               const FreeCompute& free, const TrainingSpec& spec) {
  LM_ASSIGN_OR_RETURN(const TrainingJob job, training_job(net, spec));

  std::vector<SiteOffer> offers;
  std::uint64_t free_in_groups = 0;
  for (SiteIndex s = 0; s < net.sites().size() && s < free.sites.size(); ++s) {
    if (s >= latency.size()) break;
    const std::uint32_t groups = free_tp_groups(free.sites[s], spec.gpu_model, spec.tp);
    if (groups == 0) continue;
    const Site& site = net.site(s);
    SiteOffer o;
    o.site = s;
    o.tp_groups = groups;
    o.usd_per_gpu_h = energy_usd_per_hour(site, job.gpu_power_kw);
    offers.push_back(o);
    free_in_groups += std::uint64_t{groups} * spec.tp;
  }
  std::sort(offers.begin(), offers.end(), [](const SiteOffer& a, const SiteOffer& b) {
    if (a.usd_per_gpu_h != b.usd_per_gpu_h) return a.usd_per_gpu_h < b.usd_per_gpu_h;
    return a.site < b.site;
  });

  Choice choice;
  TrainingSearch search(job, latency, offers);
  if (free_in_groups >= job.gpus) search.run();
  if (!search.any_fits()) {
    choice.refusal =
        Refusal{"NO_CAPACITY", "gpus",
                std::to_string(spec.gpus) + " " + spec.gpu_model + " GPUs wanted; " +
                    std::to_string(free_in_groups) + " are free in whole TP groups of " +
                    std::to_string(spec.tp) +
                    (free_in_groups >= job.gpus
                         ? ", but not in whole replicas or stages at sites that reach each other"
                         : "")};
    return choice;
  }
  if (search.best().empty()) {
    choice.refusal =
        Refusal{"SLOWDOWN", "max_slowdown",
                "the fastest placement found runs at " + fixed(search.fastest_slowdown(), 3) +
                    "× a single site (max_slowdown " + fixed(job.max_slowdown, 3) + ")"};
    return choice;
  }

  const Candidate& winner = search.best().front();
  choice.sites = shares_of(winner, spec.gpu_model);
  const auto pairs = link_pairs(winner.layout, winner.order);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    LinkNeed need;
    need.a = pairs[i].first;
    need.b = pairs[i].second;
    need.gbps = winner.gbps;
    need.purpose = layout_purpose(winner.layout, job, winner.gpus, i);
    choice.links.push_back(std::move(need));
  }
  choice.prediction = candidate_json(net, job, latency, winner);
  choice.cost_usd_h = winner.cost();

  std::vector<std::pair<const Candidate*, std::string>> lost;
  for (const Candidate& c : search.too_slow()) {
    if (c.energy_usd_h >= winner.cost()) continue;  // would not have been cheaper anyway
    lost.emplace_back(&c, "slowdown " + fixed(c.prediction.slowdown(), 3) + " > max_slowdown " +
                              fixed(job.max_slowdown, 3));
  }
  for (std::size_t i = 1; i < search.best().size(); ++i) {
    const Candidate& c = search.best()[i];
    lost.emplace_back(&c, percent_more(c.cost(), winner.cost()));
  }
  for (std::size_t i = 0; i < lost.size() && i < 4; ++i) {
    const Candidate& c = *lost[i].first;
    Alternative alt;
    alt.sites = shares_of(c, spec.gpu_model);
    alt.cost_usd_h = c.cost();
    alt.detail = {{"strategy", training_layout_name(c.layout)},
                  {"slowdown", c.prediction.slowdown()},
                  {"step_s", c.prediction.step_s},
                  {"gbps", c.gbps}};
    alt.why = lost[i].second;
    choice.alternatives.push_back(std::move(alt));
  }
  return choice;
}

Result<nlohmann::ordered_json> predict_training(
    const Network& net, const TrainingSpec& spec, const std::vector<SiteShare>& sites,
    const std::function<std::optional<LinkFigure>(SiteIndex, SiteIndex)>& link) {
  LM_ASSIGN_OR_RETURN(const TrainingJob job, training_job(net, spec));
  if (sites.empty()) return Error::invalid("a placement needs at least one site");
  std::vector<SiteIndex> order;
  std::vector<std::uint32_t> gpus;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const SiteShare& s = sites[i];
    const std::string place = "/placement/sites/" + std::to_string(i);
    if (s.site >= net.sites().size()) return Error::invalid("unknown site").at_place(place);
    const Site& site = net.site(s.site);
    if (s.gpu_model != spec.gpu_model) {
      return Error::invalid("GPU model \"" + s.gpu_model + "\" is not the job's \"" +
                            spec.gpu_model + "\"")
          .at_place(place);
    }
    if (s.gpus == 0 || s.gpus % spec.tp != 0) {
      return Error::invalid(std::to_string(s.gpus) + " GPUs at " + site.id +
                            " are not whole TP groups of " + std::to_string(spec.tp))
          .at_place(place);
    }
    bool domain_fits = false;
    if (site.compute) {
      for (const GpuPool& pool : site.compute->gpus) {
        domain_fits =
            domain_fits || (pool.model == spec.gpu_model && pool.nvlink_domain >= spec.tp);
      }
    }
    if (!domain_fits) {
      return Error::invalid(site.id + " has no NVLink domain of " + spec.gpu_model +
                            " that holds a TP group of " + std::to_string(spec.tp))
          .at_place(place);
    }
    if (std::find(order.begin(), order.end(), s.site) != order.end()) {
      return Error::invalid(site.id + " appears twice").at_place(place);
    }
    order.push_back(s.site);
    gpus.push_back(s.gpus);
    total += s.gpus;
  }
  if (total != spec.gpus) {
    return Error::invalid("the sites hold " + std::to_string(total) + " GPUs, the job " +
                          std::to_string(spec.gpus))
        .at_place("/placement/sites");
  }
  if (order.size() == 1) {
    return prediction_json(net, job, TrainingLayout::kSingleSite, predict_single_site(job), order,
                           {});
  }

  struct Fit {
    TrainingLayout layout;
    StepPrediction prediction;
    std::vector<LinkFigure> figures;
  };
  std::optional<Fit> best;
  for (TrainingLayout layout :
       {TrainingLayout::kReplicasAcrossSites, TrainingLayout::kStagesAcrossSites}) {
    const bool replicas = layout == TrainingLayout::kReplicasAcrossSites;
    const std::uint32_t unit = replicas ? job.tp * job.pp : job.tp * job.dp;
    const std::uint32_t units = replicas ? job.dp : job.pp;
    if (order.size() > units) continue;
    if (!std::all_of(gpus.begin(), gpus.end(), [&](std::uint32_t g) { return g % unit == 0; })) {
      continue;
    }
    std::vector<LinkFigure> figures;
    bool complete = true;
    for (const auto& [a, b] : link_pairs(layout, order)) {
      std::optional<LinkFigure> f = link(a, b);
      if (!f) f = link(b, a);
      if (!f || !(f->gbps > 0) || !(f->one_way_us >= 0)) {
        complete = false;
        break;
      }
      figures.push_back(*f);
    }
    if (!complete) continue;
    const StepPrediction p = predict_layout(job, layout, order.size(), figures);
    if (!best || p.step_s < best->prediction.step_s) best = Fit{layout, p, std::move(figures)};
  }
  if (!best) {
    return Error::invalid(
               "the sites hold neither whole replicas (tp × pp GPUs) joined in a ring nor whole "
               "pipeline stages (tp × dp GPUs) joined in a chain, each link with a figure")
        .at_place("/placement/sites");
  }
  return prediction_json(net, job, best->layout, best->prediction, order, best->figures);
}

}  // namespace lightmesh::workloads
