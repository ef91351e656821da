// `lightmesh serve` over HTTPS with a certificate the test makes itself, the admin token it keeps
// beside the database across restarts, and `lightmesh token new` — each against a real server
// process on a loopback port, with the client subcommands as separate processes.
//
//   ./build/cli_tests --gtest_filter='ServeSecurity*'
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/api_client.h"
#include "cli/app.h"

extern char** environ;

namespace lightmesh {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr const char* kAdmin = "security-test-admin";

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

// Runs the lightmesh binary in `dir` with stdout and stderr in files there, without the caller's
// LIGHTMESH_* variables.
Proc run_lightmesh(const fs::path& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "lightmesh");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e) {
    if (std::string(*e).rfind("LIGHTMESH_", 0) != 0) env_strings.push_back(*e);
  }
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

class ServeSecurity : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lightmesh-security-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    stop();
    fs::remove_all(dir_);
  }

  // Starts `lightmesh serve` with `extra` options on a free port (stdout and stderr in
  // server.log), and waits until /healthz answers through `probe_cacert` (https when given).
  // Returns the server's URL, or "" if it did not come up.
  std::string start(const std::vector<std::string>& extra, const std::string& probe_cacert = "") {
    for (int attempt = 0; attempt < 3; ++attempt) {
      const std::string listen = "127.0.0.1:" + std::to_string(free_port());
      std::vector<std::string> args = {
          "lightmesh", std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json",
          "--db",      (dir_ / "x.db").string(),
          "--listen",  listen};
      args.insert(args.begin() + 1, "serve");
      args.insert(args.end(), extra.begin(), extra.end());
      const std::string log = (dir_ / "server.log").string();
      const pid_t pid = fork();
      if (pid == 0) {
        if (!freopen(log.c_str(), "a", stdout) || !freopen(log.c_str(), "a", stderr)) _exit(126);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(LIGHTMESH_BINARY, argv.data());
        _exit(127);
      }
      const std::string url = (probe_cacert.empty() ? "http://" : "https://") + listen;
      auto probe = cli::ApiClient::make(url, "", std::chrono::seconds(1), probe_cacert);
      EXPECT_TRUE(probe);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (std::chrono::steady_clock::now() < deadline) {
        if (waitpid(pid, nullptr, WNOHANG) == pid) break;  // it exited (the port was taken?)
        auto r = probe->get("/healthz");
        if (r && r->status == 200) {
          pid_ = pid;
          return url;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
    return "";
  }

  void stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  void write_tokens(const std::string& extra_entry) {
    const fs::path file = dir_ / "tokens.json";
    std::ofstream(file) << R"({"tokens": [{"token": ")" << kAdmin
                        << R"(", "tenant": "ops", "role": "admin"})"
                        << (extra_entry.empty() ? "" : ", " + extra_entry) << "]}";
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  }

  fs::path dir_;
  pid_t pid_ = -1;
};

TEST_F(ServeSecurity, TheAdminTokenIsKeptBesideTheDatabaseAndNeverPrinted) {
  const std::string url = start({});
  ASSERT_FALSE(url.empty()) << slurp(dir_ / "server.log");
  const fs::path file = dir_ / "x.db.admin-token";
  ASSERT_TRUE(fs::exists(file));
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::string token = slurp(file);
  while (!token.empty() && token.back() == '\n') token.pop_back();
  ASSERT_GE(token.size(), 8u);
  auto client = cli::ApiClient::make(url, token, std::chrono::seconds(5));
  ASSERT_TRUE(client);
  EXPECT_EQ(client->get("/api/v1/services")->status, 200);
  stop();

  // A restart without --tokens takes the same token from the same file.
  const std::string again = start({});
  ASSERT_FALSE(again.empty()) << slurp(dir_ / "server.log");
  auto same = cli::ApiClient::make(again, token, std::chrono::seconds(5));
  EXPECT_EQ(same->get("/api/v1/services")->status, 200);
  stop();
  const std::string log = slurp(dir_ / "server.log");
  EXPECT_EQ(log.find(token), std::string::npos) << "the token was printed:\n" << log;
  EXPECT_NE(log.find(file.string()), std::string::npos) << log;
  EXPECT_NE(log.find("kept from an earlier start"), std::string::npos) << log;
}

