// /api/v1/devices: the NETCONF devices of `serve --devices`, their state and drift, the audit of
// what they hold against what lightmesh intends, and the repair (docs/southbound.md, "Audit").
// Devices are infrastructure: admin tokens only. Without --devices every route answers 409
// southbound_off. The routes need no fabric lock: the southbound has its own.
#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "server/call.h"
#include "server/device_push.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

using json = nlohmann::ordered_json;

json utc_text(std::chrono::system_clock::time_point t) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms % 1000);
}

json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

HttpResponse southbound_off() {
  return error_response(409, "southbound_off",
                        "this controller configures no devices: start it with "
                        "`lightmesh serve NETWORK --devices INVENTORY`");
}

json device_head(southbound::Southbound& sb, std::uint32_t d) {
  const southbound::DeviceEntry& e = sb.links().inventory().devices[d];
  const southbound::LinkStatus st = sb.links().status(d);
  // A device is named after the optical node it configures, as DEVICE_REFUSED's "where" is.
  return {{"device", e.node}, {"node", e.node}, {"state", southbound::link_state_name(st.state)}};
}

json audit_json(southbound::Southbound& sb, const southbound::DeviceAudit& a) {
  json out = device_head(sb, a.device);
  json missing = json::array(), extra = json::array(), different = json::array();
  for (const auto& k : a.diff.missing) missing.push_back(k.text());
  for (const auto& k : a.diff.extra) extra.push_back(k.text());
  for (const auto& d : a.diff.different) {
    json leaves = json::array();
    for (const auto& l : d.leaves)
      leaves.push_back({{"leaf", l.leaf},
                        {"intended", optional_text(l.intended)},
                        {"running", optional_text(l.running)}});
    different.push_back({{"entry", d.entry.text()}, {"leaves", std::move(leaves)}});
  }
  out["missing"] = std::move(missing);
  out["extra"] = std::move(extra);
  out["different"] = std::move(different);
  // A device that could not be read has empty lists: the error says they mean "unknown".
  out["error"] = a.read ? json(nullptr) : json(a.error);
  return out;
}

HttpResponse list_devices(Call& call) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return southbound_off();
  json devices = json::array();
  for (std::uint32_t d = 0; d < sb->links().inventory().devices.size(); ++d) {
    const southbound::DeviceEntry& e = sb->links().inventory().devices[d];
    const southbound::LinkStatus st = sb->links().status(d);
    json dev = device_head(*sb, d);
    dev["model"] = e.model;
    dev["address"] = e.address;
    dev["port"] = e.port;
    dev["last_commit"] = st.last_commit ? utc_text(*st.last_commit) : json(nullptr);
    dev["last_error"] = st.last_error.empty() ? json(nullptr) : json(st.last_error);
    json drift = nullptr;
    if (auto r = sb->last_audit(d)) {
      drift = {{"audited_at", utc_text(r->audited_at)},
               {"clean", r->read && r->missing + r->extra + r->different == 0},
               {"missing", r->missing},
               {"extra", r->extra},
               {"different", r->different},
               {"error", r->read ? json(nullptr) : json(r->error)},
               {"event", r->event.empty() ? json(nullptr) : json(r->event)}};
    }
    dev["drift"] = std::move(drift);
    devices.push_back(std::move(dev));
  }
  return json_response(200, {{"devices", std::move(devices)}});
}

HttpResponse audit_devices(Call& call) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return southbound_off();
  json devices = json::array();
  for (const southbound::DeviceAudit& a : sb->audit()) devices.push_back(audit_json(*sb, a));
  return json_response(200, {{"devices", std::move(devices)}});
}

HttpResponse repair_devices(Call& call) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return southbound_off();
  const southbound::RepairOutcome r = sb->repair();
  if (r.failure) return device_failure_response(*r.failure);
  json devices = json::array();
  for (const southbound::DeviceAudit& a : r.found) {
    json dev = audit_json(*sb, a);
    dev["repaired"] = std::find(r.repaired.begin(), r.repaired.end(), a.device) != r.repaired.end();
    devices.push_back(std::move(dev));
  }
  return json_response(200, {{"devices", std::move(devices)}});
}

}  // namespace

std::vector<Route> devices_routes() {
  return {
      {.method = "GET",
       .pattern = "/api/v1/devices",
       .access = Access::kAdmin,
       .unlocked = true,
       .handle = list_devices},
      {.method = "GET",
       .pattern = "/api/v1/devices/audit",
       .access = Access::kAdmin,
       .unlocked = true,
       .handle = audit_devices},
      {.method = "POST",
       .pattern = "/api/v1/devices/repair",
       .access = Access::kAdmin,
       .unlocked = true,
       .handle = repair_devices},
  };
}

}  // namespace lightmesh::server
