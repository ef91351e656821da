#include "server/controller.h"

#include <fmt/format.h>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "io/json_doc.h"
#include "server/authorization.h"
#include "server/call.h"
#include "server/rest_json.h"
#include "server/routes.h"
#include "server/tapi.h"

namespace lightmesh::server {

namespace {

// What a stored reply keeps of the request it answered: enough to tell a retry from another
// request under the same key, not the body itself (which may be megabytes).
std::string request_digest(const std::string& body) { return token_hash(body); }

using json = nlohmann::ordered_json;

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    const std::size_t j = path.find('/', i);
    if (i < path.size())
      parts.push_back(path.substr(i, j == std::string::npos ? std::string::npos : j - i));
    i = j == std::string::npos ? path.size() : j;
  }
  return parts;
}

// A REST path no route answers in this method. Under /api/v1/ the answer names the method, as it
// did before routes were a table.
HttpResponse no_rest_route(const HttpRequest& req) {
  const auto parts = split_path(req.path);
  if (parts.size() < 3 || parts[0] != "api" || parts[1] != "v1")
    return error_response(404, "not_found", "no such route", io::printable(req.path));
  return error_response(404, "not_found", "no such route for " + req.method,
                        io::printable(req.path));
}

// The request presented a bearer token (the web console, the CLI clients).
bool sent_bearer(const HttpRequest& req) {
  const std::string auth = req.header("authorization");
  return auth.size() > 7 && (auth.rfind("Bearer ", 0) == 0 || auth.rfind("bearer ", 0) == 0);
}

HttpResponse unauthorized(bool restconf, bool bearer_sent) {
  if (restconf) return tapi_unauthorized(bearer_sent);
  // The challenges tell a Basic client what it may send; the message stays the one clients show.
  // A client that sent a bearer token is offered Bearer only: a Basic challenge would make a
  // browser hold the web console's request behind a password dialog.
  HttpResponse resp =
      error_response(401, "unauthorized", "a valid bearer token is required", "Authorization");
  if (!bearer_sent) resp.headers.push_back({"WWW-Authenticate", kBasicChallenge});
  resp.headers.push_back({"WWW-Authenticate", kBearerChallenge});
  return resp;
}

HttpResponse forbidden(bool restconf) {
  if (restconf) return tapi_forbidden();
  return error_response(403, "forbidden", "this token may not do that");
}

bool is_public(const RouteMatch& m) { return m.route && m.route->access == Access::kPublic; }

}  // namespace

Controller::Controller(const Network& net, fabric::Fabric fabric,
                       std::unique_ptr<store::Store> store, Tokens tokens,
                       std::optional<Equipment> gnpy_equipment)
    : net_(&net),
      gnpy_equipment_(std::move(gnpy_equipment)),
      fabric_(std::move(fabric)),
      store_(std::move(store)),
      tokens_(std::move(tokens)) {
  if (!store_) throw std::invalid_argument("Controller needs a store");
  durable_events_ = fabric_.events().size();
}

Controller::~Controller() {
  {
    std::lock_guard<std::mutex> lock(commit_mu_);
    committer_stopping_ = true;
  }
  commit_wanted_.notify_all();
  // It commits what is still awaited before it ends.
  if (committer_.joinable()) committer_.join();
}

void Controller::note_all_events_durable() {
  durable_events_ = fabric_.events().size();
  events_durable_cv_.notify_all();
}

bool Controller::visit_durable_events(std::uint64_t after, std::chrono::milliseconds wait,
                                      const EventVisitor& visit) {
  std::unique_lock<std::mutex> lock(mu_);
  auto ready = [&] { return streams_stopping_ || durable_events_ > after; };
  if (!events_durable_cv_.wait_for(lock, wait, ready)) {
    // Nothing new here; another server on the same database may have committed since.
    try {
      (void)sync(false);
    } catch (const std::exception&) {
      // The next request or wait tries again; a stream only reports what is certain.
    }
    store_->end();
    if (!ready()) return true;
  }
  if (streams_stopping_) return false;
  const auto& events = fabric_.events();
  const std::uint64_t upto = std::min<std::uint64_t>(durable_events_, events.size());
  for (std::uint64_t seq = after + 1; seq <= upto; ++seq) {
    if (!visit(events[seq - 1], fabric_)) break;
  }
  return true;
}

