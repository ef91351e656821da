#include "server/tapi_ids.h"

#include <fmt/format.h>

#include "server/uuid.h"

namespace lightmesh::server {

namespace {

// The fixed middle of a reversible service uuid; the digits around it carry the number.
constexpr std::string_view kServiceMiddle = "-7376-8000-8000-";
constexpr std::string_view kServicePrefix = "svc-";

std::string urn_uuid(std::string_view kind, std::string_view id) {
  return name_uuid(kUrlNamespace, fmt::format("urn:lightmesh:{}:{}", kind, id));
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string client_uuid_in(std::string_view service_name) {
  if (service_name.substr(0, kClientUuidPrefix.size()) != kClientUuidPrefix) return "";
  const std::string_view rest = service_name.substr(kClientUuidPrefix.size());
  const std::string_view uuid = rest.substr(0, 36);
  if (!is_uuid(uuid) || (rest.size() > 36 && rest[36] != ' ')) return "";
  return std::string(uuid);
}

std::string name_without_client_uuid(std::string_view service_name) {
  if (client_uuid_in(service_name).empty()) return std::string(service_name);
  const std::size_t skip = kClientUuidPrefix.size() + 36;
  return std::string(service_name.size() > skip ? service_name.substr(skip + 1) : "");
}

std::string service_uuid(std::string_view service_id, std::string_view service_name) {
  if (std::string own = client_uuid_in(service_name); !own.empty()) return own;
  const std::string_view digits =
      service_id.substr(std::min(kServicePrefix.size(), service_id.size()));
  // 20 decimal digits hold any 64-bit number; fabric ids stay far below that.
  if (service_id.substr(0, kServicePrefix.size()) == kServicePrefix && digits.size() >= 6 &&
      digits.size() <= 20 && all_digits(digits) && (digits.size() == 6 || digits[0] != '0')) {
    const std::string padded = std::string(20 - digits.size(), '0') + std::string(digits);
    return padded.substr(0, 8) + std::string(kServiceMiddle) + padded.substr(8);
  }
  return urn_uuid("service", service_id);
}

std::optional<std::string> service_id_of(std::string_view uuid) {
  if (uuid.size() != 36 || uuid.substr(8, kServiceMiddle.size()) != kServiceMiddle)
    return std::nullopt;
  const std::string digits = std::string(uuid.substr(0, 8)) + std::string(uuid.substr(24));
  if (!all_digits(digits)) return std::nullopt;
  // Fabric ids are "svc-" and the number with at least six digits ("svc-000123").
  const std::size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 6);
  return std::string(kServicePrefix) + digits.substr(first);
}

std::string context_uuid(std::string_view network_name) {
  return urn_uuid("context", network_name);
}
std::string topology_uuid(std::string_view network_name) {
  return urn_uuid("topology", network_name);
}
std::string sip_uuid(std::string_view site_id) { return urn_uuid("sip", site_id); }
std::string node_uuid(std::string_view node_id) { return urn_uuid("node", node_id); }
std::string nep_uuid(std::string_view node_id, std::string_view port) {
  return urn_uuid("nep", fmt::format("{}/{}", node_id, port));
}
std::string link_uuid(std::string_view fiber_id) { return urn_uuid("link", fiber_id); }
std::string connection_uuid(std::string_view service_id, std::size_t index) {
  return urn_uuid("connection", fmt::format("{}/{}", service_id, index));
}

std::string cep_uuid(std::string_view service_id, std::size_t index, std::string_view node_id) {
  return urn_uuid("cep", fmt::format("{}/{}/{}", service_id, index, node_id));
}

}  // namespace lightmesh::server
