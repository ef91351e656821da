#include "server/controller.h"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/limits.h"
#include "io/json_doc.h"
#include "io/workload_reader.h"
#include "qot/path_computation.h"
#include "rsa/lightpath_json.h"
#include "server/tapi.h"
#include "server/tapi_ids.h"
#include "spectrum/spectrum_state.h"
#include "workloads/place.h"

namespace lightmesh::server {

namespace {

// What a stored reply keeps of the request it answered: enough to tell a retry from another
// request under the same key, not the body itself (which may be megabytes).
std::string request_digest(const std::string& body) { return token_hash(body); }

using json = nlohmann::ordered_json;

HttpResponse json_response(int status, const json& body) {
  HttpResponse r;
  r.status = status;
  // Messages may quote a path or id that is not UTF-8 ("/api/v1/services/%FF"): replace such
  // bytes rather than fail the answer.
  r.body = body.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  return r;
}

// The one place errors become statuses.
int status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kParse:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kUnsupported:
      return 409;
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse error_response(int status, const std::string& error, const std::string& detail,
                            const std::string& where = "") {
  return json_response(status, {{"error", error}, {"detail", detail}, {"where", where}});
}

HttpResponse from_error(const Error& e) {
  return error_response(status_of(e.code()), error_code_name(e.code()), e.message(), e.place());
}

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

// What carries a service now, appended to `out`: every intact lightpath of an up service, with
// its equalisation padding and whether it is the leg in use (1+1); nothing when it is down.
void append_lightpaths_now(const Network& net, const spectrum::Grid& grid, const fabric::Service& s,
                           json& out) {
  if (s.state != fabric::ServiceState::kUp) return;
  for (const auto& lp : s.lightpaths) {
    if (!lp.up) continue;
    json j = rsa::lightpath_json(net, grid, lp.path, s.id, lp.added_delay);
    j["added_delay_us"] = rsa::round_to(lp.added_delay.value(), 3);
    j["active"] = (lp.path.role == rsa::Role::kProtect) == s.on_protect;
    out.push_back(std::move(j));
  }
}

json service_json(const Network& net, const spectrum::Grid& grid, const fabric::Service& s) {
  const auto& r = s.request;
  json lps = json::array();
  append_lightpaths_now(net, grid, s, lps);
  json out = {{"id", s.id},
              {"tenant", r.tenant},
              {"name", r.name},
              {"state", fabric::state_name(s.state)},
              {"from", r.from},
              {"to", r.to},
              {"bandwidth_gbps", r.bandwidth.value()},
              {"protection", fabric::protection_name(r.protection)}};
  if (r.max_rtt) out["max_rtt_us"] = r.max_rtt->value();
  if (r.max_one_way) out["max_one_way_us"] = r.max_one_way->value();
  if (!r.latency_group.empty()) out["latency_group"] = r.latency_group;
  if (!s.down_reason.empty()) out["down_reason"] = s.down_reason;
  out["lightpaths"] = std::move(lps);
  return out;
}

json report_json(const fabric::FailureReport& r) {
  json affected = json::array();
  for (const auto& a : r.affected)
    affected.push_back({{"service", a.service}, {"outcome", a.outcome}, {"detail", a.detail}});
  return {{"fiber", r.fiber}, {"affected", affected}};
}

// {"items","next"} for one page: `fetched` holds up to limit + 1 entries, the extra one only saying
// that more follow, so `next` is the cursor of the last one shown.
template <typename T, typename ToJson>
json page_json(const std::vector<const T*>& fetched, std::size_t limit, ToJson to_json) {
  json items = json::array();
  for (std::size_t i = 0; i < fetched.size() && i < limit; ++i)
    items.push_back(to_json(*fetched[i]));
  json next = fetched.size() > limit ? json(fetched[limit - 1]->id) : json(nullptr);
  return {{"items", std::move(items)}, {"next", std::move(next)}};
}

// ?limit= within 1…kMaxPageSize (default 100).
Result<std::size_t> page_limit(const HttpRequest& req) {
  auto it = req.query.find("limit");
  if (it == req.query.end()) return std::size_t{100};
  std::size_t n = 0;
  for (char c : it->second) {
    if (c < '0' || c > '9' || n > Controller::kMaxPageSize) {
      return Error::invalid("limit must be a whole number from 1 to 1000").at_place("limit");
    }
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  if (n == 0 || n > Controller::kMaxPageSize)
    return Error::invalid("limit must be a whole number from 1 to 1000").at_place("limit");
  return n;
}

// A name a tenant gives (a service, its latency group, a workload) within kMaxNameBytes.
Status check_name(const io::Document& doc, const std::string& pointer, const std::string& name) {
  if (name.size() <= fabric::kMaxNameBytes) return {};
  return doc.error(pointer, fmt::format("a name of {} bytes (expected at most {})", name.size(),
                                        fabric::kMaxNameBytes));
}

Result<fabric::ServiceRequest> parse_service(const std::string& body, const Principal& who) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(body, "body.json"));
  io::ObjectReader r(doc, doc.root, "");
  LM_RETURN_IF_ERROR(r.expect_object());
  LM_RETURN_IF_ERROR(r.only({"from", "to", "bandwidth_gbps", "max_rtt_us", "max_one_way_us",
                             "protection", "latency_group", "name"}));
  // A missing member's place is the member's own pointer.
  for (const char* key : {"from", "to", "bandwidth_gbps"}) {
    if (!doc.root.contains(key))
      return doc.error(std::string("/") + key, fmt::format("missing required field \"{}\"", key));
  }
  fabric::ServiceRequest s;
  s.tenant = who.tenant;
  LM_ASSIGN_OR_RETURN(s.from, r.required_string("from"));
  LM_ASSIGN_OR_RETURN(s.to, r.required_string("to"));
  LM_ASSIGN_OR_RETURN(auto bw, r.required_bounded("bandwidth_gbps", limits::kBandwidthGbps));
  s.bandwidth = Gbps{bw};
  LM_ASSIGN_OR_RETURN(auto rtt, r.bounded("max_rtt_us", limits::kLatencyBoundUs));
  if (rtt) s.max_rtt = Microseconds{*rtt};
  LM_ASSIGN_OR_RETURN(auto ow, r.bounded("max_one_way_us", limits::kLatencyBoundUs));
  if (ow) s.max_one_way = Microseconds{*ow};
  LM_ASSIGN_OR_RETURN(auto p, r.string("protection"));
  if (p) {
    if (*p == "none")
      s.protection = fabric::ServiceProtection::kNone;
    else if (*p == "1+1")
      s.protection = fabric::ServiceProtection::kOnePlusOne;
    else if (*p == "restore")
      s.protection = fabric::ServiceProtection::kRestore;
    else
      return doc.error("/protection",
                       "unknown protection \"" + *p + "\" (expected none, 1+1 or restore)");
  }
  LM_ASSIGN_OR_RETURN(auto group, r.string("latency_group"));
  s.latency_group = group.value_or("");
  LM_RETURN_IF_ERROR(check_name(doc, "/latency_group", s.latency_group));
  LM_ASSIGN_OR_RETURN(auto name, r.string("name"));
  s.name = name.value_or("");
  LM_RETURN_IF_ERROR(check_name(doc, "/name", s.name));
  // TAPI keeps a client's uuid in the name; only a TAPI create, which checks the uuid is free,
  // may write that marker.
  if (s.name.rfind(kClientUuidPrefix, 0) == 0) {
    return doc.error("/name", "names beginning with \"" + std::string(kClientUuidPrefix) +
                                  "\" are reserved for TAPI-supplied uuids");
  }
  return s;
}

// A placed workload: what it holds and the answer given when it was placed, with its services'
// state now (a cut may have taken one down since).
json workload_json(const fabric::Fabric& fabric, const fabric::Workload& w) {
  json out = {{"id", w.id}, {"tenant", w.tenant}, {"name", w.name}, {"kind", w.kind}};
  json grants = json::array();
  for (const auto& g : w.grants) {
    json j = {{"site", g.site}};
    if (g.gpus > 0) {
      j["gpus"] = g.gpus;
      j["gpu_model"] = g.gpu_model;
    }
    if (g.cpu_cores > 0) j["cpu_cores"] = g.cpu_cores;
    if (g.storage_tb > 0) j["storage_tb"] = g.storage_tb;
    if (!g.role.empty()) j["role"] = g.role;
    grants.push_back(std::move(j));
  }
  out["grants"] = std::move(grants);
  json services = json::array();
  bool up = true;
  for (const auto& id : w.services) {
    const fabric::Service* s = fabric.find(id);
    const bool service_up = s && s->state == fabric::ServiceState::kUp;
    up = up && service_up;
    services.push_back({{"id", id}, {"state", service_up ? "up" : "down"}});
  }
  out["state"] = up ? "up" : "degraded";
  out["services"] = std::move(services);
  // The answer was produced by this server; a parse failure would be a corrupt store.
  json answer = json::parse(w.answer, nullptr, false);
  if (!answer.is_object()) return out;
  for (const auto& [k, v] : answer.items())
    if (!out.contains(k)) out[k] = v;
  // The lightpaths as they are now: a cut may have re-routed or switched them since.
  std::map<std::string, json> purpose;
  for (const auto& lp : answer.value("lightpaths", json::array()))
    if (lp.contains("service") && lp.contains("purpose"))
      purpose[lp["service"].get<std::string>()] = lp["purpose"];
  json lightpaths = json::array();
  for (const auto& id : w.services) {
    const fabric::Service* s = fabric.find(id);
    if (!s) continue;
    const std::size_t first = lightpaths.size();
    append_lightpaths_now(fabric.network(), fabric.planner().spectrum().grid(), *s, lightpaths);
    for (std::size_t i = first; i < lightpaths.size(); ++i) {
      lightpaths[i]["service"] = s->id;
      if (purpose.count(s->id)) lightpaths[i]["purpose"] = purpose[s->id];
    }
  }
  out["lightpaths"] = std::move(lightpaths);
  return out;
}

// A workload document, its name within kMaxNameBytes, for `who`.
Result<WorkloadSpec> parse_workload(const std::string& body, const Principal& who) {
  LM_ASSIGN_OR_RETURN(WorkloadSpec spec, io::read_workload(body, "body.json"));
  if (spec.name.size() > fabric::kMaxNameBytes) {
    return Error::invalid(fmt::format("a name of {} bytes (expected at most {})", spec.name.size(),
                                      fabric::kMaxNameBytes))
        .at("body.json", "/name");
  }
  spec.tenant = who.tenant;
  return spec;
}

// The slots a tenant's lightpaths hold on each fibre (one direction; both hold the same), by fibre
// index: what a tenant is shown of the spectrum. Down services keep their reservation, so they
// count as the planner counts them.
std::vector<std::uint64_t> slots_held(const fabric::Fabric& fabric, const std::string& tenant) {
  std::vector<std::uint64_t> held(fabric.network().fibers().size(), 0);
  for (const fabric::Service* s : fabric.list(tenant, "", SIZE_MAX))
    for (const auto& lp : s->lightpaths)
      for (FiberIndex f : lp.path.fibers) held[f] += lp.path.slots.count;
  return held;
}

// ?cursor= of the event log: an event sequence number, digits only.
Result<std::uint64_t> event_cursor(const HttpRequest& req) {
  auto it = req.query.find("cursor");
  if (it == req.query.end()) return std::uint64_t{0};
  const std::string& text = it->second;
  std::uint64_t n = 0;
  bool whole = !text.empty();
  for (char c : text) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    whole = whole && c >= '0' && c <= '9' && n <= (UINT64_MAX - digit) / 10;
    if (!whole) break;
    n = n * 10 + digit;
  }
  if (!whole)
    return Error::invalid("cursor must be an event sequence number (a whole number ≥ 0)")
        .at_place("cursor");
  return n;
}

}  // namespace

