// `lightmesh serve [NETWORK]`: the controller — REST API over durable state.
#include <fcntl.h>
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "io/gnpy_equipment.h"
#include "io/json_doc.h"
#include "server/console_files.h"
#include "server/http_server.h"
#include "southbound/device_watch.h"
#include "southbound/southbound.h"
#include "store/open_store.h"
#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace lightmesh::cli {

namespace {

// How long a device may take to answer one NETCONF operation before the push fails as unreachable.
constexpr int kDeviceTimeoutMs = 5000;
// How often every device is read to notice one that restarted (southbound/device_watch.h).
constexpr std::chrono::milliseconds kDeviceWatchInterval{1000};

struct ServeArgs {
  std::string network = "examples/london/network.json";
  std::string db = "lightmesh.db";
  std::string listen = "127.0.0.1:8080";
  std::string tokens;
  std::string tls_cert;
  std::string tls_key;
  double osnr_margin_db = 2.0;
  std::string gnpy_equipment;
  std::string devices;  // an inventory: turns the southbound on
  std::string console;  // the built web console; empty: console/ beside the binary
};

bool is_postgres(const std::string& db) { return store::is_postgres_url(db); }

// Where `serve` without --tokens keeps its admin token: beside a SQLite database; in the current
// directory for a PostgreSQL one.
std::string admin_token_path(const std::string& db) {
  return is_postgres(db) ? "lightmesh-admin-token" : db + ".admin-token";
}

// The admin token kept at `path` by an earlier start, or a new one written there readable by its
// owner only (mode 0600), so a restart does not invalidate the token a user exported. The second
// member says whether it is new.
Result<std::pair<std::string, bool>> keep_admin_token(const std::string& path) {
  if (std::filesystem::exists(path)) {
    // As for a tokens file, one that others may write is refused: they could choose the token.
    auto text = io::read_text_file(path);
    if (!text) return text.error();
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH)))
      return Error::invalid("the admin token file may be written by group or others; chmod 600 " +
                            path)
          .at(path);
    std::string token = *text;
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
      token.pop_back();
    if (token.size() < server::kMinTokenChars ||
        token.find_first_of(" \t\r\n") != std::string::npos)
      return Error::invalid(
                 "does not hold a token (one line of at least 8 characters); delete it "
                 "and a new one is made")
          .at(path);
    return std::make_pair(token, false);
  }
  const std::string token = server::generate_token();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return Error::io(std::string("cannot create the admin token file: ") + std::strerror(errno))
        .at(path);
  const std::string line = token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return Error::io("cannot write the admin token file").at(path);
  return std::make_pair(token, true);
}

// `text` as one shell word: as it is when it needs no quoting, else in single quotes.
std::string shell_word(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char ch) {
    return std::isalnum(ch) || std::strchr("_-./:+=@,", ch) != nullptr;
  });
  if (plain) return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// How to call this binary from the current directory: "build/lightmesh" after `make run`, so the
