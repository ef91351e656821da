// / and /console/{file}: the web console's static files (server/console_files.h), public because
// the page itself holds no data; every API call it makes carries the user's token.
#include "server/call.h"
#include "server/console_files.h"
#include "server/rest_json.h"
#include "server/routes.h"

namespace lightmesh::server {

namespace {

// The page may load only what this server sends and talk only to it: no other host, no inline
// script, no framing by another site. Styles set from script (d3's .style()) are allowed by CSP;
// style attributes in markup are not, and the console writes none.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

HttpResponse file_response(const ConsoleFile& file) {
  HttpResponse r;
  r.body = file.body;
  r.content_type = file.content_type;
  r.headers = {{"Content-Security-Policy", kContentSecurityPolicy},
               {"X-Content-Type-Options", "nosniff"},
               // The token arrives in the URL's fragment, which browsers never send; no referrer
               // keeps even the page's address to itself.
               {"Referrer-Policy", "no-referrer"},
               // Built files change with each build and carry no version in their names.
               {"Cache-Control", "no-cache"}};
  return r;
}

HttpResponse index_page(Call& call) {
  const ConsoleFile* index = call.console().find("index.html");
  if (!index) {
    return error_response(404, "console_not_built",
                          "the web console is not built: `make build` builds it when node and "
                          "npm are installed (scripts/install-deps.sh installs them)");
  }
  return file_response(*index);
}

HttpResponse console_file(Call& call) {
  const ConsoleFile* file = call.console().find(call.param(0));
  if (!file) return error_response(404, "not_found", "no such console file", "file");
  return file_response(*file);
}

}  // namespace

std::vector<Route> console_routes() {
  return {
      {.method = "GET",
       .pattern = "/",
       .access = Access::kPublic,
       .unlocked = true,
       .handle = index_page},
      {.method = "GET",
       .pattern = "/console/{file}",
       .access = Access::kPublic,
       .unlocked = true,
       .handle = console_file},
  };
}

}  // namespace lightmesh::server
