// Controller: the lightmesh REST API and TAPI over a Fabric and its Store. Matches each request in
// the route table (server/routes.h), applies the route's rules (token, role, the object it names,
// the lock), runs its handler and commits the changes to the store before answering. Errors are
// `{"error","detail","where"}`, mapped to HTTP statuses in one function (server/rest_json.h).
//
//   Controller c(net, std::move(fabric), std::move(store), tokens);
//   HttpResponse r = c.handle(request);
//
// Thread-safe: one mutex serialises every request that reads or changes the fabric; request bodies
// are parsed before it is taken. Idempotency replies live in the store, so they survive restarts
// and are shared by servers on one database, for kReplyRetentionUs.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "fabric/fabric.h"
#include "physics/native_network.h"
#include "server/console_files.h"
#include "server/http_types.h"
#include "server/route_table.h"
#include "server/tapi_subscriptions.h"
#include "server/tokens.h"
#include "southbound/southbound.h"
#include "store/store.h"

namespace lightmesh::server {

class Controller {
 public:
  // `gnpy_equipment`: the GNPy equipment library for a path computation whose body brings a
  // topology but no library, as TransportPCE's does (serve --gnpy-equipment).
  Controller(const Network& net, fabric::Fabric fabric, std::unique_ptr<store::Store> store,
             Tokens tokens, std::optional<Equipment> gnpy_equipment = std::nullopt);

  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  HttpResponse handle(const HttpRequest& request);

  // Answers `request` on the caller's thread when nothing on its way can block: a route marked
  // quick, the SQLite store, no devices, no Idempotency-Key (its lookup reads the store, which a
  // commit holds through its flush) and the lock free at once. The HTTP layer's I/O thread calls
  // it so that a create needs no hand-off to a worker and back.
  //   kDeclined: nothing was done; run handle() on a thread that may wait.
  //   kAnswered: `answer` is set (a refusal, or nothing to commit).
  //   kLater: `later` gets the answer once the change is durable (or its commit failed): on the
  //           thread whose commit settled it, or on this one before handle_now() returns if a
  //           commit already has. It must only hand the answer on.
  enum class Now { kDeclined, kAnswered, kLater };
  Now handle_now(const HttpRequest& request, HttpResponse& answer,
                 std::function<void(HttpResponse)> later);

  // Turns the southbound on (serve --devices): service creates and deletes are pushed to the
  // devices before they are acknowledged. `sb` must outlive the controller; null turns it off.
  void attach_southbound(southbound::Southbound* sb) { southbound_ = sb; }
  // The web console's files, served at / (serve_command.cpp attaches them before serving).
  void attach_console(ConsoleFiles files) { console_ = std::move(files); }
  const ConsoleFiles& console() const { return console_; }

  // The 401 for a request whose head alone already fails (no valid bearer token where one is
  // needed), else nullopt. The HTTP layer asks before it reads a body, so a caller without a token
  // cannot make the server read (or hold) one. Thread-safe: tokens never change.
  std::optional<HttpResponse> refuse_before_body(const HttpRequest& head) const;

  // Event streams (server/event_stream.h). An event reaches a stream once it is durable, so no
  // stream ever tells of a change that a failed commit then undid.
  //
  // Calls `visit` under the lock for each durable event after `after`, in order, until it answers
  // false, waiting up to `wait` for the first. After a wait with nothing new it catches up with
  // other processes' commits (PostgreSQL). False once stop_streams() was called.
  using EventVisitor = std::function<bool(const fabric::Event&, const fabric::Fabric&)>;
  bool visit_durable_events(std::uint64_t after, std::chrono::milliseconds wait,
                            const EventVisitor& visit);
  // Streams hold a server thread each while open, so at most kMaxStreams are: false when that
  // many are open already. A stream that got true gives it back with close_stream().
  static constexpr int kMaxStreams = 64;
  bool open_stream();
  void close_stream();
  // Ends every stream: the server is stopping.
  void stop_streams();

