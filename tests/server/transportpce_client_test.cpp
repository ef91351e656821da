// TransportPCE's GNPy consumer against a real server on loopback, byte for byte as it talks.
//
// What it sends, from TransportPCE's source (opendaylight/transportpce, pce/.../gnpy/consumer/
// GnpyConsumerImpl.java, GnpyUtilitiesImpl.java, common/.../JsonStringConverter.java, and the
// gnpy-api, gnpy-network-topology and gnpy-path-computation-simplified YANG modules in api/), and
// how the JDK's HttpClient it uses sends it (java.net.http, AuthenticationFilter):
// - A java.net.http.HttpClient with an Authenticator holding a user name and password. It sends no
//   credentials until a 401 carries a Basic challenge; then it repeats the request with
//   "Authorization: Basic base64(user:password)" and, once that succeeds, sends them at once to
//   every URI under the same directory (/api/v1/).
// - The client prefers HTTP/2, so its first request over plain HTTP asks to upgrade to h2c
//   (Connection: Upgrade, HTTP2-Settings; Upgrade: h2c; HTTP2-Settings); a server may ignore it.
// - isAvailable(): GET /api/v1/status; available when the status is 200.
// - computePaths(): POST /api/v1/path-computation, Content-Type: application/json, the body the
//   "request" container of gnpy-api (service and topology, no equipment) written by OpenDaylight's
//   codec in draft-lhotka-netmod-yang-json-02 JSON, with every "gnpy-network-topology:" removed.
//   Only 201 is a result, parsed with the Result binding (gnpy-path-computation-simplified's
//   "result" container): unknown members and decimal64 values with more fraction digits than the
//   type allows are refused.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "io/gnpy_equipment.h"
#include "server/http_test_support.h"

namespace lightmesh::server {
namespace {

using json = nlohmann::json;
using http_test::RawClient;

constexpr const char* kTokens = R"({"tokens": [
  {"token": "admin-token-1", "tenant": "ops", "role": "admin"},
  {"token": "bank-token-1", "tenant": "bank", "role": "tenant"},
  {"token": "tv-token-123", "tenant": "tv", "role": "tenant"}]})";

// RFC 4648 base64, as the JDK's Basic credentials are encoded.
std::string base64(const std::string& in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < in.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, in.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k)
      v = v << 8 | (k < n ? static_cast<unsigned char>(in[i + k]) : 0);
    for (std::size_t k = 0; k < 4; ++k) out += k <= n ? kAlphabet[(v >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

// The library TransportPCE's requests are computed with (serve --gnpy-equipment): GNPy's example
// library with the transceiver TransportPCE names, "OpenROADM MSA ver. 5.0", and its 100G mode,
// figures from GNPy v2.12's gnpy/example-data/eqpt_config_openroadm_ver5.json (roll_off, left
// null there, is given as 0.15; its penalties are left out).
Equipment transportpce_library() {
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) +
                   "/tests/server/fixtures/gnpy_api/legacy_body.json");
  std::stringstream text;
  text << in.rdbuf();
  json eq = json::parse(text.str())["gnpy-api:equipment"];
  eq["Transceiver"].push_back(json::parse(R"({
    "type_variety": "OpenROADM MSA ver. 5.0",
    "frequency": {"min": 191350000000000.0, "max": 196100000000000.0},
    "mode": [{"format": "100 Gbit/s, 27.95 Gbaud, DP-QPSK", "baud_rate": 27950000000.0,
              "OSNR": 17, "bit_rate": 100000000000.0, "roll_off": 0.15, "tx_osnr": 33,
              "min_spacing": 50000000000.0, "cost": 1}]})"));
  return io::read_gnpy_equipment_text(eq.dump(), "eqpt_config.json").value();
}

