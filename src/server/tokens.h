// Bearer tokens, each bound to a tenant and a role, from a tokens file:
// {"tokens":[{"token","tenant","role":"admin|tenant|read-only"}]}.
//
//   LM_ASSIGN_OR_RETURN(Tokens tokens, Tokens::load("tokens.json"));
//   if (auto who = tokens.find(bearer)) …
//
// Immutable after loading; thread-safe to read.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/result.h"

namespace lightmesh::server {

enum class Role { kAdmin, kTenant, kReadOnly };
const char* role_name(Role r);

struct Principal {
  std::string tenant;
  Role role = Role::kReadOnly;

  // Whose services this principal sees: its own tenant's, or (empty) every tenant's for admin and
  // read-only tokens. Both northbound APIs filter by it, so they agree on what a token may see.
  std::string visible_tenant() const { return role == Role::kTenant ? tenant : std::string(); }
};

class Tokens {
 public:
  static Result<Tokens> load(const std::string& path);
  static Result<Tokens> parse(const std::string& text, const std::string& file);
  // One admin token, for `serve` without a tokens file.
  static Tokens single_admin(const std::string& token);

  std::optional<Principal> find(const std::string& token) const;
  std::size_t size() const { return by_token_.size(); }

 private:
  std::map<std::string, Principal> by_token_;
};

}  // namespace lightmesh::server
