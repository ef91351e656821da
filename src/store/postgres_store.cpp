// PostgresStore on libpq: parameterised statements, every result checked and freed by PgResult.
//
//   auto s = PostgresStore::open("postgresql://lm@127.0.0.1:5432/lightmesh");
#include "store/postgres_store.h"

#include <libpq-fe.h>

#include <charconv>

#include "store/migrations.h"
#include "store/service_json.h"
#include "store/workload_json.h"

namespace lightmesh::store {

namespace {

// libpq's messages span lines ("ERROR: …\nDETAIL: …", "failed: …\n\tIs the server running…");
// lightmesh's errors are one line, so runs of whitespace become one space.
std::string one_line(const char* text) {
  std::string out;
  bool space = false;
  for (const char* p = text; *p; ++p) {
    if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += *p;
  }
  return out;
}

}  // namespace

// Owns one PGresult, so no path leaks it.
class PgResult {
 public:
  explicit PgResult(PGresult* r) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept {
    std::swap(r_, o.r_);
    return *this;
  }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult() { PQclear(r_); }

  // Commands and queries succeed with one of these; PQresultStatus(nullptr) is a fatal error.
  bool ok() const {
    const ExecStatusType st = PQresultStatus(r_);
    return r_ && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK);
  }
  std::string error() const { return one_line(r_ ? PQresultErrorMessage(r_) : ""); }
  std::string command() const { return r_ ? PQcmdStatus(r_) : ""; }
  int rows() const { return PQntuples(r_); }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col),
                       static_cast<std::size_t>(PQgetlength(r_, row, col)));
  }
  // Integer columns come back as decimal text; anything else is a malformed row.
  bool integer(int row, int col, std::int64_t& out) const {
    const char* p = PQgetvalue(r_, row, col);
    const char* end = p + PQgetlength(r_, row, col);
    auto [ptr, ec] = std::from_chars(p, end, out);
    return ec == std::errc() && ptr == end;
  }

 private:
  PGresult* r_;
};

namespace {

// Any fixed number: every lightmesh server migrating this database takes the same lock.
constexpr std::int64_t kMigrationLock = 0x6c6d6d6967726174;  // "lmmigrat"

std::string server_message(PGconn* conn) { return one_line(PQerrorMessage(conn)); }

}  // namespace

std::string PostgresStore::redact(const std::string& conninfo) {
  std::string s = conninfo;
  // URL form: postgresql://user:password@host/db?password=…
  if (const auto scheme = s.find("://"); scheme != std::string::npos) {
    const auto at = s.find('@', scheme + 3);
    const auto slash = s.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = s.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) s.erase(colon, at - colon);
    }
  }
  // password=… as a URL parameter or a key=value pair (not the end of sslpassword=…, which is
  // secret too and goes the same way).
  for (std::size_t p = s.find("password="); p != std::string::npos; p = s.find("password=", p)) {
    while (p > 0 && s[p - 1] != '?' && s[p - 1] != '&' && s[p - 1] != ' ') --p;
    auto end = s.find_first_of("& ", p);
    if (end == std::string::npos) end = s.size();
    s.erase(p, end - p + (end < s.size() ? 1 : 0));
  }
  while (!s.empty() && (s.back() == '?' || s.back() == '&' || s.back() == ' ')) s.pop_back();
  return s;
}

Result<std::unique_ptr<PostgresStore>> PostgresStore::open(const std::string& conninfo) {
  const std::string where = redact(conninfo);
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (!conn) return Error::io("cannot connect to PostgreSQL: out of memory").at(where);
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string msg = server_message(conn);
    PQfinish(conn);
    return Error::io("cannot connect to PostgreSQL: " + msg).at(where);
  }
  std::unique_ptr<PostgresStore> store(new PostgresStore(conn, where));
  // Notices ("table exists, skipping") are for people at a psql prompt, not a server's stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  LM_RETURN_IF_ERROR(store->configure_session());
  LM_RETURN_IF_ERROR(store->migrate());
  // last_seen_ stays "never loaded" until load_into(): a fabric that did not come from this
  // store must not be committed into it.
  LM_ASSIGN_OR_RETURN(PgResult v, store->run("cannot read the fabric version",
                                             "SELECT version FROM fabric_version WHERE id = 1"));
  std::int64_t version = 0;
  if (v.rows() != 1 || !v.integer(0, 0, version))
    return Error::invalid("fabric_version has no row 1; not a lightmesh database").at(where);
  return store;
}

