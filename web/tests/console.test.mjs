// The console in headless Chromium against a real `lightmesh serve` on the London example, as a user
// would use it (issue 15): the map shows every site; a service created from the form is listed with
// the API's latency; its fibre shows its block; cutting that fibre shows the outcome live; a wrong
// token gets a clear message; a training job placed on Tokyo shows its sites and prediction. No
// request may go to another host. Screenshots land in $LIGHTMESH_SCREENSHOTS (docs/images when the
// docs' pictures are refreshed; docs/console.md).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const source = process.env.LIGHTMESH_SOURCE ?? join(import.meta.dirname, "..", "..");
const binary = process.env.LIGHTMESH_BINARY ?? join(source, "build", "lightmesh");
const consoleDir = process.env.LIGHTMESH_CONSOLE ?? join(source, "build", "console");
const shots = process.env.LIGHTMESH_SCREENSHOTS ?? join(source, "build", "console-screenshots");
const london = join(source, "examples", "london", "network.json");
const tokyo = join(source, "examples", "tokyo", "network.json");
const timeout = { timeout: 15000 };

let browser;
let server;
before(async () => {
  // Whatever is missing is named, so the test never fails (or passes) for an unclear reason.
  if (!existsSync(binary)) throw new Error(`no lightmesh binary at ${binary}: run make build`);
  if (!existsSync(join(consoleDir, "index.html"))) {
    throw new Error(`no built console in ${consoleDir}: run make build (it needs node and npm; make deps installs them)`);
  }
  mkdirSync(shots, { recursive: true });
  browser = await launch();
  server = await startServer({ binary, network: london, consoleDir });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the console is served with headers that keep it to its own origin", async () => {
  const r = await fetch(server.url + "/");
  assert.equal(r.status, 200);
  assert.match(r.headers.get("content-type"), /text\/html/);
  assert.match(r.headers.get("content-security-policy"), /default-src 'self'/);
  assert.equal(r.headers.get("x-content-type-options"), "nosniff");
  assert.equal(r.headers.get("access-control-allow-origin"), null);
});

test("a user maps London, creates a service, opens its fibre, cuts and repairs it", async () => {
  const { page, foreign, errors } = await openPage(browser, server.url);
  await page.goto(`${server.url}/#token=${server.admin}`);

  // 1. Every site of the network is on the map, and the token has left the address bar.
  const sites = JSON.parse(readFileSync(london, "utf8")).sites.map((s) => s.id);
  await page.locator("[data-site]").first().waitFor(timeout);
  assert.deepEqual((await page.locator("[data-site]").evaluateAll((els) => els.map((e) => e.dataset.site))).sort(),
    [...sites].sort());
  assert.ok(!page.url().includes("token"), page.url());

  // 2. A service from the form: listed, its route highlighted, its latency the API's one_way_us.
  await page.selectOption("#svc-from", "LSE");
  await page.selectOption("#svc-to", "LD4");
  await page.fill("#svc-bw", "100");
  await page.getByRole("button", { name: "Create service" }).click();
  await page.locator("#service-message", { hasText: "Created" }).waitFor(timeout);
  const id = (await page.textContent("#service-message")).match(/svc-\d+/)[0];
  await page.locator(`#services-table tr[data-service="${id}"]`).waitFor(timeout);
  const svc = (await server.api("GET", `/api/v1/services/${id}`)).body;
  const lp = svc.lightpaths.find((l) => l.active) ?? svc.lightpaths[0];
  await page.locator(".one-way-us").first().waitFor(timeout);
  assert.equal(await page.locator(".one-way-us").first().textContent(), `${lp.one_way_us.toFixed(3)} µs`);
  assert.equal(await page.locator("g.fiber.route").count(), new Set(svc.lightpaths.flatMap((l) => l.fibers)).size);
  await page.screenshot({ path: join(shots, "console-map.png") });
  await page.locator("#service-detail").screenshot({ path: join(shots, "console-service-latency.png") });

  // 3. A fibre of its route, opened from the map with the keyboard: the service's block at its N/M.
  const fiber = lp.fibers[0];
  await page.locator(`g.fiber[data-fiber="${fiber}"]`).focus();
  await page.keyboard.press("Enter");
  const block = page.locator(`.spectrum-booked .block[data-service="${id}"]`);
  await block.waitFor(timeout);
  assert.equal(await block.getAttribute("data-nm"), `${lp.n}/${lp.m}`);
  const fiberFacts = (await server.api("GET", "/api/v1/fibers")).body.items.find((f) => f.id === fiber);
  assert.match(await page.textContent("#fiber-summary"), new RegExp(`${fiberFacts.latency_us.toFixed(3)} µs one way`));
  await page.locator("#view-fiber").screenshot({ path: join(shots, "console-fiber-spectrum.png") });

  // 4. Cut it: the service's outcome arrives over the event stream, without a reload; then repair.
  await page.click("#fiber-cut");
  await page.locator("#fiber-outcome", { hasText: "Cut:" }).waitFor(timeout);
  await page.click("#tab-failures");
  await page.locator(`#failure-log li[data-service="${id}"]`).first().waitFor(timeout);
  await page.locator(`g.fiber.cut[data-fiber="${fiber}"]`).waitFor(timeout);
  const outcome = await page.locator(`#failure-log li[data-service="${id}"] .outcome`).first().textContent();
  assert.ok(["switched", "restored", "down"].includes(outcome), outcome);
  await page.click("#tab-fiber");
  await page.click("#fiber-repair");
  await page.click("#tab-failures");
  await page.locator(`#failure-log li[data-what="fiber-repaired"]`).waitFor(timeout);
  await page.locator(`g.fiber.cut[data-fiber="${fiber}"]`).waitFor({ state: "detached", ...timeout });

  // The events view has the whole story, live.
  await page.click("#tab-events");
  await page.locator("#event-rows tr").first().waitFor(timeout);
  assert.ok(await page.locator("#event-rows tr").count() >= 3);

  // Phone width: the map and the views are still there, one above the other.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.locator("#map svg").isVisible());
  assert.ok(await page.locator("#tab-services").isVisible());

  assert.deepEqual(foreign, [], "requests to another host");
  assert.deepEqual(errors, [], "errors in the page");
});

