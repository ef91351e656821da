// Property: every numeric field, given 0, −0, a negative, the smallest positive double, 1e15, 1e19,
// 1e308, 2^63 − 1 or 2^64, is either accepted or refused with a clear message; the process never
// dies by a signal. The built `lightmesh` binary runs as a subprocess on files with one field
// replaced (CLI), with one option set, and as `lightmesh serve` on loopback taking POSTs with one
// field replaced, which must answer 2xx or 4xx and still answer /healthz afterwards.
//
// The truth is the range table (core/limits.h): no field accepts 1e308, and a refusal names the
// field. The cases are generated from tables of (file, JSON pointer) and options.
//
//   ./build/cli_tests --gtest_filter='NumericLimits*'
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/api_client.h"

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Written as JSON number tokens, exactly: "-0" and 2^64 must reach the parser as typed.
const std::vector<std::string> kValues = {"0",
                                          "-0",
                                          "-1",
                                          "5e-324",
                                          "1e15",
                                          "1e19",
                                          "1e308",
                                          "9223372036854775807",
                                          "18446744073709551616"};
// Above every range in the table.
constexpr const char* kAboveEveryRange = "1e308";

const std::string kSource = LIGHTMESH_SOURCE_DIR;
const std::string kLondon = kSource + "/examples/london/network.json";
const std::string kTokyo = kSource + "/examples/tokyo/network.json";
const std::string kLondonDemands = kSource + "/examples/london/demands.json";
const std::string kWorkloads = kSource + "/examples/workloads/";
const std::string kQot = kSource + "/tests/qot/fixtures/";

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

json load(const std::string& path) { return json::parse(slurp(path)); }

// The document with the member at `pointer` set to the number token `value`, as JSON text.
std::string with_number(json doc, const std::string& pointer, const std::string& value) {
  doc[json::json_pointer(pointer)] = "@NUMBER@";
  std::string text = doc.dump(1);
  const std::string mark = "\"@NUMBER@\"";
  text.replace(text.find(mark), mark.size(), value);
  return text;
}

// The last token of a JSON pointer: the field's own name.
std::string field_of(const std::string& pointer) { return pointer.substr(pointer.rfind('/') + 1); }

struct Exit {
  bool signalled = false;
  int signal = 0;
  int code = -1;
  std::string err;
};

// Starts `lightmesh args…` with stderr in `err_path`; returns its pid.
pid_t spawn(std::vector<std::string> args, const std::string& err_path) {
  args.insert(args.begin(), "lightmesh");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen("/dev/null", "w", stdout) || !freopen(err_path.c_str(), "w", stderr)) _exit(126);
    execv(LIGHTMESH_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

Exit collect(pid_t pid, const std::string& err_path) {
  int status = 0;
  waitpid(pid, &status, 0);
  Exit e;
  e.signalled = WIFSIGNALED(status);
  e.signal = e.signalled ? WTERMSIG(status) : 0;
  e.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  e.err = slurp(err_path);
  return e;
}

// Runs every command, a few at a time (each writes its own stderr file under `dir`), and returns
// their exits in order. The runs are independent, so their order does not matter.
std::vector<Exit> run_all(const fs::path& dir, const std::vector<std::vector<std::string>>& runs) {
  constexpr std::size_t kAtOnce = 8;
  std::vector<Exit> out(runs.size());
  for (std::size_t first = 0; first < runs.size(); first += kAtOnce) {
    std::vector<std::pair<pid_t, std::string>> started;
    for (std::size_t i = first; i < std::min(runs.size(), first + kAtOnce); ++i) {
      const std::string err = (dir / ("stderr-" + std::to_string(i))).string();
      started.emplace_back(spawn(runs[i], err), err);
    }
    for (std::size_t k = 0; k < started.size(); ++k)
      out[first + k] = collect(started[k].first, started[k].second);
  }
  return out;
}

class NumericLimits : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-limits-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Exit 0 (accepted), 1 (input error), 2 (usage) or 4 (valid but not placeable); never a signal
  // or an internal error; a refusal is one message naming `name`.
  void expect_clear(const Exit& e, const std::string& name, const std::string& value,
                    const std::string& what) {
    ASSERT_FALSE(e.signalled) << what << " = " << value << ": killed by signal " << e.signal;
    EXPECT_TRUE(e.code == 0 || e.code == 1 || e.code == 2 || e.code == 4)
        << what << " = " << value << ": exit " << e.code << "\n"
        << e.err;
    if (e.code == 1 || e.code == 2) {
      EXPECT_NE(e.err.find(name), std::string::npos)
          << what << " = " << value << ": the message does not name " << name << ":\n"
          << e.err;
    }
    if (value == kAboveEveryRange) {
      EXPECT_TRUE(e.code == 1 || e.code == 2)
          << what << " = 1e308 was not refused: exit " << e.code << "\n"
          << e.err;
    }
  }

  fs::path dir_;
};

