// Numbered schema migrations of the SQL stores. Append only: a released migration never changes.
// SQLite and PostgreSQL keep parallel lists with the same version numbers and the same tables; the
// SQL differs where the dialects do (64-bit integers are BIGINT in PostgreSQL).
//
//   for (const Migration& m : migrations()) if (m.version > current) apply(m.sql);
#pragma once

#include <span>

namespace lightmesh::store {

struct Migration {
  int version;
  const char* sql;
};

// SQLite's.
std::span<const Migration> migrations();
// PostgreSQL's. Version 1 also creates fabric_version, the one-row table whose row lock serialises
// writers in every process (docs/design.md, "Several servers over one PostgreSQL").
std::span<const Migration> postgres_migrations();

}  // namespace lightmesh::store
