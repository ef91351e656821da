#include "sim/modulation_table.h"

#include <algorithm>
#include <cmath>

#include "io/json_doc.h"
#include "sim/csv_rows.h"

namespace lightmesh::sim {

ModulationTable::ModulationTable(std::vector<Modulation> rows) : rows_(std::move(rows)) {
  std::stable_sort(rows_.begin(), rows_.end(), [](const Modulation& a, const Modulation& b) {
    return a.spectral_efficiency > b.spectral_efficiency;
  });
}

ModulationTable ModulationTable::deeprmsa() {
  return ModulationTable(
      {{"BPSK", 100'000, 1}, {"QPSK", 2'500, 2}, {"8QAM", 1'250, 3}, {"16QAM", 625, 4}});
}

std::optional<double> ModulationTable::spectral_efficiency(Km length) const {
  for (const Modulation& m : rows_)
    if (length.value() <= m.max_reach_km) return m.spectral_efficiency;
  return std::nullopt;
}

Result<ModulationTable> parse_modulation_csv(std::string_view text, std::string_view file) {
  const std::vector<CsvRow> rows = split_csv(text);
  const std::string where(file);
  if (rows.empty()) return Error::invalid("the modulation table is empty").at(where);
  const CsvRow& header = rows.front();
  auto column = [&](std::initializer_list<const char*> names) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.fields.size(); ++i)
      for (const char* n : names)
        if (header.fields[i] == n) return i;
    return std::nullopt;
  };
  const auto name = column({"name", "format", "modulation"});
  const auto reach = column({"maximum_length", "max_reach_km", "reach_km"});
  const auto se = column({"spectral_efficiency", "se"});
  if (!reach || !se)
    return Error::invalid(
               "the header needs the columns maximum_length (or max_reach_km) and "
               "spectral_efficiency")
        .at(where, "line " + std::to_string(header.line));
  std::vector<Modulation> out;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& f = rows[r].fields;
    if (f.size() <= std::max(*reach, *se)) continue;
    const auto km = parse_number(f[*reach]);
    const auto eff = parse_number(f[*se]);
    if (!km || !eff || *km <= 0 || *eff <= 0) continue;
    out.push_back(
        {name && *name < f.size() ? f[*name] : "row " + std::to_string(rows[r].line), *km, *eff});
  }
  if (out.empty())
    return Error::invalid(
               "no usable row (each needs a positive maximum_length in km and a positive "
               "spectral_efficiency)")
        .at(where);
  return ModulationTable(std::move(out));
}

Result<ModulationTable> read_modulation_csv(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return parse_modulation_csv(text, path);
}

std::uint32_t slots_for(double gbps, double se, double slot_ghz, std::uint32_t guard) {
  const double exact = gbps / (slot_ghz * se);
  if (!(exact < 1e9)) return 1'000'000'000;  // never fits; keeps the cast defined
  return static_cast<std::uint32_t>(std::ceil(exact)) + guard;
}

}  // namespace lightmesh::sim
