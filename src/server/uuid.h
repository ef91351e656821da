// Name-based UUIDs (RFC 4122 version 5: SHA-1 of a namespace and a name), so TAPI objects get
// identifiers that are the same on every start without storing them.
//
//   std::string u = name_uuid(kUrlNamespace, "urn:lightmesh:sip:LD4");
//   is_uuid(u) == true;   // "xxxxxxxx-xxxx-5xxx-[89ab]xxx-xxxxxxxxxxxx", lower case
//
// Pure functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace lightmesh::server {

// RFC 4122 appendix C namespaces.
inline constexpr std::string_view kDnsNamespace = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
inline constexpr std::string_view kUrlNamespace = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";

// FIPS 180-4 SHA-1 digest. Used only to derive identifiers, never for security.
std::array<std::uint8_t, 20> sha1(std::string_view data);

// The version-5 UUID of `name` in `namespace_uuid` (which must satisfy is_uuid), in lower case.
std::string name_uuid(std::string_view namespace_uuid, std::string_view name);

// True for the 8-4-4-4-12 hexadecimal text form (either case).
bool is_uuid(std::string_view text);

}  // namespace lightmesh::server
