// /api/v1/twin/simulate: the digital twin from the live state (docs/api/rest.md, "Twin"). A small
// blocking-against-load study, as `lightmesh simulate --from-db` runs it on the store, run on the
// spectrum this controller holds now: its services' slots and its cut fibres are never offered to
// the simulated requests.
//
// The twin sees every tenant's spectrum, so it is for admin tokens only. The study runs without
// the fabric's lock: the path table is built first, the booked spectrum is then copied under the
// lock (a pass over the slot maps), and the replications run on one worker thread. One study runs
// at a time; another asked meanwhile gets 429 with Retry-After. The work is bounded before it
// starts (kMaxTwinArrivals), so an answer takes seconds at most on the examples.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/limits.h"
#include "io/json_doc.h"
#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"
#include "sim/policy.h"
#include "sim/study.h"
#include "sim/study_json.h"

namespace lightmesh::server {

namespace {

// Bounds of one twin study, tighter than the command line's: it runs inside a server.
inline constexpr std::size_t kMaxTwinLoads = 16;
inline constexpr Bound kTwinRequests{1, 1'000'000, false, "", true};
inline constexpr Bound kTwinWarmup{0, 1'000'000, false, "", true};
inline constexpr Bound kTwinReplications{2, 100, false, "", true};
inline constexpr Bound kTwinK{1, 10, false, "", true};
// Arrivals over the whole study (loads × replications × (requests + warm-up)): about a second
// of one core on the examples.
inline constexpr double kMaxTwinArrivals = 20'000'000;

Result<sim::StudySpec> parse_study(const std::string& body) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(body, "body.json"));
  io::ObjectReader r(doc, doc.root, "");
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"loads", "requests", "warmup", "replications", "seed", "policy", "k",
                             "bitrate_min_gbps", "bitrate_max_gbps", "holding_mean", "slot_ghz",
                             "guard", "directed"}));
  sim::StudySpec spec;
  // The outputs name what the study started from.
  spec.network = "served network";
  spec.from_db = "this controller";
  spec.requests = 10'000;
  spec.warmup = 1'000;
  spec.replications = 5;

  LM_ASSIGN_OR_RETURN(const io::Json* loads, r.list("loads"));
  if (!loads) return doc.error("/loads", "missing (expected a list of offered loads in Erlang)");
  if (loads->empty() || loads->size() > kMaxTwinLoads)
    return doc.error("/loads",
                     fmt::format("{} loads (expected 1 … {})", loads->size(), kMaxTwinLoads));
  for (std::size_t i = 0; i < loads->size(); ++i) {
    const std::string at = fmt::format("/loads/{}", i);
    const io::Json& v = (*loads)[i];
    if (!v.is_number()) return doc.error(at, "not a number (expected a load in Erlang)");
    const double load = v.get<double>();
    if (!limits::kOfferedLoadErlang.contains(load))
      return doc.error(at, limits::kOfferedLoadErlang.refusal(load));
    spec.loads.push_back(load);
  }
  LM_ASSIGN_OR_RETURN(auto requests, r.bounded_count("requests", kTwinRequests));
  LM_ASSIGN_OR_RETURN(auto warmup, r.bounded_count("warmup", kTwinWarmup));
  LM_ASSIGN_OR_RETURN(auto replications, r.bounded_count("replications", kTwinReplications));
  LM_ASSIGN_OR_RETURN(auto seed, r.bounded_count("seed", limits::kSeed));
  LM_ASSIGN_OR_RETURN(auto k, r.bounded_count("k", kTwinK));
  LM_ASSIGN_OR_RETURN(auto guard, r.bounded_count("guard", limits::kGuardSlots));
  LM_ASSIGN_OR_RETURN(auto bmin, r.bounded("bitrate_min_gbps", limits::kBitRateGbps));
  LM_ASSIGN_OR_RETURN(auto bmax, r.bounded("bitrate_max_gbps", limits::kBitRateGbps));
  LM_ASSIGN_OR_RETURN(auto holding, r.bounded("holding_mean", limits::kHoldingMean));
  LM_ASSIGN_OR_RETURN(auto slot_ghz, r.bounded("slot_ghz", limits::kSlotGhz));
  LM_ASSIGN_OR_RETURN(auto policy, r.id("policy"));
  LM_ASSIGN_OR_RETURN(auto directed, r.boolean("directed"));
  if (requests) spec.requests = *requests;
  spec.warmup = warmup ? *warmup : spec.requests / 10;
  if (replications) spec.replications = *replications;
  if (seed) spec.seed = *seed;
  if (k) spec.k = *k;
  if (guard) spec.guard = *guard;
  if (bmin) spec.bitrate_min_gbps = *bmin;
  if (bmax) spec.bitrate_max_gbps = *bmax;
  if (bmin && !bmax) spec.bitrate_max_gbps = std::max(*bmin, spec.bitrate_max_gbps);
  if (bmax && !bmin) spec.bitrate_min_gbps = std::min(*bmax, spec.bitrate_min_gbps);
  if (!(spec.bitrate_min_gbps <= spec.bitrate_max_gbps))
    return doc.error("/bitrate_min_gbps",
                     fmt::format("{:g} is above bitrate_max_gbps {:g} (expected MIN ≤ MAX)",
                                 spec.bitrate_min_gbps, spec.bitrate_max_gbps));
  if (holding) spec.holding_mean = *holding;
  if (slot_ghz) spec.slot_ghz = *slot_ghz;
  if (policy) {
    if (auto known = sim::parse_policy(*policy); !known)
      return doc.error("/policy", known.error().message());
    spec.policy = *policy;
  }
  if (directed) spec.directed = *directed;
  const double arrivals = static_cast<double>(spec.loads.size()) * spec.replications *
                          (static_cast<double>(spec.requests) + static_cast<double>(spec.warmup));
  if (arrivals > kMaxTwinArrivals)
    return doc.error("", fmt::format("{:.3g} arrivals in all (loads × replications × (requests + "
                                     "warmup); expected at most {:.3g}: run larger studies with "
                                     "`lightmesh simulate --from-db`)",
                                     arrivals, kMaxTwinArrivals));
  return spec;
}

