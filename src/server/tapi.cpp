#include "server/tapi.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/bounded.h"
#include "io/json_doc.h"
#include "rsa/lightpath_json.h"
#include "server/authorization.h"
#include "server/call.h"
#include "server/device_push.h"
#include "server/restconf.h"
#include "server/routes.h"
#include "server/tapi_ids.h"
#include "server/tapi_input.h"
#include "server/uuid.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kDataPrefix = "/restconf/data/tapi-common:context";
constexpr std::string_view kTopologyContext = "tapi-topology:topology-context";
constexpr std::string_view kConnectivityContext = "tapi-connectivity:connectivity-context";
constexpr std::string_view kCreateOperation = "tapi-connectivity:create-connectivity-service";
constexpr std::string_view kDeleteOperation = "tapi-connectivity:delete-connectivity-service";
constexpr std::string_view kListServicesOperation =
    "tapi-connectivity:get-connectivity-service-list";
constexpr std::string_view kListSipsOperation = "tapi-common:get-service-interface-point-list";
constexpr std::string_view kTopologyDetailsOperation = "tapi-topology:get-topology-details";
constexpr const char* kPhotonic = "PHOTONIC_MEDIA";
constexpr const char* kOtsiQualifier = "tapi-photonic-media:PHOTONIC_LAYER_QUALIFIER_OTSi";
// Every frequency is a whole number of MHz: the band edges lie on the 6.25 GHz grid.
constexpr std::int64_t kSlotMhz = 6250;

HttpResponse forbidden() {
  return restconf_response({.status = 403,
                            .type = "protocol",
                            .tag = "access-denied",
                            .message = "this token may not change services"});
}

HttpResponse no_such_resource(const std::string& path) {
  return restconf_response({.status = 404,
                            .type = "protocol",
                            .tag = "invalid-value",
                            .message = "no such TAPI resource",
                            .path = io::printable(path)});
}

HttpResponse not_allowed(const std::string& method, const std::string& path) {
  return restconf_response({.status = 405,
                            .type = "protocol",
                            .tag = "operation-not-supported",
                            .message = method + " is not supported on this resource",
                            .path = io::printable(path)});
}

