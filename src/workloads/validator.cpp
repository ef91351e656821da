#include "workloads/validator.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

namespace lightmesh::workloads {

namespace {

// Placers compute with doubles and may round-trip through JSON: a bound met to the last few bits
// is met.
constexpr double kRelativeSlack = 1e-9;

bool at_most(double value, double bound) {
  return value <= bound + kRelativeSlack * std::max(1.0, std::abs(bound));
}

// SMPTE ST 2110-20, 4:2:2 10-bit uncompressed, Gb/s per camera: docs/sources.md §5. Kept here
// rather than shared with the placers so that a wrong figure there shows up as a violation.
std::optional<double> st2110_gbps(std::string_view format) {
  static constexpr std::pair<std::string_view, double> kRates[] = {
      {"720p50", 0.98},  {"720p60", 1.18},  {"1080p50", 2.21}, {"1080p60", 2.65},
      {"2160p50", 8.84}, {"2160p60", 10.6}, {"4320p50", 36.1}, {"4320p60", 43.3}};
  for (const auto& [name, gbps] : kRates) {
    if (name == format) return gbps;
  }
  return std::nullopt;
}

using SitePair = std::pair<SiteIndex, SiteIndex>;  // first < second

SitePair ordered(SiteIndex a, SiteIndex b) { return a < b ? SitePair{a, b} : SitePair{b, a}; }

class Checker {
 public:
  Checker(const Network& net, const SiteMatrix& latency, const FreeCompute& free,
          const Choice& choice, const std::vector<double>* one_way)
      : net_(net), latency_(latency), free_(free), choice_(choice), one_way_(one_way) {}

  std::vector<std::string> take() { return std::move(out_); }

  // Indices, link sanity and compute against what is free: the same for every kind. Returns
  // false when an index is out of range, since the kind's checks would then read out of bounds.
  bool common(const std::string& gpu_model, bool need_confidential, bool need_diskless) {
    bool indices_ok = true;
    for (std::size_t i = 0; i < choice_.sites.size(); ++i) {
      if (!valid(choice_.sites[i].site)) {
        add("placement site {} has index {}, which is not a site of the network", i,
            choice_.sites[i].site);
        indices_ok = false;
      }
    }
    for (std::size_t i = 0; i < choice_.links.size(); ++i) {
      const LinkNeed& l = choice_.links[i];
      if (!valid(l.a) || !valid(l.b)) {
        add("link {} joins site indices {} and {}, not both sites of the network", i, l.a, l.b);
        indices_ok = false;
      }
    }
    if (one_way_ && one_way_->size() != choice_.links.size()) {
      add("{} provisioned latencies given for {} links", one_way_->size(), choice_.links.size());
      one_way_ = nullptr;  // fall back to the network's routes rather than misread them
    }
    if (!indices_ok) return false;

    for (std::size_t i = 0; i < choice_.links.size(); ++i) {
      const LinkNeed& l = choice_.links[i];
      if (l.a == l.b) add("link {} joins {} to itself", i, id(l.a));
      if (!(l.gbps > 0))
        add("link {} {}: {:g} Gb/s is not a positive capacity", i, pair(l), l.gbps);
      const double t = link_one_way(i);
      if (!std::isfinite(t)) {
        add("link {} {}: no route between the two sites", i, pair(l));
      } else if (l.max_one_way_us && !at_most(t, *l.max_one_way_us)) {
        add("link {} {}: one-way {:g} µs exceeds its own bound {:g} µs", i, pair(l), t,
            *l.max_one_way_us);
      }
    }

    // Σ over shares per site (and per GPU model): two shares at one site draw on one inventory.
    std::map<std::pair<SiteIndex, std::string>, std::uint64_t> gpus;
    std::map<SiteIndex, std::uint64_t> cores;
    std::map<SiteIndex, double> tb;
    for (const SiteShare& s : choice_.sites) {
      if (s.gpus > 0) {
        if (s.gpu_model.empty()) {
          add("{}: {} GPUs of no named model", id(s.site), s.gpus);
        } else if (!gpu_model.empty() && s.gpu_model != gpu_model) {
          add("{}: {} GPUs are {}, the workload asks for {}", id(s.site), s.gpus, s.gpu_model,
              gpu_model);
        }
        gpus[{s.site, s.gpu_model}] += s.gpus;
      }
      cores[s.site] += s.cpu_cores;
      if (s.storage_tb < 0) add("{}: {:g} TB is a negative amount", id(s.site), s.storage_tb);
      tb[s.site] += s.storage_tb;
    }
    for (const auto& [key, taken] : gpus) {
      const auto& [site, model] = key;
      if (model.empty()) continue;
      const std::uint32_t available = free_.gpus(site, model, need_confidential, need_diskless);
      if (taken > available) {
        add("{}: {} {} GPUs taken, {} free{}", id(site), taken, model, available,
            need_confidential || need_diskless ? " in pools meeting the workload's requirements"
                                               : "");
      }
    }
    for (const auto& [site, taken] : cores) {
      if (taken > free_.sites[site].cpu_cores)
        add("{}: {} CPU cores taken, {} free", id(site), taken, free_.sites[site].cpu_cores);
    }
    for (const auto& [site, taken] : tb) {
      if (!at_most(taken, free_.sites[site].storage_tb))
        add("{}: {:g} TB taken, {:g} free", id(site), taken, free_.sites[site].storage_tb);
    }
    return true;
  }

