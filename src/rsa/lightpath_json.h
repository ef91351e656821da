// The JSON form of a lightpath shared by `plan`, the controller's API and workload placement, so
// the contract's field names live in one place.
//
//   nlohmann::ordered_json j = lightpath_json(net, grid, lp, "d1");
//   write_lightpath_members(writer, net, grid, lp, "d1");   // the same, into an open object
//
// Pure function; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "core/json_writer.h"
#include "model/network.h"
#include "rsa/lightpath.h"
#include "spectrum/grid.h"

namespace lightmesh::rsa {

// {"demand","role","route","fibers","length_km","one_way_us","rtt_us","mode","bit_rate_gbps","center_thz",
//  "width_ghz","n","m","spectrum","first_slot","slot_count"}, then, for a mode judged by GSNR,
//  "gsnr_db" (worst channel of the full load, 0.1 nm), "gsnr_bw_db" (the same in the signal
//  bandwidth), "gsnr_mean_db" (dB mean over the full load: GNPy's SNR-0.1nm), "gsnr_channel_db"
//  (the lightpath's own channel), "required_osnr_db" and "margin_db" (gsnr_db − required OSNR),
//  all in dB. `extra_delay`
//  (latency equalisation) is added to one_way_us and rtt_us. Numbers are rounded for stable
//  output (µs and km to 0.001, dB to 0.01).
nlohmann::ordered_json lightpath_json(const Network& net, const spectrum::Grid& grid,
                                      const Lightpath& lp, std::string_view demand,
                                      Microseconds extra_delay = Microseconds{0});

// The same members written into an object `w` has open, for answers made without a tree (a
// created service's); the caller may add members after them and closes the object.
void write_lightpath_members(JsonWriter& w, const Network& net, const spectrum::Grid& grid,
                             const Lightpath& lp, std::string_view demand,
                             Microseconds extra_delay = Microseconds{0});

// Rounds to `decimals` places; never returns -0.
double round_to(double v, int decimals);

}  // namespace lightmesh::rsa