PostgresStore::~PostgresStore() { PQfinish(conn_); }

Result<PgResult> PostgresStore::run(const char* what, const char* sql,
                                    const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  PgResult r(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                          nullptr, nullptr, 0));
  if (!r.ok()) {
    std::string msg = r.error();
    if (msg.empty()) msg = server_message(conn_);  // no result at all: the connection is gone
    return Error::io(std::string(what) + ": " + msg).at(where_);
  }
  return r;
}

Result<std::vector<PgResult>> PostgresStore::run_script(const char* what, const char* sql) {
  if (!PQsendQuery(conn_, sql))
    return Error::io(std::string(what) + ": " + server_message(conn_)).at(where_);
  std::vector<PgResult> out;
  std::string error;
  // Every result must be read, the failed one's included, before the connection is usable again.
  while (PGresult* raw = PQgetResult(conn_)) {
    PgResult r(raw);
    if (!r.ok() && error.empty()) error = r.error().empty() ? server_message(conn_) : r.error();
    out.push_back(std::move(r));
  }
  if (!error.empty() || out.empty()) {
    if (error.empty()) error = server_message(conn_);
    return Error::io(std::string(what) + ": " + error).at(where_);
  }
  return out;
}

Status PostgresStore::rollback() {
  in_tx_ = false;
  PgResult r(PQexec(conn_, "ROLLBACK"));
  if (!r.ok()) return Error::io("cannot roll back: " + r.error()).at(where_);
  return {};
}

Status PostgresStore::configure_session() {
  // A writer waits for the writers' lock at most kLockTimeout, then its request fails (503) rather
  // than hang; a process that stops mid-transaction without dying (a dead process's connection
  // closes and its lock goes at once) loses its transaction and lock after kIdleTimeout. Both far
  // above a normal write, which holds the lock for milliseconds.
  LM_RETURN_IF_ERROR(run("cannot set the lock timeout", "SET lock_timeout = '30s'"));
  LM_RETURN_IF_ERROR(
      run("cannot set the idle timeout", "SET idle_in_transaction_session_timeout = '60s'"));
  return {};
}

