// libFuzzer target: the element-level GNPy topology reader on arbitrary bytes, against a small
// equipment library built here. It must return errors as values (never an internal one), and
// whatever it accepts must be written and read back to the same network: the written text read
// again and written gives the same text, with the same elements and connections.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "io/gnpy_topology.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s\n%s\n", what, detail.c_str());
  std::abort();
}

// The types the seeds name: fibres "SSMF" (also as a RamanFiber) and "NZDF", amplifiers
// "std_low_gain" and "std_medium_gain", ROADMs "default" and "roadm_type_1".
lightmesh::Equipment library() {
  using namespace lightmesh;
  Equipment eq;
  FiberType ssmf;
  ssmf.type_variety = "SSMF";
  ssmf.dispersion_s_per_m2 = 1.67e-5;
  ssmf.effective_area_m2 = 83e-12;
  ssmf.pmd_coef_s_per_sqrt_m = 1.265e-15;
  eq.fibers.push_back(ssmf);
  FiberType nzdf = ssmf;
  nzdf.type_variety = "NZDF";
  nzdf.effective_area_m2.reset();
  nzdf.gamma_per_w_per_m = 1.5e-3;
  eq.fibers.push_back(nzdf);
  ssmf.raman = true;
  eq.raman_fibers.push_back(ssmf);
  for (const char* name : {"std_low_gain", "std_medium_gain"}) {
    EdfaType a;
    a.type_variety = name;
    eq.edfas.push_back(a);
  }
  eq.roadms.push_back(RoadmType{});
  RoadmType other;
  other.type_variety = "roadm_type_1";
  eq.roadms.push_back(other);
  return eq;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lightmesh;
  static const Equipment eq = library();  // immutable after first use
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto net = io::read_gnpy_topology(text, "fuzz.json", eq);
  if (!net) {
    if (net.error().code() == ErrorCode::kInternal) fail("internal error", net.error().to_string());
    return 0;
  }
  for (const auto& e : net->elements()) {
    if (const auto* f = e.as<physics::FiberElement>()) {
      if (!std::isfinite(f->params.length_m) || f->params.length_m < 0)
        fail("a fibre length that is not a length", e.uid);
      if (f->params.lumped_losses_db.size() != f->lumped_loss_positions_m.size())
        fail("lumped losses without their positions", e.uid);
    }
  }
  const std::string written = io::write_gnpy_topology(*net);
  auto again = io::read_gnpy_topology(written, "written.json", eq);
  if (!again) fail("the written topology does not read back", again.error().to_string());
  if (again->size() != net->size() || again->connections() != net->connections())
    fail("the written topology reads back different", written);
  if (io::write_gnpy_topology(*again) != written)
    fail("writing the topology read back gives other text", written);
  return 0;
}
