#include "sim/given_paths_reader.h"

#include <nlohmann/json.hpp>
#include <set>

#include "io/json_doc.h"

namespace lightmesh::sim {

namespace {

using Json = nlohmann::json;

Result<SiteIndex> site_of(const Json& v, const SimNetwork& net, const std::string& file,
                          const std::string& where) {
  if (!v.is_string() && !v.is_number_integer())
    return Error::invalid(v.dump() + " is not a site (expected a site id or a node id)")
        .at(file, where);
  const std::string name = v.is_string() ? v.get<std::string>() : v.dump();
  const SiteIndex s = net.find(name);
  if (s == kNoIndex)
    return Error::not_found("unknown site \"" + name + "\" (the network has no such site)")
        .at(file, where);
  return s;
}

}  // namespace

Result<std::vector<GivenPaths>> parse_given_paths(std::string_view text, std::string_view file,
                                                  const SimNetwork& net) {
  const std::string f(file);
  const Json doc = Json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Error::parse("not valid JSON").at(f);
  if (!doc.is_object() || !doc.contains("pairs") || !doc["pairs"].is_array())
    return Error::invalid("missing the \"pairs\" list").at(f);
  std::vector<GivenPaths> out;
  std::set<std::pair<SiteIndex, SiteIndex>> seen;
  const Json& pairs = doc["pairs"];
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::string ptr = "/pairs/" + std::to_string(i);
    const Json& p = pairs[i];
    if (!p.is_object() || !p.contains("src") || !p.contains("dst") || !p.contains("paths") ||
        !p["paths"].is_array())
      return Error::invalid("a pair needs \"src\", \"dst\" and a \"paths\" list").at(f, ptr);
    GivenPaths g;
    LM_ASSIGN_OR_RETURN(g.src, site_of(p["src"], net, f, ptr + "/src"));
    LM_ASSIGN_OR_RETURN(g.dst, site_of(p["dst"], net, f, ptr + "/dst"));
    if (!seen.insert({g.src, g.dst}).second)
      return Error::invalid("this pair is listed twice").at(f, ptr);
    g.where = f + ": " + ptr;
    const Json& paths = p["paths"];
    for (std::size_t k = 0; k < paths.size(); ++k) {
      const std::string kp = ptr + "/paths/" + std::to_string(k);
      const Json& nodes =
          paths[k].is_object() && paths[k].contains("nodes") ? paths[k]["nodes"] : paths[k];
      if (!nodes.is_array()) return Error::invalid("a path needs a \"nodes\" list").at(f, kp);
      std::vector<SiteIndex> sites;
      for (std::size_t j = 0; j < nodes.size(); ++j) {
        LM_ASSIGN_OR_RETURN(SiteIndex s,
                            site_of(nodes[j], net, f, kp + "/nodes/" + std::to_string(j)));
        sites.push_back(s);
      }
      g.paths.push_back(std::move(sites));
    }
    out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<GivenPaths>> read_given_paths(const std::string& path, const SimNetwork& net) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return parse_given_paths(text, path, net);
}

}  // namespace lightmesh::sim
