// What the server tests share: the London example, a tokens file with one token per role, a fresh
// temporary directory per test, and in-process calls to a Controller.
//
//   auto c = make_sqlite_controller(temp_dir("controller") / "state.db");
//   HttpResponse r = call(*c, "GET", "/api/v1/services?limit=5", "bank-token-1");
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "io/load.h"
#include "server/controller.h"
#include "server/flaky_store.h"
#include "store/sqlite_store.h"

namespace lightmesh::server::test_support {

// admin (tenant ops), two tenants (bank, tv) and a read-only auditor.
inline constexpr const char* kTokens = R"({"tokens": [
  {"token": "admin-token-1", "tenant": "ops", "role": "admin"},
  {"token": "bank-token-1", "tenant": "bank", "role": "tenant"},
  {"token": "tv-token-123", "tenant": "tv", "role": "tenant"},
  {"token": "audit-token-1", "tenant": "audit", "role": "read-only"}]})";

inline const Network& london() {
  static const Network net =
      io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json").value();
  return net;
}

// An empty directory named after the running test, so parallel test processes never share one.
inline std::filesystem::path temp_dir(const std::string& prefix) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-" + prefix + "-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A controller over London as `lightmesh serve` builds one: a fabric loaded from a SQLite store.
// Calling it again on the same file is a restart. With `fail`, its commits fail while *fail is
// true (FlakyStore).
inline std::unique_ptr<Controller> make_sqlite_controller(const std::filesystem::path& db,
                                                          std::atomic<bool>* fail = nullptr) {
  auto fabric =
      fabric::Fabric::make(london(), rsa::PlanOptions{}, [] { return std::int64_t{7}; }).value();
  std::unique_ptr<store::Store> store = store::SqliteStore::open(db.string()).value();
  EXPECT_TRUE(store->load_into(fabric));
  if (fail)
    store = std::make_unique<FlakyStore>(store::SqliteStore::open(db.string()).value(), fail);
  return std::make_unique<Controller>(london(), std::move(fabric), std::move(store),
                                      Tokens::parse(kTokens, "tokens.json").value());
}

// One request, in-process. `path` may carry a query string; `token` may be empty (no header).
inline HttpResponse call(Controller& c, const std::string& method, const std::string& path,
                         const std::string& token, const std::string& body = "",
                         const std::map<std::string, std::string>& headers = {}) {
  HttpRequest r;
  r.method = method;
  const auto q = path.find('?');
  r.path = path.substr(0, q);
  if (q != std::string::npos) {
    std::string rest = path.substr(q + 1);
    while (!rest.empty()) {
      const auto amp = rest.find('&');
      const std::string kv = rest.substr(0, amp);
      const auto eq = kv.find('=');
      r.query[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
      rest = amp == std::string::npos ? "" : rest.substr(amp + 1);
    }
  }
  if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
  for (const auto& [k, v] : headers) r.headers[k] = v;
  r.body = body;
  return c.handle(r);
}

// A GNPy reference file of the qot tests (tests/qot/fixtures/NAME), parsed.
inline nlohmann::json gnpy_fixture(const std::string& name) {
  std::ifstream in(std::string(LIGHTMESH_SOURCE_DIR) + "/tests/qot/fixtures/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

// A whole GNPy REST path-computation body: the service with its own topology and equipment.
inline nlohmann::json gnpy_full_body() {
  return {{"gnpy-api:service", gnpy_fixture("services_run.json")},
          {"gnpy-api:topology", gnpy_fixture("topology.json")},
          {"gnpy-api:equipment", gnpy_fixture("eqpt_config.json")}};
}

}  // namespace lightmesh::server::test_support
