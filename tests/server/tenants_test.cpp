// Tenants own their names and their figures: a latency group, a workload's group, /metrics, the
// fibre views and TAPI uuids. Tenant A cannot see, join or affect tenant B's, and a refusal tells A
// nothing of B. The independent truths: what a tenant is shown adds up, over tenants, to what admin
// is shown; a tenant's figures are recomputed from its own services' lightpaths.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "server/controller.h"
#include "server/server_test_support.h"
#include "server/tapi_ids.h"
#include "server/uuid.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using test_support::call;

std::unique_ptr<Controller> fresh(const std::string& name) {
  return test_support::make_sqlite_controller(test_support::temp_dir("tenants") / (name + ".db"));
}

json created(Controller& c, const std::string& token, const json& body) {
  const HttpResponse r = call(c, "POST", "/api/v1/services", token, body.dump());
  EXPECT_EQ(r.status, 201) << r.body;
  return json::parse(r.body);
}

// One metric's value from a Prometheus text page; -1 when absent.
double metric(const std::string& page, const std::string& name) {
  const std::size_t at = page.find("\n" + name + " ");
  if (at == std::string::npos) return -1;
  return std::stod(page.substr(at + name.size() + 2));
}

// The slots a set of services' lightpaths hold on each fibre, from their JSON (one direction).
std::map<std::string, std::uint64_t> slots_by_fibre(const json& services) {
  std::map<std::string, std::uint64_t> held;
  for (const auto& s : services)
    for (const auto& lp : s["lightpaths"])
      for (const auto& f : lp["fibers"]) held[f.get<std::string>()] += lp["slot_count"].get<int>();
  return held;
}

// The issue's reproducer: tv joins a group named "trading" with a long route. The bank's service
// keeps its latency, tv's create is not judged by the bank's bound, and the bank's own group still
// equalises its own members.
TEST(Tenants, LatencyGroupsAreTheTenants) {
  auto c = fresh("groups");
  const json bank = created(*c, "bank-token-1",
                            {{"from", "LSE"},
                             {"to", "LD4"},
                             {"bandwidth_gbps", 100},
                             {"latency_group", "trading"},
                             {"max_one_way_us", 400}});
  const double bank_one_way = bank["lightpaths"][0]["one_way_us"].get<double>();
  ASSERT_LT(bank_one_way, 400);
  // LSE–MAN is far beyond the bank's 400 µs bound: in one shared group it would be refused (or
  // pad the bank's service to its latency).
  const json tv = created(
      *c, "tv-token-123",
      {{"from", "LSE"}, {"to", "MAN"}, {"bandwidth_gbps", 100}, {"latency_group", "trading"}});
  EXPECT_GT(tv["lightpaths"][0]["one_way_us"].get<double>(), 1000);
  const json after = json::parse(
      call(*c, "GET", "/api/v1/services/" + bank["id"].get<std::string>(), "bank-token-1").body);
  EXPECT_EQ(after["lightpaths"], bank["lightpaths"]);
  EXPECT_DOUBLE_EQ(after["lightpaths"][0]["added_delay_us"].get<double>(), 0.0);
  // The bank's second member over the same route is equal to the first: its group is its own.
  const json second = created(*c, "bank-token-1",
                              {{"from", "LSE"},
                               {"to", "LD4"},
                               {"bandwidth_gbps", 100},
                               {"latency_group", "trading"},
                               {"max_one_way_us", 400}});
  EXPECT_NEAR(second["lightpaths"][0]["one_way_us"].get<double>(), bank_one_way, 1e-9);
  // A refusal in tv's group speaks of tv's group only: no bound of the bank's shows in it.
  const HttpResponse refused = call(*c, "POST", "/api/v1/services", "tv-token-123",
                                    json{{"from", "LSE"},
                                         {"to", "LD4"},
                                         {"bandwidth_gbps", 100},
                                         {"latency_group", "trading"},
                                         {"max_one_way_us", 400}}
                                        .dump());
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(json::parse(refused.body)["error"], "LATENCY_BOUND");
  // And a tenant that has no group of that name is never refused for one.
  const HttpResponse admin = call(*c, "POST", "/api/v1/services", "admin-token-1",
                                  json{{"from", "LSE"},
                                       {"to", "LD4"},
                                       {"bandwidth_gbps", 100},
                                       {"latency_group", "trading"},
                                       {"max_one_way_us", 400}}
                                      .dump());
  EXPECT_EQ(admin.status, 201) << admin.body;
}