TEST_F(ServeSecurity, TokenNewPrintsATokenAndAnEntryServeAccepts) {
  Proc made = run_lightmesh(dir_, {"token", "new", "--tenant", "bank", "--role", "tenant"});
  ASSERT_EQ(made.code, 0) << made.err;
  std::istringstream lines(made.out);
  std::string first, entry_line;
  std::getline(lines, first);
  ASSERT_EQ(first.rfind("token: ", 0), 0u) << made.out;
  const std::string token = first.substr(7);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  {", 0) == 0) entry_line = line;
  }
  const json entry = json::parse(entry_line, nullptr, false);
  ASSERT_TRUE(entry.is_object()) << made.out;
  EXPECT_EQ(entry["tenant"], "bank");
  EXPECT_EQ(entry["role"], "tenant");
  EXPECT_EQ(entry["token"].get<std::string>().rfind("sha256:", 0), 0u);
  EXPECT_EQ(made.out.find(token, first.size()), std::string::npos) << "the entry holds the token";

  write_tokens(entry.dump());
  const std::string url = start({"--tokens", (dir_ / "tokens.json").string()});
  ASSERT_FALSE(url.empty()) << slurp(dir_ / "server.log");
  Proc created =
      run_lightmesh(dir_, {"service", "create", "--server", url, "--token", token, "--from", "LSE",
                           "--to", "LD4", "--bandwidth-gbps", "100", "--format", "json"});
  ASSERT_EQ(created.code, 0) << created.err;
  EXPECT_EQ(json::parse(created.out)["tenant"], "bank");
  Proc wrong = run_lightmesh(dir_, {"service", "list", "--server", url, "--token", token + "x"});
  EXPECT_NE(wrong.code, 0);
  EXPECT_NE(wrong.err.find("401"), std::string::npos) << wrong.err;

  Proc empty = run_lightmesh(dir_, {"token", "new", "--tenant", "", "--role", "tenant"});
  EXPECT_NE(empty.code, 0);
  EXPECT_NE(empty.err.find("--tenant"), std::string::npos) << empty.err;
}

TEST_F(ServeSecurity, HttpsServesCreateAndListAndAClientWithoutTheCaRefuses) {
  const std::string cert = (dir_ / "cert.pem").string(), key = (dir_ / "key.pem").string();
  // A throwaway self-signed certificate for the loopback address, made now and never kept.
  const std::string make_cert =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
      "subjectAltName=IP:127.0.0.1,DNS:localhost -keyout '" +
      key + "' -out '" + cert + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(make_cert.c_str()), 0) << "openssl could not make a certificate";
  write_tokens("");
  const std::string url = start(
      {"--tokens", (dir_ / "tokens.json").string(), "--tls-cert", cert, "--tls-key", key}, cert);
  ASSERT_FALSE(url.empty()) << slurp(dir_ / "server.log");
  ASSERT_EQ(url.rfind("https://", 0), 0u);

  const std::vector<std::string> trusted = {"--server", url, "--token", kAdmin, "--cacert", cert};
  std::vector<std::string> create = {"service", "create", "--from",           "LSE",
                                     "--to",    "LD4",    "--bandwidth-gbps", "100"};
  create.insert(create.end(), trusted.begin(), trusted.end());
  Proc created = run_lightmesh(dir_, create);
  ASSERT_EQ(created.code, 0) << created.err;
  std::vector<std::string> list = {"service", "list", "--format", "json"};
  list.insert(list.end(), trusted.begin(), trusted.end());
  Proc listed = run_lightmesh(dir_, list);
  ASSERT_EQ(listed.code, 0) << listed.err;
  EXPECT_EQ(json::parse(listed.out)["items"].size(), 1u);

  // Without the CA the certificate is not trusted, and nothing is sent.
  Proc untrusted = run_lightmesh(dir_, {"service", "list", "--server", url, "--token", kAdmin});
  EXPECT_EQ(untrusted.code, 3) << untrusted.out;
  EXPECT_NE(untrusted.err.find("certificate"), std::string::npos) << untrusted.err;
  EXPECT_NE(untrusted.err.find("--cacert"), std::string::npos) << untrusted.err;
  // Plain http to the https port gets no answer it could take for one.
  std::string plain = url;
  plain.replace(0, 5, "http");
  Proc cleartext = run_lightmesh(
      dir_, {"service", "list", "--server", plain, "--token", kAdmin, "--timeout", "2"});
  EXPECT_NE(cleartext.code, 0);
  stop();

  // A key that is not the certificate's is refused at start, naming the files.
  Proc bad = run_lightmesh(
      dir_, {"serve", std::string(LIGHTMESH_SOURCE_DIR) + "/examples/london/network.json", "--db",
             (dir_ / "x.db").string(), "--listen", "127.0.0.1:0", "--tokens",
             (dir_ / "tokens.json").string(), "--tls-cert", cert, "--tls-key", cert});
  EXPECT_NE(bad.code, 0);
  EXPECT_NE(bad.err.find(cert), std::string::npos) << bad.err;
  Proc half = run_lightmesh(dir_, {"serve", "--tls-cert", cert});
  EXPECT_EQ(half.code, 2) << half.err;
}

}  // namespace
}  // namespace lightmesh
