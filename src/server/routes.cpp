#include "server/routes.h"

namespace lightmesh::server {

const RouteTable& controller_routes() {
  // Services first: their create is the busiest request, and a match stops at the first entry.
  static const RouteTable table = [] {
    std::vector<Route> all;
    for (auto list :
         {services_routes, workloads_routes, fibers_routes, failures_routes, events_routes,
          network_routes, devices_routes, twin_routes, path_computation_routes, status_routes,
          tapi_routes, tapi_notification_routes, console_routes}) {
      for (Route& r : list()) all.push_back(r);
    }
    return RouteTable(std::move(all));
  }();
  return table;
}

}  // namespace lightmesh::server
