// A small element network and equipment library built in code for the qot tests: a ring of four
// ROADMs (a–b–c–d–a), each with a transceiver, each link a booster, one fibre and a preamp per
// direction; and a fake propagation whose GSNR falls with the fibre length and the baud rate, so
// the engine's routing, mode choice and spectrum logic can be checked without the physics.
#pragma once

#include <map>
#include <string>

#include "model/equipment.h"
#include "physics/element_network.h"
#include "qot/path_request_run.h"

namespace lightmesh::qot::testing {

inline physics::ElementIndex add(physics::ElementNetwork& net, std::string uid,
                                 decltype(physics::Element::data) data, std::string type = "") {
  physics::Element e;
  e.uid = std::move(uid);
  e.type_variety = std::move(type);
  e.data = std::move(data);
  return net.add(std::move(e));
}

// One direction of a link: roadm from → booster → fibre → preamp → roadm to.
inline void add_line(physics::ElementNetwork& net, const std::string& from, const std::string& to,
                     double km) {
  const auto r_from = *net.find("roadm " + from);
  const auto r_to = *net.find("roadm " + to);
  const auto boost = add(net, "booster " + from + "-" + to, physics::EdfaElement{}, "std");
  physics::FiberElement f;
  f.params.length_m = km * 1e3;
  const auto fib = add(net, "fiber " + from + "-" + to, f);
  const auto pre = add(net, "preamp " + from + "-" + to, physics::EdfaElement{}, "std");
  net.add_connection(r_from, boost);
  net.add_connection(boost, fib);
  net.add_connection(fib, pre);
  net.add_connection(pre, r_to);
}

// Ring a–b–c–d–a with the given lengths (a-b, b-c, c-d, d-a), in km.
inline physics::ElementNetwork ring(double ab = 100, double bc = 100, double cd = 100,
                                    double da = 100) {
  physics::ElementNetwork net;
  for (std::string n : {"a", "b", "c", "d"}) {
    add(net, "roadm " + n, physics::RoadmElement{});
    add(net, "trx " + n, physics::TransceiverElement{});
    net.add_connection(*net.find("trx " + n), *net.find("roadm " + n));
    net.add_connection(*net.find("roadm " + n), *net.find("trx " + n));
  }
  const std::map<std::pair<std::string, std::string>, double> links{
      {{"a", "b"}, ab}, {{"b", "c"}, bc}, {{"c", "d"}, cd}, {{"d", "a"}, da}};
  for (const auto& [ends, km] : links) {
    add_line(net, ends.first, ends.second, km);
    add_line(net, ends.second, ends.first, km);
  }
  return net;
}

inline Equipment equipment() {
  Equipment eq;
  EdfaType amp;
  amp.type_variety = "std";
  amp.config.f_min_hz = 191.275e12;
  amp.config.f_max_hz = 196.125e12;
  eq.edfas.push_back(amp);
  SpectralInformation si;
  si.f_min_hz = 191.3e12;
  si.f_max_hz = 195.1e12;
  si.baud_rate_baud = 32e9;
  si.spacing_hz = 50e9;
  si.roll_off = 0.15;
  si.tx_osnr_db = 40;
  si.sys_margins_db = 2;
  eq.spectral_information.push_back(si);
  TransceiverType trx;
  trx.type_variety = "trx";
  trx.f_min_hz = 191.35e12;
  trx.f_max_hz = 196.1e12;
  trx.modes.push_back({.format = "m100",
                       .baud_rate_baud = 32e9,
                       .required_osnr_db = 12,
                       .bit_rate_bps = 100e9,
                       .roll_off = 0.15,
                       .tx_osnr_db = 40,
                       .min_spacing_hz = 50e9});
  trx.modes.push_back({.format = "m200",
                       .baud_rate_baud = 64e9,
                       .required_osnr_db = 17,
                       .bit_rate_bps = 200e9,
                       .roll_off = 0.15,
                       .tx_osnr_db = 40,
                       .min_spacing_hz = 75e9});
  trx.modes.push_back({.format = "m300",
                       .baud_rate_baud = 64e9,
                       .required_osnr_db = 20,
                       .bit_rate_bps = 300e9,
                       .roll_off = 0.15,
                       .tx_osnr_db = 40,
                       .min_spacing_hz = 75e9});
  eq.transceivers.push_back(trx);
  return eq;
}

// GSNR at 0.1 nm = 40 dB − 1 dB per 50 km of fibre − 4 dB at 64 GBd; every channel alike.
inline PhysicsHooks fake_physics(int* calls = nullptr) {
  PhysicsHooks h;
  h.propagate = [calls](const physics::ElementNetwork& net,
                        std::span<const physics::ElementIndex> path,
                        const ChannelLoad& load) -> Result<QotFigures> {
    if (calls) ++*calls;
    double km = 0;
    for (auto e : path)
      if (auto* f = net.at(e).as<physics::FiberElement>()) km += f->params.length_m / 1e3;
    QotFigures q;
    q.gsnr_01nm_db = 40 - km / 50 - (load.baud_rate_baud > 40e9 ? 4 : 0);
    q.min_gsnr_01nm_db = q.gsnr_01nm_db;
    q.gsnr_bw_db = q.gsnr_01nm_db - 10 * std::log10(load.baud_rate_baud / 12.5e9);
    q.osnr_ase_01nm_db = q.gsnr_01nm_db + 1;
    q.osnr_ase_bw_db = q.gsnr_bw_db + 1;
    q.nb_channels = load.nb_channels;
    return q;
  };
  return h;
}

}  // namespace lightmesh::qot::testing
