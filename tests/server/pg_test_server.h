// The PostgreSQL server the server tests share: LIGHTMESH_PG_URL's, the cluster ctest's fixture
// started (LIGHTMESH_PG_URL_FILE), or a throwaway cluster started on first use with
// scripts/pg-test-cluster.sh and stopped (its directory deleted) when the process exits. One per
// test process, whichever test files use it. docs/testing.md, "The PostgreSQL tests".
//
//   PgServer& pg = PgServer::get();
//   if (!pg.ok()) GTEST_SKIP() << pg.why_not();
//   std::string conninfo = pg.fresh_database().value();  // an empty schema of its own
//
// Thread-safe: fresh_database() may be called from several threads.
#pragma once

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/postgres_store.h"

namespace lightmesh::server::test_support {

inline std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

class PgServer {
 public:
  static PgServer& get() {
    static PgServer server;
    return server;
  }
  bool ok() const { return !url_.empty(); }
  const std::string& why_not() const { return why_not_; }

  // A new, empty schema for one test, and the conninfo that puts it first on the search path, so
  // tests (and test processes) never see each other's tables.
  Result<std::string> fresh_database() {
    std::lock_guard<std::mutex> lock(mu_);
    const std::string schema = "lm_test_" + std::to_string(::getpid()) + "_" + std::to_string(++n_);
    LM_RETURN_IF_ERROR(exec("CREATE SCHEMA " + schema));
    schemas_.push_back(schema);
    // Both conninfo forms: a URL takes a query parameter, key=value takes another pair.
    // The application name lets a test find its own connections among other processes'.
    if (url_.find("://") != std::string::npos) {
      return url_ + (url_.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
             schema + "&application_name=" + schema;
    }
    return url_ + " options='-csearch_path=" + schema + "' application_name=" + schema;
  }
  // Drops every connection a test's stores hold, as a server restart would.
  Status drop_connections(const std::string& schema) {
    return exec(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" +
        schema + "'");
  }
  static std::string schema_of(const std::string& conninfo) {
    const auto at = conninfo.rfind("application_name=");
    return conninfo.substr(at + 17);
  }

 private:
  PgServer() {
    url_ = env("LIGHTMESH_PG_URL");
    if (!url_.empty()) return;
    // ctest's fixture started one cluster for every test process and left its conninfo here.
    if (const std::string file = env("LIGHTMESH_PG_URL_FILE"); !file.empty()) {
      std::ifstream in(file);
      std::getline(in, url_);
      if (!url_.empty()) return;
    }
    char tmpl[] = "/tmp/lightmesh-pg-XXXXXX";
    if (!::mkdtemp(tmpl)) {
      why_not_ = "cannot create a temporary directory";
      return;
    }
    dir_ = tmpl;
    // The cluster runs as another user when we are root (PostgreSQL refuses root): it must be able
    // to reach its directory inside ours.
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all |
                                           std::filesystem::perms::group_exec |
                                           std::filesystem::perms::others_exec);
    std::filesystem::create_directories(dir_ / "cluster");
    const std::string cmd = std::string(LIGHTMESH_SOURCE_DIR) +
                            "/scripts/pg-test-cluster.sh start " + (dir_ / "cluster").string() +
                            " 2>" + (dir_ / "start.log").string();
    std::string out;
    if (FILE* p = ::popen(cmd.c_str(), "r")) {
      char buf[256];
      while (std::fgets(buf, sizeof buf, p)) out += buf;
      if (::pclose(p) != 0) out.clear();
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    if (out.empty()) {
      std::ifstream log(dir_ / "start.log");
      std::stringstream ss;
      ss << log.rdbuf();
      why_not_ =
          "PostgreSQL is not available (scripts/pg-test-cluster.sh start failed: " + ss.str() +
          "); set LIGHTMESH_PG_URL to use a running server";
      stop();
      return;
    }
    url_ = out;
  }
  ~PgServer() {
    // An outside server keeps nothing of ours; a throwaway cluster goes whole.
    if (dir_.empty()) {
      for (const auto& s : schemas_) (void)exec("DROP SCHEMA IF EXISTS " + s + " CASCADE");
    }
    stop();
  }
  void stop() {
    if (dir_.empty()) return;
    const std::string cmd = std::string(LIGHTMESH_SOURCE_DIR) +
                            "/scripts/pg-test-cluster.sh stop " + (dir_ / "cluster").string() +
                            " >/dev/null 2>&1";
    (void)std::system(cmd.c_str());
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
  // A connection per statement: rare, and nothing to keep open between tests.
 public:
  Status exec(const std::string& sql) {
    PGconn* c = PQconnectdb(url_.c_str());
    std::string err;
    if (PQstatus(c) != CONNECTION_OK) {
      err = PQerrorMessage(c);
    } else {
      PQsetNoticeProcessor(
          c, [](void*, const char*) {}, nullptr);  // "drop cascades to …" is expected
      PGresult* r = PQexec(c, sql.c_str());
      const ExecStatusType st = PQresultStatus(r);
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) err = PQresultErrorMessage(r);
      PQclear(r);
    }
    PQfinish(c);
    if (!err.empty()) return Error::io(err).at(store::PostgresStore::redact(url_));
    return {};
  }

 private:
  std::mutex mu_;
  std::string url_, why_not_;
  std::filesystem::path dir_;
  int n_ = 0;
  std::vector<std::string> schemas_;
};

}  // namespace lightmesh::server::test_support