bool Controller::open_stream() {
  if (open_streams_.fetch_add(1) < kMaxStreams) return true;
  open_streams_.fetch_sub(1);
  return false;
}

void Controller::close_stream() { open_streams_.fetch_sub(1); }

void Controller::stop_streams() {
  std::lock_guard<std::mutex> lock(mu_);
  streams_stopping_ = true;
  events_durable_cv_.notify_all();
}

std::optional<Principal> Controller::principal_of(const HttpRequest& req) const {
  return server::principal_of(tokens_, req.header("authorization"));
}

std::optional<HttpResponse> Controller::refuse_before_body(const HttpRequest& req) const {
  if (principal_of(req) || is_public(controller_routes().match(req.method, req.path)))
    return std::nullopt;
  return unauthorized(is_tapi_path(req.path), sent_bearer(req));
}

HttpResponse Controller::handle(const HttpRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  // TAPI paths are matched percent-decoded; the REST API's as they came.
  const bool restconf = is_tapi_path(req.path);
  const std::string decoded = restconf ? tapi_path(req.path) : std::string();
  const std::string_view path = restconf ? std::string_view(decoded) : std::string_view(req.path);
  const RouteMatch match = controller_routes().match(req.method, path);
  HttpResponse resp;
  if (is_public(match)) {
    const Principal nobody;
    Call call(*this, req, nobody, path, match.params);
    resp = answer(*match.route, call);
  } else if (const std::optional<Principal> who = principal_of(req); !who) {
    resp = unauthorized(restconf, sent_bearer(req));
  } else if (!match.route && restconf) {
    resp = match.path_known ? tapi_not_allowed(req.method, path) : tapi_no_such_resource(path);
  } else if (!match.route) {
    resp = no_rest_route(req);
  } else {
    Call call(*this, req, *who, path, match.params);
    resp = answer(*match.route, call);
  }
  count(req.method, resp.status, start);
  return resp;
}

void Controller::count(const std::string& method, int status,
                       std::chrono::steady_clock::time_point start) {
  // Counted under a lock of its own: every request ends here, and taking the fabric's lock again
  // only to count would make writers queue once more behind each other.
  std::lock_guard<std::mutex> lock(stats_mu_);
  requests_[method + " " + std::to_string(status)]++;
  request_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  request_count_++;
}

Controller::Now Controller::handle_now(const HttpRequest& req, HttpResponse& answer,
                                       std::function<void(HttpResponse)> later) {
  const auto start = std::chrono::steady_clock::now();
  // Whatever might wait goes to a thread that may: devices, a database shared with other
  // servers, and the stored replies an Idempotency-Key looks up (a read of the store, which a
  // commit holds while it flushes).
  if (southbound_ || !store_->shares_commits() || !req.header("idempotency-key").empty())
    return Now::kDeclined;
  const RouteMatch match = controller_routes().match(req.method, req.path);
  if (!match.route || !match.route->quick) return Now::kDeclined;
  const std::optional<Principal> who = principal_of(req);
  if (!who || !allows(match.route->access, who->role)) return Now::kDeclined;
  Call call(*this, req, *who, req.path, match.params);
  if (match.route->prepare) match.route->prepare(call);
  std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
  // Stored replies are expired by a request that may wait for it.
  if (!lock.owns_lock() || replies_expiry_due()) return Now::kDeclined;
  HttpResponse resp = answer_locked(*match.route, call, true, false);
  const std::uint64_t ticket = std::exchange(request_ticket_, 0);
  lock.unlock();
  if (ticket != 0) {
    when_durable(ticket, [this, method = req.method, start, resp = std::move(resp),
                          later = std::move(later)](bool ok) mutable {
      if (!ok) resp = store_failed();
      count(method, resp.status, start);
      later(std::move(resp));
    });
    return Now::kLater;
  }
  count(req.method, resp.status, start);
  answer = std::move(resp);
  return Now::kAnswered;
}

