// Great-circle distance between two points given in degrees.
//
//   Km d = great_circle({51.5074, -0.1278}, {51.5113, -0.5950});
//
// Pure functions; thread-safe.
#pragma once

#include "core/units.h"

namespace lightmesh {

struct LatLon {
  double lat = 0.0;  // degrees, −90…90
  double lon = 0.0;  // degrees, −180…180
};

// Haversine on a sphere of the mean Earth radius (6371.0088 km, IUGG). Error vs the
// ellipsoid is under 0.5 %, far below the uncertainty of a route factor.
Km great_circle(LatLon a, LatLon b);

bool valid_lat_lon(LatLon p);

}  // namespace lightmesh