  void training(const TrainingSpec& t) {
    if (t.tp == 0) {
      add("tp 0 is not a tensor-parallel degree");
      return;
    }
    std::map<SiteIndex, std::uint64_t> per_site;
    std::uint64_t total = 0;
    for (const SiteShare& s : choice_.sites) {
      if (s.gpus == 0) continue;
      per_site[s.site] += s.gpus;
      total += s.gpus;
    }
    if (total != t.gpus) add("{} GPUs placed, the job needs {}", total, t.gpus);
    for (const auto& [site, n] : per_site) {
      if (n % t.tp != 0)
        add("{}: {} GPUs are not whole tensor-parallel groups of {}", id(site), n, t.tp);
      // Tensor parallelism stays inside one NVLink domain, so only pools whose domain holds a
      // whole group can serve this job.
      std::uint64_t fitting = 0;
      std::uint32_t largest = 0;
      for (const GpuPool& pool : free_.sites[site].gpus) {
        if (pool.model != t.gpu_model) continue;
        largest = std::max(largest, pool.nvlink_domain);
        if (pool.nvlink_domain >= t.tp) fitting += pool.count;
      }
      if (n > fitting) {
        add("{}: tp {} needs NVLink domains of ≥ {} GPUs; {} {} GPUs are free in such pools "
            "(largest domain {}), {} taken",
            id(site), t.tp, t.tp, fitting, t.gpu_model, largest, n);
      }
    }
    std::vector<SiteIndex> sites;
    for (const auto& [site, n] : per_site) sites.push_back(site);
    connected(sites, "the job's GPU sites");

    const auto number = [&](const char* key) -> std::optional<double> {
      const auto it = choice_.prediction.find(key);
      if (it == choice_.prediction.end() || !it->is_number()) {
        add("the prediction has no number \"{}\"", key);
        return std::nullopt;
      }
      return it->get<double>();
    };
    const auto step = number("step_s");
    const auto single = number("single_site_step_s");
    const auto slowdown = number("slowdown");
    if (step && single && slowdown) {
      if (!(*single > 0)) {
        add("single_site_step_s {:g} is not a positive time", *single);
      } else if (std::abs(*slowdown - *step / *single) > 1e-6 * std::abs(*step / *single)) {
        add("slowdown {:g} is not step_s / single_site_step_s = {:g} / {:g} = {:g}", *slowdown,
            *step, *single, *step / *single);
      }
    }
    if (slowdown && !at_most(*slowdown, t.max_slowdown))
      add("slowdown {:g} exceeds max_slowdown {:g}", *slowdown, t.max_slowdown);
    prediction_links();
  }

