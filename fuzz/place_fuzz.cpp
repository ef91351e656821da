// libFuzzer target: fuzzed workload documents placed one after another into one fabric over an
// example network. The first byte chooses the network (London, Tokyo or the sovereign one); then
// each record is an operation byte followed, for a placement, by a document (JSON, or YAML when the
// byte is odd) up to the next NUL byte. Operations with a byte divisible by 4 delete one of the
// placed workloads instead.
//
// Checked: place() never reports an internal fault (a placement the independent validator
// rejects); a refusal or an error books nothing (services, slots, compute); grants never exceed a
// site's inventory; a placement books as many services as it has links; deleting a workload
// removes its services; and deleting every workload gives back exactly the empty fabric.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/load.h"
#include "io/workload_reader.h"
#include "workloads/place.h"

namespace {

using lightmesh::fuzz::fail;

// A network and an empty fabric over it, whose QoT tables every input's copy shares. Neither ever
// moves: a fabric points at its network.
struct Example {
  explicit Example(const char* name)
      : net(lightmesh::io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/" + name +
                                        "/network.json")
                .value()),
        empty(lightmesh::fabric::Fabric::make(net, {}, [] { return std::int64_t{0}; }).value()) {}
  const lightmesh::Network net;
  const lightmesh::fabric::Fabric empty;
};

std::uint64_t slots_used(const lightmesh::fabric::Fabric& f) {
  return f.planner().spectrum().used_slots();
}

// GPUs, cores and TB free over every site.
struct Totals {
  double gpus = 0, cores = 0, tb = 0;
  bool operator==(const Totals&) const = default;
};
Totals totals(const std::vector<lightmesh::Compute>& sites) {
  Totals t;
  for (const auto& c : sites) {
    t.gpus += c.gpu_count();
    t.cores += c.cpu_cores;
    t.tb += c.storage_tb;
  }
  return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Example examples[] = {Example("london"), Example("tokyo"), Example("sovereign")};
  lightmesh::fuzz::Bytes in(data, size);
  const Example& example = examples[in.pick(std::size(examples))];
  lightmesh::fabric::Fabric fabric = example.empty.empty_like();
  const auto inventory = fabric.free_compute();
  std::vector<std::string> placed;
  for (int i = 0; i < 16 && !in.empty(); ++i) {
    const std::uint8_t op = in.byte();
    if (op % 4 == 0) {
      if (placed.empty()) continue;
      const std::size_t k = in.pick(placed.size());
      const auto* w = fabric.find_workload(placed[k]);
      if (!w) fail("placed workload " + placed[k] + " vanished");
      const std::vector<std::string> services = w->services;
      if (!fabric.remove_workload(placed[k])) fail("cannot delete workload " + placed[k]);
      for (const auto& s : services)
        if (fabric.find(s)) fail("service " + s + " outlived its workload");
      placed.erase(placed.begin() + static_cast<std::ptrdiff_t>(k));
      continue;
    }
    const std::string text = in.text();
    auto spec = lightmesh::io::read_workload(text, op & 1 ? "job.yaml" : "job.json");
    if (!spec) continue;
    const std::size_t services_before = fabric.size();
    const std::uint64_t slots_before = slots_used(fabric);
    const Totals free_before = totals(fabric.free_compute());
    auto result = lightmesh::workloads::place(fabric, *spec, text);
    const bool booked_nothing = fabric.size() == services_before &&
                                slots_used(fabric) == slots_before &&
                                totals(fabric.free_compute()) == free_before;
    if (!result) {
      if (result.error().code() == lightmesh::ErrorCode::kInternal)
        fail("place() failed inside", result.error().to_string());
      if (!booked_nothing) fail("an error left something booked", result.error().to_string());
      continue;
    }
    if (result->choice.refusal) {
      if (!booked_nothing) fail("a refusal left something booked", result->choice.refusal->detail);
      continue;
    }
    if (result->services.size() != result->choice.links.size())
      fail("a placement with services not one per link");
    const auto* w = fabric.find_workload(result->workload);
    if (!w) fail("a placement without its workload");
    for (const auto& s : result->services)
      if (!fabric.find(s) || fabric.workload_of(s) != w)
        fail("service " + s + " not the workload's");
    const auto free = fabric.free_compute();
    for (std::size_t s = 0; s < free.size(); ++s)
      if (free[s].gpu_count() > inventory[s].gpu_count() ||
          free[s].cpu_cores > inventory[s].cpu_cores || free[s].storage_tb < -1e-9)
        fail("compute granted beyond a site's inventory");
    placed.push_back(result->workload);
  }
  for (const auto& id : placed)
    if (!fabric.remove_workload(id)) fail("cannot delete workload " + id);
  if (fabric.size() != 0 || slots_used(fabric) != 0 ||
      !(totals(fabric.free_compute()) == totals(inventory)))
    fail("deleting every workload did not give back the empty fabric");
  return 0;
}