// printed example works as pasted; "lightmesh" if that cannot be told.
// The web console's files: --console DIR, else console/ beside the binary, where `make build`
// puts them (docs/design.md says why they are not embedded).
std::string console_dir(const ServeArgs& a) {
  if (!a.console.empty()) return a.console;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("console") : (exe.parent_path() / "console").string();
}

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
    // Digits only (at most 5): stoi would take "80abc" as 80 and "1e3" as 1.
    const std::string digits = a.listen.substr(colon + 1);
    if (!digits.empty() && digits.size() <= 5 &&
        digits.find_first_not_of("0123456789") == std::string::npos)
      port = std::stoi(digits);
  }
  if (colon == std::string::npos || port < 0 || port > 65535) {
    report(
        Error::invalid("expected HOST:PORT, e.g. 127.0.0.1:8080").at_place("--listen " + a.listen),
        ctx.err);
    return kExitUsage;
  }
  const std::string host = a.listen.substr(0, colon);
  if (store::looks_like_conninfo(a.db)) {
    report(
        Error::invalid("this looks like a PostgreSQL key=value conninfo; give a postgresql:// URL "
                       "(or a SQLite file name without spaces and '=')")
            .at_place("--db"),
        ctx.err);
    return kExitUsage;
  }
  if (auto file = store::sqlite_file(a.db); !is_postgres(a.db) && !file) {
    report(file.error(), ctx.err);
    return kExitUsage;
  }
  if (is_postgres(a.db) && !a.devices.empty()) {
    // The device intent is this process's own (docs/southbound.md, "Not supported yet").
    ctx.err << "lightmesh: warning: --devices with a database several servers may share: only this "
               "server's services reach the devices, and a repair here would remove other servers' "
               "entries; run one server when driving devices\n";
  }
  if (a.tls_cert.empty() != a.tls_key.empty()) {
    report(Error::invalid("HTTPS needs both --tls-cert FILE and --tls-key FILE")
               .at_place(a.tls_cert.empty() ? "--tls-key" : "--tls-cert"),
           ctx.err);
    return kExitUsage;
  }
  for (const std::string& file : {a.tls_cert, a.tls_key}) {
    if (file.empty()) continue;
    if (auto text = io::read_text_file(file); !text)
      return report(text.error(), ctx.err), kExitInputError;
  }

  auto net = load_network_or_report(a.network, ctx.err);
  if (!net) return kExitInputError;

  // Without a tokens file, one admin token kept beside the database; never printed, so it stays
  // out of logs.
  std::string admin_token_file;
  bool admin_token_new = false;
  std::optional<server::Tokens> tokens;
  if (!a.tokens.empty()) {
    std::string warning;
    auto loaded = server::Tokens::load(a.tokens, &warning);
    if (!loaded) return report(loaded.error(), ctx.err), kExitInputError;
    if (!warning.empty()) ctx.err << "lightmesh: warning: " << warning << "\n";
    tokens = std::move(*loaded);
  } else {
    admin_token_file = admin_token_path(a.db);
    auto kept = keep_admin_token(admin_token_file);
    if (!kept) return report(kept.error(), ctx.err), kExitInputError;
    admin_token_new = kept->second;
    tokens = server::Tokens::single_admin(kept->first);
  }
  // GNPy's library for path computations whose body has a topology and no library (TransportPCE's).
  std::optional<Equipment> gnpy_equipment;
  if (!a.gnpy_equipment.empty()) {
    auto eq = io::read_gnpy_equipment(a.gnpy_equipment);
    if (!eq) return report(eq.error(), ctx.err), kExitInputError;
    gnpy_equipment = std::move(*eq);
  }
  auto store = store::open_store(a.db, store::StoreUse::kServe);
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
    const Status st = (*store)->commit(changes, *net);
    if (!st) return report(st.error(), ctx.err), kExitInputError;
  }
  // Declared before the controller, which refers to it.
  std::unique_ptr<southbound::Southbound> devices;
  if (!a.devices.empty()) {
    // Every problem at once, as `validate --devices` lists them.
    southbound::InventoryCheck inventory = southbound::check_inventory_file(a.devices, *net);
    for (const Error& e : inventory.problems) report(e, ctx.err);
    if (!inventory.problems.empty()) return kExitInputError;
    for (const Error& w : inventory.warnings) ctx.err << "warning: " << w.to_string() << "\n";
    devices =
        std::make_unique<southbound::Southbound>(*net, fabric->planner().spectrum().grid(),
                                                 std::move(inventory.inventory), kDeviceTimeoutMs);
    // What the restored services hold on the devices is recomputed, so the audit and their
    // deletes treat them as services created here (docs/southbound.md, "A controller restart").
    if (restored > 0) {
      const southbound::AdoptOutcome adopted = devices->adopt(*fabric);
      ctx.err << fmt::format(
          "lightmesh: devices: the intent of {} restored service{} recomputed{}\n",
          adopted.services, adopted.services == 1 ? "" : "s",
          adopted.ends_not_found == 0
              ? ""
              : fmt::format("; {} lightpath end{} not found on {} device (the audit will tell)",
                            adopted.ends_not_found, adopted.ends_not_found == 1 ? "" : "s",
                            adopted.ends_not_found == 1 ? "its" : "their"));
    }
  }
  server::Controller controller(*net, std::move(*fabric), std::move(*store), std::move(*tokens),
                                std::move(gnpy_equipment));
  controller.attach_southbound(devices.get());
  // Audits a device that reconnects and re-pushes what it lost; stopped before `devices` goes.
  std::mutex log_mu;
  std::unique_ptr<southbound::DeviceWatch> watch;
  if (devices) {
    watch = std::make_unique<southbound::DeviceWatch>(
        *devices, kDeviceWatchInterval, [&ctx, &log_mu](const std::string& line) {
          std::lock_guard lock(log_mu);
          ctx.err << "lightmesh: " << line << std::endl;
        });
  }
  controller.attach_console(server::ConsoleFiles::load(console_dir(a)));
  server::HttpServer http(controller, {.tls_cert = a.tls_cert, .tls_key = a.tls_key});
  auto bound = http.bind(host, port);
  if (!bound) return report(bound.error(), ctx.err), kExitInputError;

  const std::string url =
      fmt::format("{}://{}:{}", a.tls_cert.empty() ? "http" : "https", host, *bound);
  ctx.out << fmt::format("lightmesh controller on {} ({}), state in {} ({} services restored)\n",
                         url, net->name().empty() ? a.network : net->name(),
                         is_postgres(a.db) ? store::PostgresStore::redact(a.db) : a.db, restored);
  if (!controller.console().empty()) {
    ctx.out << fmt::format(
        "web console at {}/ (it asks for a token; `make run` prints a link that "
        "brings the admin token)\n",
        url);
  }
  if (qot_failing) {
    ctx.out << fmt::format(
        "{} restored service(s) now below their mode's required OSNR + margin; kept, and listed "
        "by GET /api/v1/services?qot=failing\n",
        qot_failing);
  }
  if (!admin_token_file.empty()) {
    ctx.out << fmt::format(
        "admin token in {} ({})\n", admin_token_file,
        admin_token_new ? "new, readable by you only" : "kept from an earlier start");
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
      const std::string token_file = shell_word(admin_token_file);
      const std::string cacert =
          a.tls_cert.empty() ? "" : "--cacert " + shell_word(a.tls_cert) + " ";
      ctx.out << fmt::format(
          "try:\n  curl -s {}-H \"Authorization: Bearer $(cat {})\" "
          "-H 'Content-Type: application/json' \\\n"
          "    -d '{{\"from\":\"{}\",\"to\":\"{}\",\"bandwidth_gbps\":100}}' "
          "{}/api/v1/services\n",
          cacert, token_file, sites[0], sites[1], url);
      ctx.out << fmt::format(
          "or with the client:\n  export LIGHTMESH_URL={} LIGHTMESH_TOKEN=$(cat {}){}\n"
          "  {} service create --from {} --to {} --bandwidth-gbps 100\n",
          url, token_file, a.tls_cert.empty() ? "" : " LIGHTMESH_CACERT=" + shell_word(a.tls_cert),
          own_path(), sites[0], sites[1]);
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
                  "SQLite database file (created if missing; also sqlite:PATH or sqlite:///PATH), "
                  "or a postgresql:// URL of a database several servers share")
      ->default_val(args->db);
  cmd->add_option("--listen", args->listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->default_val(args->listen);
  cmd->add_option("--tokens", args->tokens,
                  "Tokens file (docs/api/rest.md); without it one admin token is kept in a file "
                  "beside the database (DB.admin-token) and reused on restart");
  cmd->add_option("--tls-cert", args->tls_cert,
                  "Serve HTTPS with this PEM certificate (chain); needs --tls-key");
  cmd->add_option("--tls-key", args->tls_key, "PEM private key of --tls-cert");
  cmd->add_option("--console", args->console,
                  "Directory of the built web console (default: console/ beside the binary)");
  cmd->add_option("--osnr-margin", args->osnr_margin_db,
                  "dB of GSNR (0.1 nm) above a mode's required OSNR for it to be feasible")
      ->default_val(2.0)
      ->check(CLI::Range(-50.0, 50.0));
  cmd->add_option("--devices", args->devices,
                  "Inventory of NETCONF devices (docs/southbound.md): services are pushed to them");
  cmd->add_option("--gnpy-equipment", args->gnpy_equipment,
                  "GNPy equipment library (eqpt_config.json) for path computations that bring a "
                  "topology but no library, as TransportPCE's do (docs/api/rest.md)");
  cmd->footer(
      "Examples:\n"
      "  lightmesh serve examples/london/network.json --db london.db\n"
      "  lightmesh serve examples/tokyo/network.json --listen 127.0.0.1:9090 --tokens tokens.json\n"
      "  lightmesh serve examples/london/network.json --tls-cert cert.pem --tls-key key.pem\n"
      "  lightmesh serve examples/london/network.json --db postgresql://lm@db.example/lightmesh\n"
      "API: docs/api/rest.md");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_serve(*args, ctx); }; });
}

}  // namespace lightmesh::cli
