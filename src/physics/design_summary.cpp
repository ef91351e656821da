#include "physics/design_summary.h"

#include "physics/auto_design.h"
#include "physics/span_design.h"

namespace lightmesh::physics {

const char* amplifier_role_name(AmplifierSummary::Role role) {
  switch (role) {
    case AmplifierSummary::Role::kBooster:
      return "booster";
    case AmplifierSummary::Role::kInline:
      return "in-line";
    case AmplifierSummary::Role::kPreamp:
      return "preamp";
  }
  return "?";
}

Result<DesignSummary> summarise_design(const Network& net, const LineModel& model) {
  const Equipment& eq = model.view().equipment;
  const ElementNetwork& elements = model.view().elements;
  const SpectralInformation& si = eq.reference_channel();
  DesignSummary d;
  d.library = net.physics().equipment_file;
  for (const EdfaType& t : eq.edfas) {
    d.edfa_varieties.push_back(t.type_variety);
    if (t.allowed_for_design) d.inline_varieties.push_back(t.type_variety);
  }
  d.launch_power_dbm = si.power_dbm;
  d.reference_channels = reference_channel_count(si);
  d.mode_launch_power_dbm = net.physics().mode_launch_power_dbm;

  const RoadmType* roadm = eq.find_roadm("default");
  if (!roadm) return Error::internal("the native equipment has no default ROADM");
  switch (roadm->target_kind) {
    case RoadmTargetKind::kPowerPerChannelDbm:
      d.roadm.target_pch_out_dbm = roadm->target;
      break;
    case RoadmTargetKind::kPsdMwPerGhz:
      d.roadm.target_psd_out_mw_per_ghz = roadm->target;
      break;
    case RoadmTargetKind::kPowerMwPerSlotWidth:
      // Only a library gives this form; shown as the PSD over the reference channel's spacing.
      d.roadm.target_psd_out_mw_per_ghz = roadm->target * si.spacing_hz / si.baud_rate_baud;
      break;
  }
  d.roadm.add_drop_osnr_db = roadm->add_drop_osnr_db;
  d.roadm.pmd_ps = roadm->pmd_s * 1e12;
  d.roadm.pdl_db = roadm->pdl_db;
  d.roadm.booster_varieties = roadm->booster_variety_list;
  d.roadm.preamp_varieties = roadm->preamp_variety_list;

  for (FiberIndex f = 0; f < net.fibers().size(); ++f) {
    const lightmesh::Fiber& fiber = net.fiber(f);
    const std::size_t spans = span_design(net, f).size();
    for (const NodeIndex from : {fiber.a, fiber.b}) {
      DirectionSummary dir{.fiber = f, .from = from, .to = fiber.other_end(from), .spans = spans};
      const std::vector<ElementIndex>& line = model.oms(f, from);
      for (std::size_t k = 0; k < line.size(); ++k) {
        const Element& e = elements.at(line[k]);
        const auto* amp = e.as<EdfaElement>();
        if (!amp) continue;
        AmplifierSummary a;
        a.role = k == 0                 ? AmplifierSummary::Role::kBooster
                 : k + 1 == line.size() ? AmplifierSummary::Role::kPreamp
                                        : AmplifierSummary::Role::kInline;
        a.uid = e.uid;
        a.type_variety = e.type_variety;
        a.gain_db = amp->gain_target_db.value_or(0);
        a.delta_p_db = amp->delta_p_db.value_or(0);
        const EdfaType* type = eq.find_edfa(e.type_variety);
        if (!type)
          return Error::internal("the design chose \"" + e.type_variety +
                                 "\", which the library lacks");
        LM_ASSIGN_OR_RETURN(a.nf_db, design_noise_figure_db(*type, a.gain_db, eq));
        dir.amplifiers.push_back(std::move(a));
      }
      d.directions.push_back(std::move(dir));
    }
  }
  return d;
}

}  // namespace lightmesh::physics
