#include "workloads/cluster.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>

#include "core/bounded.h"
#include "workloads/power.h"

namespace lightmesh::workloads {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kRoles = 3;  // gpu, cpu, storage
constexpr const char* kRoleNames[kRoles] = {"gpu", "cpu", "storage"};
constexpr const char* kAmountRules[kRoles] = {"gpus", "cores", "tb"};
constexpr const char* kAmountPlaces[kRoles] = {"/roles/gpu/gpus", "/roles/cpu/cores",
                                               "/roles/storage/tb"};
constexpr std::size_t kKept = 4;  // the best placement and the runners-up shown as alternatives

Error invalid_at(std::string place, std::string message) {
  return Error::invalid(std::move(message)).at_place(std::move(place));
}

int role_of(const std::string& name) {
  for (int r = 0; r < kRoles; ++r)
    if (name == kRoleNames[r]) return r;
  return -1;
}

// Free capacity of one role at one site (for GPUs: of one model).
struct Unit {
  SiteIndex site = kNoIndex;
  double capacity = 0;
  double unit_cost = 0;  // USD per hour per GPU, core or TB
};

struct Edge {
  int a = 0, b = 0;
  double max_rtt_us = 0;
  double min_gbps = 0;
};

struct Fragment {
  int role = 0;
  SiteIndex site = kNoIndex;
  double amount = 0;
};

struct Placement {
  std::vector<Fragment> fragments;
  double cost = 0;
  std::size_t links = 0;  // distinct site pairs over all edges
  double rtt_sum = 0;
};

bool before(const Placement& x, const Placement& y) {
  auto sites = [](const Placement& p) {
    std::vector<SiteIndex> s;
    for (const Fragment& f : p.fragments) s.push_back(f.site);
    return s;
  };
  return std::make_tuple(x.cost, x.links, x.rtt_sum, sites(x)) <
         std::make_tuple(y.cost, y.links, y.rtt_sum, sites(y));
}

// One instance of the search: the roles wanted, their candidate units (for GPUs, of one model)
// sorted by unit cost, and the edges.
class Search {
 public:
  Search(const SiteMatrix& latency, std::vector<int> roles, const double* amount,
         std::vector<Edge> edges)
      : latency_(latency), roles_(std::move(roles)), edges_(std::move(edges)) {
    std::copy(amount, amount + kRoles, amount_);
  }

  void set_units(int role, std::vector<Unit> units) {
    std::sort(units.begin(), units.end(), [](const Unit& x, const Unit& y) {
      return std::tie(x.unit_cost, x.site) < std::tie(y.unit_cost, y.site);
    });
    units_[role] = std::move(units);
  }

  // Whether sites x (role ra) and y (role rb) meet every edge between the two roles.
  bool compatible(int ra, SiteIndex x, int rb, SiteIndex y) const {
    if (x == y) return true;
    for (const Edge& e : edges_) {
      if (!((e.a == ra && e.b == rb) || (e.a == rb && e.b == ra))) continue;
      if (!latency_.reachable(x, y) || latency_.rtt_us(x, y) > e.max_rtt_us) return false;
    }
    return true;
  }

  // Links and summed RTT of a complete placement, for tie-breaking and the output.
  void score(Placement& p) const {
    p.links = 0;
    p.rtt_sum = 0;
    for (const Edge& e : edges_) {
      std::set<std::pair<SiteIndex, SiteIndex>> pairs;
      for (const Fragment& fa : p.fragments) {
        if (fa.role != e.a) continue;
        for (const Fragment& fb : p.fragments) {
          if (fb.role != e.b || fa.site == fb.site) continue;
          if (pairs.insert({fa.site, fb.site}).second)
            p.rtt_sum += latency_.rtt_us(fa.site, fb.site);
        }
      }
      p.links += pairs.size();
    }
  }

  // One site per role: the kKept best placements, best first.
  std::vector<Placement> single_sites() {
    kept_.clear();
    eligible_.assign(kRoles, {});
    for (int r : roles_)
      for (const Unit& u : units_[r])
        if (u.capacity >= amount_[r]) eligible_[r].push_back(u);
    rest_.assign(roles_.size() + 1, 0);
    for (std::size_t d = roles_.size(); d-- > 0;) {
      const int r = roles_[d];
      if (eligible_[r].empty()) return {};
      rest_[d] = rest_[d + 1] + amount_[r] * eligible_[r].front().unit_cost;
    }
    pick_.clear();
    single_step(0, 0);
    return kept_;
  }

