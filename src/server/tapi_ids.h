// The TAPI identifiers of lightmesh objects, derived from their ids so they are the same on every
// start without being stored: name-based UUIDs for sites, nodes, ports, fibres and connections, and
// a reversible form for services, whose number is written into the UUID in decimal.
//
//   service_uuid("svc-000123", "") == "00000000-7376-8000-8000-000000000123"
//   service_id_of("00000000-7376-8000-8000-000000000123") == "svc-000123"
//   sip_uuid("LD4") == name_uuid(kUrlNamespace, "urn:lightmesh:sip:LD4")
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lightmesh::server {

// A service created through TAPI with the client's own uuid keeps it in the service name as
// "tapi-uuid:<uuid>" or "tapi-uuid:<uuid> <name>", which the store persists with the service.
inline constexpr std::string_view kClientUuidPrefix = "tapi-uuid:";

// The client's uuid kept in a service name, or "" when there is none.
std::string client_uuid_in(std::string_view service_name);
// The name without the "tapi-uuid:<uuid>" marker.
std::string name_without_client_uuid(std::string_view service_name);

// The TAPI uuid of a fabric service: the client's (from the name), else "svc-N" with N written in
// decimal into the digits of "NNNNNNNN-7376-8000-8000-NNNNNNNNNNNN" (0x7376 is "sv"; version 8,
// the RFC 9562 custom layout). An id of another form gets a name-based uuid.
std::string service_uuid(std::string_view service_id, std::string_view service_name);
// The fabric id a uuid of the reversible form stands for ("svc-" and at least six digits); nullopt
// for any other uuid.
std::optional<std::string> service_id_of(std::string_view uuid);

std::string context_uuid(std::string_view network_name);
std::string topology_uuid(std::string_view network_name);
std::string sip_uuid(std::string_view site_id);
std::string node_uuid(std::string_view node_id);
// A node's port onto a fibre, or (port "add-drop") a site node's client side.
std::string nep_uuid(std::string_view node_id, std::string_view port);
std::string link_uuid(std::string_view fiber_id);
// The index-th lightpath of a service (working first, then protect), stable across restorations.
std::string connection_uuid(std::string_view service_id, std::size_t index);
// Where that lightpath ends at a site's node: its connection-end-point on the node's add-drop port.
std::string cep_uuid(std::string_view service_id, std::size_t index, std::string_view node_id);

}  // namespace lightmesh::server