// One field of one input file, and the command that reads it ("{}" is the file).
struct FileCase {
  std::string source;
  std::vector<std::string> pointers;
  std::vector<std::string> command;
};

// GNPy inputs with the members the fixtures leave out: an OpenROADM amplifier (nf_coef), ROADM
// path impairments (roadm-pmd, roadm-cd) and simulation parameters. Written into `dir`.
struct GnpyExtras {
  std::string equipment, sim_params;
  std::string openroadm;  // JSON pointer of the OpenROADM Edfa
};

GnpyExtras write_gnpy_extras(const fs::path& dir) {
  json eq = load(kQot + "eqpt_config.json");
  eq["Edfa"].push_back({{"type_variety", "openroadm_amp"},
                        {"type_def", "openroadm"},
                        {"gain_flatmax", 27},
                        {"gain_min", 0},
                        {"p_max", 22},
                        {"nf_coef", {8.1e-4, 6.142e-2, 1.558, 19.97}},
                        {"allowed_for_design", false}});
  eq["Roadm"][0]["roadm-path-impairments"] = {
      {{"roadm-path-impairments-id", 0},
       {"roadm-express-path",
        {{{"frequency-range", {{"lower-frequency", 191.3e12}, {"upper-frequency", 196.1e12}}},
          {"roadm-pmd", 0},
          {"roadm-cd", 0},
          {"roadm-pdl", 0},
          {"roadm-inband-crosstalk", 0},
          {"roadm-maxloss", 16.5}}}}}};
  GnpyExtras out;
  out.openroadm = "/Edfa/" + std::to_string(eq["Edfa"].size() - 1);
  out.equipment = (dir / "eqpt_extras.json").string();
  std::ofstream(out.equipment) << eq.dump(1);
  const json sim = {
      {"nli_params",
       {{"method", "gn_model_analytic"},
        {"dispersion_tolerance", 1},
        {"phase_shift_tolerance", 0.1}}},
      {"raman_params",
       {{"flag", false}, {"result_spatial_resolution", 10e3}, {"solver_spatial_resolution", 50}}}};
  out.sim_params = (dir / "sim_params.json").string();
  std::ofstream(out.sim_params) << sim.dump(1);
  return out;
}