// Bodies parsed before the lock is taken, so a large or deep one costs only its own request.
struct Controller::ParsedBody {
  std::optional<Result<fabric::ServiceRequest>> service;  // POST /api/v1/services
  std::optional<Result<WorkloadSpec>> workload;           // POST /api/v1/workloads
  std::optional<workloads::Decision> decision;            // the workload's, made without the lock
  std::optional<Result<io::Document>> document;           // a POST to /restconf/…
};

Controller::Controller(const Network& net, fabric::Fabric fabric,
                       std::unique_ptr<store::Store> store, Tokens tokens)
    : net_(&net), fabric_(std::move(fabric)), store_(std::move(store)), tokens_(std::move(tokens)) {
  if (!store_) throw std::invalid_argument("Controller needs a store");
}

std::optional<Principal> Controller::principal_of(const HttpRequest& req) const {
  const std::string auth = req.header("authorization");
  const std::string prefix = "Bearer ";
  if (auth.rfind(prefix, 0) != 0) return std::nullopt;
  return tokens_.find(auth.substr(prefix.size()));
}

std::optional<HttpResponse> Controller::refuse_before_body(const HttpRequest& req) const {
  if (req.path == "/healthz" || principal_of(req)) return std::nullopt;
  if (is_tapi_path(req.path)) return tapi_unauthorized();
  HttpResponse resp =
      error_response(401, "unauthorized", "a valid bearer token is required", "Authorization");
  resp.headers.push_back({"WWW-Authenticate", "Bearer"});
  return resp;
}

