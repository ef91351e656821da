// GNPy's YANG-form request body read back into the legacy body (io/gnpy_api_yang.h). The truth is
// GNPy's own converter: fixtures/gnpy_api_yang/pair.json holds a legacy request and the YANG form
// GNPy's legacy_to_yang wrote for it (README there), so reading the second must give the first.
#include "io/gnpy_api_yang.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace lightmesh::io {
namespace {

using nlohmann::json;

json pair() {
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) +
                   "/tests/io/fixtures/gnpy_api_yang/pair.json");
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

TEST(GnpyApiYang, GnpysYangFormReadsBackIntoItsLegacyOriginal) {
  const json p = pair();
  ASSERT_TRUE(is_gnpy_api_yang(p["yang"]));
  auto legacy = gnpy_api_to_legacy(p["yang"]);
  ASSERT_TRUE(legacy) << legacy.error().to_string();
  // nlohmann compares numbers by value, so 27 (legacy) equals 27.0 (read from "27.0").
  for (const char* member : {"gnpy-api:service", "gnpy-api:topology", "gnpy-api:equipment"})
    EXPECT_EQ((*legacy)[member], p["legacy"][member]) << member << "\n"
                                                      << (*legacy)[member].dump() << "\n"
                                                      << p["legacy"][member].dump();
}

TEST(GnpyApiYang, NamesThatLookLikeNumbersStayText) {
  const json p = pair();
  auto legacy = gnpy_api_to_legacy(p["yang"]);
  ASSERT_TRUE(legacy) << legacy.error().to_string();
  EXPECT_EQ((*legacy)["gnpy-api:topology"]["elements"][2]["uid"], "1");
  EXPECT_EQ((*legacy)["gnpy-api:service"]["path-request"][0]["request-id"], "7");
}

TEST(GnpyApiYang, WhatTheLegacyBodyCannotHoldIsRefusedWithItsPointer) {
  json body = pair()["yang"];
  body["gnpy-api:api"]["extra-eqpts"] = json::array({{{"name", "x"}}});
  auto r = gnpy_api_to_legacy(body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(r.error().place(), "/gnpy-api:api/extra-eqpts");
  // An empty spectrum, as GNPy's converter writes one, changes nothing.
  body = pair()["yang"];
  body["gnpy-api:api"]["gnpy-spectrum:spectrum"] = json::array();
  EXPECT_TRUE(gnpy_api_to_legacy(body));
  // The members must be objects.
  body = pair()["yang"];
  body["gnpy-api:api"]["gnpy-network-topology:topology"] = "x";
  r = gnpy_api_to_legacy(body);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().place(), "/gnpy-api:api/gnpy-network-topology:topology");
}

TEST(GnpyApiYang, PointersOfLegacyMembersInEachForm) {
  EXPECT_EQ(yang_pointer("gnpy-api:topology"), "/gnpy-api:api/gnpy-network-topology:topology");
  EXPECT_EQ(yang_pointer("gnpy-api:equipment"), "/gnpy-api:api/gnpy-eqpt-config:equipment");
  EXPECT_EQ(yang_pointer("gnpy-api:service"), "/gnpy-api:api/gnpy-path-computation:services");
  EXPECT_EQ(request_pointer("gnpy-api:topology"), "/gnpy-api:request/topology");
}

// TransportPCE's body: the legacy members under "gnpy-api:request", identities with their module.
TEST(GnpyApiYang, TransportPcesRequestContainerReadsAsTheLegacyBody) {
  const json legacy = pair()["legacy"];
  json topology = legacy["gnpy-api:topology"];
  topology["elements"][0]["type"] = "gnpy-network-topology:Roadm";
  const json body = {
      {"gnpy-api:request", {{"service", legacy["gnpy-api:service"]}, {"topology", topology}}}};
  ASSERT_TRUE(is_gnpy_api_request(body));
  auto r = gnpy_api_request_to_legacy(body);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ((*r)["gnpy-api:topology"], legacy["gnpy-api:topology"]);
  EXPECT_EQ((*r)["gnpy-api:service"], legacy["gnpy-api:service"]);
  EXPECT_FALSE(r->contains("gnpy-api:equipment"));
  const json odd = {{"gnpy-api:request", {{"spectrum", json::object()}}}};
  auto refused = gnpy_api_request_to_legacy(odd);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().place(), "/gnpy-api:request/spectrum");
}

}  // namespace
}  // namespace lightmesh::io
