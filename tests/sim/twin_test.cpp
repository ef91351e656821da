// The twin (`simulate --from-db`): services booked through the controller's fabric and stored in
// its SQLite store are the simulation's starting point. Truths: the same traffic on a network
// that already carries services blocks more than on the empty one (common random numbers, so the
// difference is the services'); and a brute-force check of every placement against the
// controller's own spectrum state finds none on a slot a service holds.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "fabric/fabric.h"
#include "io/load.h"
#include "sim/study.h"
#include "sim_fixture.h"
#include "spectrum/spectrum_state.h"
#include "store/open_store.h"
#include "store/sqlite_store.h"

namespace lightmesh::sim {
namespace {

namespace fs = std::filesystem;

const std::string kLondon = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";

// What `simulate --from-db` does: the controller's state as the store loads it into the network
// the file describes, then the study over it.
Result<PreparedStudy> prepare_twin(const StudySpec& spec) {
  if (spec.from_db.empty()) return prepare_study(spec);
  LM_ASSIGN_OR_RETURN(SimNetwork net, load_sim_network(spec.network));
  LM_ASSIGN_OR_RETURN(fabric::Fabric live, store::load_controller_state(spec.from_db, net.network));
  return prepare_study(spec, &live);
}

PreparedStudy prepare_ok(const StudySpec& spec) {
  auto s = prepare_twin(spec);
  if (!s) ADD_FAILURE() << s.error().to_string();
  return std::move(s).value();
}

class Twin : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-twin-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "controller.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Books 400G services round the sites of London through the fabric, committing each to the
  // store as the controller does, until `count` are booked. Returns how many were.
  std::size_t book_services(std::size_t count) {
    auto net = io::load_network(kLondon);
    EXPECT_TRUE(net) << net.error().to_string();
    auto fabric = fabric::Fabric::make(*net, {}, [] { return std::int64_t{1}; });
    auto store = store::SqliteStore::open(db_);
    EXPECT_TRUE(store) << store.error().to_string();
    std::size_t booked = 0;
    const auto& sites = net->sites();
    for (std::size_t round = 0; booked < count && round < 50; ++round)
      for (std::size_t i = 0; i < sites.size() && booked < count; ++i) {
        const std::size_t j = (i + 1 + round) % sites.size();
        if (i == j) continue;
        fabric::ServiceRequest r{
            .tenant = "acme", .from = sites[i].id, .to = sites[j].id, .bandwidth = Gbps{400}};
        if (!fabric->create(r)) continue;
        EXPECT_TRUE((*store)->commit(fabric->take_changes(), *net));
        ++booked;
      }
    return booked;
  }

  StudySpec london_spec(std::vector<double> loads) const {
    StudySpec s;
    s.network = kLondon;
    s.loads = std::move(loads);
    s.requests = 4'000;
    s.warmup = 1'000;
    s.replications = 4;
    s.seed = 11;
    s.bitrate_min_gbps = 100;
    s.bitrate_max_gbps = 400;
    return s;
  }

