#include "qot/path_request_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <thread>

#include "core/bounded.h"
#include "physics/line_propagation.h"
#include "qot/oms_spectrum.h"

namespace lightmesh::qot {

namespace {

using physics::ElementKind;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double dbm_of_w(double w) { return 10 * std::log10(w * 1e3); }
double w_of_dbm(double dbm) { return std::pow(10.0, dbm / 10) * 1e-3; }

// GNPy rounds the worst channel's margin to 2 decimals before comparing it.
double round2(double x) { return std::round(x * 100) / 100; }

constexpr int kDisjunctionCutoff = 80;                // GNPy's all_simple_paths cutoff
constexpr std::size_t kDisjunctionPathLimit = 20000;  // per request, against combinatorial blow-up
constexpr std::size_t kConstrainedPathLimit = 5000;   // Yen rounds tried for include constraints

// One request as the engine works on it (GNPy's PathRequest).
struct Request {
  std::string id;
  std::string source, destination;
  ElementIndex src = 0, dst = 0;
  bool bidir = false;
  std::string trx_type;
  const TransceiverType* trx = nullptr;
  std::optional<std::string> mode_name;  // requested; null = automatic
  const TransceiverTypeMode* mode = nullptr;
  double spacing = 0;
  std::uint32_t nb_channel = 0;
  double f_min = 0, f_max = 0;
  double power_w = 0, tx_power_w = 0;
  std::vector<std::string> nodes_list;
  std::vector<HopType> loose_list;
  double path_bandwidth = 0;
  std::vector<FreqSlot> slots;
  std::optional<std::string> blocking;
  // Results.
  const TransceiverTypeMode* chosen = nullptr;
  ElementPath path, reverse_path;
  std::optional<QotFigures> qot, reverse_qot;
  SlotAssignment spectrum;
};

struct Svec {
  std::string id;
  std::vector<std::string> reqs;
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool has_strict(std::span<const HopType> hops) {
  return std::find(hops.begin(), hops.end(), HopType::kStrict) != hops.end();
}

// ---------- request building (GNPy's requests_from_json and its checks) ----------

Result<Request> make_request(const ServiceRequest& s, const Equipment& eq, bool bidir_all) {
  Request r;
  r.id = s.request_id;
  r.source = s.source;
  r.destination = s.destination;
  r.bidir = s.bidirectional || bidir_all;
  r.trx_type = s.trx_type;
  r.trx = eq.find_transceiver(s.trx_type);
  auto fail = [&](const std::string& msg) {
    return Error::invalid("request \"" + s.request_id + "\": " + msg);
  };
  if (!r.trx)
    return fail("could not find transponder \"" + s.trx_type + "\" in the equipment library");
  r.mode_name = s.trx_mode;
  if (s.trx_mode) {
    for (const TransceiverTypeMode& m : r.trx->modes)
      if (m.format == *s.trx_mode) r.mode = &m;
    if (!r.mode) {
      return fail("could not find transponder \"" + s.trx_type + "\" with mode \"" + *s.trx_mode +
                  "\" in the equipment library");
    }
  }
  r.spacing = s.spacing_hz;
  r.f_min = r.trx->f_min_hz;
  r.f_max = r.trx->f_max_hz;
  const double f_max_of_trx = r.f_max;
  if (s.max_nb_of_channel) {
    r.nb_channel = *s.max_nb_of_channel;
    r.f_max = r.f_min + r.spacing * r.nb_channel;
  } else {
    r.nb_channel = physics::automatic_channel_count(r.f_min, f_max_of_trx, r.spacing);
  }
  const SpectralInformation& si = eq.reference_channel();
  r.power_w = s.output_power_w ? *s.output_power_w : w_of_dbm(si.power_dbm);
  r.tx_power_w = s.tx_power_w      ? *s.tx_power_w
                 : si.tx_power_dbm ? w_of_dbm(*si.tx_power_dbm)
                                   : r.power_w;
  r.path_bandwidth = s.path_bandwidth_bps.value_or(0);
  r.slots = s.effective_freq_slot;
  for (const RouteHop& h : s.route) {
    r.nodes_list.push_back(h.node_id);
    r.loose_list.push_back(h.hop_type);
  }
  if (r.mode) {
    if (r.mode->min_spacing_hz > r.spacing) {
      return fail("spacing " + std::to_string(r.spacing * 1e-9) + " GHz is below the minimum " +
                  std::to_string(r.mode->min_spacing_hz * 1e-9) + " GHz of " + s.trx_type + " " +
                  *s.trx_mode);
    }
    if (r.f_max > f_max_of_trx) {
      return fail(
          std::to_string(r.nb_channel) + " channels at " + std::to_string(r.spacing * 1e-9) +
          " GHz do not fit the transceiver's frequency range (at most " +
          std::to_string(physics::automatic_channel_count(r.f_min, f_max_of_trx, r.spacing)) + ")");
    }
    // Pinned widths must carry the bandwidth asked for, and pinned slots must not overlap.
    const int per_channel_m = saturate<int>(std::ceil(r.spacing / 12.5e9));
    const double nb_required =
        r.mode->bit_rate_bps > 0 ? std::ceil(r.path_bandwidth / r.mode->bit_rate_bps) : 0;
    bool all_m = !r.slots.empty();
    int nb = 0;
    for (const FreqSlot& f : r.slots) {
      if (!f.m) {
        all_m = false;
      } else {
        nb += *f.m / per_channel_m;
      }
    }
    if (all_m && nb < nb_required) {
      return fail("the effective-freq-slot widths carry " + std::to_string(nb) +
                  " channels while " + std::to_string(saturate<std::int64_t>(nb_required)) +
                  " are needed for the path_bandwidth");
    }
    if (all_m) {
      std::vector<FreqSlot> sorted = r.slots;
      bool all_n = std::all_of(sorted.begin(), sorted.end(), [](const FreqSlot& f) { return f.n; });
      if (all_n) {
        std::sort(sorted.begin(), sorted.end(),
                  [](const FreqSlot& a, const FreqSlot& b) { return *a.n < *b.n; });
        for (std::size_t i = 1; i < sorted.size(); ++i) {
          if (*sorted[i].n - *sorted[i].m <= *sorted[i - 1].n + *sorted[i - 1].m - 1)
            return fail("the effective-freq-slot entries overlap");
        }
      }
    }
  }
  return r;
}

// GNPy's correct_json_route_list: endpoints must be transceivers; the endpoints are dropped from
// the include list; a LOOSE hop the network lacks (or that is a transceiver) is skipped, a STRICT
// one stops the run.
Status correct_route_list(Request& r, const physics::ElementNetwork& net) {
  auto trx_index = [&](const std::string& uid) -> std::optional<ElementIndex> {
    auto i = net.find(uid);
    if (i && net.at(*i).kind() == ElementKind::kTransceiver) return i;
    return std::nullopt;
  };
  auto src = trx_index(r.source);
  if (!src)
    return Error::not_found("request \"" + r.id + "\": could not find transponder source \"" +
                            r.source + "\" in the topology");
  auto dst = trx_index(r.destination);
  if (!dst)
    return Error::not_found("request \"" + r.id + "\": could not find transponder destination \"" +
                            r.destination + "\" in the topology");
  r.src = *src;
  r.dst = *dst;
  if (!r.nodes_list.empty() && r.nodes_list.front() == r.source) {
    r.nodes_list.erase(r.nodes_list.begin());
    r.loose_list.erase(r.loose_list.begin());
  }
  if (!r.nodes_list.empty() && r.nodes_list.back() == r.destination) {
    r.nodes_list.pop_back();
    r.loose_list.pop_back();
  }
  std::vector<std::string> nodes;
  std::vector<HopType> loose;
  for (std::size_t i = 0; i < r.nodes_list.size(); ++i) {
    auto e = net.find(r.nodes_list[i]);
    if (!e || net.at(*e).kind() == ElementKind::kTransceiver) {
      if (r.loose_list[i] == HopType::kLoose) continue;
      return Error::not_found("request \"" + r.id + "\": could not find node \"" + r.nodes_list[i] +
                              "\" in the topology: the STRICT constraint cannot be applied");
    }
    nodes.push_back(r.nodes_list[i]);
    loose.push_back(r.loose_list[i]);
  }
  r.nodes_list = std::move(nodes);
  r.loose_list = std::move(loose);
  return {};
}

// ---------- aggregation (GNPy's requests_aggregation) ----------

bool same_disjunction(const Request& a, const Request& b, const std::vector<Svec>& svecs) {
  std::vector<std::string> ta, tb;
  bool in_a = false, in_b = false;
  for (const Svec& s : svecs) {
    if (contains(s.reqs, a.id)) {
      in_a = true;
      std::vector<std::string> l = s.reqs;
      l.erase(std::find(l.begin(), l.end(), a.id));
      ta.insert(ta.end(), l.begin(), l.end());
    }
    if (contains(s.reqs, b.id)) {
      in_b = true;
      std::vector<std::string> l = s.reqs;
      l.erase(std::find(l.begin(), l.end(), b.id));
      tb.insert(tb.end(), l.begin(), l.end());
    }
  }
  if (in_a && in_b)
    return std::set<std::string>(ta.begin(), ta.end()) ==
           std::set<std::string>(tb.begin(), tb.end());
  return !in_a && !in_b;
}

bool same_request(const Request& a, const Request& b, const std::vector<Svec>& svecs) {
  return a.source == b.source && a.destination == b.destination && a.trx_type == b.trx_type &&
         a.mode_name == b.mode_name && a.nodes_list == b.nodes_list &&
         a.loose_list == b.loose_list && a.spacing == b.spacing && a.power_w == b.power_w &&
         a.nb_channel == b.nb_channel && a.f_min == b.f_min && a.f_max == b.f_max &&
         a.tx_power_w == b.tx_power_w && same_disjunction(a, b, svecs);
}

// Walks the requests in order and merges each into the first other identical one still listed,
// so a chain of identical requests ends in the last, which keeps its place and gets the id
// "last | … | first". Only requests with a fixed mode merge.
std::vector<Request> aggregate(std::vector<Request> reqs, std::vector<Svec>& svecs) {
  std::vector<int> alive(reqs.size(), 1);
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    for (std::size_t j = 0; j < reqs.size(); ++j) {
      if (!alive[j] || i == j || reqs[i].id == reqs[j].id) continue;
      if (!reqs[j].mode_name || !same_request(reqs[i], reqs[j], svecs)) continue;
      Request& into = reqs[j];
      const Request& req = reqs[i];
      into.path_bandwidth += req.path_bandwidth;
      into.slots.insert(into.slots.end(), req.slots.begin(), req.slots.end());
      const std::string old_id = into.id;
      into.id = into.id + " | " + req.id;
      alive[i] = 0;
      for (Svec& s : svecs) {
        auto it = std::find(s.reqs.begin(), s.reqs.end(), req.id);
        if (it != s.reqs.end()) {
          s.reqs.erase(it);
          s.reqs.push_back(into.id);
        }
      }
      std::erase_if(svecs, [&](const Svec& s) { return contains(s.reqs, old_id); });
      break;
    }
  }
  std::vector<Request> out;
  for (std::size_t i = 0; i < reqs.size(); ++i)
    if (alive[i]) out.push_back(std::move(reqs[i]));
  return out;
}

// ---------- routing (GNPy's compute_path_dsjctn) ----------

class Router {
 public:
  Router(const physics::ElementNetwork& net, const OmsSpectrum& oms)
      : net_(net), oms_(oms), routing_(net) {}

