#include "southbound/netconf_session.h"

#include <fmt/format.h>
#include <nc_client.h>

#include <cstdlib>
#include <mutex>

#include "southbound/host_key.h"

namespace lightmesh::southbound {

namespace {

// libnetconf2 keeps its client state (SSH options, callbacks) per thread, but needs one
// process-wide initialisation first; nothing else is shared.
void init_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    nc_client_init();
    nc_verbosity(NC_VERB_ERROR);
  });
}

char* password_clb(const char*, const char*, void* priv) {
  return strdup(static_cast<const char*>(priv));
}

// What the host-key check compares, and what it saw, for the connect's error message.
struct HostKeyCheck {
  std::string expected;  // "SHA256:…"; empty: any key is accepted
  std::string presented;
};

// Replaces libnetconf2's known-hosts lookup: the key must be the inventory's pin, when it has one
// (docs/southbound.md). Non-zero refuses the session before any password is sent.
int hostkey_clb(const char*, ssh_session session, void* priv) {
  auto* check = static_cast<HostKeyCheck*>(priv);
  if (!check || check->expected.empty()) return 0;
  ssh_key key = nullptr;
  if (ssh_get_server_publickey(session, &key) != SSH_OK) return -1;
  check->presented = host_key_fingerprint(key);
  ssh_key_free(key);
  return check->presented == check->expected ? 0 : -1;
}

// "error-tag: error-message" of every rpc-error in a reply envelope.
std::string errors_of(const lyd_node* envp) {
  std::string out;
  const lyd_node* n = nullptr;
  std::string tag;
  LYD_TREE_DFS_BEGIN(envp, n) {
    if (!n->schema) {
      const auto* o = reinterpret_cast<const lyd_node_opaq*>(n);
      const std::string name = o->name.name;
      if (name == "error-tag") tag = o->value;
      if (name == "error-message") {
        if (!out.empty()) out += "; ";
        out += tag.empty() ? std::string(o->value) : tag + ": " + o->value;
      }
    }
    LYD_TREE_DFS_END(envp, n);
  }
  if (out.empty() && !tag.empty()) out = tag;
  return out.empty() ? "rpc-error without a message" : out;
}

}  // namespace

std::unique_ptr<NetconfSession> NetconfSession::connect(const DeviceEntry& d, int timeout_ms,
                                                        DeviceError* err) {
  init_once();
  const char* password = std::getenv(d.password_env.c_str());
  if (!password) {
    *err = {FailureKind::kUnreachable,
            fmt::format("environment variable {} (its password) is not set", d.password_env)};
    return nullptr;
  }
  auto ctx = model_context(d.model, yang_dir());
  if (!ctx) {
    *err = {FailureKind::kUnreachable, ctx.error().to_string()};
    return nullptr;
  }
  nc_client_ssh_set_username(d.user.c_str());
  nc_client_ssh_set_auth_password_clb(password_clb, const_cast<char*>(password));
  HostKeyCheck check{.expected = d.host_key_sha256};
  nc_client_ssh_set_auth_hostkey_check_clb(hostkey_clb, &check);
  nc_client_ssh_set_auth_pref(NC_SSH_AUTH_PASSWORD, 10);
  nc_client_ssh_set_auth_pref(NC_SSH_AUTH_PUBLICKEY, -1);
  nc_client_ssh_set_auth_pref(NC_SSH_AUTH_INTERACTIVE, -1);
  nc_session* s = nc_connect_ssh(d.address.c_str(), d.port, ctx->get());
  // The check's data lives on this stack: the thread's client options let go of it.
  nc_client_ssh_set_auth_hostkey_check_clb(hostkey_clb, nullptr);
  if (!s && !check.presented.empty() && check.presented != check.expected) {
    *err = {FailureKind::kUnreachable,
            fmt::format("{}:{} presented the SSH host key {}, not the inventory's "
                        "host_key_sha256 {} (another device, or its key changed); nothing was sent",
                        d.address, d.port, check.presented, check.expected)};
    return nullptr;
  }
  if (!s) {
    *err = {FailureKind::kUnreachable,
            fmt::format("cannot open a NETCONF session to {}:{}", d.address, d.port)};
    return nullptr;
  }
  const bool candidate =
      nc_session_cpblt(s, "urn:ietf:params:netconf:capability:candidate:1.0") != nullptr;
  return std::unique_ptr<NetconfSession>(
      new NetconfSession(std::move(*ctx), s, timeout_ms, candidate));
}

NetconfSession::~NetconfSession() {
  if (session_) nc_session_free(session_, nullptr);
}

