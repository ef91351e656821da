#include "store/migrations.h"

namespace lightmesh::store {

namespace {
constexpr Migration kMigrations[] = {
    {1,
     "CREATE TABLE services (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, body TEXT NOT NULL);"
     "CREATE INDEX services_tenant ON services (tenant, id);"
     "CREATE TABLE failed_fibers (fiber TEXT PRIMARY KEY);"
     "CREATE TABLE events (sequence INTEGER PRIMARY KEY, time_us INTEGER NOT NULL, tenant TEXT NOT "
     "NULL,"
     " service TEXT NOT NULL, what TEXT NOT NULL, why TEXT NOT NULL);"},
    {2,
     "CREATE TABLE replies (tenant TEXT NOT NULL, key TEXT NOT NULL, request_body TEXT NOT NULL,"
     " status INTEGER NOT NULL, body TEXT NOT NULL, location TEXT NOT NULL,"
     " PRIMARY KEY (tenant, key));"},
    {3,
     "CREATE TABLE workloads (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, body TEXT NOT NULL);"
     "CREATE INDEX workloads_tenant ON workloads (tenant, id);"},
    // Idempotency replies expire: when each was stored (µs since the epoch). Replies stored before
    // this migration count as stored by it.
    {4,
     "ALTER TABLE replies ADD COLUMN stored_us INTEGER NOT NULL DEFAULT 0;"
     "UPDATE replies SET stored_us = CAST((julianday('now') - 2440587.5) * 86400000000 AS "
     "INTEGER);"
     "CREATE INDEX replies_stored ON replies (stored_us);"},
    // Row versions are for several processes over one database (PostgreSQL); a SQLite database
    // has one process, so its version 5 changes nothing and keeps the numbers in step.
    {5, "SELECT 1;"},
    // The subject's name travels with each event (fabric::Event::subject_name).
    {6, "ALTER TABLE events ADD COLUMN subject_name TEXT NOT NULL DEFAULT '';"},
    // Nothing reads services or workloads by tenant (the fabric is loaded whole), and each index
    // is one more page for every commit to write and flush.
    {7, "DROP INDEX IF EXISTS services_tenant; DROP INDEX IF EXISTS workloads_tenant;"},
};

constexpr Migration kPostgresMigrations[] = {
    {1,
     "CREATE TABLE services (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, body TEXT NOT NULL);"
     "CREATE INDEX services_tenant ON services (tenant, id);"
     "CREATE TABLE failed_fibers (fiber TEXT PRIMARY KEY);"
     "CREATE TABLE events (sequence BIGINT PRIMARY KEY, time_us BIGINT NOT NULL, tenant TEXT NOT "
     "NULL, service TEXT NOT NULL, what TEXT NOT NULL, why TEXT NOT NULL);"
     "CREATE TABLE fabric_version (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT "
     "NULL);"
     "INSERT INTO fabric_version (id, version) VALUES (1, 0);"},
    {2,
     "CREATE TABLE replies (tenant TEXT NOT NULL, key TEXT NOT NULL, request_body TEXT NOT NULL,"
     " status INTEGER NOT NULL, body TEXT NOT NULL, location TEXT NOT NULL,"
     " PRIMARY KEY (tenant, key));"},
    {3,
     "CREATE TABLE workloads (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, body TEXT NOT NULL);"
     "CREATE INDEX workloads_tenant ON workloads (tenant, id);"},
    {4,
     "ALTER TABLE replies ADD COLUMN stored_us BIGINT NOT NULL DEFAULT 0;"
     "UPDATE replies SET stored_us = (EXTRACT(EPOCH FROM now()) * 1000000)::BIGINT;"
     "CREATE INDEX replies_stored ON replies (stored_us);"},
    // Row versions and tombstones: each service and workload row carries the fabric version that
    // last wrote it, and a delete keeps the row (deleted, body emptied), so a stale process reads
    // only the rows newer than the version it holds. Rows from before carry version 0.
    {5,
     "ALTER TABLE services ADD COLUMN version BIGINT NOT NULL DEFAULT 0,"
     " ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT false;"
     "CREATE INDEX services_version ON services (version);"
     "ALTER TABLE workloads ADD COLUMN version BIGINT NOT NULL DEFAULT 0,"
     " ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT false;"
     "CREATE INDEX workloads_version ON workloads (version);"},
    {6, "ALTER TABLE events ADD COLUMN subject_name TEXT NOT NULL DEFAULT '';"},
    {7, "DROP INDEX IF EXISTS services_tenant; DROP INDEX IF EXISTS workloads_tenant;"},
};
}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
std::span<const Migration> postgres_migrations() { return kPostgresMigrations; }

}  // namespace lightmesh::store
