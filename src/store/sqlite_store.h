// SqliteStore: the embedded default store. One file in WAL mode with synchronous=FULL, so a commit
// that returned survives a crash (≈ 3,600 such commits per second
// on a 2-core machine whose fsync takes 0.3 ms, docs/sources.md §8).
// Schema changes are numbered migrations applied in order on open.
//
//   LM_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> s, SqliteStore::open("lightmesh.db"));
//
// Thread-safe: calls take turns on the one connection, so a read from one thread never runs
// inside another thread's write transaction (the controller reads stored replies while its
// committer thread commits).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "store/store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace lightmesh::store {

class SqliteStore final : public Store {
 public:
  // Opens or creates the database and migrates it. Errors: cannot open, not a lightmesh database,
  // or a schema newer than this build knows.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path);
  ~SqliteStore() override;

  Status commit(const fabric::Changes& changes, const Network& net,
                const StoredReply* reply = nullptr) override;
  // One process owns the file, so requests can share a commit.
  bool shares_commits() const override { return true; }
  Status commit_group(const CommitGroup& group, const Network& net) override;
  Status load_into(fabric::Fabric& fabric) override;
  Result<std::optional<StoredReply>> find_reply(const std::string& tenant,
                                                const std::string& key) override;
  Status expire_replies(std::int64_t before_us) override;
  int schema_version() const { return version_; }

 private:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status exec(const char* sql);
  Status migrate();
  void presize_log();
  // The statement for `sql`, prepared once and kept: parsing SQL on every commit cost about a
  // tenth of a create's CPU. Null when it cannot be prepared.
  sqlite3_stmt* prepared(const char* sql);

  sqlite3* db_;
  std::string path_;
  int version_ = 0;
  std::mutex mu_;  // the connection, its open transaction and prepared_
  std::map<std::string, sqlite3_stmt*> prepared_;
};

}  // namespace lightmesh::store
