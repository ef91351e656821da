// Who an Authorization header names. Two schemes, one set of tokens (server/tokens.h):
//   Bearer TOKEN                  the REST API's and TAPI's clients
//   Basic base64(TENANT:TOKEN)    clients that speak only HTTP Basic authentication, such as
//                                 TransportPCE's GNPy consumer: the password is a token, and the
//                                 user name must be that token's tenant.
//
//   if (std::optional<Principal> who = principal_of(tokens, request.header("authorization"))) …
//
// Stateless functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>

#include "server/tokens.h"

namespace lightmesh::server {

// The principal of a valid header, nullopt for anything else: no header, another scheme, a token
// the file does not hold, malformed Basic credentials, or a user name that is not the token's
// tenant. Scheme names are case-insensitive (RFC 9110 §11.1).
std::optional<Principal> principal_of(const Tokens& tokens, std::string_view authorization);

// The challenges a 401 carries, most specific first: Basic first, since a client that speaks only
// Basic (Java's HttpClient with an Authenticator, as TransportPCE uses) answers the first Basic
// challenge it finds and older ones read only the first header.
inline constexpr const char* kBasicChallenge = "Basic realm=\"lightmesh\", charset=\"UTF-8\"";
inline constexpr const char* kBearerChallenge = "Bearer";

}  // namespace lightmesh::server
