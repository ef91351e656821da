// libFuzzer target: sequences of requests through Controller::handle, in-process, over the London
// example with an in-memory SQLite store and four principals (an admin, two tenants and a
// read-only auditor). Each input is a fresh controller; the bytes choose the requests: REST
// service creates (built or raw bodies, with and without idempotency keys) and deletes, fibre cuts
// and repairs, workload creates (the examples or raw bodies) and deletes, TAPI creates and deletes
// (built or raw, data tree and RPC), path computation, GETs with fuzzed paths and queries, and
// probes of one tenant's services by another.
//
// After every request it checks, through the API:
// - no answer is a 5xx (an in-memory store cannot fail, so none of the documented 503/500 apply),
//   and every JSON answer parses;
// - the live services change only as the answer says: a refusal, a GET, a computation, a cut or a
//   repair changes nothing; a 201 adds (a REST or TAPI create exactly one new service of the
//   caller's tenant); a delete removes exactly what it named;
// - every acknowledged create is still live unless an acknowledged delete removed it;
// - a tenant lists only its own services, sees all of them in REST and TAPI, and gets 404 for
//   another tenant's;
// - after every change, on every fibre, the lightpaths booked on it never share a slot and their
//   slots add up to what the spectrum state says is used.
// At the end the event log replays to the live services, and deleting everything leaves every
// fibre empty.
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "fuzz_support.h"
#include "io/load.h"
#include "server/controller.h"
#include "server/tapi_ids.h"
#include "store/sqlite_store.h"

namespace {

using json = nlohmann::json;
using lightmesh::fuzz::Bytes;
using lightmesh::fuzz::fail;
using lightmesh::server::Controller;
using lightmesh::server::HttpRequest;
using lightmesh::server::HttpResponse;

const std::string kServices = "/api/v1/services";
const std::string kContext = "/restconf/data/tapi-common:context";
const std::string kConnectivity = kContext + "/tapi-connectivity:connectivity-context";
const std::string kCreateRpc = "/restconf/operations/tapi-connectivity:create-connectivity-service";
const std::string kDeleteRpc = "/restconf/operations/tapi-connectivity:delete-connectivity-service";

struct Principal {
  const char* token;
  const char* tenant;
  bool sees_all;  // admin and read-only see every tenant
};
// Index 0 is the admin the checks use.
constexpr Principal kWho[] = {{"fuzz-admin-1", "ops", true},
                              {"fuzz-bank-1", "bank", false},
                              {"fuzz-tv-123", "tv", false},
                              {"fuzz-audit-1", "audit", true}};
constexpr const char* kTokens = R"({"tokens": [
  {"token": "fuzz-admin-1", "tenant": "ops", "role": "admin"},
  {"token": "fuzz-bank-1", "tenant": "bank", "role": "tenant"},
  {"token": "fuzz-tv-123", "tenant": "tv", "role": "tenant"},
  {"token": "fuzz-audit-1", "tenant": "audit", "role": "read-only"}]})";

// What every input starts from: the network, a fabric with nothing booked (whose QoT tables each
// input's copy shares), the example workloads.
struct Fixture {
  lightmesh::Network net;
  lightmesh::fabric::Fabric empty;
  std::vector<std::string> sites, fibers, workloads;

  Fixture()
      : net(lightmesh::io::load_network(std::string(LIGHTMESH_SOURCE_DIR) +
                                        "/examples/london/network.json")
                .value()),
        empty(lightmesh::fabric::Fabric::make(net, {}, [] {
                return std::int64_t{1'700'000'000'000'000};
              }).value()) {
    for (const auto& s : net.sites()) sites.push_back(s.id);
    for (const auto& f : net.fibers()) fibers.push_back(f.id);
    for (const char* name : {"inference.json", "inference-refused.json", "production.json",
                             "sites.json", "training.json"})
      workloads.push_back(lightmesh::fuzz::source_file(std::string("examples/workloads/") + name));
  }
};

class Run {
 public:
  // How a request may change the live services when it succeeds.
  enum class Expect { kNothing, kAddsOne, kAdds, kRemoves };

  explicit Run(const Fixture& fx)
      : fx_(fx),
        controller_(fx.net, fx.empty.empty_like(),
                    lightmesh::store::SqliteStore::open(":memory:").value(),
                    lightmesh::server::Tokens::parse(kTokens, "tokens.json").value()) {}