HttpResponse Controller::handle(const HttpRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  HttpResponse resp;
  if (req.path == "/healthz") {
    resp = json_response(200, {{"status", "ok"}});
  } else {
    const std::optional<Principal> who = principal_of(req);
    if (!who) {
      resp = *refuse_before_body(req);
    } else if (req.path == "/api/v1/path-computation" && req.method == "POST") {
      resp = path_computation(req);
    } else {
      ParsedBody body;
      if (req.method == "POST") {
        const auto parts = split_path(req.path);
        const bool writer = who->role != Role::kReadOnly;
        const bool api = parts.size() == 3 && parts[0] == "api" && parts[1] == "v1";
        if (api && parts[2] == "services" && writer)
          body.service = parse_service(req.body, *who);
        else if (api && parts[2] == "workloads" && writer)
          body.workload = parse_workload(req.body, *who);
        if (body.workload && *body.workload) {
          // Choosing sites is the heavy part of a placement: only its snapshot holds the lock.
          workloads::FabricSnapshot basis;
          {
            std::lock_guard<std::mutex> lock(mu_);
            basis = workloads::snapshot_of(fabric_);
          }
          body.decision = workloads::decide(*net_, std::move(basis), **body.workload);
        } else if (is_tapi_path(req.path))
          body.document = io::parse_document(req.body, "body.json");
      }
      std::uint64_t ticket = 0;
      const bool write = req.method != "GET" && req.method != "HEAD";
      {
        std::lock_guard<std::mutex> lock(mu_);
        // Whatever happens, the store's transaction (PostgreSQL's writers' lock) ends here.
        try {
          if (HttpResponse failed = sync(write); failed.status != 200) {
            resp = failed;
          } else {
            resp = route(req, *who, body);
          }
        } catch (const std::exception&) {
          resp = error_response(500, "internal", "the request failed inside the controller");
        }
        store_->end();
        ticket = std::exchange(request_ticket_, 0);
      }
      // The answer leaves only once what it acknowledges is durable.
      if (ticket != 0 && !wait_durable(ticket)) {
        resp = error_response(500, "store_failed",
                              "the change could not be made durable and was undone");
      }
      if (write) expire_replies();
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  requests_[req.method + " " + std::to_string(resp.status)]++;
  request_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  request_count_++;
  return resp;
}

HttpResponse Controller::sync(bool write) {
  auto stale = store_->begin(write);
  if (!stale) return error_response(503, "store_unavailable", stale.error().to_string());
  if (!*stale) return {};
  // Only what other processes changed since; a fabric that cannot catch up is rebuilt whole.
  if (store_->catch_up(fabric_)) return {};
  return rebuild();
}

HttpResponse Controller::rebuild() {
  // Whatever the fabric held that the store does not is dropped: the store is the truth.
  fabric::Fabric fresh = fabric_.empty_like();
  if (auto st = store_->load_into(fresh); !st)
    return error_response(503, "store_corrupt", st.error().to_string());
  fabric_ = std::move(fresh);
  return {};
}

Status Controller::commit_changes(const store::StoredReply* reply) {
  if (store_->shares_commits()) {
    staged_.changes.append(fabric_.take_changes());
    if (reply) {
      staged_.replies.push_back(*reply);
      pending_replies_[reply->tenant + "\n" + reply->key] = *reply;
    }
    request_ticket_ = ++staged_ticket_;
    return {};
  }
  auto st = store_->commit(fabric_.take_changes(), *net_, reply);
  if (st) return {};
  // Nothing was acknowledged: put the fabric back to what the store holds.
  (void)rebuild();
  return st;
}

bool Controller::wait_durable(std::uint64_t ticket) {
  std::lock_guard<std::mutex> committing(commit_mu_);
  if (durable_ticket_ < ticket) {
    // This request leads: it commits everything staged so far, its own changes included.
    Staged batch;
    std::uint64_t upto = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      batch = std::exchange(staged_, Staged{});
      upto = staged_ticket_;
    }
    const Status st = store_->commit_group(batch.changes, *net_, batch.replies);
    std::lock_guard<std::mutex> lock(mu_);
    group_commits_++;
    if (st) {
      durable_ticket_ = upto;
      for (const auto& r : batch.replies) pending_replies_.erase(r.tenant + "\n" + r.key);
    } else {
      // Whatever was staged since builds on the lost batch: it is lost with it, and the fabric
      // goes back to what the store holds.
      failed_.emplace_back(durable_ticket_ + 1, staged_ticket_);
      durable_ticket_ = staged_ticket_;
      staged_ = Staged{};
      pending_replies_.clear();
      (void)rebuild();
    }
  }
  for (const auto& [first, last] : failed_) {
    if (ticket >= first && ticket <= last) return false;
  }
  return true;
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
  return resp;
}

void Controller::expire_replies() {
  std::int64_t now = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    now = fabric_.now_us();
    // Once, then once per interval: a clock that reads 0 (or stands still) is no reason to expire
    // on every write.
    if (replies_expired_at_us_ && now - *replies_expired_at_us_ < kReplyExpiryIntervalUs) return;
    replies_expired_at_us_ = now;
  }
  // No commit is under way while both are held (lock order: commit_mu_, then mu_). A failure only
  // delays the deletion to the next pass; replay() ignores expired replies either way.
  std::lock_guard<std::mutex> committing(commit_mu_);
  std::lock_guard<std::mutex> lock(mu_);
  (void)store_->expire_replies(now - kReplyRetentionUs);
}