TEST_F(NumericLimits, FileFieldsGiveAClearErrorNeverASignal) {
  const std::vector<std::string> plan_network = {"plan", "{}", "--demands", kLondonDemands};
  const GnpyExtras extras = write_gnpy_extras(dir_);
  const std::string express = "/Roadm/0/roadm-path-impairments/0/roadm-express-path/0/";
  const std::vector<FileCase> cases = {
      {kLondon,
       {"/route_factor",
        "/sites/1/lat",
        "/sites/1/lon",
        "/sites/1/transceiver_ports",
        "/sites/1/power_price_usd_mwh",
        "/sites/1/pue",
        "/sites/1/compute/gpus/0/count",
        "/sites/1/compute/gpus/0/nvlink_domain",
        "/sites/1/compute/gpus/0/hbm_gb",
        "/sites/1/compute/cpu_cores",
        "/sites/1/compute/storage_tb",
        "/nodes/0/latency_us",
        "/fibers/0/length_km",
        "/fibers/0/loss_db_per_km",
        "/fibers/0/amplifiers",
        "/fibers/0/us_per_km",
        "/physics/launch_power_dbm",
        "/physics/loss_db_per_km",
        "/physics/max_span_km",
        "/physics/amplifier_nf_db",
        "/physics/connector_loss_db",
        "/physics/effective_area_um2",
        "/physics/dispersion_ps_nm_km",
        "/physics/roadm/target_pch_out_dbm",
        "/physics/roadm/target_psd_out_mw_per_ghz",
        "/physics/roadm/booster_nf_db",
        "/physics/roadm/preamp_nf_db",
        "/physics/roadm/add_drop_osnr_db",
        "/physics/roadm/pmd_ps",
        "/physics/roadm/pdl_db",
        "/physics/mode_launch_power_dbm/100G-QPSK",
        "/spectrum/first_thz",
        "/latency/roadm_us"},
       plan_network},
      {kLondonDemands,
       {"/demands/0/bandwidth_gbps", "/demands/0/max_rtt_us", "/demands/2/max_one_way_us"},
       {"plan", kLondon, "--demands", "{}"}},
      {kWorkloads + "inference.json",
       {"/gpus", "/bandwidth_gbps", "/max_rtt_us", "/request_rate_per_s", "/request_kb"},
       {"place", kLondon, "--workload", "{}"}},
      {kWorkloads + "sites.json",
       {"/max_rtt_us", "/reserve", "/bandwidth_gbps"},
       {"place", kLondon, "--workload", "{}"}},
      {kWorkloads + "training.json",
       {"/gpus", "/params_b", "/layers", "/hidden", "/seq", "/micro_batches", "/tp", "/mfu",
        "/max_slowdown", "/link_gbps"},
       {"place", kTokyo, "--workload", "{}"}},
      {kWorkloads + "production.json",
       {"/cameras", "/max_one_way_us"},
       {"place", kTokyo, "--workload", "{}"}},
      {kQot + "topology.json",
       {"/elements/8/params/length", "/elements/8/params/loss_coef", "/elements/8/params/con_in",
        "/elements/8/params/dispersion", "/elements/8/params/dispersion_slope",
        "/elements/8/params/effective_area", "/elements/8/params/pmd_coef",
        "/elements/1/params/target_pch_out_db",
        "/elements/1/params/per_degree_pch_out_db/fiber a-b",
        "/elements/1/params/per_degree_psd_out_mWperGHz/fiber a-b"},
       {"qot", "{}", "-e", kQot + "eqpt_config.json", "--from", "a", "--to", "c"}},
      {kQot + "eqpt_config.json",
       {"/SI/0/power_dbm", "/SI/0/tx_osnr", "/SI/0/spacing", "/Edfa/0/gain_flatmax",
        "/Edfa/0/p_max", "/Edfa/0/nf_min", "/Span/0/max_length", "/Span/0/max_loss",
        "/Roadm/0/add_drop_osnr", "/Roadm/0/target_pch_out_db", "/Roadm/0/pmd",
        "/Fiber/0/dispersion", "/Fiber/0/dispersion_slope", "/Fiber/0/effective_area",
        "/Fiber/0/pmd_coef", "/Transceiver/0/mode/0/OSNR", "/Transceiver/0/mode/0/cost"},
       {"qot", kQot + "topology.json", "-e", "{}", "--from", "a", "--to", "c"}},
      {extras.equipment,
       {extras.openroadm + "/nf_coef/0", extras.openroadm + "/nf_coef/3", express + "roadm-pmd",
        express + "roadm-cd"},
       {"qot", kQot + "topology.json", "-e", "{}", "--from", "a", "--to", "c"}},
      {extras.sim_params,
       {"/nli_params/dispersion_tolerance", "/nli_params/phase_shift_tolerance",
        "/raman_params/result_spatial_resolution", "/raman_params/solver_spatial_resolution"},
       {"qot", kQot + "topology.json", "-e", kQot + "eqpt_config.json", "--sim-params", "{}",
        "--from", "a", "--to", "c"}},
  };
  std::vector<std::vector<std::string>> runs;
  struct Expectation {
    std::string name, value, what;
  };
  std::vector<Expectation> expected;
  for (const FileCase& c : cases) {
    const json doc = load(c.source);
    for (const std::string& pointer : c.pointers) {
      for (const std::string& value : kValues) {
        const fs::path file = dir_ / ("case-" + std::to_string(runs.size()) + "-" +
                                      fs::path(c.source).filename().string());
        std::ofstream(file) << with_number(doc, pointer, value);
        std::vector<std::string> args = c.command;
        for (auto& a : args)
          if (a == "{}") a = file.string();
        runs.push_back(std::move(args));
        expected.push_back({field_of(pointer), value, c.source + pointer});
      }
    }
  }
  const std::vector<Exit> exits = run_all(dir_, runs);
  for (std::size_t i = 0; i < exits.size(); ++i)
    expect_clear(exits[i], expected[i].name, expected[i].value, expected[i].what);
  EXPECT_GT(runs.size(), 500u);
}

