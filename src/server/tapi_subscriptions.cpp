#include "server/tapi_subscriptions.h"

#include <cstdint>
#include <utility>

#include "server/tapi_input.h"
#include "server/tokens.h"
#include "server/uuid.h"

namespace lightmesh::server {

void NotificationSubscription::set_active(bool on, std::uint64_t durable) {
  if (on == active) return;
  active = on;
  if (!on) {
    suspended.emplace_back(durable + 1, UINT64_MAX);
    // Suspended over and over: the oldest two windows become one, so memory stays bounded (the
    // events between them are then not carried either).
    if (suspended.size() > kMaxWindows) {
      suspended[1].first = suspended[0].first;
      suspended.erase(suspended.begin());
    }
  } else if (!suspended.empty()) {
    suspended.back().second = durable;
  }
}

bool NotificationSubscription::carries(std::uint64_t sequence) const {
  if (sequence <= starts_after) return false;
  for (const auto& [first, last] : suspended) {
    if (sequence >= first && sequence <= last) return false;
  }
  return true;
}

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
