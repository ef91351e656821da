// Tokens files: tokens or their SHA-256 hashes, the rules an entry must follow, and what the file's
// permissions allow.
#include "server/tokens.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

namespace lightmesh::server {
namespace {

namespace fs = std::filesystem;

// FIPS 180-2, appendix B.1: the SHA-256 of "abc".
constexpr const char* kAbcSha256 =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

std::string one_entry(const std::string& token, const std::string& tenant,
                      const std::string& role) {
  return R"({"tokens": [{"token": ")" + token + R"(", "tenant": ")" + tenant + R"(", "role": ")" +
         role + R"("}]})";
}

TEST(Tokens, AHashedEntryAdmitsTheTokenWhoseHashItIs) {
  EXPECT_EQ(token_hash("abc"), std::string("sha256:") + kAbcSha256);
  auto tokens = Tokens::parse(one_entry(std::string("sha256:") + kAbcSha256, "bank", "tenant"),
                              "tokens.json");
  ASSERT_TRUE(tokens) << tokens.error().to_string();
  auto who = tokens->find("abc");
  ASSERT_TRUE(who);
  EXPECT_EQ(who->tenant, "bank");
  EXPECT_EQ(who->role, Role::kTenant);
  EXPECT_FALSE(tokens->find("abcd"));
  EXPECT_FALSE(tokens->find(std::string("sha256:") + kAbcSha256));  // the hash is no token
  // Hex digits in upper case name the same hash.
  std::string upper = kAbcSha256;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(Tokens::parse(one_entry("sha256:" + upper, "bank", "tenant"), "t.json")->find("abc"));
}

TEST(Tokens, PlainAndHashedEntriesMix) {
  const std::string token = generate_token();
  auto tokens = Tokens::parse(R"({"tokens": [
      {"token": "plain-token-1", "tenant": "ops", "role": "admin"},
      {"token": ")" + token_hash(token) +
                                  R"(", "tenant": "audit", "role": "read-only"}]})",
                              "tokens.json");
  ASSERT_TRUE(tokens) << tokens.error().to_string();
  EXPECT_EQ(tokens->size(), 2u);
  EXPECT_EQ(tokens->find("plain-token-1")->role, Role::kAdmin);
  EXPECT_EQ(tokens->find(token)->tenant, "audit");
  EXPECT_FALSE(tokens->find("plain-token"));
  EXPECT_FALSE(tokens->find(""));
}

TEST(Tokens, BadEntriesAreRefusedNamingTheField) {
  struct Case {
    std::string text;
    std::string pointer;
    std::string says;
  };
  const std::vector<Case> cases = {
      {one_entry("short", "bank", "tenant"), "/tokens/0/token", "at least 8 characters"},
      {one_entry("sha256:abc", "bank", "tenant"), "/tokens/0/token", "64 hex digits"},
      {one_entry(std::string("sha256:") + std::string(63, 'a') + "g", "bank", "tenant"),
       "/tokens/0/token", "64 hex digits"},
      {one_entry("long-enough-1", "", "tenant"), "/tokens/0/tenant", "empty tenant"},
      {one_entry("long-enough-1", "", "admin"), "/tokens/0/tenant", "empty tenant"},
      {one_entry("long-enough-1", "bank", "owner"), "/tokens/0/role", "admin, tenant or read-only"},
      {R"({"tokens": [{"token": "long-enough-1", "tenant": "a", "role": "admin"},
                      {"token": ")" +
           token_hash("long-enough-1") + R"(", "tenant": "b", "role": "admin"}]})",
       "/tokens/1/token", "duplicate token"},
  };
  for (const auto& c : cases) {
    auto t = Tokens::parse(c.text, "tokens.json");
    ASSERT_FALSE(t) << c.text;
    EXPECT_EQ(t.error().file(), "tokens.json");
    EXPECT_EQ(t.error().place(), c.pointer) << c.text;
    EXPECT_NE(t.error().message().find(c.says), std::string::npos) << t.error().to_string();
  }
}

TEST(Tokens, GeneratedTokensAreLongRandomAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = generate_token();
    ASSERT_EQ(t.size(), 3u + 64u);
    EXPECT_EQ(t.substr(0, 3), "lm-");
    EXPECT_EQ(t.find_first_not_of("0123456789abcdef", 3), std::string::npos) << t;
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Tokens, AFileOthersMayWriteIsRefusedAndOneTheyMayReadIsWarnedAbout) {
  const fs::path dir = fs::temp_directory_path() / ("lightmesh-tokens-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "tokens.json";
  std::ofstream(file) << one_entry("long-enough-1", "ops", "admin");

  ::chmod(file.c_str(), 0600);
  std::string warning;
  EXPECT_TRUE(Tokens::load(file.string(), &warning));
  EXPECT_EQ(warning, "");

  ::chmod(file.c_str(), 0644);
  EXPECT_TRUE(Tokens::load(file.string(), &warning));
  EXPECT_NE(warning.find("0644"), std::string::npos) << warning;
  EXPECT_NE(warning.find("chmod 600"), std::string::npos) << warning;

  ::chmod(file.c_str(), 0666);
  auto refused = Tokens::load(file.string(), &warning);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("written by group or others"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace lightmesh::server
