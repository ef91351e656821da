#include "server/authorization.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cctype>
#include <string>

namespace lightmesh::server {

namespace {

// `value` begins with `scheme` and a space, the scheme in any case; the rest, else nullopt.
std::optional<std::string_view> credentials_of(std::string_view value, std::string_view scheme) {
  if (value.size() <= scheme.size() || value[scheme.size()] != ' ') return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) !=
        std::tolower(static_cast<unsigned char>(scheme[i])))
      return std::nullopt;
  }
  std::string_view rest = value.substr(scheme.size() + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest;
}

// RFC 4648 base64 (padded, as RFC 7617 sends it) → bytes; nullopt for anything else.
std::optional<std::string> base64_decode(std::string_view text) {
  // A token is at most a few hundred bytes; a longer header is no credential.
  if (text.empty() || text.size() % 4 != 0 || text.size() > 4096) return std::nullopt;
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '='))
      return std::nullopt;
  }
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding's zero bytes too.
  std::size_t size = static_cast<std::size_t>(n);
  for (std::size_t i = text.size(); i > 0 && text[i - 1] == '=' && size > 0; --i) --size;
  out.resize(size);
  return out;
}

}  // namespace

std::optional<Principal> principal_of(const Tokens& tokens, std::string_view authorization) {
  if (auto token = credentials_of(authorization, "Bearer")) return tokens.find(std::string(*token));
  auto basic = credentials_of(authorization, "Basic");
  if (!basic) return std::nullopt;
  const std::optional<std::string> pair = base64_decode(*basic);
  if (!pair) return std::nullopt;
  // RFC 7617: the user name ends at the first colon; the password may hold more.
  const std::size_t colon = pair->find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::string user = pair->substr(0, colon);
  std::optional<Principal> who = tokens.find(pair->substr(colon + 1));
  // The token alone decides who calls; the name must agree with it, so that a token given under
  // another tenant's name is refused rather than acting for its own tenant unnoticed.
  if (!who || user.size() != who->tenant.size() ||
      CRYPTO_memcmp(user.data(), who->tenant.data(), user.size()) != 0)
    return std::nullopt;
  return who;
}

}  // namespace lightmesh::server
