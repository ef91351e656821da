// Bearer tokens, each bound to a tenant and a role, from a tokens file:
// {"tokens":[{"token","tenant","role":"admin|tenant|read-only"}]}. A "token" is either the token
// itself (at least 8 characters) or "sha256:" and the 64 hex digits of its SHA-256, so the file
// need not hold the secret; `lightmesh token new` makes a token and its line. docs/api/rest.md.
//
//   LM_ASSIGN_OR_RETURN(Tokens tokens, Tokens::load("tokens.json"));
//   if (auto who = tokens.find(bearer)) …
//
// Immutable after loading; thread-safe to read.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace lightmesh::server {

enum class Role { kAdmin, kTenant, kReadOnly };
const char* role_name(Role r);
// "admin", "tenant" or "read-only"; nullopt for anything else.
std::optional<Role> parse_role(const std::string& name);

struct Principal {
  std::string tenant;
  Role role = Role::kReadOnly;

  // Whose services this principal sees: its own tenant's, or (empty) every tenant's for admin and
  // read-only tokens. Both northbound APIs filter by it, so they agree on what a token may see.
  std::string visible_tenant() const { return role == Role::kTenant ? tenant : std::string(); }
};

inline constexpr std::size_t kMinTokenChars = 8;

// A fresh token from the operating system's random source: "lm-" and 64 hex digits (256 bits).
std::string generate_token();
// "sha256:" and the lower-case hex SHA-256 of `token`: what a tokens file may hold instead.
std::string token_hash(const std::string& token);

class Tokens {
 public:
  // Loads a tokens file. A file that others may write is refused; one that group or others may
  // read is loaded, and `warning` (when given) says so.
  static Result<Tokens> load(const std::string& path, std::string* warning = nullptr);
  static Result<Tokens> parse(const std::string& text, const std::string& file);
  // One admin token, for `serve` without a tokens file.
  static Tokens single_admin(const std::string& token);

  // Compares the token's hash with every entry's in constant time, so the time taken says nothing
  // of which entry (or how much of one) matched.
  std::optional<Principal> find(const std::string& token) const;
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::array<std::uint8_t, 32> digest;
    Principal who;
  };
  std::vector<Entry> entries_;
};

}  // namespace lightmesh::server