  // Roles may spread over several sites: the best placement, if any.
  std::optional<Placement> split() {
    best_.reset();
    // Cheapest unconstrained cost of each role, summed from position d on, for the lower bound.
    rest_.assign(roles_.size() + 1, 0);
    for (std::size_t d = roles_.size(); d-- > 0;) {
      const double fill = cheapest_fill(roles_[d], 0, amount_[roles_[d]]);
      if (fill == kInf) return std::nullopt;
      rest_[d] = rest_[d + 1] + fill;
    }
    fragments_.clear();
    // A greedy placement first gives the branch and bound a cost to beat, so it prunes from the
    // start; the step budget keeps a search whose bound cannot prune (many small sites, tight
    // edges) from running for minutes. Past it, the best placement found so far is returned.
    greedy();
    steps_ = 0;
    exhausted_ = false;
    split_step(0, 0, amount_[roles_[0]], 0);
    return best_;
  }
  // Whether the last split() stopped at its step budget: its answer is then the best found, not
  // proven the cheapest.
  bool exhausted() const { return exhausted_; }
  static constexpr std::uint64_t kStepBudget = 2'000'000;

 private:
  void single_step(std::size_t depth, double cost) {
    if (depth == roles_.size()) {
      Placement p{.fragments = {}, .cost = cost};
      for (std::size_t d = 0; d < roles_.size(); ++d)
        p.fragments.push_back({roles_[d], pick_[d], amount_[roles_[d]]});
      score(p);
      offer(std::move(p));
      return;
    }
    const int r = roles_[depth];
    for (const Unit& u : eligible_[r]) {
      const double c = cost + amount_[r] * u.unit_cost;
      // Units are sorted by cost: once even the cheapest rest cannot enter the kept list, no
      // later unit can either.
      if (kept_.size() == kKept && c + rest_[depth + 1] > kept_.back().cost) break;
      bool ok = true;
      for (std::size_t d = 0; d < depth && ok; ++d) ok = compatible(roles_[d], pick_[d], r, u.site);
      if (!ok) continue;
      pick_.push_back(u.site);
      single_step(depth + 1, c);
      pick_.pop_back();
    }
  }

  void offer(Placement p) {
    if (kept_.size() == kKept && !before(p, kept_.back())) return;
    kept_.insert(std::upper_bound(kept_.begin(), kept_.end(), p, before), std::move(p));
    if (kept_.size() > kKept) kept_.pop_back();
  }

  // Cheapest cost of `remaining` of role r from units [from, end), ignoring edges; +inf if they
  // cannot hold it.
  double cheapest_fill(int r, std::size_t from, double remaining) const {
    double cost = 0;
    for (std::size_t i = from; i < units_[r].size() && remaining > 0; ++i) {
      const double take = std::min(units_[r][i].capacity, remaining);
      cost += take * units_[r][i].unit_cost;
      remaining -= take;
    }
    return remaining > 0 ? kInf : cost;
  }

  // Fills each role in turn from its cheapest units that meet every edge to what is taken already.
  void greedy() {
    fragments_.clear();
    double cost = 0;
    for (int r : roles_) {
      double remaining = amount_[r];
      for (const Unit& u : units_[r]) {
        if (remaining <= 0) break;
        bool ok = u.capacity > 0;
        for (const Fragment& f : fragments_) ok = ok && compatible(f.role, f.site, r, u.site);
        if (!ok) continue;
        const double take = std::min(u.capacity, remaining);
        fragments_.push_back({r, u.site, take});
        cost += take * u.unit_cost;
        remaining -= take;
      }
      if (remaining > 0) {
        fragments_.clear();
        return;
      }
    }
    Placement p{.fragments = fragments_, .cost = cost};
    score(p);
    best_ = std::move(p);
    fragments_.clear();
  }

