// libFuzzer target: the GNPy equipment library reader on arbitrary bytes. The input is split at
// its first NUL byte: the library before it, and after it the text of every file the library may
// name (so the configuration-file readers are fuzzed too). It must return errors as values (never
// an internal one), and whatever it accepts must hold what the reader promises: every amplifier
// has a configuration with an ordered band and non-empty curves, every stage it names exists,
// every transceiver has modes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>

#include "io/gnpy_equipment.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s\n%s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lightmesh;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto nul = input.find('\0');
  const std::string_view library = input.substr(0, nul);
  std::map<std::string, std::string> beside;
  if (nul != std::string_view::npos) {
    const std::string side(input.substr(nul + 1));
    for (const char* name : {"adv.json", "shape.json", io::kGnpyDefaultEdfaConfigFile})
      beside[name] = side;
  }
  auto eq = io::read_gnpy_equipment_text(library, "fuzz.json", beside);
  if (!eq) {
    if (eq.error().code() == ErrorCode::kInternal) fail("internal error", eq.error().to_string());
    return 0;
  }
  for (const EdfaType& t : eq->edfas) {
    const EdfaConfig& c = t.config;
    if (!(c.f_min_hz < c.f_max_hz) || c.dgt.empty() || c.gain_ripple_db.empty() ||
        c.nf_ripple_db.empty()) {
      fail("an amplifier configuration that is not usable", t.type_variety);
    }
    if (t.kind == EdfaKind::kAdvancedModel && c.nf_fit_coeff.empty())
      fail("an advanced model without its NF polynomial", t.type_variety);
    if (t.kind == EdfaKind::kDualStage &&
        (!eq->find_edfa(t.preamp_variety) || !eq->find_edfa(t.booster_variety))) {
      fail("a dual stage whose stage is missing", t.type_variety);
    }
  }
  if (eq->fibers.empty() || eq->roadms.empty() || eq->transceivers.empty())
    fail("an accepted library without fibres, ROADMs or transceivers", std::string(library));
  for (const TransceiverType& t : eq->transceivers)
    if (t.modes.empty()) fail("a transceiver without modes", t.type_variety);
  const SpectralInformation& si = eq->reference_channel();
  if (!(si.f_min_hz < si.f_max_hz)) fail("a reference channel band upside down", si.type_variety);
  return 0;
}
