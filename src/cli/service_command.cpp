// `lightmesh service create|list|get|delete`: a controller's services from the command line, so
// nobody has to hand-write curl (the REST calls are in docs/api/rest.md).
//
//   lightmesh service create --from LSE --to LD4 --bandwidth-gbps 400 --max-rtt-us 1000
//   lightmesh service list --all --format json
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/bounded_option.h"
#include "cli/client_common.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "core/limits.h"
#include "rsa/format_detail.h"

namespace lightmesh::cli {

namespace {

using json = nlohmann::ordered_json;

struct CreateArgs {
  ClientArgs client;
  std::string from, to;
  double bandwidth_gbps = 0;
  std::optional<double> max_rtt_us, max_one_way_us;
  std::string protection;
  std::string latency_group, name, idempotency_key;
};

struct ListArgs {
  ClientArgs client;
  int limit = 100;
  bool all = false;
};

struct IdArgs {
  ClientArgs client;
  std::string id;
};

// Whole numbers go out as integers so the body reads as a person would type it.
json number_json(double v) {
  if (v == std::floor(v) && std::fabs(v) < 9e15) return static_cast<std::int64_t>(v);
  return v;
}

std::string route_text(const json& lp) {
  std::string out;
  for (const auto& n : json_list(lp, "route")) {
    if (!out.empty()) out += " > ";
    out += n.is_string() ? n.get<std::string>() : n.dump();
  }
  return out.empty() ? "-" : out;
}

std::string bound_text(const json& s) {
  if (auto rtt = json_num(s, "max_rtt_us")) return ", max RTT " + rsa::format_number(*rtt) + " µs";
  if (auto ow = json_num(s, "max_one_way_us"))
    return ", max one-way " + rsa::format_number(*ow) + " µs";
  return "";
}

// The RTT of the lightpath carrying traffic now (the active one for 1+1), for the list.
std::optional<double> carrying_rtt(const json& s) {
  std::optional<double> first;
  for (const auto& lp : json_list(s, "lightpaths")) {
    auto rtt = json_num(lp, "rtt_us");
    if (!first) first = rtt;
    if (lp.is_object() && lp.contains("active") && lp["active"] == true) return rtt;
  }
  return first;
}

std::string service_text(const json& s) {
  Table head({"", ""}, {false, false});
  head.add({"id", json_str(s, "id")});
  head.add({"state", json_str(s, "state")});
  head.add({"tenant", json_str(s, "tenant")});
  if (const std::string name = json_str(s, "name"); !name.empty()) head.add({"name", name});
  const auto bw = json_num(s, "bandwidth_gbps");
  head.add({"request", fmt::format("{} to {}, {} Gb/s, protection {}{}", json_str(s, "from"),
                                   json_str(s, "to"), bw ? rsa::format_number(*bw) : "?",
                                   json_str(s, "protection"), bound_text(s))});
  if (const std::string g = json_str(s, "latency_group"); !g.empty())
    head.add({"latency group", g});
  if (const std::string why = json_str(s, "down_reason"); !why.empty())
    head.add({"down reason", why});
  // The header row of a two-column key/value table is blank: drop it and its rule.
  std::string out = head.render();
  for (int i = 0; i < 2; ++i) out.erase(0, out.find('\n') + 1);

  const json& lps = json_list(s, "lightpaths");
  if (lps.empty()) return out + "\nno lightpath carries it now\n";
  Table t({"role", "active", "route", "km", "RTT µs", "mode", "centre THz", "width GHz"},
          {false, false, false, true, true, false, true, true});
  for (const auto& lp : lps) {
    const bool active = lp.is_object() && lp.contains("active") && lp["active"] == true;
    t.add({json_str(lp, "role"), active ? "yes" : "no", route_text(lp),
           number(json_num(lp, "length_km"), 1), number(json_num(lp, "rtt_us"), 1),
           json_str(lp, "mode"), number(json_num(lp, "center_thz"), 3),
           number(json_num(lp, "width_ghz"), 1)});
  }
  return out + "\n" + t.render();
}

std::string list_text(const json& items) {
  if (items.empty()) return "no services\n";
  Table t({"id", "tenant", "state", "from", "to", "Gbps", "protection", "RTT µs", "name"},
          {false, false, false, false, false, true, false, true, false});
  for (const auto& s : items) {
    t.add({json_str(s, "id"), json_str(s, "tenant"), json_str(s, "state"), json_str(s, "from"),
           json_str(s, "to"), number(json_num(s, "bandwidth_gbps"), 0), json_str(s, "protection"),
           number(carrying_rtt(s), 1), json_str(s, "name")});
  }
  return t.render();
}

int run_create(const CreateArgs& a, Context& ctx) {
  auto client = make_client_or_report(a.client, ctx.err);
  if (!client) return kExitUsage;
  json body = {{"from", a.from}, {"to", a.to}, {"bandwidth_gbps", number_json(a.bandwidth_gbps)}};
  if (a.max_rtt_us) body["max_rtt_us"] = number_json(*a.max_rtt_us);
  if (a.max_one_way_us) body["max_one_way_us"] = number_json(*a.max_one_way_us);
  if (!a.protection.empty()) body["protection"] = a.protection;
  if (!a.latency_group.empty()) body["latency_group"] = a.latency_group;
  if (!a.name.empty()) body["name"] = a.name;
  ApiHeaders headers;
  if (!a.idempotency_key.empty()) headers.push_back({"Idempotency-Key", a.idempotency_key});
  // 200 is not in the contract today but is what a replayed create could reasonably answer.
  ClientCall call = expect_reply(client->post("/api/v1/services", body.dump(), headers), {200, 201},
                                 *client, ctx.err);
  if (!call.ok()) return call.code;
  ctx.out << (a.client.format == "json" ? verbatim(call.reply.body) : service_text(call.json));
  return kExitOk;
}

int run_list(const ListArgs& a, Context& ctx) {
  auto client = make_client_or_report(a.client, ctx.err);
  if (!client) return kExitUsage;
  json items = json::array();
  std::string cursor;
  bool more = false;
  for (;;) {
    std::string path = "/api/v1/services?limit=" + std::to_string(a.limit);
    if (!cursor.empty()) path += "&cursor=" + url_encode(cursor);
    ClientCall call = expect_reply(client->get(path), {200}, *client, ctx.err);
    if (!call.ok()) return call.code;
    if (!a.all && a.client.format == "json") {
      ctx.out << verbatim(call.reply.body);
      return kExitOk;
    }
    for (const auto& s : json_list(call.json, "items")) items.push_back(s);
    const std::string next = json_str(call.json, "next");
    more = !next.empty();
    // A cursor that does not move would loop for ever; stop and say so rather than hang.
    if (!a.all || !more) break;
    if (next == cursor) {
      ctx.err << "lightmesh: the server repeated cursor \"" << next << "\"; stopping\n";
      return kExitInputError;
    }
    cursor = next;
  }
  if (a.client.format == "json") {
    ctx.out << json{{"items", items}, {"next", nullptr}}.dump(2) << "\n";
    return kExitOk;
  }
  ctx.out << list_text(items);
  if (more) ctx.out << "more services follow: --all lists every one\n";
  return kExitOk;
}

int run_get(const IdArgs& a, Context& ctx) {
  return print_one_reply(
      a.client, ctx.out, ctx.err,
      [&](ApiClient& c) { return c.get("/api/v1/services/" + url_encode(a.id)); }, service_text);
}

int run_delete(const IdArgs& a, Context& ctx) {
  return delete_one(a.client, "/api/v1/services/" + url_encode(a.id), "deleted " + a.id, ctx.out,
                    ctx.err);
}

}  // namespace

void add_service_command(CLI::App& app, Context& ctx) {
  CLI::App* svc =
      app.add_subcommand("service", "Create, list, show and delete services on a controller");
  svc->require_subcommand(1);
  svc->footer(
      "Client of 'lightmesh serve'. Every subcommand takes --server URL (default $LIGHTMESH_URL,\n"
      "else http://127.0.0.1:8080), --token T (default $LIGHTMESH_TOKEN), --format table|json\n"
      "and --timeout SECONDS.\n\n"
      "Examples:\n"
      "  export LIGHTMESH_TOKEN=$(cat lightmesh.db.admin-token)   # kept by 'lightmesh serve'\n"
      "  lightmesh service create --from LSE --to LD4 --bandwidth-gbps 400 --max-rtt-us 1000\n"
      "  lightmesh service list\n"
      "  lightmesh service get svc-000001 --format json\n"
      "  lightmesh service delete svc-000001");

  auto c = keep<CreateArgs>(ctx);
  CLI::App* create = svc->add_subcommand("create", "Ask the controller for a new service");
  create->add_option("--from", c->from, "Site at one end")->required();
  create->add_option("--to", c->to, "Site at the other end")->required();
  create->add_option("--bandwidth-gbps", c->bandwidth_gbps, "Capacity in Gb/s")
      ->required()
      ->check(within(limits::kBandwidthGbps));
  auto* rtt = create->add_option("--max-rtt-us", c->max_rtt_us, "Round-trip bound in µs")
                  ->check(within(limits::kLatencyBoundUs));
  create->add_option("--max-one-way-us", c->max_one_way_us, "One-way bound in µs")
      ->check(within(limits::kLatencyBoundUs))
      ->excludes(rtt);
  create->add_option("--protection", c->protection, "none, 1+1 or restore (server default: none)")
      ->check(CLI::IsMember({"none", "1+1", "restore"}));
  create->add_option("--latency-group", c->latency_group,
                     "Equalise latency with the other services of this group");
  create->add_option("--name", c->name, "A label for people");
  create->add_option("--idempotency-key", c->idempotency_key,
                     "Retrying with the same key and options returns the first answer");
  add_client_options(create, c->client);
  create->footer(
      "Prints the service and its lightpaths, or with --format json the server's answer as is.\n"
      "A request the network cannot serve is refused in one line and exits 1, e.g.\n"
      "  lightmesh: refused: LATENCY_BOUND: shortest route is 1,163.1 µs RTT, bound 1,000 µs "
      "RTT\n\n"
      "Examples:\n"
      "  lightmesh service create --from LSE --to LD4 --bandwidth-gbps 400 --max-rtt-us 1000\n"
      "  lightmesh service create --from THN --to HARLOW --bandwidth-gbps 800 --protection 1+1 \\\n"
      "      --name trading-b --idempotency-key order-7781\n"
      "  lightmesh service create --from LSE --to LD8 --bandwidth-gbps 100 --format json");
  create->callback([c, &ctx] { ctx.action = [c, &ctx] { return run_create(*c, ctx); }; });

  auto l = keep<ListArgs>(ctx);
  CLI::App* list = svc->add_subcommand("list", "List the services this token may see");
  list->add_option("--limit", l->limit, "Services per page (1-1000)")
      ->default_val(100)
      ->check(CLI::Range(1, 1000));
  list->add_flag("--all", l->all, "Follow the pages to the end");
  add_client_options(list, l->client);
  list->footer(
      "Without --all one page is shown; with --all and --format json the pages are joined into\n"
      "one {\"items\": […], \"next\": null}.\n\n"
      "Examples:\n"
      "  lightmesh service list\n"
      "  lightmesh service list --all --format json\n"
      "  lightmesh service list --server http://ctl.example:8080 --token \"$TOKEN\" --limit 20");
  list->callback([l, &ctx] { ctx.action = [l, &ctx] { return run_list(*l, ctx); }; });

  auto g = keep<IdArgs>(ctx);
  CLI::App* get = svc->add_subcommand("get", "Show one service and its lightpaths");
  get->add_option("id", g->id, "Service id, e.g. svc-000001")->required();
  add_client_options(get, g->client);
  get->footer(
      "Examples:\n"
      "  lightmesh service get svc-000001\n"
      "  lightmesh service get svc-000001 --format json");
  get->callback([g, &ctx] { ctx.action = [g, &ctx] { return run_get(*g, ctx); }; });

  auto d = keep<IdArgs>(ctx);
  CLI::App* del = svc->add_subcommand("delete", "Delete a service and free its spectrum");
  del->add_option("id", d->id, "Service id, e.g. svc-000001")->required();
  add_client_options(del, d->client);
  del->footer(
      "Prints \"deleted ID\" (nothing with --format json); an unknown id exits 1.\n\n"
      "Examples:\n"
      "  lightmesh service delete svc-000001");
  del->callback([d, &ctx] { ctx.action = [d, &ctx] { return run_delete(*d, ctx); }; });
}

}  // namespace lightmesh::cli
