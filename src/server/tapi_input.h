// Reading a TAPI connectivity-service create — a 2.1 RPC input or a 2.5+ data-tree list entry —
// into a fabric service request. Errors are kInvalidInput with a JSON pointer into the body as
// their place.
//
//   LM_ASSIGN_OR_RETURN(TapiServiceInput in,
//                       read_tapi_service(doc, doc.root["input"], "/input", net, "bank"));
//   fabric.create(std::move(in.request));
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "fabric/service.h"
#include "io/json_doc.h"
#include "model/network.h"

namespace lightmesh::server {

struct TapiServiceInput {
  fabric::ServiceRequest request;
  std::string client_uuid;  // the uuid the client asked for, in lower case; empty if none
};

// Reads end-point (two SIPs: from, to), requested-capacity (beside the service or in 2.1's
// connectivity-constraint), resilience-constraint / resilience-type, latency-characteristic (beside
// the service or in routing-constraint), name and uuid; ignores other members. `at` is the JSON
// pointer of `service` in the body. A uuid of the controller's own service form is refused; whether
// it is free is for the caller to check.
Result<TapiServiceInput> read_tapi_service(const io::Document& doc, const io::Json& service,
                                           const std::string& at, const Network& net,
                                           const std::string& tenant);

// The site whose service-interface-point has this (lower-case) uuid, or "".
std::string site_of_sip(const Network& net, std::string_view uuid);

// The member `key` of an object; nullptr when absent or when `object` is not an object.
const io::Json* json_member(const io::Json& object, const char* key);

// ASCII lower case: uuids compare in either case.
std::string lower_case(std::string s);

}  // namespace lightmesh::server
