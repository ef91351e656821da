#include "qot/transmission.h"

#include <algorithm>
#include <cctype>

namespace lightmesh::qot {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

Result<ElementIndex> resolve_endpoint(const physics::ElementNetwork& net, std::string_view text) {
  if (auto e = net.find(text); e && net.at(*e).kind() == physics::ElementKind::kTransceiver)
    return *e;
  const std::string want = lower(text);
  for (ElementIndex i = 0; i < net.size(); ++i) {
    const physics::Element& e = net.at(i);
    if (e.kind() == physics::ElementKind::kTransceiver &&
        lower(e.uid).find(want) != std::string::npos)
      return i;
  }
  return Error::not_found("no transceiver matches \"" + std::string(text) +
                          "\" (give a transceiver uid, or part of one)");
}

Result<Transmission> run_transmission(const physics::ElementNetwork& net, const Equipment& eq,
                                      const TransmissionRequest& request) {
  const SpectralInformation& si = eq.reference_channel();
  ElementRouting routing(net);
  Transmission t;
  // GNPy's compute_constrained_path with the via nodes as STRICT hops and the destination last.
  std::vector<ElementIndex> nodes = request.via;
  nodes.push_back(request.to);
  SimplePathGenerator gen = routing.simple_paths(request.from, request.to);
  for (int k = 0; k < 5000; ++k) {
    auto p = gen.next();
    if (!p) break;
    if (is_ordered_subset(nodes, *p)) {
      t.path = std::move(*p);
      break;
    }
  }
  if (t.path.empty()) {
    return Error::not_found("no path from " + net.at(request.from).uid + " to " +
                            net.at(request.to).uid +
                            (request.via.empty() ? std::string() : " through the --via nodes"));
  }
  t.power_dbm = request.power_dbm.value_or(si.power_dbm);
  // The SI block is the channel: GNPy's transmission example propagates its full load, launched
  // at SI.tx_power_dbm when set, else at the reference power.
  TransceiverType trx;
  trx.type_variety = "SI";
  trx.f_min_hz = si.f_min_hz;
  trx.f_max_hz = si.f_max_hz;
  TransceiverTypeMode mode;
  mode.format = "SI";
  mode.baud_rate_baud = si.baud_rate_baud;
  mode.roll_off = si.roll_off;
  mode.tx_osnr_db = si.tx_osnr_db;
  const std::optional<double> tx =
      request.power_dbm && !si.tx_power_dbm ? request.power_dbm : si.tx_power_dbm;
  LM_ASSIGN_OR_RETURN(
      physics::SpectralInfo s,
      physics::request_spectrum(trx, mode, si.spacing_hz, std::nullopt, t.power_dbm, tx));
  LM_RETURN_IF_ERROR(physics::drop_channels_outside_amplifier_bands(net, t.path, eq, s));
  t.nb_channels = s.size();
  const physics::PropagationSettings settings{.reference_pch_dbm = t.power_dbm,
                                              .reference_baud_rate_hz = si.baud_rate_baud,
                                              .reference_slot_width_hz = si.spacing_hz,
                                              .power_mode = eq.span.power_mode};
  LM_ASSIGN_OR_RETURN(t.trace, physics::propagate_path(net, t.path, eq, s, settings));
  return t;
}

}  // namespace lightmesh::qot
