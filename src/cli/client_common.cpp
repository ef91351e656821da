// Shared parts of the client subcommands: options, errors, and JSON reading (see client_common.h).
//
//   add_client_options(cmd, *args);
//   ClientCall c = expect_reply(client->del("/api/v1/services/svc-000001"), {204}, *client, err);
#include "cli/client_common.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdlib>

#include "cli/app.h"
#include "cli/common.h"

namespace lightmesh::cli {

namespace {

using json = nlohmann::ordered_json;

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

// Planner refusals are the upper-case reasons of docs/api/rest.md (NO_PATH, LATENCY_BOUND, …);
// other 409s (idempotency_key_reused, unsupported) are ordinary errors, so the case tells them
// apart without a list that would go stale when the planner learns a new reason.
bool is_refusal(int status, const std::string& error) {
  if (status != 409 || error.empty()) return false;
  for (unsigned char c : error) {
    if (!(std::isupper(c) || std::isdigit(c) || c == '_')) return false;
  }
  return true;
}

// Errors are promised as one line, whatever a server puts in its detail.
std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

// A body that is not JSON (a proxy's HTML page, say) is quoted briefly on one line.
std::string snippet(const std::string& body) {
  std::string out;
  for (char c : body) {
    if (out.size() >= 120) {
      out += "…";
      break;
    }
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

void add_client_options(CLI::App* cmd, ClientArgs& a) {
  cmd->add_option("--server", a.server,
                  "Controller URL (default: $LIGHTMESH_URL, else http://127.0.0.1:8080)");
  cmd->add_option("--token", a.token, "Bearer token (default: $LIGHTMESH_TOKEN)");
  cmd->add_option("--cacert", a.cacert,
                  "PEM certificate of the authority that signed an https:// server's certificate "
                  "(default: $LIGHTMESH_CACERT, else the system's authorities)");
  cmd->add_option("-f,--format", a.format, "Output format: table or json (the server's JSON)")
      ->default_val("table")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--timeout", a.timeout_s, "Seconds to wait to connect, and for each read")
      ->default_val(10)
      ->check(CLI::Range(1, 3600));
}

std::optional<ApiClient> make_client_or_report(const ClientArgs& a, std::ostream& err) {
  const std::string server = a.server.empty() ? env_or("LIGHTMESH_URL", kDefaultServer) : a.server;
  const std::string token = a.token.empty() ? env_or("LIGHTMESH_TOKEN", "") : a.token;
  const std::string cacert = a.cacert.empty() ? env_or("LIGHTMESH_CACERT", "") : a.cacert;
  auto client = ApiClient::make(server, token, std::chrono::seconds(a.timeout_s), cacert);
  if (!client) {
    report(client.error(), err);
    return std::nullopt;
  }
  return std::move(client).value();
}

std::string describe_error_reply(const ApiReply& reply) {
  const json j = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  // Only the controller's own shape, {"error": "…", …}, is read as an error; anything else is
  // quoted as it came.
  const bool ours = j.is_object() && j.contains("error") && j["error"].is_string();
  const std::string error = ours ? json_str(j, "error") : "";
  const std::string detail = ours ? json_str(j, "detail") : "";
  const std::string where = ours ? json_str(j, "where") : "";
  if (!ours) {
    const std::string body = snippet(reply.body);
    return fmt::format("HTTP {}{}", reply.status, body.empty() ? "" : ": " + body);
  }
  if (is_refusal(reply.status, error))
    return one_line(fmt::format("refused: {}: {}", error, detail));
  std::string line = fmt::format("{} {}: {}", reply.status, error, detail);
  if (!where.empty()) line += " (where: " + where + ")";
  // The usual cause of a 401 is a token that was never given.
  if (reply.status == 401) line += "; pass --token or set LIGHTMESH_TOKEN";
  return one_line(line);
}

ClientCall expect_reply(Result<ApiReply> reply, std::initializer_list<int> statuses,
                        const ApiClient& client, std::ostream& err) {
  ClientCall call;
  if (!reply) {
    err << "lightmesh: cannot reach " << client.url() << ": " << reply.error().message()
        << " (is lightmesh serve running?)\n";
    call.code = kExitUnavailable;
    return call;
  }
  call.reply = std::move(reply).value();
  bool expected = false;
  for (int s : statuses) expected = expected || s == call.reply.status;
  if (!expected) {
    err << "lightmesh: " << describe_error_reply(call.reply) << "\n";
    call.code = kExitInputError;
    return call;
  }
  if (call.reply.body.empty()) return call;
  call.json = json::parse(call.reply.body, nullptr, /*allow_exceptions=*/false);
  if (call.json.is_discarded()) {
    err << "lightmesh: " << client.url() << " answered HTTP " << call.reply.status
        << " with a body that is not JSON: " << snippet(call.reply.body) << "\n";
    call.code = kExitInputError;
    call.json = nullptr;
  }
  return call;
}

std::string json_str(const json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number() || it->is_boolean()) return it->dump();
  return "";
}

std::optional<double> json_num(const json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

const json& json_list(const json& j, const char* key) {
  static const json kEmpty = json::array();  // immutable: a shared empty list, not state
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

std::string number(std::optional<double> v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "-";
}

std::string verbatim(const std::string& body) {
  std::string out = body;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out + "\n";
}

int print_one_reply(const ClientArgs& args, std::ostream& out, std::ostream& err,
                    const std::function<Result<ApiReply>(ApiClient&)>& send,
                    const std::function<std::string(const nlohmann::ordered_json&)>& table) {
  auto client = make_client_or_report(args, err);
  if (!client) return kExitUsage;
  ClientCall call = expect_reply(send(*client), {200}, *client, err);
  if (!call.ok()) return call.code;
  out << (args.format == "json" ? verbatim(call.reply.body) : table(call.json));
  return kExitOk;
}

int delete_one(const ClientArgs& args, const std::string& path, const std::string& done,
               std::ostream& out, std::ostream& err) {
  auto client = make_client_or_report(args, err);
  if (!client) return kExitUsage;
  ClientCall call = expect_reply(client->del(path), {200, 204}, *client, err);
  if (!call.ok()) return call.code;
  if (args.format == "table") out << done << "\n";
  return kExitOk;
}

}  // namespace lightmesh::cli
