// `lightmesh serve [NETWORK]`: the controller — REST API over durable state.
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "server/http_server.h"
#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace lightmesh::cli {

namespace {

struct ServeArgs {
  std::string network = "examples/london/network.json";
  std::string db = "lightmesh.db";
  std::string listen = "127.0.0.1:8080";
  std::string tokens;
  double osnr_margin_db = 2.0;
};

bool is_postgres(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

// "host=db dbname=lightmesh" would otherwise become a SQLite file of that name.
bool looks_like_conninfo(const std::string& db) {
  if (is_postgres(db)) return false;
  for (const char* key : {"host=", "hostaddr=", "dbname=", "user=", "port=", "service="}) {
    const auto at = db.find(key);
    if (at != std::string::npos && (at == 0 || db[at - 1] == ' ')) return true;
  }
  return false;
}

// A postgresql:// or postgres:// URL is a PostgreSQL database shared with other servers; anything
// else is a SQLite file.
Result<std::unique_ptr<store::Store>> open_store(const std::string& db) {
  if (is_postgres(db)) {
    LM_ASSIGN_OR_RETURN(auto pg, store::PostgresStore::open(db));
    return std::unique_ptr<store::Store>(std::move(pg));
  }
  LM_ASSIGN_OR_RETURN(auto sqlite, store::SqliteStore::open(db));
  return std::unique_ptr<store::Store>(std::move(sqlite));
}

std::string random_token() {
  std::random_device rd;  // a credential, not a simulation draw: it must not be reproducible
  std::string t = "lm-";
  const char* hex = "0123456789abcdef";
  for (int i = 0; i < 32; ++i) t += hex[rd() % 16];
  return t;
}

// How to call this binary from the current directory: "build/lightmesh" after `make run`, so the
// printed example works as pasted; "lightmesh" if that cannot be told.
std::string own_path() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "lightmesh";
  const std::filesystem::path rel = exe.lexically_relative(std::filesystem::current_path(ec));
  if (ec || rel.empty() || *rel.begin() == "..") return exe.string();
  return rel.string();
}

int run_serve(const ServeArgs& a, Context& ctx) {
  const auto colon = a.listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(a.listen.substr(colon + 1));
    } catch (const std::exception&) {
    }
  }
  if (colon == std::string::npos || port < 0 || port > 65535) {
    report(
        Error::invalid("expected HOST:PORT, e.g. 127.0.0.1:8080").at_place("--listen " + a.listen),
        ctx.err);
    return kExitUsage;
  }
  const std::string host = a.listen.substr(0, colon);
  if (looks_like_conninfo(a.db)) {
    report(
        Error::invalid("this looks like a PostgreSQL key=value conninfo; give a postgresql:// URL "
                       "(or a SQLite file name without spaces and '=')")
            .at_place("--db"),
        ctx.err);
    return kExitUsage;
  }
  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;

  std::string admin_token;
  server::Tokens tokens = server::Tokens::single_admin("unused-placeholder");
  if (!a.tokens.empty()) {
    auto loaded = server::Tokens::load(a.tokens);
    if (!loaded) return report(loaded.error(), ctx.err), kExitInputError;
    tokens = std::move(*loaded);
  } else {
    admin_token = random_token();
    tokens = server::Tokens::single_admin(admin_token);
  }
  auto store = open_store(a.db);
  if (!store) return report(store.error(), ctx.err), kExitInputError;
  rsa::PlanOptions plan_options;
  plan_options.osnr_margin_db = a.osnr_margin_db;
  auto fabric = fabric::Fabric::make(*net, plan_options, [] {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  });
  if (!fabric) return report(fabric.error(), ctx.err), kExitInputError;
  if (auto st = (*store)->load_into(*fabric); !st) {
    report(st.error(), ctx.err);
    ctx.err << "lightmesh: the stored state is inconsistent; refusing to serve it (nothing was "
               "changed)\n";
    return kExitInputError;
  }
  const std::size_t restored = fabric->size();
  // The line model may have changed since the store was written: every restored lightpath's GSNR
  // was computed again; those now below their mode's threshold are kept and reported.
  const std::size_t qot_failing = fabric->report_qot_failing();
  if (fabric::Changes changes = fabric->take_changes(); !changes.empty()) {
    const Status st = (*store)->shares_commits() ? (*store)->commit_group(changes, *net, {})
                                                 : (*store)->commit(changes, *net);
    if (!st) return report(st.error(), ctx.err), kExitInputError;
  }
  server::Controller controller(*net, std::move(*fabric), std::move(*store), std::move(tokens));
  server::HttpServer http(controller);
  auto bound = http.bind(host, port);
  if (!bound) return report(bound.error(), ctx.err), kExitInputError;

  const std::string url = fmt::format("http://{}:{}", host, *bound);
  ctx.out << fmt::format("lightmesh controller on {} ({}), state in {} ({} services restored)\n",
                         url, net->name().empty() ? a.network : net->name(),
                         is_postgres(a.db) ? store::PostgresStore::redact(a.db) : a.db, restored);
  if (qot_failing) {
    ctx.out << fmt::format(
        "{} restored service(s) now below their mode's required OSNR + margin; kept, and listed "
        "by GET /api/v1/services?qot=failing\n",
        qot_failing);
  }
  if (!admin_token.empty()) {
    ctx.out << "admin token: " << admin_token << "\n";
    // The example asks for a service between the network's first two sites, so it works on any
    // network the controller was started with.
    // Only ids that need no quoting in a shell or in JSON are used, so the lines paste as they are.
    std::vector<std::string> plain;
    for (const auto& site : net->sites()) {
      const bool safe = std::all_of(site.id.begin(), site.id.end(), [](unsigned char ch) {
        return std::isalnum(ch) || ch == '_' || ch == '-' || ch == '.' || ch == ':';
      });
      if (safe && !site.id.empty()) plain.push_back(site.id);
    }
    if (plain.size() >= 2) {
      const auto& sites = plain;
      ctx.out << fmt::format(
          "try:\n  curl -s -H 'Authorization: Bearer {}' -H 'Content-Type: application/json' \\\n"
          "    -d '{{\"from\":\"{}\",\"to\":\"{}\",\"bandwidth_gbps\":100}}' "
          "{}/api/v1/services\n",
          admin_token, sites[0], sites[1], url);
      ctx.out << fmt::format(
          "or with the client:\n  export LIGHTMESH_URL={} LIGHTMESH_TOKEN={}\n"
          "  {} service create --from {} --to {} --bandwidth-gbps 100\n",
          url, admin_token, own_path(), sites[0], sites[1]);
    }
  }
  ctx.out << "Ctrl-C stops it.\n";
  ctx.out.flush();

  // SIGINT / SIGTERM stop the server from a thread that waits for them: no global handler state.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    http.stop();
  });
  http.serve();
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  ctx.out << "stopped\n";
  return kExitOk;
}

}  // namespace

