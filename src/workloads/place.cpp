#include "workloads/place.h"

#include <fmt/format.h>

#include <algorithm>

#include "rsa/lightpath_json.h"
#include "workloads/cluster.h"
#include "workloads/inference.h"
#include "workloads/placement_json.h"
#include "workloads/production.h"
#include "workloads/provisioned.h"
#include "workloads/site_search.h"
#include "workloads/training.h"
#include "workloads/validator.h"

namespace lightmesh::workloads {

namespace {

// Undoes the services a half-provisioned placement created. Removing a service the fabric has just
// created cannot fail, so nothing is left behind.
void roll_back(fabric::Fabric& fabric, const std::vector<std::string>& services) {
  for (auto it = services.rbegin(); it != services.rend(); ++it) (void)fabric.remove(*it);
}

Choice refused(std::string reason, std::string rule, std::string detail) {
  Choice c;
  c.refusal = Refusal{std::move(reason), std::move(rule), std::move(detail)};
  return c;
}

// The one-way latency the traffic of a service sees now: its slowest carrying lightpath, padding
// included.
double carried_one_way_us(const fabric::Service& s) {
  double worst = 0;
  for (const fabric::ServiceLightpath* lp : s.carrying())
    worst = std::max(worst, lp->path.one_way.value() + lp->added_delay.value());
  return worst;
}

// Names the pools a GPU grant takes from when the workload needs confidential or diskless nodes:
// left to the fabric, pool order could hand out GPUs of a pool without the property.
std::vector<fabric::PoolShare> pools_for(const Compute& free, const std::string& model,
                                         std::uint32_t gpus, bool confidential, bool diskless) {
  std::vector<fabric::PoolShare> pools;
  for (std::uint32_t i = 0; i < free.gpus.size() && gpus > 0; ++i) {
    const GpuPool& pool = free.gpus[i];
    if (pool.model != model || (confidential && !pool.confidential) ||
        (diskless && !pool.diskless) || pool.count == 0)
      continue;
    const std::uint32_t take = std::min(gpus, pool.count);
    pools.push_back({.pool = i, .gpus = take});
    gpus -= take;
  }
  return pools;
}

std::vector<fabric::ComputeGrant> grants_of(const Network& net, const FreeCompute& free,
                                            const WorkloadSpec& spec, const Choice& choice) {
  const auto* inference = std::get_if<InferenceSpec>(&spec.body);
  std::vector<fabric::ComputeGrant> grants;
  for (const SiteShare& s : choice.sites) {
    if (s.gpus == 0 && s.cpu_cores == 0 && s.storage_tb <= 0) continue;
    fabric::ComputeGrant g{.site = net.site(s.site).id,
                           .gpu_model = s.gpus > 0 ? s.gpu_model : std::string(),
                           .gpus = s.gpus,
                           .cpu_cores = s.cpu_cores,
                           .storage_tb = s.storage_tb,
                           .role = s.role};
    if (inference && s.gpus > 0 && (inference->confidential || inference->diskless))
      g.pools = pools_for(free.sites[s.site], s.gpu_model, s.gpus, inference->confidential,
                          inference->diskless);
    grants.push_back(std::move(g));
  }
  return grants;
}

}  // namespace

Result<Choice> choose(const Network& net, const SiteMatrix& latency, const FreeCompute& free,
                      const WorkloadSpec& spec) {
  return std::visit(
      [&](const auto& body) -> Result<Choice> {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, TrainingSpec>) {
          return choose_training(net, latency, free, body);
        } else if constexpr (std::is_same_v<T, InferenceSpec>) {
          return choose_inference(net, latency, free, body);
        } else if constexpr (std::is_same_v<T, ClusterSpec>) {
          return choose_cluster(net, latency, free, body);
        } else if constexpr (std::is_same_v<T, SitesSpec>) {
          return choose_sites(net, latency, free, body);
        } else {
          return choose_production(net, latency, free, body);
        }
      },
      spec.body);
}

FreeCompute free_compute_of(const fabric::Fabric& fabric) {
  FreeCompute free;
  free.sites = fabric.free_compute();
  return free;
}

FabricSnapshot snapshot_of(const fabric::Fabric& fabric) {
  FabricSnapshot s;
  // Choose over the fibres in service: a cut fibre carries nothing.
  for (FiberIndex f = 0; f < fabric.network().fibers().size(); ++f)
    if (fabric.planner().fiber_down(f)) s.cut.push_back(f);
  s.free = free_compute_of(fabric);
  return s;
}

Decision decide(const Network& net, FabricSnapshot basis, const WorkloadSpec& spec) {
  SiteMatrix latency = SiteMatrix::build(net, basis.cut);
  Result<Choice> choice = choose(net, latency, basis.free, spec);
  return Decision{
      .basis = std::move(basis), .latency = std::move(latency), .choice = std::move(choice)};
}

bool still_current(const fabric::Fabric& fabric, const Decision& decision) {
  const FabricSnapshot now = snapshot_of(fabric);
  return now.cut == decision.basis.cut && now.free.sites == decision.basis.free.sites;
}

Result<Placed> place(fabric::Fabric& fabric, const WorkloadSpec& spec,
                     const std::string& document) {
  return book(fabric, spec, document, decide(fabric.network(), snapshot_of(fabric), spec));
}