// A workload's services share a group under a name the controller makes up; another tenant that
// names the same group in its own service joins nothing of the workload's.
TEST(Tenants, WorkloadGroupsCannotBeJoined) {
  auto c = fresh("workload-groups");
  const HttpResponse placed = call(*c, "POST", "/api/v1/workloads", "bank-token-1",
                                   R"({"kind": "sites", "anchor": "LSE", "max_rtt_us": 2000,
                                       "reserve": 2, "bandwidth_gbps": 100, "equalize": true})");
  ASSERT_EQ(placed.status, 201) << placed.body;
  const json services =
      json::parse(call(*c, "GET", "/api/v1/services", "bank-token-1").body)["items"];
  ASSERT_EQ(services.size(), 2u);
  const std::string group = services[0]["latency_group"];
  ASSERT_FALSE(group.empty());
  const json before = services;
  // tv names the bank's group and takes the longest route there is.
  const json tv =
      created(*c, "tv-token-123",
              {{"from", "LSE"}, {"to", "MAN"}, {"bandwidth_gbps", 100}, {"latency_group", group}});
  EXPECT_DOUBLE_EQ(tv["lightpaths"][0]["added_delay_us"].get<double>(), 0.0);
  const json after = json::parse(call(*c, "GET", "/api/v1/services", "bank-token-1").body)["items"];
  EXPECT_EQ(after, before);
}

// /metrics: a tenant's figures are its own, and tenants' figures add up to admin's.
TEST(Tenants, MetricsShowATenantOnlyItsOwn) {
  auto c = fresh("metrics");
  created(*c, "bank-token-1", {{"from", "LSE"}, {"to", "LD4"}, {"bandwidth_gbps", 400}});
  created(*c, "tv-token-123", {{"from", "LSE"}, {"to", "LD8"}, {"bandwidth_gbps", 400}});
  created(*c, "tv-token-123",
          {{"from", "THN"}, {"to", "RDG"}, {"bandwidth_gbps", 100}, {"protection", "1+1"}});
  std::map<std::string, std::string> page;
  for (const char* token : {"bank-token-1", "tv-token-123", "admin-token-1", "audit-token-1"}) {
    const HttpResponse r = call(*c, "GET", "/metrics", token);
    ASSERT_EQ(r.status, 200);
    page[token] = r.body;
  }
  const std::string& bank = page["bank-token-1"];
  const std::string& tv = page["tv-token-123"];
  const std::string& admin = page["admin-token-1"];
  EXPECT_EQ(metric(bank, "lightmesh_services{state=\"up\"}"), 1);
  EXPECT_EQ(metric(tv, "lightmesh_services{state=\"up\"}"), 2);
  EXPECT_EQ(metric(admin, "lightmesh_services{state=\"up\"}"), 3);
  // Slots: recomputed from each tenant's own lightpaths (both directions), and summing to admin's.
  for (const char* token : {"bank-token-1", "tv-token-123"}) {
    const json mine = json::parse(call(*c, "GET", "/api/v1/services", token).body)["items"];
    std::uint64_t slots = 0;
    for (const auto& [fibre, n] : slots_by_fibre(mine)) slots += 2 * n;
    EXPECT_EQ(metric(page[token], "lightmesh_spectrum_slots_used"), static_cast<double>(slots));
  }
  EXPECT_EQ(
      metric(bank, "lightmesh_spectrum_slots_used") + metric(tv, "lightmesh_spectrum_slots_used"),
      metric(admin, "lightmesh_spectrum_slots_used"));
  // What the server as a whole did stays with admin (and read-only tokens, which see everything).
  for (const char* server_wide :
       {"lightmesh_http_requests_total", "lightmesh_store_commits_total",
        "lightmesh_gpus{state=\"free\"}", "lightmesh_http_request_duration_seconds_count"}) {
    EXPECT_EQ(bank.find(server_wide), std::string::npos) << server_wide;
    EXPECT_EQ(tv.find(server_wide), std::string::npos) << server_wide;
    EXPECT_NE(admin.find(server_wide), std::string::npos) << server_wide;
  }
  EXPECT_EQ(metric(page["audit-token-1"], "lightmesh_services{state=\"up\"}"), 3);
}