  const ElementRouting& routing() const { return routing_; }

  // The Z→A route of a path: the reverse OMS of each OMS crossed, from the destination back.
  Result<ElementPath> reversed_path(const ElementPath& p) const {
    if (p.size() < 2) return ElementPath{};
    std::vector<std::uint32_t> rev;
    for (auto it = p.rbegin(); it != p.rend(); ++it) {
      const auto k = net_.at(*it).kind();
      if (k == ElementKind::kTransceiver || k == ElementKind::kRoadm) continue;
      auto o = oms_.oms_of(*it);
      if (!o) continue;
      const auto& r = oms_.oms()[*o].reversed;
      if (!r) {
        return Error::unsupported("no reverse direction for the line from " +
                                  net_.at(oms_.oms()[*o].elements.front()).uid + " to " +
                                  net_.at(oms_.oms()[*o].elements.back()).uid +
                                  ": one-way lines are not supported");
      }
      if (std::find(rev.begin(), rev.end(), *r) == rev.end()) rev.push_back(*r);
    }
    ElementPath out{p.back()};
    std::vector<char> seen(net_.size(), 0);
    seen[p.back()] = 1;
    for (std::uint32_t o : rev) {
      for (ElementIndex e : oms_.oms()[o].elements) {
        if (!seen[e]) {
          seen[e] = 1;
          out.push_back(e);
        }
      }
    }
    out.push_back(p.front());
    return out;
  }