  // Limits (the HTTP layer enforces the body size before a request reaches handle()).
  // 8 MiB: a GNPy path computation carries a whole topology (CORONET Global with 300 requests is
  // about 0.4 MiB).
  static constexpr std::size_t kMaxBodyBytes = 8 << 20;
  static constexpr std::size_t kMaxIdempotencyKeyBytes = 255;
  // A retry must come within a day (the fabric's clock) to be answered from the stored reply;
  // older replies are deleted, at most once a minute.
  static constexpr std::int64_t kReplyRetentionUs = std::int64_t{24} * 3600 * 1000000;
  static constexpr std::int64_t kReplyExpiryIntervalUs = std::int64_t{60} * 1000000;

 private:
  // Handlers reach the fabric, the commits and the replies through a Call.
  friend class Call;

  std::optional<Principal> principal_of(const HttpRequest& request) const;
  // The answer to a request the table matched to `route`, its caller known (or the route public):
  // the role, the body's prepare, then under the lock the route's find, the role again where the
  // find comes first, and the handler (an unlocked route skips the lock), then the commit's wait.
  HttpResponse answer(const Route& route, Call& call);
  // The part of answer() under the lock: catch up with the store, find the object, check the role,
  // run the handler, end the store's transaction. The request's ticket is left in request_ticket_.
  HttpResponse answer_locked(const Route& route, Call& call, bool allowed, bool restconf);
  static HttpResponse store_failed();  // the 500 for a change whose commit failed
  void count(const std::string& method, int status, std::chrono::steady_clock::time_point start);
  // `created` (a 201) with a Location header, once the change and (with an Idempotency-Key) the
  // reply that acknowledges it are committed; else the commit's error.
  HttpResponse answer_created(const HttpRequest& request, const Principal& who,
                              const std::string& key, HttpResponse created,
                              const std::string& location);
  // The stored answer to an earlier request with the same Idempotency-Key, an error response
  // (status != 0) for a bad or reused key, or nullopt to go on and handle the request.
  std::optional<HttpResponse> replay(const HttpRequest& request, const Principal& who,
                                     const std::string& key);
  // Each returns status 200 with an empty body on success, else the error response.
  HttpResponse sync(bool write);  // catch up with other processes' commits
  HttpResponse rebuild();         // reload the fabric from the store
  // After a failed commit has reloaded the fabric: a write pushes to the devices before its
  // commit, so they may hold what the store does not (a create) or lack what it holds (a delete,
  // a re-route). The southbound's intent is recomputed from the fabric and the devices repaired
  // to it. A device that cannot be reached then keeps the drift, which the device list and the
  // audit show and a repair or the device's reconnect mends. mu_ held.
  void put_devices_back();
  // Persists what the fabric changed since the last commit (and the reply that acknowledges it);
  // the answer waits for it. On failure the fabric is reloaded from the store, so nothing that was
  // not acknowledged stays in memory.
  Status commit_changes(const store::StoredReply* reply = nullptr);
  HttpResponse commit_or_fail(const store::StoredReply* reply = nullptr);
  // Group commit: blocks until the request's staged changes are durable; false if their commit
  // failed (the fabric has then been reloaded from the store).
  bool wait_durable(std::uint64_t ticket);
  // Calls `then` with whether the ticket's commit succeeded: at once on this thread if it is
  // settled already, else on the thread that leads the commit settling it. A committer thread
  // leads commits while answers wait this way and no request waits to lead one.
  void when_durable(std::uint64_t ticket, std::function<void(bool)> then);
  void commit_for_awaiting();                            // the committer thread
  void lead_commit(std::unique_lock<std::mutex>& lock);  // commit_mu_ held, committing_ false
  bool failed_commit(std::uint64_t ticket) const;        // commit_mu_ held
  // Commits everything staged so far in one transaction, moved into `batch`: the last ticket it
  // covers, and whether it is durable (if not, that ticket and every one staged since are lost and
  // the fabric has been reloaded). Called by the one thread whose turn it is (committing_).
  std::pair<std::uint64_t, bool> commit_staged(store::CommitGroup& batch);
  const store::StoredReply* pending_reply(const std::string& tenant, const std::string& key) const;
  // What `who` may see: every figure for admin and read-only tokens, a tenant's own otherwise.
  std::string metrics(const Principal& who);
  // Deletes stored replies past kReplyRetentionUs, at most once per kReplyExpiryIntervalUs.
  void expire_replies();
  bool replies_expiry_due() const;  // mu_ held
  // The served network as GNPy would see it, built on the first path computation; null if it
  // cannot be built.
  const physics::GnpyView* gnpy_view();

