#include "server/call.h"

#include <mutex>

#include "server/controller.h"
#include "server/rest_json.h"

namespace lightmesh::server {

const Network& Call::net() const { return *controller_.net_; }

fabric::Fabric& Call::fabric() { return controller_.fabric_; }

southbound::Southbound* Call::southbound() { return controller_.southbound_; }

workloads::FabricSnapshot Call::snapshot() {
  std::lock_guard<std::mutex> lock(controller_.mu_);
  return workloads::snapshot_of(controller_.fabric_);
}

Result<sim::BookedSpectrum> Call::booked_spectrum(const Network& simulated,
                                                  const sim::SimSpectrumLayout& layout) {
  std::lock_guard<std::mutex> lock(controller_.mu_);
  return sim::book_controller_spectrum(controller_.fabric_, simulated, layout);
}

std::unique_lock<std::mutex> Call::twin_slot() {
  return std::unique_lock<std::mutex>(controller_.twin_mu_, std::try_to_lock);
}

const physics::GnpyView* Call::gnpy_view() { return controller_.gnpy_view(); }

const Equipment* Call::gnpy_equipment() const {
  return controller_.gnpy_equipment_ ? &*controller_.gnpy_equipment_ : nullptr;
}

std::string Call::metrics() { return controller_.metrics(who); }

const ConsoleFiles& Call::console() const { return controller_.console(); }

NotificationSubscriptions& Call::subscriptions() { return controller_.subscriptions_; }

std::uint64_t Call::durable_events() const { return controller_.durable_events_; }

std::shared_ptr<EventStream> Call::open_event_stream(std::uint64_t after,
                                                     EventStream::Format format) {
  return EventStream::open(controller_, after, std::move(format));
}

void Call::count_decision_redone() { controller_.workload_decisions_redone_++; }

HttpResponse Call::commit() { return controller_.commit_or_fail(); }

Status Call::commit_status() { return controller_.commit_changes(); }

std::optional<HttpResponse> Call::replay(const std::string& key) {
  return controller_.replay(request, who, key);
}

HttpResponse Call::answer_created(const std::string& key, const nlohmann::ordered_json& body,
                                  const std::string& location) {
  return answer_created(key, json_response(201, body), location);
}

HttpResponse Call::answer_created(const std::string& key, HttpResponse created,
                                  const std::string& location) {
  return controller_.answer_created(request, who, key, std::move(created), location);
}

}  // namespace lightmesh::server
