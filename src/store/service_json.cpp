#include "store/service_json.h"

#include <nlohmann/json.hpp>

#include "core/json_writer.h"

namespace lightmesh::store {

using Json = nlohmann::ordered_json;

std::string service_to_json(const Network& net, const fabric::Service& s) {
  // Written member by member rather than as a tree: this runs for every service a request
  // changes, on the path every create waits on.
  const auto& r = s.request;
  JsonWriter w;
  w.begin_object().key("id").value(s.id).key("request").begin_object();
  w.key("tenant").value(r.tenant).key("name").value(r.name);
  w.key("from").value(r.from).key("to").value(r.to);
  w.key("bandwidth_gbps").value(r.bandwidth.value());
  w.key("protection").value(fabric::protection_name(r.protection));
  w.key("latency_group").value(r.latency_group);
  if (r.max_rtt) w.key("max_rtt_us").value(r.max_rtt->value());
  if (r.max_one_way) w.key("max_one_way_us").value(r.max_one_way->value());
  w.end_object();
  w.key("state").value(fabric::state_name(s.state));
  w.key("on_protect").value(s.on_protect).key("down_reason").value(s.down_reason);
  w.key("lightpaths").begin_array();
  for (const auto& lp : s.lightpaths) {
    w.begin_object().key("role").value(rsa::role_name(lp.path.role)).key("route").begin_array();
    for (NodeIndex n : lp.path.nodes) w.value(net.node(n).id);
    w.end_array().key("fibers").begin_array();
    for (FiberIndex f : lp.path.fibers) w.value(net.fiber(f).id);
    w.end_array();
    w.key("mode").value(net.catalogue().mode(lp.path.mode).name);
    w.key("first_slot").value(lp.path.slots.first).key("slot_count").value(lp.path.slots.count);
    w.key("added_delay_us").value(lp.added_delay.value());
    w.end_object();
  }
  w.end_array();
  return w.end_object().take();
}

Result<fabric::Service> service_from_json(const Network& net, const std::string& text) {
  try {
    const Json j = Json::parse(text);
    fabric::Service s;
    s.id = j.at("id").get<std::string>();
    auto bad = [&](const std::string& what) {
      return Error::invalid("stored service " + s.id + ": " + what);
    };
    const Json& r = j.at("request");
    s.request.tenant = r.at("tenant").get<std::string>();
    s.request.name = r.at("name").get<std::string>();
    s.request.from = r.at("from").get<std::string>();
    s.request.to = r.at("to").get<std::string>();
    s.request.bandwidth = Gbps{r.at("bandwidth_gbps").get<double>()};
    const std::string protection = r.at("protection").get<std::string>();
    s.request.protection = protection == "1+1"       ? fabric::ServiceProtection::kOnePlusOne
                           : protection == "restore" ? fabric::ServiceProtection::kRestore
                                                     : fabric::ServiceProtection::kNone;
    s.request.latency_group = r.at("latency_group").get<std::string>();
    if (r.contains("max_rtt_us")) s.request.max_rtt = Microseconds{r["max_rtt_us"].get<double>()};
    if (r.contains("max_one_way_us"))
      s.request.max_one_way = Microseconds{r["max_one_way_us"].get<double>()};
    s.state = j.at("state").get<std::string>() == "up" ? fabric::ServiceState::kUp
                                                       : fabric::ServiceState::kDown;
    s.on_protect = j.at("on_protect").get<bool>();
    s.down_reason = j.at("down_reason").get<std::string>();
    for (const Json& l : j.at("lightpaths")) {
      fabric::ServiceLightpath lp;
      lp.path.role =
          l.at("role").get<std::string>() == "protect" ? rsa::Role::kProtect : rsa::Role::kWorking;
      for (const Json& n : l.at("route")) {
        const NodeIndex i = net.find_node(n.get<std::string>());
        if (i == kNoIndex) return bad("unknown node \"" + n.get<std::string>() + "\"");
        lp.path.nodes.push_back(i);
      }
      for (const Json& f : l.at("fibers")) {
        const FiberIndex i = net.find_fiber(f.get<std::string>());
        if (i == kNoIndex) return bad("unknown fibre \"" + f.get<std::string>() + "\"");
        lp.path.fibers.push_back(i);
      }
      lp.path.mode = net.catalogue().find(l.at("mode").get<std::string>());
      if (lp.path.mode == kNoIndex)
        return bad("unknown mode \"" + l.at("mode").get<std::string>() + "\"");
      lp.path.slots = {l.at("first_slot").get<std::uint32_t>(),
                       l.at("slot_count").get<std::uint32_t>()};
      lp.added_delay = Microseconds{l.at("added_delay_us").get<double>()};
      s.lightpaths.push_back(std::move(lp));
    }
    return s;
  } catch (const std::exception& e) {
    return Error::invalid(std::string("a stored service is unreadable: ") + e.what());
  }
}

}  // namespace lightmesh::store
