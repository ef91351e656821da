// GNPy's service file (the path-request JSON of gnpy-path-request): the requests and their
// synchronisation (SVEC) vectors, as plain data, with a reader and a writer.
//
//   LM_ASSIGN_OR_RETURN(ServiceDocument doc, read_gnpy_services_file("services.json"));
//   for (const ServiceRequest& r : doc.requests) use(r.request_id, r.source, r.trx_mode);
//   std::string text = write_gnpy_services(doc);  // reads back to the same document
//
// Units are GNPy's: Hz, bit/s, W. Fields GNPy leaves null stay unset (a null trx_mode means
// "choose the mode automatically"). Errors name the file, the JSON pointer, the request id and the
// field. The reader checks shape and types only; what the request names (transceiver type, mode,
// nodes) is checked against the equipment and the network by the engine (path_request_run.h).
// Plain values; pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace lightmesh::qot {

enum class HopType { kLoose, kStrict };

// One include hop of explicit-route-objects.route-object-include-exclude.
struct RouteHop {
  std::uint32_t index = 0;
  std::string node_id;
  HopType hop_type = HopType::kStrict;
  bool operator==(const RouteHop&) const = default;
};

// One entry of effective-freq-slot: a centre N (193.1 THz + N × 6.25 GHz) and a width M
// (M × 12.5 GHz); either may be left to spectrum assignment.
struct FreqSlot {
  std::optional<int> n;
  std::optional<int> m;
  bool operator==(const FreqSlot&) const = default;
};

struct ServiceRequest {
  std::string request_id;
  std::string source;
  std::string destination;
  std::string src_tp_id;
  std::string dst_tp_id;
  bool bidirectional = false;
  // path-constraints.te-bandwidth
  std::string technology = "flexi-grid";
  std::string trx_type;
  std::optional<std::string> trx_mode;        // null: automatic mode
  std::vector<FreqSlot> effective_freq_slot;  // absent in the file: one {null, null}
  double spacing_hz = 0;
  std::optional<std::uint32_t> max_nb_of_channel;
  std::optional<double> output_power_w;      // per-channel reference power
  std::optional<double> path_bandwidth_bps;  // absent: 0
  std::optional<double> tx_power_w;          // transceiver output power
  std::vector<RouteHop> route;               // include hops, sorted by index
  bool operator==(const ServiceRequest&) const = default;
};

// A synchronisation vector: its requests must be disjoint ("node link" in GNPy's files).
struct Synchronization {
  std::string id;
  bool relaxable = false;
  std::string disjointness = "node link";
  std::vector<std::string> request_ids;
  bool operator==(const Synchronization&) const = default;
};

struct ServiceDocument {
  std::vector<ServiceRequest> requests;
  std::vector<Synchronization> synchronizations;
  bool operator==(const ServiceDocument&) const = default;
};

// Reads a service document from text; `file` names it in errors.
Result<ServiceDocument> read_gnpy_services(std::string_view text, std::string_view file);
Result<ServiceDocument> read_gnpy_services_file(const std::string& path);

// The document in GNPy's shape (two-space indent); reading it back gives the same document.
std::string write_gnpy_services(const ServiceDocument& doc);

}  // namespace lightmesh::qot
