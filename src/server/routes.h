// Every route the controller answers, one list per resource, each defined in its own file beside
// its handlers. docs/api/openapi.yaml describes exactly these (tests/server/openapi_test.cpp).
//
//   const RouteTable& table = controller_routes();
//   for (const Route& r : table.routes()) std::cout << r.method << ' ' << r.pattern << '\n';
//
// The table is built once, on first use, and never changes; thread-safe.
#pragma once

#include <vector>

#include "server/route_table.h"

namespace lightmesh::server {

std::vector<Route> status_routes();            // /healthz, /metrics (status_routes.cpp)
std::vector<Route> services_routes();          // /api/v1/services
std::vector<Route> fibers_routes();            // /api/v1/fibers
std::vector<Route> failures_routes();          // /api/v1/failures
std::vector<Route> events_routes();            // /api/v1/events
std::vector<Route> workloads_routes();         // /api/v1/workloads
std::vector<Route> network_routes();           // /api/v1/network
std::vector<Route> devices_routes();           // /api/v1/devices: the southbound's devices
std::vector<Route> twin_routes();              // /api/v1/twin: the simulator from the live state
std::vector<Route> console_routes();           // /, /console/{file}: the web console
std::vector<Route> path_computation_routes();  // GNPy's APIs: /api/v1/…, /api/v0.2/…
std::vector<Route> tapi_routes();              // /restconf/… (tapi.cpp)
std::vector<Route>
tapi_notification_routes();  // /restconf/…tapi-notification… (tapi_notification.cpp)

const RouteTable& controller_routes();

}  // namespace lightmesh::server
