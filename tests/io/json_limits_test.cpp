// The JSON reader's limits on size and on work: duplicate keys are found among hundreds of
// thousands, a million values is the most a document holds, and messages never quote a huge input
// whole.
#include <gtest/gtest.h>

#include <string>

#include "io/json_doc.h"

namespace lightmesh::io {
namespace {

std::string object_with_keys(std::size_t n, const std::string& last_key) {
  std::string text = "{\"outer\": {";
  for (std::size_t i = 0; i < n; ++i) text += "\"k" + std::to_string(i) + "\": 0, ";
  return text + "\"" + last_key + "\": 1}}";
}

TEST(JsonLimits, ADuplicateAmongManyKeysIsFoundAndNamed) {
  constexpr std::size_t kKeys = 300'000;
  auto fine = parse_document(object_with_keys(kKeys, "last"), "big.json");
  ASSERT_TRUE(fine) << fine.error().to_string();
  EXPECT_EQ(fine->root["outer"].size(), kKeys + 1);

  auto dup = parse_document(object_with_keys(kKeys, "k123456"), "big.json");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().to_string(), "big.json: /outer: duplicate key \"k123456\"");
}

TEST(JsonLimits, AMillionValuesIsTheMost) {
  // The list itself is one value, so a million values is the list and 999,999 numbers.
  auto list_of = [](std::size_t n) {
    std::string text = "[";
    for (std::size_t i = 0; i < n; ++i) text += i ? ",0" : "0";
    return text + "]";
  };
  auto most = parse_document(list_of(999'999), "many.json");
  ASSERT_TRUE(most) << most.error().to_string();
  EXPECT_EQ(most->root.size(), 999'999u);
  auto over = parse_document(list_of(1'000'000), "many.json");
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().to_string(), "many.json: more than a million values");
}

TEST(JsonLimits, MessagesQuoteAtMostAFewHundredBytesOfInput) {
  const std::string huge = "A" + std::string(7 << 20, 'x') + "Z";
  const std::string shown = printable(huge);
  EXPECT_LT(shown.size(), 600u);
  EXPECT_EQ(shown.front(), 'A');
  EXPECT_EQ(shown.back(), 'Z');
  EXPECT_NE(shown.find("…"), std::string::npos);
  EXPECT_NE(shown.find(std::to_string(huge.size() - 480) + " bytes left out"), std::string::npos)
      << shown;
  // Short text is untouched, and a cut never splits a UTF-8 character.
  EXPECT_EQ(printable("µs"), "µs");
  const std::string greek = printable(std::string(1000, 'a') + std::string(2000, '\0') + "ωωωω");
  EXPECT_NE(greek.find("ωωωω"), std::string::npos);
  // "a", 400 two-byte characters and "b": both cut points fall inside a character.
  std::string multi = "a";
  for (int i = 0; i < 400; ++i) multi += "µ";
  multi += "b";
  const std::string cut = printable(multi);
  EXPECT_EQ(cut.find('?'), std::string::npos) << "a character was split: " << cut;

  // A duplicate key of 1 MB is named in a message of a few hundred bytes.
  const std::string key(1 << 20, 'k');
  auto dup = parse_document("{\"" + key + "\": 1, \"" + key + "\": 2}", "d.json");
  ASSERT_FALSE(dup);
  EXPECT_LT(dup.error().to_string().size(), 700u);
}

}  // namespace
}  // namespace lightmesh::io
