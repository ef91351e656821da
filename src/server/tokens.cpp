#include "server/tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstdio>
#include <stdexcept>

#include "io/json_doc.h"

namespace lightmesh::server {

namespace {

constexpr const char* kHashPrefix = "sha256:";
constexpr std::size_t kHashPrefixChars = 7;

std::array<std::uint8_t, 32> sha256(const std::string& text) {
  // Fetched once: OpenSSL 3 looks EVP_sha256() up in its provider tables on every use, which cost
  // a few percent of a service create (every request hashes its bearer token). Immutable once
  // made, so every thread may share it.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  std::array<std::uint8_t, 32> digest{};
  unsigned int size = 0;
  if (kSha256 == nullptr ||
      EVP_Digest(text.data(), text.size(), digest.data(), &size, kSha256, nullptr) != 1 ||
      size != digest.size())
    throw std::runtime_error("SHA-256 is not available from OpenSSL");
  return digest;
}

std::string hex(const std::uint8_t* bytes, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[bytes[i] >> 4];
    out += kHex[bytes[i] & 15];
  }
  return out;
}

// 64 hex digits (either case) into 32 bytes.
std::optional<std::array<std::uint8_t, 32>> parse_digest(const std::string& hex_digits) {
  if (hex_digits.size() != 64) return std::nullopt;
  std::array<std::uint8_t, 32> digest{};
  for (std::size_t i = 0; i < 64; ++i) {
    const char c = hex_digits[i];
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) return std::nullopt;
    digest[i / 2] = static_cast<std::uint8_t>(digest[i / 2] << 4 | v);
  }
  return digest;
}

std::string mode_text(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

}  // namespace

const char* role_name(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kTenant:
      return "tenant";
    case Role::kReadOnly:
      return "read-only";
  }
  return "read-only";
}

std::optional<Role> parse_role(const std::string& name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "tenant") return Role::kTenant;
  if (name == "read-only") return Role::kReadOnly;
  return std::nullopt;
}

std::string generate_token() {
  std::uint8_t bytes[32];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    throw std::runtime_error("the operating system's random source failed");
  return "lm-" + hex(bytes, sizeof bytes);
}

std::string token_hash(const std::string& token) {
  const auto digest = sha256(token);
  return kHashPrefix + hex(digest.data(), digest.size());
}

Result<Tokens> Tokens::parse(const std::string& text, const std::string& file) {
  LM_ASSIGN_OR_RETURN(io::Document doc, io::parse_document(text, file));
  io::ObjectReader top(doc, doc.root, "");
  LM_RETURN_IF_ERROR(top.expect_object());
  LM_RETURN_IF_ERROR(top.only({"tokens"}));
  LM_ASSIGN_OR_RETURN(const io::Json* list, top.list("tokens"));
  if (!list) return doc.error("", "missing required field \"tokens\"");
  Tokens t;
  for (std::size_t i = 0; i < list->size(); ++i) {
    io::ObjectReader r(doc, (*list)[i], "/tokens/" + std::to_string(i));
    LM_RETURN_IF_ERROR(r.expect_object());
    LM_RETURN_IF_ERROR(r.only({"token", "tenant", "role"}));
    LM_ASSIGN_OR_RETURN(std::string token, r.required_string("token"));
    LM_ASSIGN_OR_RETURN(std::string tenant, r.required_string("tenant"));
    LM_ASSIGN_OR_RETURN(std::string role, r.required_string("role"));
    Entry e;
    if (token.rfind(kHashPrefix, 0) == 0) {
      auto digest = parse_digest(token.substr(kHashPrefixChars));
      if (!digest) {
        return doc.error(r.pointer("token"),
                         "a hashed token is \"sha256:\" and 64 hex digits (lightmesh token new "
                         "prints one)");
      }
      e.digest = *digest;
    } else if (token.size() < kMinTokenChars) {
      return doc.error(r.pointer("token"), "a token needs at least 8 characters");
    } else {
      e.digest = sha256(token);
    }
    const auto parsed_role = parse_role(role);
    if (!parsed_role) {
      return doc.error(r.pointer("role"),
                       "unknown role \"" + role + "\" (expected admin, tenant or read-only)");
    }
    // An empty tenant would own every tenant's services (and names) at once.
    if (tenant.empty())
      return doc.error(r.pointer("tenant"), "empty tenant (expected the tenant's name)");
    e.who = Principal{tenant, *parsed_role};
    for (const Entry& other : t.entries_) {
      if (other.digest == e.digest) return doc.error(r.pointer("token"), "duplicate token");
    }
    t.entries_.push_back(std::move(e));
  }
  return t;
}

Result<Tokens> Tokens::load(const std::string& path, std::string* warning) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
      return Error::invalid("the tokens file may be written by group or others (mode " +
                            mode_text(st.st_mode) + "); chmod 600 " + path)
          .at(path);
    }
    if (warning && (st.st_mode & (S_IRGRP | S_IROTH))) {
      *warning = path + " is readable by group or others (mode " + mode_text(st.st_mode) +
                 "); chmod 600 " + path + " keeps the tokens to their owner";
    }
  }
  LM_ASSIGN_OR_RETURN(std::string text, io::read_text_file(path));
  return parse(text, path);
}

Tokens Tokens::single_admin(const std::string& token) {
  Tokens t;
  t.entries_.push_back(Entry{sha256(token), Principal{"admin", Role::kAdmin}});
  return t;
}

std::optional<Principal> Tokens::find(const std::string& token) const {
  const auto digest = sha256(token);
  const Entry* found = nullptr;
  for (const Entry& e : entries_) {
    // Every entry is compared, whole, whether or not one matched before.
    const bool same = CRYPTO_memcmp(e.digest.data(), digest.data(), digest.size()) == 0;
    if (same) found = &e;
  }
  if (!found) return std::nullopt;
  return found->who;
}

}  // namespace lightmesh::server
