#include "cli/plan_output.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "cli/table.h"
#include "rsa/format_detail.h"
#include "rsa/lightpath_json.h"
#include "spectrum/grid.h"

namespace lightmesh::cli {

using json = nlohmann::ordered_json;

namespace {

json id_list(const Network& net, const std::vector<NodeIndex>& nodes) {
  json a = json::array();
  for (NodeIndex n : nodes) a.push_back(net.node(n).id);
  return a;
}

std::string route_text(const Network& net, const std::vector<NodeIndex>& nodes) {
  std::string s;
  for (NodeIndex n : nodes) s += (s.empty() ? "" : " > ") + net.node(n).id;
  return s;
}

std::string us(double v) { return fmt::format("{:.1f}", v); }

}  // namespace

json plan_json(const Network& net, std::span<const Demand> demands, const rsa::PlanResult& r,
               const rsa::PlanOptions& options) {
  json lightpaths = json::array();
  for (const auto& lp : r.lightpaths) {
    lightpaths.push_back(rsa::lightpath_json(net, r.grid, lp, demands[lp.demand].id));
  }
  json unserved = json::array();
  for (const auto& u : r.unserved) {
    unserved.push_back({{"demand", demands[u.demand].id},
                        {"reason", rsa::reason_name(u.reason)},
                        {"detail", u.detail}});
  }
  const auto& s = r.summary;
  json reasons = json::object();
  for (int i = 0; i < 5; ++i) {
    if (s.by_reason[i]) reasons[rsa::reason_name(static_cast<rsa::Reason>(i))] = s.by_reason[i];
  }
  json summary = {
      {"network", net.name()},
      {"demands", s.demands},
      {"served", s.served},
      {"unserved", s.unserved},
      {"lightpaths", s.lightpaths},
      {"requested_gbps", rsa::round_to(s.requested_gbps, 3)},
      {"served_gbps", rsa::round_to(s.served_gbps, 3)},
      {"unserved_by_reason", reasons},
      {"slots_used", s.slots_used},
      {"slots_total", s.slots_total},
      {"spectrum_utilisation",
       s.slots_total ? rsa::round_to(static_cast<double>(s.slots_used) / s.slots_total, 6) : 0.0},
      {"k", options.k},
      {"policy", spectrum::policy_name(options.policy)},
      {"metric", rsa::metric_name(options.metric)},
      {"osnr_margin_db", options.osnr_margin_db},
  };
  return {{"lightpaths", lightpaths}, {"unserved", unserved}, {"summary", summary}};
}

std::string plan_table(const Network& net, std::span<const Demand> demands,
                       const rsa::PlanResult& r, const rsa::PlanOptions& options) {
  std::string out;
  const auto& s = r.summary;
  out += fmt::format("{}: {} demands, {} served, {} unserved, {} lightpaths (k={}, {})\n\n",
                     net.name().empty() ? net.file() : net.name(), s.demands, s.served, s.unserved,
                     s.lightpaths, options.k, spectrum::policy_name(options.policy));
  if (!r.lightpaths.empty()) {
    Table t(
        {"demand", "role", "route", "km", "one-way µs", "RTT µs", "mode", "Gbps", "GSNR dB",
         "mean dB", "margin dB", "spectrum", "n", "m"},
        {false, false, false, true, true, true, false, true, true, true, true, false, true, true});
    for (const auto& lp : r.lightpaths) {
      const TransceiverMode& mode = net.catalogue().mode(lp.mode);
      t.add({demands[lp.demand].id, rsa::role_name(lp.role), route_text(net, lp.nodes),
             fmt::format("{:.1f}", lp.length.value()), us(lp.one_way.value()),
             us(2 * lp.one_way.value()), mode.name, rsa::format_number(mode.bit_rate.value()),
             lp.gsnr ? fmt::format("{:.2f}", lp.gsnr->at_01nm_db) : std::string("-"),
             lp.gsnr ? fmt::format("{:.2f}", lp.gsnr->mean_01nm_db) : std::string("-"),
             lp.gsnr && mode.required_osnr
                 ? fmt::format("{:.2f}", lp.gsnr->at_01nm_db - mode.required_osnr->value())
                 : std::string("-"),
             spectrum::readable(r.grid, lp.slots), std::to_string(spectrum::n_of(r.grid, lp.slots)),
             std::to_string(spectrum::m_of(lp.slots))});
    }
    out += t.render();
  }
  if (!r.unserved.empty()) {
    out += "\nUnserved\n";
    Table t({"demand", "reason", "detail"}, {false, false, false});
    for (const auto& u : r.unserved)
      t.add({demands[u.demand].id, rsa::reason_name(u.reason), u.detail});
    out += t.render();
  }
  const double util =
      s.slots_total ? 100.0 * static_cast<double>(s.slots_used) / s.slots_total : 0.0;
  out += fmt::format("\nServed {} of {} Gbps requested; spectrum in use {:.2f} % of {} slots.\n",
                     rsa::format_number(s.served_gbps), rsa::format_number(s.requested_gbps), util,
                     rsa::format_number(static_cast<double>(s.slots_total)));
  out += fmt::format(
      "GSNR at 0.1 nm under full load: worst channel (feasibility) and dB mean over the channels "
      "(GNPy's SNR-0.1nm);\nmargin = worst − required OSNR; a mode is feasible at a margin of {} "
      "dB or more.\n",
      rsa::format_number(options.osnr_margin_db));
  return out;
}

json latency_json(const Network& net, SiteIndex from, const std::vector<rsa::SiteLatency>& sites) {
  json list = json::array();
  for (const auto& s : sites) {
    list.push_back({{"site", net.site(s.site).id},
                    {"route", id_list(net, s.nodes)},
                    {"length_km", rsa::round_to(s.length.value(), 3)},
                    {"one_way_us", rsa::round_to(s.one_way.value(), 3)},
                    {"rtt_us", rsa::round_to(s.rtt().value(), 3)}});
  }
  return {{"from", net.site(from).id}, {"sites", list}};
}

std::string latency_table(const Network& net, SiteIndex from,
                          const std::vector<rsa::SiteLatency>& sites,
                          std::optional<Microseconds> max_rtt) {
  std::string out = fmt::format(
      "Sites reachable from {}{}: {}\n\n", net.site(from).id,
      max_rtt ? fmt::format(" within {} µs RTT", rsa::format_number(max_rtt->value())) : "",
      sites.size());
  Table t({"site", "name", "route", "km", "one-way µs", "RTT µs"},
          {false, false, false, true, true, true});
  for (const auto& s : sites) {
    t.add({net.site(s.site).id, net.site(s.site).name, route_text(net, s.nodes),
           fmt::format("{:.1f}", s.length.value()), us(s.one_way.value()), us(s.rtt().value())});
  }
  if (!sites.empty()) out += t.render();
  out += fmt::format(
      "\nOne-way latency counts fibre (length × group delay), amplifiers, every node passed and a "
      "transceiver pair ({} µs).\n",
      rsa::format_number(net.latency().transceiver_pair.value()));
  return out;
}

}  // namespace lightmesh::cli
