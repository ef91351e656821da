// Network: the validated, immutable network — sites, optical nodes, duplex fibres, the transceiver
// catalogue and element latencies — addressed by dense indices.
//
//   LM_ASSIGN_OR_RETURN(Network net, build_network(std::move(spec)));
//   SiteIndex s = net.find_site("LD4");  NodeIndex n = net.site(s).node;
//
// Immutable after build_network(); thread-safe to read from many threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "model/network_spec.h"

namespace lightmesh {

struct Site {
  std::string id;
  std::string name;
  std::optional<LatLon> position;
  std::string kind;
  std::string jurisdiction;
  std::optional<Compute> compute;
  std::optional<double> power_price_usd_mwh;
  std::optional<double> pue;
  std::uint32_t transceiver_ports = 0;
  NodeIndex node = kNoIndex;  // the site's own ROADM, which carries the site's id
};

struct OpticalNode {
  std::string id;
  std::string name;
  NodeKind kind = NodeKind::kRoadm;
  std::optional<LatLon> position;
  SiteIndex site = kNoIndex;  // the site this node belongs to, if any
  Microseconds latency{0};    // add/drop or pass-through latency
  bool latency_overridden = false;
};

struct Span {
  Km length{0};
  std::optional<Decibel> loss;
};

struct Fiber {
  std::string id;
  NodeIndex a = kNoIndex;
  NodeIndex b = kNoIndex;
  Km length{0};
  bool length_from_coordinates = false;  // length = great-circle × route_factor
  double route_factor = 1.0;
  FiberType type = FiberType::kSsmf;
  MicrosecondsPerKm delay = kSsmfDelay;
  bool delay_overridden = false;
  std::vector<Span> spans;
  std::uint32_t amplifiers = 0;
  bool amplifiers_stated = false;
  std::optional<double> loss_db_per_km;          // overrides the network's LinePhysics
  std::optional<std::string> amplifier_variety;  // of its in-line amplifiers; unset: auto-design's

  NodeIndex other_end(NodeIndex n) const { return n == a ? b : a; }
};

class Network {
 public:
  const std::string& name() const { return name_; }
  const std::string& file() const { return file_; }
  const std::vector<Site>& sites() const { return sites_; }
  const std::vector<OpticalNode>& nodes() const { return nodes_; }
  const std::vector<Fiber>& fibers() const { return fibers_; }
  const Site& site(SiteIndex i) const { return sites_[i]; }
  const OpticalNode& node(NodeIndex i) const { return nodes_[i]; }
  const Fiber& fiber(FiberIndex i) const { return fibers_[i]; }
  const TransceiverCatalogue& catalogue() const { return catalogue_; }
  const ElementLatency& latency() const { return latency_; }
  std::optional<double> default_route_factor() const { return route_factor_; }
  double band_first_thz() const { return band_first_thz_; }
  double band_last_thz() const { return band_last_thz_; }
  // Physical defaults of the lines (fibre, spans, amplifiers, ROADMs) for quality of transmission.
  const LinePhysics& physics() const { return physics_; }
  bool physics_stated() const { return physics_stated_; }
  // Non-fatal findings of validation, e.g. disconnected parts. One line each.
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Lookups by id; kNoIndex when absent.
  SiteIndex find_site(std::string_view id) const;
  NodeIndex find_node(std::string_view id) const;
  FiberIndex find_fiber(std::string_view id) const;

  // Fibres touching node n, in index order.
  const std::vector<FiberIndex>& fibers_at(NodeIndex n) const { return adjacency_[n]; }

 private:
  friend Result<Network> build_network(NetworkSpec spec);

  std::string name_;
  std::string file_;
  std::vector<Site> sites_;
  std::vector<OpticalNode> nodes_;
  std::vector<Fiber> fibers_;
  std::vector<std::vector<FiberIndex>> adjacency_;
  TransceiverCatalogue catalogue_;
  ElementLatency latency_;
  std::optional<double> route_factor_;
  double band_first_thz_ = 191.325;
  double band_last_thz_ = 196.125;
  LinePhysics physics_;
  bool physics_stated_ = false;
  std::vector<std::string> warnings_;
  std::unordered_map<std::string, SiteIndex> site_ids_;
  std::unordered_map<std::string, NodeIndex> node_ids_;
  std::unordered_map<std::string, FiberIndex> fiber_ids_;
};

// Validates `spec` and resolves its references. Every site becomes a ROADM node with the site's id;
// spec.nodes follow. Errors (the first found, in file order) name spec.file and the entity's
// `where`: empty network, duplicate ids, unknown endpoints, self-loops, missing / negative /
// non-finite lengths, spans that disagree with length_km, bad coordinates, a custom fibre type
// without a delay, duplicate mode names or invalid mode figures. Disconnected parts are a warning,
// not an error.
Result<Network> build_network(NetworkSpec spec);

}  // namespace lightmesh
