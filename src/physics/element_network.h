// The element-level optical network, as GNPy's topology JSON describes it: transceivers, ROADMs,
// fused connectors, fibre spans and amplifiers, each with a uid, joined by one-directional
// connections. It is what auto-design completes (physics/auto_design.h), what a transmission
// propagates along (physics/line_propagation.h), and what io/gnpy_topology.h reads and writes.
//
//   LM_ASSIGN_OR_RETURN(ElementNetwork net, io::read_gnpy_topology(text, "topo.json", equipment));
//   std::optional<ElementIndex> a = net.find("trx Lannion_CAS");
//   for (ElementIndex next : net.successors(*a)) { ... }
//
// Values are plain data in SI units (Hz, W, m, s), except where GNPy's own fields are in dB or
// dBm, which keep that unit in their name. Optional fields are the ones a topology may leave to
// auto-design (GNPy writes them as null); design fills them. Not thread-safe to mutate; safe to
// read from many threads.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "physics/fiber_propagation.h"

namespace lightmesh::physics {

using ElementIndex = std::uint32_t;

struct GeoLocation {
  std::string city;
  std::string region;
  double latitude = 0;
  double longitude = 0;
};

// An endpoint: where channels are added and dropped. GNPy adds the mode's tx OSNR and the add/drop
// OSNR of every ROADM crossed at the receiver.
struct TransceiverElement {};

// A ROADM equalises every channel to a target at each output degree. Exactly one target form is
// in force: per channel power, power spectral density, or power per slot width. Unset targets are
// taken from the equipment's ROADM type by design.
struct RoadmElement {
  std::optional<double> target_pch_out_dbm;            // params.target_pch_out_db
  std::optional<double> target_psd_out_mw_per_ghz;     // params.target_psd_out_mWperGHz
  std::optional<double> target_out_mw_per_slot_width;  // params.target_out_mWperSlotWidth
  // Per output degree (keyed by the uid of the element the degree leads to), overriding the
  // target above for that degree.
  std::map<std::string, double> per_degree_pch_out_dbm;
  std::map<std::string, double> per_degree_psd_out_mw_per_ghz;
  std::map<std::string, double> per_degree_out_mw_per_slot_width;
  // Amplifier types auto-design may choose for this ROADM's preamps and boosters (empty: any).
  std::vector<std::string> preamp_variety_list;
  std::vector<std::string> booster_variety_list;
};

// A passive connection (a patch, a splice point) with a lumped loss.
struct FusedElement {
  double loss_db = 1;  // GNPy's default when params.loss is absent
};

// A fibre span. `params` is complete (length, loss, dispersion, A_eff/γ, PMD from the equipment's
// fibre type); the connector and padding losses a topology leaves null are recorded as unset here
// so that design can fill them from the Span defaults (and then writes them into params too).
struct FiberElement {
  FiberParams params;
  std::optional<double> con_in_db;   // null in the topology: design sets Span.con_in
  std::optional<double> con_out_db;  // null in the topology: design sets Span.con_out + EOL
  std::optional<double> att_in_db;   // padding; design sets it where the span loss is too low
  bool raman = false;                // a RamanFiber (propagated as a plain fibre: no SRS)
  // Where each of params.lumped_losses_db sits, from the fibre input (same order and size).
  std::vector<double> lumped_loss_positions_m;
  // The fibre type's dispersion slope, when the library or the topology gives one (not yet used
  // by the propagation, which has no slope).
  std::optional<double> dispersion_slope_s_per_m3;
};

// An amplifier's operating point. The type (Element::type_variety) is "" until design chooses it.
struct EdfaElement {
  std::optional<double> gain_target_db;
  std::optional<double> delta_p_db;  // power mode: output power relative to the reference
  std::optional<double> tilt_target_db;
  std::optional<double> out_voa_db;
  std::optional<double> in_voa_db;
  // Types design may choose for this amplifier (GNPy's "variety_list"; empty: any allowed one).
  std::vector<std::string> variety_list;
  // The topology's own delta_p and tilt_target. Design overwrites the fields above with what it
  // computes, but GNPy keeps the topology's values apart, so every later design (per request, per
  // power of a sweep) starts again from them. The first design records them.
  bool operational_recorded = false;
  std::optional<double> operational_delta_p_db;
  std::optional<double> operational_tilt_target_db;
};

enum class ElementKind { kTransceiver, kRoadm, kFused, kFiber, kEdfa };

// GNPy's "type" string: "Transceiver", "Roadm", "Fused", "Fiber" (or "RamanFiber"), "Edfa".
const char* element_kind_name(ElementKind kind);

struct Element {
  std::string uid;
  std::string type_variety;  // the equipment type; "" where the topology gives none
  GeoLocation location;
  std::variant<TransceiverElement, RoadmElement, FusedElement, FiberElement, EdfaElement> data;
  // Members of the element's "params" and "operational" objects that lightmesh does not model
  // (GNPy's design_bands, per_degree_impairments, Raman pumps, per-element overrides of the
  // library …), each a JSON object as text, "" when there are none. Kept so that writing the
  // topology back loses nothing GNPy would read (io/gnpy_topology.h).
  std::string extra_params_json;
  std::string extra_operational_json;

  ElementKind kind() const { return static_cast<ElementKind>(data.index()); }
  template <class T>
  T* as() {
    return std::get_if<T>(&data);
  }
  template <class T>
  const T* as() const {
    return std::get_if<T>(&data);
  }
};

// Elements and their directed connections. Indices are stable while elements are only added;
// `remove_connection` and `add_connection` keep the adjacency lists in step.
class ElementNetwork {
 public:
  std::string name;

  ElementIndex add(Element e);         // the uid must be new (checked by readers, asserted here)
  void reserve(std::size_t elements);  // room for this many elements, to build without moves
  void add_connection(ElementIndex from, ElementIndex to);
  void remove_connection(ElementIndex from, ElementIndex to);

  std::size_t size() const { return elements_.size(); }
  const Element& at(ElementIndex i) const { return elements_[i]; }
  Element& at(ElementIndex i) { return elements_[i]; }
  const std::vector<Element>& elements() const { return elements_; }
  std::optional<ElementIndex> find(std::string_view uid) const;

  // Connections in the order they were added (GNPy's order, which its algorithms depend on).
  const std::vector<ElementIndex>& successors(ElementIndex i) const { return out_[i]; }
  const std::vector<ElementIndex>& predecessors(ElementIndex i) const { return in_[i]; }
  // Every connection (from, to), in the order added.
  std::vector<std::pair<ElementIndex, ElementIndex>> connections() const;

 private:
  std::vector<Element> elements_;
  std::vector<std::vector<ElementIndex>> out_, in_;
  std::map<std::string, ElementIndex, std::less<>> by_uid_;
  std::vector<std::pair<ElementIndex, ElementIndex>> connection_order_;
};

}  // namespace lightmesh::physics