HttpResponse Controller::answer(const Route& route, Call& call) {
  const bool allowed = allows(route.access, call.who.role);
  const bool restconf = is_tapi_path(call.request.path);
  // A route that names an object checks the role once the object is found (Route::find).
  if (!allowed && !route.find) return forbidden(restconf);
  if (route.unlocked) return route.handle(call);
  if (route.prepare) route.prepare(call);
  HttpResponse resp;
  std::uint64_t ticket = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    resp = answer_locked(route, call, allowed, restconf);
    ticket = std::exchange(request_ticket_, 0);
  }
  // The answer leaves only once what it acknowledges is durable.
  if (ticket != 0 && !wait_durable(ticket)) resp = store_failed();
  if (route.writes) expire_replies();
  return resp;
}

HttpResponse Controller::answer_locked(const Route& route, Call& call, bool allowed,
                                       bool restconf) {
  HttpResponse resp;
  // Whatever happens, the store's transaction (PostgreSQL's writers' lock) ends here.
  try {
    std::optional<HttpResponse> missing;
    if (HttpResponse failed = sync(route.writes); failed.status != 200) {
      resp = failed;
    } else if (route.find && (missing = route.find(call))) {
      resp = std::move(*missing);
    } else if (!allowed) {
      resp = forbidden(restconf);
    } else {
      resp = route.handle(call);
    }
  } catch (const std::exception&) {
    resp = error_response(500, "internal", "the request failed inside the controller");
  }
  store_->end();
  return resp;
}

HttpResponse Controller::store_failed() {
  return error_response(500, "store_failed", "the change could not be made durable and was undone");
}

HttpResponse Controller::sync(bool write) {
  auto stale = store_->begin(write);
  if (!stale) return error_response(503, "store_unavailable", stale.error().to_string());
  if (!*stale) return {};
  // Only what other processes changed since; a fabric that cannot catch up is rebuilt whole.
  if (store_->catch_up(fabric_)) {
    // With nothing of this process staged, every event the fabric holds is in the store.
    if (staged_.changes.events.empty()) note_all_events_durable();
    return {};
  }
  return rebuild();
}

HttpResponse Controller::rebuild() {
  // Whatever the fabric held that the store does not is dropped: the store is the truth.
  fabric::Fabric fresh = fabric_.empty_like();
  if (auto st = store_->load_into(fresh); !st)
    return error_response(503, "store_corrupt", st.error().to_string());
  fabric_ = std::move(fresh);
  note_all_events_durable();
  return {};
}

void Controller::put_devices_back() {
  if (!southbound_) return;
  (void)southbound_->adopt(fabric_);
  (void)southbound_->repair();
}

Status Controller::commit_changes(const store::StoredReply* reply) {
  if (store_->shares_commits()) {
    staged_.add(fabric_.take_changes(), *net_);
    if (reply) {
      staged_.replies.push_back(*reply);
      pending_replies_[reply->tenant + "\n" + reply->key] = *reply;
    }
    request_ticket_ = ++staged_ticket_;
    return {};
  }
  auto st = store_->commit(fabric_.take_changes(), *net_, reply);
  if (st) {
    note_all_events_durable();
    return {};
  }
  // Nothing was acknowledged: put the fabric back to what the store holds, and the devices.
  if (rebuild().status == 200) put_devices_back();
  return st;
}

bool Controller::wait_durable(std::uint64_t ticket) {
  std::unique_lock<std::mutex> lock(commit_mu_);
  // A request whose changes a commit made durable returns as soon as that commit ends; it never
  // queues behind the next one. One waiter at a time leads the next commit, which takes
  // everything staged by then, its own changes included.
  while (durable_ticket_ < ticket) {
    if (committing_) {
      commit_done_.wait(lock);
      continue;
    }
    lead_commit(lock);
  }
  return !failed_commit(ticket);
}

bool Controller::failed_commit(std::uint64_t ticket) const {
  for (const auto& [first, last] : failed_) {
    if (ticket >= first && ticket <= last) return true;
  }
  return false;
}

