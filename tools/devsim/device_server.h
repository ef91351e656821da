// DeviceServer: one emulated device of its inventory entry's model (OpenROADM 2.2.1 or OpenConfig),
// a NETCONF server over SSH (libnetconf2) on the entry's address and port, with password
// authentication, running and candidate datastores, and the faults of its control file.
//
//   DeviceServer dev(entry, options);
//   return dev.run(stop_flag);  // until *stop_flag
//
// libnetconf2's server state is process-wide, so each device runs in its own process (the
// emulator forks one per node). Not thread-safe.
#pragma once

#include <csignal>
#include <cstdint>
#include <string>

#include "datastore.h"
#include "faults.h"
#include "southbound/inventory.h"

struct nc_session;
struct nc_server_reply;

namespace lightmesh::devsim {

struct ServerOptions {
  std::string host_key_file;  // PEM private key the SSH server presents
  std::string password;       // what user "lightmesh" must give
  std::string control_file;   // the faults' control file (may be empty)
  bool candidate = true;      // false: no :candidate capability, edits go to running
};

class DeviceServer {
 public:
  DeviceServer(southbound::DeviceEntry entry, ServerOptions options);
  ~DeviceServer();

  // Listens and answers until *stop; `ready` is called once the port is bound. Returns a process
  // exit status; an error is printed on stderr.
  int run(volatile std::sig_atomic_t* stop, void (*ready)(void*), void* ready_arg);

  // The RPC handler libnetconf2 calls (through the session's data pointer).
  nc_server_reply* answer(lyd_node* rpc, nc_session* session);
  bool check_password(const nc_session* session, const char* password) const;

 private:
  nc_server_reply* error(int tag, const std::string& message) const;
  void session_ended(nc_session* session);
  void restart_empty();

  southbound::DeviceEntry entry_;
  ServerOptions options_;
  southbound::YangContext ctx_;
  southbound::DataTree base_;
  std::unique_ptr<Datastore> running_;
  std::unique_ptr<Datastore> candidate_;
  std::uint32_t candidate_lock_ = 0;  // session id holding the lock, 0 if none
  std::uint32_t running_lock_ = 0;
  Faults faults_;
};

}  // namespace lightmesh::devsim
