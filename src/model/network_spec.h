// NetworkSpec: a network as read from a file, before validation. Entities refer to each other by
// id, and each carries `where` (a JSON pointer or "line N") so validation errors can name the
// place.
//
//   NetworkSpec spec = ...;              // filled by io (native, GNPy, TopoHub, SNDlib readers)
//   Result<Network> net = build_network(std::move(spec));
//
// Plain value types; thread-compatible.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/geo.h"
#include "core/units.h"
#include "model/compute.h"
#include "model/equipment.h"
#include "model/transceiver.h"

namespace lightmesh {

// Optical node roles in IOWN APN terms. A site's own node is a ROADM that holds its APN-T ports.
enum class NodeKind {
  kRoadm,    // APN-I / ROADM switch (also every site's own node)
  kGateway,  // APN-G gateway
};

enum class FiberType { kSsmf, kHollowCore, kCustom };

const char* node_kind_name(NodeKind k);
const char* fiber_type_name(FiberType t);

// Default per-element latencies, docs/sources.md §1. Overridable per network, per node and per
// mode.
struct ElementLatency {
  // Coherent DSP + FEC of a transceiver pair: 15–150 µs depending on FEC; 15 µs is the low end,
  // what 400ZR-class CFEC pluggables reach, and keeps the NTT DATA UK demo (≈ 89 km, RTT ≈ 0.9 ms)
  // consistent.
  Microseconds transceiver_pair{15.0};
  Microseconds roadm{0.5};       // ROADM pass-through / add-drop: sub-µs
  Microseconds gateway{0.5};     // APN-G: treated like a ROADM
  Microseconds amplifier{0.15};  // EDFA: 0.1–0.15 µs
};

// The ROADM every optical node has, as the file states it (docs/formats.md, `physics.roadm`). An
// unset field takes the equipment library's ROADM, else GNPy v2.12's example ROADM (−20 dBm per
// channel, add/drop OSNR 38 dB, no PMD or PDL; docs/sources.md §10).
struct RoadmEquipment {
  // The per-channel equalisation target at every output degree: a power, or a power spectral
  // density (the power then scales with each channel's baud rate). At most one is set.
  std::optional<double> target_pch_out_dbm;
  std::optional<double> target_psd_out_mw_per_ghz;
  // The booster after every output degree and the preamplifier before every input degree: an
  // amplifier variety of the library, or a fixed noise figure. At most one of each pair is set.
  std::optional<std::string> booster, preamp;
  std::optional<double> booster_nf_db, preamp_nf_db;
  std::optional<double> pmd_ps;  // of each add, drop or express path
  std::optional<double> pdl_db;
};

// What a line is made of where the file does not say, for quality of transmission
// (docs/physics.md, "QoT inside lightmesh"). Defaults: standard single-mode fibre (ITU-T G.652)
// with GNPy's "SSMF" figures, spans of at most 80 km, 0.5 dB connectors, and GNPy v2.12's example
// equipment library (standard variable-gain EDFAs chosen by auto-design, its default ROADM and
// reference channel); docs/sources.md §10. An optional unset field takes the equipment library's
// value when the file names one, else the default.
struct LinePhysics {
  double loss_db_per_km = 0.2;
  double dispersion_ps_nm_km = 16.7;
  double effective_area_um2 = 83;
  double connector_loss_db = 0.5;  // at each end of every span
  Km max_span{80};                 // a fibre without spans or amplifiers is cut into equal spans
  // The design's reference power per channel (GNPy's SI power_dbm): what boosters and in-line
  // amplifiers launch into each span. Default: the library's SI, else 0 dBm.
  std::optional<double> launch_power_dbm;
  std::optional<double> amplifier_nf_db;  // a fixed noise figure instead of GNPy's standard EDFAs
  // The add and the drop ROADM of a lightpath together, referred to 0.1 nm (GNPy's add_drop_osnr);
  // express ROADMs add no noise, as in GNPy v2.12. Default: the library's ROADM, else 38 dB.
  std::optional<double> roadm_add_drop_osnr_db;
  RoadmEquipment roadm;
  // Per mode (by name): the power per channel its channels enter every span with,
  // in place of launch_power_dbm. Realised as GNPy does, by equalising the mode's channels at every
  // ROADM this far from the target (the mode's equalization_offset_db); amplifier gains stay as
  // designed for the reference.
  std::vector<std::pair<std::string, double>> mode_launch_power_dbm;
  // The amplifier varieties auto-design may choose among for in-line amplifiers (GNPy's
  // allowed_for_design); empty: the library's choice.
  std::vector<std::string> inline_amplifiers;
  // A GNPy equipment library (eqpt_config.json) as the file names it, relative to the network
  // file, and what io read from it. It supplies the amplifier varieties and the ROADM, span and
  // reference-channel defaults.
  std::string equipment_file;
  std::shared_ptr<const Equipment> equipment;
};

struct SiteSpec {
  std::string id;
  std::string name;  // defaults to id
  std::optional<LatLon> position;
  std::string kind = "datacenter";  // datacenter, exchange, venue, premises, production, pop, other
  std::string jurisdiction;         // e.g. "GB", "JP"
  std::optional<Compute> compute;
  std::optional<double> power_price_usd_mwh;
  std::optional<double> pue;
  std::uint32_t transceiver_ports = 0;  // APN-T ports; 0 = not limited
  std::string where;
};

struct NodeSpec {
  std::string id;
  std::string name;
  NodeKind kind = NodeKind::kRoadm;
  std::optional<LatLon> position;
  std::optional<Microseconds> latency;  // pass-through latency override
  std::string where;
};

struct SpanSpec {
  Km length{0};
  std::optional<Decibel> loss;
};

struct FiberSpec {
  std::string id;
  std::string a;
  std::string b;
  std::optional<Km> length;
  std::optional<double> route_factor;  // used when length is absent: great-circle × factor
  FiberType type = FiberType::kSsmf;
  std::optional<MicrosecondsPerKm>
      delay;  // required for kCustom, overrides the type's default otherwise
  std::vector<SpanSpec> spans;
  std::optional<std::uint32_t> amplifiers;  // inline amplifiers; default spans − 1
  std::optional<double> loss_db_per_km;     // default: the network's LinePhysics
  // The variety of this fibre's in-line amplifiers (of the network's equipment library); unset:
  // auto-design chooses.
  std::optional<std::string> amplifier_variety;
  std::string where;
};

struct NetworkSpec {
  std::string name;
  std::string file;  // for messages
  std::vector<SiteSpec> sites;
  std::vector<NodeSpec> nodes;
  std::vector<FiberSpec> fibers;
  std::vector<TransceiverMode> modes;  // empty: the caller supplies the built-in catalogue
  ElementLatency latency;
  std::optional<double> route_factor;  // network-wide default for fibres without length
  double band_first_thz = 191.325;     // flex-grid band (C band by default, docs/sources.md §2)
  double band_last_thz = 196.125;
  LinePhysics physics;
  bool physics_stated = false;  // the file has a "physics" block (writers keep it)
};

}  // namespace lightmesh
