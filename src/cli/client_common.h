// What the client subcommands (`lightmesh service …`, `lightmesh fiber …`) share: the common
// options, reaching the controller, turning a reply that is not the expected one into one line on
// stderr and an exit code, and reading JSON fields without trusting the server's shape.
//
//   ClientArgs args;                       // filled by add_client_options(cmd, args)
//   auto client = make_client_or_report(args, ctx.err);
//   if (!client) return kExitUsage;
//   ClientCall call = expect_reply(client->get("/api/v1/fibers"), {200}, *client, ctx.err);
//   if (!call.ok()) return call.code;     // one line already on stderr
//   const auto& items = call.json["items"];
#pragma once

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "cli/api_client.h"

namespace CLI {
class App;
}

namespace lightmesh::cli {

inline constexpr const char* kDefaultServer = "http://127.0.0.1:8080";

// Options every client subcommand takes. Empty server/token/cacert mean "not given": the
// environment (LIGHTMESH_URL, LIGHTMESH_TOKEN, LIGHTMESH_CACERT) is read when the command runs,
// then the default.
struct ClientArgs {
  std::string server;
  std::string token;
  std::string cacert;  // PEM CA certificate for an https:// server; empty: $LIGHTMESH_CACERT
  std::string format = "table";
  int timeout_s = 10;
};

void add_client_options(CLI::App* cmd, ClientArgs& args);

// The client for the resolved server and token; a malformed --server is reported (one line) and
// gives nullopt.
std::optional<ApiClient> make_client_or_report(const ClientArgs& args, std::ostream& err);

// The outcome of one request: the reply (and its JSON, when it has a body) if its status was one
// of those expected, else the exit code after one line was written to stderr.
struct ClientCall {
  int code = 0;
  ApiReply reply;
  nlohmann::ordered_json json;  // null when the body is empty
  bool ok() const { return code == 0; }
};

// Unreachable → "lightmesh: cannot reach URL: REASON (is lightmesh serve running?)", exit
// kExitUnavailable. An unexpected status → the server's error, detail and where on one line (a
// planner refusal as "lightmesh: refused: REASON: DETAIL"), exit kExitInputError. A body that is
// not JSON is reported, never thrown.
ClientCall expect_reply(Result<ApiReply> reply, std::initializer_list<int> statuses,
                        const ApiClient& client, std::ostream& err);

// The one line for an error reply (without "lightmesh: " and the newline).
std::string describe_error_reply(const ApiReply& reply);

// Field readers that never throw: a missing field or one of another type reads as empty/absent.
std::string json_str(const nlohmann::ordered_json& j, const char* key);
std::optional<double> json_num(const nlohmann::ordered_json& j, const char* key);
const nlohmann::ordered_json& json_list(const nlohmann::ordered_json& j, const char* key);

// A number for a table with `decimals` places, as `plan` prints them ("885.5"); "-" when absent.
std::string number(std::optional<double> v, int decimals);

// The server's body for --format json, ending in exactly one newline.
std::string verbatim(const std::string& body);

// The whole of a subcommand that sends one request expecting 200 and prints the answer: the body
// verbatim with --format json, else `table(json)`. Returns the exit code.
int print_one_reply(const ClientArgs& args, std::ostream& out, std::ostream& err,
                    const std::function<Result<ApiReply>(ApiClient&)>& send,
                    const std::function<std::string(const nlohmann::ordered_json&)>& table);

// DELETE `path`, expecting 200 or 204; prints `done` and a newline with --format table (nothing
// with json, so a script reads only the status). Returns the exit code.
int delete_one(const ClientArgs& args, const std::string& path, const std::string& done,
               std::ostream& out, std::ostream& err);

}  // namespace lightmesh::cli
