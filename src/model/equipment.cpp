#include "model/equipment.h"

#include <algorithm>

namespace lightmesh {

namespace {

template <typename T>
const T* find_by_variety(const std::vector<T>& items, const std::string& type_variety) {
  auto it = std::find_if(items.begin(), items.end(),
                         [&](const T& t) { return t.type_variety == type_variety; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const char* edfa_kind_name(EdfaKind kind) {
  switch (kind) {
    case EdfaKind::kVariableGain:
      return "variable_gain";
    case EdfaKind::kFixedGain:
      return "fixed_gain";
    case EdfaKind::kAdvancedModel:
      return "advanced_model";
    case EdfaKind::kOpenroadm:
      return "openroadm";
    case EdfaKind::kOpenroadmPreamp:
      return "openroadm_preamp";
    case EdfaKind::kOpenroadmBooster:
      return "openroadm_booster";
    case EdfaKind::kDualStage:
      return "dual_stage";
    case EdfaKind::kMultiBand:
      return "multi_band";
  }
  return "?";
}

const EdfaType* Equipment::find_edfa(const std::string& type_variety) const {
  return find_by_variety(edfas, type_variety);
}
const FiberVariety* Equipment::find_fiber(const std::string& type_variety) const {
  return find_by_variety(fibers, type_variety);
}
const RoadmType* Equipment::find_roadm(const std::string& type_variety) const {
  return find_by_variety(roadms, type_variety);
}
const TransceiverType* Equipment::find_transceiver(const std::string& type_variety) const {
  return find_by_variety(transceivers, type_variety);
}

const SpectralInformation& Equipment::reference_channel() const {
  static const SpectralInformation kNone{};  // immutable: an empty library has no channel
  if (spectral_information.empty()) return kNone;
  const SpectralInformation* si = find_by_variety(spectral_information, std::string("default"));
  return si ? *si : spectral_information.front();
}

}  // namespace lightmesh