test("a wrong token gets a clear message, not a blank page", async () => {
  const { page, foreign } = await openPage(browser, server.url);
  await page.goto(`${server.url}/#token=not-a-valid-token`);
  const message = page.locator("#sign-in-error");
  await message.waitFor(timeout);
  assert.match(await message.textContent(), /refused this token/);
  assert.ok(await page.locator("#token-input").isVisible());
  assert.deepEqual(foreign, []);
});

test("a tenant's console shows only its own services and events", async () => {
  const own = (await server.api("POST", "/api/v1/services", { from: "THN", to: "LD8", bandwidth_gbps: 100 }, server.tenant)).body;
  const { page, foreign } = await openPage(browser, server.url);
  await page.goto(`${server.url}/#token=${server.tenant}`);
  await page.locator(`#services-table tr[data-service="${own.id}"]`).waitFor(timeout);
  // The admin's services from the test above exist, but this tenant is not shown them.
  assert.equal(await page.locator("#services-table tbody tr").count(), 1);
  await page.click("#tab-events");
  await page.locator("#event-rows tr").first().waitFor(timeout);
  const tenants = await page.locator("#event-rows tr td:nth-child(3)").allTextContents();
  assert.ok(tenants.length > 0 && tenants.every((t) => t === "bank"), tenants.join(","));
  assert.deepEqual(foreign, []);
});

test("after the server restarts, the event stream resumes where it was without a reload", async () => {
  const { page, foreign } = await openPage(browser, server.url);
  await page.goto(`${server.url}/#token=${server.admin}`);
  await page.click("#tab-events");
  await page.locator("#stream-badge", { hasText: "live" }).waitFor(timeout);
  const before = await page.locator("#event-rows tr").count();
  assert.ok(before > 0);
  // The connection drops when the server stops; the page retries until it is back.
  await server.restart();
  const created = (await server.api("POST", "/api/v1/services", { from: "LD8", to: "THN", bandwidth_gbps: 100 })).body;
  await page.locator(`#event-rows tr[data-sequence]`, { hasText: created.id }).waitFor({ timeout: 30000 });
  // Resumed from the last event it had (Last-Event-ID): nothing shown twice, nothing missed.
  const sequences = await page.locator("#event-rows tr").evaluateAll((rows) => rows.map((r) => Number(r.dataset.sequence)));
  assert.equal(new Set(sequences).size, sequences.length, "an event shown twice");
  const last = (await server.api("GET", "/api/v1/events?limit=1000")).body.items.map((e) => e.sequence);
  assert.deepEqual([...sequences].sort((a, b) => a - b), last);
  assert.deepEqual(foreign, []);
});

test("the training example placed on Tokyo shows its sites and predicted step time", async () => {
  const tokyoServer = await startServer({ binary, network: tokyo, consoleDir });
  try {
    const { page, foreign, errors } = await openPage(browser, tokyoServer.url);
    await page.goto(`${tokyoServer.url}/#token=${tokyoServer.admin}`);
    await page.locator("[data-site]").first().waitFor(timeout);
    await page.click("#tab-workloads");
    await page.click("#workload-example");
    await page.click("#workload-place");
    await page.locator("#workload-sites").waitFor({ timeout: 60000 });
    const placed = (await tokyoServer.api("GET", "/api/v1/workloads")).body.items[0];
    const sites = placed.placement.sites.map((s) => s.site);
    assert.equal(await page.textContent("#workload-sites"), `Sites: ${sites.join(", ")}`);
    assert.equal(await page.locator("g.site.chosen").count(), sites.length);
    assert.ok(await page.locator("#workload-prediction tr").count() > 0);
    await page.screenshot({ path: join(shots, "console-workload.png") });
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await tokyoServer.stop();
  }
});