// GET /fibers and /fibers/{id}/spectrum: per fibre, a tenant's slots are its own services' and the
// tenants' sum is admin's figure, which is the planner's.
TEST(Tenants, FibreViewsShowATenantOnlyItsOwn) {
  auto c = fresh("fibres");
  created(*c, "bank-token-1", {{"from", "LSE"}, {"to", "LD4"}, {"bandwidth_gbps", 400}});
  created(*c, "tv-token-123",
          {{"from", "LSE"}, {"to", "LD4"}, {"bandwidth_gbps", 400}, {"protection", "1+1"}});
  std::map<std::string, std::map<std::string, std::uint64_t>> used;  // token → fibre → slots
  for (const char* token : {"bank-token-1", "tv-token-123", "admin-token-1"}) {
    const HttpResponse r = call(*c, "GET", "/api/v1/fibers", token);
    ASSERT_EQ(r.status, 200);
    const json fibres = json::parse(r.body);  // named: a temporary's items would dangle
    for (const auto& f : fibres["items"]) {
      used[token][f["id"]] = f["slots_used"];
      EXPECT_NEAR(f["utilisation"].get<double>(),
                  f["slots_used"].get<double>() / f["slots_total"].get<double>(), 1e-6);
    }
  }
  std::uint64_t any = 0;
  for (const auto& [fibre, n] : used["admin-token-1"]) {
    EXPECT_EQ(used["bank-token-1"][fibre] + used["tv-token-123"][fibre], n) << fibre;
    any += n;
  }
  EXPECT_GT(any, 0u);
  for (const char* token : {"bank-token-1", "tv-token-123"}) {
    const json mine = json::parse(call(*c, "GET", "/api/v1/services", token).body)["items"];
    const auto expected = slots_by_fibre(mine);
    for (const auto& [fibre, n] : used[token]) {
      const auto it = expected.find(fibre);
      EXPECT_EQ(n, it == expected.end() ? 0u : it->second) << token << " " << fibre;
    }
    // The spectrum view of a fibre the other tenant uses: only the caller's channels and slots.
    for (const auto& [fibre, n] : used["admin-token-1"]) {
      if (n == 0) continue;
      const json view =
          json::parse(call(*c, "GET", "/api/v1/fibers/" + fibre + "/spectrum", token).body);
      std::uint64_t channel_slots = 0;
      for (const auto& ch : view["channels"]) channel_slots += ch["slot_count"].get<int>();
      EXPECT_EQ(view["slots_used"].get<std::uint64_t>(), channel_slots) << token << " " << fibre;
      EXPECT_EQ(channel_slots, used[token][fibre]) << token << " " << fibre;
    }
  }
}

const std::string kConnectivity =
    "/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context";

