// libFuzzer target: the workload document reader (JSON and YAML) on arbitrary bytes. Whatever it
// accepts must meet the rules it promises, so a check that lets a bad value through is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "io/workload_reader.h"

namespace {

void require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "accepted a document that breaks: %s\n", what);
  std::abort();
}

void check(const lightmesh::TrainingSpec& t) {
  require(t.tp >= 1 && t.pp >= 1 && t.dp >= 1, "parallel degrees ≥ 1");
  require(std::uint64_t{t.tp} * t.pp * t.dp == t.gpus, "gpus = tp × pp × dp");
  require(t.pp <= t.layers, "pp ≤ layers");
  require(t.max_slowdown >= 1, "max_slowdown ≥ 1");
  require(t.step_compute_s.has_value() != t.mfu.has_value(), "step_compute_s or mfu");
  require(!t.mfu || (*t.mfu > 0 && *t.mfu <= 1), "0 < mfu ≤ 1");
  require(t.sync == lightmesh::SyncMode::kDiloco || t.diloco_h == 0, "diloco_h only with DiLoCo");
}

void check(const lightmesh::InferenceSpec& s) {
  require(!s.allowed_jurisdictions.empty(), "a jurisdiction is allowed");
  require(s.gpus >= 1 && s.bandwidth_gbps > 0 && s.max_rtt_us > 0, "positive amounts");
}

void check(const lightmesh::ClusterSpec& c) {
  require(c.roles.gpus > 0 || c.roles.cores > 0 || c.roles.storage_tb > 0, "a role");
  for (const auto& e : c.edges) require(e.max_rtt_us > 0 && e.min_gbps > 0, "positive edges");
}

void check(const lightmesh::SitesSpec& s) {
  require(s.max_rtt_us > 0 && s.bandwidth_gbps > 0, "positive budgets");
}

void check(const lightmesh::ProductionSpec& p) {
  require(p.cameras >= 1 && p.max_one_way_us > 0, "positive amounts");
  require(p.venue != p.gallery, "venue ≠ gallery");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // The first byte picks the syntax, so both parsers see every input shape.
  const bool yaml = size > 0 && (data[0] & 1);
  auto w = lightmesh::io::read_workload(text, yaml ? "fuzz.yaml" : "fuzz.json");
  if (w) std::visit([](const auto& body) { check(body); }, w->body);
  return 0;
}
