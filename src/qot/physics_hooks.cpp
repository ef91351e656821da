#include "qot/physics_hooks.h"

#include "physics/auto_design.h"
#include "physics/line_propagation.h"

namespace lightmesh::qot {

namespace {

Result<QotFigures> propagate(const Equipment& eq, const physics::ElementNetwork& net,
                             std::span<const ElementIndex> path, const ChannelLoad& load) {
  // A transceiver type and mode that stand for the load: request_spectrum places channel k at
  // f_min + k·spacing, k = 1 … nb, as GNPy does.
  TransceiverType trx;
  trx.type_variety = "request";
  trx.f_min_hz = load.f_min_hz;
  trx.f_max_hz = load.f_min_hz + load.spacing_hz * load.nb_channels;
  TransceiverTypeMode mode;
  mode.format = "request";
  mode.baud_rate_baud = load.baud_rate_baud;
  mode.roll_off = load.roll_off;
  mode.tx_osnr_db = load.tx_osnr_db;
  LM_ASSIGN_OR_RETURN(
      physics::SpectralInfo s,
      physics::request_spectrum(trx, mode, load.spacing_hz, static_cast<int>(load.nb_channels),
                                load.power_dbm, load.tx_power_dbm, load.equalization_offset_db));
  LM_RETURN_IF_ERROR(physics::drop_channels_outside_amplifier_bands(net, path, eq, s));
  const physics::PropagationSettings settings{.reference_pch_dbm = load.power_dbm,
                                              .reference_baud_rate_hz = load.baud_rate_baud,
                                              .reference_slot_width_hz = load.spacing_hz,
                                              .power_mode = eq.span.power_mode};
  LM_ASSIGN_OR_RETURN(physics::PathTrace trace,
                      physics::propagate_path(net, path, eq, s, settings));
  const physics::QotSummary& q = trace.receiver.summary;
  return QotFigures{.gsnr_bw_db = q.gsnr_bw_db,
                    .gsnr_01nm_db = q.gsnr_01nm_db,
                    .min_gsnr_01nm_db = q.min_gsnr_01nm_db,
                    .osnr_ase_bw_db = q.osnr_ase_bw_db,
                    .osnr_ase_01nm_db = q.osnr_ase_01nm_db,
                    .snr_nli_bw_db = q.snr_nli_bw_db,
                    .latency_ms = q.latency_ms,
                    .cd_ps_nm = q.cd_ps_per_nm,
                    .pmd_ps = q.pmd_ps,
                    .pdl_db = q.pdl_db,
                    .nb_channels = static_cast<std::uint32_t>(s.size())};
}

}  // namespace

PhysicsHooks physics_hooks(const Equipment& eq, PhysicsCache* cache) {
  PhysicsHooks h;
  const Equipment* e = &eq;
  h.propagate = [e, cache](const physics::ElementNetwork& net, std::span<const ElementIndex> path,
                           const ChannelLoad& load) -> Result<QotFigures> {
    if (!cache) return propagate(*e, net, path, load);
    PhysicsCache::Key key{std::vector<ElementIndex>(path.begin(), path.end()),
                          load.f_min_hz,
                          load.spacing_hz,
                          load.nb_channels,
                          load.baud_rate_baud,
                          load.roll_off,
                          load.power_dbm,
                          load.tx_power_dbm,
                          load.tx_osnr_db,
                          load.equalization_offset_db};
    if (auto q = cache->find(key)) {
      ++cache->hits;
      return *q;
    }
    ++cache->misses;
    LM_ASSIGN_OR_RETURN(QotFigures q, propagate(*e, net, path, load));
    cache->put(std::move(key), q);
    return q;
  };
  h.design = [e](physics::ElementNetwork& net, const DesignReference& ref, bool insert_edfas,
                 std::span<const ElementIndex> only) -> Status {
    physics::DesignOptions o;
    o.insert_edfas = insert_edfas;
    o.reference_power_dbm = ref.power_dbm;
    if (!only.empty()) {
      // GNPy's redesign per request: the request is the reference, connectors stay as they are,
      // and only the request's path and its reverse are designed again.
      o.set_connector_losses = false;
      o.reference_channel =
          physics::DesignChannel{.baud_rate_baud = ref.baud_rate_baud,
                                 .spacing_hz = ref.spacing_hz,
                                 .nb_channels = static_cast<int>(ref.nb_channels)};
      o.only_elements.assign(only.begin(), only.end());
    }
    LM_RETURN_IF_ERROR(physics::auto_design(net, *e, o));
    return {};
  };
  h.invalidate = [cache] {
    if (cache) cache->clear();
  };
  return h;
}

}  // namespace lightmesh::qot