  void inference(const InferenceSpec& s) {
    const SiteIndex data = net_.find_site(s.data_site);
    if (data == kNoIndex) {
      add("the data site \"{}\" is not a site of the network", s.data_site);
      return;
    }
    std::set<SiteIndex> gpu_sites;
    std::uint64_t total = 0;
    for (const SiteShare& share : choice_.sites) {
      if (share.storage_tb > 0 && share.site != data) {
        add("{}: {:g} TB stored outside the data site {} (data may rest only there)",
            id(share.site), share.storage_tb, s.data_site);
      }
      if (share.gpus == 0) continue;
      gpu_sites.insert(share.site);
      total += share.gpus;
    }
    if (total < s.gpus) add("{} GPUs placed, the workload needs {}", total, s.gpus);
    for (SiteIndex g : gpu_sites) {
      const std::string& j = net_.site(g).jurisdiction;
      if (std::find(s.allowed_jurisdictions.begin(), s.allowed_jurisdictions.end(), j) ==
          s.allowed_jurisdictions.end()) {
        add("{}: jurisdiction \"{}\" is not allowed (allowed: {})", id(g), j,
            fmt::join(s.allowed_jurisdictions, ", "));
      }
      if (g == data) continue;
      const auto between = links_between(data, g);
      if (between.empty()) {
        add("no link between the data site {} and the GPU site {}", s.data_site, id(g));
        if (!at_most(latency_.rtt_us(data, g), s.max_rtt_us))
          add("{}–{}: RTT {:g} µs exceeds max_rtt_us {:g}", s.data_site, id(g),
              latency_.rtt_us(data, g), s.max_rtt_us);
        continue;
      }
      double gbps = 0;
      for (std::size_t i : between) {
        gbps += choice_.links[i].gbps;
        if (!at_most(2 * link_one_way(i), s.max_rtt_us))
          add("link {} {}: RTT {:g} µs exceeds max_rtt_us {:g}", i, pair(choice_.links[i]),
              2 * link_one_way(i), s.max_rtt_us);
      }
      if (!at_most(s.bandwidth_gbps, gbps))
        add("{}–{}: links carry {:g} Gb/s, the workload needs {:g}", s.data_site, id(g), gbps,
            s.bandwidth_gbps);
    }
    // A lightpath delivers data to both of its ends: one ending anywhere else would take the
    // customer's data to a site that may not have it.
    for (std::size_t i = 0; i < choice_.links.size(); ++i) {
      const LinkNeed& l = choice_.links[i];
      const bool ok =
          (l.a == data && gpu_sites.count(l.b)) || (l.b == data && gpu_sites.count(l.a));
      if (!ok) add("link {} {} does not join the data site and a GPU site", i, pair(l));
    }
    audit(s.data_site, gpu_sites);
  }

  void cluster(const ClusterSpec& c) {
    std::map<std::string, std::vector<SiteIndex>> holders;
    std::uint64_t gpus = 0, cores = 0;
    double tb = 0;
    for (const SiteShare& s : choice_.sites) {
      auto hold = [&](const char* role) {
        auto& v = holders[role];
        if (std::find(v.begin(), v.end(), s.site) == v.end()) v.push_back(s.site);
      };
      if (s.gpus > 0) hold("gpu");
      if (s.cpu_cores > 0) hold("cpu");
      if (s.storage_tb > 0) hold("storage");
      gpus += s.gpus;
      cores += s.cpu_cores;
      tb += s.storage_tb;
    }
    if (gpus < c.roles.gpus) add("{} GPUs placed, the gpu role needs {}", gpus, c.roles.gpus);
    if (cores < c.roles.cores)
      add("{} CPU cores placed, the cpu role needs {}", cores, c.roles.cores);
    if (!at_most(c.roles.storage_tb, tb))
      add("{:g} TB placed, the storage role needs {:g}", tb, c.roles.storage_tb);
    if (!c.split_roles) {
      for (const auto& [role, sites] : holders) {
        if (sites.size() > 1)
          add("the {} role is spread over {} sites without split_roles", role, sites.size());
      }
    }
    std::map<SitePair, double> needed;  // Σ min_gbps of every edge between two sites
    for (const ClusterEdge& e : c.edges) {
      for (SiteIndex a : holders[e.a]) {
        for (SiteIndex b : holders[e.b]) {
          if (a == b) continue;
          const SitePair p = ordered(a, b);
          // An edge from a role to itself meets each pair twice; count it once.
          if (e.a == e.b && a > b) continue;
          needed[p] += e.min_gbps;
          const auto between = links_between(a, b);
          if (between.empty() && !at_most(latency_.rtt_us(a, b), e.max_rtt_us)) {
            add("{}–{} edge: {}–{} RTT {:g} µs exceeds max_rtt_us {:g}", e.a, e.b, id(a), id(b),
                latency_.rtt_us(a, b), e.max_rtt_us);
          }
          for (std::size_t i : between) {
            if (!at_most(2 * link_one_way(i), e.max_rtt_us))
              add("{}–{} edge: link {} {} has RTT {:g} µs, above max_rtt_us {:g}", e.a, e.b, i,
                  pair(choice_.links[i]), 2 * link_one_way(i), e.max_rtt_us);
          }
        }
      }
    }
    for (const auto& [p, gbps] : needed) {
      double carried = 0;
      for (std::size_t i : links_between(p.first, p.second)) carried += choice_.links[i].gbps;
      if (!at_most(gbps, carried))
        add("{}–{}: links carry {:g} Gb/s, the edges between them need {:g}", id(p.first),
            id(p.second), carried, gbps);
    }
  }