// Clients may percent-encode ':' and '=' in RESTCONF paths.
std::string percent_decoded(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size() &&
        std::isxdigit(static_cast<unsigned char>(path[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(path[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(std::string(path.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(path[i]);
    }
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string decimal(double v) { return fmt::format("{}", rsa::round_to(v, 3)); }

// RFC 7951 §6.1: 64-bit integers are JSON strings, so no client loses digits to a double.
std::string uint64_json(std::int64_t v) { return std::to_string(v); }

json named(const char* value_name, const std::string& value) {
  return {{"value-name", value_name}, {"value", value}};
}

// The states of an object with an administrative state (TAPI's admin-state-pac).
void add_states(json& j, bool enabled) {
  j["administrative-state"] = "UNLOCKED";
  j["operational-state"] = enabled ? "ENABLED" : "DISABLED";
  j["lifecycle-state"] = "INSTALLED";
}

// The states of an object without one (operational-state-pac): connections and their end-points.
void add_operational_states(json& j, bool enabled) {
  j["operational-state"] = enabled ? "ENABLED" : "DISABLED";
  j["lifecycle-state"] = "INSTALLED";
}

// A bandwidth as TAPI's capacity-value, whose value is a whole number: Gb/s when it is whole, else
// Mb/s.
json capacity(double gbps) {
  if (std::trunc(gbps) == gbps)
    return {{"value", uint64_json(static_cast<std::int64_t>(gbps))}, {"unit", "GBPS"}};
  return {{"value", uint64_json(saturate_round<std::int64_t>(gbps * 1000))}, {"unit", "MBPS"}};
}

json frequency_constraint() {
  return {{"adjustment-granularity", "G_6_25GHZ"}, {"grid-type", "FLEX"}};
}

// A block of slots in MHz: slot i spans band start + [i, i + 1) × 6.25 GHz.
struct MhzBand {
  std::int64_t lower = 0;
  std::int64_t upper = 0;
};

MhzBand mhz_band(const spectrum::Grid& grid, spectrum::SlotBlock b) {
  const std::int64_t band = saturate_round<std::int64_t>(grid.first_thz * 1e6);
  const std::int64_t lower = band + std::int64_t{b.first} * kSlotMhz;
  return {lower, lower + std::int64_t{b.count} * kSlotMhz};
}

// tapi-photonic-media's spectrum-band.
json spectrum_band(MhzBand b) {
  return {{"lower-frequency", uint64_json(b.lower)},
          {"upper-frequency", uint64_json(b.upper)},
          {"frequency-constraint", frequency_constraint()}};
}

// tapi-photonic-media's central-frequency.
json central_frequency(MhzBand b) {
  return {{"central-frequency", uint64_json((b.lower + b.upper) / 2)},
          {"frequency-constraint", frequency_constraint()}};
}

// The channel in tapi-photonic-media's otsi-config shape (a service end-point's).
json otsi_config(MhzBand b) {
  return {{"central-frequency", central_frequency(b)}, {"spectrum", spectrum_band(b)}};
}

const char* protection_type(fabric::ServiceProtection p) {
  switch (p) {
    case fabric::ServiceProtection::kNone:
      return "NO_PROTECTON";  // sic: TAPI 2.1.3's spelling
    case fabric::ServiceProtection::kOnePlusOne:
      return "ONE_PLUS_ONE_PROTECTION";
    case fabric::ServiceProtection::kRestore:
      return "DYNAMIC_RESTORATION";
  }
  return "NO_PROTECTON";
}

// One request's view of the fabric through TAPI: what the caller may see and do.
class Tapi {
 public:
  explicit Tapi(Call& call)
      : call_(call),
        fabric_(call.fabric()),
        net_(call.net()),
        grid_(fabric_.planner().spectrum().grid()),
        tenant_filter_(call.tenant) {}

  // The request's body as a document: the one parsed before the fabric's lock, if any.
  const Result<io::Document>& document() {
    if (!call_.body.document)
      call_.body.document = io::parse_document(call_.request.body, "body.json");
    return *call_.body.document;
  }

  HttpResponse post_connectivity_service();
  HttpResponse operation(const std::string& op);
  HttpResponse create(const io::Document& doc, const io::Json& service, const std::string& at,
                      bool rpc);
  HttpResponse remove(const fabric::Service& s);
  HttpResponse service_list_output() const;
  HttpResponse sip_list_output() const;

  json context() const;
  json sip(const Site& site) const;
  json topology_context() const;
  // The data tree's topology carries the connection-end-points of the connections the caller
  // sees; get-topology-details' output has no place for them in TAPI 2.1.3.
  enum class Ceps { kWith, kWithout };
  json topology(Ceps ceps) const;
  json link(FiberIndex f) const;
  json connectivity_context() const;
  json service(const fabric::Service& s) const;
  json connection(const fabric::Service& s, std::size_t index) const;

  std::vector<const fabric::Service*> visible() const {
    return fabric_.list(tenant_filter_, "", SIZE_MAX);
  }
  // A service the caller may see, by its TAPI uuid.
  const fabric::Service* find_service(const std::string& uuid) const;

 private:
  bool is_visible(const fabric::Service* s) const { return s && call_.sees(s->request.tenant); }
  // A service the caller may see, by uuid, fabric id or name. kNotFound if there is none,
  // kInvalidInput for a name that several services share.
  Result<const fabric::Service*> resolve_service(const std::string& wanted) const;
  // Any service, of any tenant, with this uuid: uuids are unique across tenants.
  bool uuid_taken(const std::string& uuid) const;
  bool node_enabled(NodeIndex n) const;

  // One lightpath's end at a site's node: a connection-end-point on the node's add-drop port.
  struct LightpathEnd {
    const fabric::Service* service = nullptr;
    std::size_t index = 0;
  };
  using EndsAtNode = std::map<NodeIndex, std::vector<LightpathEnd>>;
  json node(NodeIndex n, const EndsAtNode& ends) const;
  // The two nodes a service's lightpaths end at: its sites' nodes, from then to.
  std::array<NodeIndex, 2> end_nodes(const fabric::Service& s) const;
  json cep(const LightpathEnd& end, NodeIndex n) const;
  json cep_ref(const fabric::Service& s, std::size_t index, NodeIndex n) const;

  Call& call_;
  fabric::Fabric& fabric_;
  const Network& net_;
  const spectrum::Grid& grid_;
  const std::string& tenant_filter_;  // empty: every tenant's services
};

HttpResponse Tapi::post_connectivity_service() {
  const auto& doc = document();
  if (!doc) return restconf_response(restconf_error_of(doc.error()));
  // RESTCONF POST creates one child: {"tapi-connectivity:connectivity-service": [{…}]}.
  const io::Json& root = doc->root;
  const char* key = json_member(root, "tapi-connectivity:connectivity-service")
                        ? "tapi-connectivity:connectivity-service"
                        : "connectivity-service";
  const io::Json* list = json_member(root, key);
  if (!list || root.size() != 1 || (list->is_array() && list->size() != 1)) {
    return restconf_response(
        {.message = "the body must be {\"tapi-connectivity:connectivity-service\": [{…}]} "
                    "with exactly one service"});
  }
  const bool one = list->is_array();
  return create(*doc, one ? (*list)[0] : *list, fmt::format("/{}{}", key, one ? "/0" : ""), false);
}

HttpResponse Tapi::operation(const std::string& op) {
  // The list RPCs take no input, so their body may be empty.
  if (call_.request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (op == kListServicesOperation) return service_list_output();
    if (op == kListSipsOperation) return sip_list_output();
  }
  const auto& doc = document();
  if (!doc) return restconf_response(restconf_error_of(doc.error()));
  // RPC input: {"<module>:input": {…}}, or {"input": {…}} as some clients send it.
  const io::Json& root = doc->root;
  const std::string module_input = op.substr(0, op.find(':')) + ":input";
  const std::string key = json_member(root, module_input.c_str()) ? module_input : "input";
  const io::Json* input = json_member(root, key.c_str());
  if (!input || root.size() != 1 || !input->is_object())
    return restconf_response({.message = "the body must be {\"" + module_input + "\": {…}}"});
  const std::string at = "/" + key;
  if (op == kCreateOperation) return create(*doc, *input, at, true);
  if (op == kListServicesOperation) return service_list_output();
  if (op == kListSipsOperation) return sip_list_output();

  // The other RPCs name one object: a uuid, or for services also a fabric id or a name.
  const char* id_key = op == kTopologyDetailsOperation ? "topology-id-or-name"
                       : json_member(*input, "uuid")   ? "uuid"
                                                       : "service-id-or-name";
  const io::Json* id = json_member(*input, id_key);
  if (!id || !id->is_string())
    return restconf_response(
        {.message = op + " needs \"" + id_key + "\"", .path = at + "/" + id_key});
  const std::string wanted = id->get<std::string>();
  if (op == kTopologyDetailsOperation) {
    if (lower_case(wanted) != topology_uuid(net_.name()) && wanted != net_.name())
      return restconf_missing("topology", wanted, at + "/" + id_key);
    return yang_response(200, {{"tapi-topology:output", {{"topology", topology(Ceps::kWithout)}}}});
  }
  auto s = resolve_service(wanted);
  if (!s) return restconf_response(restconf_error_of(s.error().at_place(at + "/" + id_key)));
  if (op == kDeleteOperation) return remove(**s);
  return yang_response(200, {{"tapi-connectivity:output", {{"service", service(**s)}}}});
}

HttpResponse Tapi::service_list_output() const {
  json services = json::array();
  for (const fabric::Service* s : visible()) services.push_back(service(*s));
  return yang_response(200, {{"tapi-connectivity:output", {{"service", services}}}});
}

HttpResponse Tapi::sip_list_output() const {
  json sips = json::array();
  for (const Site& site : net_.sites()) sips.push_back(sip(site));
  return yang_response(200, {{"tapi-common:output", {{"sip", sips}}}});
}

Result<const fabric::Service*> Tapi::resolve_service(const std::string& wanted) const {
  // A uuid, a fabric id ("svc-000123") or a service name, in that order.
  if (const fabric::Service* s = find_service(lower_case(wanted))) return s;
  if (const fabric::Service* s = fabric_.find(wanted); is_visible(s)) return s;
  const fabric::Service* named = nullptr;
  for (const fabric::Service* s : visible()) {
    if (wanted.empty() || name_without_client_uuid(s->request.name) != wanted) continue;
    // A name is not a key: acting on one of several services that share it would be a guess.
    if (named)
      return Error::invalid("more than one connectivity-service is named \"" + wanted +
                            "\"; name it by uuid");
    named = s;
  }
  if (!named) return Error::not_found("no connectivity-service \"" + wanted + "\"");
  return named;
}

HttpResponse Tapi::create(const io::Document& doc, const io::Json& body, const std::string& at,
                          bool rpc) {
  auto parsed = read_tapi_service(doc, body, at, net_, call_.who.tenant);
  if (!parsed) return restconf_response(restconf_error_of(parsed.error()));
  // A uuid in use is refused in one way whoever holds it, the caller or another tenant, so the
  // answer tells nothing of other tenants (docs/api/tapi.md, "Tenants").
  if (!parsed->client_uuid.empty() && uuid_taken(parsed->client_uuid)) {
    return restconf_response(
        {.status = 409,
         .tag = "data-exists",
         .message = "uuid \"" + parsed->client_uuid +
                    "\" is not available; choose another or leave uuid out to be given one",
         .path = at + "/uuid"});
  }
  fabric::Refusal refusal;
  auto created = fabric_.create(std::move(parsed->request), &refusal);
  if (!created) {
    if (created.error().code() != ErrorCode::kUnsupported)
      return restconf_response(restconf_error_of(created.error()));
    // The planner's reason (NO_PATH, LATENCY_BOUND, …) is the app tag; nothing was booked.
    return restconf_response({.status = 409,
                              .tag = "resource-denied",
                              .message = refusal.reason + ": " + refusal.detail,
                              .app_tag = refusal.reason});
  }
  // With devices, the service exists only once every device of its path holds it, as for a
  // service created through /api/v1/services.
  if (auto unbooked = push_or_unbook(call_, **created)) {
    if (unbooked->commit_error) {
      return restconf_response({.status = 500,
                                .tag = "operation-failed",
                                .message = unbooked->commit_error->to_string()});
    }
    return restconf_response(device_failure_restconf(unbooked->failure));
  }
  if (auto st = call_.commit_status(); !st) {
    return restconf_response(
        {.status = 500, .tag = "operation-failed", .message = st.error().to_string()});
  }
  const fabric::Service& s = **created;
  const json answer = service(s);
  if (rpc) return yang_response(200, {{"tapi-connectivity:output", {{"service", answer}}}});
  HttpResponse r =
      yang_response(201, {{"tapi-connectivity:connectivity-service", json::array({answer})}});
  r.headers.push_back(
      {"Location", fmt::format("{}/{}/connectivity-service={}", kDataPrefix, kConnectivityContext,
                               answer["uuid"].get<std::string>())});
  return r;
}

// 204 for both forms: TAPI 2.1.3's delete-connectivity-service has no output (RFC 8040 §3.6.2).
HttpResponse Tapi::remove(const fabric::Service& s) {
  // Off the devices first; if they refuse, the service stays as it was.
  if (auto f = release_service(call_, s)) return restconf_response(device_failure_restconf(*f));
  if (auto st = fabric_.remove(s.id); !st) return restconf_response(restconf_error_of(st.error()));
  if (auto st = call_.commit_status(); !st) {
    return restconf_response(
        {.status = 500, .tag = "operation-failed", .message = st.error().to_string()});
  }
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

const fabric::Service* Tapi::find_service(const std::string& uuid) const {
  if (auto id = service_id_of(uuid)) {
    const fabric::Service* s = fabric_.find(*id);
    return is_visible(s) && service_uuid(s->id, s->request.name) == uuid ? s : nullptr;
  }
  for (const fabric::Service* s : visible())
    if (service_uuid(s->id, s->request.name) == uuid) return s;
  return nullptr;
}

bool Tapi::uuid_taken(const std::string& uuid) const {
  for (const fabric::Service* s : fabric_.list("", "", SIZE_MAX))
    if (service_uuid(s->id, s->request.name) == uuid) return true;
  return false;
}

bool Tapi::node_enabled(NodeIndex n) const {
  for (FiberIndex f : net_.fibers_at(n))
    if (!fabric_.planner().fiber_down(f)) return true;
  return false;
}

json Tapi::context() const {
  json sips = json::array();
  for (const Site& s : net_.sites()) sips.push_back(sip(s));
  return {{"uuid", context_uuid(net_.name())},
          {"name", json::array({named("CONTEXT_NAME", net_.name())})},
          {"service-interface-point", sips},
          {std::string(kTopologyContext), topology_context()},
          {std::string(kConnectivityContext), connectivity_context()}};
}

json Tapi::sip(const Site& site) const {
  json names = json::array({named("SIP_NAME", site.id)});
  if (!site.name.empty()) names.push_back(named("SITE_NAME", site.name));
  names.push_back(named("TRANSCEIVER_PORTS", std::to_string(site.transceiver_ports)));
  json j = {{"uuid", sip_uuid(site.id)},
            {"name", names},
            {"layer-protocol-name", kPhotonic},
            {"supported-layer-protocol-qualifier", json::array({kOtsiQualifier})}};
  add_states(j, node_enabled(site.node));
  const MhzBand band = mhz_band(grid_, {0, grid_.slot_count()});
  j["tapi-photonic-media:media-channel-service-interface-point-spec"] = {
      {"mc-pool", {{"supportable-spectrum", json::array({spectrum_band(band)})}}}};
  return j;
}

json Tapi::topology_context() const { return {{"topology", json::array({topology(Ceps::kWith)})}}; }

json Tapi::topology(Ceps ceps) const {
  EndsAtNode ends;
  if (ceps == Ceps::kWith) {
    for (const fabric::Service* s : visible()) {
      for (std::size_t i = 0; i < s->lightpaths.size(); ++i)
        for (NodeIndex n : end_nodes(*s)) ends[n].push_back({s, i});
    }
  }
  json nodes = json::array(), links = json::array();
  for (NodeIndex n = 0; n < net_.nodes().size(); ++n) nodes.push_back(node(n, ends));
  for (FiberIndex f = 0; f < net_.fibers().size(); ++f) links.push_back(link(f));
  return {{"uuid", topology_uuid(net_.name())},
          {"name", json::array({named("TOPOLOGY_NAME", net_.name())})},
          {"layer-protocol-name", json::array({kPhotonic})},
          {"node", nodes},
          {"link", links}};
}

json Tapi::node(NodeIndex n, const EndsAtNode& ends) const {
  const OpticalNode& node = net_.node(n);
  json neps = json::array();
  auto nep = [&](const std::string& port, bool enabled) {
    json j = {{"uuid", nep_uuid(node.id, port)},
              {"name", json::array({named("NEP_NAME", node.id + "/" + port)})},
              {"layer-protocol-name", kPhotonic},
              {"supported-cep-layer-protocol-qualifier", json::array({kOtsiQualifier})},
              {"link-port-direction", "BIDIRECTIONAL"},
              {"link-port-role", "SYMMETRIC"}};
    add_states(j, enabled);
    return j;
  };
  // A site's node adds and drops the site's channels: its client port is the SIP, and each
  // lightpath that ends here has its connection-end-point on it.
  if (node.site != kNoIndex) {
    json add_drop = nep("add-drop", node_enabled(n));
    add_drop["mapped-service-interface-point"] =
        json::array({{{"service-interface-point-uuid", sip_uuid(net_.site(node.site).id)}}});
    if (auto here = ends.find(n); here != ends.end()) {
      json ceps = json::array();
      for (const LightpathEnd& end : here->second) ceps.push_back(cep(end, n));
      add_drop["tapi-connectivity:cep-list"] = {{"connection-end-point", std::move(ceps)}};
    }
    neps.push_back(std::move(add_drop));
  }
  for (FiberIndex f : net_.fibers_at(n))
    neps.push_back(nep(net_.fiber(f).id, !fabric_.planner().fiber_down(f)));
  json names =
      json::array({named("NODE_NAME", node.id), named("NODE_KIND", node_kind_name(node.kind))});
  if (!node.name.empty()) names.push_back(named("LONG_NAME", node.name));
  json j = {{"uuid", node_uuid(node.id)},
            {"name", names},
            {"layer-protocol-name", json::array({kPhotonic})}};
  add_states(j, true);
  // TAPI 2.1.3 requires a cost and a latency on every node: a node counts one hop, and delays a
  // channel by its add/drop or pass-through latency (in µs, as the links' figures).
  j["cost-characteristic"] = json::array(
      {{{"cost-name", "HOPS"}, {"cost-value", "1"}, {"cost-algorithm", "each node counts one"}}});
  j["latency-characteristic"] =
      json::array({{{"traffic-property-name", "NODE_US"},
                    {"fixed-latency-characteristic", decimal(node.latency.value())}}});
  j["owned-node-edge-point"] = std::move(neps);
  return j;
}

std::array<NodeIndex, 2> Tapi::end_nodes(const fabric::Service& s) const {
  return {net_.site(net_.find_site(s.request.from)).node,
          net_.site(net_.find_site(s.request.to)).node};
}

json Tapi::cep(const LightpathEnd& end, NodeIndex n) const {
  const fabric::Service& s = *end.service;
  const fabric::ServiceLightpath& lp = s.lightpaths[end.index];
  const std::string& node_id = net_.node(n).id;
  const MhzBand band = mhz_band(grid_, lp.path.slots);
  json j = {{"uuid", cep_uuid(s.id, end.index, node_id)},
            {"name",
             json::array({named("CEP_NAME", fmt::format("{}/{}/{}", s.id,
                                                        rsa::role_name(lp.path.role), node_id))})},
            {"layer-protocol-name", kPhotonic},
            {"layer-protocol-qualifier", kOtsiQualifier},
            {"parent-node-edge-point",
             {{"topology-uuid", topology_uuid(net_.name())},
              {"node-uuid", node_uuid(node_id)},
              {"node-edge-point-uuid", nep_uuid(node_id, "add-drop")}}},
            {"connection-port-direction", "BIDIRECTIONAL"},
            {"connection-port-role", "SYMMETRIC"}};
  add_operational_states(j, s.state == fabric::ServiceState::kUp && lp.up);
  // The transceiver behind the add-drop port terminates the OTSi, in both directions.
  j["termination-direction"] = "BIDIRECTIONAL";
  j["termination-state"] = "TERMINATED_BIDIRECTIONAL";
  // Where TAPI 2.1.3 puts a channel's frequencies: on the end-points that terminate it.
  j["tapi-photonic-media:otsi-connection-end-point-spec"] = {
      {"otsi-termination",
       {{"selected-central-frequency", central_frequency(band)},
        {"selected-spectrum", spectrum_band(band)}}}};
  return j;
}

json Tapi::cep_ref(const fabric::Service& s, std::size_t index, NodeIndex n) const {
  const std::string& node_id = net_.node(n).id;
  return {{"topology-uuid", topology_uuid(net_.name())},
          {"node-uuid", node_uuid(node_id)},
          {"node-edge-point-uuid", nep_uuid(node_id, "add-drop")},
          {"connection-end-point-uuid", cep_uuid(s.id, index, node_id)}};
}

json Tapi::link(FiberIndex f) const {
  const Fiber& fiber = net_.fiber(f);
  const std::string topo = topology_uuid(net_.name());
  json ends = json::array();
  for (NodeIndex n : {fiber.a, fiber.b}) {
    ends.push_back({{"topology-uuid", topo},
                    {"node-uuid", node_uuid(net_.node(n).id)},
                    {"node-edge-point-uuid", nep_uuid(net_.node(n).id, fiber.id)}});
  }
  json j = {{"uuid", link_uuid(fiber.id)},
            {"name", json::array({named("LINK_NAME", fiber.id)})},
            {"layer-protocol-name", json::array({kPhotonic})},
            {"direction", "BIDIRECTIONAL"},
            {"node-edge-point", ends}};
  add_states(j, !fabric_.planner().fiber_down(f));
  // TAPI leaves the units of these to the implementation: kilometres and microseconds, the fibre's
  // group delay only (amplifiers and nodes add their own).
  j["cost-characteristic"] = json::array({{{"cost-name", "LENGTH_KM"},
                                           {"cost-value", decimal(fiber.length.value())},
                                           {"cost-algorithm", "fibre length"}}});
  j["latency-characteristic"] = json::array(
      {{{"traffic-property-name", "FIBRE_ONE_WAY_US"},
        {"fixed-latency-characteristic", decimal((fiber.length * fiber.delay).value())}}});
  // TAPI 2.1.3 requires these three on every link. The fibre is its own shared risk (a cut takes
  // down every channel on it); the link is known from the network file, not discovered; and it
  // carries the photonic layers from the section (OTS) up to the multiplex (OMS).
  j["risk-characteristic"] = json::array(
      {{{"risk-characteristic-name", "FIBRE"}, {"risk-identifier-list", json::array({fiber.id})}}});
  j["validation-mechanism"] = json::array({{{"validation-mechanism", "NETWORK_FILE"},
                                            {"layer-protocol-adjacency-validated", "NO"},
                                            {"validation-robustness", "AS_CONFIGURED"}}});
  j["transitioned-layer-protocol-name"] = json::array({"OTS", "OMS"});
  return j;
}

json Tapi::connectivity_context() const {
  json services = json::array(), connections = json::array();
  for (const fabric::Service* s : visible()) {
    services.push_back(service(*s));
    for (std::size_t i = 0; i < s->lightpaths.size(); ++i) connections.push_back(connection(*s, i));
  }
  return {{"connectivity-service", services}, {"connection", connections}};
}

json Tapi::service(const fabric::Service& s) const {
  const fabric::ServiceRequest& r = s.request;
  const bool up = s.state == fabric::ServiceState::kUp;
  json names = json::array();
  if (std::string name = name_without_client_uuid(r.name); !name.empty())
    names.push_back(named("SERVICE_NAME", name));
  names.push_back(named("SERVICE_ID", s.id));
  names.push_back(named("TENANT", r.tenant));
  if (!r.latency_group.empty()) names.push_back(named("LATENCY_GROUP", r.latency_group));
  if (!s.down_reason.empty()) names.push_back(named("DOWN_REASON", s.down_reason));

  const auto carrying = s.carrying();
  const std::array<NodeIndex, 2> nodes = end_nodes(s);
  const std::array<const std::string*, 2> sites = {&r.from, &r.to};
  json ends = json::array();
  for (std::size_t k = 0; k < 2; ++k) {
    json e = {{"local-id", *sites[k]},
              {"service-interface-point", {{"service-interface-point-uuid", sip_uuid(*sites[k])}}},
              {"layer-protocol-name", kPhotonic},
              {"layer-protocol-qualifier", kOtsiQualifier},
              {"direction", "BIDIRECTIONAL"},
              {"role", "SYMMETRIC"}};
    // The end-points of the connections that realise the service at this site.
    if (!s.lightpaths.empty()) {
      json ceps = json::array();
      for (std::size_t i = 0; i < s.lightpaths.size(); ++i) ceps.push_back(cep_ref(s, i, nodes[k]));
      e["connection-end-point"] = std::move(ceps);
    }
    add_states(e, up);
    // The channel the end-point transmits on now.
    if (!carrying.empty()) {
      e["tapi-photonic-media:otsi-connectivity-service-end-point-spec"] = {
          {"otsi-config", otsi_config(mhz_band(grid_, carrying.front()->path.slots))}};
    }
    ends.push_back(std::move(e));
  }
  json j = {{"uuid", service_uuid(s.id, r.name)},
            {"name", names},
            {"service-layer", kPhotonic},
            {"service-type", "POINT_TO_POINT_CONNECTIVITY"},
            {"connectivity-direction", "BIDIRECTIONAL"}};
  add_states(j, up);
  j["end-point"] = std::move(ends);
  j["requested-capacity"] = {{"total-size", capacity(r.bandwidth.value())}};
  // TAPI 2.1.3 puts the resilience constraint's members on the service itself.
  j["resilience-type"] = {
      {"restoration-policy",
       r.protection == fabric::ServiceProtection::kRestore ? "PER_DOMAIN_RESTORATION" : "NA"},
      {"protection-type", protection_type(r.protection)}};
  json latency = json::array();
  if (r.max_one_way)
    latency.push_back({{"traffic-property-name", "ONE_WAY"},
                       {"fixed-latency-characteristic", decimal(r.max_one_way->value())}});
  if (r.max_rtt)
    latency.push_back({{"traffic-property-name", "ROUND_TRIP"},
                       {"fixed-latency-characteristic", decimal(r.max_rtt->value())}});
  if (!latency.empty()) j["latency-characteristic"] = std::move(latency);
  json connections = json::array();
  for (std::size_t i = 0; i < s.lightpaths.size(); ++i)
    connections.push_back({{"connection-uuid", connection_uuid(s.id, i)}});
  if (!connections.empty()) j["connection"] = std::move(connections);
  return j;
}

json Tapi::connection(const fabric::Service& s, std::size_t index) const {
  const fabric::ServiceLightpath& lp = s.lightpaths[index];
  const bool up = s.state == fabric::ServiceState::kUp && lp.up;
  const bool active = up && (lp.path.role == rsa::Role::kProtect) == s.on_protect;
  std::string route, fibers;
  for (NodeIndex n : lp.path.nodes) route += (route.empty() ? "" : " ") + net_.node(n).id;
  for (FiberIndex f : lp.path.fibers) fibers += (fibers.empty() ? "" : " ") + net_.fiber(f).id;
  const char* role = rsa::role_name(lp.path.role);
  json names = json::array(
      {named("CONNECTION_NAME", s.id + "/" + role), named("SERVICE_ID", s.id), named("ROLE", role),
       named("ACTIVE", active ? "true" : "false"), named("ROUTE", route), named("FIBERS", fibers),
       named("MODE", net_.catalogue().mode(lp.path.mode).name),
       named("LENGTH_KM", decimal(lp.path.length.value())),
       named("ONE_WAY_US", decimal((lp.path.one_way + lp.added_delay).value()))});
  // The line model's figures (docs/physics.md), as the REST lightpath's gsnr_* fields.
  const TransceiverMode& mode = net_.catalogue().mode(lp.path.mode);
  if (lp.path.gsnr && mode.required_osnr) {
    const rsa::LightpathGsnr& g = *lp.path.gsnr;
    auto db = [](double v) { return fmt::format("{}", rsa::round_to(v, 2)); };
    names.push_back(named("GSNR_DB", db(g.at_01nm_db)));
    names.push_back(named("GSNR_MEAN_DB", db(g.mean_01nm_db)));
    if (g.channel_01nm_db) names.push_back(named("GSNR_CHANNEL_DB", db(*g.channel_01nm_db)));
    names.push_back(named("REQUIRED_OSNR_DB", db(mode.required_osnr->value())));
    names.push_back(named("MARGIN_DB", db(g.at_01nm_db - mode.required_osnr->value())));
  }
  json ends = json::array();
  for (NodeIndex n : end_nodes(s)) ends.push_back(cep_ref(s, index, n));
  json j = {{"uuid", connection_uuid(s.id, index)},
            {"name", names},
            {"connection-end-point", std::move(ends)},
            {"layer-protocol-name", kPhotonic},
            {"direction", "BIDIRECTIONAL"}};
  add_operational_states(j, up);
  return j;
}

// The routes' handlers. The table has matched the path and checked the token's role; a {uuid}
// is the path's, before lower-casing, so an error quotes what the client sent.

HttpResponse get_context(Call& call) {
  return yang_response(200, {{"tapi-common:context", Tapi(call).context()}});
}

HttpResponse get_sip(Call& call) {
  const Tapi tapi(call);
  const std::string uuid = call.param(0);
  const std::string site = site_of_sip(call.net(), lower_case(uuid));
  if (site.empty())
    return restconf_missing("service-interface-point", uuid, std::string(call.path));
  return yang_response(200,
                       {{"tapi-common:service-interface-point",
                         json::array({tapi.sip(call.net().site(call.net().find_site(site)))})}});
}

HttpResponse get_topology_context(Call& call) {
  return yang_response(200, {{std::string(kTopologyContext), Tapi(call).topology_context()}});
}

HttpResponse get_topology(Call& call) {
  const std::string uuid = call.param(0);
  if (lower_case(uuid) != topology_uuid(call.net().name()))
    return restconf_missing("topology", uuid, std::string(call.path));
  return yang_response(
      200, {{"tapi-topology:topology", json::array({Tapi(call).topology(Tapi::Ceps::kWith)})}});
}

HttpResponse get_connectivity_context(Call& call) {
  return yang_response(200,
                       {{std::string(kConnectivityContext), Tapi(call).connectivity_context()}});
}

HttpResponse post_connectivity_service(Call& call) {
  return Tapi(call).post_connectivity_service();
}

std::optional<HttpResponse> find_connectivity_service(Call& call) {
  const std::string uuid = call.param(0);
  call.service = Tapi(call).find_service(lower_case(uuid));
  if (!call.service) return restconf_missing("connectivity-service", uuid, std::string(call.path));
  return std::nullopt;
}

HttpResponse get_connectivity_service(Call& call) {
  return yang_response(200, {{"tapi-connectivity:connectivity-service",
                              json::array({Tapi(call).service(*call.service)})}});
}

HttpResponse delete_connectivity_service(Call& call) { return Tapi(call).remove(*call.service); }

HttpResponse get_connection(Call& call) {
  const Tapi tapi(call);
  const std::string uuid = call.param(0);
  const std::string wanted = lower_case(uuid);
  for (const fabric::Service* s : tapi.visible()) {
    for (std::size_t i = 0; i < s->lightpaths.size(); ++i) {
      if (connection_uuid(s->id, i) == wanted)
        return yang_response(
            200, {{"tapi-connectivity:connection", json::array({tapi.connection(*s, i)})}});
    }
  }
  return restconf_missing("connection", uuid, std::string(call.path));
}

// Every RPC: the operation is the path's last segment.
HttpResponse operation(Call& call) {
  const std::string_view path = call.path;
  return Tapi(call).operation(std::string(path.substr(path.rfind('/') + 1)));
}

void parse_body(Call& call) {
  call.body.document = io::parse_document(call.request.body, "body.json");
}

}  // namespace

bool is_tapi_path(std::string_view path) { return path.substr(0, 10) == "/restconf/"; }

std::string tapi_path(std::string_view path) { return percent_decoded(path); }

HttpResponse tapi_unauthorized(bool bearer_sent) {
  HttpResponse r = restconf_response({.status = 401,
                                      .type = "protocol",
                                      .tag = "access-denied",
                                      .message = "a valid bearer token is required",
                                      .path = "Authorization"});
  // Basic is accepted under /restconf as everywhere (the password a token), so it is offered too,
  // except to a client that sent a bearer token.
  if (!bearer_sent) r.headers.push_back({"WWW-Authenticate", kBasicChallenge});
  r.headers.push_back({"WWW-Authenticate", kBearerChallenge});
  return r;
}

HttpResponse tapi_forbidden() { return forbidden(); }

HttpResponse tapi_no_such_resource(std::string_view path) {
  return no_such_resource(std::string(path));
}

HttpResponse tapi_not_allowed(const std::string& method, std::string_view path) {
  return not_allowed(method, std::string(path));
}

std::vector<Route> tapi_routes() {
  constexpr const char* kContext = "/restconf/data/tapi-common:context";
  constexpr const char* kTopology =
      "/restconf/data/tapi-common:context/tapi-topology:topology-context";
  constexpr const char* kConnectivity =
      "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context";
  constexpr const char* kService =
      "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context/"
      "connectivity-service={uuid}";
  auto rpc = [](std::string_view pattern, Access access) {
    return Route{.method = "POST",
                 .pattern = pattern,
                 .access = access,
                 .writes = access == Access::kTenant,
                 .prepare = parse_body,
                 .handle = operation};
  };
  return {
      {.method = "GET", .pattern = kContext, .handle = get_context},
      {.method = "GET",
       .pattern = "/restconf/data/tapi-common:context/service-interface-point={uuid}",
       .handle = get_sip},
      {.method = "GET", .pattern = kTopology, .handle = get_topology_context},
      {.method = "GET",
       .pattern = "/restconf/data/tapi-common:context/tapi-topology:topology-context/"
                  "topology={uuid}",
       .handle = get_topology},
      {.method = "GET", .pattern = kConnectivity, .handle = get_connectivity_context},
      {.method = "POST",
       .pattern = kConnectivity,
       .access = Access::kTenant,
       .writes = true,
       .prepare = parse_body,
       .handle = post_connectivity_service},
      {.method = "GET",
       .pattern = kService,
       .find = find_connectivity_service,
       .handle = get_connectivity_service},
      {.method = "DELETE",
       .pattern = kService,
       .access = Access::kTenant,
       .writes = true,
       .find = find_connectivity_service,
       .handle = delete_connectivity_service},
      {.method = "GET",
       .pattern = "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context/"
                  "connection={uuid}",
       .handle = get_connection},
      rpc("/restconf/operations/tapi-connectivity:create-connectivity-service", Access::kTenant),
      rpc("/restconf/operations/tapi-connectivity:delete-connectivity-service", Access::kTenant),
      rpc("/restconf/operations/tapi-connectivity:get-connectivity-service-list",
          Access::kReadOnly),
      rpc("/restconf/operations/tapi-connectivity:get-connectivity-service-details",
          Access::kReadOnly),
      rpc("/restconf/operations/tapi-common:get-service-interface-point-list", Access::kReadOnly),
      rpc("/restconf/operations/tapi-topology:get-topology-details", Access::kReadOnly),
  };
}

}  // namespace lightmesh::server
