// SSH host keys named as OpenSSH names them ("SHA256:" and the unpadded base64 of the SHA-256 of
// the public key, what `ssh-keygen -l -f KEY` and `ssh-keyscan HOST | ssh-keygen -lf -` print), so
// an inventory can pin the key each device must present.
//
//   std::string fp = host_key_fingerprint(key);          // "SHA256:AbC…" ("" if it cannot be read)
//   if (!is_host_key_fingerprint(text)) …                 // the inventory's check of the form
#pragma once

#include <libssh/libssh.h>

#include <string>

namespace lightmesh::southbound {

std::string host_key_fingerprint(ssh_key key);
// "SHA256:" then 43 characters of base64 (32 bytes, unpadded).
bool is_host_key_fingerprint(const std::string& text);

}  // namespace lightmesh::southbound
