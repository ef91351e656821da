// `lightmesh device list|audit [--repair]`: the NETCONF devices of a controller started with
// `serve --devices`, and the audit of what they hold against what lightmesh intends.
//
//   lightmesh device list
//   lightmesh device audit --repair --format json
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/client_common.h"
#include "cli/commands.h"
#include "cli/table.h"

namespace lightmesh::cli {

namespace {

using json = nlohmann::ordered_json;

struct AuditArgs {
  ClientArgs client;
  bool repair = false;
};

std::string count_text(const json& drift, const char* key) {
  return drift.is_object() ? number(json_num(drift, key), 0) : "-";
}

std::string list_text(const json& reply) {
  const json& devices = json_list(reply, "devices");
  if (devices.empty()) return "no devices\n";
  Table t({"device", "model", "address", "state", "last commit", "missing", "extra", "different",
           "last event"},
          {false, false, false, false, false, true, true, true, false});
  for (const auto& d : devices) {
    const json& drift = d.is_object() && d.contains("drift") ? d["drift"] : json();
    std::string event = json_str(drift, "event");
    if (const std::string err = json_str(drift, "error"); !err.empty()) event = "unread: " + err;
    const std::string commit = json_str(d, "last_commit");
    t.add({json_str(d, "device"), json_str(d, "model"),
           fmt::format("{}:{}", json_str(d, "address"), number(json_num(d, "port"), 0)),
           json_str(d, "state"), commit.empty() ? "-" : commit, count_text(drift, "missing"),
           count_text(drift, "extra"), count_text(drift, "different"),
           event.empty() ? "-" : event});
  }
  std::string out = t.render();
  if (devices.size() && std::none_of(devices.begin(), devices.end(), [](const json& d) {
        return d.is_object() && d.contains("drift") && d["drift"].is_object();
      }))
    out += "not audited yet: 'lightmesh device audit' compares them\n";
  return out;
}

std::string entry_text(const json& e) { return e.is_string() ? e.get<std::string>() : e.dump(); }

std::string audit_text(const json& reply, bool repair) {
  const json& devices = json_list(reply, "devices");
  if (devices.empty()) return "no devices\n";
  Table t({"device", "state", "finding", "entry", "detail"}, {false, false, false, false, false});
  std::size_t drifted = 0, unread = 0;
  for (const auto& d : devices) {
    const std::string dev = json_str(d, "device"), state = json_str(d, "state");
    bool any = false;
    for (const auto& e : json_list(d, "missing"))
      t.add({dev, state, "missing", entry_text(e), ""}), any = true;
    for (const auto& e : json_list(d, "extra"))
      t.add({dev, state, "extra", entry_text(e), ""}), any = true;
    for (const auto& e : json_list(d, "different")) {
      std::string detail;
      for (const auto& l : json_list(e, "leaves")) {
        auto side = [&](const char* k) {
          return l.is_object() && l.contains(k) && l[k].is_string() ? l[k].get<std::string>()
                                                                    : std::string("(none)");
        };
        if (!detail.empty()) detail += "; ";
        detail += fmt::format("{}: {} (intended {})", json_str(l, "leaf"), side("running"),
                              side("intended"));
      }
      t.add({dev, state, "different", json_str(e, "entry"), detail}), any = true;
    }
    if (const std::string err = json_str(d, "error"); !err.empty()) {
      t.add({dev, state, "unread", "", err});
      ++unread;
    } else if (any) {
      ++drifted;
    }
  }
  const std::string verb = repair ? "repaired" : "drifted";
  std::string out = fmt::format("{} devices audited: {} {}, {} could not be read\n", devices.size(),
                                drifted, verb, unread);
  if (drifted + unread == 0) return out + "every device holds exactly what lightmesh intends\n";
  return out + "\n" + t.render();
}

int run_list(const ClientArgs& a, Context& ctx) {
  return print_one_reply(
      a, ctx.out, ctx.err, [](ApiClient& c) { return c.get("/api/v1/devices"); }, list_text);
}

int run_audit(const AuditArgs& a, Context& ctx) {
  return print_one_reply(
      a.client, ctx.out, ctx.err,
      [&](ApiClient& c) {
        return a.repair ? c.post("/api/v1/devices/repair", "{}") : c.get("/api/v1/devices/audit");
      },
      [&](const json& j) { return audit_text(j, a.repair); });
}

}  // namespace

void add_device_command(CLI::App& app, Context& ctx) {
  CLI::App* dev = app.add_subcommand(
      "device", "List a controller's NETCONF devices; audit and repair what they hold");
  dev->require_subcommand(1);
  dev->footer(
      "Client of 'lightmesh serve NETWORK --devices INVENTORY' (docs/southbound.md). Every\n"
      "subcommand takes --server URL (default $LIGHTMESH_URL, else http://127.0.0.1:8080),\n"
      "--token T (default $LIGHTMESH_TOKEN; an admin token), --format table|json and --timeout\n"
      "SECONDS. A controller without --devices answers 409 southbound_off (exit 1).\n\n"
      "Examples:\n"
      "  lightmesh device list\n"
      "  lightmesh device audit\n"
      "  lightmesh device audit --repair --format json");

  auto l = keep<ClientArgs>(ctx);
  CLI::App* list = dev->add_subcommand(
      "list", "Each device: node, model, address, state, last commit and last audit's drift");
  add_client_options(list, *l);
  list->footer(
      "State is connected, disconnected or not-contacted (no session opened yet). The drift\n"
      "columns are the last audit's counts, and the last event what the controller did on its\n"
      "own (a device that reconnected is audited and, if entries went missing, re-pushed).\n\n"
      "Examples:\n"
      "  lightmesh device list\n"
      "  lightmesh device list --format json");
  list->callback([l, &ctx] { ctx.action = [l, &ctx] { return run_list(*l, ctx); }; });

  auto a = keep<AuditArgs>(ctx);
  CLI::App* audit = dev->add_subcommand(
      "audit", "Compare each device's running configuration with what lightmesh intends");
  audit->add_flag("--repair", a->repair,
                  "Push the difference: create missing entries, rewrite different ones and "
                  "remove extra ones lightmesh owns, all devices or none");
  add_client_options(audit, a->client);
  audit->footer(
      "Reports each entry that is missing (intended, not on the device), extra (on the device,\n"
      "named as lightmesh names its entries, not intended) or different (a leaf differs), as\n"
      "interface[name='…'] or roadm-connections[connection-name='…']. With --format json:\n"
      "  {\"devices\":[{\"device\",\"node\",\"state\",\"missing\":[…],\"extra\":[…],"
      "\"different\":[…]}]}\n"
      "With --repair the report is what was found and pushed; if any device refuses or cannot\n"
      "be reached nothing is changed anywhere and the command exits 1 naming it.\n\n"
      "Examples:\n"
      "  lightmesh device audit\n"
      "  lightmesh device audit --format json\n"
      "  lightmesh device audit --repair");
  audit->callback([a, &ctx] { ctx.action = [a, &ctx] { return run_audit(*a, ctx); }; });
}

}  // namespace lightmesh::cli
