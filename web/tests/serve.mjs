// Starts a real `lightmesh serve` for a browser test: a free loopback port, a temporary SQLite
// database and tokens file (an admin token, and a tenant token for tenant "bank"), the built console; stopped (and its files removed) by stop().
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function startServer({ binary, network, consoleDir }) {
  const dir = mkdtempSync(join(tmpdir(), "lightmesh-console-"));
  const admin = `admin-${randomBytes(16).toString("hex")}`;
  const tenant = `bank-${randomBytes(16).toString("hex")}`;
  const tokens = join(dir, "tokens.json");
  writeFileSync(tokens, JSON.stringify({ tokens: [{ token: admin, tenant: "ops", role: "admin" },
    { token: tenant, tenant: "bank", role: "tenant" }] }), { mode: 0o600 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child;
  let output = "";
  // Starts the process over the same database, port and tokens: a restart keeps the state.
  const launchProcess = async () => {
    child = spawn(binary, ["serve", network, "--db", join(dir, "state.db"), "--listen", `127.0.0.1:${port}`,
      "--tokens", tokens, "--console", consoleDir], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (d) => { output += d; });
    child.stderr.on("data", (d) => { output += d; });
    const deadline = Date.now() + 30000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`lightmesh serve exited (${child.exitCode}):\n${output}`);
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch { /* not listening yet */ }
      if (Date.now() > deadline) throw new Error(`lightmesh serve did not answer within 30 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const stopProcess = async () => {
    const running = child;
    running.kill("SIGTERM");
    await new Promise((r) => (running.exitCode !== null ? r() : running.on("exit", r)));
  };
  await launchProcess();
  const api = async (method, path, body, token = admin) => {
    const r = await fetch(url + path, {
      method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, headers: r.headers, body: r.status === 204 ? null : await r.json() };
  };
  const stop = async () => {
    await stopProcess();
    rmSync(dir, { recursive: true, force: true });
  };
  const restart = async () => {
    await stopProcess();
    await launchProcess();
  };
  return { url, admin, tenant, api, stop, restart, output: () => output };
}