  const Network* net_;
  const std::optional<Equipment> gnpy_equipment_;
  southbound::Southbound* southbound_ = nullptr;  // null: the twin only, no devices
  ConsoleFiles console_;                          // read-only once serving
  // The served network as GNPy would see it, built on the first path computation.
  std::once_flag gnpy_view_once_;
  Result<physics::GnpyView> gnpy_view_{Error::internal("not built")};
  std::mutex mu_;
  fabric::Fabric fabric_;
  std::unique_ptr<store::Store> store_;
  Tokens tokens_;
  // Group commit, for stores that share commits (SQLite). A write stages its changes under mu_ and
  // gets a ticket; after mu_ is released, one waiting request at a time (committing_) commits
  // everything staged so far in one transaction, so one disk flush acknowledges many requests, and
  // the others wait on commit_done_ without holding commit_mu_. Lock order: commit_mu_, then mu_.
  store::CommitGroup staged_;         // guarded by mu_
  std::uint64_t staged_ticket_ = 0;   // last ticket handed out; guarded by mu_
  std::uint64_t request_ticket_ = 0;  // the ticket of the request being routed; guarded by mu_
  std::map<std::string, store::StoredReply> pending_replies_;  // tenant\nkey; guarded by mu_
  std::mutex commit_mu_;
  std::condition_variable commit_done_;  // a commit ended (committing_ became false)
  bool committing_ = false;              // a request is committing; guarded by commit_mu_
  std::uint64_t durable_ticket_ = 0;     // guarded by commit_mu_
  std::vector<std::pair<std::uint64_t, std::uint64_t>> failed_;  // ticket ranges; commit_mu_
  // Answers waiting for their ticket's commit (handle_now); guarded by commit_mu_.
  std::vector<std::pair<std::uint64_t, std::function<void(bool)>>> awaiting_;
  std::condition_variable commit_wanted_;  // something awaits a commit, or the committer stops
  bool committer_stopping_ = false;        // guarded by commit_mu_
  std::thread committer_;                  // started by the first answer that waits
  std::uint64_t group_commits_ = 0;        // guarded by mu_
  std::uint64_t workload_decisions_redone_ = 0;        // guarded by mu_
  std::optional<std::int64_t> replies_expired_at_us_;  // guarded by mu_
  // The last event whose commit is durable; streams wait on events_durable_cv_ (with mu_).
  std::uint64_t durable_events_ = 0;  // guarded by mu_
  bool streams_stopping_ = false;     // guarded by mu_
  std::condition_variable events_durable_cv_;
  std::atomic<int> open_streams_{0};
  std::mutex twin_mu_;                       // held by the one twin study running (Call::twin_slot)
  NotificationSubscriptions subscriptions_;  // TAPI's; guarded by mu_
  // Everything in the fabric now came from the store (a load, a catch-up, a rebuild).
  void note_all_events_durable();                  // mu_ held
  std::mutex stats_mu_;                            // taken alone, or after mu_, never before it
  std::map<std::string, std::uint64_t> requests_;  // "METHOD code" → count; guarded by stats_mu_
  double request_seconds_ = 0;                     // guarded by stats_mu_
  std::uint64_t request_count_ = 0;                // guarded by stats_mu_
};

}  // namespace lightmesh::server
