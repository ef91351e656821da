// TAPI 2.1.3 notifications (tapi-notification@2020-06-16) over RESTCONF: a client subscribes with
// create-notification-subscription-service and reads the subscription's stream, Server-Sent
// Events at the notification-channel's stream-address, each event an RFC 8040 §6.4 notification
// as soon as the change it reports is durable. The fabric's events become notifications about
// connectivity-services and links (docs/api/tapi.md maps each).
#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "io/json_doc.h"
#include "server/call.h"
#include "server/controller.h"
#include "server/event_stream.h"
#include "server/restconf.h"
#include "server/routes.h"
#include "server/tapi_ids.h"
#include "server/tapi_input.h"
#include "server/uuid.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kStreamPrefix = "/restconf/streams/tapi-notification/";
constexpr const char* kPhotonic = "PHOTONIC_MEDIA";

// What lightmesh raises, as get-supported-notification-types answers.
const std::vector<std::string> kNotificationTypes = {"OBJECT_CREATION", "OBJECT_DELETION",
                                                     "ATTRIBUTE_VALUE_CHANGE"};
const std::vector<std::string> kObjectTypes = {"CONNECTIVITY_SERVICE", "LINK"};

// Every value the module's enumerations allow, so a filter naming one lightmesh never raises is
// accepted (and matches nothing), while a misspelt one is refused.
const std::vector<std::string> kAllNotificationTypes = {"OBJECT_CREATION", "OBJECT_DELETION",
                                                        "ATTRIBUTE_VALUE_CHANGE", "ALARM_EVENT",
                                                        "THRESHOLD_CROSSING_ALERT"};
const std::vector<std::string> kAllObjectTypes = {"TOPOLOGY",
                                                  "NODE",
                                                  "LINK",
                                                  "CONNECTION",
                                                  "PATH",
                                                  "CONNECTIVITY_SERVICE",
                                                  "VIRTUAL_NETWORK_SERVICE",
                                                  "PATH_COMPUTATION_SERVICE",
                                                  "NODE_EDGE_POINT",
                                                  "SERVICE_INTERFACE_POINT",
                                                  "CONNECTION_END_POINT",
                                                  "MAINTENANCE_ENTITY_GROUP",
                                                  "MAINTENANCE_ENTITY",
                                                  "MEG_END_POINT",
                                                  "MEG_INTERMEDIATE_POINT",
                                                  "SWITCH_CONTROL",
                                                  "SWITCH",
                                                  "ROUTE",
                                                  "NODE_RULE_GROUP",
                                                  "INTER_RULE_GROUP",
                                                  "RULE",
                                                  "OAM_JOB",
                                                  "ACCESS_PORT",
                                                  "EQUIPMENT",
                                                  "HOLDER",
                                                  "PHYSICAL_SPAN",
                                                  "ABSTRACT_STRAND",
                                                  "DEVICE"};
// tapi-common's layer-protocol-name.
const std::vector<std::string> kLayerProtocols = {"ODU", "ETH", "DSR", "PHOTONIC_MEDIA"};

// get-notification-list answers at most the newest this many.
constexpr std::size_t kMaxListed = 1000;

json named(const char* value_name, const std::string& value) {
  return {{"value-name", value_name}, {"value", value}};
}

bool contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// TAPI's date-and-time: yyyyMMddhhmmss.sZ, in UTC with tenths of a second (tapi-common).
std::string tapi_time(std::int64_t time_us) {
  const std::time_t seconds = static_cast<std::time_t>(time_us / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}.{}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, (time_us / 100000) % 10);
}

// RFC 3339, as RFC 8040's notification wrapper carries its eventTime.
std::string rfc3339_time(std::int64_t time_us) {
  const std::time_t seconds = static_cast<std::time_t>(time_us / 1000000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                     time_us % 1000000);
}

// One fabric event as TAPI sees it: which object, which kind of change, and the state it changed.
struct Mapped {
  const char* type = "ATTRIBUTE_VALUE_CHANGE";
  const char* object = "CONNECTIVITY_SERVICE";
  const char* source = "RESOURCE_OPERATION";
  const char* old_state = nullptr;  // operational-state before and after, when it changed
  const char* new_state = nullptr;
};

