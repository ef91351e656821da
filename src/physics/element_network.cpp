#include "physics/element_network.h"

#include <algorithm>
#include <cassert>

namespace lightmesh::physics {

const char* element_kind_name(ElementKind kind) {
  switch (kind) {
    case ElementKind::kTransceiver:
      return "Transceiver";
    case ElementKind::kRoadm:
      return "Roadm";
    case ElementKind::kFused:
      return "Fused";
    case ElementKind::kFiber:
      return "Fiber";
    case ElementKind::kEdfa:
      return "Edfa";
  }
  return "?";
}

ElementIndex ElementNetwork::add(Element e) {
  const auto index = static_cast<ElementIndex>(elements_.size());
  [[maybe_unused]] const bool inserted = by_uid_.emplace(e.uid, index).second;
  assert(inserted && "element uids are unique");
  elements_.push_back(std::move(e));
  out_.emplace_back();
  in_.emplace_back();
  return index;
}

void ElementNetwork::reserve(std::size_t elements) {
  elements_.reserve(elements);
  out_.reserve(elements);
  in_.reserve(elements);
}

void ElementNetwork::add_connection(ElementIndex from, ElementIndex to) {
  out_[from].push_back(to);
  in_[to].push_back(from);
  connection_order_.emplace_back(from, to);
}

void ElementNetwork::remove_connection(ElementIndex from, ElementIndex to) {
  auto drop = [](std::vector<ElementIndex>& list, ElementIndex v) {
    auto it = std::find(list.begin(), list.end(), v);
    if (it != list.end()) list.erase(it);
  };
  drop(out_[from], to);
  drop(in_[to], from);
  auto it = std::find(connection_order_.begin(), connection_order_.end(), std::pair{from, to});
  if (it != connection_order_.end()) connection_order_.erase(it);
}

std::optional<ElementIndex> ElementNetwork::find(std::string_view uid) const {
  auto it = by_uid_.find(uid);
  if (it == by_uid_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::pair<ElementIndex, ElementIndex>> ElementNetwork::connections() const {
  return connection_order_;
}

}  // namespace lightmesh::physics