  HttpResponse call(std::size_t who, const std::string& method, const std::string& path,
                    const std::string& body = "", const std::string& key = "") {
    HttpRequest r;
    r.method = method;
    const auto q = path.find('?');
    r.path = path.substr(0, q);
    if (q != std::string::npos) {
      std::string rest = path.substr(q + 1);
      while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string kv = rest.substr(0, amp);
        const auto eq = kv.find('=');
        r.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
        rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
      }
    }
    r.headers["authorization"] = std::string("Bearer ") + kWho[who].token;
    r.headers["content-type"] = "application/json";
    if (!key.empty()) r.headers["idempotency-key"] = key;
    r.body = body;
    // As the HTTP layer does: what can be answered on this thread is (the quick path, its answer
    // coming from the commit's thread), the rest goes through handle().
    HttpResponse a;
    std::promise<HttpResponse> later;
    switch (controller_.handle_now(
        r, a, [&later](HttpResponse resp) { later.set_value(std::move(resp)); })) {
      case lightmesh::server::Controller::Now::kDeclined:
        a = controller_.handle(r);
        break;
      case lightmesh::server::Controller::Now::kLater:
        a = later.get_future().get();
        break;
      case lightmesh::server::Controller::Now::kAnswered:
        break;
    }
    if (a.status >= 500)
      fail(method + " " + path + " answered " + std::to_string(a.status), a.body);
    if (a.content_type.find("json") != std::string::npos && !a.body.empty() &&
        !json::accept(a.body))
      fail(method + " " + path + ": the answer is not JSON", a.body);
    return a;
  }