// The body as TransportPCE builds it (GnpyUtilitiesImpl, GnpyTopoImpl, GnpyServiceImpl): ROADMs,
// transponders and fibres of its OpenROADM topology, named by address; one path request, for one
// direction (it asks for A to Z, then Z to A, in two calls), with the transponder and mode its
// rate maps to, the slot it chose, an output power of six fraction digits and the hops of the
// path it wants checked, each hop's usage still carrying its module (only
// "gnpy-network-topology:" is removed).
std::string transportpce_body(bool a_to_z) {
  json elements = json::array();
  json connections = json::array();
  auto location = [](const std::string& region) {
    return json{{"location", {{"region", region}, {"latitude", 0}, {"longitude", 0}}}};
  };
  auto roadm = [&](const std::string& uid, const std::string& region) {
    elements.push_back({{"uid", uid},
                        {"type", "gnpy-network-topology:Roadm"},
                        {"metadata", location(region)},
                        {"params", {{"target_pch_out_db", -20}}}});
  };
  auto xponder = [&](const std::string& uid, const std::string& region) {
    elements.push_back({{"uid", uid},
                        {"type", "gnpy-network-topology:Transceiver"},
                        {"metadata", location(region)}});
  };
  auto fiber = [&](const std::string& uid, double km, const std::string& from,
                   const std::string& to) {
    elements.push_back(
        {{"uid", uid},
         {"type", "gnpy-network-topology:Fiber"},
         {"type_variety", "SSMF"},
         {"metadata",
          {{"location", {{"city", "N/A"}, {"region", "N/A"}, {"latitude", 0}, {"longitude", 0}}}}},
         {"params",
          {{"length", km},
           {"loss_coef", 0.2},
           {"length_units", "gnpy-network-topology:km"},
           {"att_in", 0},
           {"con_in", 0},
           {"con_out", 0}}}});
    connections.push_back({{"from_node", from}, {"to_node", uid}});
    connections.push_back({{"from_node", uid}, {"to_node", to}});
  };
  roadm("127.0.0.10", "OpenROADM-1");
  roadm("127.0.0.20", "OpenROADM-2");
  xponder("127.0.0.11", "XPONDER-1");
  xponder("127.0.0.21", "XPONDER-2");
  for (const auto& [trx, node] :
       {std::pair{"127.0.0.11", "127.0.0.10"}, std::pair{"127.0.0.21", "127.0.0.20"}}) {
    connections.push_back({{"from_node", trx}, {"to_node", node}});
    connections.push_back({{"from_node", node}, {"to_node", trx}});
  }
  fiber("243.0.0.1", 60, "127.0.0.10", "127.0.0.20");
  fiber("243.0.0.2", 60, "127.0.0.20", "127.0.0.10");
  auto request = [](const std::string& id, const std::string& from, const std::string& to,
                    const std::string& via) {
    return json{{"request-id", id},
                {"bidirectional", false},
                {"src-tp-id", "c3JjVHBJZA=="},
                {"dst-tp-id", "ZHN0VHBJZA=="},
                {"source", from},
                {"destination", to},
                {"path-constraints",
                 {{"te-bandwidth",
                   {{"trx_type", "OpenROADM MSA ver. 5.0"},
                    {"trx_mode", "100 Gbit/s, 27.95 Gbaud, DP-QPSK"},
                    {"effective-freq-slot", {{{"N", -284}, {"M", 4}}}},
                    {"spacing", 50000000000.0},
                    {"path_bandwidth", 100000000000.0},
                    {"output-power", 0.001259},
                    {"technology", "flexi-grid"}}}}},
                {"explicit-route-objects",
                 {{"route-object-include-exclude",
                   {{{"index", 0},
                     {"explicit-route-usage", "gnpy-path-computation-simplified:route-include-ero"},
                     {"num-unnum-hop",
                      {{"hop-type", "STRICT"}, {"link-tp-id", "1"}, {"node-id", via}}}}}}}}};
  };
  const json body = {{"gnpy-api:request",
                      {{"topology", {{"elements", elements}, {"connections", connections}}},
                       {"service",
                        {{"path-request",
                          {a_to_z ? request("1", "127.0.0.11", "127.0.0.21", "127.0.0.20")
                                  : request("2", "127.0.0.21", "127.0.0.11", "127.0.0.10")}}}}}}};
  std::string text = body.dump();
  // GnpyConsumerImpl.computePaths: .replace("gnpy-network-topology:", "")
  for (std::size_t at; (at = text.find("gnpy-network-topology:")) != std::string::npos;)
    text.erase(at, std::string("gnpy-network-topology:").size());
  return text;
}

// One request over a new loopback connection, as the JDK writes it; the whole answer back.
struct Answer {
  int status = 0;
  std::string head;
  std::string body;
};

