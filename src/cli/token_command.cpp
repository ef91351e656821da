// `lightmesh token new --tenant T --role R`: a fresh bearer token and the line that lets it in, for
// `serve --tokens FILE`. The line holds only the token's SHA-256, so the tokens file need not hold
// the secret itself.
//
//   lightmesh token new --tenant bank --role tenant
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "server/tokens.h"

namespace lightmesh::cli {

namespace {

struct TokenArgs {
  std::string tenant;
  std::string role;
  bool plain = false;
};

int run_token_new(const TokenArgs& a, Context& ctx) {
  if (a.tenant.empty()) {
    report(Error::invalid("empty tenant (expected the tenant's name)").at_place("--tenant"),
           ctx.err);
    return kExitUsage;
  }
  const std::string token = server::generate_token();
  const nlohmann::ordered_json entry = {{"token", a.plain ? token : server::token_hash(token)},
                                        {"tenant", a.tenant},
                                        {"role", a.role}};
  ctx.out << "token: " << token << "\n"
          << "add this entry to the \"tokens\" list of the tokens file"
          << (a.plain ? "" : " (it holds the token's hash, not the token)") << ":\n"
          << "  " << entry.dump() << "\n";
  return kExitOk;
}

}  // namespace

void add_token_command(CLI::App& app, Context& ctx) {
  CLI::App* cmd = app.add_subcommand("token", "Make bearer tokens for a tokens file");
  cmd->require_subcommand(1);
  auto args = keep<TokenArgs>(ctx);
  CLI::App* make = cmd->add_subcommand(
      "new", "Print a fresh random token and the tokens-file entry that admits it");
  make->add_option("--tenant", args->tenant, "Tenant the token acts for")->required();
  make->add_option("--role", args->role, "admin, tenant or read-only")
      ->required()
      ->check(CLI::IsMember({"admin", "tenant", "read-only"}));
  make->add_flag("--plain", args->plain,
                 "Put the token itself in the entry rather than its sha256: hash");
  make->footer(
      "The token is 256 random bits from the operating system. Give it to its user and add the\n"
      "entry to the file 'lightmesh serve --tokens FILE' reads (restart serve to load it).\n\n"
      "Examples:\n"
      "  lightmesh token new --tenant bank --role tenant\n"
      "  lightmesh token new --tenant ops --role admin");
  make->callback([args, &ctx] { ctx.action = [args, &ctx] { return run_token_new(*args, ctx); }; });
}

}  // namespace lightmesh::cli
