// /api/v1/fibers: the network's fibres, their state and what their spectrum holds. A tenant is
// shown the slots its own services hold; admin and read-only tokens see every booking.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "io/json_doc.h"
#include "physics/latency.h"
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
  std::uint64_t on(FiberIndex f) const {
    if (!tenant_.empty()) return held_[f];
    return fabric_.planner().spectrum().link(spectrum::link_index(f, false)).used();
  }

 private:
  const fabric::Fabric& fabric_;
  const std::string& tenant_;
  const std::vector<std::uint64_t> held_;
};

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
  const std::string id = call.param(0);
  const FiberIndex f = call.net().find_fiber(id);
  if (f == kNoIndex)
    return error_response(404, "not_found", "no fibre \"" + io::printable(id) + "\"", "id");
  json channels = json::array();
  for (const fabric::Service* s : fabric.list(call.tenant, "", SIZE_MAX)) {
    for (const auto& lp : s->lightpaths) {
      if (std::find(lp.path.fibers.begin(), lp.path.fibers.end(), f) == lp.path.fibers.end())
        continue;
      channels.push_back(
          {{"service", s->id},
           {"first_slot", lp.path.slots.first},
           {"slot_count", lp.path.slots.count},
           {"n", spectrum::n_of(grid, lp.path.slots)},
           {"m", spectrum::m_of(lp.path.slots)},
           {"center_thz", rsa::round_to(spectrum::center_thz(grid, lp.path.slots), 6)},
           {"width_ghz", spectrum::width(lp.path.slots).value()}});
    }
  }
  return json_response(200, {{"fiber", id},
                             {"slots_total", grid.slot_count()},
                             {"slots_used", SlotsShown(call).on(f)},
                             {"channels", channels}});
}

}  // namespace

std::vector<Route> fibers_routes() {
  return {
      {.method = "GET", .pattern = "/api/v1/fibers", .handle = list_fibers},
      {.method = "GET", .pattern = "/api/v1/fibers/{id}/spectrum", .handle = fiber_spectrum},
  };
}

}  // namespace lightmesh::server
