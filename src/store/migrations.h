// Numbered schema migrations of the SQL stores. Append only: a released migration never changes.
#pragma once

#include <span>

namespace lightmesh::store {

struct Migration {
  int version;
  const char* sql;
};

std::span<const Migration> migrations();

}  // namespace lightmesh::store