Result<Placed> book(fabric::Fabric& fabric, const WorkloadSpec& spec, const std::string& document,
                    const Decision& decision) {
  const Network& net = fabric.network();
  const SiteMatrix& latency = decision.latency;
  const FreeCompute& free = decision.basis.free;
  Placed placed;
  LM_ASSIGN_OR_RETURN(placed.choice, decision.choice);
  Choice& choice = placed.choice;
  if (choice.refusal) {
    placed.answer = answer_json(fabric, latency, spec, placed);
    return placed;
  }

  // Latency groups are fabric-wide names: a per-placement prefix keeps two workloads' groups apart.
  const std::string group_prefix = fmt::format("workload-e{}:", fabric.events().size() + 1);
  const std::string label = spec.name.empty() ? workload_kind_name(spec.kind()) : spec.name;
  for (const LinkNeed& link : choice.links) {
    fabric::ServiceRequest request{.tenant = spec.tenant,
                                   .name = label + ": " + link.purpose,
                                   .from = net.site(link.a).id,
                                   .to = net.site(link.b).id,
                                   .bandwidth = Gbps{link.gbps}};
    if (link.max_one_way_us) request.max_one_way = Microseconds{*link.max_one_way_us};
    // A workload keeps its promises through a cut: a disjoint pair switches legs, any other link
    // is re-routed on spare spectrum within its bound.
    request.protection = link.disjoint_pair ? fabric::ServiceProtection::kOnePlusOne
                                            : fabric::ServiceProtection::kRestore;
    if (!link.latency_group.empty()) request.latency_group = group_prefix + link.latency_group;
    fabric::Refusal why;
    auto created = fabric.create(std::move(request), &why);
    if (!created) {
      roll_back(fabric, placed.services);
      if (created.error().code() != ErrorCode::kUnsupported) return created.error();
      Placed out;
      out.choice =
          refused(why.reason, "lightpaths",
                  fmt::format("cannot provision {} Gbps {}–{} ({}): {}", link.gbps,
                              net.site(link.a).id, net.site(link.b).id, link.purpose, why.detail));
      out.answer = answer_json(fabric, latency, spec, out);
      return out;
    }
    placed.services.push_back((*created)->id);
  }
  // Equalisation may pad a service after it was created: read the latencies once all exist.
  for (const std::string& id : placed.services)
    placed.one_way_us.push_back(carried_one_way_us(*fabric.find(id)));
  // What was provisioned, beside the placer's estimate over the best routes.
  nlohmann::ordered_json provisioned = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < choice.links.size(); ++i) {
    provisioned.push_back({{"service", placed.services[i]},
                           {"a", net.site(choice.links[i].a).id},
                           {"b", net.site(choice.links[i].b).id},
                           {"gbps", choice.links[i].gbps},
                           {"one_way_us", rsa::round_to(placed.one_way_us[i], 3)}});
  }

  if (const auto* training = std::get_if<TrainingSpec>(&spec.body)) {
    auto figure = [&](SiteIndex a, SiteIndex b) -> std::optional<LinkFigure> {
      for (std::size_t i = 0; i < choice.links.size(); ++i) {
        const LinkNeed& l = choice.links[i];
        if ((l.a == a && l.b == b) || (l.a == b && l.b == a))
          return LinkFigure{placed.one_way_us[i], l.gbps};
      }
      return std::nullopt;
    };
    auto prediction = predict_training(net, *training, choice.sites, figure);
    if (!prediction) {
      roll_back(fabric, placed.services);
      return prediction.error();
    }
    choice.prediction = std::move(*prediction);
    const double slowdown = choice.prediction.value("slowdown", 0.0);
    if (slowdown > training->max_slowdown) {
      roll_back(fabric, placed.services);
      Placed out;
      out.choice =
          refused("SLOWDOWN", "max_slowdown",
                  fmt::format("over the routes the spectrum allows, the slowdown is {:.3f} > "
                              "max_slowdown {:.3f}",
                              slowdown, training->max_slowdown));
      out.answer = answer_json(fabric, latency, spec, out);
      return out;
    }
  }

  restate_from_provisioned(fabric, latency, spec, placed);
  choice.prediction["provisioned"] = std::move(provisioned);

  const std::vector<std::string> broken =
      violations(net, latency, free, spec, choice, &placed.one_way_us);
  if (!broken.empty()) {
    roll_back(fabric, placed.services);
    std::string all;
    for (const std::string& b : broken) all += (all.empty() ? "" : "; ") + b;
    return Error::internal("placement failed its independent check: " + all);
  }

  placed.answer = answer_json(fabric, latency, spec, placed);
  fabric::Workload w{.tenant = spec.tenant,
                     .name = spec.name,
                     .kind = workload_kind_name(spec.kind()),
                     .grants = grants_of(net, free, spec, choice),
                     .services = placed.services,
                     .document = document,
                     .answer = placed.answer.dump()};
  auto booked = fabric.add_workload(std::move(w));
  if (!booked) {
    roll_back(fabric, placed.services);
    return booked.error();
  }
  placed.workload = (*booked)->id;
  return placed;
}

}  // namespace lightmesh::workloads
