#include "io/gnpy_shipped_amplifiers.h"

#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace lightmesh::io {

extern const std::string_view kGnpyShippedAmplifiersJson;

namespace {

std::vector<double> numbers(const nlohmann::json& entry, const char* key) {
  if (!entry.contains(key)) return {};
  return entry.at(key).get<std::vector<double>>();
}

// The data file is the project's own and checked by its test, so a malformed one is a build
// mistake: it throws on first use.
const std::vector<EdfaConfig>& shipped() {
  static const std::vector<EdfaConfig> configs = [] {
    const nlohmann::json doc = nlohmann::json::parse(kGnpyShippedAmplifiersJson);
    std::vector<EdfaConfig> out;
    for (const nlohmann::json& entry : doc.at("configs")) {
      EdfaConfig c;
      c.source = entry.at("file").get<std::string>();
      c.f_min_hz = entry.at("f_min_hz").get<double>();
      c.f_max_hz = entry.at("f_max_hz").get<double>();
      c.nf_ripple_db = numbers(entry, "nf_ripple_db");
      c.gain_ripple_db = numbers(entry, "gain_ripple_db");
      c.dgt = numbers(entry, "dgt");
      c.nf_fit_coeff = numbers(entry, "nf_fit_coeff");
      if (c.nf_ripple_db.empty() || c.gain_ripple_db.empty() || c.dgt.empty() ||
          !(c.f_min_hz < c.f_max_hz))
        throw std::logic_error("data/gnpy_amplifier_configs.json: incomplete entry " + c.source);
      out.push_back(std::move(c));
    }
    return out;
  }();
  return configs;
}

}  // namespace

std::optional<EdfaConfig> gnpy_shipped_amplifier_config(std::string_view file_name) {
  for (const EdfaConfig& c : shipped())
    if (c.source == file_name) return c;
  return std::nullopt;
}

std::vector<std::string_view> gnpy_shipped_amplifier_files() {
  std::vector<std::string_view> names;
  for (const EdfaConfig& c : shipped()) names.push_back(c.source);
  return names;
}

}  // namespace lightmesh::io
