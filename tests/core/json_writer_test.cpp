// The JSON writer against nlohmann's dump() as the truth: the same values give the same text
// (strings with every control character, quotes and multi-byte UTF-8; doubles whole, tiny, huge
// and negative zero; nesting, compact and indented).
#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace lightmesh {
namespace {

using Json = nlohmann::ordered_json;

TEST(JsonWriter, StringsAreEscapedAsNlohmannDumpsThem) {
  std::vector<std::string> texts = {"",        "plain",       "quote \" and backslash \\",
                                    "slash /", "ünïcödé ✓ 𝄞", "\x7f del"};
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  texts.push_back(controls);
  // Random printable ASCII and control bytes.
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::string s;
    for (int k = 0; k < 12; ++k) s += static_cast<char>(1 + rng() % 0x7f);
    texts.push_back(s);
  }
  for (const std::string& text : texts) {
    JsonWriter w;
    EXPECT_EQ(w.value(text).take(), Json(text).dump()) << text;
  }
}

TEST(JsonWriter, DoublesAreWrittenAsNlohmannDumpsThem) {
  for (const double x : {0.0, -0.0, 1.0, 10.0, 0.1, 2.5, -7.25, 1e15, 1e16, 1e21, 1e-7, 123456.789,
                         12.345678901234567, 5e-324, std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::min(), 1.0 / 3}) {
    JsonWriter w;
    const std::string ours = w.value(x).take();
    EXPECT_EQ(ours, Json(x).dump()) << x;
    EXPECT_EQ(Json::parse(ours).get<double>(), x);
  }
  JsonWriter w;
  EXPECT_EQ(w.value(std::numeric_limits<double>::infinity()).take(), "null");
}

// Random bit patterns over the whole double range: each reads back exactly, and the text is
// dump()'s, or shorter where dump()'s Grisu2 does not find the shortest digits.
TEST(JsonWriter, RandomDoublesReadBackExactly) {
  std::mt19937_64 rng(11);
  int same = 0, tried = 0;
  while (tried < 20000) {
    const std::uint64_t bits = rng();
    double x;
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    ++tried;
    JsonWriter w;
    const std::string ours = w.value(x).take();
    const std::string theirs = Json(x).dump();
    ASSERT_EQ(Json::parse(ours).get<double>(), x) << ours;
    ASSERT_LE(ours.size(), theirs.size()) << ours << " vs " << theirs;
    same += ours == theirs;
  }
  EXPECT_GE(same, tried * 99 / 100);
}

TEST(JsonWriter, NestedContainersAreSeparatedByCommasOnly) {
  JsonWriter w;
  w.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object();
  w.key("c").begin_array().value(1).value(true).value("x").begin_object().key("d").value(false);
  w.end_object().end_array();
  const Json want = {
      {"a", Json::array()}, {"b", Json::object()}, {"c", {1, true, "x", {{"d", false}}}}};
  EXPECT_EQ(w.end_object().take(), want.dump());
}

TEST(JsonWriter, IndentedTextIsDumpsIndentedText) {
  for (const int indent : {-1, 0, 2, 4}) {
    JsonWriter w(indent);
    w.begin_object().key("a").begin_array().end_array().key("b").begin_object().end_object();
    w.key("c").begin_array().value(1).value(2.5).null().begin_object().key("d").value("x");
    w.key("e").begin_array().value(false).end_array().end_object().end_array();
    w.key("f").value(std::uint64_t{18446744073709551615u}).key("g").value(std::int64_t{-3});
    const Json want = {{"a", Json::array()},
                       {"b", Json::object()},
                       {"c", {1, 2.5, nullptr, {{"d", "x"}, {"e", {false}}}}},
                       {"f", std::uint64_t{18446744073709551615u}},
                       {"g", -3}};
    EXPECT_EQ(w.end_object().take(), want.dump(indent)) << indent;
  }
}

}  // namespace
}  // namespace lightmesh