// A refusal of the study as a whole (an unknown policy, an empty bit-rate range): the body's,
// so a 400 at its root.
HttpResponse study_refused(const Error& e) {
  if (e.code() == ErrorCode::kInternal) return from_error(e);
  return error_response(400, error_code_name(e.code()), e.message(), e.place());
}

HttpResponse busy() {
  HttpResponse r = error_response(429, "busy", "another twin study is running; try again shortly");
  r.headers.push_back({"Retry-After", "1"});
  return r;
}

HttpResponse simulate_twin(Call& call) {
  auto spec = parse_study(call.request.body);
  if (!spec) return from_error(spec.error());
  std::unique_lock<std::mutex> slot = call.twin_slot();
  if (!slot.owns_lock()) return busy();
  const auto started = std::chrono::steady_clock::now();
  auto study = sim::prepare_study_on(std::move(*spec), call.net());
  if (!study) return study_refused(study.error());
  auto booked = call.booked_spectrum(study->network.network, sim::spectrum_layout(*study));
  if (!booked) return study_refused(booked.error());
  sim::hold_spectrum(*study, std::move(*booked));
  const sim::SimulationResult result = sim::run_study(*study, /*threads=*/1);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  nlohmann::ordered_json out = sim::study_json(
      *study, result,
      seconds > 0 ? std::optional<double>(result.arrivals / seconds) : std::nullopt);
  out["elapsed_s"] = std::round(seconds * 1000) / 1000;
  return json_response(200, out);
}

}  // namespace

std::vector<Route> twin_routes() {
  return {{.method = "POST",
           .pattern = "/api/v1/twin/simulate",
           .access = Access::kAdmin,
           .unlocked = true,
           .handle = simulate_twin}};
}

}  // namespace lightmesh::server
