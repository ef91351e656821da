// The reach / spectral-efficiency table that turns a path length into slots per bit rate:
// a path uses the format of highest spectral efficiency whose reach covers its length, and a
// request of B Gb/s takes ceil(B / (slot_GHz × SE)) + guard slots.
//
//   LM_ASSIGN_OR_RETURN(ModulationTable t, parse_modulation_csv(text, "mods.csv"));
//   std::optional<double> se = t.spectral_efficiency(Km{1200});   // 3 (8QAM) in the default table
//
// Immutable once built; thread-safe to read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/units.h"

namespace lightmesh::sim {

struct Modulation {
  std::string name;
  double max_reach_km = 0;
  double spectral_efficiency = 0;  // b/s/Hz
};

class ModulationTable {
 public:
  // Rows with a positive reach and spectral efficiency; an empty list is refused by the readers.
  explicit ModulationTable(std::vector<Modulation> rows);

  // The four formats of the DeepRMSA study (Chen et al., "DeepRMSA", JLT 37(16), 2019, Table I):
  // BPSK 100,000 km / 1, QPSK 2,500 / 2, 8QAM 1,250 / 3, 16QAM 625 / 4 b/s/Hz. The default when no
  // table is given, since the published dynamic-RSA benchmarks use it.
  static ModulationTable deeprmsa();

  // The highest spectral efficiency whose reach is ≥ length (a length equal to the reach fits);
  // nullopt when no format reaches that far.
  std::optional<double> spectral_efficiency(Km length) const;

  const std::vector<Modulation>& rows() const { return rows_; }

 private:
  std::vector<Modulation> rows_;  // by decreasing spectral efficiency
};

// Reads a CSV with a header naming the columns `name` (or `format`), `maximum_length` (or
// `max_reach_km`) and `spectral_efficiency`; other columns are ignored. Rows whose reach or
// efficiency is not a positive number are skipped. Errors (one line, naming `file` and the line):
// a missing column, or no usable row.
Result<ModulationTable> parse_modulation_csv(std::string_view text, std::string_view file);
Result<ModulationTable> read_modulation_csv(const std::string& path);

// Slots for `gbps` on a path of spectral efficiency `se`: ceil(gbps / (slot_ghz × se)) + guard.
// The division is exact where it should be (100 / (12.5 × 4) is 2, not 2.0000000000000004).
std::uint32_t slots_for(double gbps, double se, double slot_ghz, std::uint32_t guard);

}  // namespace lightmesh::sim
