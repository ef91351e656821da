// The TAPI notification subscriptions a controller holds (tapi-notification's
// notification-subscription-service): who made each, what it asks for, and from which event its
// stream starts. They live in the server process: a restarted server has none, and a client
// subscribes again (docs/api/tapi.md); the events themselves are in the store, so the new stream
// resumes where the old one stopped.
//
//   NotificationSubscriptions subs;
//   auto s = subs.add({.owner = "acme", .viewer = "acme", .starts_after = 12});
//   subs.find((*s)->uuid, "acme");      // the owner (or an admin) finds it; anyone else does not
//
// Not thread-safe: the controller's lock guards it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace lightmesh::server {

// tapi-notification's subscription-filter: an empty list asks for everything.
struct NotificationFilter {
  std::vector<std::string> notification_types;  // OBJECT_CREATION, …
  std::vector<std::string> object_types;        // CONNECTIVITY_SERVICE, LINK, …
  std::vector<std::string> layer_protocols;     // PHOTONIC_MEDIA, …
  std::vector<std::string> object_ids;          // uuids, lower case
  std::optional<bool> include_content;
};

struct NotificationSubscription {
  std::string uuid;
  std::string owner;   // the creator's tenant; the creator (and admins) may see and delete it
  std::string viewer;  // whose events it may carry: the creator's visible tenant ("" = all)
  NotificationFilter filter;
  bool active = true;
  std::uint64_t starts_after = 0;  // the last event before it was created
  // The events it was suspended for, as [first, last] sequence numbers; the last window of a
  // subscription suspended now is open (last = UINT64_MAX). At most kMaxWindows are kept.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> suspended;

  // ACTIVE or SUSPENDED from now on; `durable` is the last event committed so far.
  void set_active(bool on, std::uint64_t durable);
  // Whether it carries the event with this sequence number (its filter aside).
  bool carries(std::uint64_t sequence) const;
  static constexpr std::size_t kMaxWindows = 64;
};

class NotificationSubscriptions {
 public:
  // Enough for every client of a tenant; a bound so that subscribing in a loop costs nothing.
  static constexpr std::size_t kMaxPerOwner = 16;
  static constexpr std::size_t kMaxTotal = 1024;

  // Gives `s` a fresh uuid and keeps it; kUnsupported when its owner (or the server) has as many
  // as it may.
  Result<const NotificationSubscription*> add(NotificationSubscription s);
  // The subscription with this uuid that `owner` may see (admin: any); null if none.
  NotificationSubscription* find(const std::string& uuid, const std::string& owner, bool admin);
  void remove(const std::string& uuid);
  std::vector<const NotificationSubscription*> visible(const std::string& owner, bool admin) const;

 private:
  std::map<std::string, NotificationSubscription> by_uuid_;
  std::map<std::string, std::size_t> per_owner_;
};

}  // namespace lightmesh::server
