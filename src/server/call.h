// One request as its route's handler sees it: what was asked and by whom, the path's values, the
// body parsed before the lock, the object the route table found, and the controller's means to
// answer (the fabric, commits, idempotent replies). Handlers live one file per resource
// (services_routes.cpp, …) and reach the controller only through this.
//
//   HttpResponse get_service(Call& call) {
//     return json_response(200, service_json(call, *call.service));  // found by the table
//   }
//
// Not thread-safe; lives for one request. fabric() and everything that commits may be used only by
// a route's find and handle, which the controller runs under its lock.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "fabric/fabric.h"
#include "io/json_doc.h"
#include "model/workload_spec.h"
#include "physics/native_network.h"
#include "server/console_files.h"
#include "server/event_stream.h"
#include "server/http_types.h"
#include "server/route_table.h"
#include "server/tapi_subscriptions.h"
#include "server/tokens.h"
#include "sim/booked_spectrum.h"
#include "southbound/southbound.h"
#include "workloads/place.h"

namespace lightmesh::server {

class Controller;

// Bodies parsed before the lock is taken (a route's prepare), so a large or deep one costs only its
// own request.
struct PreparedBody {
  std::optional<Result<fabric::ServiceRequest>> service;  // POST /api/v1/services
  std::optional<Result<WorkloadSpec>> workload;           // POST /api/v1/workloads
  std::optional<workloads::Decision> decision;            // the workload's, made without the lock
  std::optional<Result<io::Document>> document;           // a POST to /restconf/…
};

class Call {
 public:
  Call(Controller& controller, const HttpRequest& request, const Principal& who,
       std::string_view path, const PathParams& params)
      : request(request),
        who(who),
        tenant(who.visible_tenant()),
        path(path),
        params_(params),
        controller_(controller) {}

  const HttpRequest& request;
  const Principal& who;
  // Whose objects the caller sees: its own tenant's, or (empty) every tenant's for admin and
  // read-only tokens. Lists filter by it; a route's find answers 404 for what it hides.
  const std::string tenant;
  bool sees(const std::string& owner) const { return tenant.empty() || owner == tenant; }
  // The path as matched: under /restconf percent-decoded, without trailing slashes.
  const std::string_view path;
  // The i-th {…} of the route's pattern.
  std::string param(std::size_t i) const { return std::string(params_[i]); }

  PreparedBody body;
  // The object the route's find chose (see Route::find).
  const fabric::Service* service = nullptr;
  const fabric::Workload* workload = nullptr;

  const Network& net() const;
  fabric::Fabric& fabric();
  // The devices' southbound, or null when lightmesh runs as a twin only (serve without --devices).
  southbound::Southbound* southbound();
  // The web console's built files (empty when it was not built).
  const ConsoleFiles& console() const;
  // Before the lock: a snapshot of the fabric, taken briefly under it, for a decision made without
  // it (workloads::decide).
  workloads::FabricSnapshot snapshot();
  // Before the lock: the spectrum the fabric holds now (its services' and its cut fibres'), laid
  // onto a simulated network, taken briefly under the lock (sim::book_controller_spectrum).
  Result<sim::BookedSpectrum> booked_spectrum(const Network& simulated,
                                              const sim::SimSpectrumLayout& layout);
  // The right to run a twin study: owns_lock() is false while another one runs.
  std::unique_lock<std::mutex> twin_slot();
  // The served network as GNPy sees it, built on first use; null if it cannot be built.
  const physics::GnpyView* gnpy_view();
  // The GNPy library for a path computation that brings a topology without one; null if none was
  // configured (Controller's gnpy_equipment).
  const Equipment* gnpy_equipment() const;
  // The last event whose commit is durable: where an event stream that starts now begins.
  std::uint64_t durable_events() const;
  // A stream of the durable events after `after`, each written by `format`; null when the server
  // has as many streams open as it allows (Controller::kMaxStreams).
  std::shared_ptr<EventStream> open_event_stream(std::uint64_t after, EventStream::Format format);
  // TAPI's notification subscriptions (tapi_notification.cpp).
  NotificationSubscriptions& subscriptions();
  // Prometheus text of what the caller may see (Controller::metrics).
  std::string metrics();
  // A workload decided on a snapshot that no longer held, decided again under the lock.
  void count_decision_redone();

  // Makes the fabric's changes durable before the answer leaves: status 200 and an empty body, or
  // the 500 to answer instead.
  HttpResponse commit();
  // The same as a Status, for an answer in another dialect (TAPI).
  Status commit_status();
  // The stored answer to an earlier request with this Idempotency-Key, an error response for a bad
  // or reused key, or nullopt to go on and handle the request.
  std::optional<HttpResponse> replay(const std::string& key);
  // 201 with `body` and a Location header once the change (and with a key, the reply) is
  // committed; else the commit's error.
  HttpResponse answer_created(const std::string& key, const nlohmann::ordered_json& body,
                              const std::string& location);
  // The same with the answer made already (its status 201).
  HttpResponse answer_created(const std::string& key, HttpResponse created,
                              const std::string& location);

 private:
  PathParams params_;
  Controller& controller_;
};

}  // namespace lightmesh::server
