#include "workloads/placement.h"

#include "rsa/latency_query.h"

namespace lightmesh::workloads {

SiteMatrix SiteMatrix::build(const Network& net, const std::vector<FiberIndex>& out_of_service) {
  const std::size_t n = net.sites().size();
  std::vector<double> values(n * n, std::numeric_limits<double>::infinity());
  for (SiteIndex a = 0; a < n; ++a) {
    values[a * n + a] = 0;
    for (const rsa::SiteLatency& s : rsa::sites_within(net, a, std::nullopt, out_of_service)) {
      values[a * n + s.site] = s.one_way.value();
    }
  }
  SiteMatrix m = from_values(n, std::move(values));
  m.out_of_service_ = out_of_service;
  return m;
}

SiteMatrix SiteMatrix::from_values(std::size_t n, std::vector<double> one_way_us) {
  SiteMatrix m;
  m.n_ = n;
  m.one_way_ = std::move(one_way_us);
  m.one_way_.resize(n * n, std::numeric_limits<double>::infinity());
  return m;
}

FreeCompute FreeCompute::from_inventory(const Network& net) {
  FreeCompute free;
  free.sites.reserve(net.sites().size());
  for (const Site& s : net.sites()) free.sites.push_back(s.compute.value_or(Compute{}));
  return free;
}

std::uint32_t FreeCompute::gpus(SiteIndex site, const std::string& model, bool need_confidential,
                                bool need_diskless) const {
  if (site >= sites.size()) return 0;
  std::uint32_t n = 0;
  for (const GpuPool& pool : sites[site].gpus) {
    if (!model.empty() && pool.model != model) continue;
    if (need_confidential && !pool.confidential) continue;
    if (need_diskless && !pool.diskless) continue;
    n += pool.count;
  }
  return n;
}

}  // namespace lightmesh::workloads
