// StoredReply: the answer to a create sent with an Idempotency-Key, kept in the same transaction as
// the change it answered, so a retry after a crash or on another server gets the same answer.
#pragma once

#include <cstdint>
#include <string>

namespace lightmesh::store {

struct StoredReply {
  std::string tenant;
  std::string key;
  std::string request_body;  // the body's "sha256:" digest: a retry with another body is refused
  int status = 0;
  std::string body;
  std::string location;        // the Location header, if any
  std::int64_t stored_us = 0;  // when it was answered (the fabric's clock), for expiry
};

}  // namespace lightmesh::store