// Events about workloads have no TAPI object: nullopt.
std::optional<Mapped> map_event(const fabric::Event& e) {
  const std::string& w = e.what;
  if (w.rfind("workload-", 0) == 0) return std::nullopt;
  if (w == "fiber-cut")
    return Mapped{.object = "LINK", .old_state = "ENABLED", .new_state = "DISABLED"};
  if (w == "fiber-repaired")
    return Mapped{.object = "LINK", .old_state = "DISABLED", .new_state = "ENABLED"};
  if (e.service.empty()) return std::nullopt;
  if (w == "created") return Mapped{.type = "OBJECT_CREATION", .source = "MANAGEMENT_OPERATION"};
  if (w == "deleted") return Mapped{.type = "OBJECT_DELETION", .source = "MANAGEMENT_OPERATION"};
  if (w == "down") return Mapped{.old_state = "ENABLED", .new_state = "DISABLED"};
  if (w == "up") return Mapped{.old_state = "DISABLED", .new_state = "ENABLED"};
  if (w == "equalised") return Mapped{.source = "MANAGEMENT_OPERATION"};
  return Mapped{};  // switched, restored, qot-failing, …
}

// The notification (tapi-notification's `notification` grouping) for one event, or nullopt for an
// event with no TAPI object.
std::optional<json> notification(const fabric::Event& e, const std::string& network_name) {
  const auto m = map_event(e);
  if (!m) return std::nullopt;
  const bool link = std::string_view(m->object) == "LINK";
  json names = json::array();
  std::string target;
  if (link) {
    target = link_uuid(e.subject_name);
    names.push_back(named("LINK_NAME", e.subject_name));
  } else {
    target = service_uuid(e.service, e.subject_name);
    if (std::string name = name_without_client_uuid(e.subject_name); !name.empty())
      names.push_back(named("SERVICE_NAME", name));
    names.push_back(named("SERVICE_ID", e.service));
  }
  json n = {{"uuid", name_uuid(kUrlNamespace, fmt::format("urn:lightmesh:notification:{}:{}",
                                                          network_name, e.sequence))},
            {"name", json::array({named("LIGHTMESH_EVENT", e.what)})},
            {"notification-type", m->type},
            {"target-object-type", m->object},
            {"target-object-identifier", target},
            {"target-object-name", names},
            {"event-time-stamp", tapi_time(e.time_us)},
            // RFC 7951 §6.1: a uint64 is a JSON string.
            {"sequence-number", std::to_string(e.sequence)},
            {"source-indicator", m->source},
            {"layer-protocol-name", kPhotonic}};
  if (m->new_state) {
    n["changed-attributes"] = json::array({{{"value-name", "operational-state"},
                                            {"old-value", m->old_state},
                                            {"new-value", m->new_state}}});
  }
  if (!e.tenant.empty()) n["additional-info"] = json::array({named("TENANT", e.tenant)});
  n["additional-text"] = e.why;
  return n;
}

bool matches(const NotificationSubscription& s, const fabric::Event& e, const json& n) {
  if (!s.carries(e.sequence) || (!s.viewer.empty() && e.tenant != s.viewer)) return false;
  const NotificationFilter& f = s.filter;
  auto allowed = [](const std::vector<std::string>& list, const std::string& v) {
    return list.empty() || contains(list, v);
  };
  return allowed(f.notification_types, n["notification-type"].get<std::string>()) &&
         allowed(f.object_types, n["target-object-type"].get<std::string>()) &&
         allowed(f.layer_protocols, kPhotonic) &&
         allowed(f.object_ids, n["target-object-identifier"].get<std::string>());
}

// What the subscription's stream sends for one event: RFC 8040 §6.4's JSON notification, or "".
std::string stream_message(const NotificationSubscription& s, const fabric::Event& e,
                           const std::string& network_name) {
  auto n = notification(e, network_name);
  if (!n || !matches(s, e, *n)) return "";
  const json wrapped = {
      {"ietf-restconf:notification",
       {{"eventTime", rfc3339_time(e.time_us)}, {"tapi-notification:notification", *n}}}};
  return sse_message(e.sequence, wrapped.dump());
}

std::string stream_address(const std::string& uuid) { return std::string(kStreamPrefix) + uuid; }

