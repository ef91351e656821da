// libFuzzer target: the JSON (and YAML) failures file of `lightmesh simulate --failures-file` on
// arbitrary bytes, against NSFNET. Whatever it accepts must meet the rules it promises (every
// number in its range, every index in the network, groups non-empty with distinct fibres, the
// script in time order), so a check that lets a bad value through is a finding.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/limits.h"
#include "sim/failures_file.h"
#include "sim/network_source.h"

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "accepted a failures file that breaks: %s\n", what);
  std::abort();
}

const lightmesh::Network& nsfnet() {
  static const lightmesh::sim::SimNetwork net = [] {
    auto n = lightmesh::sim::load_sim_network(std::string(LIGHTMESH_SOURCE_DIR) +
                                              "/tests/sim/data/nsfnet_deeprmsa.json");
    if (!n) std::abort();
    return std::move(*n);
  }();
  return net.network;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lightmesh;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first byte picks the syntax, so both parsers see every input shape.
  const bool yaml = size > 0 && (data[0] & 1);
  const Network& net = nsfnet();
  auto f = sim::parse_failures_json(text, yaml ? "fuzz.yaml" : "fuzz.json", net);
  if (!f) return 0;
  if (f->fibers) {
    require(limits::kMtbfHours.contains(f->fibers->mtbf_hours), "fibre MTBF in range");
    require(limits::kMttrHours.contains(f->fibers->mttr_hours), "fibre MTTR in range");
  }
  require(f->groups.size() <= sim::kMaxSharedRiskGroups + net.sites().size(), "groups bounded");
  for (const sim::FailureGroup& g : f->groups) {
    require(g.kind == sim::GroupKind::kSite || !g.fibers.empty(), "a group has fibres");
    require(std::is_sorted(g.fibers.begin(), g.fibers.end()) &&
                std::adjacent_find(g.fibers.begin(), g.fibers.end()) == g.fibers.end(),
            "a group's fibres distinct and ascending");
    for (std::uint32_t fiber : g.fibers) require(fiber < net.fibers().size(), "fibre in range");
    require(g.mtbf_hours == 0 || limits::kMtbfHours.contains(g.mtbf_hours), "MTBF in range");
    require(limits::kMttrHours.contains(g.mttr_hours), "MTTR in range");
  }
  require(f->script.size() <= sim::kMaxScriptedCuts, "cuts bounded");
  for (std::size_t i = 0; i < f->script.size(); ++i) {
    const sim::ScriptedCut& c = f->script[i];
    require(limits::kMttrHours.contains(c.at_hours), "cut time in range");
    require(limits::kMttrHours.contains(c.duration_hours), "duration in range");
    require(c.group == sim::kNoGroup ? c.fiber < net.fibers().size() : c.group < f->groups.size(),
            "a cut names a fibre or group that exists");
    require(i == 0 || f->script[i - 1].at_hours <= c.at_hours, "the script in time order");
  }
  return 0;
}
