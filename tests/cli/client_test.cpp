// The client subcommands (`lightmesh service …`, `lightmesh fiber …`) against a real
// `lightmesh serve` on a loopback port: each test starts its own server on a fresh database, runs
// the client as separate processes, and stops the server with SIGTERM.
//
//   ./build/cli_tests --gtest_filter='Client*'
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "cli/api_client.h"
#include "cli/app.h"
#include "cli/client_common.h"

extern char** environ;

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kAdmin = "client-test-admin";
constexpr const char* kTenant = "client-test-bank";

struct Proc {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::size_t lines(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }

// A port nobody listens on right now: bind to port 0, read what the kernel chose, close.
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  close(fd);
  return ntohs(addr.sin_port);
}

// Runs the lightmesh binary with stdout and stderr in files under `dir`. The caller's
// LIGHTMESH_URL / LIGHTMESH_TOKEN are dropped so a developer's shell cannot change the outcome;
// `env` adds variables.
Proc run_lightmesh(const fs::path& dir, std::vector<std::string> args,
                   const std::vector<std::string>& env = {}) {
  args.insert(args.begin(), "lightmesh");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    const std::string v = *e;
    if (v.rfind("LIGHTMESH_URL=", 0) != 0 && v.rfind("LIGHTMESH_TOKEN=", 0) != 0)
      env_strings.push_back(v);
  }
  for (const auto& e : env) env_strings.push_back(e);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  const std::string out_path = (dir / "client.out").string();
  const std::string err_path = (dir / "client.err").string();
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(out_path.c_str(), "w", stdout) || !freopen(err_path.c_str(), "w", stderr))
      _exit(126);
    execve(LIGHTMESH_BINARY, argv.data(), envp.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  Proc p;
  p.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  p.out = slurp(out_path);
  p.err = slurp(err_path);
  return p;
}

std::string first_service_id(const std::string& text) {
  std::smatch m;
  return std::regex_search(text, m, std::regex("svc-[0-9]{6}")) ? m.str() : "";
}

