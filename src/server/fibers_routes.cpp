// /api/v1/fibers: the network's fibres, their state and what their spectrum holds. A tenant is
// shown the slots its own services hold; admin and read-only tokens see every booking.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/json_doc.h"
#include "physics/latency.h"
#include "physics/span_design.h"
#include "rsa/lightpath_json.h"
#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"
#include "spectrum/spectrum_state.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

// The slots on each fibre (one direction) that the caller is shown as used.
class SlotsShown {
 public:
  explicit SlotsShown(Call& call)
      : fabric_(call.fabric()),
        tenant_(call.tenant),
        held_(tenant_.empty() ? std::vector<std::uint64_t>{} : slots_held(fabric_, tenant_)) {}
  // `reverse`: the b→a direction. A lightpath holds the same slots both ways, so a tenant's own
  // slots are the same in each.
  std::uint64_t on(FiberIndex f, bool reverse = false) const {
    if (!tenant_.empty()) return held_[f];
    return fabric_.planner().spectrum().link(spectrum::link_index(f, reverse)).used();
  }

 private:
  const fabric::Fabric& fabric_;
  const std::string& tenant_;
  const std::vector<std::uint64_t> held_;
};

// The spans the line model cuts the fibre into (physics/span_design.h): as the file states them,
// else equal spans from the stated amplifier count, else the fewest no longer than max_span_km.
json spans_json(const Network& net, FiberIndex f) {
  json spans = json::array();
  for (const physics::SpanDesign& s : physics::span_design(net, f)) {
    spans.push_back({{"length_km", rsa::round_to(s.length_km, 3)},
                     {"loss_db", rsa::round_to(s.loss_db, 3)},
                     {"loss_stated", s.loss_stated}});
  }
  return spans;
}

HttpResponse list_fibers(Call& call) {
  const fabric::Fabric& fabric = call.fabric();
  const Network& net = call.net();
  const auto& grid = fabric.planner().spectrum().grid();
  const SlotsShown used_on(call);
  json items = json::array();
  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    const Fiber& fib = net.fiber(f);
    const std::uint64_t used = used_on.on(f);
    items.push_back(
        {{"id", fib.id},
         {"a", net.node(fib.a).id},
         {"b", net.node(fib.b).id},
         {"length_km", rsa::round_to(fib.length.value(), 3)},
         // One way through the glass and its in-line amplifiers (physics/latency.h), so a reader of
         // one fibre sees what it adds to every route over it.
         {"latency_us", rsa::round_to(physics::fiber_latency(net, f).value(), 3)},
         {"amplifiers", fib.amplifiers},
         // What latency_us is made of: the glass's group delay per km and each amplifier's delay.
         {"us_per_km", fib.delay.value()},
         {"amplifier_us", net.latency().amplifier.value()},
         {"spans", spans_json(net, f)},
         {"state", fabric.planner().fiber_down(f) ? "cut" : "up"},
         {"slots_used", used},
         {"slots_total", grid.slot_count()},
         {"utilisation", rsa::round_to(static_cast<double>(used) / grid.slot_count(), 6)}});
  }
  return json_response(200, {{"items", items}});
}

HttpResponse fiber_spectrum(Call& call) {
  const fabric::Fabric& fabric = call.fabric();
  const auto& grid = fabric.planner().spectrum().grid();
  const Network& net = call.net();
  const std::string id = call.param(0);
  const FiberIndex f = net.find_fiber(id);
  if (f == kNoIndex)
    return error_response(404, "not_found", "no fibre \"" + io::printable(id) + "\"", "id");
  const Fiber& fib = net.fiber(f);
  json channels = json::array();
  // Per direction (a→b, then b→a), each channel with the way its lightpath's signal runs there:
  // "forward" from the service's first node towards its last, "return" back.
  json directed[2] = {json::array(), json::array()};
  for (const fabric::Service* s : fabric.list(call.tenant, "", SIZE_MAX)) {
    for (const auto& lp : s->lightpaths) {
      const auto& fibers = lp.path.fibers;
      const auto at = std::find(fibers.begin(), fibers.end(), f);
      if (at == fibers.end()) continue;
      const json channel = {
          {"service", s->id},
          {"first_slot", lp.path.slots.first},
          {"slot_count", lp.path.slots.count},
          {"n", spectrum::n_of(grid, lp.path.slots)},
          {"m", spectrum::m_of(lp.path.slots)},
          {"center_thz", rsa::round_to(spectrum::center_thz(grid, lp.path.slots), 6)},
          {"width_ghz", spectrum::width(lp.path.slots).value()}};
      channels.push_back(channel);
      // The route enters fibre i at nodes[i]: from a, its forward signal runs a→b.
      const auto i = static_cast<std::size_t>(at - fibers.begin());
      const bool forward_is_a_to_b = i < lp.path.nodes.size() && lp.path.nodes[i] == fib.a;
      json a_to_b = channel;
      a_to_b["heading"] = forward_is_a_to_b ? "forward" : "return";
      json b_to_a = channel;
      b_to_a["heading"] = forward_is_a_to_b ? "return" : "forward";
      directed[0].push_back(std::move(a_to_b));
      directed[1].push_back(std::move(b_to_a));
    }
  }
  const SlotsShown used(call);
  const std::string a = net.node(fib.a).id;
  const std::string b = net.node(fib.b).id;
  json directions = json::array();
  directions.push_back(
      {{"from", a}, {"to", b}, {"slots_used", used.on(f, false)}, {"channels", directed[0]}});
  directions.push_back(
      {{"from", b}, {"to", a}, {"slots_used", used.on(f, true)}, {"channels", directed[1]}});
  return json_response(200, {{"fiber", id},
                             {"slots_total", grid.slot_count()},
                             {"slots_used", used.on(f)},
                             {"channels", channels},
                             {"a", a},
                             {"b", b},
                             {"directions", directions}});
}

}  // namespace

std::vector<Route> fibers_routes() {
  return {
      {.method = "GET", .pattern = "/api/v1/fibers", .handle = list_fibers},
      {.method = "GET", .pattern = "/api/v1/fibers/{id}/spectrum", .handle = fiber_spectrum},
  };
}

}  // namespace lightmesh::server
