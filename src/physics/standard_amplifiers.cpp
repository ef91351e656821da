#include "physics/standard_amplifiers.h"

#include <vector>

#include "physics/edfa.h"

namespace lightmesh::physics {

std::span<const StandardAmplifierSheet> standard_amplifier_sheets() {
  // GNPy's example equipment library's standard variable-gain EDFAs (docs/sources.md §10), tried
  // in this order.
  static constexpr StandardAmplifierSheet kSheets[] = {
      {"std_low_gain", 8, 16, 23, 6.5, 11},
      {"std_medium_gain", 15, 26, 23, 6, 10},
      {"std_high_gain", 25, 35, 21, 5.5, 7},
  };
  return kSheets;
}

namespace {

// GNPy's Span "target_extended_gain": a type may be used this far above its flat-gain maximum.
constexpr double kExtendedGainDb = 2.5;

}  // namespace

struct StandardAmplifiers::Models {
  std::vector<Edfa> standard;
  std::optional<double> fixed_nf_db;
};

Result<StandardAmplifiers> StandardAmplifiers::create(std::optional<double> fixed_nf_db) {
  auto models = std::make_shared<Models>();
  models->fixed_nf_db = fixed_nf_db;
  for (const auto& s : standard_amplifier_sheets()) {
    LM_ASSIGN_OR_RETURN(
        Edfa e, Edfa::create(EdfaParams::variable_gain(s.name, s.gain_min_db, s.gain_flatmax_db,
                                                       s.p_max_dbm, s.nf_min_db, s.nf_max_db)));
    models->standard.push_back(std::move(e));
  }
  StandardAmplifiers a;
  a.models_ = std::move(models);
  return a;
}

double StandardAmplifiers::noise_figure_db(double gain_db) const {
  if (models_->fixed_nf_db) return *models_->fixed_nf_db;
  for (const Edfa& a : models_->standard) {
    if (gain_db <= a.params().gain_flatmax_db + kExtendedGainDb) return a.noise_figure_db(gain_db);
  }
  return models_->standard.back().noise_figure_db(gain_db);  // beyond every range: the largest
}

}  // namespace lightmesh::physics
