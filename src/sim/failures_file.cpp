#include "sim/failures_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/limits.h"
#include "io/json_doc.h"

namespace lightmesh::sim {

namespace {

using io::Document;
using io::Json;
using io::ObjectReader;

std::string range_text(std::size_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(i, ",");
  return s;
}

// An MTBF and an MTTR, both or neither: the MTBF within limits::kMtbfHours (per 1,000 km for
// fibres), the MTTR within limits::kMttrHours.
Result<std::optional<FailureRates>> rates(const ObjectReader& r, const char* mtbf_key) {
  LM_ASSIGN_OR_RETURN(auto mtbf, r.bounded(mtbf_key, limits::kMtbfHours));
  LM_ASSIGN_OR_RETURN(auto mttr, r.bounded("mttr_hours", limits::kMttrHours));
  if (mtbf.has_value() != mttr.has_value()) {
    const char* missing = mtbf ? "mttr_hours" : mtbf_key;
    return r.doc().error(r.pointer(missing), std::string("missing \"") + missing +
                                                 "\" (expected an MTBF and an MTTR, or neither)");
  }
  if (!mtbf) return std::optional<FailureRates>();
  return std::optional<FailureRates>(FailureRates{*mtbf, *mttr});
}

// A list of fibre ids, each in the network and listed once; ascending indices.
Result<std::vector<std::uint32_t>> fiber_list(const Document& doc, const Json& list,
                                              const std::string& pointer, const Network& net) {
  std::vector<std::uint32_t> out;
  if (list.empty())
    return doc.error(pointer, "an empty list (expected the ids of the group's fibres)");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = pointer + "/" + std::to_string(i);
    if (!list[i].is_string())
      return doc.error(at, io::describe(list[i]) + " is not a fibre id (expected a string)");
    const std::string id = list[i].get<std::string>();
    const FiberIndex f = net.find_fiber(id);
    if (f == kNoIndex) return doc.error(at, "no fibre \"" + id + "\" in the network");
    if (std::find(out.begin(), out.end(), f) != out.end())
      return doc.error(at, "fibre \"" + id + "\" is listed twice in the group");
    out.push_back(static_cast<std::uint32_t>(f));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint32_t> site_fibers(const Network& net, SiteIndex s) {
  std::vector<std::uint32_t> out;
  for (FiberIndex f : net.fibers_at(net.site(s).node)) out.push_back(static_cast<std::uint32_t>(f));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// A cut as read, before sites become groups.
struct CutRow {
  ScriptedCut cut;
  SiteIndex site = kNoIndex;
  std::string pointer;
};

Result<CutRow> read_cut(const Document& doc, const Json& v, const std::string& pointer,
                        const Network& net, const std::map<std::string, std::uint32_t>& srgs) {
  ObjectReader r(doc, v, pointer);
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"at_hours", "duration_hours", "fiber", "site", "srg"}));
  CutRow row;
  row.pointer = pointer;
  LM_ASSIGN_OR_RETURN(row.cut.at_hours, r.required_bounded("at_hours", limits::kMttrHours));
  LM_ASSIGN_OR_RETURN(row.cut.duration_hours,
                      r.required_bounded("duration_hours", limits::kMttrHours));
  const int targets = int{r.has("fiber")} + int{r.has("site")} + int{r.has("srg")};
  if (targets != 1)
    return doc.error(pointer,
                     "a cut names " + std::to_string(targets) +
                         " targets (expected exactly one of \"fiber\", \"site\", \"srg\")");
  if (r.has("fiber")) {
    LM_ASSIGN_OR_RETURN(std::string id, r.required_id("fiber"));
    const FiberIndex f = net.find_fiber(id);
    if (f == kNoIndex)
      return doc.error(r.pointer("fiber"), "no fibre \"" + id + "\" in the network");
    row.cut.fiber = static_cast<std::uint32_t>(f);
  } else if (r.has("site")) {
    LM_ASSIGN_OR_RETURN(std::string id, r.required_id("site"));
    row.site = net.find_site(id);
    if (row.site == kNoIndex)
      return doc.error(r.pointer("site"), "no site \"" + id + "\" in the network");
  } else {
    LM_ASSIGN_OR_RETURN(std::string id, r.required_id("srg"));
    const auto g = srgs.find(id);
    if (g == srgs.end())
      return doc.error(r.pointer("srg"), "no shared-risk group \"" + id +
                                             "\" (expected an id in /shared_risk_groups)");
    row.cut.group = g->second;
  }
  return row;
}

}  // namespace