  // id → tenant of every live service, as the admin lists them.
  std::map<std::string, std::string> live() {
    std::map<std::string, std::string> out;
    std::string cursor;
    do {
      const auto r =
          call(0, "GET", kServices + "?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor));
      if (r.status != 200) fail("the admin cannot list services", r.body);
      const json page = json::parse(r.body);
      for (const auto& s : page["items"])
        out[s["id"].get<std::string>()] = s["tenant"].get<std::string>();
      cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
    } while (!cursor.empty());
    return out;
  }

  void step(Bytes& in) {
    const std::size_t who = in.pick(4);
    const auto before = live();
    const auto slots_before = slots_per_fibre();
    std::string what;  // what the request was, for messages
    HttpResponse r;
    Expect expect = Expect::kNothing;
    bool keyed = false;  // sent with an Idempotency-Key, so a 201 may replay an earlier create
    std::string named;   // the service a delete names
    switch (in.pick(14)) {
      case 0: {  // a REST create built from choices
        json b = {{"from", site(in)}, {"to", site(in)}};
        const double rates[] = {10, 100, 200, 400, 800, 1000, 1600, 0.5};
        b["bandwidth_gbps"] = rates[in.pick(8)];
        const char* protection[] = {"none", "1+1", "restore"};
        b["protection"] = protection[in.pick(3)];
        if (const auto v = in.byte(); v & 1) b["max_rtt_us"] = 20.0 * v;
        if (const auto g = in.pick(4)) b["latency_group"] = "g" + std::to_string(g);
        const auto k = in.pick(4);
        keyed = k != 0;
        what = "create " + b.dump();
        r = call(who, "POST", kServices, b.dump(), k ? "key-" + std::to_string(k) : "");
        expect = Expect::kAddsOne;
        break;
      }
      case 1: {
        const std::string body = in.text();
        what = "create (raw)";
        keyed = in.pick(2) == 1;
        r = call(who, "POST", kServices, body, keyed ? "raw-key" : "");
        expect = Expect::kAddsOne;
        break;
      }
      case 2: {
        named = pick_service(in, before);
        what = "delete " + named;
        r = call(who, "DELETE", kServices + "/" + named);
        expect = Expect::kRemoves;
        break;
      }
      case 3:
        what = "cut";
        r = call(who, "POST", "/api/v1/failures", json{{"fiber", fibre(in)}}.dump());
        break;
      case 4:
        what = "repair";
        r = call(who, "DELETE", "/api/v1/failures/" + fibre(in));
        break;
      case 5:
        what = "workload (example)";
        r = call(who, "POST", "/api/v1/workloads", fx_.workloads[in.pick(fx_.workloads.size())]);
        expect = Expect::kAdds;
        break;
      case 6: {
        const std::string body = in.text();
        what = "workload (raw)";
        r = call(who, "POST", "/api/v1/workloads", body);
        expect = Expect::kAdds;
        break;
      }
      case 7: {
        const auto list = json::parse(call(who, "GET", "/api/v1/workloads?limit=1000").body);
        std::string id = "wl-000001";
        if (list.contains("items") && !list["items"].empty())
          id = list["items"][in.pick(list["items"].size())]["id"];
        what = "delete workload " + id;
        r = call(who, "DELETE", "/api/v1/workloads/" + id);
        expect = Expect::kRemoves;
        break;
      }
      case 8: {  // a TAPI create built from choices, in the data-tree or the RPC form
        const double gbps[] = {10, 100, 400, 1000};
        const char* protection[] = {"NO_PROTECTION", "ONE_PLUS_ONE_PROTECTION"};
        const json entry = {
            {"end-point",
             {{{"local-id", "a"},
               {"service-interface-point",
                {{"service-interface-point-uuid", lightmesh::server::sip_uuid(site(in))}}}},
              {{"local-id", "z"},
               {"service-interface-point",
                {{"service-interface-point-uuid", lightmesh::server::sip_uuid(site(in))}}}}}},
            {"requested-capacity",
             {{"total-size", {{"value", gbps[in.pick(4)]}, {"unit", "GBPS"}}}}},
            {"resilience-constraint",
             {{{"resilience-type",
                {{"restoration-policy", "NA"}, {"protection-type", protection[in.pick(2)]}}}}}}};
        what = "TAPI create " + entry.dump();
        if (in.pick(2))
          r = call(who, "POST", kConnectivity,
                   json{{"tapi-connectivity:connectivity-service", {entry}}}.dump());
        else
          r = call(who, "POST", kCreateRpc, json{{"tapi-connectivity:input", entry}}.dump());
        expect = Expect::kAddsOne;
        break;
      }
      case 9: {
        const std::string* paths[] = {&kConnectivity, &kCreateRpc, &kDeleteRpc};
        const std::string& path = *paths[in.pick(3)];
        const std::string body = in.text();
        what = "TAPI " + path + " (raw)";
        r = call(who, "POST", path, body);
        expect = &path == &kDeleteRpc ? Expect::kRemoves : Expect::kAddsOne;
        break;
      }
      case 10: {  // a TAPI delete of one of the caller's services, by uuid
        const auto list = tapi_uuids(who);
        const std::string uuid =
            list.empty() ? "00000000-7376-8000-8000-000000000001" : list[in.pick(list.size())];
        what = "TAPI delete " + uuid;
        if (in.pick(2))
          r = call(who, "DELETE", kConnectivity + "/connectivity-service=" + uuid);
        else
          r = call(who, "POST", kDeleteRpc,
                   json{{"tapi-connectivity:input", {{"service-id-or-name", uuid}}}}.dump());
        expect = Expect::kRemoves;
        break;
      }
      case 11: {
        std::string body;
        if (in.pick(2)) {
          const char* trx[] = {"flex-32G", "400ZR", "nope"};
          const json request = {{"request-id", "r"},
                                {"source", "trx " + site(in)},
                                {"destination", "trx " + site(in)},
                                {"src-tp-id", "trx " + site(in)},
                                {"dst-tp-id", "trx " + site(in)},
                                {"bidirectional", in.pick(2) == 1},
                                {"path-constraints",
                                 {{"te-bandwidth",
                                   {{"technology", "flexi-grid"},
                                    {"trx_type", trx[in.pick(3)]},
                                    {"trx_mode", nullptr},
                                    {"effective-freq-slot", {{{"N", nullptr}, {"M", nullptr}}}},
                                    {"spacing", 50e9},
                                    {"max-nb-of-channel", nullptr},
                                    {"output-power", nullptr},
                                    {"path_bandwidth", 100e9}}}}}};
          body = json{{"gnpy-api:service", {{"path-request", {request}}}}}.dump();
        } else {
          body = in.text();
        }
        what = "path computation";
        r = call(who, "POST", "/api/v1/path-computation", body);
        break;
      }
      case 12: {  // a GET of a listed route with a fuzzed tail and query
        const std::string roots[] = {kServices + "?",
                                     kServices + "/",
                                     "/api/v1/events?",
                                     "/api/v1/fibers/",
                                     "/api/v1/failures?",
                                     "/api/v1/workloads?",
                                     "/api/v1/workloads/",
                                     kConnectivity + "/connectivity-service=",
                                     kConnectivity + "/connection=",
                                     kContext + "/service-interface-point=",
                                     "/metrics?",
                                     "/healthz?"};
        const std::string tail = in.text();
        what = "GET (fuzzed)";
        r = call(who, "GET", roots[in.pick(std::size(roots))] + tail);
        break;
      }
      default: {  // a tenant probing another's service
        const std::string id = pick_service(in, before);
        what = "probe " + id;
        r = call(who, "GET", kServices + "/" + id);
        const auto it = before.find(id);
        const bool own =
            it != before.end() && (kWho[who].sees_all || it->second == kWho[who].tenant);
        if (own != (r.status == 200))
          fail(what + " as " + kWho[who].tenant + ": " + std::to_string(r.status), r.body);
        break;
      }
    }
    if (std::getenv("LIGHTMESH_FUZZ_TRACE"))  // to see what a seed or a finding does
      std::fprintf(stderr, "%s as %s: %d %s\n", what.c_str(), kWho[who].tenant, r.status,
                   r.body.substr(0, 160).c_str());
    check_change(who, what, r, expect, keyed, named, before, slots_before);
  }

  // The whole state, after a change.
  void check_state() {
    const auto services = live();
    for (const auto& id : acknowledged_)
      if (!services.count(id)) fail("acknowledged service " + id + " is gone");
    for (std::size_t who : {1, 2}) {
      const auto mine = call(who, "GET", kServices + "?limit=1000");
      std::set<std::string> seen;
      const json listed = json::parse(mine.body);
      for (const auto& s : listed["items"]) {
        if (s["tenant"] != kWho[who].tenant)
          fail(std::string(kWho[who].tenant) + " sees " + s.dump());
        seen.insert(s["id"].get<std::string>());
      }
      std::set<std::string> expected;
      for (const auto& [id, tenant] : services)
        if (tenant == kWho[who].tenant) expected.insert(id);
      if (seen != expected) {
        std::string listed;
        for (const auto& id : expected) listed += id + " ";
        fail(std::string(kWho[who].tenant) + " does not list exactly its services: " + listed,
             mine.body);
      }
      if (tapi_uuids(who).size() != expected.size())
        fail(std::string(kWho[who].tenant) + "'s TAPI context does not hold its services");
    }
    check_spectrum();
  }

  // On every fibre: the channels never share a slot, and their slots add up to what is used.
  void check_spectrum() {
    for (const std::string& f : fx_.fibers) {
      const auto r = call(0, "GET", "/api/v1/fibers/" + f + "/spectrum");
      if (r.status != 200) fail("spectrum of " + f, r.body);
      const json j = json::parse(r.body);
      std::vector<int> owner(j["slots_total"].get<std::size_t>(), 0);
      std::uint64_t sum = 0;
      for (const auto& c : j["channels"]) {
        const std::uint32_t first = c["first_slot"], count = c["slot_count"];
        if (count == 0 || first + count > owner.size())
          fail("a channel outside the band on " + f, c.dump());
        for (std::uint32_t s = first; s < first + count; ++s)
          if (++owner[s] > 1)
            fail("slot " + std::to_string(s) + " of " + f + " booked twice", r.body);
        sum += count;
      }
      if (sum != j["slots_used"].get<std::uint64_t>())
        fail("the spectrum state of " + f + " does not match its channels", r.body);
    }
  }

  // The event log replays to the live services; deleting everything leaves every fibre empty.
  void finish() {
    if (!changed_) return;  // nothing was booked: the checks after each request covered it
    std::set<std::string> replay;
    std::string cursor;
    do {
      const auto r =
          call(0, "GET", "/api/v1/events?limit=1000" + (cursor.empty() ? "" : "&cursor=" + cursor));
      const json page = json::parse(r.body);
      for (const auto& e : page["items"]) {
        if (e["what"] == "created") replay.insert(e["service"].get<std::string>());
        if (e["what"] == "deleted") replay.erase(e["service"].get<std::string>());
      }
      cursor = page["next"].is_null() ? "" : page["next"].get<std::string>();
    } while (!cursor.empty());
    std::set<std::string> now;
    for (const auto& [id, tenant] : live()) now.insert(id);
    if (replay != now) fail("the event log does not replay to the live services");
    const json workloads = json::parse(call(0, "GET", "/api/v1/workloads?limit=1000").body);
    for (const auto& w : workloads["items"])
      if (call(0, "DELETE", "/api/v1/workloads/" + w["id"].get<std::string>()).status != 204)
        fail("cannot delete workload " + w.dump());
    for (const auto& [id, tenant] : live())
      if (call(0, "DELETE", kServices + "/" + id).status != 204) fail("cannot delete " + id);
    for (const std::string& f : fx_.fibers) {
      const json j = json::parse(call(0, "GET", "/api/v1/fibers/" + f + "/spectrum").body);
      if (j["slots_used"] != 0) fail("slots left booked on " + f + " after deleting everything");
    }
  }

 private:
  std::string site(Bytes& in) {
    const auto i = in.pick(fx_.sites.size() + 1);
    return i < fx_.sites.size() ? fx_.sites[i] : "NOWHERE";
  }
  std::string fibre(Bytes& in) {
    const auto i = in.pick(fx_.fibers.size() + 1);
    return i < fx_.fibers.size() ? fx_.fibers[i] : "NO-FIBRE";
  }
  static std::string pick_service(Bytes& in, const std::map<std::string, std::string>& live) {
    const auto i = in.pick(live.size() + 1);
    if (i == live.size()) return "svc-999999";
    return std::next(live.begin(), static_cast<std::ptrdiff_t>(i))->first;
  }
  // The slots booked on each fibre, in one request.
  std::vector<std::uint64_t> slots_per_fibre() {
    const auto r = call(0, "GET", "/api/v1/fibers");
    if (r.status != 200) fail("the admin cannot list fibres", r.body);
    std::vector<std::uint64_t> out;
    const json j = json::parse(r.body);
    for (const auto& f : j["items"]) out.push_back(f["slots_used"].get<std::uint64_t>());
    return out;
  }
  std::vector<std::string> tapi_uuids(std::size_t who) {
    const auto r = call(who, "GET", kConnectivity);
    if (r.status != 200) fail("TAPI connectivity context", r.body);
    std::vector<std::string> out;
    const json j = json::parse(r.body);
    for (const auto& [key, context] : j.items())
      if (context.contains("connectivity-service"))
        for (const auto& s : context["connectivity-service"])
          out.push_back(s["uuid"].get<std::string>());
    return out;
  }

  void check_change(std::size_t who, const std::string& what, const HttpResponse& r, Expect expect,
                    bool keyed, const std::string& named,
                    const std::map<std::string, std::string>& before,
                    const std::vector<std::uint64_t>& slots_before) {
    const auto after = live();
    std::set<std::string> added, removed;
    for (const auto& [id, tenant] : after)
      if (!before.count(id)) added.insert(id);
    for (const auto& [id, tenant] : before)
      if (!after.count(id)) removed.insert(id);
    const std::string where = what + " as " + kWho[who].tenant + " → " + std::to_string(r.status);
    const bool ok = r.status >= 200 && r.status < 300;
    if (!ok || expect == Expect::kNothing) {
      if (!added.empty() || !removed.empty()) fail(where + " changed the services", r.body);
      const bool cut_or_repair = ok && (what == "cut" || what == "repair");
      if (!cut_or_repair && slots_per_fibre() != slots_before)
        fail(where + " changed the booked spectrum", r.body);
      if (!cut_or_repair) return;
    }
    for (const auto& id : added) {
      if (after.at(id) != kWho[who].tenant) fail(where + " made a service for another tenant", id);
      acknowledged_.insert(id);
    }
    switch (expect) {
      case Expect::kAddsOne:  // one new service, or with a key an earlier create replayed
        if (!removed.empty() || added.size() > 1)
          fail(where + " changed more than one service", r.body);
        if (added.empty() && !keyed)
          fail(where + " acknowledged a create that added nothing", r.body);
        break;
      case Expect::kAdds:
        if (!removed.empty()) fail(where + " removed services", r.body);
        break;
      default:
        if (!added.empty()) fail(where + " added services", r.body);
        if (!named.empty() && removed != std::set<std::string>{named})
          fail(where + " did not remove exactly " + named, r.body);
        for (const auto& id : removed) acknowledged_.erase(id);
        break;
    }
    if (!added.empty() || !removed.empty() || what == "cut" || what == "repair") {
      changed_ = true;
      check_state();
    }
  }

  const Fixture& fx_;
  Controller controller_;
  std::set<std::string> acknowledged_;  // acknowledged creates not deleted since
  bool changed_ = false;                // some request changed the fabric
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Fixture fixture;
  Bytes in(data, size);
  Run run(fixture);
  // Bounded, so one input stays quick: 40 requests are enough to build any state this small
  // network holds.
  for (int i = 0; i < 40 && !in.empty(); ++i) run.step(in);
  run.finish();
  return 0;
}
