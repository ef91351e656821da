// Opening the store a `--db` or `--from-db` value names: a postgresql:// (or postgres://) URL is a
// PostgreSQL database shared by several controllers; "sqlite:PATH", "sqlite:///PATH" or a bare
// path is a SQLite file.
//
//   LM_ASSIGN_OR_RETURN(auto store, open_store("sqlite:lightmesh.db", StoreUse::kServe));
//   LM_RETURN_IF_ERROR(store->load_into(fabric));
//
// Pure functions of their arguments (and the file system); thread-safe.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "fabric/fabric.h"
#include "store/store.h"

namespace lightmesh::store {

enum class StoreUse {
  kServe,  // the controller's own store: a SQLite file is created when missing
  kRead,   // reading what a controller holds (simulate, survivability): it must exist
};

bool is_postgres_url(const std::string& db);
// "host=db dbname=lightmesh" would otherwise become a SQLite file of that name.
bool looks_like_conninfo(const std::string& db);
// The SQLite file `db` names: "sqlite:PATH", "sqlite:///PATH" (RFC 8089's form, as in file:///:
// the path after "sqlite://", so absolute) or the path itself. Errors name `option`.
Result<std::string> sqlite_file(const std::string& db, const std::string& option = "--db");

// Errors: a conninfo instead of a URL, a malformed sqlite: value, a database that does not open
// (or, with kRead, a SQLite file that does not exist), naming `option` or the file.
Result<std::unique_ptr<Store>> open_store(const std::string& db, StoreUse use,
                                          const std::string& option = "--db");

// The services, workloads and failed fibres a controller holds now, adopted into a fabric over
// `net` (which must outlive it), planning as `options` say (those the controller runs with, for
// what the fabric plans afterwards: restorations). Errors: the store does not open, or what it
// holds does not fit `net` (a fibre or site it lacks, a route that does not follow its fibres,
// slots outside its band): the message says so and names the first misfit.
Result<fabric::Fabric> load_controller_state(const std::string& db, const Network& net,
                                             const rsa::PlanOptions& options = {},
                                             const std::string& option = "--from-db");

}  // namespace lightmesh::store
