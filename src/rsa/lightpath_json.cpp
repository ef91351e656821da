#include "rsa/lightpath_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace lightmesh::rsa {

double round_to(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double r = std::round(v * scale) / scale;
  return r == 0.0 ? 0.0 : r;
}

nlohmann::ordered_json lightpath_json(const Network& net, const spectrum::Grid& grid,
                                      const Lightpath& lp, std::string_view demand,
                                      Microseconds extra_delay) {
  using json = nlohmann::ordered_json;
  const TransceiverMode& mode = net.catalogue().mode(lp.mode);
  json route = json::array(), fibers = json::array();
  for (NodeIndex n : lp.nodes) route.push_back(net.node(n).id);
  for (FiberIndex f : lp.fibers) fibers.push_back(net.fiber(f).id);
  const double one_way = (lp.one_way + extra_delay).value();
  json j = {
      {"demand", demand},
      {"role", role_name(lp.role)},
      {"route", route},
      {"fibers", fibers},
      {"length_km", round_to(lp.length.value(), 3)},
      {"one_way_us", round_to(one_way, 3)},
      {"rtt_us", round_to(2 * one_way, 3)},
      {"mode", mode.name},
      {"bit_rate_gbps", mode.bit_rate.value()},
      {"center_thz", round_to(spectrum::center_thz(grid, lp.slots), 6)},
      {"width_ghz", spectrum::width(lp.slots).value()},
      {"n", spectrum::n_of(grid, lp.slots)},
      {"m", spectrum::m_of(lp.slots)},
      {"spectrum", spectrum::readable(grid, lp.slots)},
      {"first_slot", lp.slots.first},
      {"slot_count", lp.slots.count},
  };
  if (lp.gsnr && mode.required_osnr) {
    j["gsnr_db"] = round_to(lp.gsnr->at_01nm_db, 2);
    j["gsnr_bw_db"] = round_to(lp.gsnr->bw_db, 2);
    j["gsnr_mean_db"] = round_to(lp.gsnr->mean_01nm_db, 2);
    j["gsnr_reverse_mean_db"] = round_to(lp.gsnr->reverse_mean_01nm_db, 2);
    if (lp.gsnr->channel_01nm_db) j["gsnr_channel_db"] = round_to(*lp.gsnr->channel_01nm_db, 2);
    j["required_osnr_db"] = mode.required_osnr->value();
    j["margin_db"] = round_to(lp.gsnr->at_01nm_db - mode.required_osnr->value(), 2);
  }
  return j;
}

}  // namespace lightmesh::rsa