TEST_F(NumericLimits, OptionsGiveAClearErrorNeverASignal) {
  struct OptionCase {
    std::string option;
    std::vector<std::string> command;
  };
  const std::vector<OptionCase> cases = {
      {"--max-rtt-us", {"latency", kLondon, "--from", "LSE"}},
      {"--power",
       {"qot", kQot + "topology.json", "-e", kQot + "eqpt_config.json", "--from", "a", "--to",
        "c"}},
      {"--k", {"plan", kLondon, "--demands", kLondonDemands}},
      {"--osnr-margin", {"plan", kLondon, "--demands", kLondonDemands}},
      {"--seed", {"plan", kLondon, "--demands", kLondonDemands, "--policy", "random-fit"}},
  };
  std::vector<std::vector<std::string>> runs;
  for (const OptionCase& c : cases) {
    for (const std::string& value : kValues) {
      runs.push_back(c.command);
      runs.back().push_back(c.option + "=" + value);  // "=": "-1" must not read as an option
    }
  }
  const std::vector<Exit> exits = run_all(dir_, runs);
  for (std::size_t i = 0; i < exits.size(); ++i) {
    const OptionCase& c = cases[i / kValues.size()];
    const std::string& value = kValues[i % kValues.size()];
    expect_clear(exits[i], c.option, value, c.option);
  }
}

// The document with the string at `pointer` set to `value`, as JSON text.
std::string with_string(json doc, const std::string& pointer, const std::string& value) {
  doc[json::json_pointer(pointer)] = value;
  return doc.dump(1);
}

