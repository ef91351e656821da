#include "io/gnpy_api_yang.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include "io/json_doc.h"

namespace lightmesh::io {

namespace {

using nlohmann::json;

constexpr const char* kServices = "gnpy-path-computation:services";
constexpr const char* kTopology = "gnpy-network-topology:topology";
constexpr const char* kEquipment = "gnpy-eqpt-config:equipment";
constexpr const char* kEdfaConfig = "gnpy-edfa-config:edfa-config";
constexpr const char* kExtraConfigs = "extra-configs";

// The legacy member each YANG-form member becomes (path_computation.h's body).
constexpr std::array<std::pair<const char*, const char*>, 3> kMembers = {{
    {"gnpy-api:service", kServices},
    {"gnpy-api:topology", kTopology},
    {"gnpy-api:equipment", kEquipment},
}};

// Leaves GNPy's YANG modules type as strings (names, identifiers, identities, enumerations): a
// value that looks like a number stays text there ("uid": "1"). Every other string that reads
// whole as a number is a decimal64 or 64-bit integer, which RFC 7951 writes as a string.
bool text_leaf(std::string_view key) {
  static constexpr std::array<std::string_view, 51> kText = {"uid",
                                                             "type",
                                                             "type_variety",
                                                             "type_def",
                                                             "from_node",
                                                             "to_node",
                                                             "city",
                                                             "region",
                                                             "length_units",
                                                             "degree_uid",
                                                             "format",
                                                             "name",
                                                             "trx_type",
                                                             "trx_mode",
                                                             "technology",
                                                             "request-id",
                                                             "response-id",
                                                             "source",
                                                             "destination",
                                                             "src-tp-id",
                                                             "dst-tp-id",
                                                             "node-id",
                                                             "link-tp-id",
                                                             "hop-type",
                                                             "synchronization-id",
                                                             "request-id-number",
                                                             "disjointness",
                                                             "explicit-route-usage",
                                                             "transponder-type",
                                                             "transponder-mode",
                                                             "metric-type",
                                                             "no-path",
                                                             "preamp_variety",
                                                             "booster_variety",
                                                             "preamp_variety_list",
                                                             "booster_variety_list",
                                                             "variety_list",
                                                             "advanced_config_from_json",
                                                             "default_config_from_json",
                                                             "from_degree",
                                                             "to_degree",
                                                             "propagation_direction",
                                                             "network_name",
                                                             "other_name",
                                                             "comment",
                                                             "description",
                                                             "raman-direction",
                                                             "equalization-mode",
                                                             "label",
                                                             "operational-mode",
                                                             "mode-id"};
  return std::find(kText.begin(), kText.end(), key) != kText.end();
}

// "12.5", "-3", "1e-05": a JSON number written as a string.
bool numeric_text(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  const json n = json::parse(s, nullptr, false);
  return !n.is_discarded() && n.is_number();
}

// [null] is RFC 7951's empty leaf; identities lose their module (the legacy files name them
// bare); numbers written as strings become numbers, except in text leaves.
json plain_values(const json& v, std::string_view key) {
  if (v.is_array() && v.size() == 1 && v[0].is_null()) return nullptr;
  if (v.is_object()) {
    json out = json::object();
    for (const auto& [k, child] : v.items()) out[k] = plain_values(child, k);
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const json& child : v) out.push_back(plain_values(child, key));
    return out;
  }
  if (!v.is_string()) return v;
  const std::string& s = v.get_ref<const std::string&>();
  for (std::string_view module :
       {"gnpy-network-topology:", "gnpy-eqpt-config:", "gnpy-path-computation:",
        "gnpy-path-computation-simplified:", "gnpy-edfa-config:"}) {
    if (s.rfind(module, 0) == 0) return s.substr(module.size());
  }
  if (!text_leaf(key) && numeric_text(s)) return json::parse(s);
  return v;
}

// The values of `list` (objects each holding `key`), sorted by `order` when given.
json column(const json& list, const char* key, const char* order = nullptr) {
  std::vector<json> rows(list.begin(), list.end());
  if (order) {
    std::stable_sort(rows.begin(), rows.end(), [&](const json& a, const json& b) {
      return a.value(order, 0.0) < b.value(order, 0.0);
    });
  }
  json out = json::array();
  for (const json& row : rows) out.push_back(row.contains(key) ? row.at(key) : json(nullptr));
  return out;
}

bool object_list(const json& parent, const char* key) {
  return parent.is_object() && parent.contains(key) && parent[key].is_array() &&
         std::all_of(parent[key].begin(), parent[key].end(),
                     [](const json& row) { return row.is_object(); });
}

// Topology: per-degree targets and design bands as maps keyed by degree, the loss coefficient per
// frequency and the Raman gain coefficient as parallel lists.
void legacy_topology(json& topology) {
  if (!topology.is_object() || !topology.contains("elements") || !topology["elements"].is_array())
    return;
  for (json& element : topology["elements"]) {
    if (!element.is_object() || !element.contains("params") || !element["params"].is_object())
      continue;
    json& params = element["params"];
    if (object_list(params, "per_degree_power_targets")) {
      for (const json& target : params["per_degree_power_targets"]) {
        if (!target.contains("degree_uid") || !target["degree_uid"].is_string()) continue;
        for (const char* kind : {"per_degree_pch_out_db", "per_degree_psd_out_mWperGHz",
                                 "per_degree_psd_out_mWperSlotWidth"}) {
          if (target.contains(kind))
            params[kind][target["degree_uid"].get<std::string>()] = target[kind];
        }
      }
      params.erase("per_degree_power_targets");
    }
    if (object_list(params, "per_degree_design_bands_targets")) {
      for (const json& target : params["per_degree_design_bands_targets"]) {
        if (target.contains("degree_uid") && target["degree_uid"].is_string())
          params["per_degree_design_bands"][target["degree_uid"].get<std::string>()] =
              target.value("design_bands", json::array());
      }
      params.erase("per_degree_design_bands_targets");
    }
    if (object_list(params, "loss_coef_per_frequency")) {
      const json& rows = params["loss_coef_per_frequency"];
      params["loss_coef"] = {{"frequency", column(rows, "frequency")},
                             {"value", column(rows, "loss_coef_value")}};
      params.erase("loss_coef_per_frequency");
    }
    if (params.contains("raman_coefficient") &&
        object_list(params["raman_coefficient"], "g0_per_frequency")) {
      json& raman = params["raman_coefficient"];
      const json rows = raman["g0_per_frequency"];
      raman.erase("g0_per_frequency");
      raman["g0"] = column(rows, "g0");
      raman["frequency_offset"] = column(rows, "frequency_offset");
    }
  }
}

// [{"min_value","max_value","step"}] → [min, max, step], as the legacy Span and SI take it.
void legacy_range(json& entry, const char* yang_key, const char* legacy_key) {
  if (!entry.is_object() || !entry.contains(yang_key) || !entry[yang_key].is_object()) return;
  const json& r = entry[yang_key];
  entry[legacy_key] =
      json::array({r.value("min_value", json(nullptr)), r.value("max_value", json(nullptr)),
                   r.value("step", json(nullptr))});
  entry.erase(yang_key);
}

// Equipment: the NF polynomial and the Raman efficiency as lists, the power ranges as triples.
void legacy_equipment(json& equipment) {
  if (!equipment.is_object()) return;
  if (equipment.contains("Edfa") && equipment["Edfa"].is_array()) {
    for (json& edfa : equipment["Edfa"])
      if (object_list(edfa, "nf_coef"))
        edfa["nf_coef"] = column(edfa["nf_coef"], "nf_coef", "coef_order");
  }
  if (equipment.contains("RamanFiber") && equipment["RamanFiber"].is_array()) {
    for (json& fiber : equipment["RamanFiber"]) {
      if (!object_list(fiber, "raman_efficiency")) continue;
      // v2.12's legacy shape: {"cr" (or "g0"): [...], "frequency_offset": [...]}.
      const json rows = fiber["raman_efficiency"];
      const bool cr =
          std::any_of(rows.begin(), rows.end(), [](const json& row) { return row.contains("cr"); });
      const char* gain = cr ? "cr" : "g0";
      fiber["raman_efficiency"] = {{gain, column(rows, gain)},
                                   {"frequency_offset", column(rows, "frequency_offset")}};
    }
  }
  for (const char* section : {"Span", "SI"}) {
    if (!equipment.contains(section) || !equipment[section].is_array()) continue;
    for (json& entry : equipment[section]) {
      legacy_range(entry, "delta_power_range_dict_db", "delta_power_range_db");
      legacy_range(entry, "power_range_dict_db", "power_range_db");
    }
  }
}

Error body_error(std::string pointer, std::string what, ErrorCode code = ErrorCode::kInvalidInput) {
  Error e = code == ErrorCode::kUnsupported ? Error::unsupported(std::move(what))
                                            : Error::invalid(std::move(what));
  return e.at("request body", std::move(pointer));
}

bool empty_value(const json& v) {
  return v.is_null() || (v.is_array() && (v.empty() || (v.size() == 1 && v[0].is_null()))) ||
         (v.is_object() && v.empty());
}

}  // namespace