void Controller::lead_commit(std::unique_lock<std::mutex>& lock) {
  committing_ = true;
  lock.unlock();
  // The batch is freed once the waiters are told, not before.
  store::CommitGroup batch;
  const auto [upto, ok] = commit_staged(batch);
  lock.lock();
  if (!ok) failed_.emplace_back(durable_ticket_ + 1, upto);
  durable_ticket_ = upto;
  committing_ = false;
  // What this commit settled for requests answered on another thread, told outside the lock.
  std::vector<std::function<void()>> settled;
  for (auto it = awaiting_.begin(); it != awaiting_.end();) {
    if (it->first > upto) {
      ++it;
      continue;
    }
    settled.push_back([then = std::move(it->second), ok = !failed_commit(it->first)] { then(ok); });
    it = awaiting_.erase(it);
  }
  const bool more = !awaiting_.empty();
  // The waiters are woken with the lock let go, so none wakes only to wait for it.
  lock.unlock();
  commit_done_.notify_all();
  if (more) commit_wanted_.notify_one();
  for (auto& tell : settled) tell();
  lock.lock();
}

void Controller::when_durable(std::uint64_t ticket, std::function<void(bool)> then) {
  std::unique_lock<std::mutex> lock(commit_mu_);
  if (durable_ticket_ >= ticket) {
    // Settled already (a commit led by another request took it): told here, on this thread.
    const bool ok = !failed_commit(ticket);
    lock.unlock();
    then(ok);
    return;
  }
  awaiting_.emplace_back(ticket, std::move(then));
  if (!committer_.joinable()) committer_ = std::thread([this] { commit_for_awaiting(); });
  lock.unlock();
  commit_wanted_.notify_one();
}

void Controller::commit_for_awaiting() {
  pthread_setname_np(pthread_self(), "lm-commit");  // as top and perf show it
  std::unique_lock<std::mutex> lock(commit_mu_);
  while (true) {
    commit_wanted_.wait(lock, [&] { return committer_stopping_ || !awaiting_.empty(); });
    if (awaiting_.empty()) return;  // stopping, and nobody waits
    if (committing_) {
      // A waiting request leads this commit; whatever it leaves is looked at when it ends.
      commit_done_.wait(lock);
      continue;
    }
    lead_commit(lock);
  }
}

std::pair<std::uint64_t, bool> Controller::commit_staged(store::CommitGroup& batch) {
  std::uint64_t upto = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    batch = std::exchange(staged_, store::CommitGroup{});
    upto = staged_ticket_;
  }
  const Status st = store_->commit_group(batch, *net_);
  std::lock_guard<std::mutex> lock(mu_);
  group_commits_++;
  if (st) {
    if (!batch.changes.events.empty()) {
      durable_events_ = std::max(durable_events_, batch.changes.events.back().sequence);
      events_durable_cv_.notify_all();
    }
    for (const auto& r : batch.replies) pending_replies_.erase(r.tenant + "\n" + r.key);
    return {upto, true};
  }
  // Whatever was staged since builds on the lost batch: it is lost with it, and the fabric goes
  // back to what the store holds.
  upto = staged_ticket_;
  staged_ = store::CommitGroup{};
  pending_replies_.clear();
  if (rebuild().status == 200) put_devices_back();
  return {upto, false};
}

const store::StoredReply* Controller::pending_reply(const std::string& tenant,
                                                    const std::string& key) const {
  auto it = pending_replies_.find(tenant + "\n" + key);
  return it == pending_replies_.end() ? nullptr : &it->second;
}

HttpResponse Controller::commit_or_fail(const store::StoredReply* reply) {
  auto st = commit_changes(reply);
  if (!st) return error_response(500, "store_failed", st.error().to_string());
  return {};
}