  // GNPy's explicit_path: when the include list names line elements whose OMSes chain from the
  // source ROADM to the destination ROADM, that chain is the path.
  std::optional<ElementPath> explicit_path(std::span<const ElementIndex> nodes, ElementIndex src,
                                           ElementIndex dst) const {
    std::vector<std::uint32_t> path_oms;
    for (ElementIndex n : nodes) {
      if (auto o = oms_.oms_of(n);
          o && std::find(path_oms.begin(), path_oms.end(), *o) == path_oms.end())
        path_oms.push_back(*o);
    }
    if (path_oms.empty() || net_.successors(src).empty() || net_.predecessors(dst).empty())
      return std::nullopt;
    const ElementIndex next = net_.successors(src).front();
    const ElementIndex src_roadm = net_.at(next).kind() == ElementKind::kRoadm ? next : src;
    const ElementIndex prev = net_.predecessors(dst).front();
    const ElementIndex dst_roadm = net_.at(prev).kind() == ElementKind::kRoadm ? prev : dst;
    const auto& oms = oms_.oms();
    if (oms[path_oms.front()].elements.front() != src_roadm ||
        oms[path_oms.back()].elements.back() != dst_roadm)
      return std::nullopt;
    ElementPath path{src};
    const auto& first = oms[path_oms.front()].elements;
    path.insert(path.end(), first.begin(), first.end());
    for (std::size_t i = 1; i < path_oms.size(); ++i) {
      const auto& prev_oms = oms[path_oms[i - 1]].elements;
      const auto& cur = oms[path_oms[i]].elements;
      if (prev_oms.back() != cur.front()) return std::nullopt;
      path.insert(path.end(), cur.begin(), cur.end());
    }
    path.push_back(dst);
    ElementPath unique;
    std::vector<char> seen(net_.size(), 0);
    for (ElementIndex e : path)
      if (!seen[e]) {
        seen[e] = 1;
        unique.push_back(e);
      }
    return unique;
  }