bool NetconfSession::alive() const {
  return session_ && nc_session_get_status(session_) == NC_STATUS_RUNNING;
}

std::optional<DeviceError> NetconfSession::call(nc_rpc* rpc, const char* what, std::string* data) {
  std::unique_ptr<nc_rpc, void (*)(nc_rpc*)> owned(rpc, nc_rpc_free);
  if (!rpc)
    return DeviceError{FailureKind::kRefused, fmt::format("{}: cannot build the RPC", what)};
  if (!alive()) return DeviceError{FailureKind::kUnreachable, "the session is closed"};
  std::uint64_t id = 0;
  if (nc_send_rpc(session_, rpc, timeout_ms_, &id) != NC_MSG_RPC)
    return DeviceError{FailureKind::kUnreachable, fmt::format("{}: sending failed", what)};
  lyd_node* envp = nullptr;
  lyd_node* op = nullptr;
  NC_MSG_TYPE t;
  do {
    t = nc_recv_reply(session_, rpc, id, timeout_ms_, &envp, &op);
  } while (t == NC_MSG_NOTIF);
  DataTree env(envp), out(op);
  if (t == NC_MSG_WOULDBLOCK)
    return DeviceError{FailureKind::kUnreachable,
                       fmt::format("{}: no answer within {} ms", what, timeout_ms_)};
  if (t != NC_MSG_REPLY)
    return DeviceError{FailureKind::kUnreachable, fmt::format("{}: the session failed", what)};
  // An error reply has rpc-error children; <ok/> and data replies have none.
  bool error = false;
  for (const lyd_node* c = lyd_child(envp); c; c = c->next)
    if (!c->schema &&
        std::string(reinterpret_cast<const lyd_node_opaq*>(c)->name.name) == "rpc-error")
      error = true;
  if (error)
    return DeviceError{FailureKind::kRefused, fmt::format("{}: {}", what, errors_of(envp))};
  if (data) {
    // get-config's output: the anydata <data> holds the configuration.
    const lyd_node* d = nullptr;
    if (op && lyd_find_path(op, "data", 1, const_cast<lyd_node**>(&d)) == LY_SUCCESS && d) {
      char* s = nullptr;
      lyd_any_value_str(d, &s);
      *data = s ? s : "";
      std::free(s);
    }
  }
  return std::nullopt;
}

std::optional<DeviceError> NetconfSession::lock_candidate() {
  return call(nc_rpc_lock(NC_DATASTORE_CANDIDATE), "lock");
}
std::optional<DeviceError> NetconfSession::unlock_candidate() {
  return call(nc_rpc_unlock(NC_DATASTORE_CANDIDATE), "unlock");
}
std::optional<DeviceError> NetconfSession::edit(NC_DATASTORE target, const std::string& xml) {
  return call(nc_rpc_edit(target, NC_RPC_EDIT_DFLTOP_MERGE, NC_RPC_EDIT_TESTOPT_UNKNOWN,
                          NC_RPC_EDIT_ERROPT_UNKNOWN, xml.c_str(), NC_PARAMTYPE_DUP_AND_FREE),
              "edit-config");
}
std::optional<DeviceError> NetconfSession::edit_candidate(const std::string& xml) {
  return edit(NC_DATASTORE_CANDIDATE, xml);
}
std::optional<DeviceError> NetconfSession::edit_running(const std::string& xml) {
  return edit(NC_DATASTORE_RUNNING, xml);
}
std::optional<DeviceError> NetconfSession::lock_running() {
  return call(nc_rpc_lock(NC_DATASTORE_RUNNING), "lock");
}
std::optional<DeviceError> NetconfSession::unlock_running() {
  return call(nc_rpc_unlock(NC_DATASTORE_RUNNING), "unlock");
}
std::optional<DeviceError> NetconfSession::validate_candidate() {
  return call(nc_rpc_validate(NC_DATASTORE_CANDIDATE, nullptr, NC_PARAMTYPE_CONST), "validate");
}
std::optional<DeviceError> NetconfSession::commit() {
  return call(nc_rpc_commit(0, 0, nullptr, nullptr, NC_PARAMTYPE_CONST), "commit");
}
std::optional<DeviceError> NetconfSession::discard_changes() {
  return call(nc_rpc_discard(), "discard-changes");
}
std::optional<DeviceError> NetconfSession::get_running(std::string* xml) {
  return call(nc_rpc_getconfig(NC_DATASTORE_RUNNING, nullptr, NC_WD_UNKNOWN, NC_PARAMTYPE_CONST),
              "get-config", xml);
}

}  // namespace lightmesh::southbound
