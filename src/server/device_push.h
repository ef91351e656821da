// The southbound seen from the REST API: a service's push to the devices, and the answer when a
// device refuses it (409 DEVICE_REFUSED) or cannot be reached (503 DEVICE_UNREACHABLE).
//
//   if (auto refused = provision_on_devices(call, service)) return *refused;
//
// Called by handlers under the controller's lock; without --devices both return nullopt at once.
#pragma once

#include <optional>

#include "fabric/service.h"
#include "server/call.h"
#include "server/http_types.h"

namespace lightmesh::server {

// Pushes a just-booked service to its devices. On failure the booking is removed (and that
// committed), so nothing stays booked in lightmesh or on any device, and the error answer is
// returned.
std::optional<HttpResponse> provision_on_devices(Call& call, const fabric::Service& s);
// Removes a service's entries from its devices before the fabric releases it; on failure the
// service stays as it was, and the error answer is returned.
std::optional<HttpResponse> release_on_devices(Call& call, const fabric::Service& s);
// 409 DEVICE_REFUSED or 503 DEVICE_UNREACHABLE naming the device and its error.
HttpResponse device_failure_response(const southbound::PushFailure& f);

}  // namespace lightmesh::server
