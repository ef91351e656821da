// `lightmesh fiber list|cut|repair|spectrum`: a controller's fibres from the command line — their
// use, cutting one to see what happens to the services on it, and repairing it.
//
//   lightmesh fiber list
//   lightmesh fiber cut LSE-LD8 && lightmesh fiber repair LSE-LD8
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

struct FiberArgs {
  ClientArgs client;
  std::string fiber;
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string fibers_text(const json& reply) {
  const json& items = json_list(reply, "items");
  if (items.empty()) return "no fibres\n";
  Table t({"id", "a", "b", "km", "state", "slots used", "use %"},
          {false, false, false, true, false, true, true});
  for (const auto& f : items) {
    const auto used = json_num(f, "slots_used"), total = json_num(f, "slots_total");
    const auto util = json_num(f, "utilisation");
    t.add({json_str(f, "id"), json_str(f, "a"), json_str(f, "b"),
           number(json_num(f, "length_km"), 1), json_str(f, "state"),
           number(used, 0) + "/" + number(total, 0),
           number(util ? std::optional<double>(*util * 100) : std::nullopt, 2)});
  }
  return t.render();
}

// What a cut or a repair did to each service it touched.
std::string report_text(const json& reply, const std::string& fiber, bool repaired) {
  const json& affected = json_list(reply, "affected");
  std::string out = fmt::format("fibre {} {}: ", fiber, repaired ? "repaired" : "cut");
  if (affected.empty())
    return out + (repaired ? "no service came back up\n" : "no service affected\n");
  out += plural(affected.size(), "service", "services") + (repaired ? " back up\n" : " affected\n");
  Table t({"service", "outcome", "detail"}, {false, false, false});
  for (const auto& a : affected)
    t.add({json_str(a, "service"), json_str(a, "outcome"), json_str(a, "detail")});
  return out + t.render();
}

std::string spectrum_text(const json& reply, const std::string& fiber) {
  const auto used = json_num(reply, "slots_used"), total = json_num(reply, "slots_total");
  std::string out =
      fmt::format("fibre {}: {} of {} slots used", fiber, number(used, 0), number(total, 0));
  if (used && total && *total > 0) out += fmt::format(" ({:.2f} %)", 100 * *used / *total);
  out += "\n";
  const json& channels = json_list(reply, "channels");
  if (channels.empty()) return out + "no channels\n";
  Table t({"service", "first slot", "slots", "n", "m", "centre THz", "width GHz"},
          {false, true, true, true, true, true, true});
  for (const auto& c : channels) {
    t.add({json_str(c, "service"), number(json_num(c, "first_slot"), 0),
           number(json_num(c, "slot_count"), 0), number(json_num(c, "n"), 0),
           number(json_num(c, "m"), 0), number(json_num(c, "center_thz"), 3),
           number(json_num(c, "width_ghz"), 1)});
  }
  return out + "\n" + t.render();
}

int run_list(const ClientArgs& a, Context& ctx) {
  return print_one_reply(
      a, ctx.out, ctx.err, [](ApiClient& c) { return c.get("/api/v1/fibers"); }, fibers_text);
}

int run_cut(const FiberArgs& a, Context& ctx) {
  const std::string body = json{{"fiber", a.fiber}}.dump();
  return print_one_reply(
      a.client, ctx.out, ctx.err, [&](ApiClient& c) { return c.post("/api/v1/failures", body); },
      [&](const json& j) { return report_text(j, a.fiber, false); });
}

int run_repair(const FiberArgs& a, Context& ctx) {
  return print_one_reply(
      a.client, ctx.out, ctx.err,
      [&](ApiClient& c) { return c.del("/api/v1/failures/" + url_encode(a.fiber)); },
      [&](const json& j) { return report_text(j, a.fiber, true); });
}

int run_spectrum(const FiberArgs& a, Context& ctx) {
  return print_one_reply(
      a.client, ctx.out, ctx.err,
      [&](ApiClient& c) { return c.get("/api/v1/fibers/" + url_encode(a.fiber) + "/spectrum"); },
      [&](const json& j) { return spectrum_text(j, a.fiber); });
}

}  // namespace

void add_fiber_command(CLI::App& app, Context& ctx) {
  CLI::App* fib =
      app.add_subcommand("fiber", "List fibres on a controller; cut, repair, show spectrum");
  fib->require_subcommand(1);
  fib->footer(
      "Client of 'lightmesh serve'. Every subcommand takes --server URL (default $LIGHTMESH_URL,\n"
      "else http://127.0.0.1:8080), --token T (default $LIGHTMESH_TOKEN), --format table|json\n"
      "and --timeout SECONDS. Cutting and repairing need an admin token.\n\n"
      "Examples:\n"
      "  lightmesh fiber list\n"
      "  lightmesh fiber cut LSE-LD8\n"
      "  lightmesh fiber repair LSE-LD8\n"
      "  lightmesh fiber spectrum LSE-LD8");

  auto l = std::make_shared<ClientArgs>();
  ctx.options.push_back(l);
  CLI::App* list = fib->add_subcommand("list", "Each fibre's ends, length, state and slots used");
  add_client_options(list, *l);
  list->footer(
      "Examples:\n"
      "  lightmesh fiber list\n"
      "  lightmesh fiber list --format json");
  list->callback([l, &ctx] { ctx.action = [l, &ctx] { return run_list(*l, ctx); }; });

  struct Sub {
    const char* name;
    const char* help;
    const char* footer;
    int (*run)(const FiberArgs&, Context&);
  };
  const Sub subs[] = {
      {"cut", "Cut a fibre (admin): protected services switch, restorable ones re-route",
       "Prints each affected service and its outcome: switched (1+1 moved to the intact leg),\n"
       "restored (re-routed on spare spectrum) or down (held until the repair).\n\n"
       "Examples:\n"
       "  lightmesh fiber cut LSE-LD8\n"
       "  lightmesh fiber cut LSE-LD8 --format json",
       run_cut},
      {"repair", "Repair a cut fibre (admin): services that were down come back up",
       "Examples:\n"
       "  lightmesh fiber repair LSE-LD8",
       run_repair},
      {"spectrum", "The channels booked on one fibre",
       "Examples:\n"
       "  lightmesh fiber spectrum LSE-LD8\n"
       "  lightmesh fiber spectrum LSE-LD8 --format json",
       run_spectrum},
  };
  for (const Sub& s : subs) {
    auto args = std::make_shared<FiberArgs>();
    ctx.options.push_back(args);
    CLI::App* cmd = fib->add_subcommand(s.name, s.help);
    cmd->add_option("fiber", args->fiber, "Fibre id, as in 'lightmesh fiber list'")->required();
    add_client_options(cmd, args->client);
    cmd->footer(s.footer);
    auto run = s.run;
    cmd->callback(
        [args, run, &ctx] { ctx.action = [args, run, &ctx] { return run(*args, ctx); }; });
  }
}

}  // namespace lightmesh::cli