HttpResponse Controller::create_service(const HttpRequest& req, const Principal& who,
                                        const ParsedBody& body) {
  const std::string key = req.header("idempotency-key");
  if (auto replayed = replay(req, who, key)) return *replayed;
  auto request = body.service ? *body.service : parse_service(req.body, who);
  if (!request) return from_error(request.error());
  fabric::Refusal refusal;
  auto created = fabric_.create(std::move(*request), &refusal);
  if (!created) {
    // A refusal changes nothing and is not remembered: a retry may succeed once spectrum frees.
    return created.error().code() == ErrorCode::kUnsupported
               ? json_response(
                     409, {{"error", refusal.reason}, {"detail", refusal.detail}, {"where", ""}})
               : from_error(created.error());
  }
  return answer_created(req, who, key,
                        service_json(*net_, fabric_.planner().spectrum().grid(), **created),
                        "/api/v1/services/" + (*created)->id);
}

HttpResponse Controller::create_workload(const HttpRequest& req, const Principal& who,
                                         const ParsedBody& body) {
  const std::string key = req.header("idempotency-key");
  if (auto replayed = replay(req, who, key)) return *replayed;
  auto spec = body.workload ? *body.workload : parse_workload(req.body, who);
  if (!spec) return from_error(spec.error());
  // A decision made on a snapshot that no longer holds (a cut, a repair or a grant since) is made
  // again here, under the lock, so two workloads never book the same GPUs.
  const bool current = body.decision && workloads::still_current(fabric_, *body.decision);
  if (body.decision && !current) workload_decisions_redone_++;
  auto placed = current ? workloads::book(fabric_, *spec, req.body, *body.decision)
                        : workloads::place(fabric_, *spec, req.body);
  if (!placed || placed->choice.refusal) {
    // Nothing stays booked, but a placement undone half way has created and deleted services:
    // the event log keeps that trail, so it is committed like any other change.
    if (HttpResponse failed = commit_or_fail(); failed.status != 200) return failed;
    if (!placed) return from_error(placed.error());
    // As with services, a refusal is not remembered: a retry may succeed once capacity frees.
    const workloads::Refusal& refusal = *placed->choice.refusal;
    json body = {{"error", refusal.reason}, {"detail", refusal.detail}, {"where", ""}};
    body["refused"] = placed->answer["refused"];
    return json_response(409, body);
  }
  const fabric::Workload* w = fabric_.find_workload(placed->workload);
  if (!w) return error_response(500, "internal", "the placed workload vanished");
  return answer_created(req, who, key, workload_json(fabric_, *w), "/api/v1/workloads/" + w->id);
}