bool is_gnpy_api_yang(const json& body) {
  return body.is_object() && body.contains(kGnpyApiContainer);
}

std::string yang_pointer(std::string_view legacy_member) {
  for (const auto& [legacy, yang] : kMembers) {
    if (legacy_member == legacy) return "/" + std::string(kGnpyApiContainer) + "/" + yang;
  }
  return "/" + std::string(legacy_member);
}

Result<json> gnpy_api_to_legacy(const json& body) {
  const std::string root = "/" + std::string(kGnpyApiContainer);
  if (!is_gnpy_api_yang(body) || !body[kGnpyApiContainer].is_object())
    return body_error(root, "expected an object holding GNPy's services, topology and equipment");
  const json& api = body[kGnpyApiContainer];
  json legacy = json::object();
  for (const auto& [key, value] : api.items()) {
    const std::string at = root + "/" + escape_pointer_token(key);
    const std::string& name = key;  // a structured binding cannot be captured in clang 14
    const auto member = std::find_if(kMembers.begin(), kMembers.end(),
                                     [&](const auto& m) { return name == m.second; });
    if (member != kMembers.end()) {
      if (!value.is_object()) return body_error(at, "expected an object");
      legacy[member->first] = plain_values(value, key);
      continue;
    }
    if (key == kExtraConfigs) {
      // The amplifier configuration files the equipment names, by name: lightmesh's
      // "lightmesh:amplifier-configs" in the legacy body.
      if (!value.is_array())
        return body_error(at,
                          "expected a list of {\"name\", \"" + std::string(kEdfaConfig) + "\"}");
      json configs = json::object();
      for (std::size_t i = 0; i < value.size(); ++i) {
        const json& item = value[i];
        const std::string item_at = at + "/" + std::to_string(i);
        if (!item.is_object() || !item.contains("name") || !item["name"].is_string() ||
            !item.contains(kEdfaConfig) || !item[kEdfaConfig].is_object())
          return body_error(
              item_at, "expected {\"name\": FILE, \"" + std::string(kEdfaConfig) + "\": {...}}");
        json config = plain_values(item[kEdfaConfig], kEdfaConfig);
        if (object_list(config, "nf_fit_coeff"))
          config["nf_fit_coeff"] = column(config["nf_fit_coeff"], "nf_coef", "coef_order");
        configs[item["name"].get<std::string>()] = std::move(config);
      }
      legacy["lightmesh:amplifier-configs"] = std::move(configs);
      continue;
    }
    // GNPy's server reads none of the others; an empty one (as GNPy's converter writes it)
    // changes nothing, a filled one would be silently dropped, so it is refused.
    if (empty_value(value)) continue;
    return body_error(at,
                      "\"" + printable(key) +
                          "\" is not supported here (services, topology, equipment and "
                          "extra-configs are)",
                      ErrorCode::kUnsupported);
  }
  if (legacy.contains("gnpy-api:topology")) legacy_topology(legacy["gnpy-api:topology"]);
  if (legacy.contains("gnpy-api:equipment")) legacy_equipment(legacy["gnpy-api:equipment"]);
  return legacy;
}

