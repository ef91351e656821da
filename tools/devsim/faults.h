// Faults: what a test asks an emulated device to do wrong, read from a control file
// (docs/southbound.md, "The device emulator").
//
// The control channel is a file per device, `<control dir>/<node id>`, holding one command per
// line; the device reads and deletes it before each RPC and every poll (about 20 ms):
//   refuse-commit   the next <commit> answers an operation-failed rpc-error
//   refuse-edit     the next <edit-config> answers an operation-failed rpc-error, changing nothing
//   drop-session    the next RPC closes its session without an answer
//   delay-ms N      every answer waits N ms from now on (0 ends it)
//   restart-empty   drop every session and restart with the starting inventory only
//
// Not thread-safe; one device loop owns it.
#pragma once

#include <string>

namespace lightmesh::devsim {

struct Faults {
  bool refuse_commit = false;
  bool refuse_edit = false;
  bool drop_session = false;
  bool restart_empty = false;
  int delay_ms = 0;

  // Reads and deletes `file` if it exists, adding its commands; unknown lines are reported on
  // stderr and ignored.
  void poll(const std::string& file);
};

}  // namespace lightmesh::devsim