  void split_step(std::size_t depth, std::size_t next, double remaining, double cost) {
    if (++steps_ > kStepBudget) {
      exhausted_ = true;
      return;
    }
    const int r = roles_[depth];
    if (remaining <= 0) {
      if (depth + 1 == roles_.size()) {
        Placement p{.fragments = fragments_, .cost = cost};
        score(p);
        if (!best_ || p.cost < best_->cost || (p.cost == best_->cost && before(p, *best_)))
          best_ = std::move(p);
        return;
      }
      split_step(depth + 1, 0, amount_[roles_[depth + 1]], cost);
      return;
    }
    if (next >= units_[r].size()) return;
    const double bound = cost + cheapest_fill(r, next, remaining) + rest_[depth + 1];
    if (bound == kInf) return;
    // Only a strictly cheaper placement can replace the best one found (ties keep the first, which
    // the take-before-skip order makes the one with the fewest fragments).
    if (best_ && bound >= best_->cost * (1 - 1e-12)) return;
    const Unit& u = units_[r][next];
    bool ok = u.capacity > 0;
    for (const Fragment& f : fragments_) {
      if (!ok) break;
      ok = compatible(f.role, f.site, r, u.site);
    }
    if (ok) {
      const double take = std::min(u.capacity, remaining);
      fragments_.push_back({r, u.site, take});
      split_step(depth, next + 1, remaining - take, cost + take * u.unit_cost);
      fragments_.pop_back();
    }
    split_step(depth, next + 1, remaining, cost);
  }

  const SiteMatrix& latency_;
  std::vector<int> roles_;
  double amount_[kRoles] = {0, 0, 0};
  std::vector<Edge> edges_;
  std::vector<Unit> units_[kRoles];
  std::vector<std::vector<Unit>> eligible_;
  std::vector<double> rest_;
  std::vector<SiteIndex> pick_;
  std::vector<Placement> kept_;
  std::vector<Fragment> fragments_;
  std::optional<Placement> best_;
  std::uint64_t steps_ = 0;
  bool exhausted_ = false;
};

Status check_document(const Network& net, const ClusterSpec& spec, const double* amount) {
  const ClusterRoles& roles = spec.roles;
  if (roles.gpus == 0 && roles.cores == 0 && !(roles.storage_tb > 0))
    return invalid_at("/roles", "no role requested (expected gpu, cpu or storage with an amount)");
  if (!std::isfinite(roles.storage_tb) || roles.storage_tb < 0)
    return invalid_at("/roles/storage/tb", "expected a non-negative number of TB");
  for (std::size_t i = 0; i < spec.edges.size(); ++i) {
    const ClusterEdge& e = spec.edges[i];
    const std::string at = "/edges/" + std::to_string(i);
    for (const auto& [end, name] : {std::pair{"/a", e.a}, std::pair{"/b", e.b}}) {
      const int r = role_of(name);
      if (r < 0)
        return invalid_at(at + end,
                          fmt::format("unknown role \"{}\" (expected gpu, cpu or storage)", name));
      if (!(amount[r] > 0))
        return invalid_at(at + end, fmt::format("role \"{}\" is not requested in /roles", name));
    }
    if (e.a == e.b)
      return invalid_at(at + "/b", fmt::format("an edge joins two different roles, not \"{}\" "
                                               "with itself",
                                               e.a));
    if (!(e.max_rtt_us > 0) || !std::isfinite(e.max_rtt_us))
      return invalid_at(at + "/max_rtt_us", "expected a positive RTT bound in µs");
    if (!(e.min_gbps >= 0) || !std::isfinite(e.min_gbps))
      return invalid_at(at + "/min_gbps", "expected a non-negative bandwidth in Gbps");
  }
  double total[kRoles] = {0, 0, 0};
  std::set<std::string> models;
  for (const Site& s : net.sites()) {
    if (!s.compute) continue;
    for (const GpuPool& p : s.compute->gpus) {
      models.insert(p.model);
      if (roles.gpu_model.empty() || p.model == roles.gpu_model) total[0] += p.count;
    }
    total[1] += s.compute->cpu_cores;
    total[2] += s.compute->storage_tb;
  }
  if (roles.gpus > 0 && !roles.gpu_model.empty() && !models.count(roles.gpu_model)) {
    return invalid_at(
        "/roles/gpu/gpu_model",
        fmt::format("no site has GPUs of model \"{}\" (the network has: {})", roles.gpu_model,
                    models.empty() ? "none" : fmt::format("{}", fmt::join(models, ", "))));
  }
  const char* units[kRoles] = {"GPUs", "cores", "TB"};
  for (int r = 0; r < kRoles; ++r) {
    if (amount[r] > total[r])
      return invalid_at(kAmountPlaces[r],
                        fmt::format("{:g} {} requested, the whole network has {:g}", amount[r],
                                    units[r], total[r]));
  }
  return Status::ok();
}

}  // namespace

