// GNPy path requests for the lightpaths of a lightmesh plan (the JSON of `lightmesh plan --format
// json`), so that GNPy itself can check every figure of the plan on the exported network
// (io/gnpy_export.h):
//
//   LM_ASSIGN_OR_RETURN(PlanRequests r, plan_requests(plan_text, "plan.json", net, model));
//   std::string services = write_gnpy_services(r.services);  // qot/service.h
//
// One request per lightpath, its request-id the lightpath's 0-based position in "lightpaths": from
// the first node's transceiver to the last's, the route given as include hops (every ROADM and the
// first span of every fibre in its direction, all STRICT, so GNPy takes exactly the plan's fibres),
// the mode's transceiver type and mode, its channel width as spacing, the plan's N and M, and the
// full load's per-channel power the line model judged it with. A lightpath whose mode states no
// required OSNR (judged by reach alone) has no GNPy equivalent: it is left out with a warning.
// Errors name the file, the JSON pointer and what was expected. Pure function; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "physics/line_model.h"
#include "qot/service.h"

namespace lightmesh::qot {

struct PlanRequests {
  ServiceDocument services;
  std::optional<double> osnr_margin_db;  // the plan's summary.osnr_margin_db, when stated
  std::vector<std::string> warnings;     // "FILE: /lightpaths/3: …", one per lightpath left out
};

Result<PlanRequests> plan_requests(std::string_view plan_text, std::string_view file,
                                   const Network& net, const physics::LineModel& model);
Result<PlanRequests> plan_requests_file(const std::string& path, const Network& net,
                                        const physics::LineModel& model);

}  // namespace lightmesh::qot
