// NetconfSession: one NETCONF client session over SSH (libnetconf2), owning its libyang context,
// with the operations the southbound needs. The RAII wrappers of libnetconf2's client API live
// here and nowhere else.
//
//   LM_ASSIGN_OR_RETURN(NetconfSession s, NetconfSession::connect(entry, password, 5000));
//   if (auto st = s.lock_candidate(); !st) ...;
//
// Not thread-safe: one thread at a time per session (sessions to different devices may be used
// from different threads at once).
#pragma once

#include <libnetconf2/netconf.h>

#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "core/result.h"
#include "southbound/inventory.h"
#include "southbound/yang.h"

struct nc_session;
struct nc_rpc;

namespace lightmesh::southbound {

// Why an operation failed: the device answered with an rpc-error (kRefused), or it could not be
// reached, dropped the session or did not answer in time (kUnreachable).
enum class FailureKind { kRefused, kUnreachable };

struct DeviceError {
  FailureKind kind = FailureKind::kRefused;
  std::string detail;  // the device's error-tag and error-message, or what went wrong
};

template <typename T>
using DeviceResult = std::variant<T, DeviceError>;

class NetconfSession {
 public:
  // Connects with the password in the entry's password_env. The SSH host key must be the entry's
  // host_key_sha256 when it has one (else any is accepted); a mismatch is unreachable, and no
  // password is sent.
  static std::unique_ptr<NetconfSession> connect(const DeviceEntry& d, int timeout_ms,
                                                 DeviceError* err);
  ~NetconfSession();
  NetconfSession(const NetconfSession&) = delete;
  NetconfSession& operator=(const NetconfSession&) = delete;

  // Each returns nullopt on <ok/>, else the device's error.
  std::optional<DeviceError> lock_candidate();
  std::optional<DeviceError> unlock_candidate();
  std::optional<DeviceError> edit_candidate(const std::string& xml);
  std::optional<DeviceError> validate_candidate();
  std::optional<DeviceError> commit();
  std::optional<DeviceError> discard_changes();
  // The running configuration as XML, or the error.
  std::optional<DeviceError> get_running(std::string* xml);

  // Whether the device announced the :candidate capability in its hello. Without it, edits go to
  // running directly (transaction.h keeps the undo of each).
  bool has_candidate() const { return has_candidate_; }
  std::optional<DeviceError> lock_running();
  std::optional<DeviceError> unlock_running();
  std::optional<DeviceError> edit_running(const std::string& xml);

  // False once the transport failed: the session must be replaced.
  bool alive() const;

 private:
  NetconfSession(YangContext ctx, nc_session* s, int timeout_ms, bool has_candidate)
      : ctx_(std::move(ctx)), session_(s), timeout_ms_(timeout_ms), has_candidate_(has_candidate) {}
  std::optional<DeviceError> call(nc_rpc* rpc, const char* what, std::string* data = nullptr);
  std::optional<DeviceError> edit(NC_DATASTORE target, const std::string& xml);

  YangContext ctx_;
  nc_session* session_;
  int timeout_ms_;
  bool has_candidate_;
};

}  // namespace lightmesh::southbound
