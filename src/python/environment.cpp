// lightmesh.Environment: the simulator stepped request by request (sim::Stepper), with the
// reset() / step(action) interface of reinforcement-learning work on RSA.
//
//   env = lightmesh.Environment("nsfnet.json", load=250, k=5, slots=100, directed=True)
//   obs = env.reset(seed=1)
//   obs, reward, done, info = env.step((0, 12))   # path 0 of the candidates, first slot 12
//   obs, reward, done, info = env.step(None)      # block the request
//
// Rewards: +1 for a request placed, −1 for one blocked (warm-up requests too; info["counted"] says
// whether the request counts in the totals). An invalid action (a path index out of range, slots
// past the spectrum or not free on every link of the path) raises lightmesh.Error and changes
// nothing: the same request waits for another action.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/bounded.h"
#include "core/limits.h"
#include "python/bindings.h"
#include "sim/stepper.h"

namespace py = pybind11;

namespace lightmesh::python {

namespace {

class Environment {
 public:
  Environment(const py::handle& network, const py::handle& load, const py::kwargs& options) {
    sim::StudySpec spec = study_spec(network, options, SpecUse::kEnvironment);
    double erlang = 0;
    try {
      erlang = py::cast<double>(load);
    } catch (const py::cast_error&) {
      throw LightmeshError("load: expected a number of Erlang");
    }
    if (!limits::kOfferedLoadErlang.contains(erlang))
      throw LightmeshError("load: " + limits::kOfferedLoadErlang.refusal(erlang));
    spec.loads = {erlang};
    study_ = std::make_unique<const sim::PreparedStudy>(prepare(std::move(spec)));
    const sim::PathTable& t = study_->table;
    // Observations have a row per path up to k; given paths (paths=) never exceed it either.
    k_ = study_->spec.k;
    const std::uint32_t pairs = t.site_count() * t.site_count();
    for (std::uint32_t pair = 0; pair < pairs; ++pair)
      k_ = std::max(k_, t.end_path(pair) - t.first_path(pair));
    stepper_ = std::make_unique<sim::Stepper>(t, study_->pairs, study_->traffic, erlang,
                                              study_->spec.warmup, study_->spec.requests);
    // The twin (from_db=): the controller's services hold their slots in every episode.
    stepper_->hold(study_->run.booked);
    scratch_.resize(t.slot_count());
  }

  py::dict reset(const py::object& seed, std::uint64_t stream) {
    const std::uint64_t s = seed.is_none() ? study_->spec.seed : seed_of(seed);
    stepper_->reset(s, stream);
    return observation();
  }

  py::tuple step(const py::handle& action) {
    if (stepper_->done())
      throw LightmeshError(started_ ? "the episode is over: reset() starts another"
                                    : "reset() first: no episode has started");
    const bool counted = stepper_->request().counted;
    bool accepted = false;
    if (action.is_none()) {
      check(stepper_->block());
    } else {
      const auto [path, start] = parse_action(action);
      check(stepper_->place(path, start));
      accepted = true;
    }
    py::dict info = totals();
    info["accepted"] = accepted;
    info["counted"] = counted;
    return py::make_tuple(observation(), accepted ? 1.0 : -1.0, stepper_->done(), info);
  }

  py::dict totals() const {
    const sim::StepTotals& t = stepper_->totals();
    py::dict d;
    d["requests"] = t.requests;
    d["blocked"] = t.blocked;
    d["requested_gbps"] = t.requested_gbps;
    d["blocked_gbps"] = t.blocked_gbps;
    d["service_blocking"] = t.requests ? static_cast<double>(t.blocked) / t.requests : 0.0;
    d["bandwidth_blocking"] = t.requested_gbps > 0 ? t.blocked_gbps / t.requested_gbps : 0.0;
    d["in_service"] = stepper_->in_service();
    d["slot_conflicts"] = t.slot_conflicts;
    return d;
  }

  // links × slots, True where a slot is held: the simulator's own state, for checks.
  py::array_t<bool> link_occupancy() const {
    const sim::PathTable& t = study_->table;
    py::array_t<bool> out(
        {static_cast<py::ssize_t>(t.link_count()), static_cast<py::ssize_t>(t.slot_count())});
    bool* cells = out.mutable_data();
    for (std::uint32_t l = 0; l < t.link_count(); ++l) {
      const std::uint64_t* words = stepper_->spectrum().used_words(l);
      for (std::uint32_t s = 0; s < t.slot_count(); ++s)
        cells[static_cast<std::size_t>(l) * t.slot_count() + s] = (words[s / 64] >> (s % 64)) & 1;
    }
    return out;
  }

  // The links of each candidate path of the current request, in path order.
  std::vector<std::vector<std::uint32_t>> candidate_links() const {
    std::vector<std::vector<std::uint32_t>> out;
    const sim::PathTable& t = study_->table;
    for (std::uint32_t i = 0; i < stepper_->candidates(); ++i) {
      const std::uint32_t p = stepper_->path(i);
      out.emplace_back(t.links(p), t.links(p) + t.path(p).hops);
    }
    return out;
  }

  std::uint32_t k() const { return k_; }
  std::uint32_t slots() const { return study_->table.slot_count(); }
  std::uint32_t links() const { return study_->table.link_count(); }
  std::uint64_t episode_length() const { return stepper_->episode_length(); }
  std::vector<std::string> sites() const {
    std::vector<std::string> out;
    for (const Site& s : study_->network.network.sites()) out.push_back(s.id);
    return out;
  }
  const std::vector<double>& bitrates() const { return study_->traffic.rates_gbps; }

