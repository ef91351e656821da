// What the fuzz targets of the request path start from: the London example and a Controller over
// it with an in-memory SQLite store and one admin token (tenant "ops").
//
//   static lightmesh::fuzz::LondonController h("fuzz-admin-token");
//   h.controller->handle(request);
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "io/load.h"
#include "server/controller.h"
#include "store/sqlite_store.h"

namespace lightmesh::fuzz {

struct LondonController {
  Network net;
  std::unique_ptr<server::Controller> controller;

  explicit LondonController(const std::string& admin_token)
      : net(io::load_network(std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json")
                .value()) {
    auto fabric =
        fabric::Fabric::make(net, rsa::PlanOptions{}, [] { return std::int64_t{0}; }).value();
    auto tokens = server::Tokens::parse(R"({"tokens":[{"token":")" + admin_token +
                                            R"(","tenant":"ops","role":"admin"}]})",
                                        "tokens.json")
                      .value();
    controller = std::make_unique<server::Controller>(
        net, std::move(fabric), store::SqliteStore::open(":memory:").value(), tokens);
  }
};

}  // namespace lightmesh::fuzz
