#include "server/tapi_input.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/limits.h"
#include "server/tapi_ids.h"
#include "server/uuid.h"

namespace lightmesh::server {

namespace {

// "tapi-topology:ONE_PLUS_ONE_PROTECTION" → "ONE_PLUS_ONE_PROTECTION": identities may carry their
// module's prefix.
std::string identity_name(const std::string& v) {
  const auto colon = v.rfind(':');
  return colon == std::string::npos ? v : v.substr(colon + 1);
}

// RFC 7951 writes 64-bit and decimal numbers as strings; both forms are read.
std::optional<double> number_of(const io::Json* v) {
  if (!v) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (!v->is_string()) return std::nullopt;
  const std::string s = v->get<std::string>();
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

}  // namespace

const io::Json* json_member(const io::Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string lower_case(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string site_of_sip(const Network& net, std::string_view uuid) {
  for (const Site& s : net.sites())
    if (sip_uuid(s.id) == uuid) return s.id;
  return "";
}

Result<TapiServiceInput> read_tapi_service(const io::Document& doc, const io::Json& s,
                                           const std::string& at, const Network& net,
                                           const std::string& tenant) {
  if (!s.is_object()) return doc.error(at, "a connectivity-service must be an object");
  TapiServiceInput out;
  fabric::ServiceRequest& r = out.request;
  r.tenant = tenant;

  if (const io::Json* u = json_member(s, "uuid")) {
    if (!u->is_string() || !is_uuid(u->get<std::string>()))
      return doc.error(at + "/uuid", "uuid must be 8-4-4-4-12 hexadecimal digits");
    out.client_uuid = lower_case(u->get<std::string>());
    if (service_id_of(out.client_uuid)) {
      return doc.error(at + "/uuid",
                       "uuids of the form NNNNNNNN-7376-8000-8000-NNNNNNNNNNNN are the "
                       "controller's own; leave uuid out to be given one");
    }
  }

  const io::Json* ends = json_member(s, "end-point");
  if (!ends || !ends->is_array() || ends->size() != 2)
    return doc.error(at + "/end-point", "end-point must list exactly two end-points");
  for (std::size_t i = 0; i < 2; ++i) {
    const std::string p = fmt::format("{}/end-point/{}/service-interface-point", at, i);
    const io::Json* sip = json_member((*ends)[i], "service-interface-point");
    const io::Json* uuid = sip ? json_member(*sip, "service-interface-point-uuid") : nullptr;
    if (!uuid || !uuid->is_string())
      return doc.error(p + "/service-interface-point-uuid", "missing service-interface-point-uuid");
    const std::string site = site_of_sip(net, lower_case(uuid->get<std::string>()));
    if (site.empty()) {
      return doc.error(p + "/service-interface-point-uuid",
                       "no service-interface-point \"" + uuid->get<std::string>() + "\"");
    }
    (i == 0 ? r.from : r.to) = site;
  }

  // TAPI 2.1 puts requested-capacity inside connectivity-constraint; later versions beside it.
  std::string cap_at = at + "/requested-capacity";
  const io::Json* cap = json_member(s, "requested-capacity");
  if (!cap && json_member(s, "connectivity-constraint")) {
    cap = json_member(*json_member(s, "connectivity-constraint"), "requested-capacity");
    cap_at = at + "/connectivity-constraint/requested-capacity";
  }
  const io::Json* total = cap ? json_member(*cap, "total-size") : nullptr;
  const std::optional<double> value = number_of(total ? json_member(*total, "value") : nullptr);
  if (!value || *value <= 0)
    return doc.error(cap_at + "/total-size/value",
                     "requested-capacity needs a positive total-size/value");
  double scale = 1;
  if (const io::Json* unit = json_member(*total, "unit")) {
    const std::string u = unit->is_string() ? identity_name(unit->get<std::string>()) : "";
    if (u == "TBPS")
      scale = 1000;
    else if (u == "MBPS")
      scale = 0.001;
    else if (u != "GBPS")
      return doc.error(cap_at + "/total-size/unit", "unit must be GBPS, TBPS or MBPS");
  }
  // The range applies to the bandwidth in Gb/s, whatever unit the request used.
  if (!limits::kBandwidthGbps.contains(*value * scale)) {
    return doc.error(cap_at + "/total-size/value",
                     fmt::format("{:g} {} is out of range (expected {}, once in Gb/s)", *value,
                                 scale == 1  ? "GBPS"
                                 : scale > 1 ? "TBPS"
                                             : "MBPS",
                                 limits::kBandwidthGbps.describe()));
  }
  r.bandwidth = Gbps{*value * scale};

  // resilience-constraint: a list (2.1+) or one object; resilience-type alone is 2.0's form.
  std::string rc_at = at + "/resilience-constraint";
  const io::Json* rc = json_member(s, "resilience-constraint");
  if (rc && rc->is_array()) {
    if (rc->size() > 1) return doc.error(rc_at, "at most one resilience-constraint is supported");
    rc = rc->empty() ? nullptr : &(*rc)[0];
    rc_at += "/0";
  }
  const io::Json* rt = rc ? json_member(*rc, "resilience-type") : json_member(s, "resilience-type");
  rc_at = rc ? rc_at + "/resilience-type" : at + "/resilience-type";
  if (const io::Json* pt = rt ? json_member(*rt, "protection-type") : nullptr) {
    const std::string p = pt->is_string() ? identity_name(pt->get<std::string>()) : "";
    // "NO_PROTECTON" is how TAPI 2.1's YANG spells it.
    if (p == "NO_PROTECTION" || p == "NO_PROTECTON")
      r.protection = fabric::ServiceProtection::kNone;
    else if (p == "ONE_PLUS_ONE_PROTECTION")
      r.protection = fabric::ServiceProtection::kOnePlusOne;
    else if (p == "DYNAMIC_RESTORATION")
      r.protection = fabric::ServiceProtection::kRestore;
    else
      return doc.error(rc_at + "/protection-type",
                       "protection-type must be NO_PROTECTION, ONE_PLUS_ONE_PROTECTION or "
                       "DYNAMIC_RESTORATION");
  }

  // Latency bounds: latency-characteristic entries, beside the service or in its
  // routing-constraint, with fixed-latency-characteristic in microseconds.
  std::string lat_at = at + "/latency-characteristic";
  const io::Json* lat = json_member(s, "latency-characteristic");
  if (!lat && json_member(s, "routing-constraint")) {
    lat = json_member(*json_member(s, "routing-constraint"), "latency-characteristic");
    lat_at = at + "/routing-constraint/latency-characteristic";
  }
  if (lat && !lat->is_array()) return doc.error(lat_at, "latency-characteristic must be a list");
  for (std::size_t i = 0; lat && i < lat->size(); ++i) {
    const io::Json& e = (*lat)[i];
    const std::string p = fmt::format("{}/{}", lat_at, i);
    const io::Json* kind = json_member(e, "traffic-property-name");
    const std::optional<double> us = number_of(json_member(e, "fixed-latency-characteristic"));
    if (!us || *us <= 0)
      return doc.error(p + "/fixed-latency-characteristic", "a positive bound in µs is required");
    if (!limits::kLatencyBoundUs.contains(*us))
      return doc.error(p + "/fixed-latency-characteristic", limits::kLatencyBoundUs.refusal(*us));
    const std::string k = kind && kind->is_string() ? identity_name(kind->get<std::string>()) : "";
    if (k == "ONE_WAY")
      r.max_one_way = Microseconds{*us};
    else if (k == "ROUND_TRIP")
      r.max_rtt = Microseconds{*us};
    else
      return doc.error(p + "/traffic-property-name",
                       "traffic-property-name must be ONE_WAY or ROUND_TRIP");
  }

  // name: SERVICE_NAME (else the first entry that is not one the controller writes) and
  // LATENCY_GROUP.
  std::string name;
  if (const io::Json* names = json_member(s, "name")) {
    if (!names->is_array())
      return doc.error(at + "/name", "name must be a list of {value-name, value}");
    bool named_explicitly = false;
    for (std::size_t i = 0; i < names->size(); ++i) {
      const io::Json* vn = json_member((*names)[i], "value-name");
      const io::Json* v = json_member((*names)[i], "value");
      if (!vn || !vn->is_string() || !v || !v->is_string())
        return doc.error(fmt::format("{}/name/{}", at, i),
                         "each name needs string value-name and value");
      const std::string key = vn->get<std::string>();
      const std::string value = v->get<std::string>();
      const std::string value_at = fmt::format("{}/name/{}/value", at, i);
      if (value.size() > fabric::kMaxNameBytes) {
        return doc.error(value_at, fmt::format("a name of {} bytes (expected at most {})",
                                               value.size(), fabric::kMaxNameBytes));
      }
      // The marker that keeps a client's uuid in the name is written here only, after the uuid
      // was read from "uuid": a name may not claim one.
      if (value.rfind(kClientUuidPrefix, 0) == 0) {
        return doc.error(value_at, "names beginning with \"" + std::string(kClientUuidPrefix) +
                                       "\" are reserved; give the uuid as \"uuid\"");
      }
      if (key == "LATENCY_GROUP") {
        r.latency_group = v->get<std::string>();
      } else if (key == "SERVICE_NAME") {
        name = v->get<std::string>();
        named_explicitly = true;
      } else if (!named_explicitly && name.empty() && key != "SERVICE_ID" && key != "TENANT" &&
                 key != "DOWN_REASON") {
        name = v->get<std::string>();
      }
    }
  }
  r.name = out.client_uuid.empty() ? name
                                   : std::string(kClientUuidPrefix) + out.client_uuid +
                                         (name.empty() ? "" : " " + name);
  return out;
}

}  // namespace lightmesh::server