  void sites(const SitesSpec& s) {
    const SiteIndex anchor = net_.find_site(s.anchor);
    if (anchor == kNoIndex) {
      add("the anchor \"{}\" is not a site of the network", s.anchor);
      return;
    }
    std::set<SiteIndex> listed;
    for (const SiteShare& share : choice_.sites) {
      if (share.site != anchor) listed.insert(share.site);
    }
    for (SiteIndex site : listed) {
      if (!at_most(latency_.rtt_us(anchor, site), s.max_rtt_us))
        add("{} is listed but its RTT from {} is {:g} µs, above max_rtt_us {:g}", id(site),
            s.anchor, latency_.rtt_us(anchor, site), s.max_rtt_us);
    }
    for (SiteIndex site = 0; site < net_.sites().size(); ++site) {
      if (site == anchor || listed.count(site)) continue;
      if (at_most(latency_.rtt_us(anchor, site), s.max_rtt_us))
        add("{} is within the budget ({:g} µs RTT from {}) but not listed", id(site),
            latency_.rtt_us(anchor, site), s.anchor);
    }
    if (choice_.links.size() != s.reserve)
      add("{} links reserved, the workload asks for {}", choice_.links.size(), s.reserve);
    std::set<SiteIndex> reached;
    for (std::size_t i = 0; i < choice_.links.size(); ++i) {
      const LinkNeed& l = choice_.links[i];
      const SiteIndex far = l.a == anchor ? l.b : l.b == anchor ? l.a : kNoIndex;
      if (far == kNoIndex || far == anchor || !listed.count(far)) {
        add("link {} {} does not join the anchor and a listed site", i, pair(l));
      } else if (!reached.insert(far).second) {
        add("link {} {} reserves a second path to {}", i, pair(l), id(far));
      }
      if (!at_most(s.bandwidth_gbps, l.gbps))
        add("link {} {}: {:g} Gb/s, the workload asks for {:g}", i, pair(l), l.gbps,
            s.bandwidth_gbps);
      if (!at_most(2 * link_one_way(i), s.max_rtt_us))
        add("link {} {}: RTT {:g} µs exceeds max_rtt_us {:g}", i, pair(l), 2 * link_one_way(i),
            s.max_rtt_us);
    }
    if (s.equalize) equalized("reserved paths");
  }