HttpResponse Controller::answer_created(const HttpRequest& req, const Principal& who,
                                        const std::string& key, const json& body,
                                        const std::string& location) {
  HttpResponse resp = json_response(201, body);
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

HttpResponse Controller::workloads(const HttpRequest& req, const Principal& who,
                                   const std::vector<std::string>& parts, const ParsedBody& body) {
  const std::string& m = req.method;
  const bool writer = who.role != Role::kReadOnly;
  const std::string tenant_filter = who.visible_tenant();
  if (parts.size() == 3 && m == "GET") {
    auto limit = page_limit(req);
    if (!limit) return from_error(limit.error());
    const auto cursor = req.query.count("cursor") ? req.query.at("cursor") : std::string();
    return json_response(
        200, page_json(fabric_.list_workloads(tenant_filter, cursor, *limit + 1), *limit,
                       [&](const fabric::Workload& w) { return workload_json(fabric_, w); }));
  }
  if (parts.size() == 3 && m == "POST") {
    if (!writer) return error_response(403, "forbidden", "this token may not do that");
    return create_workload(req, who, body);
  }
  if (parts.size() == 4 && (m == "GET" || m == "DELETE")) {
    const fabric::Workload* w = fabric_.find_workload(parts[3]);
    if (!w || (!tenant_filter.empty() && w->tenant != tenant_filter))
      return error_response(404, "not_found", "no workload \"" + io::printable(parts[3]) + "\"",
                            "id");
    if (m == "GET") return json_response(200, workload_json(fabric_, *w));
    if (!writer) return error_response(403, "forbidden", "this token may not do that");
    if (auto st = fabric_.remove_workload(parts[3]); !st) return from_error(st.error());
    HttpResponse failed = commit_or_fail();
    if (failed.status != 200) return failed;
    HttpResponse r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
  return error_response(404, "not_found", "no such route for " + m, io::printable(req.path));
}

HttpResponse Controller::path_computation(const HttpRequest& req) {
  std::call_once(gnpy_view_once_, [this] { gnpy_view_ = physics::gnpy_view_of(*net_); });
  const physics::GnpyView* loaded = gnpy_view_ ? &*gnpy_view_ : nullptr;
  Result<std::string> answer = qot::compute_path_request(req.body, loaded);
  if (!answer) {
    // Whatever the engine refuses is the body's doing (a type it does not support included), so
    // it is a 400; `where` points into the body: the member, then the pointer inside it.
    const Error& e = answer.error();
    if (e.code() == ErrorCode::kInternal) return from_error(e);
    const std::string member = e.file().empty() || e.file() == "request body" ? "" : "/" + e.file();
    return error_response(400, error_code_name(e.code()), e.message(), member + e.place());
  }
  HttpResponse r;
  r.status = 201;  // as GNPy's server answers
  r.body = std::move(*answer);
  return r;
}

HttpResponse Controller::route(const HttpRequest& req, const Principal& who,
                               const ParsedBody& body) {
  if (is_tapi_path(req.path)) {
    return handle_tapi(
        req, who, fabric_, [this] { return commit_changes(); },
        body.document ? &*body.document : nullptr);
  }
  const auto parts = split_path(req.path);
  const std::string& m = req.method;
  const bool admin = who.role == Role::kAdmin;
  const bool writer = who.role != Role::kReadOnly;
  const std::string tenant_filter = who.visible_tenant();
  auto forbidden = [] { return error_response(403, "forbidden", "this token may not do that"); };
  auto visible = [&](const fabric::Service* s) {
    return s && (tenant_filter.empty() || s->request.tenant == tenant_filter);
  };
  const auto& grid = fabric_.planner().spectrum().grid();

  if (parts.size() == 1 && parts[0] == "metrics" && m == "GET") {
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4";
    r.body = metrics(who);
    return r;
  }
  if (parts.size() < 3 || parts[0] != "api" || parts[1] != "v1")
    return error_response(404, "not_found", "no such route", io::printable(req.path));
  const std::string& what = parts[2];

  if (what == "workloads") return workloads(req, who, parts, body);
  if (what == "services") {
    if (parts.size() == 3 && m == "GET") {
      auto limit = page_limit(req);
      if (!limit) return from_error(limit.error());
      const auto cursor = req.query.count("cursor") ? req.query.at("cursor") : std::string();
      std::vector<const fabric::Service*> page;
      if (auto q = req.query.find("qot"); q != req.query.end()) {
        // ?qot=failing: services with a lightpath below its mode's required OSNR + margin.
        if (q->second != "failing")
          return error_response(400, "invalid_input",
                                "qot must be \"failing\" (got \"" + q->second + "\")", "qot");
        for (const fabric::Service* sv : fabric_.list(tenant_filter, cursor, fabric_.size())) {
          if (page.size() == *limit + 1) break;
          if (fabric_.qot_failing(*sv)) page.push_back(sv);
        }
      } else {
        page = fabric_.list(tenant_filter, cursor, *limit + 1);
      }
      return json_response(200, page_json(page, *limit, [&](const fabric::Service& sv) {
                             return service_json(*net_, grid, sv);
                           }));
    }
    if (parts.size() == 3 && m == "POST") {
      if (!writer) return forbidden();
      return create_service(req, who, body);
    }
    if (parts.size() == 4) {
      const fabric::Service* s = fabric_.find(parts[3]);
      if (!visible(s))
        return error_response(404, "not_found", "no service \"" + io::printable(parts[3]) + "\"",
                              "id");
      if (m == "GET") return json_response(200, service_json(*net_, grid, *s));
      if (m == "DELETE") {
        if (!writer) return forbidden();
        if (auto st = fabric_.remove(parts[3]); !st) return from_error(st.error());
        HttpResponse failed = commit_or_fail();
        if (failed.status != 200) return failed;
        HttpResponse r;
        r.status = 204;
        r.content_type.clear();
        return r;
      }
    }
  } else if (what == "fibers") {
    // A tenant sees the slots its own services hold; admin and read-only tokens see every booking.
    const std::vector<std::uint64_t> held =
        tenant_filter.empty() ? std::vector<std::uint64_t>{} : slots_held(fabric_, tenant_filter);
    auto used_on = [&](FiberIndex f) -> std::uint64_t {
      if (!tenant_filter.empty()) return held[f];
      return fabric_.planner().spectrum().link(spectrum::link_index(f, false)).used();
    };
    if (parts.size() == 3 && m == "GET") {
      json items = json::array();
      for (FiberIndex f = 0; f < net_->fibers().size(); ++f) {
        const Fiber& fib = net_->fiber(f);
        const std::uint64_t used = used_on(f);
        items.push_back(
            {{"id", fib.id},
             {"a", net_->node(fib.a).id},
             {"b", net_->node(fib.b).id},
             {"length_km", rsa::round_to(fib.length.value(), 3)},
             {"state", fabric_.planner().fiber_down(f) ? "cut" : "up"},
             {"slots_used", used},
             {"slots_total", grid.slot_count()},
             {"utilisation", rsa::round_to(static_cast<double>(used) / grid.slot_count(), 6)}});
      }
      return json_response(200, {{"items", items}});
    }
    if (parts.size() == 5 && parts[4] == "spectrum" && m == "GET") {
      const FiberIndex f = net_->find_fiber(parts[3]);
      if (f == kNoIndex)
        return error_response(404, "not_found", "no fibre \"" + io::printable(parts[3]) + "\"",
                              "id");
      json channels = json::array();
      for (const fabric::Service* s : fabric_.list(tenant_filter, "", SIZE_MAX)) {
        for (const auto& lp : s->lightpaths) {
          if (std::find(lp.path.fibers.begin(), lp.path.fibers.end(), f) == lp.path.fibers.end())
            continue;
          channels.push_back(
              {{"service", s->id},
               {"first_slot", lp.path.slots.first},
               {"slot_count", lp.path.slots.count},
               {"n", spectrum::n_of(grid, lp.path.slots)},
               {"m", spectrum::m_of(lp.path.slots)},
               {"center_thz", rsa::round_to(spectrum::center_thz(grid, lp.path.slots), 6)},
               {"width_ghz", spectrum::width(lp.path.slots).value()}});
        }
      }
      return json_response(200, {{"fiber", parts[3]},
                                 {"slots_total", grid.slot_count()},
                                 {"slots_used", used_on(f)},
                                 {"channels", channels}});
    }
  } else if (what == "failures") {
    if (parts.size() == 3 && m == "GET") {
      json items = json::array();
      for (const auto& f : fabric_.failed_fibers()) items.push_back({{"fiber", f}});
      return json_response(200, {{"items", items}});
    }
    if (!admin && (m == "POST" || m == "DELETE")) return forbidden();
    if (parts.size() == 3 && m == "POST") {
      auto doc = io::parse_document(req.body, "body.json");
      if (!doc) return from_error(doc.error());
      io::ObjectReader r(*doc, doc->root, "");
      if (auto st = r.expect_object(); !st) return from_error(st.error());
      if (auto st = r.only({"fiber"}); !st) return from_error(st.error());
      auto fiber = r.required_string("fiber");
      if (!fiber) return from_error(fiber.error());
      auto report = fabric_.cut(*fiber);
      if (!report) return from_error(report.error());
      HttpResponse failed = commit_or_fail();
      if (failed.status != 200) return failed;
      return json_response(200, report_json(*report));
    }
    if (parts.size() == 4 && m == "DELETE") {
      auto report = fabric_.repair(parts[3]);
      if (!report) return from_error(report.error());
      HttpResponse failed = commit_or_fail();
      if (failed.status != 200) return failed;
      return json_response(200, report_json(*report));
    }
  } else if (what == "events" && parts.size() == 3 && m == "GET") {
    auto limit = page_limit(req);
    if (!limit) return from_error(limit.error());
    auto cursor = event_cursor(req);
    if (!cursor) return from_error(cursor.error());
    const std::uint64_t after = *cursor;
    json items = json::array();
    std::uint64_t last = 0;
    bool more = false;
    for (const auto& e : fabric_.events()) {
      if (e.sequence <= after || (!tenant_filter.empty() && e.tenant != tenant_filter)) continue;
      if (items.size() == *limit) {
        more = true;
        break;
      }
      items.push_back({{"sequence", e.sequence},
                       {"time_us", e.time_us},
                       {"tenant", e.tenant},
                       {"service", e.service},
                       {"what", e.what},
                       {"why", e.why}});
      last = e.sequence;
    }
    return json_response(
        200, {{"items", items}, {"next", more ? json(std::to_string(last)) : json(nullptr)}});
  }
  return error_response(404, "not_found", "no such route for " + m, io::printable(req.path));
}

std::string Controller::metrics(const Principal& who) {
  // A tenant is shown only figures of its own: its services, the slots and GPUs they hold, its
  // workloads and its restorations. What the server as a whole did (requests, commits, free GPUs)
  // would tell it of other tenants, so only admin and read-only tokens get those.
  const std::string tenant = who.visible_tenant();
  const bool everything = tenant.empty();
  std::string out;
  if (everything) {
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

}  // namespace lightmesh::server
