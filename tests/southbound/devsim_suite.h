// What the end-to-end southbound suites share: one lightmesh-devsim per suite (an emulated device
// for every optical node of London, started before the suite's first test and stopped after its
// last) and, for each test, a controller over a fresh SQLite store with the southbound attached.
//
//   class MySuite : public southbound_test::DevsimSuite<MySuite> {};
//   TEST_F(MySuite, X) { call(*controller_, "POST", "/api/v1/services", ...); }
//
// The suite's type is the template argument, so each suite has its own emulator. A suite whose
// devices are of another model says so: `static std::string devsim_model() { return "openconfig";
// }`, and one that needs emulator options gives them: `static std::vector<std::string>
// devsim_options() { return {"--no-candidate"}; }`.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/server_test_support.h"
#include "southbound/devsim_process.h"
#include "southbound/inventory.h"
#include "southbound/southbound.h"

namespace lightmesh::southbound_test {

template <typename Suite>
class DevsimSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<std::filesystem::path>(
        std::filesystem::temp_directory_path() /
        ("lightmesh-devsim-" + std::to_string(::getpid()) + "-" +
         ::testing::UnitTest::GetInstance()->current_test_suite()->name()));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    sim_ = std::make_unique<DevsimProcess>(
        DevsimProcess::start(*dir_, Suite::devsim_model(), Suite::devsim_options()));
    std::ifstream in(sim_->inventory_file);
    inventory_ = std::make_unique<nlohmann::json>(nlohmann::json::parse(in));
  }
  static void TearDownTestSuite() {
    sim_->stop();
    std::filesystem::remove_all(*dir_);
    sim_.reset();
    inventory_.reset();
    dir_.reset();
  }

  void SetUp() override {
    controller_ = server::test_support::make_sqlite_controller(
        server::test_support::temp_dir("southbound") / "s.db");
    auto inv =
        southbound::load_inventory(sim_->inventory_file.string(), server::test_support::london());
    ASSERT_TRUE(inv.has_value()) << inv.error().to_string();
    sb_ = std::make_unique<southbound::Southbound>(server::test_support::london(), spectrum::Grid{},
                                                   std::move(*inv), 5000);
    controller_->attach_southbound(sb_.get());
  }
  void TearDown() override { controller_->attach_southbound(nullptr); }

  // Swaps the controller for one over a fresh store whose commits fail while store_fails_ is true.
  void use_failing_store() {
    controller_->attach_southbound(nullptr);
    controller_ = server::test_support::make_sqlite_controller(
        server::test_support::temp_dir("southbound-failing") / "s.db", &store_fails_);
    controller_->attach_southbound(sb_.get());
  }

  static std::string devsim_model() { return southbound::kOpenRoadm221; }
  static std::vector<std::string> devsim_options() { return {}; }

  inline static std::unique_ptr<std::filesystem::path> dir_;
  inline static std::unique_ptr<DevsimProcess> sim_;
  inline static std::unique_ptr<nlohmann::json> inventory_;
  std::atomic<bool> store_fails_{false};  // before the controller, which may read it to its end
  std::unique_ptr<server::Controller> controller_;
  std::unique_ptr<southbound::Southbound> sb_;
};

}  // namespace lightmesh::southbound_test
