// The stored form of a workload: JSON text naming sites by id, with each grant's GPU pools (by
// index into the site's pools) so a reload books exactly what was booked. The document and the
// answer are kept as the text they were, not re-serialised.
//
//   std::string text = workload_to_json(workload);
//   LM_ASSIGN_OR_RETURN(Workload back, workload_from_json(text));
//   LM_RETURN_IF_ERROR(fabric.adopt_workload(std::move(back)));  // checks it against the network
//
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/result.h"
#include "fabric/workload.h"

namespace lightmesh::store {

std::string workload_to_json(const fabric::Workload& w);
// Errors (kInvalidInput) name the workload when its id could be read, and what is malformed.
// Whether the sites, pools and services exist is for Fabric::adopt_workload to judge.
Result<fabric::Workload> workload_from_json(const std::string& text);

}  // namespace lightmesh::store