std::optional<HttpResponse> Controller::replay(const HttpRequest& req, const Principal& who,
                                               const std::string& key) {
  if (key.size() > kMaxIdempotencyKeyBytes) {
    return error_response(
        400, "invalid_input",
        "Idempotency-Key is longer than " + std::to_string(kMaxIdempotencyKeyBytes) + " bytes",
        "Idempotency-Key");
  }
  if (key.empty()) return std::nullopt;
  // A retry may arrive while the first answer is still waiting for its commit.
  std::optional<store::StoredReply> stored;
  if (const store::StoredReply* pending = pending_reply(who.tenant, key)) {
    stored = *pending;
  } else {
    auto found = store_->find_reply(who.tenant, key);
    if (!found) return error_response(503, "store_unavailable", found.error().to_string());
    stored = std::move(*found);
  }
  // An expired reply is forgotten: the key may name a new request.
  if (!stored || stored->stored_us < fabric_.now_us() - kReplyRetentionUs) return std::nullopt;
  // A key names one request of a tenant, whichever resource it created. Replies stored before
  // digests were kept hold the body itself.
  if (stored->request_body != request_digest(req.body) && stored->request_body != req.body) {
    return error_response(409, "idempotency_key_reused",
                          "this Idempotency-Key was used with another body", "Idempotency-Key");
  }
  HttpResponse resp;
  resp.status = stored->status;
  resp.body = stored->body;
  if (!stored->location.empty()) resp.headers.push_back({"Location", stored->location});
  // The first answer may still be waiting for its commit: the replay waits for everything staged
  // so far, its original included, so it acknowledges nothing that is not yet durable.
  if (store_->shares_commits()) request_ticket_ = staged_ticket_;
  return resp;
}

bool Controller::replies_expiry_due() const {
  // Once, then once per interval: a clock that reads 0 (or stands still) is no reason to expire
  // on every write.
  return !replies_expired_at_us_ ||
         fabric_.now_us() - *replies_expired_at_us_ >= kReplyExpiryIntervalUs;
}

void Controller::expire_replies() {
  std::int64_t now = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!replies_expiry_due()) return;
    now = fabric_.now_us();
    replies_expired_at_us_ = now;
  }
  // No commit is under way while commit_mu_ is held with committing_ false (lock order:
  // commit_mu_, then mu_). A failure only delays the deletion to the next pass; replay() ignores
  // expired replies either way.
  std::unique_lock<std::mutex> committing(commit_mu_);
  commit_done_.wait(committing, [&] { return !committing_; });
  std::lock_guard<std::mutex> lock(mu_);
  (void)store_->expire_replies(now - kReplyRetentionUs);
}

HttpResponse Controller::answer_created(const HttpRequest& req, const Principal& who,
                                        const std::string& key, HttpResponse resp,
                                        const std::string& location) {
  resp.headers.push_back({"Location", location});
  // Only a request with an Idempotency-Key has its reply kept (and its body hashed).
  std::optional<store::StoredReply> reply;
  if (!key.empty()) {
    reply = store::StoredReply{.tenant = who.tenant,
                               .key = key,
                               .request_body = request_digest(req.body),
                               .status = resp.status,
                               .body = resp.body,
                               .location = location,
                               .stored_us = fabric_.now_us()};
  }
  HttpResponse failed = commit_or_fail(reply ? &*reply : nullptr);
  if (failed.status != 200) return failed;
  return resp;
}

