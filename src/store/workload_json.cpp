#include "store/workload_json.h"

#include <nlohmann/json.hpp>

namespace lightmesh::store {

using Json = nlohmann::ordered_json;

std::string workload_to_json(const fabric::Workload& w) {
  Json grants = Json::array();
  for (const auto& g : w.grants) {
    Json pools = Json::array();
    for (const auto& p : g.pools) pools.push_back({{"pool", p.pool}, {"gpus", p.gpus}});
    grants.push_back({{"site", g.site},
                      {"gpu_model", g.gpu_model},
                      {"gpus", g.gpus},
                      {"cpu_cores", g.cpu_cores},
                      {"storage_tb", g.storage_tb},
                      {"role", g.role},
                      {"pools", pools}});
  }
  Json j = {
      {"id", w.id},       {"tenant", w.tenant},     {"name", w.name},         {"kind", w.kind},
      {"grants", grants}, {"services", w.services}, {"document", w.document}, {"answer", w.answer}};
  return j.dump();
}

Result<fabric::Workload> workload_from_json(const std::string& text) {
  fabric::Workload w;
  try {
    const Json j = Json::parse(text);
    w.id = j.at("id").get<std::string>();
    w.tenant = j.at("tenant").get<std::string>();
    w.name = j.at("name").get<std::string>();
    w.kind = j.at("kind").get<std::string>();
    for (const Json& g : j.at("grants")) {
      fabric::ComputeGrant grant;
      grant.site = g.at("site").get<std::string>();
      grant.gpu_model = g.at("gpu_model").get<std::string>();
      grant.gpus = g.at("gpus").get<std::uint32_t>();
      grant.cpu_cores = g.at("cpu_cores").get<std::uint32_t>();
      grant.storage_tb = g.at("storage_tb").get<double>();
      grant.role = g.at("role").get<std::string>();
      for (const Json& p : g.at("pools"))
        grant.pools.push_back(
            {p.at("pool").get<std::uint32_t>(), p.at("gpus").get<std::uint32_t>()});
      w.grants.push_back(std::move(grant));
    }
    w.services = j.at("services").get<std::vector<std::string>>();
    w.document = j.at("document").get<std::string>();
    w.answer = j.at("answer").get<std::string>();
  } catch (const std::exception& e) {
    return Error::invalid(std::string("stored workload ") + (w.id.empty() ? "" : w.id + " ") +
                          "is unreadable: " + e.what());
  }
  return w;
}

}  // namespace lightmesh::store
