#include "physics/roadm.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace lightmesh::physics {

namespace {

template <class Map>
const double* find_degree(const Map& map, std::string_view degree) {
  auto it = map.find(std::string(degree));
  return it == map.end() ? nullptr : &it->second;
}

double watts_to_dbm(double w) { return linear_to_db(w * 1e3); }

}  // namespace

RoadmTarget roadm_target(const RoadmElement& e, const RoadmType& type,
                         std::string_view degree_uid) {
  if (const double* v = find_degree(e.per_degree_pch_out_dbm, degree_uid))
    return {RoadmTargetKind::kPowerPerChannelDbm, *v};
  if (const double* v = find_degree(e.per_degree_psd_out_mw_per_ghz, degree_uid))
    return {RoadmTargetKind::kPsdMwPerGhz, *v};
  if (const double* v = find_degree(e.per_degree_out_mw_per_slot_width, degree_uid))
    return {RoadmTargetKind::kPowerMwPerSlotWidth, *v};
  if (e.target_pch_out_dbm) return {RoadmTargetKind::kPowerPerChannelDbm, *e.target_pch_out_dbm};
  if (e.target_psd_out_mw_per_ghz)
    return {RoadmTargetKind::kPsdMwPerGhz, *e.target_psd_out_mw_per_ghz};
  if (e.target_out_mw_per_slot_width)
    return {RoadmTargetKind::kPowerMwPerSlotWidth, *e.target_out_mw_per_slot_width};
  return {type.target_kind, type.target};
}

double roadm_target_power_dbm(const RoadmTarget& t, double baud_rate_hz, double slot_width_hz) {
  switch (t.kind) {
    case RoadmTargetKind::kPowerPerChannelDbm:
      return t.value;
    case RoadmTargetKind::kPsdMwPerGhz:
      return linear_to_db(t.value * baud_rate_hz * 1e-9);
    case RoadmTargetKind::kPowerMwPerSlotWidth:
      return linear_to_db(t.value * slot_width_hz * 1e-9);
  }
  return t.value;
}

RoadmPathKind roadm_path_kind(bool from_transceiver, bool to_transceiver) {
  if (from_transceiver) return RoadmPathKind::kAdd;
  if (to_transceiver) return RoadmPathKind::kDrop;
  return RoadmPathKind::kExpress;
}

RoadmPathImpairmentAt roadm_path_impairment(const RoadmType& type, RoadmPathKind kind,
                                            double frequency_hz) {
  // The first detailed profile of this path type, as GNPy picks it when a degree names none.
  for (const RoadmPathImpairment& profile : type.path_impairments) {
    if (profile.kind != kind) continue;
    for (const RoadmImpairmentBand& band : profile.bands) {
      if (frequency_hz < band.lower_frequency_hz || frequency_hz > band.upper_frequency_hz)
        continue;
      return {.maxloss_db = band.maxloss_db,
              .pmd_s = band.pmd_s,
              .pdl_db = band.pdl_db,
              .osnr_db = band.osnr_db};
    }
    return {};
  }
  RoadmPathImpairmentAt r{.pmd_s = type.pmd_s, .pdl_db = type.pdl_db};
  // Without detailed figures the add and the drop side each take half the add/drop noise.
  if (kind != RoadmPathKind::kExpress) r.osnr_db = type.add_drop_osnr_db + linear_to_db(2.0);
  return r;
}

RoadmReport propagate_roadm(SpectralInfo& s, const RoadmElement& roadm, const RoadmType& type,
                            std::string_view to_degree_uid, RoadmPathKind kind,
                            const RoadmReference& reference) {
  RoadmReport r;
  const std::size_t n = s.size();
  const RoadmTarget target = roadm_target(roadm, type, to_degree_uid);
  const bool detailed = !type.path_impairments.empty();
  const RoadmPathImpairmentAt flat = roadm_path_impairment(type, kind, n ? s.frequency_hz[0] : 0.0);
  double max_loss = 0, loss_sum = 0, out_sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const RoadmPathImpairmentAt imp =
        detailed ? roadm_path_impairment(type, kind, s.frequency_hz[i]) : flat;
    max_loss = std::max(max_loss, imp.maxloss_db);
    const double in_dbm = watts_to_dbm(s.total_w(i));
    const double net_in_dbm = in_dbm - imp.maxloss_db;
    const double channel_target =
        roadm_target_power_dbm(target, s.baud_rate_hz[i], s.slot_width_hz[i]) + s.delta_pdb[i];
    // A ROADM cannot amplify: a channel already below its target is left where it is.
    const double out_dbm = std::min(net_in_dbm, channel_target);
    const double factor = db_to_linear(out_dbm - in_dbm);
    s.signal_w[i] *= factor;
    s.ase_w[i] *= factor;
    s.nli_w[i] *= factor;
    s.pmd_s[i] = std::sqrt(s.pmd_s[i] * s.pmd_s[i] + imp.pmd_s * imp.pmd_s);
    s.pdl_db[i] = std::sqrt(s.pdl_db[i] * s.pdl_db[i] + imp.pdl_db * imp.pdl_db);
    loss_sum += in_dbm - out_dbm;
    out_sum += out_dbm;
  }
  const double reference_target =
      roadm_target_power_dbm(target, reference.baud_rate_hz, reference.slot_width_hz);
  r.reference_pch_out_dbm = std::min(reference.pch_in_dbm - max_loss, reference_target);
  r.reference_loss_db = reference.pch_in_dbm - r.reference_pch_out_dbm;
  if (n > 0) {
    r.actual_loss_db = loss_sum / static_cast<double>(n);
    r.pch_out_dbm = out_sum / static_cast<double>(n);
  }
  r.osnr_db = flat.osnr_db;
  return r;
}

}  // namespace lightmesh::physics
