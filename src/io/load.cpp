#include "io/load.h"

#include <filesystem>
#include <memory>
#include <set>

#include "core/limits.h"
#include "io/gnpy_equipment.h"
#include "io/json_doc.h"
#include "io/native_reader.h"
#include "physics/native_network.h"

namespace lightmesh::io {

namespace {

// The GNPy equipment library a network's physics block names, relative to the network file. A
// library that cannot be opened is this file's error, at the field; an error inside the library
// names the library, its pointer and its element (io/gnpy_equipment.h).
Result<std::shared_ptr<const Equipment>> read_equipment_library(const std::string& named,
                                                                std::string_view file) {
  const std::filesystem::path path =
      std::filesystem::path(std::string(file)).parent_path() / std::filesystem::path(named);
  if (!std::filesystem::is_regular_file(path))
    return Error::not_found("cannot read the equipment library \"" + named +
                            "\" (expected a GNPy eqpt_config.json, relative to this file)")
        .at(std::string(file), "/physics/equipment");
  LM_ASSIGN_OR_RETURN(Equipment eq, read_gnpy_equipment(path.string()));
  return std::make_shared<const Equipment>(std::move(eq));
}

}  // namespace

Result<Network> load_network_text(std::string_view text, std::string_view file) {
  return load_network_text(text, file, {});
}

Result<Network> load_network_text(std::string_view text, std::string_view file,
                                  const SpecEdit& edit) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  LM_ASSIGN_OR_RETURN(NetworkSpec spec, network_from_document(doc));
  if (edit) LM_RETURN_IF_ERROR(edit(spec));
  if (spec.modes.empty()) spec.modes = builtin_modes();
  if (!spec.physics.equipment_file.empty()) {
    auto library = read_equipment_library(spec.physics.equipment_file, file);
    if (!library) {
      const Error& e = library.error();
      if (e.file() == std::string(file)) return Error(e).at(e.file(), doc.place(e.place()));
      return library.error();
    }
    spec.physics.equipment = std::move(library).value();
  }
  auto net = build_network(std::move(spec));
  // The varieties the file names must be in its library, whatever the command: a network that
  // names equipment it lacks is refused on load, never designed with something else.
  std::optional<Error> failed;
  if (!net) {
    failed = net.error();
  } else if (auto eq = physics::native_equipment(*net); !eq) {
    failed = eq.error();
  } else {
    return net;
  }
  // Validation names JSON pointers; YAML readers also want the line. Its messages quote ids from
  // the input, which may hold any bytes.
  const Error& e = *failed;
  return Error(e.code(), printable(e.message())).at(e.file(), printable(doc.place(e.place())));
}

Result<Network> load_network(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return load_network_text(text, path);
}

Result<std::vector<Demand>> parse_demands(std::string_view text, std::string_view file,
                                          const Network* net) {
  LM_ASSIGN_OR_RETURN(Document doc, parse_document(text, file));
  ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"demands"}));
  LM_ASSIGN_OR_RETURN(const Json* list, top.list("demands"));
  if (!list) return doc.error("", "missing required field \"demands\"");
  std::vector<Demand> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    ObjectReader r(doc, (*list)[i], "/demands/" + std::to_string(i));
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"id", "from", "to", "bandwidth_gbps", "max_rtt_us", "max_one_way_us",
                               "protection", "mode"}));
    Demand d;
    LM_ASSIGN_OR_RETURN(d.id, r.required_id("id"));
    if (d.id.empty()) return doc.error(r.pointer("id"), "a demand needs a non-empty id");
    if (!ids.insert(d.id).second)
      return doc.error(r.pointer("id"), "duplicate demand id \"" + d.id + "\"");
    LM_ASSIGN_OR_RETURN(d.from, r.required_id("from"));
    LM_ASSIGN_OR_RETURN(d.to, r.required_id("to"));
    LM_ASSIGN_OR_RETURN(auto bw, r.required_bounded("bandwidth_gbps", limits::kBandwidthGbps));
    d.bandwidth = Gbps{bw};
    LM_ASSIGN_OR_RETURN(auto rtt, r.bounded("max_rtt_us", limits::kLatencyBoundUs));
    if (rtt) d.max_rtt = Microseconds{*rtt};
    LM_ASSIGN_OR_RETURN(auto one_way, r.bounded("max_one_way_us", limits::kLatencyBoundUs));
    if (one_way) d.max_one_way = Microseconds{*one_way};
    LM_ASSIGN_OR_RETURN(auto protection, r.string("protection"));
    if (protection) {
      if (*protection == "none")
        d.protection = Protection::kNone;
      else if (*protection == "1+1")
        d.protection = Protection::kOnePlusOne;
      else
        return doc.error(r.pointer("protection"),
                         "unknown protection \"" + *protection + "\" (expected none or 1+1)");
    }
    LM_ASSIGN_OR_RETURN(auto mode, r.id("mode"));
    if (mode) {
      if (net && net->catalogue().find(*mode) == kNoIndex) {
        std::string names;
        for (const auto& m : net->catalogue().modes())
          names += (names.empty() ? "" : ", ") + m.name;
        return doc.error(r.pointer("mode"),
                         "unknown mode \"" + *mode + "\" (expected one of: " + names + ")");
      }
      d.mode = *mode;
    }
    d.where = doc.place(r.pointer());
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<Demand>> load_demands(const std::string& path, const Network* net) {
  LM_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return parse_demands(text, path, net);
}

}  // namespace lightmesh::io