 private:
  static void check(const Status& s) {
    if (!s) throw LightmeshError("action refused: " + s.error().to_string());
  }

  static std::pair<std::uint32_t, std::uint32_t> parse_action(const py::handle& action) {
    const char* expected = "action: expected (path, first slot) or None to block";
    if (!py::isinstance<py::sequence>(action) || py::isinstance<py::str>(action))
      throw LightmeshError(expected);
    const auto seq = py::reinterpret_borrow<py::sequence>(action);
    if (seq.size() != 2) throw LightmeshError(expected);
    long long path = 0, start = 0;
    try {
      path = py::cast<long long>(py::module_::import("operator").attr("index")(seq[0]));
      start = py::cast<long long>(py::module_::import("operator").attr("index")(seq[1]));
    } catch (const py::error_already_set&) {
      throw LightmeshError(std::string(expected) + ", with whole numbers");
    }
    if (path < 0 || path > 0xffffffffLL)
      throw LightmeshError("action refused: path " + std::to_string(path) + " is out of range");
    if (start < 0 || start > 0xffffffffLL)
      throw LightmeshError("action refused: first slot " + std::to_string(start) +
                           " is out of range");
    return {static_cast<std::uint32_t>(path), static_cast<std::uint32_t>(start)};
  }

  py::dict observation() {
    started_ = true;
    const std::uint32_t slots = study_->table.slot_count();
    py::array_t<bool> mask({static_cast<py::ssize_t>(k_), static_cast<py::ssize_t>(slots)});
    py::array_t<std::int64_t> needed(static_cast<py::ssize_t>(k_));
    bool* cells = mask.mutable_data();
    std::fill(cells, cells + static_cast<std::size_t>(k_) * slots, false);
    std::int64_t* widths = needed.mutable_data();
    std::fill(widths, widths + k_, 0);
    const std::uint32_t candidates = stepper_->candidates();
    for (std::uint32_t i = 0; i < candidates; ++i) {
      stepper_->free_mask(i, scratch_.data());
      for (std::uint32_t s = 0; s < slots; ++s)
        cells[static_cast<std::size_t>(i) * slots + s] = scratch_[s] != 0;
      widths[i] = stepper_->slots_needed(i);
    }
    const sim::StepRequest& r = stepper_->request();
    const bool over = stepper_->done();
    py::dict obs;
    obs["source"] = over ? -1 : static_cast<long long>(r.source);
    obs["destination"] = over ? -1 : static_cast<long long>(r.destination);
    obs["bitrate_gbps"] = over ? 0.0 : r.bitrate_gbps;
    obs["bitrate_class"] = over ? -1 : static_cast<long long>(r.bitrate_class);
    obs["paths"] = candidates;
    obs["slots_needed"] = needed;
    obs["mask"] = mask;
    obs["time"] = r.arrival;
    obs["holding"] = over ? 0.0 : r.holding;
    return obs;
  }

  std::unique_ptr<const sim::PreparedStudy> study_;
  std::unique_ptr<sim::Stepper> stepper_;
  std::uint32_t k_ = 0;
  std::vector<std::uint8_t> scratch_;
  bool started_ = false;
};

}  // namespace

void bind_environment(py::module_& m) {
  py::class_<Environment>(
      m, "Environment",
      "The simulator stepped request by request: Environment(network, load, **options) with the "
      "options of simulate() but replications, threads and failures; from_db='sqlite:PATH' (or "
      "a postgresql:// URL) starts every episode from the services that controller holds, their "
      "slots never free in the masks. reset(seed=None, stream=0) starts an "
      "episode of warmup + requests requests on stream `stream` of `seed` (the stream simulate() "
      "uses for replication `stream`) and returns the first observation; step(action) decides the "
      "current request and returns (observation, reward, done, info).\n\n"
      "Observation: source and destination (site indices into .sites), bitrate_gbps, "
      "bitrate_class, paths (candidate paths of this request, ≤ k), slots_needed (k ints, 0 past "
      "paths), mask (k × slots bools: free on every link of that path), time and holding.\n"
      "Action: (path, first slot) to place the request there, or None to block it. An invalid "
      "action raises lightmesh.Error and changes nothing.\n"
      "Reward: +1 placed, -1 blocked. Departures happen between steps, as in simulate().")
      .def(py::init<const py::handle&, const py::handle&, const py::kwargs&>(), py::arg("network"),
           py::arg("load"))
      .def("reset", &Environment::reset, py::arg("seed") = py::none(), py::arg("stream") = 0)
      .def("step", &Environment::step, py::arg("action"))
      .def_property_readonly("totals", &Environment::totals,
                             "Counted requests (after the warm-up): requests, blocked, "
                             "service_blocking, bandwidth_blocking, …")
      .def("link_occupancy", &Environment::link_occupancy,
           "links × slots bools, True where the slot is held now.")
      .def("candidate_links", &Environment::candidate_links,
           "The link indices of each candidate path of the current request.")
      .def_property_readonly("k", &Environment::k)
      .def_property_readonly("slots", &Environment::slots)
      .def_property_readonly("links", &Environment::links)
      .def_property_readonly("sites", &Environment::sites)
      .def_property_readonly("bitrates", &Environment::bitrates)
      .def_property_readonly("episode_length", &Environment::episode_length);
}

}  // namespace lightmesh::python