bool is_gnpy_api_request(const json& body) {
  return body.is_object() && body.contains(kGnpyApiRequest);
}

std::string request_pointer(std::string_view legacy_member) {
  for (const auto& [legacy, yang] : kMembers) {
    if (legacy_member == legacy) {
      const std::string_view bare =
          std::string_view(legacy).substr(std::string_view("gnpy-api:").size());
      return "/" + std::string(kGnpyApiRequest) + "/" + std::string(bare);
    }
  }
  return "/" + std::string(legacy_member);
}

Result<json> gnpy_api_request_to_legacy(const json& body) {
  const std::string root = "/" + std::string(kGnpyApiRequest);
  if (!is_gnpy_api_request(body) || !body[kGnpyApiRequest].is_object())
    return body_error(root, "expected an object holding \"service\" and \"topology\"");
  json legacy = json::object();
  for (const auto& [key, value] : body[kGnpyApiRequest].items()) {
    const std::string at = root + "/" + escape_pointer_token(key);
    const std::string& name = key;  // a structured binding cannot be captured in clang 14
    const auto member = std::find_if(kMembers.begin(), kMembers.end(),
                                     [&](const auto& m) { return "gnpy-api:" + name == m.first; });
    if (member == kMembers.end()) {
      return body_error(at, "\"" + printable(key) +
                                "\" is not a member of gnpy-api's request (expected service, "
                                "topology and equipment)");
    }
    if (!value.is_object()) return body_error(at, "expected an object");
    legacy[member->first] = plain_values(value, key);
  }
  if (legacy.contains("gnpy-api:topology")) legacy_topology(legacy["gnpy-api:topology"]);
  if (legacy.contains("gnpy-api:equipment")) legacy_equipment(legacy["gnpy-api:equipment"]);
  return legacy;
}

}  // namespace lightmesh::io