  std::vector<ElementIndex> resolve(const std::vector<std::string>& uids) const {
    std::vector<ElementIndex> out;
    for (const std::string& u : uids)
      if (auto e = net_.find(u)) out.push_back(*e);
    return out;
  }

  // GNPy's compute_constrained_path; nodes_list already ends with the destination. Requests
  // without include hops between the same transceivers share one shortest path.
  ElementPath constrained_path(Request& r) const {
    if (r.nodes_list.size() == 1) {
      auto it = shortest_.find({r.src, r.dst});
      if (it == shortest_.end()) {
        auto p = routing_.shortest_path(r.src, r.dst);
        it = shortest_.emplace(std::pair{r.src, r.dst}, p.value_or(ElementPath{})).first;
      }
      if (it->second.empty()) r.blocking = "NO_PATH";
      return it->second;
    }
    std::vector<ElementIndex> nodes = resolve(r.nodes_list);
    if (auto p = explicit_path(std::span(nodes).first(nodes.size() - 1), r.src, r.dst)) return *p;
    SimplePathGenerator gen = routing_.simple_paths(r.src, r.dst);
    bool any = false;
    for (std::size_t k = 0; k < kConstrainedPathLimit; ++k) {
      auto p = gen.next();
      if (!p) break;
      any = true;
      if (is_ordered_subset(nodes, *p)) return *p;
    }
    if (!any) {
      r.blocking = "NO_PATH";
      return {};
    }
    if (!has_strict(std::span(r.loose_list).first(r.loose_list.size() - 1))) {
      if (auto p = routing_.shortest_path(r.src, r.dst)) return *p;
    }
    r.blocking = "NO_PATH_WITH_CONSTRAINT";
    return {};
  }

  // The ROADMs of a path and the element that follows each (the OMS it leaves on): GNPy compares
  // paths for disjunction on consecutive pairs of this list.
  std::vector<ElementIndex> short_list(const ElementPath& p) const {
    std::vector<ElementIndex> out;
    for (std::size_t i = 1; i + 1 < p.size(); ++i) {
      if (net_.at(p[i]).kind() == ElementKind::kRoadm ||
          net_.at(p[i - 1]).kind() == ElementKind::kRoadm)
        out.push_back(p[i]);
    }
    return out;
  }

  Result<std::vector<ElementPath>> compute(std::vector<Request>& reqs,
                                           const std::vector<Svec>& svecs) const;

