// /api/v1/network: the served network's sites and optical nodes with their positions, which the
// console needs to draw the map (the fibres and their state are /api/v1/fibers).
#include <nlohmann/json.hpp>

#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

void add_position(json& out, const std::optional<LatLon>& p) {
  if (!p) return;
  out["lat"] = p->lat;
  out["lon"] = p->lon;
}

HttpResponse get_network(Call& call) {
  const Network& net = call.net();
  json sites = json::array();
  for (const Site& s : net.sites()) {
    json site = {{"id", s.id}, {"name", s.name}, {"kind", s.kind}};
    add_position(site, s.position);
    sites.push_back(std::move(site));
  }
  // Every site is also a ROADM node with the site's id; only the others are listed here.
  json nodes = json::array();
  for (const OpticalNode& n : net.nodes()) {
    if (n.site != kNoIndex) continue;
    json node = {{"id", n.id}, {"name", n.name}, {"kind", node_kind_name(n.kind)}};
    add_position(node, n.position);
    nodes.push_back(std::move(node));
  }
  return json_response(200, {{"name", net.name()}, {"sites", sites}, {"nodes", nodes}});
}

}  // namespace

std::vector<Route> network_routes() {
  // The network is fixed for the server's life: no lock is needed to read it.
  return {{.method = "GET", .pattern = "/api/v1/network", .unlocked = true, .handle = get_network}};
}

}  // namespace lightmesh::server
