// The `lightmesh` Python module: load a network, plan demands, simulate a load sweep into numpy
// arrays (this file), and step the simulator request by request (environment.cpp).
// docs/simulate.md ("Python") shows it in use.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "cli/plan_output.h"
#include "core/bounded.h"
#include "core/limits.h"
#include "io/load.h"
#include "python/bindings.h"
#include "rsa/plan.h"
#include "sim/network_source.h"
#include "sim/study.h"
#include "store/open_store.h"
#include "store/postgres_store.h"

namespace py = pybind11;

namespace lightmesh::python {

namespace {

// A network as Python sees it: read once, shared by every plan made on it, and its file kept so
// that simulate() and Environment() read the same one.
struct PyNetwork {
  std::shared_ptr<const Network> network;
  std::string file;
};

double number(const py::handle& value, const std::string& name, const Bound& bound) {
  double v = 0;
  try {
    v = py::cast<double>(value);
  } catch (const py::cast_error&) {
    throw LightmeshError(name + ": expected a number, got " +
                         std::string(py::str(py::type::of(value).attr("__name__"))));
  }
  if (!bound.contains(v)) throw LightmeshError(name + ": " + bound.refusal(v));
  return v;
}

std::string text(const py::handle& value, const std::string& name) {
  if (!py::isinstance<py::str>(value))
    throw LightmeshError(name + ": expected a str, got " +
                         std::string(py::str(py::type::of(value).attr("__name__"))));
  return py::cast<std::string>(value);
}

// One str or a list of them (a repeatable option: add_fiber="A,B,KM" or ["A,B,KM", …]).
std::vector<std::string> texts(const py::handle& value, const std::string& name) {
  if (py::isinstance<py::str>(value)) return {py::cast<std::string>(value)};
  if (!py::isinstance<py::list>(value) && !py::isinstance<py::tuple>(value))
    throw LightmeshError(name + ": expected a str or a list of str");
  std::vector<std::string> out;
  for (const py::handle& item : value) out.push_back(text(item, name));
  return out;
}

bool flag(const py::handle& value, const std::string& name) {
  if (!py::isinstance<py::bool_>(value)) throw LightmeshError(name + ": expected True or False");
  return py::cast<bool>(value);
}

// bitrate: 100, (25, 100) or "25-100", as --bitrate takes it.
std::pair<double, double> bitrate_range(const py::handle& value) {
  const char* name = "bitrate";
  std::pair<double, double> r;
  if (py::isinstance<py::str>(value)) {
    const auto s = py::cast<std::string>(value);
    const std::size_t dash = s.find('-', 1);
    auto parse = [&](const std::string& part) {
      char* end = nullptr;
      const double v = std::strtod(part.c_str(), &end);
      if (part.empty() || end != part.c_str() + part.size())
        throw LightmeshError(std::string(name) + ": \"" + s +
                             "\" is not a range MIN-MAX of bit rates in Gb/s (e.g. 25-100)");
      return v;
    };
    r.first = parse(s.substr(0, dash));
    r.second = dash == std::string::npos ? r.first : parse(s.substr(dash + 1));
  } else if (py::isinstance<py::tuple>(value) || py::isinstance<py::list>(value)) {
    const auto seq = py::reinterpret_borrow<py::sequence>(value);
    if (seq.size() != 2)
      throw LightmeshError(std::string(name) + ": expected (MIN, MAX), got " +
                           std::to_string(seq.size()) + " values");
    r = {number(seq[0], name, limits::kBandwidthGbps),
         number(seq[1], name, limits::kBandwidthGbps)};
  } else {
    r.first = r.second = number(value, name, limits::kBandwidthGbps);
  }
  if (!limits::kBandwidthGbps.contains(r.first) || !limits::kBandwidthGbps.contains(r.second))
    throw LightmeshError(std::string(name) + ": " +
                         limits::kBandwidthGbps.refusal(
                             limits::kBandwidthGbps.contains(r.first) ? r.second : r.first));
  if (r.first > r.second)
    throw LightmeshError(std::string(name) + ": the range is empty (expected MIN ≤ MAX)");
  return r;
}

// failures: (MTBF, MTTR) in hours or "MTBF,MTTR", as --failures takes it (the MTBF per 1,000 km of
// fibre). Returns the option's text, checked again by the study with the command line's ranges.
std::string failure_rates(const py::handle& value) {
  if (py::isinstance<py::str>(value)) return py::cast<std::string>(value);
  if (!py::isinstance<py::tuple>(value) && !py::isinstance<py::list>(value))
    throw LightmeshError("failures: expected (MTBF, MTTR) in hours or \"MTBF,MTTR\"");
  const auto seq = py::reinterpret_borrow<py::sequence>(value);
  if (seq.size() != 2)
    throw LightmeshError("failures: expected (MTBF, MTTR), got " + std::to_string(seq.size()) +
                         " values");
  const double mtbf = number(seq[0], "failures: the MTBF per 1,000 km", limits::kMtbfHours);
  const double mttr = number(seq[1], "failures: the MTTR", limits::kMttrHours);
  return fmt::format("{:.17g},{:.17g}", mtbf, mttr);
}

}  // namespace

// The seed of the random streams: any whole number 0 … 2⁶⁴ − 1, as --seed takes it.
std::uint64_t seed_of(const py::handle& value) {
  if (py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value)) {
    try {
      return py::cast<std::uint64_t>(value);
    } catch (const py::cast_error&) {
    }
  }
  throw LightmeshError("seed: expected a whole number 0 … 18446744073709551615, got " +
                       std::string(py::str(py::repr(value))));
}