 private:
  const physics::ElementNetwork& net_;
  const OmsSpectrum& oms_;
  ElementRouting routing_;
  mutable std::map<std::pair<ElementIndex, ElementIndex>, ElementPath> shortest_;
};

bool shares_edge(const std::vector<ElementIndex>& a, const std::vector<ElementIndex>& b) {
  for (std::size_t i = 0; i + 1 < a.size(); ++i)
    for (std::size_t j = 0; j + 1 < b.size(); ++j)
      if (a[i] == b[j] && a[i + 1] == b[j + 1]) return true;
  return false;
}

Result<std::vector<ElementPath>> Router::compute(std::vector<Request>& reqs,
                                                 const std::vector<Svec>& svecs) const {
  std::set<std::string> in_svec;
  for (const Svec& s : svecs) in_svec.insert(s.reqs.begin(), s.reqs.end());
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < reqs.size(); ++i) index_of[reqs[i].id] = i;

  // Step 1: the candidate simple paths of each request under disjunction, by length.
  struct Candidate {
    std::size_t req;
    ElementPath path;
    std::vector<ElementIndex> shortl, shortl_rev;
  };
  std::vector<Candidate> cands;
  std::map<std::size_t, std::vector<std::size_t>> by_req;  // request → candidate ids
  std::vector<std::size_t> disjoint_reqs;
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    if (!in_svec.count(reqs[i].id)) continue;
    disjoint_reqs.push_back(i);
    auto paths = routing_.all_simple_paths(reqs[i].src, reqs[i].dst, kDisjunctionCutoff,
                                           kDisjunctionPathLimit);
    // GNPy's sort key leaves out the last edge of each path.
    std::vector<double> cost(paths.size());
    for (std::size_t k = 0; k < paths.size(); ++k) {
      double c = 0;
      for (std::size_t e = 0; e + 2 < paths[k].size(); ++e) c += routing_.weight(paths[k][e]);
      cost[k] = c;
    }
    std::vector<std::size_t> order(paths.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cost[a] < cost[b]; });
    for (std::size_t k : order) {
      Candidate c{i, paths[k], short_list(paths[k]), {}};
      LM_ASSIGN_OR_RETURN(ElementPath rev, reversed_path(paths[k]));
      c.shortl_rev = short_list(rev);
      by_req[i].push_back(cands.size());
      cands.push_back(std::move(c));
    }
  }

  // Step 2: per SVEC, the combinations of one path per request that are pairwise disjoint.
  using Combo = std::vector<std::size_t>;
  std::vector<std::vector<Combo>> combos(svecs.size());
  for (std::size_t s = 0; s < svecs.size(); ++s) {
    std::vector<std::size_t> members;
    for (const std::string& id : svecs[s].reqs)
      if (auto it = index_of.find(id); it != index_of.end()) members.push_back(it->second);
    if (members.empty()) continue;
    std::vector<Combo> dpath;
    for (std::size_t c : by_req[members[0]]) dpath.push_back({c});
    for (std::size_t m = 1; m < members.size(); ++m) {
      std::vector<Combo> next;
      for (std::size_t c1 : by_req[members[m]]) {
        for (const Combo& combo : dpath) {
          bool disjoint = true;
          for (std::size_t c : combo) {
            if (shares_edge(cands[c1].shortl, cands[c].shortl) ||
                shares_edge(cands[c1].shortl_rev, cands[c].shortl)) {
              disjoint = false;
              break;
            }
          }
          if (disjoint) {
            Combo extended = combo;
            extended.push_back(c1);
            next.push_back(std::move(extended));
          }
        }
      }
      dpath = std::move(next);
    }
    combos[s] = std::move(dpath);
  }

  // Step 3: a path stays a candidate only if every SVEC of its request has a combination using
  // it; GNPy compares paths by their short lists.
  auto find_equal = [&](const Combo& combo, std::size_t c) -> std::optional<std::size_t> {
    for (std::size_t k : combo)
      if (cands[k].shortl == cands[c].shortl) return k;
    return std::nullopt;
  };
  for (std::size_t i : disjoint_reqs) {
    std::vector<std::size_t> concerned;
    for (std::size_t s = 0; s < svecs.size(); ++s)
      if (contains(svecs[s].reqs, reqs[i].id)) concerned.push_back(s);
    for (std::size_t c : by_req[i]) {
      int missing = 0;
      for (std::size_t s : concerned) {
        int test = 1;
        for (const Combo& combo : combos[s]) {
          auto k = find_equal(combo, c);
          if (k && cands[*k].req == i) {
            test = 0;
            break;
          }
        }
        missing += test;
      }
      if (missing == 0) continue;
      for (std::size_t s : concerned) {
        auto& list = combos[s];
        // Python removes while iterating, which skips the entry after each removal.
        for (std::size_t k = 0; k < list.size(); ++k) {
          if (find_equal(list[k], c)) list.erase(list.begin() + static_cast<std::ptrdiff_t>(k));
        }
      }
    }
  }

  // Step 4: prefer combinations meeting the include constraints; LOOSE ones may be relaxed.
  for (std::size_t s = 0; s < svecs.size(); ++s) {
    std::vector<Combo> ok, alternate;
    for (const Combo& combo : combos[s]) {
      bool part_ok = true, loose_ok = true;
      for (std::size_t c : combo) {
        const Request& r = reqs[cands[c].req];
        if (r.nodes_list.empty()) continue;
        if (!is_ordered_subset(resolve(r.nodes_list), cands[c].path)) {
          part_ok = false;
          if (has_strict(r.loose_list)) {
            loose_ok = false;
            break;
          }
        }
      }
      if (part_ok) {
        ok.push_back(combo);
      } else if (loose_ok) {
        alternate.push_back(combo);
      }
    }
    combos[s] = !ok.empty() ? ok : alternate;
  }

  // Step 5: the first combination of each SVEC decides its requests' paths.
  std::map<std::size_t, ElementPath> chosen;
  std::set<std::size_t> pending(disjoint_reqs.begin(), disjoint_reqs.end());
  for (std::size_t s = 0; s < svecs.size(); ++s) {
    if (combos[s].empty()) {
      return Error::invalid("no disjoint path found for synchronization \"" + svecs[s].id +
                            "\" with its constraints");
    }
    const Combo first = combos[s].front();
    for (std::size_t c : first) {
      const std::size_t req = cands[c].req;
      if (!pending.count(req)) continue;
      chosen[req] = cands[c].path;
      pending.erase(req);
      for (auto& list : combos) {
        std::erase_if(list, [&](const Combo& combo) {
          return std::any_of(combo.begin(), combo.end(),
                             [&](std::size_t k) { return cands[k].req == req && k != c; });
        });
      }
    }
  }

  std::vector<ElementPath> out;
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    Request& r = reqs[i];
    r.nodes_list.push_back(r.destination);
    r.loose_list.push_back(HopType::kStrict);
    if (!in_svec.count(r.id)) {
      out.push_back(constrained_path(r));
    } else if (auto it = chosen.find(i); it != chosen.end()) {
      out.push_back(it->second);
    } else {
      r.blocking = "NO_PATH";
      out.push_back({});
    }
  }
  return out;
}

