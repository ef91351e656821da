// GNPy service files: reading a hand-written file with every field GNPy uses, writing it back and
// reading the same document again, and errors that name the file, pointer, request and field.
#include "qot/service.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lightmesh::qot {
namespace {

using ::testing::HasSubstr;

std::string fixture(const std::string& name) {
  return std::string(LIGHTMESH_SOURCE_DIR) + "/tests/qot/fixtures/" + name;
}

TEST(GnpyServices, ReadsEveryField) {
  auto doc = read_gnpy_services_file(fixture("services.json"));
  ASSERT_TRUE(doc) << doc.error().to_string();
  ASSERT_EQ(doc->requests.size(), 2u);
  const ServiceRequest& r1 = doc->requests[0];
  EXPECT_EQ(r1.request_id, "r1");
  EXPECT_EQ(r1.source, "trx a");
  EXPECT_TRUE(r1.bidirectional);
  EXPECT_EQ(r1.trx_type, "trx");
  EXPECT_EQ(r1.trx_mode, "m100");
  EXPECT_EQ(r1.spacing_hz, 50e9);
  EXPECT_EQ(r1.max_nb_of_channel, 40u);
  EXPECT_EQ(r1.output_power_w, 0.001);
  EXPECT_EQ(r1.path_bandwidth_bps, 200e9);
  ASSERT_EQ(r1.effective_freq_slot.size(), 1u);
  EXPECT_FALSE(r1.effective_freq_slot[0].n);
  // Hops are sorted by index, as GNPy sorts them.
  ASSERT_EQ(r1.route.size(), 2u);
  EXPECT_EQ(r1.route[0].node_id, "roadm a");
  EXPECT_EQ(r1.route[0].hop_type, HopType::kStrict);
  EXPECT_EQ(r1.route[1].node_id, "roadm d");
  EXPECT_EQ(r1.route[1].hop_type, HopType::kLoose);

  const ServiceRequest& r2 = doc->requests[1];
  EXPECT_EQ(r2.request_id, "7");  // a number id is read as GNPy formats it
  EXPECT_EQ(r2.src_tp_id, "trx b");
  EXPECT_FALSE(r2.trx_mode);
  EXPECT_FALSE(r2.output_power_w);
  EXPECT_EQ(r2.tx_power_w, 0.002);
  ASSERT_EQ(r2.effective_freq_slot.size(), 1u);  // absent: one open slot

  ASSERT_EQ(doc->synchronizations.size(), 1u);
  EXPECT_EQ(doc->synchronizations[0].id, "s1");
  EXPECT_FALSE(doc->synchronizations[0].relaxable);
  EXPECT_EQ(doc->synchronizations[0].request_ids, (std::vector<std::string>{"r1", "7"}));
}

TEST(GnpyServices, RoundTrips) {
  auto doc = read_gnpy_services_file(fixture("services.json"));
  ASSERT_TRUE(doc) << doc.error().to_string();
  const std::string text = write_gnpy_services(*doc);
  auto back = read_gnpy_services(text, "written.json");
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(*back, *doc);
  EXPECT_EQ(write_gnpy_services(*back), text);
}

TEST(GnpyServices, ErrorsNameFilePointerRequestAndField) {
  auto bad = read_gnpy_services(R"({"path-request": [{"request-id": "x1", "source": "trx a",
      "destination": "trx b", "path-constraints": {"te-bandwidth": {"trx_type": "t",
      "spacing": "wide"}}}]})",
                                "svc.json");
  ASSERT_FALSE(bad);
  const std::string msg = bad.error().to_string();
  EXPECT_THAT(msg, HasSubstr("svc.json"));
  EXPECT_THAT(msg, HasSubstr("/path-request/0/path-constraints/te-bandwidth/spacing"));
  EXPECT_THAT(msg, HasSubstr("request \"x1\""));

  auto missing = read_gnpy_services(R"({"path-request": [{"request-id": "x2", "source": "a",
      "destination": "b", "path-constraints": {"te-bandwidth": {"spacing": 5e10}}}]})",
                                    "svc.json");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().to_string(), HasSubstr("trx_type"));
  EXPECT_THAT(missing.error().to_string(), HasSubstr("request \"x2\""));

  auto hop = read_gnpy_services(R"({"path-request": [{"request-id": "x3", "source": "a",
      "destination": "b", "path-constraints": {"te-bandwidth": {"trx_type": "t", "spacing": 5e10}},
      "explicit-route-objects": {"route-object-include-exclude": [{"index": 0,
      "num-unnum-hop": {"node-id": "n", "hop-type": "MAYBE"}}]}}]})",
                                "svc.json");
  ASSERT_FALSE(hop);
  EXPECT_THAT(hop.error().to_string(), HasSubstr("hop-type"));

  EXPECT_FALSE(read_gnpy_services(R"({"requests": []})", "svc.json"));
  EXPECT_FALSE(read_gnpy_services("{", "svc.json"));
}

}  // namespace
}  // namespace lightmesh::qot
