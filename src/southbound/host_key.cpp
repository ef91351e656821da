#include "southbound/host_key.h"

#include <cctype>

namespace lightmesh::southbound {

std::string host_key_fingerprint(ssh_key key) {
  // A private key is hashed by its public half (libssh exports that blob for either kind), which
  // is what a server presents.
  unsigned char* hash = nullptr;
  std::size_t len = 0;
  std::string out;
  if (key && ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) == 0) {
    if (char* text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len)) {
      out = text;
      ssh_string_free_char(text);
    }
    ssh_clean_pubkey_hash(&hash);
  }
  return out;
}

bool is_host_key_fingerprint(const std::string& text) {
  constexpr std::string_view kPrefix = "SHA256:";
  if (text.size() != kPrefix.size() + 43 || text.compare(0, kPrefix.size(), kPrefix) != 0)
    return false;
  for (std::size_t i = kPrefix.size(); i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isalnum(c) && c != '+' && c != '/') return false;
  }
  return true;
}

}  // namespace lightmesh::southbound
