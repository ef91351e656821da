#include "sim/network_edit.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <set>

#include "core/limits.h"

namespace lightmesh::sim {

Result<FiberAddition> parse_fiber_addition(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return Error::invalid("--add-fiber " + text + ": " + why +
                          " (expected A,B,KM: two sites and a length in km, e.g. LSE,LD4,12.5)");
  };
  const std::size_t c1 = text.find(',');
  const std::size_t c2 = c1 == std::string::npos ? c1 : text.find(',', c1 + 1);
  if (c2 == std::string::npos || text.find(',', c2 + 1) != std::string::npos)
    return bad("not three comma-separated fields");
  FiberAddition f{text.substr(0, c1), text.substr(c1 + 1, c2 - c1 - 1), 0};
  if (f.a.empty() || f.b.empty()) return bad("a site is missing");
  const std::string km = text.substr(c2 + 1);
  errno = 0;
  char* end = nullptr;
  f.km = std::strtod(km.c_str(), &end);
  if (km.empty() || end != km.c_str() + km.size()) return bad("\"" + km + "\" is not a number");
  if (!limits::kFiberLengthKm.contains(f.km))
    return Error::invalid("--add-fiber " + text + ": " + limits::kFiberLengthKm.refusal(f.km));
  return f;
}

Status apply_edit(NetworkSpec& spec, const NetworkEdit& edit, const SiteResolver& resolve) {
  for (const std::string& id : edit.remove) {
    const auto it = std::find_if(spec.fibers.begin(), spec.fibers.end(),
                                 [&](const FiberSpec& f) { return f.id == id; });
    if (it == spec.fibers.end()) {
      std::string some;
      for (std::size_t i = 0; i < spec.fibers.size() && i < 3; ++i)
        some += (i ? ", " : "") + spec.fibers[i].id;
      return Error::not_found("--remove-fiber " + id + ": the network has no fibre \"" + id + "\"" +
                              (some.empty() ? "" : " (its fibres are " + some + ", …)"))
          .at(spec.file);
    }
    spec.fibers.erase(it);
  }
  std::set<std::string> used;
  for (const FiberSpec& f : spec.fibers) used.insert(f.id);
  std::uint32_t next = 1;
  for (const FiberAddition& add : edit.add) {
    const std::string text = add.a + "," + add.b;
    const std::string a = resolve(add.a), b = resolve(add.b);
    for (const auto& [given, id] : {std::pair{add.a, a}, std::pair{add.b, b}})
      if (id.empty())
        return Error::not_found("--add-fiber " + text + ": unknown site \"" + given +
                                "\" (the network has no such site or node)")
            .at(spec.file);
    if (a == b)
      return Error::invalid("--add-fiber " + text + ": a fibre joins two different sites");
    FiberSpec f;
    do f.id = "added-" + std::to_string(next++);
    while (used.count(f.id));
    used.insert(f.id);
    f.a = a;
    f.b = b;
    f.length = Km{add.km};
    f.where = "--add-fiber " + text;
    spec.fibers.push_back(std::move(f));
  }
  return {};
}

}  // namespace lightmesh::sim
