// GNPy's path-computation response (gnpy-path-request -o): one entry per request after
// aggregation, with the path metrics and route objects, or "no-path" and GNPy's reason.
//
//   std::string text = write_gnpy_response(report, run.network());
//   LM_ASSIGN_OR_RETURN(std::vector<ResponseEntry> back, read_gnpy_response(text, "out.json"));
//
// Shape (GNPy v2.12's ResultElement): `response-id`; `path-properties` with `path-metric`
// (SNR-bandwidth, SNR-0.1nm, OSNR-bandwidth, OSNR-0.1nm in dB rounded to 2 decimals,
// reference_power in W, path_bandwidth in bit/s), `z-a-path-metric` for bidirectional requests,
// and `path-route-objects`: each element of the path as a num-unnum-hop, followed by a label-hop
// with the booked N/M when the request is served, and a transponder (type and mode) after each
// transceiver. A blocked request gets `no-path` with the reason; where GNPy explored a path
// (mode or spectrum blocking) the no-path carries its path-properties without labels. Pure;
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "physics/element_network.h"
#include "qot/path_request_run.h"

namespace lightmesh::qot {

std::string write_gnpy_response(const RunReport& report, const physics::ElementNetwork& net);

// What a response says about one request, read back (for tests and for comparing responses).
struct ResponseEntry {
  std::string response_id;
  std::optional<std::string> no_path;  // the blocking reason
  std::optional<double> snr_bw_db, snr_01nm_db, osnr_bw_db, osnr_01nm_db;
  std::optional<double> reference_power_w, path_bandwidth_bps;
  std::vector<std::string> hops;  // node-ids in order
  std::optional<std::string> transponder_type, transponder_mode;
  std::vector<int> n, m;  // from the first label-hop
  bool has_reverse_metrics = false;
};

Result<std::vector<ResponseEntry>> read_gnpy_response(std::string_view text, std::string_view file);

}  // namespace lightmesh::qot
