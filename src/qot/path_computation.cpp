#include "qot/path_computation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "io/gnpy_equipment.h"
#include "io/gnpy_topology.h"
#include "io/json_doc.h"
#include "qot/path_request_run.h"
#include "qot/physics_hooks.h"
#include "qot/response.h"
#include "qot/service.h"

namespace lightmesh::qot {
namespace {

using nlohmann::json;

constexpr const char* kService = "gnpy-api:service";
constexpr const char* kTopology = "gnpy-api:topology";
constexpr const char* kEquipment = "gnpy-api:equipment";
constexpr const char* kConfigs = "lightmesh:amplifier-configs";
constexpr const char* kTopologyId = "gnpy-api:topology_id";
constexpr const char* kEquipmentId = "gnpy-api:equipment_id";

Error body_error(std::string pointer, std::string what) {
  return Error::invalid(std::move(what)).at("request body", std::move(pointer));
}

std::string pointer_of(const char* member, std::string_view rest) {
  return "/" + std::string(member) + std::string(rest);
}

// The size of a list member of `object` (0 when absent or not a list).
std::size_t list_size(const json& object, const char* list) {
  if (!object.is_object() || !object.contains(list) || !object[list].is_array()) return 0;
  return object[list].size();
}

// The spans auto-design can make of the topology's fibres, against the limits.
Status check_spans(const physics::ElementNetwork& net) {
  double total = 0;
  for (std::size_t i = 0; i < net.size(); ++i) {
    const auto* fiber = net.at(i).as<physics::FiberElement>();
    if (!fiber) continue;
    const double km = fiber->params.length_m / 1e3;
    const double spans = std::isfinite(km) ? std::floor(km / kMinSplitSpanKm) + 1 : HUGE_VAL;
    if (spans > kMaxSpansPerFiber) {
      return body_error(pointer_of(kTopology, "/elements"),
                        fmt::format("fibre \"{}\" of {} km would be split into more than {} spans "
                                    "(at most {} km per fibre)",
                                    io::printable(net.at(i).uid), km, kMaxSpansPerFiber,
                                    kMaxSpansPerFiber * kMinSplitSpanKm));
    }
    total += spans;
  }
  if (total > kMaxSpans) {
    return body_error(
        pointer_of(kTopology, "/elements"),
        fmt::format("the fibres would be split into {} spans (at most {})", total, kMaxSpans));
  }
  return {};
}

// Each request's transceiver type and mode in the equipment library and its ends in the topology,
// checked here so that a refusal points into the body.
Status check_requests(const ServiceDocument& services, const physics::ElementNetwork& net,
                      const Equipment& eq) {
  for (std::size_t i = 0; i < services.requests.size(); ++i) {
    const ServiceRequest& r = services.requests[i];
    const std::string at = pointer_of(kService, "/path-request/" + std::to_string(i));
    const TransceiverType* trx = eq.find_transceiver(r.trx_type);
    if (!trx) {
      return body_error(
          at + "/path-constraints/te-bandwidth/trx_type",
          "no transceiver \"" + io::printable(r.trx_type) + "\" in the equipment library");
    }
    if (r.trx_mode && std::none_of(trx->modes.begin(), trx->modes.end(),
                                   [&](const auto& m) { return m.format == *r.trx_mode; })) {
      return body_error(at + "/path-constraints/te-bandwidth/trx_mode",
                        "transceiver \"" + io::printable(r.trx_type) + "\" has no mode \"" +
                            io::printable(*r.trx_mode) + "\"");
    }
    for (const auto& [member, uid] :
         {std::pair{"source", &r.source}, std::pair{"destination", &r.destination}}) {
      auto e = net.find(*uid);
      if (!e || net.at(*e).kind() != physics::ElementKind::kTransceiver) {
        return body_error(at + "/" + member,
                          "no transceiver \"" + io::printable(*uid) + "\" in the topology");
      }
    }
  }
  return {};
}

Result<json> run(physics::ElementNetwork net, const Equipment& eq,
                 const ServiceDocument& services) {
  PhysicsCache cache;
  PathRequestRun engine(std::move(net), eq, physics_hooks(eq, &cache));
  LM_ASSIGN_OR_RETURN(RunReport report, engine.run(services, RunOptions{}));
  json response = json::parse(write_gnpy_response(report, engine.network()));
  return response.value("response", json::array());
}

}  // namespace

Result<json> compute_path_request(const json& doc, const physics::GnpyView* loaded,
                                  const Equipment* default_equipment) {
  if (!doc.is_object())
    return body_error("", "expected a JSON object with \"" + std::string(kService) + "\"");
  // GNPy's stored topologies and libraries: nothing is stored here to name. With the document
  // itself beside its id, GNPy takes the document, and so does lightmesh.
  for (const auto& [by_id, given] :
       {std::pair{kTopologyId, kTopology}, std::pair{kEquipmentId, kEquipment}}) {
    if (doc.contains(by_id) && !doc.contains(given)) {
      return body_error(
          "/" + std::string(by_id),
          "a topology or equipment library stored on the server cannot be named here: give "
          "them in the body, \"gnpy-api:topology\" and \"gnpy-api:equipment\" (or neither, "
          "to use the network this server serves)");
    }
  }
  if (!doc.contains(kService) || !doc[kService].is_object())
    return body_error("/" + std::string(kService),
                      "expected an object holding \"path-request\" (GNPy's service file)");
  if (const std::size_t n = list_size(doc[kService], "path-request"); n > kMaxPathRequests) {
    return body_error(
        pointer_of(kService, "/path-request"),
        fmt::format("{} path requests (at most {} in one body)", n, kMaxPathRequests));
  }
  if (doc.contains(kTopology)) {
    if (const std::size_t n = list_size(doc[kTopology], "elements"); n > kMaxTopologyElements) {
      return body_error(
          pointer_of(kTopology, "/elements"),
          fmt::format("{} elements (at most {} in one topology)", n, kMaxTopologyElements));
    }
  }
  LM_ASSIGN_OR_RETURN(ServiceDocument services, read_gnpy_services(doc[kService].dump(), kService));

  const bool has_topology = doc.contains(kTopology);
  const bool has_equipment = doc.contains(kEquipment);
  if (has_topology && !has_equipment && default_equipment) {
    LM_ASSIGN_OR_RETURN(
        physics::ElementNetwork net,
        io::read_gnpy_topology(doc[kTopology].dump(), kTopology, *default_equipment));
    LM_RETURN_IF_ERROR(check_spans(net));
    LM_RETURN_IF_ERROR(check_requests(services, net, *default_equipment));
    return run(std::move(net), *default_equipment, services);
  }
  if (has_topology != has_equipment)
    return body_error("/" + std::string(has_topology ? kEquipment : kTopology),
                      "a topology and an equipment library go together: give both, or neither "
                      "to use the loaded network (a server started with --gnpy-equipment also "
                      "takes a topology alone)");
  if (!has_topology) {
    if (!loaded)
      return body_error("/" + std::string(kTopology),
                        "no network is loaded here: give \"gnpy-api:topology\" and "
                        "\"gnpy-api:equipment\"");
    LM_RETURN_IF_ERROR(check_requests(services, loaded->elements, loaded->equipment));
    return run(loaded->elements, loaded->equipment, services);
  }

  std::map<std::string, std::string> beside;
  if (doc.contains(kConfigs)) {
    if (!doc[kConfigs].is_object())
      return body_error("/" + std::string(kConfigs),
                        "expected an object mapping file names to amplifier configurations");
    for (const auto& [name, config] : doc[kConfigs].items()) beside[name] = config.dump();
  }
  LM_ASSIGN_OR_RETURN(Equipment eq,
                      io::read_gnpy_equipment_text(doc[kEquipment].dump(), kEquipment, beside));
  LM_ASSIGN_OR_RETURN(physics::ElementNetwork net,
                      io::read_gnpy_topology(doc[kTopology].dump(), kTopology, eq));
  LM_RETURN_IF_ERROR(check_spans(net));
  LM_RETURN_IF_ERROR(check_requests(services, net, eq));
  return run(std::move(net), eq, services);
}

}  // namespace lightmesh::qot