// Ids in files are at most 256 bytes (core/limits.h, kMaxNameBytes): one byte more is refused with
// the file, the field and the ceiling; at the ceiling the run may go on (and fail later, since the
// other entries still name the old id) but never dies by a signal.
TEST_F(NumericLimits, IdsOverTheCeilingAreRefusedNamingTheField) {
  const std::string import = kSource + "/tests/io/fixtures/import/";
  const std::vector<FileCase> cases = {
      {kLondon,
       {"/sites/1/id", "/nodes/0/id", "/fibers/0/id", "/fibers/0/a",
        "/sites/1/compute/gpus/0/model"},
       {"plan", "{}", "--demands", kLondonDemands}},
      {kLondonDemands,
       {"/demands/0/id", "/demands/0/from", "/demands/0/to"},
       {"plan", kLondon, "--demands", "{}"}},
      {kWorkloads + "inference.json",
       {"/name", "/data_site"},
       {"place", kLondon, "--workload", "{}"}},
      {kWorkloads + "sites.json", {"/anchor"}, {"place", kLondon, "--workload", "{}"}},
      {kQot + "topology.json",
       {"/elements/0/uid", "/elements/8/type_variety", "/connections/0/from_node"},
       {"qot", "{}", "-e", kQot + "eqpt_config.json", "--from", "a", "--to", "c"}},
      {kQot + "eqpt_config.json",
       {"/Edfa/0/type_variety", "/Transceiver/0/mode/0/format"},
       {"qot", kQot + "topology.json", "-e", "{}", "--from", "a", "--to", "c"}},
      {import + "gnpy_two_sites.json",
       {"/elements/0/uid"},
       {"import", "--from", "gnpy", "{}", "-o", "/dev/null"}},
      {import + "topohub_four.json",
       {"/nodes/0/name"},
       {"import", "--from", "topohub", "{}", "-o", "/dev/null"}},
  };
  const std::string too_long(257, 'n');
  const std::string longest(256, 'n');
  std::vector<std::vector<std::string>> runs;
  std::vector<std::pair<std::string, bool>> expected;  // (field, over the ceiling)
  for (const FileCase& c : cases) {
    const json doc = load(c.source);
    for (const std::string& pointer : c.pointers) {
      for (const std::string* id : {&too_long, &longest}) {
        const fs::path file = dir_ / ("ids-" + std::to_string(runs.size()) + "-" +
                                      fs::path(c.source).filename().string());
        std::ofstream(file) << with_string(doc, pointer, *id);
        std::vector<std::string> args = c.command;
        for (auto& a : args)
          if (a == "{}") a = file.string();
        runs.push_back(std::move(args));
        expected.emplace_back(c.source + pointer, id == &too_long);
      }
    }
  }
  // An SNDlib node id, which has no JSON pointer: the line is named instead.
  const fs::path sndlib = dir_ / "long.sndlib.txt";
  std::ofstream(sndlib) << "NODES (\n  " << too_long << " ( 0 0 )\n  B ( 1 0 )\n)\nLINKS (\n)\n";
  runs.push_back({"import", "--from", "sndlib", sndlib.string(), "-o", "/dev/null"});
  expected.emplace_back("line 2", true);

  const std::vector<Exit> exits = run_all(dir_, runs);
  for (std::size_t i = 0; i < exits.size(); ++i) {
    const auto& [what, over] = expected[i];
    ASSERT_FALSE(exits[i].signalled) << what << ": killed by signal " << exits[i].signal;
    if (!over) {
      EXPECT_TRUE(exits[i].code == 0 || exits[i].code == 1 || exits[i].code == 4)
          << what << " (256 bytes): exit " << exits[i].code << "\n"
          << exits[i].err;
      // An id derived from it (a TopoHub fibre's "a-b") may be too long; the id itself is not.
      EXPECT_EQ(exits[i].err.find("256 bytes is too long"), std::string::npos)
          << what << ": 256 bytes was refused as too long:\n"
          << exits[i].err;
      continue;
    }
    EXPECT_EQ(exits[i].code, 1) << what << " (257 bytes): exit " << exits[i].code << "\n"
                                << exits[i].err;
    EXPECT_NE(exits[i].err.find("257 bytes is too long for an id (expected at most 256 bytes)"),
              std::string::npos)
        << what << ":\n"
        << exits[i].err;
    const std::string field = what.substr(what.find_last_of('/') + 1);  // or "line 2"
    EXPECT_NE(exits[i].err.find(field), std::string::npos)
        << what << ": the message does not name the field:\n"
        << exits[i].err;
  }
}

// ---- The controller ------------------------------------------------------------------------

constexpr const char* kToken = "limits-test-admin";

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);
  return ntohs(addr.sin_port);
}

struct Post {
  std::string path;
  json body;
  std::vector<std::string> pointers;
};