namespace {

py::dict plan_dict(const nlohmann::ordered_json& j) {
  // Through Python's json module: the plan is small, and the dict is exactly the CLI's JSON.
  return py::module_::import("json").attr("loads")(j.dump());
}

PyNetwork load(const py::handle& path) {
  const std::string file = file_argument(path, "network");
  auto net = sim::load_sim_network(file);
  if (!net) raise(net.error());
  return {std::make_shared<const Network>(std::move(net->network)), file};
}

const PyNetwork& network_of(const py::handle& network, PyNetwork& loaded) {
  if (py::isinstance<PyNetwork>(network)) return *py::cast<PyNetwork*>(network);
  loaded = load(network);
  return loaded;
}

py::dict plan(const py::handle& network, const py::handle& demands, const py::handle& k_value,
              const std::string& policy_name, const std::string& metric_name,
              const std::string& disjoint, double seed, double osnr_margin_db) {
  PyNetwork loaded;
  const PyNetwork& n = network_of(network, loaded);
  const Network& net = *n.network;
  auto policy = spectrum::parse_policy(policy_name);
  if (!policy) raise(policy.error().at_place("policy"));
  auto metric = rsa::parse_metric(metric_name);
  if (!metric) raise(metric.error().at_place("metric"));
  // As `plan -k` takes it (CLI::Range(1, 1000)).
  const auto k = static_cast<std::uint32_t>(number(k_value, "k", Bound{1, 1000, false, "", true}));
  if (disjoint != "link" && disjoint != "node")
    throw LightmeshError("disjoint: \"" + disjoint + "\" (expected link or node)");
  number(py::float_(seed), "seed", limits::kSeed);
  number(py::float_(osnr_margin_db), "osnr_margin", Bound{-50, 50, false, "dB"});

  Result<std::vector<Demand>> list = std::vector<Demand>{};
  if (py::isinstance<py::list>(demands) || py::isinstance<py::tuple>(demands) ||
      py::isinstance<py::dict>(demands)) {
    // Demands given in Python go through the file reader, so they are checked as a file's are.
    py::object body = py::reinterpret_borrow<py::object>(demands);
    if (!py::isinstance<py::dict>(demands)) {
      py::dict d;
      d["demands"] = demands;
      body = d;
    }
    const auto json_text = py::cast<std::string>(py::module_::import("json").attr("dumps")(body));
    list = io::parse_demands(json_text, "demands", &net);
  } else {
    list = io::load_demands(file_argument(demands, "demands"), &net);
  }
  if (!list) raise(list.error());

  rsa::PlanOptions options;
  options.k = k;
  options.policy = *policy;
  options.metric = *metric;
  options.disjointness =
      disjoint == "node" ? routing::Disjointness::kNode : routing::Disjointness::kLink;
  options.seed = saturate<std::uint64_t>(seed);
  options.osnr_margin_db = osnr_margin_db;
  auto planner = rsa::Planner::create(net, options);
  if (!planner) raise(planner.error().at(n.file));
  const rsa::PlanResult result = rsa::plan(*planner, *list);
  return plan_dict(cli::plan_json(net, *list, result, options));
}

py::dict simulate(const py::handle& network, const py::handle& loads, const py::kwargs& options) {
  std::uint32_t threads = 0;
  sim::StudySpec spec = study_spec(network, options, SpecUse::kSweep, &threads);
  if (py::isinstance<py::str>(loads)) throw LightmeshError("loads: expected numbers, got a str");
  if (py::hasattr(loads, "__iter__")) {
    for (const py::handle& l : loads)
      spec.loads.push_back(number(l, "loads", limits::kOfferedLoadErlang));
  } else {
    spec.loads.push_back(number(loads, "loads", limits::kOfferedLoadErlang));
  }
  if (spec.loads.empty()) throw LightmeshError("loads: at least one load is needed");
  const sim::PreparedStudy study = prepare(std::move(spec));
  sim::SimulationResult result;
  {
    const py::gil_scoped_release unlocked;
    result = sim::run_study(study, threads);
  }
  const std::size_t n = result.points.size();
  py::array_t<double> load(n);
  py::array_t<std::int64_t> requests(n), warmup(n), replications(n);
  std::map<std::string, py::array_t<double>> figures;
  const std::pair<const char*, sim::Estimate sim::PointResult::*> estimates[] = {
      {"service_blocking", &sim::PointResult::service_blocking},
      {"bandwidth_blocking", &sim::PointResult::bandwidth_blocking},
      {"utilisation", &sim::PointResult::utilisation},
      {"fragmentation", &sim::PointResult::fragmentation}};
  py::dict out;
  for (std::size_t i = 0; i < n; ++i) {
    const sim::PointResult& p = result.points[i];
    load.mutable_at(i) = p.load;
    requests.mutable_at(i) = static_cast<std::int64_t>(p.requests);
    warmup.mutable_at(i) = static_cast<std::int64_t>(p.warmup);
    replications.mutable_at(i) = p.replications;
  }
  out["load"] = load;
  out["requests"] = requests;
  out["warmup"] = warmup;
  out["replications"] = replications;
  for (const auto& [name, member] : estimates) {
    py::array_t<double> mean(n), ci95(n);
    for (std::size_t i = 0; i < n; ++i) {
      mean.mutable_at(i) = (result.points[i].*member).mean;
      ci95.mutable_at(i) = (result.points[i].*member).ci95;
    }
    out[py::str(std::string(name) + "_mean")] = mean;
    out[py::str(std::string(name) + "_ci95")] = ci95;
  }
  // Each replication's own blocking (loads × replications): replication r is stream r, the one an
  // Environment reset with stream=r steps through.
  const std::size_t reps = n ? result.points[0].service_blocking_by_replication.size() : 0;
  py::array_t<double> service_each({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(reps)});
  py::array_t<double> bandwidth_each({static_cast<py::ssize_t>(n), static_cast<py::ssize_t>(reps)});
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t r = 0; r < reps; ++r) {
      service_each.mutable_at(i, r) = result.points[i].service_blocking_by_replication[r];
      bandwidth_each.mutable_at(i, r) = result.points[i].bandwidth_blocking_by_replication[r];
    }
  out["service_blocking_by_replication"] = service_each;
  out["bandwidth_blocking_by_replication"] = bandwidth_each;
  if (study.run.failures) add_failure_figures(study, result, out);
  add_bitrate_figures(study, result, out);
  out["arrivals"] = result.arrivals;
  out["slot_conflicts"] = result.slot_conflicts;
  return out;
}