Answer round_trip(int port, const std::string& request) {
  RawClient client(port);
  EXPECT_TRUE(client.connected());
  EXPECT_TRUE(client.send(request));
  Answer a;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    const bool closed = client.closed_within(50);
    const std::string& got = client.received();
    const auto end = got.find("\r\n\r\n");
    if (end != std::string::npos) {
      a.head = got.substr(0, end);
      std::smatch m;
      std::regex_search(a.head, m, std::regex("Content-Length: (\\d+)", std::regex::icase));
      const std::size_t length = m.empty() ? 0 : std::stoul(m[1]);
      if (got.size() >= end + 4 + length) {
        a.body = got.substr(end + 4, length);
        break;
      }
    }
    if (closed) break;
  }
  a.status = client.status();
  return a;
}

constexpr const char* kUserAgent = "User-Agent: Java-http-client/21.0.5\r\n";
// The JDK's first request over plain HTTP offers an upgrade to HTTP/2 (h2c).
constexpr const char* kUpgrade =
    "Connection: Upgrade, HTTP2-Settings\r\n"
    "HTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"
    "Upgrade: h2c\r\n";

std::string status_request(int port, const std::string& authorization) {
  return "GET /api/v1/status HTTP/1.1\r\n" + std::string(kUpgrade) + "Content-Length: 0\r\n" +
         "Host: 127.0.0.1:" + std::to_string(port) + "\r\n" + kUserAgent + authorization + "\r\n";
}

std::string compute_request(int port, const std::string& authorization, const std::string& body) {
  return "POST /api/v1/path-computation HTTP/1.1\r\n" + authorization +
         "Content-Length: " + std::to_string(body.size()) + "\r\n" +
         "Host: 127.0.0.1:" + std::to_string(port) + "\r\n" + kUserAgent +
         "Content-Type: application/json\r\n\r\n" + body;
}

std::string basic(const std::string& user, const std::string& password) {
  return "Authorization: Basic " + base64(user + ":" + password) + "\r\n";
}

// The JDK answers a 401 only if one of its WWW-Authenticate challenges is Basic (older JDKs read
// only the first), and gives up on a 401 without one.
bool offers_basic(const std::string& head) {
  std::smatch first;
  return std::regex_search(head, first, std::regex("\r\nWWW-Authenticate: *([A-Za-z]+)")) &&
         first[1] == "Basic";
}

// What the Result binding accepts (gnpy-path-computation-simplified@2022-06-15, container result):
// each member known to the schema, response-id a string, metric types among its identities, and
// every accumulative-value a decimal64 of at most six fraction digits, as written in the text.
void expect_result_binding_parses(const std::string& text) {
  const json doc = json::parse(text);
  ASSERT_EQ(doc.size(), 1u);
  const json& responses = doc.at("result").at("response");
  ASSERT_TRUE(responses.is_array());
  const std::set<std::string> metric_types = {"SNR-bandwidth", "SNR-0.1nm",       "OSNR-bandwidth",
                                              "OSNR-0.1nm",    "reference_power", "path_bandwidth"};
  const std::set<std::string> hop_kinds = {"num-unnum-hop", "label-hop", "transponder",
                                           "regenerator", "optical-power"};
  auto check_properties = [&](const json& props) {
    for (const auto& [key, value] : props.items()) {
      EXPECT_TRUE(key == "path-metric" || key == "z-a-path-metric" || key == "path-route-objects")
          << key;
    }
    for (const char* list : {"path-metric", "z-a-path-metric"}) {
      if (!props.contains(list)) continue;
      for (const json& m : props[list]) {
        EXPECT_EQ(m.size(), 2u) << m.dump();
        EXPECT_TRUE(metric_types.count(m.at("metric-type").get<std::string>())) << m.dump();
        EXPECT_TRUE(m.at("accumulative-value").is_number()) << m.dump();
      }
    }
    for (const json& o : props.at("path-route-objects")) {
      ASSERT_EQ(o.size(), 1u);
      const json& hop = o.at("path-route-object");
      EXPECT_TRUE(hop.at("index").is_number_unsigned());
      for (const auto& [key, value] : hop.items())
        EXPECT_TRUE(key == "index" || hop_kinds.count(key)) << key;
    }
  };
  for (const json& r : responses) {
    EXPECT_TRUE(r.at("response-id").is_string());
    for (const auto& [key, value] : r.items())
      EXPECT_TRUE(key == "response-id" || key == "path-properties" || key == "no-path") << key;
    if (r.contains("path-properties")) check_properties(r["path-properties"]);
    if (r.contains("no-path")) {
      EXPECT_TRUE(r["no-path"].at("no-path").is_string());
      if (r["no-path"].contains("path-properties"))
        check_properties(r["no-path"]["path-properties"]);
    }
  }
  // decimal64 { fraction-digits 6 }: no exponent, at most six digits after the point.
  const std::regex value("\"accumulative-value\": *(-?[0-9.eE+-]+)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), value);
       it != std::sregex_iterator(); ++it) {
    const std::string number = (*it)[1];
    EXPECT_EQ(number.find_first_of("eE"), std::string::npos) << number;
    const auto point = number.find('.');
    if (point != std::string::npos) {
      EXPECT_LE(number.size() - point - 1, 6u) << number;
    }
  }
}