json filter_json(const NotificationFilter& f) {
  json j = json::object();
  if (!f.notification_types.empty()) j["requested-notification-types"] = f.notification_types;
  if (!f.object_types.empty()) j["requested-object-types"] = f.object_types;
  if (!f.layer_protocols.empty()) j["requested-layer-protocols"] = f.layer_protocols;
  if (!f.object_ids.empty()) j["requested-object-identifier"] = f.object_ids;
  if (f.include_content) j["include-content"] = *f.include_content;
  return j;
}

json subscription_json(const NotificationSubscription& s, std::uint64_t durable) {
  return {{"uuid", s.uuid},
          {"subscription-filter", filter_json(s.filter)},
          {"subscription-state", s.active ? "ACTIVE" : "SUSPENDED"},
          {"supported-notification-types", kNotificationTypes},
          {"supported-object-types", kObjectTypes},
          {"notification-channel",
           {{"stream-address", stream_address(s.uuid)},
            {"next-sequence-no", std::to_string(durable + 1)}}}};
}

HttpResponse output(const json& body) {
  return yang_response(200, {{"tapi-notification:output", body}});
}

HttpResponse invalid(const std::string& message, const std::string& path) {
  return restconf_response({.message = message, .path = path});
}

// A leaf-list of enumeration values: absent, or an array of strings each one of `allowed`.
std::optional<HttpResponse> read_enum_list(const io::Json& filter, const char* key,
                                           const std::vector<std::string>& allowed,
                                           const std::string& at, std::vector<std::string>& out) {
  const io::Json* list = json_member(filter, key);
  if (!list) return std::nullopt;
  const std::string where = at + "/" + key;
  if (!list->is_array()) return invalid(std::string(key) + " must be a list", where);
  for (std::size_t i = 0; i < list->size(); ++i) {
    const io::Json& v = (*list)[i];
    if (!v.is_string() || (!allowed.empty() && !contains(allowed, v.get<std::string>()))) {
      std::string expected = allowed.empty() ? "a uuid" : "one of ";
      for (std::size_t k = 0; k < allowed.size(); ++k) expected += (k ? ", " : "") + allowed[k];
      return invalid(std::string(key) + " holds a value that is not " + expected,
                     where + "/" + std::to_string(i));
    }
    if (allowed.empty()) {
      if (!is_uuid(v.get<std::string>()))
        return invalid(std::string(key) + " must hold uuids", where + "/" + std::to_string(i));
      out.push_back(lower_case(v.get<std::string>()));
    } else if (!contains(out, v.get<std::string>())) {
      out.push_back(v.get<std::string>());
    }
  }
  return std::nullopt;
}

std::optional<HttpResponse> read_filter(const io::Json& input, const std::string& at,
                                        NotificationFilter& f) {
  const io::Json* filter = json_member(input, "subscription-filter");
  if (!filter) return std::nullopt;
  const std::string where = at + "/subscription-filter";
  // TAPI 2.1.3 has one filter; 2.5 clients send a list of them: one is read.
  if (filter->is_array() && filter->size() == 1) filter = &(*filter)[0];
  if (!filter->is_object()) return invalid("subscription-filter must be an object", where);
  if (auto r = read_enum_list(*filter, "requested-notification-types", kAllNotificationTypes, where,
                              f.notification_types))
    return r;
  if (auto r =
          read_enum_list(*filter, "requested-object-types", kAllObjectTypes, where, f.object_types))
    return r;
  if (auto r = read_enum_list(*filter, "requested-layer-protocols", kLayerProtocols, where,
                              f.layer_protocols))
    return r;
  if (auto r = read_enum_list(*filter, "requested-object-identifier", {}, where, f.object_ids))
    return r;
  if (const io::Json* content = json_member(*filter, "include-content")) {
    if (!content->is_boolean())
      return invalid("include-content must be true or false", where + "/include-content");
    f.include_content = content->get<bool>();
  }
  return std::nullopt;
}

std::optional<HttpResponse> read_state(const io::Json& input, const std::string& at, bool& active) {
  const io::Json* state = json_member(input, "subscription-state");
  if (!state) return std::nullopt;
  if (!state->is_string() ||
      (state->get<std::string>() != "ACTIVE" && state->get<std::string>() != "SUSPENDED"))
    return invalid("subscription-state must be ACTIVE or SUSPENDED", at + "/subscription-state");
  active = state->get<std::string>() == "ACTIVE";
  return std::nullopt;
}

