#include "store/open_store.h"

#include <filesystem>
#include <string_view>

#include "store/postgres_store.h"
#include "store/sqlite_store.h"

namespace lightmesh::store {

bool is_postgres_url(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

bool looks_like_conninfo(const std::string& db) {
  if (is_postgres_url(db)) return false;
  for (const char* key : {"host=", "hostaddr=", "dbname=", "user=", "port=", "service="}) {
    const auto at = db.find(key);
    if (at != std::string::npos && (at == 0 || db[at - 1] == ' ')) return true;
  }
  return false;
}

Result<std::string> sqlite_file(const std::string& db, const std::string& option) {
  constexpr std::string_view kUrl = "sqlite://", kScheme = "sqlite:";
  std::string path = db;
  if (db.rfind(kUrl, 0) == 0) {
    path = db.substr(kUrl.size());
    if (path.empty() || path[0] != '/') {
      return Error::invalid("a sqlite:// URL takes no host: sqlite:///PATH names the file /PATH")
          .at_place(option);
    }
  } else if (db.rfind(kScheme, 0) == 0) {
    path = db.substr(kScheme.size());
  }
  if (path.empty()) return Error::invalid("no SQLite file named").at_place(option);
  return path;
}

Result<std::unique_ptr<Store>> open_store(const std::string& db, StoreUse use,
                                          const std::string& option) {
  if (is_postgres_url(db)) {
    LM_ASSIGN_OR_RETURN(auto pg, PostgresStore::open(db));
    return std::unique_ptr<Store>(std::move(pg));
  }
  if (looks_like_conninfo(db)) {
    return Error::invalid(
               "this looks like a PostgreSQL key=value conninfo; give a postgresql:// URL (or a "
               "SQLite file name without spaces and '=')")
        .at_place(option);
  }
  LM_ASSIGN_OR_RETURN(const std::string file, sqlite_file(db, option));
  // Reading must not leave an empty database behind where a name was mistyped.
  if (use == StoreUse::kRead && !std::filesystem::is_regular_file(file))
    return Error::not_found("no such database file (a controller's SQLite store is expected)")
        .at(file);
  LM_ASSIGN_OR_RETURN(auto sqlite, SqliteStore::open(file));
  return std::unique_ptr<Store>(std::move(sqlite));
}

Result<fabric::Fabric> load_controller_state(const std::string& db, const Network& net,
                                             const rsa::PlanOptions& options,
                                             const std::string& option) {
  LM_ASSIGN_OR_RETURN(auto store, open_store(db, StoreUse::kRead, option));
  LM_ASSIGN_OR_RETURN(fabric::Fabric fabric, fabric::Fabric::make(net, options, {}));
  if (auto st = store->load_into(fabric); !st) {
    const Error& e = st.error();
    const std::string where =
        e.file().empty() ? (is_postgres_url(db) ? PostgresStore::redact(db) : db) : e.file();
    return Error::invalid("what the controller holds does not fit " +
                          (net.file().empty() ? std::string("this network") : net.file()) +
                          " (is it the network the controller serves?): " + e.message())
        .at(where, e.place());
  }
  return fabric;
}

}  // namespace lightmesh::store