std::string Controller::metrics(const Principal& who) {
  // A tenant is shown only figures of its own: its services, the slots and GPUs they hold, its
  // workloads and its restorations. What the server as a whole did (requests, commits, free GPUs)
  // would tell it of other tenants, so only admin and read-only tokens get those.
  const std::string tenant = who.visible_tenant();
  const bool everything = tenant.empty();
  std::string out;
  if (everything) {
    std::lock_guard<std::mutex> counting(stats_mu_);
    out += "# HELP lightmesh_http_requests_total HTTP requests by method and status.\n";
    out += "# TYPE lightmesh_http_requests_total counter\n";
    for (const auto& [k, n] : requests_) {
      const auto sp = k.find(' ');
      out += fmt::format("lightmesh_http_requests_total{{method=\"{}\",code=\"{}\"}} {}\n",
                         k.substr(0, sp), k.substr(sp + 1), n);
    }
    out += "# HELP lightmesh_http_request_duration_seconds Time spent handling requests.\n";
    out += "# TYPE lightmesh_http_request_duration_seconds summary\n";
    out += fmt::format("lightmesh_http_request_duration_seconds_sum {}\n", request_seconds_);
    out += fmt::format("lightmesh_http_request_duration_seconds_count {}\n", request_count_);
  }
  std::size_t up = 0, down = 0;
  for (const auto* s : fabric_.list(tenant, "", SIZE_MAX))
    (s->state == fabric::ServiceState::kUp ? up : down)++;
  out += "# HELP lightmesh_services Services by state.\n# TYPE lightmesh_services gauge\n";
  out += fmt::format(
      "lightmesh_services{{state=\"up\"}} {}\nlightmesh_services{{state=\"down\"}} {}\n", up, down);
  const auto& st = fabric_.planner().spectrum();
  std::uint64_t slots_used = st.used_slots();
  if (!everything) {
    slots_used = 0;
    for (std::uint64_t n : slots_held(fabric_, tenant)) slots_used += 2 * n;  // both directions
  }
  out +=
      "# HELP lightmesh_spectrum_slots_used Booked 6.25 GHz slots over every fibre and "
      "direction.\n";
  out += "# TYPE lightmesh_spectrum_slots_used gauge\n";
  out += fmt::format("lightmesh_spectrum_slots_used {}\n", slots_used);
  out += fmt::format(
      "# TYPE lightmesh_spectrum_slots_total gauge\nlightmesh_spectrum_slots_total {}\n",
      static_cast<std::uint64_t>(st.link_count()) * st.grid().slot_count());
  // Compute: what the inventory holds and what workloads have been granted.
  std::uint64_t gpus_granted = 0;
  const auto workloads = fabric_.list_workloads(tenant, "", SIZE_MAX);
  for (const fabric::Workload* w : workloads)
    for (const auto& g : w->grants) gpus_granted += g.gpus;
  out += "# HELP lightmesh_workloads Placed workloads.\n# TYPE lightmesh_workloads gauge\n";
  out += fmt::format("lightmesh_workloads {}\n", workloads.size());
  if (everything) {
    std::uint64_t gpus_total = 0, gpus_free = 0;
    for (const Site& site : net_->sites())
      if (site.compute) gpus_total += site.compute->gpu_count();
    for (const Compute& c : fabric_.free_compute()) gpus_free += c.gpu_count();
    out += "# HELP lightmesh_gpus GPUs of every site's inventory, granted to workloads or free.\n";
    out += fmt::format(
        "# TYPE lightmesh_gpus gauge\nlightmesh_gpus{{state=\"granted\"}} {}\n"
        "lightmesh_gpus{{state=\"free\"}} {}\n",
        gpus_total - gpus_free, gpus_free);
  } else {
    out += "# HELP lightmesh_gpus GPUs granted to this tenant's workloads.\n";
    out += fmt::format("# TYPE lightmesh_gpus gauge\nlightmesh_gpus{{state=\"granted\"}} {}\n",
                       gpus_granted);
  }
  std::size_t restorations = 0;
  for (const auto& e : fabric_.events())
    restorations += e.what == "restored" && (everything || e.tenant == tenant);
  out += "# HELP lightmesh_restorations_total Services re-routed after a fibre cut.\n";
  out +=
      fmt::format("# TYPE lightmesh_restorations_total counter\nlightmesh_restorations_total {}\n",
                  restorations);
  if (everything) {
    out +=
        "# HELP lightmesh_store_commits_total Store transactions that made staged changes durable "
        "(one may acknowledge many requests).\n";
    out += fmt::format(
        "# TYPE lightmesh_store_commits_total counter\nlightmesh_store_commits_total {}\n",
        group_commits_);
    out +=
        "# HELP lightmesh_workload_decisions_redone_total Workload placements chosen again under "
        "the lock because a cut, repair or grant changed the fabric while they were chosen.\n";
    out += fmt::format(
        "# TYPE lightmesh_workload_decisions_redone_total counter\n"
        "lightmesh_workload_decisions_redone_total {}\n",
        workload_decisions_redone_);
  }
  return out;
}

const physics::GnpyView* Controller::gnpy_view() {
  std::call_once(gnpy_view_once_, [this] { gnpy_view_ = physics::gnpy_view_of(*net_); });
  return gnpy_view_ ? &*gnpy_view_ : nullptr;
}

}  // namespace lightmesh::server
