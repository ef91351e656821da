#include "workloads/inference.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "workloads/power.h"

namespace lightmesh::workloads {

namespace {

Error invalid_at(std::string place, std::string message) {
  return Error::invalid(std::move(message)).at_place(std::move(place));
}

struct Candidate {
  SiteIndex site = kNoIndex;
  std::string model;
  double rtt_us = 0;
  double cost_usd_h = 0;
  std::string failed_rule;  // empty when it passes every rule
  std::string failed_why;
};

// The rules in the order they are applied; each narrows the one before.
constexpr const char* kRules[] = {"residency", "gpus", "confidential", "diskless", "max_rtt_us"};

std::string reason_of(const std::string& rule) {
  if (rule == "residency") return "RESIDENCY";
  if (rule == "max_rtt_us") return "LATENCY_BOUND";
  return "NO_CAPACITY";
}

Status check_document(const Network& net, const InferenceSpec& spec) {
  if (net.find_site(spec.data_site) == kNoIndex)
    return invalid_at("/data_site", fmt::format("unknown site \"{}\"", spec.data_site));
  if (spec.allowed_jurisdictions.empty())
    return invalid_at("/allowed_jurisdictions",
                      "no jurisdiction allowed (expected at least one, e.g. [\"JP\"])");
  if (spec.gpus == 0) return invalid_at("/gpus", "0 GPUs requested (expected ≥ 1)");
  if (!(spec.bandwidth_gbps > 0) || !std::isfinite(spec.bandwidth_gbps))
    return invalid_at("/bandwidth_gbps", "expected a positive bandwidth in Gbps");
  if (!(spec.max_rtt_us > 0) || !std::isfinite(spec.max_rtt_us))
    return invalid_at("/max_rtt_us", "expected a positive RTT budget in µs");
  std::uint64_t total = 0;
  std::set<std::string> models;
  for (const Site& s : net.sites()) {
    if (!s.compute) continue;
    for (const GpuPool& p : s.compute->gpus) {
      models.insert(p.model);
      if (spec.gpu_model.empty() || p.model == spec.gpu_model) total += p.count;
    }
  }
  if (!spec.gpu_model.empty() && !models.count(spec.gpu_model)) {
    return invalid_at(
        "/gpu_model",
        fmt::format("no site has GPUs of model \"{}\" (the network has: {})", spec.gpu_model,
                    models.empty() ? "none" : fmt::format("{}", fmt::join(models, ", "))));
  }
  if (spec.gpus > total) {
    return invalid_at("/gpus",
                      fmt::format("{} GPUs requested, the whole network has {}{}", spec.gpus, total,
                                  spec.gpu_model.empty() ? "" : " of " + spec.gpu_model));
  }
  return Status::ok();
}

// Applies the rules to one (site, model) pair; fills failed_rule with the first one it breaks.
void judge(const Network& net, const SiteMatrix& latency, const FreeCompute& free,
           const InferenceSpec& spec, SiteIndex data, Candidate& c) {
  const Site& site = net.site(c.site);
  const auto& allowed = spec.allowed_jurisdictions;
  const std::uint32_t any = free.gpus(c.site, c.model);
  const std::uint32_t conf = free.gpus(c.site, c.model, spec.confidential, false);
  const std::uint32_t both = free.gpus(c.site, c.model, spec.confidential, spec.diskless);
  c.rtt_us = latency.rtt_us(data, c.site);
  if (std::find(allowed.begin(), allowed.end(), site.jurisdiction) == allowed.end()) {
    c.failed_rule = "residency";
    c.failed_why = fmt::format("jurisdiction \"{}\" is not allowed", site.jurisdiction);
  } else if (any < spec.gpus) {
    c.failed_rule = "gpus";
    c.failed_why = fmt::format("{} free {} GPUs, {} needed", any, c.model, spec.gpus);
  } else if (conf < spec.gpus) {
    c.failed_rule = "confidential";
    c.failed_why = fmt::format("{} free {} GPUs in confidential-computing pools, {} needed", conf,
                               c.model, spec.gpus);
  } else if (both < spec.gpus) {
    c.failed_rule = "diskless";
    c.failed_why = fmt::format("{} free {} GPUs in diskless{} pools, {} needed", both, c.model,
                               spec.confidential ? " confidential" : "", spec.gpus);
  } else if (!latency.reachable(data, c.site) || c.rtt_us > spec.max_rtt_us) {
    c.failed_rule = "max_rtt_us";
    c.failed_why = latency.reachable(data, c.site)
                       ? fmt::format("RTT {:.1f} µs > max_rtt_us {:g}", c.rtt_us, spec.max_rtt_us)
                       : std::string("unreachable from the data site");
  }
  c.cost_usd_h = energy_usd_per_hour(site, spec.gpus * gpu_kw(c.model));
}

std::vector<SiteShare> shares(const Candidate& c, SiteIndex data, std::uint32_t gpus) {
  return {SiteShare{.site = data, .role = "data"},
          SiteShare{.site = c.site, .gpu_model = c.model, .gpus = gpus, .role = "processing"}};
}

}  // namespace

std::string inference_rtt_rule(double rtt_us, double max_rtt_us) {
  return fmt::format("RTT {:.1f} µs ≤ max_rtt_us {:g} on a dedicated lightpath", rtt_us,
                     max_rtt_us);
}

Result<Choice> choose_inference(const Network& net, const SiteMatrix& latency,
                                const FreeCompute& free, const InferenceSpec& spec) {
  if (latency.size() != net.sites().size())
    return Error::internal("site latency matrix does not match the network");
  LM_RETURN_IF_ERROR(check_document(net, spec));
  const SiteIndex data = net.find_site(spec.data_site);

  std::vector<Candidate> candidates;
  for (SiteIndex s = 0; s < net.sites().size(); ++s) {
    std::set<std::string> models;
    if (!spec.gpu_model.empty()) {
      models.insert(spec.gpu_model);
    } else if (s < free.sites.size()) {
      for (const GpuPool& p : free.sites[s].gpus) models.insert(p.model);
    }
    if (models.empty()) models.insert("");  // judged too, so "residency" can still name a site
    for (const std::string& m : models) {
      Candidate c{.site = s, .model = m};
      judge(net, latency, free, spec, data, c);
      candidates.push_back(std::move(c));
    }
  }
  auto better = [](const Candidate& a, const Candidate& b) {
    return std::tie(a.cost_usd_h, a.rtt_us, a.site, a.model) <
           std::tie(b.cost_usd_h, b.rtt_us, b.site, b.model);
  };
  std::vector<Candidate> passing;
  for (const Candidate& c : candidates)
    if (c.failed_rule.empty()) passing.push_back(c);
  std::sort(passing.begin(), passing.end(), better);

  Choice choice;
  if (passing.empty()) {
    // The last rule any candidate reached is the one that removed the last of them.
    std::size_t deepest = 0;
    for (const Candidate& c : candidates) {
      const auto at = std::find(std::begin(kRules), std::end(kRules), c.failed_rule);
      deepest = std::max<std::size_t>(deepest, at - std::begin(kRules));
    }
    const std::string rule = kRules[deepest];
    std::vector<std::string> lines;
    for (const Candidate& c : candidates) {
      if (c.failed_rule != rule || lines.size() == 3) continue;
      lines.push_back(fmt::format("{}: {}", net.site(c.site).id, c.failed_why));
    }
    std::string detail;
    if (rule == "residency") {
      detail = fmt::format("no site in an allowed jurisdiction ({})",
                           fmt::join(spec.allowed_jurisdictions, ", "));
    } else {
      detail = fmt::format("no site passes \"{}\" after the earlier rules", rule);
    }
    if (!lines.empty()) detail += fmt::format(" — {}", fmt::join(lines, "; "));
    choice.refusal = Refusal{reason_of(rule), rule, detail};
    return choice;
  }

  const Candidate& best = passing.front();
  const Site& gpu_site = net.site(best.site);
  choice.sites = shares(best, data, spec.gpus);
  choice.cost_usd_h = best.cost_usd_h;
  if (best.site != data) {
    choice.links.push_back(
        LinkNeed{.a = data,
                 .b = best.site,
                 .gbps = spec.bandwidth_gbps,
                 .max_one_way_us = spec.max_rtt_us / 2,
                 .purpose = "inference data " + spec.data_site + "↔" + gpu_site.id});
  }

  choice.prediction["rtt_us"] = best.rtt_us;
  choice.prediction["one_way_us"] = best.rtt_us / 2;
  choice.prediction["gbps"] = spec.bandwidth_gbps;
  choice.prediction["gpu_site"] = gpu_site.id;
  choice.prediction["gpu_model"] = best.model;
  choice.prediction["energy_usd_h"] = best.cost_usd_h;
  if (spec.request_rate_per_s && spec.request_kb) {
    // kB as 1,000 bytes; the offered load against the dedicated capacity.
    const double offered_gbps = *spec.request_rate_per_s * *spec.request_kb * 8e3 / 1e9;
    choice.prediction["offered_gbps"] = offered_gbps;
    choice.prediction["link_utilisation"] = offered_gbps / spec.bandwidth_gbps;
  }

  choice.audit["data_at_rest"] = nlohmann::ordered_json::array({spec.data_site});
  choice.audit["processed_at"] = nlohmann::ordered_json::array({gpu_site.id});
  choice.audit["jurisdiction"] = gpu_site.jurisdiction;
  choice.audit["confidential"] = spec.confidential;
  choice.audit["diskless"] = spec.diskless;
  auto& rules = choice.audit["rules"] = nlohmann::ordered_json::array();
  rules.push_back(fmt::format("data at rest only at {} (the data site)", spec.data_site));
  rules.push_back(fmt::format("processed at {} in {}, allowed: {}", gpu_site.id,
                              gpu_site.jurisdiction, fmt::join(spec.allowed_jurisdictions, ", ")));
  rules.push_back(spec.confidential
                      ? fmt::format("{} GPUs from confidential-computing pools", spec.gpus)
                      : std::string("confidential computing not required"));
  rules.push_back(spec.diskless ? fmt::format("diskless nodes: nothing at rest at {}", gpu_site.id)
                                : std::string("diskless nodes not required"));
  rules.push_back(best.site == data ? std::string("processed at the data site: no lightpath needed")
                                    : inference_rtt_rule(best.rtt_us, spec.max_rtt_us));

  // Runners-up that met every rule, then the nearest ones a rule removed.
  for (std::size_t i = 1; i < passing.size() && choice.alternatives.size() < 3; ++i) {
    const Candidate& c = passing[i];
    Alternative alt{.sites = shares(c, data, spec.gpus), .cost_usd_h = c.cost_usd_h};
    alt.detail["rtt_us"] = c.rtt_us;
    alt.why = c.cost_usd_h > best.cost_usd_h
                  ? fmt::format("costs {:.0f} % more",
                                100 * (c.cost_usd_h - best.cost_usd_h) / best.cost_usd_h)
                  : fmt::format("same cost, RTT {:.1f} µs ≥ {:.1f} µs", c.rtt_us, best.rtt_us);
    choice.alternatives.push_back(std::move(alt));
  }
  std::vector<Candidate> removed;
  for (const Candidate& c : candidates)
    if (!c.failed_rule.empty() && !c.model.empty()) removed.push_back(c);
  std::sort(removed.begin(), removed.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.rtt_us, a.site) < std::tie(b.rtt_us, b.site);
  });
  for (const Candidate& c : removed) {
    if (choice.alternatives.size() >= 5) break;
    Alternative alt{.sites = shares(c, data, spec.gpus), .cost_usd_h = c.cost_usd_h};
    alt.detail["rule"] = c.failed_rule;
    alt.why = c.failed_rule + ": " + c.failed_why;
    choice.alternatives.push_back(std::move(alt));
  }
  return choice;
}

}  // namespace lightmesh::workloads