Result<Choice> choose_cluster(const Network& net, const SiteMatrix& latency,
                              const FreeCompute& free, const ClusterSpec& spec) {
  if (latency.size() != net.sites().size())
    return Error::internal("site latency matrix does not match the network");
  const double amount[kRoles] = {static_cast<double>(spec.roles.gpus),
                                 static_cast<double>(spec.roles.cores), spec.roles.storage_tb};
  LM_RETURN_IF_ERROR(check_document(net, spec, amount));

  std::vector<int> roles;
  for (int r = 0; r < kRoles; ++r)
    if (amount[r] > 0) roles.push_back(r);
  std::vector<Edge> edges;
  for (const ClusterEdge& e : spec.edges)
    edges.push_back({role_of(e.a), role_of(e.b), e.max_rtt_us, e.min_gbps});

  const std::size_t n = net.sites().size();
  auto site_compute = [&](SiteIndex s) -> const Compute* {
    return s < free.sites.size() ? &free.sites[s] : nullptr;
  };
  // Every GPU of the cluster is one model: each candidate model is searched on its own.
  std::vector<std::string> models;
  if (amount[0] > 0) {
    if (!spec.roles.gpu_model.empty()) {
      models.push_back(spec.roles.gpu_model);
    } else {
      std::set<std::string> seen;
      for (const Compute& c : free.sites)
        for (const GpuPool& p : c.gpus) seen.insert(p.model);
      models.assign(seen.begin(), seen.end());
      if (models.empty()) models.push_back("");
    }
  } else {
    models.push_back("");
  }

  std::vector<Placement> single;          // best first, over every model
  std::optional<Placement> split_best;    // split_roles only
  std::vector<std::string> single_model;  // model of each entry of `single`
  std::string split_model;
  bool split_bounded = false;                    // some split search stopped at its step budget
  std::size_t models_short[kRoles] = {0, 0, 0};  // models for which a role lacks capacity
  for (const std::string& model : models) {
    Search search(latency, roles, amount, edges);
    for (int r : roles) {
      std::vector<Unit> units;
      for (SiteIndex s = 0; s < n; ++s) {
        const Compute* c = site_compute(s);
        if (!c) continue;
        double cap = 0, kw = 0;
        if (r == 0) {
          cap = free.gpus(s, model);
          kw = gpu_kw(model);
        } else if (r == 1) {
          cap = c->cpu_cores;
          kw = kCpuCoreKw;
        } else {
          cap = c->storage_tb;
          kw = kStorageKwPerTb;
        }
        if (cap > 0) units.push_back({s, cap, energy_usd_per_hour(net.site(s), kw)});
      }
      double total = 0, largest = 0;
      for (const Unit& u : units) {
        total += u.capacity;
        largest = std::max(largest, u.capacity);
      }
      if ((spec.split_roles ? total : largest) < amount[r]) ++models_short[r];
      search.set_units(r, std::move(units));
    }
    for (Placement& p : search.single_sites()) {
      const auto at = std::upper_bound(single.begin(), single.end(), p, before);
      single_model.insert(single_model.begin() + (at - single.begin()), model);
      single.insert(at, std::move(p));
    }
    if (spec.split_roles) {
      auto p = search.split();
      split_bounded = split_bounded || search.exhausted();
      if (p && (!split_best || before(*p, *split_best))) {
        split_best = std::move(p);
        split_model = model;
      }
    }
  }
  if (single.size() > kKept) {
    single.resize(kKept);
    single_model.resize(kKept);
  }

  Choice choice;
  const Placement* best = spec.split_roles && split_best ? &*split_best
                          : single.empty()               ? nullptr
                                                         : &single.front();
  const std::string best_model = spec.split_roles && split_best ? split_model
                                 : single.empty()               ? std::string()
                                                                : single_model.front();
  if (!best) {
    // A role short of free capacity for every model is the first rule; otherwise the edges.
    for (int r : roles) {
      if (models_short[r] < models.size()) continue;
      choice.refusal =
          Refusal{"NO_CAPACITY", kAmountRules[r],
                  fmt::format("no {} {:g} free {} for the {} role",
                              spec.split_roles ? "set of sites has" : "site has", amount[r],
                              r == 0   ? "GPUs"
                              : r == 1 ? "cores"
                                       : "TB",
                              kRoleNames[r])};
      return choice;
    }
    std::vector<std::string> named;
    for (const ClusterEdge& e : spec.edges)
      named.push_back(fmt::format("{}–{} ≤ {:g} µs", e.a, e.b, e.max_rtt_us));
    choice.refusal = Refusal{"LATENCY_BOUND", "max_rtt_us",
                             fmt::format("no placement of the roles meets every RTT bound ({}){}",
                                         fmt::join(named, ", "),
                                         split_bounded ? " within the search's step budget" : "")};
    return choice;
  }

  auto shares_of = [&](const Placement& p, const std::string& model) {
    std::vector<SiteShare> out;
    for (const Fragment& f : p.fragments) {
      SiteShare s{.site = f.site, .role = kRoleNames[f.role]};
      if (f.role == 0) {
        s.gpu_model = model;
        s.gpus = saturate_round<std::uint32_t>(f.amount);
      } else if (f.role == 1) {
        s.cpu_cores = saturate_round<std::uint32_t>(f.amount);
      } else {
        s.storage_tb = f.amount;
      }
      out.push_back(std::move(s));
    }
    return out;
  };
  choice.sites = shares_of(*best, best_model);
  choice.cost_usd_h = best->cost;

  auto& edge_figures = choice.prediction["edges"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    std::set<std::pair<SiteIndex, SiteIndex>> pairs;
    double worst_rtt = 0;
    for (const Fragment& fa : best->fragments) {
      if (fa.role != e.a) continue;
      for (const Fragment& fb : best->fragments) {
        if (fb.role != e.b) continue;
        worst_rtt =
            std::max(worst_rtt, fa.site == fb.site ? 0.0 : latency.rtt_us(fa.site, fb.site));
        if (fa.site == fb.site || !pairs.insert({fa.site, fb.site}).second) continue;
        if (e.min_gbps > 0) {
          choice.links.push_back(LinkNeed{
              .a = fa.site,
              .b = fb.site,
              .gbps = e.min_gbps,
              .max_one_way_us = e.max_rtt_us / 2,
              .purpose = fmt::format("cluster {} {}↔{} {}", kRoleNames[e.a], net.site(fa.site).id,
                                     kRoleNames[e.b], net.site(fb.site).id)});
        }
      }
    }
    edge_figures.push_back({{"a", kRoleNames[e.a]},
                            {"b", kRoleNames[e.b]},
                            {"rtt_us", worst_rtt},
                            {"max_rtt_us", e.max_rtt_us},
                            {"gbps", e.min_gbps},
                            {"links", e.min_gbps > 0 ? pairs.size() : 0}});
  }
  std::set<SiteIndex> distinct;
  for (const Fragment& f : best->fragments) distinct.insert(f.site);
  choice.prediction["sites"] = distinct.size();
  choice.prediction["energy_usd_h"] = best->cost;
  if (spec.split_roles) {
    choice.prediction["search"] = split_bounded ? "bounded: the best of the first " +
                                                      std::to_string(Search::kStepBudget) +
                                                      " steps, not proven cheapest"
                                                : std::string("exact");
  }

  auto why = [&](const Placement& p) {
    if (p.cost > best->cost && best->cost > 0)
      return fmt::format("costs {:.1f} % more", 100 * (p.cost - best->cost) / best->cost);
    if (p.cost > best->cost) return fmt::format("costs {:.4g} USD/h more", p.cost - best->cost);
    if (p.links != best->links)
      return fmt::format("same cost, {} links instead of {}", p.links, best->links);
    return fmt::format("same cost, summed edge RTT {:.1f} µs ≥ {:.1f} µs", p.rtt_sum,
                       best->rtt_sum);
  };
  for (std::size_t i = 0; i < single.size(); ++i) {
    if (&single[i] == best) continue;
    Alternative alt{.sites = shares_of(single[i], single_model[i]), .cost_usd_h = single[i].cost};
    alt.detail["links"] = single[i].links;
    alt.why = spec.split_roles ? "one site per role: " + why(single[i]) : why(single[i]);
    choice.alternatives.push_back(std::move(alt));
    if (choice.alternatives.size() == 3) break;
  }
  return choice;
}

}  // namespace lightmesh::workloads
