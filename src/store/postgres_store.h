// PostgresStore: the store for several `lightmesh serve` processes over one PostgreSQL database
// (libpq). Same tables as SqliteStore plus fabric_version, a one-row table whose row lock
// serialises writers across processes: begin(true) opens a transaction and locks that row, so
// a writer works on the latest state and no two processes ever book the same slot; commit() bumps
// the version in the same transaction. Readers take no lock; they compare the version and rebuild
// when another process has committed. docs/design.md, "Several servers over one PostgreSQL".
//
//   LM_ASSIGN_OR_RETURN(auto s, PostgresStore::open("postgresql://lm@db.example/lightmesh"));
//   LM_RETURN_IF_ERROR(s->load_into(fabric));
//
// Not thread-safe: one connection, the caller serialises calls.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"

struct pg_conn;

namespace lightmesh::store {

class PgResult;

class PostgresStore final : public Store {
 public:
  // Connects (a libpq URL or key=value conninfo) and applies the numbered migrations under an
  // advisory lock, so servers starting together migrate once. Errors name the database without its
  // password: cannot connect, not a lightmesh database, or a schema newer than this build knows.
  static Result<std::unique_ptr<PostgresStore>> open(const std::string& conninfo);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  // Refuses (kUnsupported), changing nothing, unless the fabric is the stored one at the locked
  // version: loaded or last committed by this store. Without begin(true) it takes the lock itself.
  Status commit(const fabric::Changes& changes, const Network& net,
                const StoredReply* reply = nullptr) override;
  // Inside begin(true)'s transaction it reads under the writers' lock; standalone it reads one
  // REPEATABLE READ snapshot. Either way the version it read becomes the one this process has seen.
  Status load_into(fabric::Fabric& fabric) override;
  // Brings a fabric this store loaded (or last committed from) up to the stored version with one
  // query: the service and workload rows written since (tombstones included), the failed fibres
  // and the new events. Without begin(true) it reads outside the writers' lock. On an error the
  // fabric may be half caught up: the caller loads a fresh one.
  Status catch_up(fabric::Fabric& fabric) override;
  Result<std::optional<StoredReply>> find_reply(const std::string& tenant,
                                                const std::string& key) override;
  Status expire_replies(std::int64_t before_us) override;
  Result<bool> begin(bool write) override;
  void end() override;

  int schema_version() const { return schema_version_; }
  // The version of the fabric this process last read or wrote (fabric_version.version).
  std::int64_t seen_version() const { return last_seen_; }
  // conninfo with any password removed, for messages.
  static std::string redact(const std::string& conninfo);

 private:
  PostgresStore(pg_conn* conn, std::string where) : conn_(conn), where_(std::move(where)) {}
  // Runs one statement with text parameters; an error names `what` and the server's message.
  Result<PgResult> run(const char* what, const char* sql,
                       const std::vector<std::string>& params = {});
  // Runs several statements in one round trip; every result, in order, or the first error.
  Result<std::vector<PgResult>> run_script(const char* what, const char* sql);
  Status configure_session();  // timeouts, on every (re)connection
  Status migrate();
  Status rollback();
  Result<std::int64_t> lock_version();  // BEGIN; SELECT … FOR UPDATE
  Status reconnect_if_lost();

  pg_conn* conn_;
  std::string where_;
  int schema_version_ = 0;
  std::int64_t last_seen_ = -1;
  std::int64_t locked_version_ = -2;  // the version read under the writers' lock
  bool in_tx_ = false;
  // The event log as of last_seen_: append-only, so a reload fetches only newer events.
  std::vector<fabric::Event> events_;
  std::set<std::string> failed_;  // the failed fibres as of last_seen_
};

}  // namespace lightmesh::store
