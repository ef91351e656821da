// The failures file of `lightmesh simulate --failures-file`: a CSV of fibre cuts
// (time_h,fiber,duration_h), or a JSON (or YAML) document with shared-risk groups, site and fibre
// failure rates, and cuts naming a fibre, a site or a group (docs/simulate.md, "Failures file").
//
//   LM_ASSIGN_OR_RETURN(FailuresFile f, read_failures_file("cuts.json", net));
//   f.groups[0].fibers;  f.script[0].group;
//
// Every number is bounded (core/limits.h): MTBFs limits::kMtbfHours, MTTRs, cut times and
// durations limits::kMttrHours; at most kMaxSharedRiskGroups groups and kMaxScriptedCuts cuts.
// Errors name the file and the JSON pointer (or the CSV line) and what was expected.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "model/network.h"
#include "sim/failure_model.h"

namespace lightmesh::sim {

inline constexpr std::size_t kMaxSharedRiskGroups = 100'000;
inline constexpr std::size_t kMaxScriptedCuts = 1'000'000;

struct FailuresFile {
  std::optional<FailureRates> fibers;  // "fibers": per 1,000 km, as --failures states them
  std::vector<FailureGroup> groups;    // shared-risk groups in file order, then sites by index
  bool random_sites = false;           // "sites" gave every site an MTBF and MTTR
  std::vector<ScriptedCut> script;     // by start time, then file order
};

// JSON or YAML: {"fibers"?, "sites"?, "shared_risk_groups"?, "cuts"?}; fibres, sites and groups
// by id in `net`. A fibre, site or group cut again before its previous cut is repaired is refused
// (cuts of different targets may overlap: the fibres they share stay down until both are
// repaired).
Result<FailuresFile> parse_failures_json(std::string_view text, std::string_view file,
                                         const Network& net);

// .json, .yaml, .yml, or text starting with '{': the document; otherwise the CSV.
Result<FailuresFile> read_failures_file(const std::string& path, const Network& net);

// For the text output: "; 2 shared-risk groups; sites: MTBF 1e+05 h, MTTR 8 h", or "" without
// groups.
std::string describe_failure_groups(const FailureModel& m);

}  // namespace lightmesh::sim
