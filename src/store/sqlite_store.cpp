#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "store/migrations.h"
#include "store/service_json.h"
#include "store/workload_json.h"

namespace lightmesh::store {

namespace {

// A prepared statement that finalises itself, or one borrowed from the store's cache that is
// only reset for its next use.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
  }
  explicit Statement(sqlite3_stmt* cached)
      : stmt_(cached), rc_(cached ? SQLITE_OK : SQLITE_ERROR), owned_(false) {}
  ~Statement() {
    if (owned_) {
      sqlite3_finalize(stmt_);
    } else if (stmt_) {
      reset();
    }
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return stmt_; }
  void text(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void integer(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string column_text(int i) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i)))
             : std::string();
  }
  std::int64_t column_int(int i) { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  int rc_;
  bool owned_ = true;
};

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Error::io("cannot open database: " + msg).at(path);
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
  sqlite3_busy_timeout(db, 5000);
  LM_RETURN_IF_ERROR(
      store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  LM_RETURN_IF_ERROR(store->migrate());
  store->presize_log();
  return store;
}

// Every commit flushes the write-ahead log. While the log grows, that flush must also make the
// file's new length durable, a journal commit of the file system's metadata that costs a fifth
// to a third more than overwriting blocks the file already has. SQLite writes the log
// again from its start after each checkpoint and never shrinks it (no journal_size_limit), so a
// server that has run a while overwrites in place; this gives a database just opened the same
// from its first commit, by extending the log with zeros to the length it reaches between
// checkpoints. Zeros written, not a hole or fallocate's unwritten blocks: the first write to
// either is still a metadata change. Zeros are never read as frames: a frame counts only when its
// salt and checksum follow the log's header. Best effort: a log left short only costs speed.
void SqliteStore::presize_log() {
  const char* db_file = sqlite3_db_filename(db_, "main");
  if (db_file == nullptr || *db_file == '\0') return;  // in memory, or a temporary database
  auto pragma = [&](const char* sql) -> std::int64_t {
    Statement q(db_, sql);
    return q.ok() && q.step() == SQLITE_ROW ? q.column_int(0) : 0;
  };
  const std::int64_t page = pragma("PRAGMA page_size;");
  const std::int64_t pages_between_checkpoints = pragma("PRAGMA wal_autocheckpoint;");
  if (page <= 0 || pages_between_checkpoints <= 0) return;
  // A log frame is a 24-byte header and a page, after the log's 32-byte header. A commit may run
  // past the checkpoint's threshold before the checkpoint resets the log: hence the margin.
  constexpr std::int64_t kFrameHeader = 24, kLogHeader = 32, kMarginFrames = 64;
  const std::int64_t want =
      kLogHeader + (pages_between_checkpoints + kMarginFrames) * (page + kFrameHeader);
  // Under the write lock, so no other connection appends to the log meanwhile.
  if (!exec("BEGIN IMMEDIATE;")) return;
  const int fd = ::open(sqlite3_filename_wal(db_file), O_WRONLY | O_CLOEXEC);
  struct stat st {};
  if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_size < want) {
    static constexpr std::size_t kChunk = 256 * 1024;
    const std::vector<char> zeros(kChunk, 0);
    bool written = true;
    for (off_t at = st.st_size; written && at < want; at += static_cast<off_t>(kChunk)) {
      const auto n = static_cast<std::size_t>(std::min<std::int64_t>(kChunk, want - at));
      written = ::pwrite(fd, zeros.data(), n, at) == static_cast<ssize_t>(n);
    }
    if (written) (void)::fdatasync(fd);
  }
  if (fd >= 0) ::close(fd);
  (void)exec("COMMIT;");
}

SqliteStore::~SqliteStore() {
  for (auto& [sql, stmt] : prepared_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

sqlite3_stmt* SqliteStore::prepared(const char* sql) {
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return nullptr;
  }
  prepared_.emplace(sql, stmt);
  return stmt;
}

Status SqliteStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Error::io("database error: " + msg).at(path_);
  }
  return {};
}