  fs::path dir_;
  std::string db_;
};

TEST_F(Twin, TheControllersServicesRaiseBlockingAtTheSameLoad) {
  ASSERT_GE(book_services(120), 100u);
  StudySpec empty_spec = london_spec({150, 250});
  StudySpec twin_spec = empty_spec;
  twin_spec.from_db = "sqlite:" + db_;
  const PreparedStudy empty = prepare_ok(empty_spec);
  const PreparedStudy twin = prepare_ok(twin_spec);
  ASSERT_TRUE(twin.twin);
  EXPECT_GE(twin.twin->services, 100u);
  EXPECT_GT(twin.twin->link_slots, 0u);
  const SimulationResult a = run_study(empty, 2);
  const SimulationResult b = run_study(twin, 2);
  for (std::size_t p = 0; p < a.points.size(); ++p) {
    const Estimate& e = a.points[p].service_blocking;
    const Estimate& t = b.points[p].service_blocking;
    // The difference is far outside both intervals: the services take most of the spectrum.
    EXPECT_GT(t.mean - t.ci95, e.mean + e.ci95)
        << "load " << a.points[p].load << ": " << t.mean << " against " << e.mean;
    // Held spectrum counts in the utilisation.
    EXPECT_GT(b.points[p].utilisation.mean, a.points[p].utilisation.mean);
  }
}

TEST_F(Twin, NoSlotAServiceHoldsIsEverOfferedToANewRequest) {
  ASSERT_GE(book_services(120), 100u);
  // The controller's own state, loaded independently of the simulator: the truth to check
  // against.
  auto live = io::load_network(kLondon);
  ASSERT_TRUE(live);
  auto fabric = store::load_controller_state("sqlite:" + db_, *live);
  ASSERT_TRUE(fabric) << fabric.error().to_string();
  const spectrum::SpectrumState& truth = fabric->planner().spectrum();
  // The simulated band starts where the flex grid does, so simulated slot s of 12.5 GHz is grid
  // slots 2s and 2s + 1 of 6.25 GHz.
  ASSERT_DOUBLE_EQ(truth.grid().first_thz, live->band_first_thz());

  // The last run forgets the held spectrum: the check must then find placements on it, or it
  // could not have found any in the runs before.
  for (int run = 0; run < 3; ++run) {
    const bool directed = run == 1, forget = run == 2;
    StudySpec spec = london_spec({250});
    spec.from_db = "sqlite:" + db_;
    spec.directed = directed;
    spec.check_slots = true;
    PreparedStudy study = prepare_ok(spec);
    if (forget) study.run.booked.clear();
    ASSERT_DOUBLE_EQ(study.spec.slot_ghz, 2 * spectrum::Grid::kSlotGhz);
    std::atomic<std::uint64_t> placements{0}, on_held{0};
    const PathTable& table = study.table;
    const Network& simulated = study.network.network;
    study.run.on_placement = [&](std::uint32_t path, std::uint32_t start, std::uint32_t slots) {
      ++placements;
      for (std::uint32_t h = 0; h < table.path(path).hops; ++h) {
        const std::uint32_t link = table.links(path)[h];
        const FiberIndex f = live->find_fiber(simulated.fiber(directed ? link / 2 : link).id);
        // The fabric has a link per direction; a directed simulated link is one of them, an
        // undirected one both.
        std::vector<std::uint32_t> truth_links;
        if (directed)
          truth_links = {spectrum::link_index(f, link % 2 == 1)};
        else
          truth_links = {spectrum::link_index(f, false), spectrum::link_index(f, true)};
        for (std::uint32_t tl : truth_links)
          for (std::uint32_t s = start; s < start + slots; ++s)
            if (truth.link(tl).occupied(2 * s) || truth.link(tl).occupied(2 * s + 1)) ++on_held;
      }
    };
    const SimulationResult r = run_study(study, 2);
    EXPECT_GT(placements.load(), 1000u);
    if (forget) {
      EXPECT_GT(on_held.load(), 0u);
    } else {
      EXPECT_EQ(on_held.load(), 0u) << (directed ? "directed" : "undirected");
    }
    EXPECT_EQ(r.slot_conflicts, 0u);
  }
}

TEST_F(Twin, AFibreTheControllerHasAsCutCarriesNothingNew) {
  ASSERT_GE(book_services(10), 10u);
  {
    auto net = io::load_network(kLondon);
    ASSERT_TRUE(net);
    auto fabric = store::load_controller_state("sqlite:" + db_, *net);
    ASSERT_TRUE(fabric);
    ASSERT_TRUE(fabric->cut("LSE-LD8"));
    auto store = store::SqliteStore::open(db_);
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->commit(fabric->take_changes(), *net));
  }
  StudySpec spec = london_spec({100});
  spec.from_db = "sqlite:" + db_;
  const PreparedStudy study = prepare_ok(spec);
  ASSERT_TRUE(study.twin);
  EXPECT_EQ(study.twin->cut_fibers, 1u);
  const FiberIndex cut = study.network.network.find_fiber("LSE-LD8");
  std::uint32_t held = 0;
  for (const BookedBlock& b : study.run.booked)
    if (b.link == cut) held += b.slots;
  EXPECT_EQ(held, study.slots);
}

