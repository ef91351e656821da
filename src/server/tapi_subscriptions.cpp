#include "server/tapi_subscriptions.h"

#include <utility>

#include "server/tapi_input.h"
#include "server/tokens.h"
#include "server/uuid.h"

namespace lightmesh::server {

Result<const NotificationSubscription*> NotificationSubscriptions::add(NotificationSubscription s) {
  if (per_owner_[s.owner] >= kMaxPerOwner || by_uuid_.size() >= kMaxTotal) {
    return Error::unsupported("at most " + std::to_string(kMaxPerOwner) +
                              " notification subscriptions per tenant (and " +
                              std::to_string(kMaxTotal) +
                              " in all); delete one with "
                              "tapi-notification:delete-notification-subscription-service");
  }
  // Random, so that a subscription's uuid tells nothing of another's.
  do {
    s.uuid = name_uuid(kUrlNamespace, "urn:lightmesh:subscription:" + generate_token());
  } while (by_uuid_.count(s.uuid));
  per_owner_[s.owner]++;
  const std::string uuid = s.uuid;
  return &by_uuid_.emplace(uuid, std::move(s)).first->second;
}

NotificationSubscription* NotificationSubscriptions::find(const std::string& uuid,
                                                          const std::string& owner, bool admin) {
  auto it = by_uuid_.find(lower_case(uuid));
  if (it == by_uuid_.end() || (!admin && it->second.owner != owner)) return nullptr;
  return &it->second;
}

void NotificationSubscriptions::remove(const std::string& uuid) {
  auto it = by_uuid_.find(uuid);
  if (it == by_uuid_.end()) return;
  if (--per_owner_[it->second.owner] == 0) per_owner_.erase(it->second.owner);
  by_uuid_.erase(it);
}

std::vector<const NotificationSubscription*> NotificationSubscriptions::visible(
    const std::string& owner, bool admin) const {
  std::vector<const NotificationSubscription*> out;
  for (const auto& [uuid, s] : by_uuid_) {
    if (admin || s.owner == owner) out.push_back(&s);
  }
  return out;
}

}  // namespace lightmesh::server
