// `lightmesh qot`: GNPy's path-request run (--requests) or one transmission (--from/--to) on a
// GNPy topology with a GNPy equipment library.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/app.h"
#include "cli/bounded_option.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/table.h"
#include "core/limits.h"
#include "io/gnpy_equipment.h"
#include "io/gnpy_sim_params.h"
#include "io/gnpy_topology.h"
#include "physics/line_propagation.h"
#include "qot/path_request_run.h"
#include "qot/physics_hooks.h"
#include "qot/response.h"
#include "qot/service.h"
#include "qot/transmission.h"

namespace lightmesh::cli {

namespace {

struct QotArgs {
  std::string topology;
  std::string equipment;
  std::string requests;
  std::string sim_params;
  bool redesign_per_request = false;
  bool no_insert_edfas = false;
  bool no_design = false;
  std::string output;
  std::string from, to;
  std::vector<std::string> via;
  std::optional<double> power_dbm;
  std::string format = "table";
};

std::string fmt_db(double v) { return std::isfinite(v) ? fmt::format("{:.2f}", v) : "-"; }

std::string run_table(const qot::RunReport& rep) {
  Table t({"request", "from", "to", "mode", "GSNR@bw dB", "GSNR@0.1nm dB", "OSNR@0.1nm dB", "N",
           "M", "result"},
          {false, false, false, false, true, true, true, true, true, false});
  for (const auto& r : rep.results) {
    std::string ns, ms;
    for (std::size_t k = 0; k < r.n.size(); ++k) {
      ns += (k ? "," : "") + std::to_string(r.n[k]);
      ms += (k ? "," : "") + std::to_string(r.m[k]);
    }
    t.add({r.request_id, r.source, r.destination, r.mode.value_or("-"),
           r.qot ? fmt_db(r.qot->gsnr_bw_db) : "-", r.qot ? fmt_db(r.qot->gsnr_01nm_db) : "-",
           r.qot ? fmt_db(r.qot->osnr_ase_01nm_db) : "-", ns, ms,
           r.blocking_reason.value_or("ok")});
  }
  return t.render();
}

int run_requests(const QotArgs& a, physics::ElementNetwork net, const Equipment& eq, Context& ctx) {
  auto services = qot::read_gnpy_services_file(a.requests);
  if (!services) {
    report(services.error(), ctx.err);
    return kExitInputError;
  }
  qot::PhysicsCache cache;
  qot::PhysicsHooks hooks = qot::physics_hooks(eq, &cache);
  if (a.no_design) hooks.design = nullptr;
  qot::PathRequestRun engine(std::move(net), eq, std::move(hooks));
  auto rep = engine.run(*services, {.design = !a.no_design,
                                    .insert_edfas = !a.no_insert_edfas,
                                    .redesign_per_request = a.redesign_per_request});
  if (!rep) {
    report(rep.error(), ctx.err);
    return kExitInputError;
  }
  if (!a.output.empty()) {
    if (!write_output(a.output, qot::write_gnpy_response(*rep, engine.network()), ctx.out, ctx.err))
      return kExitInputError;
    if (a.output == "-") return kExitOk;
  }
  ctx.out << run_table(*rep);
  return kExitOk;
}

nlohmann::ordered_json transmission_json(const qot::Transmission& t,
                                         const physics::ElementNetwork& net) {
  using J = nlohmann::ordered_json;
  const auto& q = t.trace.receiver.summary;
  J path = J::array();
  for (auto e : t.path) path.push_back(net.at(e).uid);
  J elements = J::array();
  for (const auto& e : t.trace.elements) {
    J row{{"uid", e.uid},
          {"type", physics::element_kind_name(e.kind)},
          {"type_variety", e.type_variety},
          {"channels", e.channels},
          {"pch_out_dbm", e.actual_pch_out_dbm}};
    if (e.kind == physics::ElementKind::kFiber) {
      row["length_km"] = e.length_km;
      row["loss_db"] = e.loss_db;
    }
    elements.push_back(std::move(row));
  }
  return J{{"from", net.at(t.path.front()).uid},
           {"to", net.at(t.path.back()).uid},
           {"path", path},
           {"power_dbm", t.power_dbm},
           {"nb_channels", t.nb_channels},
           {"gsnr_bw_db", q.gsnr_bw_db},
           {"gsnr_01nm_db", q.gsnr_01nm_db},
           {"osnr_ase_01nm_db", q.osnr_ase_01nm_db},
           {"cd_ps_nm", q.cd_ps_per_nm},
           {"pmd_ps", q.pmd_ps},
           {"latency_ms", q.latency_ms},
           {"elements", elements}};
}

std::string transmission_table(const qot::Transmission& t) {
  Table rows({"element", "type", "variety", "channels", "Pch out dBm", "length km", "loss dB"},
             {false, false, false, true, true, true, true});
  for (const auto& e : t.trace.elements) {
    const bool fiber = e.kind == physics::ElementKind::kFiber;
    rows.add({e.uid, physics::element_kind_name(e.kind), e.type_variety, std::to_string(e.channels),
              fmt_db(e.actual_pch_out_dbm), fiber ? fmt::format("{:.1f}", e.length_km) : "",
              fiber ? fmt_db(e.loss_db) : ""});
  }
  const auto& q = t.trace.receiver.summary;
  std::ostringstream out;
  out << rows.render() << "\n"
      << fmt::format("{} channels at {:.2f} dBm from {} to {}\n", t.nb_channels, t.power_dbm,
                     t.trace.elements.front().uid, t.trace.elements.back().uid)
      << fmt::format("GSNR (signal bandwidth): {:.2f} dB\n", q.gsnr_bw_db)
      << fmt::format("GSNR (0.1 nm):           {:.2f} dB\n", q.gsnr_01nm_db)
      << fmt::format("OSNR ASE (0.1 nm):       {:.2f} dB\n", q.osnr_ase_01nm_db)
      << fmt::format("CD {:.2f} ps/nm, PMD {:.2f} ps, latency {:.3f} ms\n", q.cd_ps_per_nm,
                     q.pmd_ps, q.latency_ms);
  return out.str();
}

int run_one(const QotArgs& a, physics::ElementNetwork net, const Equipment& eq, Context& ctx) {
  if (!a.no_design) {
    // Design the whole network for the reference channel, as the path-request run does.
    qot::PhysicsHooks hooks = qot::physics_hooks(eq, nullptr);
    if (hooks.design) {
      const SpectralInformation& si = eq.reference_channel();
      qot::DesignReference ref{
          .power_dbm = a.power_dbm.value_or(si.power_dbm),
          .nb_channels = physics::automatic_channel_count(si.f_min_hz, si.f_max_hz, si.spacing_hz),
          .spacing_hz = si.spacing_hz,
          .baud_rate_baud = si.baud_rate_baud};
      Status s = hooks.design(net, ref, !a.no_insert_edfas, {});
      if (!s) {
        report(s.error(), ctx.err);
        return kExitInputError;
      }
    }
  }
  qot::TransmissionRequest req{.power_dbm = a.power_dbm};
  auto from = qot::resolve_endpoint(net, a.from);
  auto to = from ? qot::resolve_endpoint(net, a.to) : from;
  if (!from || !to) {
    report((!from ? from.error() : to.error()).at(a.topology), ctx.err);
    return kExitInputError;
  }
  req.from = *from;
  req.to = *to;
  for (const std::string& v : a.via) {
    auto e = net.find(v);
    if (!e) {
      report(Error::not_found("--via: no element \"" + v + "\" in the topology").at(a.topology),
             ctx.err);
      return kExitInputError;
    }
    req.via.push_back(*e);
  }
  auto t = qot::run_transmission(net, eq, req);
  if (!t) {
    report(t.error(), ctx.err);
    return kExitInputError;
  }
  const std::string text =
      a.format == "json" ? transmission_json(*t, net).dump(2) + "\n" : transmission_table(*t);
  return write_output(a.output, text, ctx.out, ctx.err) ? kExitOk : kExitInputError;
}

int run_qot(const QotArgs& a, Context& ctx) {
  const bool one = !a.from.empty() || !a.to.empty();
  if (one == !a.requests.empty()) {
    report(Error::invalid("give either --requests SERVICES or --from A --to B"), ctx.err);
    return kExitUsage;
  }
  if (one && (a.from.empty() || a.to.empty())) {
    report(Error::invalid("--from and --to go together"), ctx.err);
    return kExitUsage;
  }
  if (!a.sim_params.empty()) {
    // lightmesh computes GNPy's defaults (analytic GN model, no Raman): the reader refuses a file
    // asking for anything else rather than letting it be silently ignored.
    auto sim = io::read_gnpy_sim_params_file(a.sim_params);
    if (!sim) {
      report(sim.error(), ctx.err);
      return kExitInputError;
    }
  }
  auto eq = io::read_gnpy_equipment(a.equipment);
  if (!eq) {
    report(eq.error(), ctx.err);
    return kExitInputError;
  }
  auto net = io::read_gnpy_topology_file(a.topology, *eq);
  if (!net) {
    report(net.error(), ctx.err);
    return kExitInputError;
  }
  return one ? run_one(a, std::move(*net), *eq, ctx) : run_requests(a, std::move(*net), *eq, ctx);
}

}  // namespace

void add_qot_command(CLI::App& app, Context& ctx) {
  auto args = keep<QotArgs>(ctx);
  CLI::App* cmd = app.add_subcommand(
      "qot", "GNPy-compatible quality of transmission: path requests or one transmission");
  cmd->add_option("topology", args->topology, "GNPy topology JSON (element level)")->required();
  cmd->add_option("-e,--equipment", args->equipment, "GNPy equipment library (eqpt_config.json)")
      ->required();
  cmd->add_option("--requests", args->requests,
                  "GNPy service file (path-request JSON): run every request");
  cmd->add_option("--sim-params", args->sim_params,
                  "GNPy simulation parameters (only the defaults are implemented)");
  cmd->add_flag("--redesign-per-request", args->redesign_per_request,
                "Re-design each request's path with the request as the reference channel");
  cmd->add_flag("--no-insert-edfas", args->no_insert_edfas,
                "Do not insert amplifiers or split fibres; still set gains and powers");
  cmd->add_flag("--no-design", args->no_design,
                "The topology is already designed (e.g. GNPy's --save-network output)");
  cmd->add_option("-o,--output", args->output,
                  "With --requests: write GNPy's response JSON to FILE ('-': stdout); "
                  "otherwise write the output to FILE");
  cmd->add_option("--from", args->from, "Source transceiver (uid, or part of one)");
  cmd->add_option("--to", args->to, "Destination transceiver (uid, or part of one)");
  cmd->add_option("--via", args->via, "Element uid the path must cross (repeatable, in order)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--power", args->power_dbm, "Per-channel reference power in dBm (default SI)")
      ->check(within(limits::kPowerDbm));
  cmd->add_option("-f,--format", args->format, "One transmission's output: table or json")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->footer(
      "Follows GNPy v2.12: the network is auto-designed once for the equipment's reference\n"
      "channel (per request with --redesign-per-request), identical requests are aggregated,\n"
      "SVEC disjunction and include hops are honoured, each request propagates a full load of\n"
      "its mode, a null trx_mode picks the highest-rate feasible mode, and spectrum is first-fit\n"
      "N/M booked in both directions. docs/cli.md describes the output.\n\n"
      "Examples:\n"
      "  lightmesh qot topo.json -e eqpt_config.json --requests services.json -o response.json\n"
      "  lightmesh qot topo.json -e eqpt_config.json --from lannion --to lorient --power 1\n"
      "  lightmesh qot topo.json -e eqpt_config.json --from A --to B --via 'roadm C' -f json");
  cmd->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_qot(*args, ctx); }; });
}

}  // namespace lightmesh::cli