// GnpyConsumerImpl's isAvailable() then computePaths(), with the credentials TransportPCE is
// configured with: the tenant's name and a token from the tokens file.
TEST(TransportPceClient, StatusThenComputeWithBasicAuthSucceeds) {
  auto served = http_test::serve_london({.io_timeout_ms = 5000}, kTokens, transportpce_library());
  const int port = served->port;

  // isAvailable(): no credentials yet; the 401 must carry a Basic challenge.
  Answer challenged = round_trip(port, status_request(port, ""));
  ASSERT_EQ(challenged.status, 401) << challenged.head;
  EXPECT_TRUE(offers_basic(challenged.head)) << challenged.head;
  // The JDK repeats it with the credentials (on a new connection: this one was closed).
  Answer status = round_trip(port, status_request(port, basic("bank", "bank-token-1")));
  ASSERT_EQ(status.status, 200) << status.head;
  const json s = json::parse(status.body);
  EXPECT_EQ(s["status"], "ok");
  EXPECT_EQ(s["version"], "v1");

  // computePaths(), A to Z then Z to A: the credentials go at once (cached for /api/v1/ after the
  // status call).
  for (bool a_to_z : {true, false}) {
    Answer result = round_trip(
        port, compute_request(port, basic("bank", "bank-token-1"), transportpce_body(a_to_z)));
    ASSERT_EQ(result.status, 201) << result.head << "\n" << result.body.substr(0, 600);
    expect_result_binding_parses(result.body);
    const json responses = json::parse(result.body)["result"]["response"];
    ASSERT_EQ(responses.size(), 1u);
    EXPECT_EQ(responses[0]["response-id"], a_to_z ? "1" : "2");
    // 60 km between two ROADMs, well above the mode's 17 dB: feasible, which GnpyResult reads
    // from "path-properties" being there.
    EXPECT_TRUE(responses[0].contains("path-properties")) << responses[0].dump();
  }
}

TEST(TransportPceClient, WrongCredentialsAre401) {
  auto served = http_test::serve_london({.io_timeout_ms = 5000}, kTokens, transportpce_library());
  const int port = served->port;
  const std::string body = transportpce_body(true);
  // A password that is no token; a valid token under another tenant's name; TransportPCE's
  // default credentials; a malformed pair.
  for (const std::string& authorization :
       {basic("bank", "not-a-token"), basic("tv", "bank-token-1"), basic("gnpy", "gnpy"),
        std::string("Authorization: Basic bm90LWJhc2U2NA\r\n")}) {
    SCOPED_TRACE(authorization);
    Answer status = round_trip(port, status_request(port, authorization));
    EXPECT_EQ(status.status, 401) << status.head;
    EXPECT_TRUE(offers_basic(status.head));
    EXPECT_EQ(round_trip(port, compute_request(port, authorization, body)).status, 401);
  }
  // Each tenant's own name with its own token, and bearer tokens as before.
  EXPECT_EQ(round_trip(port, status_request(port, basic("tv", "tv-token-123"))).status, 200);
  EXPECT_EQ(round_trip(port, status_request(port, "Authorization: Bearer bank-token-1\r\n")).status,
            200);
}

// HEAD /api/v1/status, which TransportPCE's own test stub answers too: the status and headers.
TEST(TransportPceClient, HeadStatusAnswersWithoutABody) {
  auto served = http_test::serve_london({.io_timeout_ms = 5000}, kTokens);
  RawClient client(served->port);
  ASSERT_TRUE(client.send("HEAD /api/v1/status HTTP/1.1\r\nHost: x\r\n" +
                          basic("bank", "bank-token-1") + "\r\n"));
  ASSERT_TRUE(client.received_within("\r\n\r\n", 2000));
  EXPECT_EQ(client.status(), 200);
  EXPECT_TRUE(client.body().empty());
}

}  // namespace
}  // namespace lightmesh::server
