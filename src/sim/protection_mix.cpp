#include "sim/protection_mix.h"

#include <fmt/format.h>

#include <cmath>

#include "sim/csv_rows.h"

namespace lightmesh::sim {

namespace {

constexpr Protection kAll[] = {Protection::kNone, Protection::kRestore, Protection::kOnePlusOne};

Error refuse(std::string_view text, const std::string& why) {
  return Error::invalid("--protection: \"" + std::string(text) + "\" " + why +
                        " (expected none, restore or 1+1, or a mix such as "
                        "none:0.5,restore:0.3,1+1:0.2 with weights ≥ 0)");
}

}  // namespace

const char* protection_name(Protection p) {
  switch (p) {
    case Protection::kNone:
      return "none";
    case Protection::kRestore:
      return "restore";
    case Protection::kOnePlusOne:
      return "1+1";
  }
  return "?";
}

double ProtectionMix::share(Protection p) const {
  return weights[static_cast<std::size_t>(p)] / (weights[0] + weights[1] + weights[2]);
}

Protection ProtectionMix::draw(double u) const {
  double x = u * (weights[0] + weights[1] + weights[2]);
  for (Protection p : kAll) {
    x -= weights[static_cast<std::size_t>(p)];
    if (x < 0) return p;
  }
  // Rounding at the top end: the last class with any weight.
  for (std::size_t i = kProtectionClasses; i-- > 0;)
    if (weights[i] > 0) return kAll[i];
  return Protection::kNone;
}

std::string ProtectionMix::describe() const {
  std::string out;
  for (Protection p : kAll) {
    if (share(p) == 0) continue;
    out += fmt::format("{}{}:{:g}", out.empty() ? "" : ",", protection_name(p), share(p));
  }
  return out;
}

Result<ProtectionMix> parse_protection_mix(std::string_view text) {
  ProtectionMix mix;
  mix.weights = {0, 0, 0};
  std::array<bool, kProtectionClasses> seen{};
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    const std::string_view item = text.substr(from, comma - from);
    const std::size_t colon = item.find(':');
    const std::string_view name = item.substr(0, colon);
    double weight = 1;
    if (colon != std::string_view::npos) {
      const auto w = parse_number(std::string(item.substr(colon + 1)));
      if (!w || *w < 0) return refuse(text, "has a weight that is not a number ≥ 0");
      weight = *w;
    }
    std::size_t index = kProtectionClasses;
    for (Protection p : kAll)
      if (name == protection_name(p)) index = static_cast<std::size_t>(p);
    if (index == kProtectionClasses)
      return refuse(text, "names an unknown class \"" + std::string(name) + "\"");
    if (seen[index]) return refuse(text, "names \"" + std::string(name) + "\" twice");
    seen[index] = true;
    mix.weights[index] = weight;
    from = comma + 1;
  }
  if (!(mix.weights[0] + mix.weights[1] + mix.weights[2] > 0) ||
      !std::isfinite(mix.weights[0] + mix.weights[1] + mix.weights[2]))
    return refuse(text, "has no class with a positive weight");
  return mix;
}

}  // namespace lightmesh::sim
