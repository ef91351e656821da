// The amplifiers a native network's lines are assumed to have: GNPy's example library's standard
// variable-gain EDFAs (std_low_gain, std_medium_gain, std_high_gain), the first whose flat-gain
// range extended by 2.5 dB (GNPy's target_extended_gain) reaches the gain; or one fixed noise
// figure.
//
//   LM_ASSIGN_OR_RETURN(StandardAmplifiers amps, StandardAmplifiers::create(std::nullopt));
//   double nf_db = amps.noise_figure_db(17.0);
//
// Immutable after create(); thread-safe to read.
#pragma once

#include <memory>
#include <optional>
#include <span>

#include "core/result.h"

namespace lightmesh::physics {

// One data sheet: gain range, output power limit and the noise figures at gain_flatmax (nf_min)
// and gain_min (nf_max).
struct StandardAmplifierSheet {
  const char* name;
  double gain_min_db, gain_flatmax_db, p_max_dbm, nf_min_db, nf_max_db;
};
std::span<const StandardAmplifierSheet> standard_amplifier_sheets();

class StandardAmplifiers {
 public:
  // With `fixed_nf_db` every amplifier has that noise figure; otherwise the standard EDFAs.
  static Result<StandardAmplifiers> create(std::optional<double> fixed_nf_db);

  // Noise figure at a gain (dB), by the amplifier chosen for that gain.
  double noise_figure_db(double gain_db) const;

 private:
  struct Models;
  std::shared_ptr<const Models> models_;
};

}  // namespace lightmesh::physics
