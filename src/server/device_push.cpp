#include "server/device_push.h"

#include "server/rest_json.h"

namespace lightmesh::server {

HttpResponse device_failure_response(const southbound::PushFailure& f) {
  const bool refused = f.kind == southbound::FailureKind::kRefused;
  return json_response(refused ? 409 : 503,
                       {{"error", refused ? "DEVICE_REFUSED" : "DEVICE_UNREACHABLE"},
                        {"detail", "device " + f.device + ": " + f.detail},
                        {"where", f.device}});
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

std::optional<HttpResponse> release_on_devices(Call& call, const fabric::Service& s) {
  southbound::Southbound* sb = call.southbound();
  if (!sb) return std::nullopt;
  if (auto failure = sb->release(s)) return device_failure_response(*failure);
  return std::nullopt;
}

}  // namespace lightmesh::server
