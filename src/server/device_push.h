// The southbound seen from the REST API: a service's push to the devices, and the answer when a
// device refuses it (409 DEVICE_REFUSED) or cannot be reached (503 DEVICE_UNREACHABLE).
//
//   if (auto refused = provision_on_devices(call, service)) return *refused;
//
// Called by handlers under the controller's lock; without --devices both return nullopt at once.
#pragma once

#include <optional>

#include "fabric/fabric.h"
#include "fabric/service.h"
#include "fabric/workload.h"
#include "server/call.h"
#include "server/http_types.h"
#include "server/restconf.h"

namespace lightmesh::server {

// Pushes a just-booked service to its devices. On failure the booking is removed (and that
// committed), so nothing stays booked in lightmesh or on any device, and the error answer is
// returned.
std::optional<HttpResponse> provision_on_devices(Call& call, const fabric::Service& s);
// Removes a service's entries from its devices before the fabric releases it; on failure the
// service stays as it was, and the error answer is returned.
std::optional<HttpResponse> release_on_devices(Call& call, const fabric::Service& s);
// The same, with the device's failure for callers with an answer form of their own (TAPI). A
// service owned by a workload is left alone: the fabric refuses to delete it on its own.
std::optional<southbound::PushFailure> release_service(Call& call, const fabric::Service& s);
// A just-booked workload's services, pushed in one transaction; on failure the workload and its
// services are removed (and that committed), and the error answer is returned.
std::optional<HttpResponse> provision_workload_on_devices(Call& call, const fabric::Workload& w);
// Removes a workload's services from the devices, in one transaction, before the fabric releases
// them; on failure nothing changed, and the error answer is returned.
std::optional<HttpResponse> release_workload_on_devices(Call& call, const fabric::Workload& w);

// A push of a just-booked service that failed, after its booking was removed: the device's
// failure, or the error of committing the removal.
struct Unbooked {
  southbound::PushFailure failure;
  std::optional<Error> commit_error;
};
// Pushes a just-booked service to its devices; on failure removes the booking and commits that.
// nullopt when pushed (or without --devices). For callers with an answer form of their own (TAPI).
std::optional<Unbooked> push_or_unbook(Call& call, const fabric::Service& s);

// The fabric's hook for a cut (null without --devices): each restoration is made on the devices
// before its old route is broken (Southbound::reroute). If the devices refuse the new route, the
// service stays on its old one, down, and its reason names the device; if the old route's
// entries cannot be removed, the restoration stands and the report says which device kept them.
fabric::PushRestoration restoration_push(Call& call);

// 409 DEVICE_REFUSED or 503 DEVICE_UNREACHABLE naming the device and its error.
HttpResponse device_failure_response(const southbound::PushFailure& f);
// The same in RESTCONF's form: 409 resource-denied or 503 operation-failed, with the app tag
// DEVICE_REFUSED or DEVICE_UNREACHABLE.
RestconfError device_failure_restconf(const southbound::PushFailure& f);
// "device R-HAYES: commit: operation-failed: …"
std::string device_failure_text(const southbound::PushFailure& f);

}  // namespace lightmesh::server