std::string tapi_create_body(const std::string& uuid, const std::string& name = "") {
  json entry = {
      {"end-point",
       {{{"local-id", "a"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LSE")}}}},
        {{"local-id", "z"},
         {"service-interface-point", {{"service-interface-point-uuid", sip_uuid("LD4")}}}}}},
      {"requested-capacity", {{"total-size", {{"value", 100}, {"unit", "GBPS"}}}}}};
  if (!uuid.empty()) entry["uuid"] = uuid;
  if (!name.empty()) entry["name"] = {{{"value-name", "SERVICE_NAME"}, {"value", name}}};
  return json{{"tapi-connectivity:connectivity-service", {entry}}}.dump();
}

// The answer with every occurrence of `uuid` replaced, to compare two answers about two uuids.
std::string without(std::string text, const std::string& uuid) {
  for (std::size_t at = text.find(uuid); at != std::string::npos; at = text.find(uuid, at))
    text.replace(at, uuid.size(), "U");
  return text;
}

// A uuid is claimed only through TAPI's "uuid", only when unused, and a clash with another
// tenant's service is answered exactly as a clash with the caller's own.
TEST(Tenants, TapiUuidsAreClaimedOnlyThroughTapiAndRevealNothing) {
  auto c = fresh("uuids");
  const std::string banks = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";
  const std::string tvs = "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d";
  ASSERT_EQ(call(*c, "POST", kConnectivity, "bank-token-1", tapi_create_body(banks)).status, 201);
  ASSERT_EQ(call(*c, "POST", kConnectivity, "tv-token-123", tapi_create_body(tvs)).status, 201);
  // tv asks for the bank's uuid, then for its own: the same answer.
  const HttpResponse theirs =
      call(*c, "POST", kConnectivity, "tv-token-123", tapi_create_body(banks));
  const HttpResponse own = call(*c, "POST", kConnectivity, "tv-token-123", tapi_create_body(tvs));
  EXPECT_EQ(theirs.status, 409);
  EXPECT_EQ(theirs.status, own.status);
  EXPECT_EQ(without(theirs.body, banks), without(own.body, tvs));
  EXPECT_EQ(theirs.body.find("bank"), std::string::npos) << theirs.body;
  // Reading the bank's uuid answers as a uuid that was never used.
  const std::string unused = "11111111-2222-4333-8444-555555555555";
  const HttpResponse read_theirs =
      call(*c, "GET", kConnectivity + "/connectivity-service=" + banks, "tv-token-123");
  const HttpResponse read_unused =
      call(*c, "GET", kConnectivity + "/connectivity-service=" + unused, "tv-token-123");
  EXPECT_EQ(read_theirs.status, 404);
  EXPECT_EQ(without(read_theirs.body, banks), without(read_unused.body, unused));
  // A REST name cannot claim a uuid, nor can a TAPI name.
  const HttpResponse rest = call(
      *c, "POST", "/api/v1/services", "tv-token-123",
      json{{"from", "LSE"}, {"to", "LD4"}, {"bandwidth_gbps", 100}, {"name", "tapi-uuid:" + banks}}
          .dump());
  EXPECT_EQ(rest.status, 400) << rest.body;
  EXPECT_EQ(json::parse(rest.body)["where"], "/name");
  const HttpResponse named =
      call(*c, "POST", kConnectivity, "tv-token-123", tapi_create_body("", "tapi-uuid:" + unused));
  EXPECT_EQ(named.status, 400) << named.body;
  EXPECT_EQ(json::parse(named.body)["ietf-restconf:errors"]["error"][0]["error-path"],
            "/tapi-connectivity:connectivity-service/0/name/0/value");
  // Nothing of the refused requests was booked: the bank still has exactly its one service.
  const json banks_services =
      json::parse(call(*c, "GET", "/api/v1/services", "bank-token-1").body)["items"];
  ASSERT_EQ(banks_services.size(), 1u);
  EXPECT_EQ(client_uuid_in(banks_services[0]["name"].get<std::string>()), banks);
  EXPECT_EQ(json::parse(call(*c, "GET", "/api/v1/services", "tv-token-123").body)["items"].size(),
            1u);
}

}  // namespace
}  // namespace lightmesh::server
