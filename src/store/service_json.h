// The stored form of a service: JSON text naming sites, fibres and modes by id, so a store's rows
// are readable and survive a change of dense indices.
//
//   std::string text = service_to_json(net, service);
//   LM_ASSIGN_OR_RETURN(Service back, service_from_json(net, text));
//
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/result.h"
#include "fabric/service.h"
#include "model/network.h"

namespace lightmesh::store {

std::string service_to_json(const Network& net, const fabric::Service& s);
// Errors name the service and what does not match the network (unknown fibre, node or mode).
Result<fabric::Service> service_from_json(const Network& net, const std::string& text);

}  // namespace lightmesh::store