TEST_F(Twin, WhatIfsChangeTheSimulatedNetworkOnly) {
  ASSERT_GE(book_services(60), 50u);
  StudySpec spec = london_spec({250});
  spec.from_db = "sqlite:" + db_;
  spec.add_fibers = {"LSE,LD4,14"};
  spec.remove_fibers = {"LSE-LD8"};
  const PreparedStudy study = prepare_ok(spec);
  const Network& n = study.network.network;
  auto live = io::load_network(kLondon);
  ASSERT_TRUE(live);
  EXPECT_EQ(n.fibers().size(), live->fibers().size());  // one added, one removed
  EXPECT_EQ(n.find_fiber("LSE-LD8"), kNoIndex);
  const FiberIndex added = n.find_fiber("added-1");
  ASSERT_NE(added, kNoIndex);
  EXPECT_DOUBLE_EQ(n.fiber(added).length.value(), 14.0);
  // Nothing is held on the new fibre.
  for (const BookedBlock& b : study.run.booked) EXPECT_NE(b.link, added);
}

TEST_F(Twin, BadInputIsOneClearError) {
  ASSERT_GE(book_services(20), 10u);
  struct Case {
    StudySpec spec;
    std::string says;
  };
  std::vector<Case> cases;
  auto with = [&](auto change, std::string says) {
    StudySpec s = london_spec({100});
    change(s);
    cases.push_back({s, std::move(says)});
  };
  // A store written for London, read against NSFNET.
  with(
      [&](StudySpec& s) {
        s.network = testing::fixture("nsfnet_deeprmsa.json");
        s.from_db = db_;
      },
      "does not fit");
  with([&](StudySpec& s) { s.from_db = (dir_ / "missing.db").string(); }, "no such database");
  const std::string garbage = (dir_ / "garbage.db").string();
  std::ofstream(garbage) << "this is not a database\n";
  with([&](StudySpec& s) { s.from_db = "sqlite:" + garbage; }, "garbage.db");
  with([&](StudySpec& s) { s.from_db = db_, s.slots = 40; }, "outside the simulated 40 slots");
  with([&](StudySpec& s) { s.remove_fibers = {"NO-SUCH-FIBRE"}; },
       "--remove-fiber NO-SUCH-FIBRE: the network has no fibre");
  with(
      [&](StudySpec& s) {
        s.remove_fibers = {"LSE-LD8", "LSE-LD8"};
      },
      "--remove-fiber LSE-LD8: the network has no fibre");
  with([&](StudySpec& s) { s.add_fibers = {"LSE,ATLANTIS,10"}; }, "unknown site \"ATLANTIS\"");
  with([&](StudySpec& s) { s.add_fibers = {"LSE,LD4,-2"}; }, "-2 is out of range");
  with([&](StudySpec& s) { s.add_fibers = {"LSE,LD4"}; }, "not three comma-separated fields");
  with([&](StudySpec& s) { s.add_fibers = {"LSE,LD4,far"}; }, "\"far\" is not a number");
  with([&](StudySpec& s) { s.add_fibers = {"LSE,LSE,3"}; }, "two different sites");
  for (const Case& c : cases) {
    auto r = prepare_twin(c.spec);
    ASSERT_FALSE(r) << c.says;
    const std::string line = r.error().to_string();
    EXPECT_NE(line.find(c.says), std::string::npos) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << line;
  }
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));  // reading never creates a database

  // Through the binary: one line and a non-zero exit.
  const std::string cmd = std::string("'") + LIGHTMESH_BINARY + "' simulate '" +
                          testing::fixture("nsfnet_deeprmsa.json") + "' --load 10 --from-db '" +
                          db_ + "' 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_TRUE(p);
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  const int status = ::pclose(p);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << out;
  EXPECT_NE(out.find("does not fit"), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
}

}  // namespace
}  // namespace lightmesh::sim