py::list sites_of(const Network& net) {
  py::list out;
  for (const Site& s : net.sites()) {
    py::dict d;
    d["id"] = s.id;
    d["name"] = s.name;
    if (s.position) {
      d["lat"] = s.position->lat;
      d["lon"] = s.position->lon;
    }
    out.append(d);
  }
  return out;
}

// A fibre's ends as sites where a site owns the node (every node of a simple network), else the
// node's own id.
std::string end_name(const Network& net, NodeIndex n) {
  const OpticalNode& node = net.node(n);
  return node.site != kNoIndex ? net.site(node.site).id : node.id;
}

py::list fibres_of(const Network& net) {
  py::list out;
  for (const Fiber& f : net.fibers()) {
    py::dict d;
    d["id"] = f.id;
    d["a"] = end_name(net, f.a);
    d["b"] = end_name(net, f.b);
    d["length_km"] = f.length.value();
    out.append(d);
  }
  return out;
}

}  // namespace

std::string file_argument(const py::handle& value, const char* name) {
  if (py::isinstance<PyNetwork>(value)) return py::cast<PyNetwork*>(value)->file;
  try {
    return py::cast<std::string>(py::module_::import("os").attr("fspath")(value));
  } catch (const py::error_already_set&) {
    throw LightmeshError(std::string(name) + ": expected a file name (str or os.PathLike), got " +
                         std::string(py::str(py::type::of(value).attr("__name__"))));
  }
}