class ClientServer : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-client-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "tokens.json")
        << R"({"tokens": [{"token": ")" << kAdmin << R"(", "tenant": "ops", "role": "admin"},
                          {"token": ")"
        << kTenant << R"(", "tenant": "bank", "role": "tenant"}]})";
    // The port is free when chosen but could be taken before serve binds it: try a few.
    for (int attempt = 0; attempt < 3 && pid_ < 0; ++attempt) start_server();
    ASSERT_GT(pid_, 0) << "lightmesh serve did not come up: " << slurp(dir_ / "server.log");
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    fs::remove_all(dir_);
  }

  void start_server() {
    const int port = free_port();
    const std::string network = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json";
    const std::string db = (dir_ / "x.db").string(), tokens = (dir_ / "tokens.json").string();
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    const std::string log = (dir_ / "server.log").string();
    const pid_t pid = fork();
    if (pid == 0) {
      if (!freopen(log.c_str(), "w", stdout) || !freopen(log.c_str(), "a", stderr)) _exit(126);
      execl(LIGHTMESH_BINARY, "lightmesh", "serve", network.c_str(), "--db", db.c_str(), "--listen",
            listen.c_str(), "--tokens", tokens.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    url_ = "http://" + listen;
    auto client = cli::ApiClient::make(url_, "", std::chrono::seconds(1));
    ASSERT_TRUE(client);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid, nullptr, WNOHANG) == pid) return;  // it exited: the port was taken
      auto r = client->get("/healthz");
      if (r && r->status == 200) {
        pid_ = pid;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
  }

  // Runs a client subcommand against this test's server.
  Proc lm(std::vector<std::string> args, const std::string& token = kAdmin) {
    args.insert(args.end(), {"--server", url_, "--token", token});
    return run_lightmesh(dir_, std::move(args));
  }

  json lm_json(std::vector<std::string> args) {
    args.insert(args.end(), {"--format", "json"});
    Proc p = lm(std::move(args));
    EXPECT_EQ(p.code, 0) << p.err;
    json j = json::parse(p.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << p.out;
    return j;
  }

  fs::path dir_;
  std::string url_;
  pid_t pid_ = -1;
};

TEST_F(ClientServer, CreateListGetDelete) {
  Proc c = lm({"service", "create", "--from", "LSE", "--to", "LD4", "--bandwidth-gbps", "400",
               "--max-rtt-us", "1000", "--name", "trading-a"});
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_EQ(c.err, "");
  const std::string id = first_service_id(c.out);
  ASSERT_FALSE(id.empty()) << c.out;
  EXPECT_NE(c.out.find("LSE > "), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("> LD4"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("working"), std::string::npos) << c.out;

  Proc l = lm({"service", "list"});
  ASSERT_EQ(l.code, 0) << l.err;
  EXPECT_NE(l.out.find(id), std::string::npos) << l.out;
  EXPECT_NE(l.out.find("trading-a"), std::string::npos) << l.out;

  const json s = lm_json({"service", "get", id});
  EXPECT_EQ(s["id"], id);
  EXPECT_EQ(s["tenant"], "ops");
  EXPECT_EQ(s["state"], "up");
  ASSERT_TRUE(s["lightpaths"].is_array());
  ASSERT_FALSE(s["lightpaths"].empty());
  for (const auto& lp : s["lightpaths"]) {
    for (const char* field : {"role", "route", "fibers", "rtt_us", "one_way_us", "mode",
                              "center_thz", "width_ghz", "active"}) {
      EXPECT_TRUE(lp.contains(field)) << field;
    }
    EXPECT_LE(lp["rtt_us"].get<double>(), 1000.0);
  }

  Proc d = lm({"service", "delete", id});
  ASSERT_EQ(d.code, 0) << d.err;
  EXPECT_EQ(d.out, "deleted " + id + "\n");

  Proc gone = lm({"service", "get", id});
  EXPECT_EQ(gone.code, cli::kExitInputError);
  EXPECT_EQ(gone.out, "");
  EXPECT_EQ(lines(gone.err), 1u) << gone.err;
  EXPECT_EQ(gone.err.rfind("lightmesh: 404 not_found: ", 0), 0u) << gone.err;
  EXPECT_NE(gone.err.find(id), std::string::npos) << gone.err;
}

TEST_F(ClientServer, FiberCutReportsOutcomeAndRepairBringsItBack) {
  const json s =
      lm_json({"service", "create", "--from", "LSE", "--to", "LD8", "--bandwidth-gbps", "100"});
  const std::string id = s.value("id", "");
  ASSERT_FALSE(id.empty());
  const std::string fiber = s["lightpaths"][0]["fibers"][0];

  Proc cut = lm({"fiber", "cut", fiber});
  ASSERT_EQ(cut.code, 0) << cut.err;
  EXPECT_NE(cut.out.find("fibre " + fiber + " cut"), std::string::npos) << cut.out;
  EXPECT_NE(cut.out.find(id), std::string::npos) << cut.out;
  EXPECT_TRUE(std::regex_search(cut.out, std::regex(id + " +(switched|restored|down)"))) << cut.out;
  EXPECT_EQ(lm_json({"service", "get", id})["state"], "down");

  bool listed_cut = false;
  const json fibers = lm_json({"fiber", "list"});  // named: a temporary's items would dangle
  for (const auto& f : fibers["items"])
    if (f["id"] == fiber) listed_cut = f["state"] == "cut";
  EXPECT_TRUE(listed_cut);

  Proc again = lm({"fiber", "cut", fiber});
  EXPECT_EQ(again.code, cli::kExitInputError);
  EXPECT_EQ(lines(again.err), 1u) << again.err;
  EXPECT_NE(again.err.find("already cut"), std::string::npos) << again.err;

  Proc repair = lm({"fiber", "repair", fiber});
  ASSERT_EQ(repair.code, 0) << repair.err;
  EXPECT_TRUE(std::regex_search(repair.out, std::regex(id + " +up"))) << repair.out;
  EXPECT_EQ(lm_json({"service", "get", id})["state"], "up");

  Proc spectrum = lm({"fiber", "spectrum", fiber});
  ASSERT_EQ(spectrum.code, 0) << spectrum.err;
  EXPECT_NE(spectrum.out.find(id), std::string::npos) << spectrum.out;
  Proc table = lm({"fiber", "list"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_TRUE(std::regex_search(table.out, std::regex(fiber + " .* up "))) << table.out;
}

TEST_F(ClientServer, RefusalIsOneLineAndExitsOne) {
  Proc r = lm({"service", "create", "--from", "LSE", "--to", "LD4", "--bandwidth-gbps", "400",
               "--max-rtt-us", "1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(lines(r.err), 1u) << r.err;
  EXPECT_EQ(r.err.rfind("lightmesh: refused: LATENCY_BOUND: ", 0), 0u) << r.err;
  // Nothing was booked.
  EXPECT_EQ(lm_json({"service", "list"})["items"].size(), 0u);
}

TEST_F(ClientServer, WorkloadCreateListGetDeleteReleasesItsServices) {
  const std::string doc = std::string(LIGHTMESH_SOURCE_DIR) + "/examples/workloads/inference.json";
  Proc c = lm({"workload", "create", doc});
  ASSERT_EQ(c.code, 0) << c.err;
  EXPECT_NE(c.out.find("processing"), std::string::npos) << c.out;
  const json list = lm_json({"workload", "list"});
  ASSERT_EQ(list["items"].size(), 1u);
  const std::string id = list["items"][0]["id"];
  const json w = lm_json({"workload", "get", id});
  EXPECT_EQ(w["audit"]["data_at_rest"].size(), 1u);
  ASSERT_EQ(w["services"].size(), 1u);
  EXPECT_EQ(lm_json({"service", "list"})["items"].size(), 1u);

  Proc d = lm({"workload", "delete", id});
  ASSERT_EQ(d.code, 0) << d.err;
  EXPECT_EQ(lm_json({"service", "list"})["items"].size(), 0u);
  Proc gone = lm({"workload", "get", id});
  EXPECT_EQ(gone.code, cli::kExitInputError);
  EXPECT_EQ(lines(gone.err), 1u) << gone.err;

  // A refusal is one line naming the reason; a bad document is caught before it is sent.
  Proc refused =
      lm({"workload", "create",
          std::string(LIGHTMESH_SOURCE_DIR) + "/examples/workloads/inference-refused.json"});
  EXPECT_EQ(refused.code, cli::kExitInputError);
  EXPECT_EQ(refused.err.rfind("lightmesh: refused: RESIDENCY: ", 0), 0u) << refused.err;
  const fs::path bad = dir_ / "bad.json";
  std::ofstream(bad) << R"({"kind": "training", "gpus": 3})";
  Proc invalid = lm({"workload", "create", bad.string()});
  EXPECT_EQ(invalid.code, cli::kExitInputError);
  EXPECT_NE(invalid.err.find(bad.string()), std::string::npos) << invalid.err;
}

TEST_F(ClientServer, WrongTokenAndForbiddenAreOneLine) {
  Proc bad = lm({"service", "list"}, "not-a-token");
  EXPECT_EQ(bad.code, cli::kExitInputError);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(lines(bad.err), 1u) << bad.err;
  EXPECT_EQ(bad.err.rfind("lightmesh: 401 unauthorized: ", 0), 0u) << bad.err;

  Proc forbidden = lm({"fiber", "cut", "LSE-LD8"}, kTenant);
  EXPECT_EQ(forbidden.code, cli::kExitInputError);
  EXPECT_EQ(lines(forbidden.err), 1u) << forbidden.err;
  EXPECT_EQ(forbidden.err.rfind("lightmesh: 403 forbidden: ", 0), 0u) << forbidden.err;

  Proc malformed = lm({"fiber", "spectrum", "NO-SUCH-FIBRE"});
  EXPECT_EQ(malformed.code, cli::kExitInputError);
  EXPECT_EQ(lines(malformed.err), 1u) << malformed.err;
  EXPECT_NE(malformed.err.find("NO-SUCH-FIBRE"), std::string::npos) << malformed.err;
}

TEST_F(ClientServer, ListAllFollowsCursors) {
  for (int i = 0; i < 3; ++i) {
    Proc c = lm({"service", "create", "--from", "LSE", "--to", "LD8", "--bandwidth-gbps", "10"});
    ASSERT_EQ(c.code, 0) << c.err;
  }
  Proc page = lm({"service", "list", "--limit", "2"});
  ASSERT_EQ(page.code, 0) << page.err;
  EXPECT_NE(page.out.find("svc-000002"), std::string::npos) << page.out;
  EXPECT_EQ(page.out.find("svc-000003"), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("--all"), std::string::npos) << page.out;

  const json one = lm_json({"service", "list", "--limit", "2"});
  EXPECT_EQ(one["items"].size(), 2u);
  EXPECT_FALSE(one["next"].is_null());

  const json all = lm_json({"service", "list", "--limit", "1", "--all"});
  ASSERT_EQ(all["items"].size(), 3u);
  EXPECT_TRUE(all["next"].is_null());
  EXPECT_EQ(all["items"][2]["id"], "svc-000003");
}

TEST_F(ClientServer, IdempotencyKeyReturnsTheFirstAnswer) {
  const std::vector<std::string> args = {
      "service",           "create", "--from", "LSE", "--to", "LD8", "--bandwidth-gbps", "100",
      "--idempotency-key", "order-1"};
  Proc a = lm(args), b = lm(args);
  ASSERT_EQ(a.code, 0) << a.err;
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_EQ(lm_json({"service", "list"})["items"].size(), 1u);
}

TEST_F(ClientServer, EnvironmentGivesServerAndToken) {
  Proc p = run_lightmesh(dir_, {"fiber", "list"},
                         {"LIGHTMESH_URL=" + url_, std::string("LIGHTMESH_TOKEN=") + kAdmin});
  ASSERT_EQ(p.code, 0) << p.err;
  EXPECT_NE(p.out.find("LSE-LD8"), std::string::npos) << p.out;
  // A flag wins over the environment.
  Proc flag = run_lightmesh(dir_, {"fiber", "list", "--token", "wrong"},
                            {"LIGHTMESH_URL=" + url_, std::string("LIGHTMESH_TOKEN=") + kAdmin});
  EXPECT_EQ(flag.code, cli::kExitInputError);
}

TEST(Client, UnreachableServerIsOneLine) {
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-client-" + std::to_string(getpid()) + "-unreachable");
  fs::create_directories(dir);
  const std::string url = "http://127.0.0.1:" + std::to_string(free_port());
  Proc p = run_lightmesh(dir, {"service", "list", "--server", url, "--timeout", "2"});
  EXPECT_EQ(p.code, cli::kExitUnavailable);
  EXPECT_EQ(p.out, "");
  EXPECT_EQ(lines(p.err), 1u) << p.err;
  EXPECT_EQ(p.err.rfind("lightmesh: cannot reach " + url + ": ", 0), 0u) << p.err;
  EXPECT_NE(p.err.find("(is lightmesh serve running?)"), std::string::npos) << p.err;
  fs::remove_all(dir);
}

TEST(Client, SilentServerTimesOutInOneLine) {
  // A socket that listens but never answers: the connect succeeds (the kernel's backlog), the read
  // does not.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const fs::path dir =
      fs::temp_directory_path() / ("lightmesh-client-" + std::to_string(getpid()) + "-silent");
  fs::create_directories(dir);
  const std::string url = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  const auto start = std::chrono::steady_clock::now();
  Proc p = run_lightmesh(dir, {"fiber", "list", "--server", url, "--timeout", "1"});
  const auto took = std::chrono::steady_clock::now() - start;
  close(fd);
  EXPECT_EQ(p.code, cli::kExitUnavailable);
  EXPECT_EQ(lines(p.err), 1u) << p.err;
  EXPECT_EQ(p.err.rfind("lightmesh: cannot reach " + url + ": no complete answer within 1 s", 0),
            0u)
      << p.err;
  EXPECT_LT(took, std::chrono::seconds(5));
  fs::remove_all(dir);
}

TEST(Client, ErrorRepliesAreOneLineWhateverTheBody) {
  EXPECT_EQ(cli::describe_error_reply({502, "<html>\n<body>Bad gateway</body>\n</html>\n"}),
            "HTTP 502: <html> <body>Bad gateway</body> </html>");
  EXPECT_EQ(cli::describe_error_reply({500, ""}), "HTTP 500");
  EXPECT_EQ(cli::describe_error_reply({400, "[1,2]"}), "HTTP 400: [1,2]");
  EXPECT_EQ(cli::describe_error_reply(
                {400, R"({"error":"invalid_input","detail":"bad","where":"/bandwidth_gbps"})"}),
            "400 invalid_input: bad (where: /bandwidth_gbps)");
  EXPECT_EQ(cli::describe_error_reply({409, R"({"error":"NO_SPECTRUM","detail":"full"})"}),
            "refused: NO_SPECTRUM: full");
  EXPECT_EQ(cli::describe_error_reply({400, R"({"error":"x","detail":"two\nlines","where":""})"}),
            "400 x: two lines");
  EXPECT_EQ(
      cli::describe_error_reply(
          {409, R"({"error":"idempotency_key_reused","detail":"x","where":"Idempotency-Key"})"}),
      "409 idempotency_key_reused: x (where: Idempotency-Key)");
  EXPECT_EQ(cli::describe_error_reply({404, R"({"error":7,"detail":null})"}),
            "HTTP 404: {\"error\":7,\"detail\":null}");
}

TEST(Client, ServerUrlIsChecked) {
  EXPECT_TRUE(cli::ApiClient::make("http://127.0.0.1:8080/", "", std::chrono::seconds(1)));
  EXPECT_TRUE(cli::ApiClient::make("127.0.0.1:8080", "", std::chrono::seconds(1)));
  EXPECT_TRUE(cli::ApiClient::make("https://127.0.0.1:8080", "", std::chrono::seconds(1)));
  EXPECT_FALSE(cli::ApiClient::make("https://127.0.0.1:8080", "", std::chrono::seconds(1),
                                    "/nonexistent/ca.pem"));
  EXPECT_FALSE(cli::ApiClient::make("https://host:port", "", std::chrono::seconds(1)));
  EXPECT_FALSE(cli::ApiClient::make("ftp://x", "", std::chrono::seconds(1)));
  EXPECT_FALSE(cli::ApiClient::make("http://", "", std::chrono::seconds(1)));
  EXPECT_FALSE(cli::ApiClient::make("http://host:port", "", std::chrono::seconds(1)));
  EXPECT_FALSE(cli::ApiClient::make("http://host:70000", "", std::chrono::seconds(1)));
  EXPECT_FALSE(cli::ApiClient::make("http://:80", "", std::chrono::seconds(1)));
  EXPECT_TRUE(cli::ApiClient::make("http://localhost", "", std::chrono::seconds(1)));
  EXPECT_TRUE(cli::ApiClient::make("http://[::1]:8080/ctl/", "", std::chrono::seconds(1)));
  EXPECT_EQ(cli::url_encode("svc-000001"), "svc-000001");
  EXPECT_EQ(cli::url_encode("a/b c"), "a%2Fb%20c");
}

Proc run_in_process(std::vector<std::string> args) {
  args.insert(args.begin(), "lightmesh");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(Client, UsageErrorsAndHelp) {
  EXPECT_EQ(run_in_process({"service"}).code, cli::kExitUsage);
  EXPECT_EQ(run_in_process({"fiber"}).code, cli::kExitUsage);
  EXPECT_EQ(run_in_process({"service", "create", "--from", "A", "--to", "B", "--bandwidth-gbps",
                            "10", "--max-rtt-us", "5", "--max-one-way-us", "3"})
                .code,
            cli::kExitUsage);
  EXPECT_EQ(
      run_in_process({"service", "create", "--from", "A", "--to", "B", "--bandwidth-gbps", "-1"})
          .code,
      cli::kExitUsage);
  EXPECT_EQ(run_in_process({"service", "list", "--limit", "0"}).code, cli::kExitUsage);
  EXPECT_EQ(run_in_process(
                {"service", "list", "--server", "https://x:1", "--cacert", "/nonexistent/ca.pem"})
                .code,
            cli::kExitUsage);
  for (const char* cmd : {"service", "fiber"}) {
    Proc top = run_in_process({"--help"});
    EXPECT_NE(top.out.find(std::string("lightmesh ") + cmd), std::string::npos) << cmd;
  }
  for (auto args : std::vector<std::vector<std::string>>{{"service", "--help"},
                                                         {"service", "create", "--help"},
                                                         {"service", "list", "--help"},
                                                         {"service", "get", "--help"},
                                                         {"service", "delete", "--help"},
                                                         {"fiber", "--help"},
                                                         {"fiber", "list", "--help"},
                                                         {"fiber", "cut", "--help"},
                                                         {"fiber", "repair", "--help"},
                                                         {"fiber", "spectrum", "--help"}}) {
    Proc p = run_in_process(args);
    EXPECT_EQ(p.code, 0) << args[0] << " " << args[1];
    EXPECT_NE(p.out.find("Examples:"), std::string::npos) << args[0] << " " << args[1];
  }
}

}  // namespace
}  // namespace lightmesh