  void production(const ProductionSpec& p) {
    const SiteIndex venue = net_.find_site(p.venue);
    const SiteIndex gallery = net_.find_site(p.gallery);
    if (venue == kNoIndex) add("the venue \"{}\" is not a site of the network", p.venue);
    if (gallery == kNoIndex) add("the gallery \"{}\" is not a site of the network", p.gallery);
    if (venue == kNoIndex || gallery == kNoIndex) return;
    double total = 0;
    for (std::size_t i = 0; i < choice_.links.size(); ++i) {
      const LinkNeed& l = choice_.links[i];
      if (ordered(l.a, l.b) != ordered(venue, gallery))
        add("link {} {} does not join the venue and the gallery", i, pair(l));
      if (p.redundancy == Redundancy::kSt2022_7 && !l.disjoint_pair)
        add("link {} {} is not a disjoint pair, which ST 2022-7 needs", i, pair(l));
      if (!at_most(link_one_way(i), p.max_one_way_us))
        add("link {} {}: one-way {:g} µs exceeds max_one_way_us {:g}", i, pair(l), link_one_way(i),
            p.max_one_way_us);
      total += l.gbps;
    }
    const auto rate = st2110_gbps(p.format);
    if (!rate) {
      add("unknown video format \"{}\"", p.format);
      return;
    }
    const double needed = p.cameras * *rate;
    if (!at_most(needed, total))
      add("links carry {:g} Gb/s, {} cameras of {} need {} × {:g} = {:g} Gb/s", total, p.cameras,
          p.format, p.cameras, *rate, needed);
  }

 private:
  template <typename... Args>
  void add(fmt::format_string<Args...> f, Args&&... args) {
    out_.push_back(fmt::format(f, std::forward<Args>(args)...));
  }

  bool valid(SiteIndex s) const {
    return s < net_.sites().size() && s < latency_.size() && s < free_.sites.size();
  }

  std::string id(SiteIndex s) const { return valid(s) ? net_.site(s).id : fmt::format("#{}", s); }
  std::string pair(const LinkNeed& l) const { return id(l.a) + "–" + id(l.b); }

  double link_one_way(std::size_t i) const {
    if (one_way_) return (*one_way_)[i];
    return latency_.one_way_us(choice_.links[i].a, choice_.links[i].b);
  }

  std::vector<std::size_t> links_between(SiteIndex a, SiteIndex b) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < choice_.links.size(); ++i) {
      if (ordered(choice_.links[i].a, choice_.links[i].b) == ordered(a, b)) out.push_back(i);
    }
    return out;
  }

  // The sites must form one component over the choice's links: traffic between them has
  // nothing else to travel on.
  void connected(const std::vector<SiteIndex>& sites, const char* what) {
    if (sites.size() < 2) return;
    std::set<SiteIndex> reached{sites.front()};
    std::vector<SiteIndex> stack{sites.front()};
    while (!stack.empty()) {
      const SiteIndex s = stack.back();
      stack.pop_back();
      for (const LinkNeed& l : choice_.links) {
        const SiteIndex other = l.a == s ? l.b : l.b == s ? l.a : kNoIndex;
        if (other != kNoIndex && reached.insert(other).second) stack.push_back(other);
      }
    }
    for (SiteIndex s : sites) {
      if (!reached.count(s))
        add("{} are not joined by links: {} has no path of links to {}", what, id(s),
            id(sites.front()));
    }
  }

  void prediction_links() {
    const auto it = choice_.prediction.find("links");
    if (it == choice_.prediction.end()) return;
    if (!it->is_array()) {
      add("prediction.links is not a list");
      return;
    }
    for (std::size_t k = 0; k < it->size(); ++k) {
      const auto& e = (*it)[k];
      const auto site = [&](const char* key) -> SiteIndex {
        if (!e.is_object() || !e.contains(key) || !e[key].is_string()) return kNoIndex;
        return net_.find_site(e[key].get<std::string>());
      };
      const auto num = [&](const char* key) -> std::optional<double> {
        if (!e.is_object() || !e.contains(key) || !e[key].is_number()) return std::nullopt;
        return e[key].get<double>();
      };
      const SiteIndex a = site("a"), b = site("b");
      const auto alpha = num("alpha_us");
      const auto gbps = num("gbps");
      if (a == kNoIndex || b == kNoIndex || !alpha || !gbps) {
        add("prediction.links[{}] lacks site ids \"a\", \"b\" or numbers \"alpha_us\", \"gbps\"",
            k);
        continue;
      }
      const auto between = links_between(a, b);
      if (between.empty()) {
        add("prediction.links[{}] {}–{} has no link to travel on", k, id(a), id(b));
        continue;
      }
      double fastest = std::numeric_limits<double>::infinity();
      double carried = 0;
      for (std::size_t i : between) {
        fastest = std::min(fastest, link_one_way(i));
        carried += choice_.links[i].gbps;
      }
      if (!at_most(fastest, *alpha))
        add("prediction.links[{}] {}–{}: alpha {:g} µs is below the link's one-way {:g} µs", k,
            id(a), id(b), *alpha, fastest);
      if (!at_most(*gbps, carried))
        add("prediction.links[{}] {}–{}: {:g} Gb/s assumed, the links carry {:g}", k, id(a), id(b),
            *gbps, carried);
    }
  }