Result<FailuresFile> parse_failures_json(std::string_view text, std::string_view file,
                                         const Network& net) {
  LM_ASSIGN_OR_RETURN(Document doc, io::parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"fibers", "sites", "shared_risk_groups", "cuts"}));
  FailuresFile out;

  if (const Json* fibers = top.get("fibers")) {
    ObjectReader r(doc, *fibers, "/fibers");
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"mtbf_hours_per_1000km", "mttr_hours"}));
    LM_ASSIGN_OR_RETURN(out.fibers, rates(r, "mtbf_hours_per_1000km"));
    if (!out.fibers)
      return doc.error("/fibers", "no rates (expected mtbf_hours_per_1000km and mttr_hours)");
  }

  std::map<std::string, std::uint32_t> srgs;
  LM_ASSIGN_OR_RETURN(const Json* groups, top.list("shared_risk_groups"));
  if (groups) {
    if (groups->size() > kMaxSharedRiskGroups)
      return doc.error("/shared_risk_groups", std::to_string(groups->size()) +
                                                  " groups (expected at most " +
                                                  range_text(kMaxSharedRiskGroups) + ")");
    for (std::size_t i = 0; i < groups->size(); ++i) {
      const std::string ptr = "/shared_risk_groups/" + std::to_string(i);
      ObjectReader r(doc, (*groups)[i], ptr);
      LM_RETURN_IF_ERROR(r.expect_object());
      LM_RETURN_IF_ERROR(r.only({"id", "fibers", "mtbf_hours", "mttr_hours"}));
      FailureGroup g;
      LM_ASSIGN_OR_RETURN(g.id, r.required_id("id"));
      if (!srgs.emplace(g.id, static_cast<std::uint32_t>(out.groups.size())).second)
        return doc.error(r.pointer("id"), "shared-risk group \"" + g.id + "\" is listed twice");
      LM_ASSIGN_OR_RETURN(const Json* fibers, r.list("fibers"));
      if (!fibers)
        return doc.error(r.pointer("fibers"),
                         "missing required field \"fibers\" (expected a list of fibre ids)");
      LM_ASSIGN_OR_RETURN(g.fibers, fiber_list(doc, *fibers, r.pointer("fibers"), net));
      LM_ASSIGN_OR_RETURN(auto rate, rates(r, "mtbf_hours"));
      if (rate) {
        g.mtbf_hours = rate->mtbf_hours;
        g.mttr_hours = rate->mttr_hours;
      }
      out.groups.push_back(std::move(g));
    }
  }

  FailureRates site_rates;
  if (const Json* sites = top.get("sites")) {
    ObjectReader r(doc, *sites, "/sites");
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"mtbf_hours", "mttr_hours"}));
    LM_ASSIGN_OR_RETURN(auto rate, rates(r, "mtbf_hours"));
    if (!rate) return doc.error("/sites", "no rates (expected mtbf_hours and mttr_hours)");
    site_rates = *rate;
    out.random_sites = true;
  }

  std::vector<CutRow> rows;
  LM_ASSIGN_OR_RETURN(const Json* cuts, top.list("cuts"));
  if (cuts) {
    if (cuts->size() > kMaxScriptedCuts)
      return doc.error("/cuts", std::to_string(cuts->size()) + " cuts (expected at most " +
                                    range_text(kMaxScriptedCuts) + ")");
    for (std::size_t i = 0; i < cuts->size(); ++i) {
      LM_ASSIGN_OR_RETURN(CutRow row,
                          read_cut(doc, (*cuts)[i], "/cuts/" + std::to_string(i), net, srgs));
      rows.push_back(std::move(row));
    }
  }

  // Sites become groups after the shared-risk groups: all of them when they fail at random, else
  // those the cuts name; in the network's order either way.
  std::set<SiteIndex> named;
  for (const CutRow& row : rows)
    if (row.site != kNoIndex) named.insert(row.site);
  std::map<SiteIndex, std::uint32_t> site_group;
  for (SiteIndex s = 0; s < net.sites().size(); ++s) {
    if (!out.random_sites && !named.count(s)) continue;
    site_group[s] = static_cast<std::uint32_t>(out.groups.size());
    FailureGroup g;
    g.kind = GroupKind::kSite;
    g.id = net.site(s).id;
    g.fibers = site_fibers(net, s);
    if (out.random_sites) {
      g.mtbf_hours = site_rates.mtbf_hours;
      g.mttr_hours = site_rates.mttr_hours;
    }
    out.groups.push_back(std::move(g));
  }
  for (CutRow& row : rows)
    if (row.site != kNoIndex) row.cut.group = site_group.at(row.site);

  // By start time, file order among equal times; a target is cut again only once repaired.
  std::stable_sort(rows.begin(), rows.end(), [](const CutRow& a, const CutRow& b) {
    return a.cut.at_hours < b.cut.at_hours;
  });
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> repaired_at;
  for (const CutRow& row : rows) {
    const ScriptedCut& c = row.cut;
    const auto key = c.group == kNoGroup ? std::pair{kNoGroup, c.fiber} : std::pair{c.group, 0U};
    const auto it = repaired_at.find(key);
    if (it != repaired_at.end() && c.at_hours < it->second)
      return doc.error(row.pointer,
                       "its target is cut again before its previous cut is repaired (expected "
                       "cuts of one fibre, site or group not to overlap)");
    repaired_at[key] = c.at_hours + c.duration_hours;
    out.script.push_back(c);
  }
  return out;
}

Result<FailuresFile> read_failures_file(const std::string& path, const Network& net) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() &&
           path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
  };
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  const bool document = ends(".json") || ends(".yaml") || ends(".yml") ||
                        (first != std::string::npos && text[first] == '{');
  if (document) return parse_failures_json(text, path, net);
  FailuresFile out;
  LM_ASSIGN_OR_RETURN(out.script, parse_failures_csv(text, path, net));
  return out;
}

std::string describe_failure_groups(const FailureModel& m) {
  std::size_t srgs = 0;
  const FailureGroup* site = nullptr;
  for (const FailureGroup& g : m.groups) {
    if (g.kind == GroupKind::kSrg) ++srgs;
    if (g.kind == GroupKind::kSite && !site) site = &g;
  }
  std::string out;
  if (srgs) out += fmt::format("; {} shared-risk group{}", srgs, srgs == 1 ? "" : "s");
  if (m.random_sites && site)
    out += fmt::format("; sites: MTBF {:g} h, MTTR {:g} h", site->mtbf_hours, site->mttr_hours);
  return out;
}

}  // namespace lightmesh::sim