Status PostgresStore::migrate() {
  // One transaction for all of it: DDL is transactional in PostgreSQL, and the advisory lock (held
  // to commit) makes a second server starting at the same moment wait, then find nothing to do.
  LM_RETURN_IF_ERROR(run("cannot start the migration", "BEGIN"));
  in_tx_ = true;
  auto fail = [&](Error e) -> Status {
    (void)rollback();
    return e;
  };
  const std::string lock = std::to_string(kMigrationLock);
  if (auto r = run("cannot lock for migration", "SELECT pg_advisory_xact_lock($1::bigint)", {lock});
      !r)
    return fail(r.error());
  if (auto r = run("cannot create schema_version",
                   "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      !r)
    return fail(r.error());
  auto cur =
      run("cannot read the schema version", "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!cur) return fail(cur.error());
  std::int64_t version = 0;
  if (cur->rows() != 1 || !cur->integer(0, 0, version))
    return fail(Error::invalid("unreadable schema_version").at(where_));
  const auto all = postgres_migrations();
  if (!all.empty() && version > all.back().version) {
    return fail(Error::unsupported("the database schema is version " + std::to_string(version) +
                                   ", newer than this lightmesh knows (" +
                                   std::to_string(all.back().version) + ")")
                    .at(where_));
  }
  for (const Migration& m : all) {
    if (m.version <= version) continue;
    // Without parameters PQexec runs the migration's several statements in one call.
    PgResult r(PQexec(conn_, m.sql));
    if (!r.ok()) {
      return fail(
          Error::io("migration " + std::to_string(m.version) + " failed: " + r.error()).at(where_));
    }
    if (auto ins =
            run("cannot record the schema version",
                "INSERT INTO schema_version (version) VALUES ($1)", {std::to_string(m.version)});
        !ins)
      return fail(ins.error());
    version = m.version;
  }
  auto done = run("cannot commit the migration", "COMMIT");
  in_tx_ = false;
  if (!done) return done.error();
  schema_version_ = static_cast<int>(version);
  return {};
}

Status PostgresStore::reconnect_if_lost() {
  if (PQstatus(conn_) == CONNECTION_OK) return {};
  // The server restarted or the network dropped: nothing was open that must survive, so reconnect
  // and treat the fabric as stale.
  in_tx_ = false;
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK)
    return Error::io("lost the connection to PostgreSQL: " + server_message(conn_)).at(where_);
  last_seen_ = -1;
  return configure_session();
}

Result<std::int64_t> PostgresStore::lock_version() {
  // READ COMMITTED on purpose: FOR UPDATE then returns the row as the previous lock holder
  // committed it, where REPEATABLE READ would fail with a serialisation error. Both statements go
  // in one round trip (PQexec answers with the last one's result, or the first error).
  in_tx_ = true;
  auto r = run_script("cannot lock the fabric version",
                      "BEGIN ISOLATION LEVEL READ COMMITTED; "
                      "SELECT version FROM fabric_version WHERE id = 1 FOR UPDATE");
  std::int64_t v = 0;
  if (!r || r->size() != 2 || r->back().rows() != 1 || !r->back().integer(0, 0, v)) {
    (void)rollback();
    if (!r) return r.error();
    return Error::invalid("fabric_version has no row 1").at(where_);
  }
  locked_version_ = v;
  return v;
}

Result<bool> PostgresStore::begin(bool write) {
  if (in_tx_) (void)rollback();
  auto once = [&]() -> Result<std::int64_t> {
    LM_RETURN_IF_ERROR(reconnect_if_lost());
    if (write) return lock_version();
    LM_ASSIGN_OR_RETURN(PgResult r, run("cannot read the fabric version",
                                        "SELECT version FROM fabric_version WHERE id = 1"));
    std::int64_t v = 0;
    if (r.rows() != 1 || !r.integer(0, 0, v))
      return Error::invalid("fabric_version has no row 1").at(where_);
    return v;
  };
  auto v = once();
  // A connection the server dropped (restart, idle timeout, failover) is noticed only when used.
  // Nothing has happened yet in this request, so reconnecting and trying once more is safe.
  if (!v && PQstatus(conn_) != CONNECTION_OK) v = once();
  if (!v) return v.error();
  return *v != last_seen_;
}

void PostgresStore::end() {
  if (in_tx_) (void)rollback();
}

Status PostgresStore::commit(const fabric::Changes& c, const Network& net,
                             const StoredReply* reply) {
  if (c.empty() && !reply) {
    end();  // nothing to write: release the writers' lock
    return {};
  }
  if (!in_tx_) {
    LM_RETURN_IF_ERROR(reconnect_if_lost());
    LM_RETURN_IF_ERROR(lock_version());
  }
  // Under the lock, the fabric must be the one stored at the locked version: loaded (or last
  // committed) at it. A caller that ignored begin()'s "stale" would otherwise overwrite others.
  if (locked_version_ != last_seen_) {
    (void)rollback();
    return Error::unsupported(
               "the fabric is not the stored one (another server changed the store since this "
               "one loaded it, or it was never loaded); reload and retry")
        .at(where_);
  }
  auto fail = [&](Error e) -> Status {
    (void)rollback();
    return e;
  };
  // Every row this commit writes carries the version it creates (the lock makes it the next one),
  // so a stale process finds them with `version > its own`. A delete leaves a tombstone.
  const std::string version = std::to_string(locked_version_ + 1);
  for (const auto& s : c.upserted) {
    if (auto r = run("cannot store a service",
                     "INSERT INTO services (id, tenant, body, version) VALUES ($1, $2, $3, $4) "
                     "ON CONFLICT (id) DO UPDATE SET tenant = EXCLUDED.tenant, body = "
                     "EXCLUDED.body, version = EXCLUDED.version, deleted = false",
                     {s.id, s.request.tenant, service_to_json(net, s), version});
        !r)
      return fail(r.error());
  }
  for (const auto& id : c.removed) {
    if (auto r = run("cannot delete a service",
                     "UPDATE services SET deleted = true, body = '', version = $2 WHERE id = $1",
                     {id, version});
        !r)
      return fail(r.error());
  }
  // After the services, as loading adopts them: a workload row names services already written.
  for (const auto& w : c.workloads_upserted) {
    if (auto r = run("cannot store a workload",
                     "INSERT INTO workloads (id, tenant, body, version) VALUES ($1, $2, $3, $4) "
                     "ON CONFLICT (id) DO UPDATE SET tenant = EXCLUDED.tenant, body = "
                     "EXCLUDED.body, version = EXCLUDED.version, deleted = false",
                     {w.id, w.tenant, workload_to_json(w), version});
        !r)
      return fail(r.error());
  }
  for (const auto& id : c.workloads_removed) {
    if (auto r = run("cannot delete a workload",
                     "UPDATE workloads SET deleted = true, body = '', version = $2 WHERE id = $1",
                     {id, version});
        !r)
      return fail(r.error());
  }
  if (c.fibers_changed) {
    if (auto r = run("cannot store failed fibres", "DELETE FROM failed_fibers"); !r)
      return fail(r.error());
    for (const auto& f : c.failed_fibers) {
      if (auto r = run("cannot store failed fibres",
                       "INSERT INTO failed_fibers (fiber) VALUES ($1)", {f});
          !r)
        return fail(r.error());
    }
  }
  for (const auto& e : c.events) {
    // The primary key on sequence refuses a second writer's event with the same number.
    if (auto r = run("cannot append an event",
                     "INSERT INTO events (sequence, time_us, tenant, service, what, why, "
                     "subject_name) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                     {std::to_string(e.sequence), std::to_string(e.time_us), e.tenant, e.service,
                      e.what, e.why, e.subject_name});
        !r)
      return fail(r.error());
  }
  if (reply) {
    if (auto r = run("cannot store the reply",
                     "INSERT INTO replies (tenant, key, request_body, status, body, location, "
                     "stored_us) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant, key) DO "
                     "UPDATE SET request_body = EXCLUDED.request_body, status = EXCLUDED.status, "
                     "body = EXCLUDED.body, location = EXCLUDED.location, "
                     "stored_us = EXCLUDED.stored_us",
                     {reply->tenant, reply->key, reply->request_body, std::to_string(reply->status),
                      reply->body, reply->location, std::to_string(reply->stored_us)});
        !r)
      return fail(r.error());
  }
  // The bump and COMMIT in one round trip. Under the lock the row is there and the new version is
  // the next one; both are checked anyway.
  auto done = run_script("cannot commit",
                         "UPDATE fabric_version SET version = version + 1 WHERE id = 1 "
                         "RETURNING version; COMMIT");
  if (!done) return fail(done.error());
  in_tx_ = false;
  std::int64_t v = 0;
  // COMMIT of a transaction that failed underneath reports ROLLBACK, not an error.
  if (done->size() != 2 || (*done)[1].command() != "COMMIT")
    return Error::io("the commit was rolled back").at(where_);
  if ((*done)[0].rows() != 1 || !(*done)[0].integer(0, 0, v) || v != locked_version_ + 1)
    return Error::internal("the fabric version moved under the writers' lock").at(where_);
  last_seen_ = v;
  if (c.fibers_changed) failed_ = {c.failed_fibers.begin(), c.failed_fibers.end()};
  // Keep the remembered log in step with what was committed, or forget it if it is not.
  if (!c.events.empty()) {
    if (c.events.front().sequence == events_.size() + 1)
      events_.insert(events_.end(), c.events.begin(), c.events.end());
    else
      events_.clear();
  }
  return {};
}

Status PostgresStore::load_into(fabric::Fabric& fabric) {
  const Network& net = fabric.network();
  const bool own = !in_tx_;
  if (own) {
    LM_RETURN_IF_ERROR(reconnect_if_lost());
    // One snapshot for the version and every table, so what is loaded is one committed state.
    LM_RETURN_IF_ERROR(run("cannot begin", "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    in_tx_ = true;
  }
  auto fail = [&](Error e) -> Status {
    if (own) (void)rollback();
    return e;
  };
  std::int64_t version = 0;
  {
    auto r =
        run("cannot read the fabric version", "SELECT version FROM fabric_version WHERE id = 1");
    if (!r) return fail(r.error());
    if (r->rows() != 1 || !r->integer(0, 0, version))
      return fail(Error::invalid("fabric_version has no row 1").at(where_));
  }
  {
    auto r = run("cannot read services", "SELECT body FROM services WHERE NOT deleted ORDER BY id");
    if (!r) return fail(r.error());
    for (int i = 0; i < r->rows(); ++i) {
      auto s = service_from_json(net, r->text(i, 0));
      if (!s) return fail(s.error().at(where_));
      if (auto st = fabric.adopt(std::move(*s)); !st) return fail(st.error().at(where_));
    }
  }
  {
    // In the same snapshot, after the services: a workload is adopted only with every service it
    // owns.
    auto r =
        run("cannot read workloads", "SELECT body FROM workloads WHERE NOT deleted ORDER BY id");
    if (!r) return fail(r.error());
    for (int i = 0; i < r->rows(); ++i) {
      auto w = workload_from_json(r->text(i, 0));
      if (!w) return fail(w.error().at(where_));
      if (auto st = fabric.adopt_workload(std::move(*w)); !st) return fail(st.error().at(where_));
    }
  }
  std::set<std::string> failed;
  {
    auto r = run("cannot read failed fibres", "SELECT fiber FROM failed_fibers ORDER BY fiber");
    if (!r) return fail(r.error());
    for (int i = 0; i < r->rows(); ++i) {
      if (auto st = fabric.adopt_failed_fiber(r->text(i, 0)); !st)
        return fail(st.error().at(where_));
      failed.insert(r->text(i, 0));
    }
  }
  // The event log is append-only, so only events newer than those this process already read or
  // wrote are fetched: a stale process catches up in time proportional to what it missed.
  std::vector<fabric::Event> fresh;
  {
    auto top = run("cannot read events", "SELECT COALESCE(MAX(sequence), 0) FROM events");
    std::int64_t max = 0;
    if (!top) return fail(top.error());
    if (top->rows() != 1 || !top->integer(0, 0, max))
      return fail(Error::invalid("unreadable event sequence").at(where_));
    // Fewer events than remembered: the database was replaced; read it all.
    if (static_cast<std::uint64_t>(max) < events_.size()) events_.clear();
    auto r = run("cannot read events",
                 "SELECT sequence, time_us, tenant, service, what, why, subject_name FROM events "
                 "WHERE sequence > $1 ORDER BY sequence",
                 {std::to_string(events_.size())});
    if (!r) return fail(r.error());
    fresh.reserve(static_cast<std::size_t>(r->rows()));
    for (int i = 0; i < r->rows(); ++i) {
      fabric::Event e;
      std::int64_t seq = 0;
      if (!r->integer(i, 0, seq) || !r->integer(i, 1, e.time_us))
        return fail(Error::invalid("unreadable event row " + std::to_string(i + 1)).at(where_));
      e.sequence = static_cast<std::uint64_t>(seq);
      e.tenant = r->text(i, 2);
      e.service = r->text(i, 3);
      e.what = r->text(i, 4);
      e.why = r->text(i, 5);
      e.subject_name = r->text(i, 6);
      if (e.sequence != events_.size() + fresh.size() + 1) {
        return fail(
            Error::invalid("the event log has a gap before event " + std::to_string(e.sequence))
                .at(where_));
      }
      fresh.push_back(std::move(e));
    }
  }
  if (own) {
    auto done = run("cannot end the read", "COMMIT");
    in_tx_ = false;
    if (!done) return done.error();
  }
  events_.insert(events_.end(), std::make_move_iterator(fresh.begin()),
                 std::make_move_iterator(fresh.end()));
  fabric.adopt_events(events_);
  failed_ = std::move(failed);
  last_seen_ = version;
  return {};
}

Status PostgresStore::catch_up(fabric::Fabric& fabric) {
  LM_RETURN_IF_ERROR(reconnect_if_lost());
  if (last_seen_ < 0) return Error::unsupported("nothing loaded to catch up from").at(where_);
  // The remembered log is the fabric's, or the fabric did not come from here.
  if (fabric.events().size() != events_.size())
    return Error::unsupported("the fabric's event log is not the one loaded").at(where_);
  // One statement, so one snapshot: the version and everything written up to it. Columns: kind,
  // id, number (row version or event sequence), deleted, then text fields and an event's time.
  auto r =
      run("cannot read what changed",
          "SELECT 'v', ''::text, version, false, NULL::text, NULL::text, NULL::text, "
          "NULL::text, 0::bigint FROM fabric_version WHERE id = 1 "
          "UNION ALL SELECT 's', id, version, deleted, body, NULL, NULL, NULL, 0 "
          "FROM services WHERE version > $1 "
          "UNION ALL SELECT 'w', id, version, deleted, body, NULL, NULL, NULL, 0 "
          "FROM workloads WHERE version > $1 "
          "UNION ALL SELECT 'f', fiber, 0, false, NULL, NULL, NULL, NULL, 0 FROM failed_fibers "
          "UNION ALL SELECT 'e', subject_name, sequence, false, tenant, service, what, why, "
          "time_us "
          "FROM events WHERE sequence > $2 ORDER BY 1, 3, 2",
          {std::to_string(last_seen_), std::to_string(events_.size())});
  if (!r) return r.error();
  struct Row {
    std::string id;
    bool deleted;
    std::string body;
  };
  std::vector<Row> services, workloads;
  std::set<std::string> failed;
  std::vector<fabric::Event> fresh;
  std::int64_t version = -1;
  for (int i = 0; i < r->rows(); ++i) {
    const std::string kind = r->text(i, 0);
    std::int64_t n = 0;
    if (!r->integer(i, 2, n))
      return Error::invalid("unreadable change row " + std::to_string(i + 1)).at(where_);
    if (kind == "v") {
      version = n;
    } else if (kind == "s" || kind == "w") {
      (kind == "s" ? services : workloads)
          .push_back({r->text(i, 1), r->text(i, 3) == "t", r->text(i, 4)});
    } else if (kind == "f") {
      failed.insert(r->text(i, 1));
    } else {
      fabric::Event e;
      e.sequence = static_cast<std::uint64_t>(n);
      if (!r->integer(i, 8, e.time_us))
        return Error::invalid("unreadable event " + std::to_string(n)).at(where_);
      e.tenant = r->text(i, 4);
      e.service = r->text(i, 5);
      e.what = r->text(i, 6);
      e.why = r->text(i, 7);
      e.subject_name = r->text(i, 1);  // an event row's id column carries its subject's name
      if (e.sequence != events_.size() + fresh.size() + 1) {
        return Error::invalid("the event log has a gap before event " + std::to_string(e.sequence))
            .at(where_);
      }
      fresh.push_back(std::move(e));
    }
  }
  if (version < last_seen_) return Error::invalid("fabric_version went back").at(where_);
  // Forget the old versions of what changed (workloads first: they own services), then adopt the
  // new ones in the order a full load does: services, failed fibres, workloads.
  for (const Row& w : workloads) {
    if (fabric.find_workload(w.id)) LM_RETURN_IF_ERROR(fabric.forget_workload(w.id));
  }
  for (const Row& s : services) {
    if (fabric.find(s.id)) LM_RETURN_IF_ERROR(fabric.forget(s.id));
  }
  for (const std::string& f : failed_) {
    if (!failed.count(f)) LM_RETURN_IF_ERROR(fabric.forget_failed_fiber(f));
  }
  for (const std::string& f : failed) {
    if (!failed_.count(f)) LM_RETURN_IF_ERROR(fabric.adopt_failed_fiber(f));
  }
  const Network& net = fabric.network();
  for (const Row& s : services) {
    if (s.deleted) continue;
    LM_ASSIGN_OR_RETURN(fabric::Service service, service_from_json(net, s.body));
    if (auto st = fabric.adopt(std::move(service)); !st) return st.error().at(where_);
  }
  for (const Row& w : workloads) {
    if (w.deleted) continue;
    LM_ASSIGN_OR_RETURN(fabric::Workload workload, workload_from_json(w.body));
    if (auto st = fabric.adopt_workload(std::move(workload)); !st) return st.error().at(where_);
  }
  events_.insert(events_.end(), fresh.begin(), fresh.end());
  fabric.append_events(std::move(fresh));
  failed_ = std::move(failed);
  last_seen_ = version;
  return {};
}

Result<std::optional<StoredReply>> PostgresStore::find_reply(const std::string& tenant,
                                                             const std::string& key) {
  LM_ASSIGN_OR_RETURN(PgResult r, run("cannot read replies",
                                      "SELECT request_body, status, body, location, stored_us "
                                      "FROM replies WHERE tenant = $1 AND key = $2",
                                      {tenant, key}));
  if (r.rows() == 0) return std::optional<StoredReply>();
  std::int64_t status = 0, stored_us = 0;
  if (!r.integer(0, 1, status) || !r.integer(0, 4, stored_us))
    return Error::invalid("unreadable reply status or time").at(where_);
  StoredReply out{.tenant = tenant,
                  .key = key,
                  .request_body = r.text(0, 0),
                  .status = static_cast<int>(status),
                  .body = r.text(0, 2),
                  .location = r.text(0, 3),
                  .stored_us = stored_us};
  return std::optional<StoredReply>(std::move(out));
}

Status PostgresStore::expire_replies(std::int64_t before_us) {
  // Outside any writer's transaction: deleting an expired reply conflicts with no one.
  LM_RETURN_IF_ERROR(reconnect_if_lost());
  LM_ASSIGN_OR_RETURN(PgResult r,
                      run("cannot expire replies", "DELETE FROM replies WHERE stored_us < $1",
                          {std::to_string(before_us)}));
  (void)r;
  return {};
}

}  // namespace lightmesh::store
