// Energy cost of compute: the per-unit power figures of docs/sources.md §9 (GPU boards by model,
// a server CPU core, a TB of nearline storage) and a site's PUE and power price, turned into US
// dollars per hour of running. The placers minimise this figure.
//
//   double kw = gpu_kw("H100") * 64;                    // 44.8 kW of GPU boards
//   double usd_h = energy_usd_per_hour(net.site(s), kw);  // × PUE × price
//
// Pure functions and constants; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "model/network.h"

namespace lightmesh::workloads {

// Board power of one GPU of `model` in kW (maximum TDP from the vendor's datasheet). Matched
// case-insensitively; an unknown model is costed like an H100 SXM (0.7 kW), the most common
// training GPU of the table, so an unlisted model is neither free nor prohibitive.
double gpu_kw(std::string_view model);
bool gpu_power_known(std::string_view model);

// One core of a 96-core, 360 W server CPU (AMD EPYC 9654 default TDP): 3.75 W.
inline constexpr double kCpuCoreKw = 0.360 / 96;
// One TB of nearline disk (a 20 TB drive drawing 9.4 W operating): 0.47 W.
inline constexpr double kStorageKwPerTb = 0.0094 / 20;

// When a site states no PUE: the Uptime Institute survey's 2023 industry average.
inline constexpr double kDefaultPue = 1.58;
// When a site states no power price: the US average industrial retail price, 2023 (≈ 8 ¢/kWh).
inline constexpr double kDefaultPowerPriceUsdMwh = 80.0;

double site_pue(const Site& site);
double site_power_price_usd_mwh(const Site& site);

// What one MWh of IT load costs at the site once cooling and losses are paid: price × PUE.
double usd_per_it_mwh(const Site& site);

// US dollars per hour for `it_kw` of IT load at `site`: it_kw × PUE × price / 1000.
double energy_usd_per_hour(const Site& site, double it_kw);

}  // namespace lightmesh::workloads
