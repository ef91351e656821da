// Fibre cuts in a simulation: random (a Poisson process per fibre from an MTBF per 1,000 km, and
// exponential repairs), or scripted from a file, and the protection mix of the services.
//
//   LM_ASSIGN_OR_RETURN(auto rates, parse_failure_rates("10000,12"));  // MTBF, MTTR in hours
//   LM_ASSIGN_OR_RETURN(auto cuts, read_failures_csv("cuts.csv", net));
//
// Time: the model is in hours, simulated time in the load's unit (the holding-time mean);
// time_unit_hours says how many hours one unit of simulated time is (1: holding times in hours).
//
// Pure functions; a FailureModel is immutable once built and read by every replication.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "sim/protection_mix.h"

namespace lightmesh::sim {

// No failure group: a cut of one fibre.
inline constexpr std::uint32_t kNoGroup = 0xffffffffU;

// One scripted cut: the fibre (or, with `group` set, every fibre of FailureModel::groups[group])
// goes down at `at_hours` after the start of the replication (warm-up included) and is repaired
// `duration_hours` later.
struct ScriptedCut {
  double at_hours = 0;
  std::uint32_t fiber = 0;  // index in the simulated network
  double duration_hours = 0;
  std::uint32_t group = kNoGroup;
};

// Fibres that fail together: a site (every fibre touching it) or a shared-risk group (fibres in
// one duct). A group down holds each of its fibres down; a fibre comes back once every failure
// holding it (its own cut, its groups) is repaired.
enum class GroupKind : std::uint8_t { kSite, kSrg };

struct FailureGroup {
  GroupKind kind = GroupKind::kSrg;
  std::string id;                     // the site's or the group's
  std::vector<std::uint32_t> fibers;  // distinct, ascending
  double mtbf_hours = 0;              // the group's own; 0: only scripted cuts
  double mttr_hours = 0;
};

struct FailureRates {
  double mtbf_hours = 0;  // per 1,000 km of fibre
  double mttr_hours = 0;
};

struct FailureModel {
  // Random cuts: fibre f is cut at rate fiber_km[f] / 1000 / mtbf_hours per hour, repaired after
  // an exponential time of mean mttr_hours. mtbf_hours = 0: no random cuts.
  double mtbf_hours = 0;
  double mttr_hours = 0;
  std::vector<ScriptedCut> script;  // by start time, then file order
  std::string script_file;          // for the output; empty without a script
  double time_unit_hours = 1;
  std::vector<double> fiber_km;  // per fibre of the simulated network
  ProtectionMix protection;
  // Sites and shared-risk groups that fail at random or are named by the script (a JSON failures
  // file): shared-risk groups in file order, then sites in the network's order.
  std::vector<FailureGroup> groups;
  bool random_sites = false;  // every site fails at random (the file's "sites" rates)
};

// "MTBF,MTTR" in hours: MTBF > 0 (per 1,000 km), MTTR ≥ 0. Errors name --failures and the ranges.
Result<FailureRates> parse_failure_rates(std::string_view text);

// CSV rows time_h,fiber,duration_h (a header line is skipped): times and durations ≥ 0 in hours,
// fibres by id in `net`. Errors (naming the file and line): a malformed row, an unknown fibre, a
// fibre cut again before its previous cut is repaired.
Result<std::vector<ScriptedCut>> parse_failures_csv(std::string_view text, std::string_view file,
                                                    const Network& net);
Result<std::vector<ScriptedCut>> read_failures_csv(const std::string& path, const Network& net);

}  // namespace lightmesh::sim
