#include "workloads/production.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/bounded.h"
#include "physics/latency.h"
#include "routing/disjoint.h"
#include "routing/graph.h"
#include "workloads/st2110.h"

namespace lightmesh::workloads {

namespace {

Error invalid_at(std::string place, std::string message) {
  return Error::invalid(std::move(message)).at_place(std::move(place));
}

// The latencies of the best link-disjoint pair between two sites over the fibres in service (the
// shorter first), or nullopt.
std::optional<std::pair<double, double>> disjoint_legs_us(
    const Network& net, SiteIndex from, SiteIndex to,
    const std::vector<FiberIndex>& out_of_service) {
  std::vector<routing::EdgeSpec> edges;
  edges.reserve(net.fibers().size());
  for (FiberIndex f = 0; f < net.fibers().size(); ++f)
    if (std::find(out_of_service.begin(), out_of_service.end(), f) == out_of_service.end())
      edges.push_back({net.fiber(f).a, net.fiber(f).b, f, physics::latency_edge_weight(net, f)});
  const routing::Graph graph(static_cast<std::uint32_t>(net.nodes().size()), edges);
  const auto pair = routing::disjoint_pair(graph, net.site(from).node, net.site(to).node,
                                           routing::Disjointness::kLink);
  if (!pair) return std::nullopt;
  const double first =
      physics::route_latency(net, pair->first.nodes, pair->first.fibers).total().value();
  const double second =
      physics::route_latency(net, pair->second.nodes, pair->second.fibers).total().value();
  return std::pair{std::min(first, second), std::max(first, second)};
}

}  // namespace

Result<Choice> choose_production(const Network& net, const SiteMatrix& latency,
                                 const FreeCompute& /*free: production takes no compute*/,
                                 const ProductionSpec& spec) {
  if (latency.size() != net.sites().size())
    return Error::internal("site latency matrix does not match the network");
  const SiteIndex venue = net.find_site(spec.venue);
  if (venue == kNoIndex)
    return invalid_at("/venue", fmt::format("unknown site \"{}\"", spec.venue));
  const SiteIndex gallery = net.find_site(spec.gallery);
  if (gallery == kNoIndex)
    return invalid_at("/gallery", fmt::format("unknown site \"{}\"", spec.gallery));
  if (gallery == venue)
    return invalid_at("/gallery", "the gallery is the venue itself: nothing to carry");
  if (spec.cameras == 0) return invalid_at("/cameras", "0 cameras (expected ≥ 1)");
  const std::optional<double> per_camera = st2110_gbps(spec.format);
  if (!per_camera) {
    return invalid_at("/format", fmt::format("unknown format \"{}\" (expected one of {})",
                                             spec.format, st2110_format_list()));
  }
  if (!(spec.max_one_way_us > 0) || !std::isfinite(spec.max_one_way_us))
    return invalid_at("/max_one_way_us", "expected a positive one-way bound in µs");

  const bool protect = spec.redundancy == Redundancy::kSt2022_7;
  const double total = spec.cameras * *per_camera;
  Choice choice;
  choice.sites = {SiteShare{.site = venue, .role = "venue"},
                  SiteShare{.site = gallery, .role = "gallery"}};

  if (!latency.reachable(venue, gallery)) {
    choice.refusal =
        Refusal{"NO_PATH", "path", fmt::format("no route from {} to {}", spec.venue, spec.gallery)};
    return choice;
  }
  const double one_way = latency.one_way_us(venue, gallery);
  if (one_way > spec.max_one_way_us) {
    choice.refusal = Refusal{
        "LATENCY_BOUND", "max_one_way_us",
        fmt::format("the lowest-latency route {}→{} takes {:.1f} µs one way > max_one_way_us {:g}",
                    spec.venue, spec.gallery, one_way, spec.max_one_way_us)};
    return choice;
  }
  std::optional<std::pair<double, double>> legs;
  if (protect) {
    legs = disjoint_legs_us(net, venue, gallery, latency.out_of_service());
    if (!legs) {
      choice.refusal = Refusal{
          "NO_PATH", "disjoint_paths",
          fmt::format(
              "ST 2022-7 needs two link-disjoint routes {}→{}; the network has no such pair",
              spec.venue, spec.gallery)};
      return choice;
    }
    if (legs->second > spec.max_one_way_us) {
      choice.refusal = Refusal{
          "LATENCY_BOUND", "max_one_way_us",
          fmt::format("the best disjoint pair {}→{} has a {:.1f} µs leg > max_one_way_us {:g}",
                      spec.venue, spec.gallery, legs->second, spec.max_one_way_us)};
      return choice;
    }
  }

  // Cameras per service: as many whole feeds as fit one service, at least one.
  const std::uint32_t per_service = std::max<std::uint32_t>(
      1, saturate<std::uint32_t>(std::floor(kProductionServiceGbps / *per_camera + 1e-9)));
  const std::uint32_t services = (spec.cameras + per_service - 1) / per_service;
  const std::string group =
      services > 1 || protect ? "production " + spec.venue + "→" + spec.gallery : "";
  for (std::uint32_t i = 0, left = spec.cameras; i < services; ++i) {
    const std::uint32_t n = std::min(per_service, left);
    left -= n;
    choice.links.push_back(LinkNeed{
        .a = venue,
        .b = gallery,
        .gbps = n * *per_camera,
        .disjoint_pair = protect,
        .max_one_way_us = spec.max_one_way_us,
        .latency_group = group,
        .purpose = fmt::format("camera feeds {}–{} of {} ({} {})", spec.cameras - left - n + 1,
                               spec.cameras - left, spec.cameras, n, spec.format)});
  }

  choice.prediction["gbps_per_camera"] = *per_camera;
  choice.prediction["cameras"] = spec.cameras;
  choice.prediction["total_gbps"] = total;
  choice.prediction["services"] = services;
  choice.prediction["one_way_us"] = one_way;
  if (protect) {
    choice.prediction["booked_gbps"] = 2 * total;  // every stream on both legs
    choice.prediction["working_one_way_us"] = legs->first;
    choice.prediction["protect_one_way_us"] = legs->second;
    // Equalised legs: both padded to the longer one.
    choice.prediction["equalized_one_way_us"] = legs->second;
  }
  return choice;
}

}  // namespace lightmesh::workloads
