// GNPy's YANG-form request bodies → the legacy body GNPy's readers (and lightmesh's) take.
//
// oopt-gnpy-api's `POST /api/v0.2/path-request` takes either the legacy body
//   {"gnpy-api:service": {...}, "gnpy-api:topology": {...}, "gnpy-api:equipment": {...}}
// or the same three documents in GNPy's YANG form, RFC 7951 JSON under one container:
//   {"gnpy-api:api": {"gnpy-path-computation:services": {...},
//                     "gnpy-network-topology:topology": {...},
//                     "gnpy-eqpt-config:equipment": {...}}}
// where decimal64 and 64-bit integers are strings, an empty leaf is [null], identities carry their
// module ("gnpy-network-topology:Roadm"), and what the legacy files keep as maps or parallel
// lists is a keyed YANG list. This turns the second into the first:
//
//   LM_ASSIGN_OR_RETURN(nlohmann::json legacy, gnpy_api_to_legacy(body));
//
// TransportPCE's GNPy consumer sends a third form to /api/v1/path-computation: the "request"
// container of the gnpy-api YANG module it ships (revision 2022-02-21), written by OpenDaylight's
// codec in draft-lhotka-netmod-yang-json-02 JSON:
//   {"gnpy-api:request": {"service": {...}, "topology": {...}, "equipment"?: {...}}}
// whose members are the legacy documents with identities carrying their module, and
// gnpy_api_request_to_legacy() turns it into the legacy body.
//
// GNPy v2.12 has no YANG form; the rules follow GNPy's own converter (gnpy/tools/
// convert_legacy_yang.py, GNPy after v2.12) and its YANG modules, and are listed in
// docs/api/rest.md ("GNPy API v0.2"). Pure functions; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lightmesh::io {

inline constexpr const char* kGnpyApiContainer = "gnpy-api:api";

// True for a body in the YANG form (an object holding "gnpy-api:api").
bool is_gnpy_api_yang(const nlohmann::json& body);

// The legacy body for a YANG-form one. A member the legacy body would not have (spectrum,
// sim-params, extra equipment) is refused as unsupported, with its pointer; a member of the wrong
// type is invalid, with its pointer. Values are converted, not validated: the legacy readers do
// that, and yang_pointer() maps their pointers back into the body as sent.
Result<nlohmann::json> gnpy_api_to_legacy(const nlohmann::json& body);

// The pointer, in the YANG-form body, of a legacy body's member: "gnpy-api:topology" →
// "/gnpy-api:api/gnpy-network-topology:topology"; an unknown member is returned as "/member".
std::string yang_pointer(std::string_view legacy_member);

inline constexpr const char* kGnpyApiRequest = "gnpy-api:request";

// True for TransportPCE's body (an object holding "gnpy-api:request").
bool is_gnpy_api_request(const nlohmann::json& body);

// The legacy body for TransportPCE's one; a member of the wrong type, or one the legacy body
// would not have, is refused with its pointer.
Result<nlohmann::json> gnpy_api_request_to_legacy(const nlohmann::json& body);

// The pointer, in TransportPCE's body, of a legacy body's member: "gnpy-api:topology" →
// "/gnpy-api:request/topology".
std::string request_pointer(std::string_view legacy_member);

}  // namespace lightmesh::io
