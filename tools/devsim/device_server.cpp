#include "device_server.h"

#include <fmt/format.h>
#include <nc_server.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <thread>

#include "southbound/openconfig.h"
#include "southbound/openroadm.h"

namespace lightmesh::devsim {

namespace {

constexpr std::uint16_t kHandshakeTimeoutS = 3;

// libnetconf2 calls these without user data for RPCs, so the device is the session's data.
nc_server_reply* on_rpc(lyd_node* rpc, nc_session* session) {
  auto* dev = static_cast<DeviceServer*>(nc_session_get_data(session));
  return dev->answer(rpc, session);
}

int on_password(const nc_session* session, const char* password, void* user_data) {
  return static_cast<DeviceServer*>(user_data)->check_password(session, password) ? 0 : 1;
}

int on_hostkey(const char*, void* user_data, char** privkey_path, char**, NC_SSH_KEY_TYPE*) {
  *privkey_path = strdup(static_cast<const std::string*>(user_data)->c_str());
  return 0;
}

std::string datastore_of(const lyd_node* rpc, const char* which) {
  lyd_node* n = nullptr;
  if (lyd_find_path(rpc, which, 0, &n) != LY_SUCCESS || !lyd_child(n)) return {};
  const lyd_node* c = lyd_child(n);
  return c->schema ? c->schema->name : "";
}

std::string leaf_of(const lyd_node* rpc, const char* name) {
  lyd_node* n = nullptr;
  if (lyd_find_path(rpc, name, 0, &n) != LY_SUCCESS || !n) return {};
  return lyd_get_value(n) ? lyd_get_value(n) : "";
}

}  // namespace

DeviceServer::DeviceServer(southbound::DeviceEntry entry, ServerOptions options)
    : entry_(std::move(entry)), options_(std::move(options)) {}

DeviceServer::~DeviceServer() = default;

bool DeviceServer::check_password(const nc_session* session, const char* password) const {
  const char* user = nc_session_get_username(session);
  return user && entry_.user == user && options_.password == password;
}

nc_server_reply* DeviceServer::error(int tag, const std::string& message) const {
  lyd_node* e = nullptr;
  switch (tag) {
    case NC_ERR_DATA_EXISTS:
    case NC_ERR_DATA_MISSING:
      e = nc_err(ctx_.get(), static_cast<NC_ERR>(tag));
      break;
    case NC_ERR_LOCK_DENIED:
      e = nc_err(ctx_.get(), NC_ERR_LOCK_DENIED, std::uint32_t{0});
      break;
    default:
      e = nc_err(ctx_.get(), static_cast<NC_ERR>(tag), NC_ERR_TYPE_APP);
  }
  nc_err_set_msg(e, message.c_str(), "en");
  return nc_server_reply_err(e);
}

void DeviceServer::restart_empty() {
  running_->reset(dup_all(base_.get()));
  candidate_->reset(dup_all(base_.get()));
  candidate_lock_ = running_lock_ = 0;
}

void DeviceServer::session_ended(nc_session* session) {
  const std::uint32_t id = nc_session_get_id(session);
  // RFC 6241 §7.5: a lock ends with its session, and the candidate's changes are discarded.
  if (candidate_lock_ == id) {
    candidate_lock_ = 0;
    candidate_->copy_from(*running_);
  }
  if (running_lock_ == id) running_lock_ = 0;
}

nc_server_reply* DeviceServer::answer(lyd_node* rpc, nc_session* session) {
  faults_.poll(options_.control_file);
  if (faults_.delay_ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(faults_.delay_ms));
  if (faults_.drop_session) {
    faults_.drop_session = false;
    nc_session_set_term_reason(session, NC_SESSION_TERM_DROPPED);
    nc_session_set_status(session, NC_STATUS_INVALID);
    return error(NC_ERR_OP_FAILED, "session dropped (fault injection)");
  }
  const std::uint32_t sid = nc_session_get_id(session);
  const std::string op = rpc->schema ? rpc->schema->name : "";
  auto locked_by_other = [&](const std::string& ds) {
    const std::uint32_t holder = ds == "candidate" ? candidate_lock_ : running_lock_;
    return holder != 0 && holder != sid;
  };
  auto store = [&](const std::string& ds) -> Datastore* {
    if (ds == "running") return running_.get();
    if (ds == "candidate" && options_.candidate) return candidate_.get();
    return nullptr;
  };
  // A device without :candidate refuses what only a candidate has, as a real one would.
  if (!options_.candidate &&
      (op == "commit" || op == "discard-changes" || datastore_of(rpc, "target") == "candidate" ||
       datastore_of(rpc, "source") == "candidate"))
    return error(NC_ERR_OP_NOT_SUPPORTED, "this device has no candidate datastore");

  if (op == "get-config" || op == "get") {
    Datastore* ds = op == "get" ? running_.get() : store(datastore_of(rpc, "source"));
    if (!ds) return error(NC_ERR_OP_NOT_SUPPORTED, "only running and candidate are supported");
    // Filters are not applied: the whole configuration is answered (docs/southbound.md).
    lyd_node* out = nullptr;
    const std::string xml = ds->xml();
    if (lyd_dup_single(rpc, nullptr, 0, &out) != LY_SUCCESS ||
        lyd_new_any(out, nullptr, "data", xml.c_str(), 0, LYD_ANYDATA_XML, 1, nullptr) !=
            LY_SUCCESS) {
      lyd_free_all(out);
      return error(NC_ERR_OP_FAILED,
                   "cannot build the reply: " + southbound::last_error(ctx_.get()));
    }
    return nc_server_reply_data(out, NC_WD_EXPLICIT, NC_PARAMTYPE_FREE);
  }
  if (op == "edit-config") {
    const std::string target = datastore_of(rpc, "target");
    Datastore* ds = store(target);
    if (!ds) return error(NC_ERR_OP_NOT_SUPPORTED, "only running and candidate are supported");
    if (locked_by_other(target))
      return error(NC_ERR_IN_USE, target + " is locked by another session");
    lyd_node* config = nullptr;
    if (lyd_find_path(rpc, "config", 0, &config) != LY_SUCCESS || !config)
      return error(NC_ERR_OP_NOT_SUPPORTED, "only <config> edits are supported (no <url>)");
    char* text = nullptr;
    lyd_any_value_str(config, &text);
    const std::string xml = text ? text : "";
    std::free(text);
    std::string dflt = leaf_of(rpc, "default-operation");
    if (dflt.empty()) dflt = "merge";
    if (faults_.refuse_edit) {
      faults_.refuse_edit = false;
      return error(NC_ERR_OP_FAILED, "edit refused (fault injection)");
    }
    EditRefusal why = EditRefusal::kInvalidValue;
    if (auto st = ds->edit(xml, dflt, &why); !st) {
      const int tag = why == EditRefusal::kDataExists    ? NC_ERR_DATA_EXISTS
                      : why == EditRefusal::kDataMissing ? NC_ERR_DATA_MISSING
                                                         : NC_ERR_INVALID_VALUE;
      return error(tag, st.error().message());
    }
    return nc_server_reply_ok();
  }
  if (op == "lock" || op == "unlock") {
    const std::string target = datastore_of(rpc, "target");
    std::uint32_t* holder = target == "candidate" ? &candidate_lock_
                            : target == "running" ? &running_lock_
                                                  : nullptr;
    if (!holder) return error(NC_ERR_OP_NOT_SUPPORTED, "only running and candidate are supported");
    if (op == "lock") {
      if (*holder != 0) return error(NC_ERR_LOCK_DENIED, target + " is already locked");
      *holder = sid;
    } else {
      if (*holder != sid) return error(NC_ERR_OP_FAILED, target + " is not locked by this session");
      *holder = 0;
    }
    return nc_server_reply_ok();
  }
  if (op == "validate") {
    Datastore* ds = store(datastore_of(rpc, "source"));
    if (!ds) return error(NC_ERR_OP_NOT_SUPPORTED, "only running and candidate are supported");
    if (auto st = ds->validate(); !st) return error(NC_ERR_INVALID_VALUE, st.error().message());
    return nc_server_reply_ok();
  }
  if (op == "commit") {
    if (locked_by_other("running") || locked_by_other("candidate"))
      return error(NC_ERR_IN_USE, "the datastores are locked by another session");
    if (faults_.refuse_commit) {
      faults_.refuse_commit = false;
      return error(NC_ERR_OP_FAILED, "commit refused (fault injection)");
    }
    if (auto st = candidate_->validate(); !st)
      return error(NC_ERR_INVALID_VALUE, st.error().message());
    running_->copy_from(*candidate_);
    return nc_server_reply_ok();
  }
  if (op == "discard-changes") {
    candidate_->copy_from(*running_);
    return nc_server_reply_ok();
  }
  if (op == "close-session") return nc_server_reply_ok();
  return error(NC_ERR_OP_NOT_SUPPORTED, "operation \"" + op + "\" is not supported");
}

int DeviceServer::run(volatile std::sig_atomic_t* stop, void (*ready)(void*), void* ready_arg) {
  auto fail = [&](const std::string& what) {
    std::fprintf(stderr, "lightmesh-devsim: %s: %s\n", entry_.node.c_str(), what.c_str());
    return 1;
  };
  auto ctx = southbound::model_context(entry_.model, southbound::yang_dir(), options_.candidate);
  if (!ctx) return fail(ctx.error().to_string());
  ctx_ = std::move(*ctx);
  const std::string base_xml = entry_.model == southbound::kOpenConfig
                                   ? southbound::openconfig_base_config(entry_)
                                   : southbound::openroadm_base_config(entry_);
  auto base = southbound::parse_config(ctx_.get(), base_xml, "starting inventory");
  if (!base) return fail(base.error().to_string());
  if (auto st = southbound::validate_config(ctx_.get(), *base); !st)
    return fail("starting inventory: " + st.error().to_string());
  base_ = std::move(*base);
  running_ = std::make_unique<Datastore>(ctx_.get(), dup_all(base_.get()));
  candidate_ = std::make_unique<Datastore>(ctx_.get(), dup_all(base_.get()));

  nc_verbosity(NC_VERB_ERROR);
  if (nc_server_init(ctx_.get()) != 0) return fail("nc_server_init failed");
  nc_set_global_rpc_clb(on_rpc);
  nc_server_ssh_set_hostkey_clb(on_hostkey, &options_.host_key_file, nullptr);
  nc_server_ssh_set_passwd_auth_clb(on_password, this, nullptr);
  if (nc_server_add_endpt("main", NC_TI_LIBSSH) ||
      nc_server_endpt_set_address("main", entry_.address.c_str()) ||
      nc_server_endpt_set_port("main", entry_.port) ||
      nc_server_ssh_endpt_add_hostkey("main", "key", -1) ||
      nc_server_ssh_endpt_set_auth_methods("main", NC_SSH_AUTH_PASSWORD) ||
      // A device serves one connection at a time: a client that leaves mid-handshake (as one
      // refusing the host key does) holds it for this long, not libnetconf2's default 30 s.
      nc_server_ssh_endpt_set_auth_timeout("main", kHandshakeTimeoutS))
    return fail(fmt::format("cannot listen on {}:{}", entry_.address, entry_.port));
  ready(ready_arg);

  nc_pollsession* ps = nc_ps_new();
  while (!*stop) {
    faults_.poll(options_.control_file);
    if (faults_.restart_empty) {
      faults_.restart_empty = false;
      nc_ps_clear(ps, 1, nullptr);
      restart_empty();
    }
    nc_session* s = nullptr;
    const int accept_ms = nc_ps_session_count(ps) ? 0 : 20;
    if (nc_accept(accept_ms, &s) == NC_MSG_HELLO) {
      nc_session_set_data(s, this);
      nc_ps_add_session(ps, s);
    }
    if (nc_ps_session_count(ps) == 0) continue;
    s = nullptr;
    const int r = nc_ps_poll(ps, 20, &s);
    if ((r & (NC_PSPOLL_SESSION_TERM | NC_PSPOLL_SESSION_ERROR)) && s) {
      session_ended(s);
      nc_ps_del_session(ps, s);
      nc_session_free(s, nullptr);
    }
  }
  nc_ps_clear(ps, 1, nullptr);
  nc_ps_free(ps);
  nc_server_destroy();
  return 0;
}

}  // namespace lightmesh::devsim