void add_serve_command(CLI::App& app, Context& ctx) {
  auto args = std::make_shared<ServeArgs>();
  ctx.options.push_back(args);
  CLI::App* cmd = app.add_subcommand("serve", "Run the controller: REST API over durable state");
  cmd->add_option("network", args->network, "Network file (native JSON or YAML)")
      ->default_val(args->network);
  cmd->add_option("--db", args->db,
                  "SQLite database file (created if missing), or a postgresql:// URL of a "
                  "database several servers share")
      ->default_val(args->db);
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->default_val(args->listen);
  cmd->add_option("--tokens", args->tokens,
                  "Tokens file; without it one admin token is generated and printed");
  cmd->add_option("--osnr-margin", args->osnr_margin_db,
                  "dB of GSNR (0.1 nm) above a mode's required OSNR for it to be feasible")
      ->default_val(2.0)
      ->check(CLI::Range(-50.0, 50.0));
  cmd->footer(
      "Examples:\n"
      "  lightmesh serve examples/london/network.json --db london.db\n"
      "  lightmesh serve examples/tokyo/network.json --listen 127.0.0.1:9090 --tokens tokens.json\n"
      "  lightmesh serve examples/london/network.json --db postgresql://lm@db.example/lightmesh\n"
      "API: docs/api/rest.md");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_serve(*args, ctx); }; });
}

}  // namespace lightmesh::cli