// Deduplicates SVECs naming the same set of requests (GNPy's deduplicate_disjunctions).
std::vector<Svec> deduplicate(std::vector<Svec> svecs) {
  std::vector<Svec> out;
  for (Svec& s : svecs) {
    const std::set<std::string> set(s.reqs.begin(), s.reqs.end());
    bool dup = std::any_of(out.begin(), out.end(), [&](const Svec& o) {
      return std::set<std::string>(o.reqs.begin(), o.reqs.end()) == set;
    });
    if (!dup) out.push_back(std::move(s));
  }
  return out;
}

ChannelLoad load_for(const Request& r, const TransceiverTypeMode& mode, double roll_off) {
  return ChannelLoad{.f_min_hz = r.f_min,
                     .spacing_hz = r.spacing,
                     .nb_channels = r.nb_channel,
                     .baud_rate_baud = mode.baud_rate_baud,
                     .roll_off = roll_off,
                     .power_dbm = dbm_of_w(r.power_w),
                     .tx_power_dbm = dbm_of_w(r.tx_power_w),
                     .tx_osnr_db = mode.tx_osnr_db,
                     .equalization_offset_db = mode.equalization_offset_db};
}

}  // namespace

Result<RunReport> PathRequestRun::run(const ServiceDocument& services, const RunOptions& options) {
  RunReport report;
  const SpectralInformation& si = eq_->reference_channel();
  auto t0 = Clock::now();
  if (options.design && hooks_.design) {
    DesignReference ref{
        .power_dbm = si.power_dbm,
        .nb_channels = physics::automatic_channel_count(si.f_min_hz, si.f_max_hz, si.spacing_hz),
        .spacing_hz = si.spacing_hz,
        .baud_rate_baud = si.baud_rate_baud};
    LM_RETURN_IF_ERROR(hooks_.design(net_, ref, options.insert_edfas, {}));
    if (hooks_.invalidate) hooks_.invalidate();
  }
  report.timings.design_s = seconds_since(t0);

  t0 = Clock::now();
  OmsSpectrum spectrum(net_, *eq_);
  std::vector<Request> reqs;
  std::set<std::string> ids;
  for (const ServiceRequest& s : services.requests) {
    LM_ASSIGN_OR_RETURN(Request r, make_request(s, *eq_, options.bidir_all));
    if (!ids.insert(r.id).second)
      return Error::invalid("request id \"" + r.id + "\" is not unique in the service file");
    reqs.push_back(std::move(r));
  }
  for (Request& r : reqs) LM_RETURN_IF_ERROR(correct_route_list(r, net_));
  std::vector<Svec> svecs;
  for (const Synchronization& s : services.synchronizations) svecs.push_back({s.id, s.request_ids});
  svecs = deduplicate(std::move(svecs));
  reqs = aggregate(std::move(reqs), svecs);

  Router router(net_, spectrum);
  LM_ASSIGN_OR_RETURN(std::vector<ElementPath> paths, router.compute(reqs, svecs));
  report.timings.routing_s = seconds_since(t0);

  t0 = Clock::now();
  const double margins = si.sys_margins_db;
  // Designed once, the fixed-mode requests' propagations are independent of one another: compute
  // them on every core first, then walk the requests in order as GNPy does.
  std::vector<std::optional<Result<QotFigures>>> early(reqs.size());
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  if (!options.redesign_per_request && threads > 1) {
    std::vector<std::size_t> jobs;
    for (std::size_t i = 0; i < reqs.size(); ++i)
      if (reqs[i].mode && !paths[i].empty()) jobs.push_back(i);
    std::atomic<std::size_t> next = 0;
    auto worker = [&] {
      for (std::size_t k = next++; k < jobs.size(); k = next++) {
        const Request& r = reqs[jobs[k]];
        early[jobs[k]] =
            hooks_.propagate(net_, paths[jobs[k]], load_for(r, *r.mode, r.mode->roll_off));
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::min<std::size_t>(threads, jobs.size()); ++t)
      pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
  }
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    Request& r = reqs[i];
    r.path = paths[i];
    if (r.path.empty()) continue;
    LM_ASSIGN_OR_RETURN(ElementPath reverse, router.reversed_path(r.path));
    if (options.redesign_per_request && hooks_.design) {
      // GNPy re-designs the request's path and its reverse with the request as the reference.
      std::vector<ElementIndex> only = r.path;
      only.insert(only.end(), reverse.begin(), reverse.end());
      const TransceiverTypeMode* m = r.mode;
      DesignReference ref{.power_dbm = dbm_of_w(r.power_w),
                          .nb_channels = r.nb_channel,
                          .spacing_hz = r.spacing,
                          .baud_rate_baud = m ? m->baud_rate_baud : si.baud_rate_baud};
      LM_RETURN_IF_ERROR(hooks_.design(net_, ref, false, only));
      if (hooks_.invalidate) hooks_.invalidate();
    }
    if (r.mode) {
      LM_ASSIGN_OR_RETURN(
          QotFigures q,
          early[i] ? std::move(*early[i])
                   : hooks_.propagate(net_, r.path, load_for(r, *r.mode, r.mode->roll_off)));
      r.qot = q;
      r.chosen = r.mode;
      if (round2(q.min_gsnr_01nm_db) < r.mode->required_osnr_db + margins)
        r.blocking = "MODE_NOT_FEASIBLE";
    } else {
      // Automatic mode: baud rates that fit the spacing, highest first; per baud rate the modes by
      // bit rate, highest first; the first whose worst channel clears OSNR + margins wins.
      std::vector<double> bauds;
      for (const TransceiverTypeMode& m : r.trx->modes)
        if (m.min_spacing_hz <= r.spacing &&
            std::find(bauds.begin(), bauds.end(), m.baud_rate_baud) == bauds.end())
          bauds.push_back(m.baud_rate_baud);
      std::sort(bauds.rbegin(), bauds.rend());
      if (bauds.empty()) {
        r.blocking = "NO_FEASIBLE_BAUDRATE_WITH_SPACING";
        r.path.clear();
        continue;
      }
      const TransceiverTypeMode* last = nullptr;
      bool found = false;
      for (double baud : bauds) {
        std::vector<const TransceiverTypeMode*> modes;
        for (const TransceiverTypeMode& m : r.trx->modes)
          if (m.baud_rate_baud == baud && m.min_spacing_hz <= r.spacing) modes.push_back(&m);
        std::stable_sort(modes.begin(), modes.end(), [](const auto* a, const auto* b) {
          return a->bit_rate_bps > b->bit_rate_bps;
        });
        for (const TransceiverTypeMode* m : modes) {
          LM_ASSIGN_OR_RETURN(QotFigures q,
                              hooks_.propagate(net_, r.path, load_for(r, *m, si.roll_off)));
          r.qot = q;
          last = m;
          if (round2(q.min_gsnr_01nm_db) > m->required_osnr_db + margins) {
            found = true;
            break;
          }
        }
        if (found) break;
      }
      r.chosen = last;
      if (!found) r.blocking = "NO_FEASIBLE_MODE";
    }
    r.reverse_path = reverse;
    if (r.bidir && r.chosen) {
      LM_ASSIGN_OR_RETURN(
          QotFigures q,
          hooks_.propagate(net_, reverse, load_for(r, *r.chosen, r.chosen->roll_off)));
      r.reverse_qot = q;
      if (round2(q.min_gsnr_01nm_db) < r.chosen->required_osnr_db + margins && !r.blocking)
        r.blocking = "MODE_NOT_FEASIBLE";
    }
  }
  report.timings.propagation_s = seconds_since(t0);

  // First-fit spectrum in request order, on both directions' OMSes.
  t0 = Clock::now();
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    Request& r = reqs[i];
    if (r.blocking || !r.chosen) continue;
    const double bit_rate = r.chosen->bit_rate_bps;
    // Saturating: spacing and path_bandwidth are bounded where they are read (core/limits.h),
    // and a count that still overflows only asks for more spectrum than exists.
    const int per_channel_m = saturate<int>(std::ceil(r.spacing / 12.5e9));
    const int nb_wl = bit_rate > 0 ? saturate<int>(std::ceil(r.path_bandwidth / bit_rate)) : 0;
    const int required_m = saturate<int>(static_cast<double>(per_channel_m) * nb_wl);
    const bool all_m =
        !r.slots.empty() &&
        std::all_of(r.slots.begin(), r.slots.end(), [](const FreqSlot& f) { return f.m && *f.m; });
    if (all_m) {
      int nb = 0;
      for (const FreqSlot& f : r.slots) nb += *f.m / per_channel_m;
      if (nb_wl > nb) {
        r.blocking = "NOT_ENOUGH_RESERVED_SPECTRUM";
        continue;
      }
    }
    const auto oms_ids = spectrum.oms_of_path(paths[i], r.reverse_path);
    SlotAssignment a = spectrum.assign(oms_ids, required_m, per_channel_m, r.slots);
    if (!a.ok) {
      r.blocking = "NO_SPECTRUM";
      continue;
    }
    spectrum.book(oms_ids, a);
    r.spectrum = std::move(a);
  }
  report.timings.spectrum_s = seconds_since(t0);

  for (Request& r : reqs) {
    RequestResult out;
    out.request_id = r.id;
    out.source = r.source;
    out.destination = r.destination;
    out.bidirectional = r.bidir;
    out.trx_type = r.trx_type;
    out.requested_mode = r.mode_name;
    if (r.chosen) {
      out.mode = r.chosen->format;
      out.baud_rate_baud = r.chosen->baud_rate_baud;
      out.bit_rate_bps = r.chosen->bit_rate_bps;
      out.required_osnr_db = r.chosen->required_osnr_db + margins;
      if (r.chosen->bit_rate_bps > 0)
        out.nb_transceivers =
            saturate<std::uint32_t>(std::ceil(r.path_bandwidth / r.chosen->bit_rate_bps));
    }
    out.spacing_hz = r.spacing;
    out.path_bandwidth_bps = r.path_bandwidth;
    out.reference_power_w = r.power_w;
    out.nb_channels = r.nb_channel;
    out.blocking_reason = r.blocking;
    out.path = r.path;
    out.reverse_path = r.reverse_path;
    out.qot = r.qot;
    out.reverse_qot = r.reverse_qot;
    if (!r.blocking) {
      out.n = r.spectrum.n;
      out.m = r.spectrum.m;
    }
    report.results.push_back(std::move(out));
  }
  return report;
}

}  // namespace lightmesh::qot