  void audit(const std::string& data_site, const std::set<SiteIndex>& gpu_sites) {
    const auto ids = [&](const char* key) -> std::optional<std::set<std::string>> {
      if (!choice_.audit.is_object() || !choice_.audit.contains(key)) return std::nullopt;
      const auto& v = choice_.audit[key];
      std::set<std::string> out;
      if (v.is_string()) {
        out.insert(v.get<std::string>());
      } else if (v.is_array()) {
        for (const auto& x : v) {
          if (!x.is_string()) return std::nullopt;
          out.insert(x.get<std::string>());
        }
      } else {
        return std::nullopt;
      }
      return out;
    };
    const auto at_rest = ids("data_at_rest");
    if (!at_rest) {
      add("the audit does not list \"data_at_rest\" as site ids");
    } else if (*at_rest != std::set<std::string>{data_site}) {
      add("the audit puts data at rest at {}, not only at the data site {}",
          fmt::join(*at_rest, ", "), data_site);
    }
    std::set<std::string> expected;
    for (SiteIndex g : gpu_sites) expected.insert(net_.site(g).id);
    const auto processed = ids("processed_at");
    if (!processed) {
      add("the audit does not list \"processed_at\" as site ids");
    } else if (*processed != expected) {
      add("the audit says the data is processed at {}, the GPUs are at {}",
          fmt::join(*processed, ", "), fmt::join(expected, ", "));
    }
  }

  void equalized(const char* what) {
    if (choice_.links.size() < 2) return;
    const std::string& group = choice_.links.front().latency_group;
    for (const LinkNeed& l : choice_.links) {
      if (group.empty() || l.latency_group != group) {
        add("the {} do not share one latency group", what);
        return;
      }
    }
    if (!one_way_) return;
    const auto [lo, hi] = std::minmax_element(one_way_->begin(), one_way_->end());
    // Equalisation pads to the slowest member, so what remains is rounding.
    if (*hi - *lo > 1e-3) add("the {} are not equalised: one-way {:g}…{:g} µs", what, *lo, *hi);
  }

  const Network& net_;
  const SiteMatrix& latency_;
  const FreeCompute& free_;
  const Choice& choice_;
  const std::vector<double>* one_way_;
  std::vector<std::string> out_;
};

}  // namespace

std::vector<std::string> violations(const Network& net, const SiteMatrix& latency,
                                    const FreeCompute& free, const WorkloadSpec& spec,
                                    const Choice& choice, const std::vector<double>* one_way_us) {
  if (choice.refusal) return {};
  Checker check(net, latency, free, choice, one_way_us);
  switch (spec.kind()) {
    case WorkloadKind::kTraining: {
      const auto& t = std::get<TrainingSpec>(spec.body);
      if (check.common(t.gpu_model, false, false)) check.training(t);
      break;
    }
    case WorkloadKind::kInference: {
      const auto& s = std::get<InferenceSpec>(spec.body);
      if (check.common(s.gpu_model, s.confidential, s.diskless)) check.inference(s);
      break;
    }
    case WorkloadKind::kCluster: {
      const auto& c = std::get<ClusterSpec>(spec.body);
      if (check.common(c.roles.gpu_model, false, false)) check.cluster(c);
      break;
    }
    case WorkloadKind::kSites:
      if (check.common("", false, false)) check.sites(std::get<SitesSpec>(spec.body));
      break;
    case WorkloadKind::kProduction:
      if (check.common("", false, false)) check.production(std::get<ProductionSpec>(spec.body));
      break;
  }
  return check.take();
}

}  // namespace lightmesh::workloads