// The RPC's input object, {"tapi-notification:input": {…}} (or {"input": {…}}); an empty body is an
// empty input.
Result<io::Json> rpc_input(Call& call, std::string& at) {
  at = "/tapi-notification:input";
  if (call.request.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return io::Json::object();
  if (!call.body.document) call.body.document = io::parse_document(call.request.body, "body.json");
  const auto& doc = *call.body.document;
  if (!doc) return doc.error();
  const io::Json& root = doc->root;
  const char* key =
      json_member(root, "tapi-notification:input") ? "tapi-notification:input" : "input";
  const io::Json* input = json_member(root, key);
  if (!input || root.size() != 1 || !input->is_object())
    return Error::invalid("the body must be {\"tapi-notification:input\": {…}}");
  at = std::string("/") + key;
  return *input;
}

// The subscription an RPC names by subscription-id-or-name (its uuid), as the caller may see it.
Result<NotificationSubscription*> named_subscription(Call& call, const io::Json& input,
                                                     const std::string& at) {
  const io::Json* id = json_member(input, "subscription-id-or-name");
  const std::string where = at + "/subscription-id-or-name";
  if (!id || !id->is_string())
    return Error::invalid("the operation needs \"subscription-id-or-name\"").at_place(where);
  NotificationSubscription* s = call.subscriptions().find(id->get<std::string>(), call.who.tenant,
                                                          call.who.role == Role::kAdmin);
  if (!s) {
    return Error::not_found("no notification subscription \"" +
                            io::printable(id->get<std::string>()) + "\"")
        .at_place(where);
  }
  return s;
}

// An RPC that names one subscription: its input, where the input sits, and the subscription.
struct NamedRpc {
  io::Json input;
  std::string at;
  NotificationSubscription* subscription = nullptr;
};

Result<NamedRpc> named_rpc(Call& call) {
  NamedRpc rpc;
  LM_ASSIGN_OR_RETURN(rpc.input, rpc_input(call, rpc.at));
  LM_ASSIGN_OR_RETURN(rpc.subscription, named_subscription(call, rpc.input, rpc.at));
  return rpc;
}

HttpResponse failed(const Error& e) { return restconf_response(restconf_error_of(e)); }

HttpResponse subscription_output(Call& call, const NotificationSubscription& s) {
  return output({{"subscription-service", subscription_json(s, call.durable_events())}});
}

HttpResponse create_subscription(Call& call) {
  std::string at;
  auto input = rpc_input(call, at);
  if (!input) return failed(input.error());
  NotificationSubscription s{
      .owner = call.who.tenant, .viewer = call.tenant, .starts_after = call.durable_events()};
  if (auto bad = read_filter(*input, at, s.filter)) return *bad;
  bool active = true;
  if (auto bad = read_state(*input, at, active)) return *bad;
  s.set_active(active, call.durable_events());
  auto added = call.subscriptions().add(std::move(s));
  if (!added) return failed(added.error());
  return subscription_output(call, **added);
}

HttpResponse update_subscription(Call& call) {
  auto rpc = named_rpc(call);
  if (!rpc) return failed(rpc.error());
  // Checked whole before anything changes.
  NotificationSubscription updated = *rpc->subscription;
  if (json_member(rpc->input, "subscription-filter")) {
    updated.filter = {};
    if (auto bad = read_filter(rpc->input, rpc->at, updated.filter)) return *bad;
  }
  bool active = updated.active;
  if (auto bad = read_state(rpc->input, rpc->at, active)) return *bad;
  updated.set_active(active, call.durable_events());
  *rpc->subscription = std::move(updated);
  return subscription_output(call, *rpc->subscription);
}

HttpResponse delete_subscription(Call& call) {
  auto rpc = named_rpc(call);
  if (!rpc) return failed(rpc.error());
  HttpResponse answer = subscription_output(call, *rpc->subscription);
  call.subscriptions().remove(rpc->subscription->uuid);
  return answer;
}

HttpResponse subscription_details(Call& call) {
  auto rpc = named_rpc(call);
  if (!rpc) return failed(rpc.error());
  return subscription_output(call, *rpc->subscription);
}

HttpResponse subscription_list(Call& call) {
  json list = json::array();
  for (const NotificationSubscription* s :
       call.subscriptions().visible(call.who.tenant, call.who.role == Role::kAdmin))
    list.push_back(subscription_json(*s, call.durable_events()));
  if (list.empty()) return output(json::object());
  return output({{"subscription-service", list}});
}

HttpResponse supported_types(Call&) {
  return output({{"supported-notification-types", kNotificationTypes},
                 {"supported-object-types", kObjectTypes}});
}

// The notifications the subscription would have carried, from the whole log: the newest
// kMaxListed of them, oldest first.
HttpResponse notification_list(Call& call) {
  auto rpc = named_rpc(call);
  if (!rpc) return failed(rpc.error());
  const NotificationSubscription& s = *rpc->subscription;
  std::vector<json> found;
  const auto& events = call.fabric().events();
  const std::uint64_t durable = std::min<std::uint64_t>(call.durable_events(), events.size());
  for (std::uint64_t i = durable; i > 0 && found.size() < kMaxListed; --i) {
    const fabric::Event& e = events[i - 1];
    auto n = notification(e, call.net().name());
    if (n && matches(s, e, *n)) found.push_back(std::move(*n));
  }
  if (found.empty()) return output(json::object());
  std::reverse(found.begin(), found.end());
  return output({{"notification", found}});
}

HttpResponse too_many_streams() {
  HttpResponse r =
      restconf_response({.status = 503,
                         .tag = "resource-denied",
                         .message = "the server has " + std::to_string(Controller::kMaxStreams) +
                                    " event streams open, as many as it allows; try again later"});
  r.headers.push_back({"Retry-After", "5"});
  return r;
}

// The subscription's notifications as Server-Sent Events (RFC 8040 §6.3, §6.4): from its
// creation, or after the Last-Event-ID a reconnecting client sends.
HttpResponse stream(Call& call) {
  const NotificationSubscription* s =
      call.subscriptions().find(call.param(0), call.who.tenant, call.who.role == Role::kAdmin);
  if (!s) return restconf_missing("notification stream", call.param(0), std::string(call.path));
  auto resume = resume_point(call.request);
  if (!resume) return failed(resume.error());
  const std::string uuid = s->uuid;
  const std::string owner = call.who.tenant;
  const bool admin = call.who.role == Role::kAdmin;
  const std::string network_name = call.net().name();
  NotificationSubscriptions* subscriptions = &call.subscriptions();
  // The subscription is looked up again for each event (under the controller's lock), so an
  // update applies at once and a deleted one sends nothing more.
  auto events = call.open_event_stream(
      resume->value_or(s->starts_after), [=](const fabric::Event& e, const fabric::Fabric&) {
        const NotificationSubscription* now = subscriptions->find(uuid, owner, admin);
        return now ? stream_message(*now, e, network_name) : std::string();
      });
  if (!events) return too_many_streams();
  return event_stream_response(std::move(events));
}

Route rpc(std::string_view name, HttpResponse (*handle)(Call&)) {
  // Subscribing changes nothing in the network, so every token may.
  return {.method = "POST", .pattern = name, .access = Access::kReadOnly, .handle = handle};
}

}  // namespace

std::vector<Route> tapi_notification_routes() {
  return {
      rpc("/restconf/operations/tapi-notification:create-notification-subscription-service",
          create_subscription),
      rpc("/restconf/operations/tapi-notification:update-notification-subscription-service",
          update_subscription),
      rpc("/restconf/operations/tapi-notification:delete-notification-subscription-service",
          delete_subscription),
      rpc("/restconf/operations/tapi-notification:get-notification-subscription-service-details",
          subscription_details),
      rpc("/restconf/operations/tapi-notification:get-notification-subscription-service-list",
          subscription_list),
      rpc("/restconf/operations/tapi-notification:get-supported-notification-types",
          supported_types),
      rpc("/restconf/operations/tapi-notification:get-notification-list", notification_list),
      {.method = "GET", .pattern = "/restconf/streams/tapi-notification/{uuid}", .handle = stream},
  };
}

}  // namespace lightmesh::server
