#include "server/tokens.h"

#include "io/json_doc.h"

namespace lightmesh::server {

const char* role_name(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kTenant:
      return "tenant";
    case Role::kReadOnly:
      return "read-only";
  }
  return "read-only";
}

Result<Tokens> Tokens::parse(const std::string& text, const std::string& file) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(text, file));
  io::ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"tokens"}));
  LM_ASSIGN_OR_RETURN(const io::Json* list, top.list("tokens"));
  if (!list) return doc.error("", "missing required field \"tokens\"");
  Tokens t;
  for (std::size_t i = 0; i < list->size(); ++i) {
    io::ObjectReader r(doc, (*list)[i], "/tokens/" + std::to_string(i));
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"token", "tenant", "role"}));
    LM_ASSIGN_OR_RETURN(std::string token, r.required_string("token"));
    LM_ASSIGN_OR_RETURN(std::string tenant, r.required_string("tenant"));
    LM_ASSIGN_OR_RETURN(std::string role, r.required_string("role"));
    if (token.size() < 8)
      return doc.error(r.pointer("token"), "a token needs at least 8 characters");
    Principal p;
    p.tenant = tenant;
    if (role == "admin")
      p.role = Role::kAdmin;
    else if (role == "tenant")
      p.role = Role::kTenant;
    else if (role == "read-only")
      p.role = Role::kReadOnly;
    else
      return doc.error(r.pointer("role"),
                       "unknown role \"" + role + "\" (expected admin, tenant or read-only)");
    if (!t.by_token_.emplace(token, p).second)
      return doc.error(r.pointer("token"), "duplicate token");
  }
  return t;
}

Result<Tokens> Tokens::load(const std::string& path) {
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return parse(text, path);
}

Tokens Tokens::single_admin(const std::string& token) {
  Tokens t;
  t.by_token_.emplace(token, Principal{"admin", Role::kAdmin});
  return t;
}

std::optional<Principal> Tokens::find(const std::string& token) const {
  auto it = by_token_.find(token);
  if (it == by_token_.end()) return std::nullopt;
  return it->second;
}

}  // namespace lightmesh::server
