#include "server/device_push.h"

#include "server/rest_json.h"

namespace lightmesh::server {

std::string device_failure_text(const southbound::PushFailure& f) {
  return "device " + f.device + ": " + f.detail;
}

HttpResponse device_failure_response(const southbound::PushFailure& f) {
  const bool refused = f.kind == southbound::FailureKind::kRefused;
  return json_response(refused ? 409 : 503,
                       {{"error", refused ? "DEVICE_REFUSED" : "DEVICE_UNREACHABLE"},
                        {"detail", device_failure_text(f)},
                        {"where", f.device}});
}

RestconfError device_failure_restconf(const southbound::PushFailure& f) {
  const bool refused = f.kind == southbound::FailureKind::kRefused;
  return {.status = refused ? 409 : 503,
          .tag = refused ? "resource-denied" : "operation-failed",
          .message = device_failure_text(f),
          .app_tag = refused ? "DEVICE_REFUSED" : "DEVICE_UNREACHABLE"};
}

std::optional<Unbooked> push_or_unbook(Call& call, const fabric::Service& s) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return std::nullopt;
  auto failure = sb->provision(s);
  if (!failure) return std::nullopt;
  Unbooked out{.failure = std::move(*failure)};
  const std::string id = s.id;  // `s` goes with the booking
  if (auto st = call.fabric().remove(id); !st)
    out.commit_error = st.error();
  else if (auto c = call.commit_status(); !c)
    out.commit_error = c.error();
  return out;
}

std::optional<HttpResponse> provision_on_devices(Call& call, const fabric::Service& s) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return std::nullopt;
  auto failure = sb->provision(s);
  if (!failure) return std::nullopt;
  const std::string id = s.id;
  if (auto st = call.fabric().remove(id); !st) return from_error(st.error());
  if (HttpResponse failed = call.commit(); failed.status != 200) return failed;
  return device_failure_response(*failure);
}

std::optional<southbound::PushFailure> release_service(Call& call, const fabric::Service& s) {
  southbound::Southbound* sb = call.southbound();
  if (!sb || call.fabric().workload_of(s.id)) return std::nullopt;
  return sb->release(s);
}

std::optional<HttpResponse> release_on_devices(Call& call, const fabric::Service& s) {
  if (auto failure = release_service(call, s)) return device_failure_response(*failure);
  return std::nullopt;
}

namespace {

std::vector<const fabric::Service*> services_of(Call& call, const fabric::Workload& w) {
  std::vector<const fabric::Service*> out;
  for (const std::string& id : w.services)
    if (const fabric::Service* s = call.fabric().find(id)) out.push_back(s);
  return out;
}

}  // namespace

std::optional<HttpResponse> provision_workload_on_devices(Call& call, const fabric::Workload& w) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return std::nullopt;
  auto failure = sb->provision(services_of(call, w));
  if (!failure) return std::nullopt;
  const std::string id = w.id;
  if (auto st = call.fabric().remove_workload(id); !st) return from_error(st.error());
  if (HttpResponse failed = call.commit(); failed.status != 200) return failed;
  return device_failure_response(*failure);
}

std::optional<HttpResponse> release_workload_on_devices(Call& call, const fabric::Workload& w) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return std::nullopt;
  if (auto failure = sb->release(services_of(call, w))) return device_failure_response(*failure);
  return std::nullopt;
}

fabric::PushRestoration restoration_push(Call& call) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return {};
  return [sb](const fabric::Service&, const fabric::Service& after) {
    const southbound::RerouteOutcome out = sb->reroute(after);
    if (out.make) return fabric::RestorationPush{true, device_failure_text(*out.make)};
    if (out.brk)
      return fabric::RestorationPush{
          false,
          "the old route's entries stay on the devices (device audit reports them as "
          "extra; --repair removes them): " +
              device_failure_text(*out.brk)};
    return fabric::RestorationPush{};
  };
}

}  // namespace lightmesh::server