sim::StudySpec study_spec(const py::handle& network, const py::kwargs& options, SpecUse use,
                          std::uint32_t* threads) {
  sim::StudySpec spec;
  spec.network = file_argument(network, "network");
  const bool sweep = use == SpecUse::kSweep;
  for (const auto& [key_handle, value] : options) {
    const auto key = py::cast<std::string>(key_handle);
    auto whole = [&](const Bound& b) { return static_cast<std::uint64_t>(number(value, key, b)); };
    if (key == "requests") {
      spec.requests = whole(limits::kSimRequests);
    } else if (key == "warmup") {
      spec.warmup = whole(limits::kSimWarmup);
    } else if (key == "replications" && sweep) {
      spec.replications = static_cast<std::uint32_t>(whole(limits::kReplications));
    } else if (key == "seed") {
      spec.seed = seed_of(value);
    } else if (key == "policy") {
      spec.policy = text(value, key);
    } else if (key == "k") {
      spec.k = static_cast<std::uint32_t>(whole(limits::kCandidatePaths));
    } else if (key == "path_order") {
      spec.path_order = text(value, key);
    } else if (key == "paths") {
      spec.paths = file_argument(value, "paths");
    } else if (key == "modulations") {
      spec.modulations = file_argument(value, "modulations");
    } else if (key == "slots") {
      if (!value.is_none()) spec.slots = static_cast<std::uint32_t>(whole(limits::kSlotCount));
    } else if (key == "slot_ghz") {
      spec.slot_ghz = number(value, key, limits::kSlotGhz);
    } else if (key == "guard") {
      spec.guard = static_cast<std::uint32_t>(whole(limits::kGuardSlots));
    } else if (key == "bitrate") {
      std::tie(spec.bitrate_min_gbps, spec.bitrate_max_gbps) = bitrate_range(value);
    } else if (key == "bitrate_dist") {
      spec.bitrate_dist = file_argument(value, "bitrate_dist");
    } else if (key == "holding_mean") {
      spec.holding_mean = number(value, key, limits::kHoldingMean);
    } else if (key == "truncate_holding") {
      spec.truncate_holding = flag(value, key);
    } else if (key == "directed") {
      spec.directed = flag(value, key);
    } else if (key == "traffic") {
      spec.traffic = file_argument(value, "traffic");
    } else if (key == "add_fiber") {
      spec.add_fibers = texts(value, key);
    } else if (key == "remove_fiber") {
      spec.remove_fibers = texts(value, key);
    } else if (key == "from_db") {
      spec.from_db = text(value, key);
    } else if (key == "failures" && sweep) {
      spec.failures = failure_rates(value);
    } else if (key == "failures_file" && sweep) {
      spec.failures_file = file_argument(value, "failures_file");
    } else if (key == "protection" && sweep) {
      spec.protection = text(value, key);
    } else if (key == "time_unit_hours" && sweep) {
      spec.time_unit_hours = number(value, key, limits::kTimeUnitHours);
    } else if (key == "threads" && sweep && threads) {
      *threads = static_cast<std::uint32_t>(whole(limits::kThreads));
    } else if (key == "check_slots" && sweep) {
      spec.check_slots = flag(value, key);
    } else {
      throw LightmeshError(
          "unknown option \"" + key + "\" (expected " +
          (sweep ? "requests, warmup, replications, seed, policy, k, path_order, paths, "
                   "modulations, slots, slot_ghz, guard, bitrate, bitrate_dist, holding_mean, "
                   "truncate_holding, directed, traffic, add_fiber, remove_fiber, from_db, "
                   "failures, failures_file, protection, time_unit_hours, threads, check_slots)"
                 : "requests, warmup, seed, policy, k, path_order, paths, modulations, slots, "
                   "slot_ghz, guard, bitrate, bitrate_dist, holding_mean, truncate_holding, "
                   "directed, traffic, add_fiber, remove_fiber, from_db)"));
    }
  }
  return spec;
}

sim::PreparedStudy prepare(sim::StudySpec spec) {
  // The twin (from_db=): the controller's services, adopted by the store's own loading code into
  // the network file as it is (before any what-if), as `simulate --from-db` does.
  // The fabric refers to the network it was loaded into: both live to the end of the call.
  std::optional<sim::SimNetwork> live_network;
  std::optional<fabric::Fabric> live;
  if (!spec.from_db.empty()) {
    auto net = sim::load_sim_network(spec.network);
    if (!net) raise(net.error());
    live_network = std::move(*net);
    auto loaded = store::load_controller_state(spec.from_db, live_network->network, {}, "from_db");
    if (!loaded) raise(loaded.error());
    live = std::move(*loaded);
    if (store::is_postgres_url(spec.from_db))
      spec.from_db = store::PostgresStore::redact(spec.from_db);
  }
  auto study = sim::prepare_study(std::move(spec), live ? &*live : nullptr);
  if (!study) raise(study.error());
  return std::move(study).value();
}

}  // namespace lightmesh::python

