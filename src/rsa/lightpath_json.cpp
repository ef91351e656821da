#include "rsa/lightpath_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace lightmesh::rsa {

double round_to(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(v * scale) / scale;
  return r == 0.0 ? 0.0 : r;
}

void write_lightpath_members(JsonWriter& w, const Network& net, const spectrum::Grid& grid,
                             const Lightpath& lp, std::string_view demand,
                             Microseconds extra_delay) {
  const TransceiverMode& mode = net.catalogue().mode(lp.mode);
  const double one_way = (lp.one_way + extra_delay).value();
  w.key("demand").value(demand).key("role").value(role_name(lp.role));
  w.key("route").begin_array();
  for (NodeIndex n : lp.nodes) w.value(net.node(n).id);
  w.end_array().key("fibers").begin_array();
  for (FiberIndex f : lp.fibers) w.value(net.fiber(f).id);
  w.end_array();
  w.key("length_km").value(round_to(lp.length.value(), 3));
  w.key("one_way_us").value(round_to(one_way, 3)).key("rtt_us").value(round_to(2 * one_way, 3));
  w.key("mode").value(mode.name).key("bit_rate_gbps").value(mode.bit_rate.value());
  w.key("center_thz").value(round_to(spectrum::center_thz(grid, lp.slots), 6));
  w.key("width_ghz").value(spectrum::width(lp.slots).value());
  w.key("n").value(spectrum::n_of(grid, lp.slots)).key("m").value(spectrum::m_of(lp.slots));
  w.key("spectrum").value(spectrum::readable(grid, lp.slots));
  w.key("first_slot").value(lp.slots.first).key("slot_count").value(lp.slots.count);
  if (lp.gsnr && mode.required_osnr) {
    w.key("gsnr_db").value(round_to(lp.gsnr->at_01nm_db, 2));
    w.key("gsnr_bw_db").value(round_to(lp.gsnr->bw_db, 2));
    w.key("gsnr_mean_db").value(round_to(lp.gsnr->mean_01nm_db, 2));
    w.key("gsnr_reverse_mean_db").value(round_to(lp.gsnr->reverse_mean_01nm_db, 2));
    if (lp.gsnr->channel_01nm_db)
      w.key("gsnr_channel_db").value(round_to(*lp.gsnr->channel_01nm_db, 2));
    w.key("required_osnr_db").value(mode.required_osnr->value());
    w.key("margin_db").value(round_to(lp.gsnr->at_01nm_db - mode.required_osnr->value(), 2));
  }
}

nlohmann::ordered_json lightpath_json(const Network& net, const spectrum::Grid& grid,
                                      const Lightpath& lp, std::string_view demand,
                                      Microseconds extra_delay) {
  // Read back from the writer's text, so the members are listed in one place.
  JsonWriter w;
  w.begin_object();
  write_lightpath_members(w, net, grid, lp, demand, extra_delay);
  return nlohmann::ordered_json::parse(w.end_object().take());
}

}  // namespace lightmesh::rsa
