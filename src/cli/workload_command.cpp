// `lightmesh workload create|list|get|delete`: a controller's workloads from the command line —
// the same documents `lightmesh place` dry-runs, placed for real over POST /api/v1/workloads.
//
//   lightmesh workload create examples/workloads/inference.json
//   lightmesh workload delete wl-000001
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/client_common.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/place_output.h"
#include "cli/table.h"
#include "io/json_doc.h"
#include "io/workload_reader.h"

namespace lightmesh::cli {

namespace {

using json = nlohmann::ordered_json;

struct CreateArgs {
  ClientArgs client;
  std::string file;
  std::string idempotency_key;
  bool explain = false;
};

struct ListArgs {
  ClientArgs client;
  int limit = 100;
};

struct IdArgs {
  ClientArgs client;
  std::string id;
  bool explain = false;
};

std::string workload_text(const json& w, bool explain) {
  const std::string title =
      fmt::format("workload {} ({}, tenant {}, {})", json_str(w, "id"), json_str(w, "kind"),
                  json_str(w, "tenant"), json_str(w, "state"));
  return answer_table(w, title, explain);
}

std::string list_text(const json& items) {
  if (items.empty()) return "no workloads\n";
  Table t({"id", "tenant", "kind", "name", "state", "sites", "services", "USD/h"},
          {false, false, false, false, false, false, true, true});
  for (const auto& w : items) {
    std::string sites;
    for (const auto& g : json_list(w, "grants")) {
      const std::string site = json_str(g, "site");
      if (sites.find(site) != std::string::npos) continue;
      sites += (sites.empty() ? "" : ", ") + site;
    }
    t.add({json_str(w, "id"), json_str(w, "tenant"), json_str(w, "kind"), json_str(w, "name"),
           json_str(w, "state"), sites.empty() ? "-" : sites,
           std::to_string(json_list(w, "services").size()), number(json_num(w, "cost_usd_h"), 3)});
  }
  return t.render();
}

int run_create(const CreateArgs& a, Context& ctx) {
  // The document is checked here first, so a mistake is reported against the file and its line.
  auto text = io::read_text_file(a.file);
  if (!text) return report(text.error().at(a.file), ctx.err), kExitInputError;
  if (auto spec = io::read_workload(*text, a.file); !spec)
    return report(spec.error(), ctx.err), kExitInputError;
  auto doc = io::parse_document(*text, a.file);
  if (!doc) return report(doc.error(), ctx.err), kExitInputError;
  auto client = make_client_or_report(a.client, ctx.err);
  if (!client) return kExitUsage;
  ApiHeaders headers;
  if (!a.idempotency_key.empty()) headers.push_back({"Idempotency-Key", a.idempotency_key});
  ClientCall call = expect_reply(client->post("/api/v1/workloads", doc->root.dump(), headers),
                                 {200, 201}, *client, ctx.err);
  if (!call.ok()) return call.code;
  ctx.out << (a.client.format == "json" ? verbatim(call.reply.body)
                                        : workload_text(call.json, a.explain));
  return kExitOk;
}

int run_list(const ListArgs& a, Context& ctx) {
  return print_one_reply(
      a.client, ctx.out, ctx.err,
      [&](ApiClient& c) { return c.get("/api/v1/workloads?limit=" + std::to_string(a.limit)); },
      [](const json& j) { return list_text(json_list(j, "items")); });
}

int run_get(const IdArgs& a, Context& ctx) {
  return print_one_reply(
      a.client, ctx.out, ctx.err,
      [&](ApiClient& c) { return c.get("/api/v1/workloads/" + url_encode(a.id)); },
      [&](const json& j) { return workload_text(j, a.explain); });
}

int run_delete(const IdArgs& a, Context& ctx) {
  return delete_one(a.client, "/api/v1/workloads/" + url_encode(a.id),
                    "deleted " + a.id + " and released what it held", ctx.out, ctx.err);
}

}  // namespace

void add_workload_command(CLI::App& app, Context& ctx) {
  CLI::App* wl = app.add_subcommand(
      "workload", "Place, list, show and delete workloads on a controller (compute + lightpaths)");
  wl->require_subcommand(1);
  wl->footer(
      "Client of 'lightmesh serve'. Every subcommand takes --server URL (default $LIGHTMESH_URL,\n"
      "else http://127.0.0.1:8080), --token T (default $LIGHTMESH_TOKEN), --format table|json\n"
      "and --timeout SECONDS. 'lightmesh place' runs the same placement as a dry run.\n\n"
      "Examples:\n"
      "  lightmesh workload create examples/workloads/inference.json\n"
      "  lightmesh workload list\n"
      "  lightmesh workload get wl-000001 --explain\n"
      "  lightmesh workload delete wl-000001");

  auto c = keep<CreateArgs>(ctx);
  CLI::App* create = wl->add_subcommand(
      "create", "Place a workload: its compute and lightpaths, booked in one transaction");
  create->add_option("file", c->file, "Workload document (JSON or YAML)")->required();
  create->add_option("--idempotency-key", c->idempotency_key,
                     "Retrying with the same key and document returns the first answer");
  create->add_flag("--explain", c->explain,
                   "Also print the prediction's terms and the alternatives that lost");
  add_client_options(create, c->client);
  create->footer(
      "The document is checked locally first (errors name the file and the field). A workload\n"
      "the controller cannot place is refused in one line and exits 1, with the rule that "
      "decided.\n\n"
      "Examples:\n"
      "  lightmesh workload create examples/workloads/inference.json\n"
      "  lightmesh workload create job.yaml --idempotency-key job-42 --format json");
  create->callback([c, &ctx] { ctx.action = [c, &ctx] { return run_create(*c, ctx); }; });

  auto l = keep<ListArgs>(ctx);
  CLI::App* list = wl->add_subcommand("list", "List the workloads this token may see");
  list->add_option("--limit", l->limit, "Workloads to show (1-1000)")
      ->default_val(100)
      ->check(CLI::Range(1, 1000));
  add_client_options(list, l->client);
  list->callback([l, &ctx] { ctx.action = [l, &ctx] { return run_list(*l, ctx); }; });

  auto g = keep<IdArgs>(ctx);
  CLI::App* get = wl->add_subcommand("get", "Show one workload: its sites, lightpaths and state");
  get->add_option("id", g->id, "Workload id, e.g. wl-000001")->required();
  get->add_flag("--explain", g->explain,
                "Also print the prediction's terms and the alternatives that lost");
  add_client_options(get, g->client);
  get->callback([g, &ctx] { ctx.action = [g, &ctx] { return run_get(*g, ctx); }; });

  auto d = keep<IdArgs>(ctx);
  CLI::App* del =
      wl->add_subcommand("delete", "Delete a workload, releasing its lightpaths and compute");
  del->add_option("id", d->id, "Workload id, e.g. wl-000001")->required();
  add_client_options(del, d->client);
  del->callback([d, &ctx] { ctx.action = [d, &ctx] { return run_delete(*d, ctx); }; });
}

}  // namespace lightmesh::cli