TEST_F(NumericLimits, ServerAnswers4xxAndStaysUp) {
  std::ofstream(dir_ / "tokens.json")
      << R"({"tokens": [{"token": ")" << kToken << R"(", "tenant": "ops", "role": "admin"}]})";
  const std::string db = (dir_ / "x.db").string(), tokens = (dir_ / "tokens.json").string();
  const std::string log = (dir_ / "server.log").string();
  pid_t pid = -1;
  std::string url;
  // The port is free when chosen but could be taken before serve binds it: try a few.
  for (int attempt = 0; attempt < 3 && pid < 0; ++attempt) {
    const std::string listen = "127.0.0.1:" + std::to_string(free_port());
    const pid_t child = fork();
    if (child == 0) {
      if (!freopen(log.c_str(), "w", stdout) || !freopen(log.c_str(), "a", stderr)) _exit(126);
      execl(LIGHTMESH_BINARY, "lightmesh", "serve", kLondon.c_str(), "--db", db.c_str(), "--listen",
            listen.c_str(), "--tokens", tokens.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    url = "http://" + listen;
    auto probe = cli::ApiClient::make(url, "", std::chrono::seconds(1));
    ASSERT_TRUE(probe);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline && pid < 0) {
      if (waitpid(child, nullptr, WNOHANG) == child) break;  // the port was taken
      auto r = probe->get("/healthz");
      if (r && r->status == 200) pid = child;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (pid < 0) {
      kill(child, SIGTERM);
      waitpid(child, nullptr, 0);
    }
  }
  ASSERT_GT(pid, 0) << "lightmesh serve did not come up: " << slurp(log);
  auto client = cli::ApiClient::make(url, kToken, std::chrono::seconds(30));
  ASSERT_TRUE(client);

  // The LSE and LD4 service-interface points (docs/api/tapi.md).
  const json tapi = {
      {"tapi-connectivity:connectivity-service",
       {{{"end-point",
          {{{"local-id", "a"},
            {"service-interface-point",
             {{"service-interface-point-uuid", "442a53c5-2957-53e9-a01c-7493b1f58e76"}}}},
           {{"local-id", "z"},
            {"service-interface-point",
             {{"service-interface-point-uuid", "2e856e6d-6a66-592b-8255-01e3860e494e"}}}}}},
         {"requested-capacity", {{"total-size", {{"value", 100}, {"unit", "TBPS"}}}}},
         {"latency-characteristic",
          {{{"traffic-property-name", "ROUND_TRIP"}, {"fixed-latency-characteristic", 1000}}}}}}}};
  const json path_computation = {{"gnpy-api:service", load(kQot + "services_run.json")},
                                 {"gnpy-api:topology", load(kQot + "topology.json")},
                                 {"gnpy-api:equipment", load(kQot + "eqpt_config.json")}};
  const std::string te = "/gnpy-api:service/path-request/0/path-constraints/te-bandwidth";
  const std::vector<Post> posts = {
      {"/api/v1/services",
       {{"from", "LSE"}, {"to", "LD4"}, {"bandwidth_gbps", 100}},
       {"/bandwidth_gbps", "/max_rtt_us", "/max_one_way_us"}},
      {"/api/v1/workloads",
       load(kWorkloads + "inference.json"),
       {"/gpus", "/bandwidth_gbps", "/max_rtt_us", "/request_kb"}},
      {"/api/v1/workloads", load(kWorkloads + "sites.json"), {"/bandwidth_gbps", "/reserve"}},
      {"/api/v1/workloads", load(kWorkloads + "training.json"), {"/link_gbps", "/params_b"}},
      {"/restconf/data/tapi-common:context/tapi-connectivity:connectivity-context",
       tapi,
       {"/tapi-connectivity:connectivity-service/0/requested-capacity/total-size/value",
        "/tapi-connectivity:connectivity-service/0/latency-characteristic/0/"
        "fixed-latency-characteristic"}},
      {"/api/v1/path-computation",
       path_computation,
       {"/gnpy-api:equipment/SI/0/power_dbm", "/gnpy-api:equipment/Edfa/0/gain_flatmax",
        "/gnpy-api:topology/elements/8/params/loss_coef",
        "/gnpy-api:topology/elements/8/params/length", te + "/path_bandwidth", te + "/output-power",
        te + "/spacing"}},
  };
  for (const Post& p : posts) {
    for (const std::string& pointer : p.pointers) {
      for (const std::string& value : kValues) {
        auto r = client->post(p.path, with_number(p.body, pointer, value),
                              {{"Content-Type", "application/json"}});
        ASSERT_TRUE(r) << p.path << pointer << " = " << value << ": no answer ("
                       << r.error().to_string() << "); server log:\n"
                       << slurp(log);
        EXPECT_TRUE(r->status >= 200 && r->status < 500)
            << p.path << pointer << " = " << value << ": " << r->status << " " << r->body;
        if (value == kAboveEveryRange) {
          EXPECT_TRUE(r->status >= 400 && r->status < 500)
              << p.path << pointer << " = 1e308 was not refused: " << r->status << " " << r->body;
          EXPECT_NE(r->body.find(field_of(pointer)), std::string::npos)
              << p.path << pointer << ": the refusal does not name the field: " << r->body;
        }
      }
    }
  }
  for (const std::string& value : kValues) {
    for (const char* query :
         {"/api/v1/services?limit=", "/api/v1/events?cursor=", "/api/v1/workloads?limit="}) {
      auto r = client->get(query + value);
      ASSERT_TRUE(r) << query << value;
      EXPECT_TRUE(r->status >= 200 && r->status < 500) << query << value << ": " << r->status;
    }
  }

  EXPECT_EQ(waitpid(pid, nullptr, WNOHANG), 0) << "the server exited: " << slurp(log);
  auto health = client->get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_FALSE(WIFSIGNALED(status) && WTERMSIG(status) != SIGTERM) << slurp(log);
}

}  // namespace
}  // namespace lightmesh
