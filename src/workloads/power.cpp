#include "workloads/power.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace lightmesh::workloads {

namespace {

// Maximum board power per GPU, kW; docs/sources.md §9 names each datasheet.
constexpr std::array<std::pair<std::string_view, double>, 8> kGpuKw{{
    {"H100", 0.700},  // H100 SXM5
    {"H100 SXM", 0.700},
    {"H100 PCIe", 0.350},
    {"H100 NVL", 0.400},
    {"H200", 0.700},  // H200 SXM
    {"A100", 0.400},  // A100 SXM4
    {"B200", 1.000},  // HGX B200, per GPU
    {"L40S", 0.350},
}};

constexpr double kUnknownGpuKw = 0.700;

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

bool gpu_power_known(std::string_view model) {
  return std::any_of(kGpuKw.begin(), kGpuKw.end(),
                     [&](const auto& entry) { return same_name(entry.first, model); });
}

double gpu_kw(std::string_view model) {
  for (const auto& [name, kw] : kGpuKw) {
    if (same_name(name, model)) return kw;
  }
  return kUnknownGpuKw;
}

double site_pue(const Site& site) { return site.pue.value_or(kDefaultPue); }

double site_power_price_usd_mwh(const Site& site) {
  return site.power_price_usd_mwh.value_or(kDefaultPowerPriceUsdMwh);
}

double usd_per_it_mwh(const Site& site) { return site_power_price_usd_mwh(site) * site_pue(site); }

double energy_usd_per_hour(const Site& site, double it_kw) {
  return it_kw * usd_per_it_mwh(site) / 1000.0;
}

}  // namespace lightmesh::workloads
