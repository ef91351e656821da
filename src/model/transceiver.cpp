#include "model/transceiver.h"

#include <algorithm>
#include <numeric>

namespace lightmesh {

TransceiverCatalogue::TransceiverCatalogue(std::vector<TransceiverMode> modes)
    : modes_(std::move(modes)) {
  by_rate_desc_.resize(modes_.size());
  std::iota(by_rate_desc_.begin(), by_rate_desc_.end(), 0u);
  std::stable_sort(by_rate_desc_.begin(), by_rate_desc_.end(), [&](ModeIndex x, ModeIndex y) {
    const auto& a = modes_[x];
    const auto& b = modes_[y];
    if (a.bit_rate != b.bit_rate) return a.bit_rate > b.bit_rate;
    if (a.channel_width != b.channel_width) return a.channel_width < b.channel_width;
    return a.name < b.name;
  });
}

ModeIndex TransceiverCatalogue::find(std::string_view name) const {
  for (ModeIndex i = 0; i < modes_.size(); ++i) {
    if (modes_[i].name == name) return i;
  }
  return kNoIndex;
}

}  // namespace lightmesh