PYBIND11_MODULE(lightmesh, m) {
  using namespace lightmesh;
  using namespace lightmesh::python;
  m.doc() =
      "lightmesh: load optical networks, plan demands, simulate dynamic traffic and step the "
      "simulator request by request (docs/simulate.md, \"Python\").";
  py::register_exception<LightmeshError>(m, "Error", PyExc_ValueError);

  py::class_<PyNetwork>(m, "Network", "A network read from a file (load_network).")
      .def_property_readonly("name", [](const PyNetwork& n) { return n.network->name(); })
      .def_property_readonly("file", [](const PyNetwork& n) { return n.file; })
      .def_property_readonly(
          "sites", [](const PyNetwork& n) { return sites_of(*n.network); },
          "Sites in file order: dicts with id, name and, where known, lat and lon.")
      .def_property_readonly(
          "fibres", [](const PyNetwork& n) { return fibres_of(*n.network); },
          "Fibres in file order: dicts with id, a, b (site ids) and length_km.")
      .def_property_readonly("warnings", [](const PyNetwork& n) { return n.network->warnings(); })
      .def("__repr__", [](const PyNetwork& n) {
        return "<lightmesh.Network " + n.file + ": " + std::to_string(n.network->sites().size()) +
               " sites, " + std::to_string(n.network->fibers().size()) + " fibres>";
      });

  m.def("load_network", &load, py::arg("path"),
        "Reads a network from any file lightmesh reads (native JSON or YAML, TopoHub or NetworkX "
        "node-link JSON). Raises lightmesh.Error naming the file and the place.");

  m.def("plan", &plan, py::arg("network"), py::arg("demands"), py::kw_only(), py::arg("k") = 5,
        py::arg("policy") = "first-fit", py::arg("metric") = "latency",
        py::arg("disjoint") = "link", py::arg("seed") = 1.0, py::arg("osnr_margin") = 2.0,
        "Plans demands as `lightmesh plan --format json` does and returns that JSON as a dict "
        "(lightpaths, unserved, summary). network: a Network or a file; demands: a file, or a "
        "list of dicts as the demands file holds them (id, from, to, bandwidth_gbps, …).");

  m.def("simulate", &simulate, py::arg("network"), py::arg("loads"),
        "Simulates dynamic traffic at each load (Erlang), as `lightmesh simulate` does with the "
        "same options and seed, and returns a dict of numpy arrays, one entry per load: load, "
        "requests, warmup, replications, and the mean and ci95 of service_blocking, "
        "bandwidth_blocking, utilisation and fragmentation (e.g. service_blocking_mean); with "
        "arrivals and slot_conflicts (ints).\n\n"
        "Options (keywords, as the command line's with _ for -): requests=10000, warmup=1000, "
        "replications=10, seed=1, policy='ksp-ff', k=5, path_order='length', paths=None, "
        "modulations=None, slots=None (the network's band), slot_ghz=12.5, guard=0, bitrate=100 "
        "(or (MIN, MAX) or 'MIN-MAX'), bitrate_dist=None, holding_mean=1, "
        "truncate_holding=False, directed=False, traffic=None, add_fiber=[] ('A,B,KM' each), "
        "remove_fiber=[] (fibre ids), from_db=None ('sqlite:PATH': the twin of that "
        "controller), threads=0 (every core), check_slots=False.\n\n"
        "Failures (as --failures, --failures-file, --protection, --time-unit-hours): "
        "failures=(MTBF, MTTR) in hours (MTBF per 1,000 km of fibre), failures_file= (CSV or "
        "JSON: shared-risk groups, site failures, scripted cuts), protection='none' (or "
        "'restore', '1+1', 'none:0.5,restore:0.3,1+1:0.2'), time_unit_hours=1. A failure run "
        "adds availability ({class: {'mean', 'ci95'}}) and restoration ({'attempts', "
        "'success_ratio', 'added_latency_us'}, each {'mean', 'ci95'}): numpy arrays, one entry "
        "per load, NaN where the JSON has null.");

  bind_environment(m);
}
