#include "qot/path_computation.h"

#include <map>
#include <nlohmann/json.hpp>

#include "io/gnpy_equipment.h"
#include "io/gnpy_topology.h"
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

Error body_error(std::string pointer, std::string what) {
  return Error::invalid(std::move(what)).at("request body", std::move(pointer));
}

Result<std::string> run(physics::ElementNetwork net, const Equipment& eq,
                        const ServiceDocument& services) {
  PhysicsCache cache;
  PathRequestRun engine(std::move(net), eq, physics_hooks(eq, &cache));
  LM_ASSIGN_OR_RETURN(RunReport report, engine.run(services, RunOptions{}));
  // GNPy's server wraps the file-form response in "result".
  json response = json::parse(write_gnpy_response(report, engine.network()));
  json answer = {{"result", {{"response", response.value("response", json::array())}}}};
  return answer.dump(2);
}

}  // namespace

Result<std::string> compute_path_request(std::string_view body, const GnpyView* loaded) {
  const json doc = json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return body_error("", "expected a JSON object with \"" + std::string(kService) + "\"");
  if (!doc.contains(kService) || !doc[kService].is_object())
    return body_error("/" + std::string(kService),
                      "expected an object holding \"path-request\" (GNPy's service file)");
  LM_ASSIGN_OR_RETURN(ServiceDocument services, read_gnpy_services(doc[kService].dump(), kService));

  const bool has_topology = doc.contains(kTopology);
  const bool has_equipment = doc.contains(kEquipment);
  if (has_topology != has_equipment)
    return body_error("/" + std::string(has_topology ? kEquipment : kTopology),
                      "a topology and an equipment library go together: give both, or neither "
                      "to use the loaded network");
  if (!has_topology) {
    if (!loaded)
      return body_error("/" + std::string(kTopology),
                        "no network is loaded here: give \"gnpy-api:topology\" and "
                        "\"gnpy-api:equipment\"");
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
  return run(std::move(net), eq, services);
}

}  // namespace lightmesh::qot