Status SqliteStore::migrate() {
  LM_RETURN_IF_ERROR(exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);"));
  {
    Statement q(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version;");
    if (!q.ok() || q.step() != SQLITE_ROW)
      return Error::io("cannot read the schema version").at(path_);
    version_ = static_cast<int>(q.column_int(0));
  }
  const auto all = migrations();
  if (!all.empty() && version_ > all.back().version) {
    return Error::unsupported("the database schema is version " + std::to_string(version_) +
                              ", newer than this lightmesh knows (" +
                              std::to_string(all.back().version) + ")")
        .at(path_);
  }
  for (const Migration& m : all) {
    if (m.version <= version_) continue;
    LM_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE;"));
    Status st = exec(m.sql);
    if (st) {
      Statement ins(db_, "INSERT INTO schema_version (version) VALUES (?);");
      ins.integer(1, m.version);
      if (!ins.ok() || ins.step() != SQLITE_DONE)
        st = Error::io("cannot record the schema version").at(path_);
    }
    if (!st) {
      (void)exec("ROLLBACK;");
      return st;
    }
    LM_RETURN_IF_ERROR(exec("COMMIT;"));
    version_ = m.version;
  }
  return {};
}

Status SqliteStore::commit(const fabric::Changes& c, const Network& net, const StoredReply* reply) {
  CommitGroup group;
  group.add(c, net);
  if (reply) group.replies.push_back(*reply);
  return commit_group(group, net);
}

Status SqliteStore::commit_group(const CommitGroup& group, const Network& net) {
  const fabric::Changes& c = group.changes;
  const std::vector<StoredReply>& replies = group.replies;
  if (group.empty()) return {};
  std::lock_guard<std::mutex> lock(mu_);
  if (Statement begin(prepared("BEGIN IMMEDIATE;")); begin.step() != SQLITE_DONE)
    return Error::io(std::string("cannot begin a transaction: ") + sqlite3_errmsg(db_)).at(path_);
  auto fail = [&](const char* what) -> Status {
    const std::string msg = sqlite3_errmsg(db_);
    (void)exec("ROLLBACK;");
    return Error::io(std::string(what) + ": " + msg).at(path_);
  };
  {
    Statement up(
        prepared("INSERT INTO services (id, tenant, body) VALUES (?, ?, ?) "
                 "ON CONFLICT (id) DO UPDATE SET tenant = excluded.tenant, body = excluded.body;"));
    if (!up.ok()) return fail("cannot prepare");
    for (std::size_t i = 0; i < c.upserted.size(); ++i) {
      const fabric::Service& s = c.upserted[i];
      up.reset();
      up.text(1, s.id);
      up.text(2, s.request.tenant);
      // Made as the changes were staged; a group put together by hand may leave them out.
      up.text(3,
              i < group.service_bodies.size() ? group.service_bodies[i] : service_to_json(net, s));
      if (up.step() != SQLITE_DONE) return fail("cannot store a service");
    }
    Statement del(prepared("DELETE FROM services WHERE id = ?;"));
    for (const auto& id : c.removed) {
      del.reset();
      del.text(1, id);
      if (del.step() != SQLITE_DONE) return fail("cannot delete a service");
    }
    // After the services, as loading adopts them: a workload row names services already written.
    // Prepared only when needed: most commits (service creates) carry no workload.
    if (!c.workloads_upserted.empty()) {
      Statement wup(db_,
                    "INSERT INTO workloads (id, tenant, body) VALUES (?, ?, ?) ON CONFLICT (id) DO "
                    "UPDATE SET tenant = excluded.tenant, body = excluded.body;");
      if (!wup.ok()) return fail("cannot prepare");
      for (const auto& w : c.workloads_upserted) {
        wup.reset();
        wup.text(1, w.id);
        wup.text(2, w.tenant);
        wup.text(3, workload_to_json(w));
        if (wup.step() != SQLITE_DONE) return fail("cannot store a workload");
      }
    }
    if (!c.workloads_removed.empty()) {
      Statement wdel(db_, "DELETE FROM workloads WHERE id = ?;");
      for (const auto& id : c.workloads_removed) {
        wdel.reset();
        wdel.text(1, id);
        if (wdel.step() != SQLITE_DONE) return fail("cannot delete a workload");
      }
    }
    if (c.fibers_changed) {
      if (sqlite3_exec(db_, "DELETE FROM failed_fibers;", nullptr, nullptr, nullptr) != SQLITE_OK) {
        return fail("cannot store failed fibres");
      }
      Statement ins(db_, "INSERT INTO failed_fibers (fiber) VALUES (?);");
      for (const auto& f : c.failed_fibers) {
        ins.reset();
        ins.text(1, f);
        if (ins.step() != SQLITE_DONE) return fail("cannot store failed fibres");
      }
    }
    Statement ev(prepared(
        "INSERT INTO events (sequence, time_us, tenant, service, what, why, subject_name) VALUES "
        "(?, ?, ?, ?, ?, ?, ?);"));
    for (const auto& e : c.events) {
      ev.reset();
      ev.integer(1, static_cast<std::int64_t>(e.sequence));
      ev.integer(2, e.time_us);
      ev.text(3, e.tenant);
      ev.text(4, e.service);
      ev.text(5, e.what);
      ev.text(6, e.why);
      ev.text(7, e.subject_name);
      if (ev.step() != SQLITE_DONE) return fail("cannot append an event");
    }
    Statement rep(
        prepared("INSERT OR REPLACE INTO replies (tenant, key, request_body, status, body, "
                 "location, stored_us) VALUES (?, ?, ?, ?, ?, ?, ?);"));
    for (const StoredReply& reply : replies) {
      rep.reset();
      rep.text(1, reply.tenant);
      rep.text(2, reply.key);
      rep.text(3, reply.request_body);
      rep.integer(4, reply.status);
      rep.text(5, reply.body);
      rep.text(6, reply.location);
      rep.integer(7, reply.stored_us);
      if (!rep.ok() || rep.step() != SQLITE_DONE) return fail("cannot store the reply");
    }
  }
  if (Statement commit(prepared("COMMIT;")); commit.step() != SQLITE_DONE)
    return fail("cannot commit");
  return {};
}

Status SqliteStore::load_into(fabric::Fabric& fabric) {
  const Network& net = fabric.network();
  std::lock_guard<std::mutex> lock(mu_);
  {
    Statement q(db_, "SELECT body FROM services ORDER BY id;");
    if (!q.ok())
      return Error::io(std::string("cannot read services: ") + sqlite3_errmsg(db_)).at(path_);
    while (q.step() == SQLITE_ROW) {
      auto s = service_from_json(net, q.column_text(0));
      if (!s) return s.error().at(path_);
      if (auto st = fabric.adopt(std::move(*s)); !st) return st.error().at(path_);
    }
  }
  {
    // After the services: a workload is adopted only with every service it owns.
    Statement q(db_, "SELECT body FROM workloads ORDER BY id;");
    if (!q.ok())
      return Error::io(std::string("cannot read workloads: ") + sqlite3_errmsg(db_)).at(path_);
    while (q.step() == SQLITE_ROW) {
      auto w = workload_from_json(q.column_text(0));
      if (!w) return w.error().at(path_);
      if (auto st = fabric.adopt_workload(std::move(*w)); !st) return st.error().at(path_);
    }
  }
  {
    Statement q(db_, "SELECT fiber FROM failed_fibers ORDER BY fiber;");
    while (q.ok() && q.step() == SQLITE_ROW) {
      if (auto st = fabric.adopt_failed_fiber(q.column_text(0)); !st) return st.error().at(path_);
    }
  }
  std::vector<fabric::Event> events;
  Statement q(
      db_,
      "SELECT sequence, time_us, tenant, service, what, why, subject_name FROM events ORDER BY "
      "sequence;");
  while (q.ok() && q.step() == SQLITE_ROW) {
    fabric::Event e;
    e.sequence = static_cast<std::uint64_t>(q.column_int(0));
    e.time_us = q.column_int(1);
    e.tenant = q.column_text(2);
    e.service = q.column_text(3);
    e.what = q.column_text(4);
    e.why = q.column_text(5);
    e.subject_name = q.column_text(6);
    if (e.sequence != events.size() + 1) {
      return Error::invalid("the event log has a gap before event " + std::to_string(e.sequence))
          .at(path_);
    }
    events.push_back(std::move(e));
  }
  fabric.adopt_events(std::move(events));
  return {};
}

Result<std::optional<StoredReply>> SqliteStore::find_reply(const std::string& tenant,
                                                           const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  Statement q(
      prepared("SELECT request_body, status, body, location, stored_us FROM replies WHERE tenant "
               "= ? AND key = ?;"));
  if (!q.ok())
    return Error::io(std::string("cannot read replies: ") + sqlite3_errmsg(db_)).at(path_);
  q.text(1, tenant);
  q.text(2, key);
  const int rc = q.step();
  if (rc == SQLITE_DONE) return std::optional<StoredReply>();
  if (rc != SQLITE_ROW)
    return Error::io(std::string("cannot read replies: ") + sqlite3_errmsg(db_)).at(path_);
  StoredReply r{.tenant = tenant,
                .key = key,
                .request_body = q.column_text(0),
                .status = static_cast<int>(q.column_int(1)),
                .body = q.column_text(2),
                .location = q.column_text(3),
                .stored_us = q.column_int(4)};
  return std::optional<StoredReply>(std::move(r));
}

Status SqliteStore::expire_replies(std::int64_t before_us) {
  std::lock_guard<std::mutex> lock(mu_);
  Statement q(prepared("DELETE FROM replies WHERE stored_us < ?;"));
  if (!q.ok()) return Error::io(std::string("cannot expire replies: ") + sqlite3_errmsg(db_));
  q.integer(1, before_us);
  if (q.step() != SQLITE_DONE)
    return Error::io(std::string("cannot expire replies: ") + sqlite3_errmsg(db_)).at(path_);
  return {};
}

}  // namespace lightmesh::store
