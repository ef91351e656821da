// The console in headless Chromium against a real `lightmesh serve` on the London example, as a user
// would use it (issue 15): the map shows every site; a service created from the form is listed with
// the API's latency; its fibre shows its block; cutting that fibre shows the outcome live; the twin
// plots a sweep from the live state; a wrong token gets a clear message; a training job placed on
// Tokyo shows its sites and prediction. No request may go to another host. Screenshots land in $LIGHTMESH_SCREENSHOTS (docs/images when the
// docs' pictures are refreshed; docs/console.md).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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
const workloads = join(source, "examples", "workloads");
const timeout = { timeout: 15000 };

// Buttons, fields and menus with no name a screen reader could say, or that the keyboard cannot reach.
function unlabelledControls(page) {
  return page.evaluate(() => [...document.querySelectorAll("button, input, select, textarea, [role=button]")]
    .filter((e) => e.offsetParent !== null || e instanceof SVGElement)
    .filter((e) => {
      const name = e.getAttribute("aria-label") || (e.labels && [...e.labels].map((l) => l.textContent).join("")) ||
        (e.tagName === "BUTTON" ? e.textContent : "");
      return !name?.trim() || e.tabIndex < 0;
    })
    .map((e) => e.id || e.outerHTML.slice(0, 80)));
}

// The ids of the elements Tab visits, in order, from the top of the page.
async function tabThrough(page, presses) {
  await page.evaluate(() => document.activeElement?.blur());
  const seen = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    seen.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("data-fiber") || ""));
  }
  return seen;
}

function fitsWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

// `lightmesh place` on an example network (a dry run in its own process): what the console's
// placement is checked against.
function placeDry(network, workload) {
  const r = spawnSync(binary, ["place", network, "--workload", workload, "--format", "json"], { encoding: "utf8" });
  if (r.status !== 0 && r.status !== 4) throw new Error(`lightmesh place ${workload}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

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

  // 3. A fibre of its route, opened from the map with the keyboard: its length, spans and latency as
  // the API gives them, and the service's block in each direction at its N/M, in the right place on
  // the band, forward in the direction the route runs.
  const fiber = lp.fibers[0];
  await page.locator(`g.fiber[data-fiber="${fiber}"]`).focus();
  await page.keyboard.press("Enter");
  await page.locator(`.spectrum-booked .block[data-service="${id}"]`).first().waitFor(timeout);
  const fiberFacts = (await server.api("GET", "/api/v1/fibers")).body.items.find((f) => f.id === fiber);
  assert.equal(await page.textContent("#fiber-latency .fiber-latency-us"), `${fiberFacts.latency_us.toFixed(3)} µs one way`);
  assert.equal(await page.textContent("#fiber-length"), `${fiberFacts.length_km} km`);
  assert.equal(Number(await page.getAttribute("#fiber-spans", "data-count")), fiberFacts.spans.length);
  assert.equal(await page.textContent("#fiber-amplifiers"), String(fiberFacts.amplifiers));
  const spectrum = (await server.api("GET", `/api/v1/fibers/${fiber}/spectrum`)).body;
  // The route runs route[0] → route[1] over its first fibre.
  const along = { from: lp.route[0], to: lp.route[1] };
  for (const [from, to, heading] of [[along.from, along.to, "forward"], [along.to, along.from, "return"]]) {
    const dir = page.locator(`.direction[data-from="${from}"][data-to="${to}"]`);
    assert.equal(await dir.count(), 1, `direction ${from} → ${to}`);
    const booked = dir.locator(`.spectrum-booked .block[data-service="${id}"]`);
    assert.equal(await booked.getAttribute("data-nm"), `${lp.n}/${lp.m}`);
    assert.equal(await booked.locator(".nm").textContent(), `${lp.n}/${lp.m}`);
    assert.equal(await booked.getAttribute("data-heading"), heading);
    assert.match(await booked.getAttribute("title"), new RegExp(`${lp.center_thz} THz`));
    // Where the block sits on the whole band, measured in the bar's drawn width: its left edge at
    // first_slot of slots_total, as wide as its slots.
    const [startAt, widthIn] = await dir.evaluate((d, service) => {
      const bar = d.querySelector(".spectrum-band");
      const block = bar.querySelector(`.block[data-service="${service}"]`);
      const left = block.getBoundingClientRect().left - bar.getBoundingClientRect().left - bar.clientLeft;
      return [left / bar.clientWidth, block.getBoundingClientRect().width / bar.clientWidth];
    }, id);
    const slotAt = startAt * spectrum.slots_total;
    assert.ok(Math.abs(slotAt - lp.first_slot) < 0.5, `block at slot ${slotAt}, lightpath at ${lp.first_slot}`);
    const widthSlots = widthIn * spectrum.slots_total;
    assert.ok(Math.abs(widthSlots - lp.slot_count) < 1, `block ${widthSlots} slots wide, lightpath ${lp.slot_count}`);
  }
  assert.deepEqual(await unlabelledControls(page), [], "controls without a label");
  // Tall enough for both directions in one picture.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.locator("#view-fiber").screenshot({ path: join(shots, "console-fiber-spectrum.png") });
  await page.setViewportSize({ width: 1280, height: 800 });

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
  await page.locator("#view-failures").screenshot({ path: join(shots, "console-failures.png") });

  // The events view has the whole story, live.
  await page.click("#tab-events");
  await page.locator("#event-rows tr").first().waitFor(timeout);
  assert.ok(await page.locator("#event-rows tr").count() >= 3);
  await page.locator("#view-events").screenshot({ path: join(shots, "console-events.png") });

  // The twin's form is there (its run is the next test's).
  await page.click("#tab-twin");
  assert.ok(await page.locator("#twin-run").isVisible());

  // 1280 × 800: nothing wider than the window; every control labelled; Tab reaches the views' buttons.
  assert.ok(await fitsWidth(page), "the page is wider than 1280 px");
  assert.deepEqual(await unlabelledControls(page), [], "controls without a label");
  const reached = await tabThrough(page, 40);
  for (const want of ["tab-services", "tab-fiber", "tab-workloads", "tab-twin"]) {
    assert.ok(reached.includes(want), `Tab never reaches #${want}: ${reached.join(", ")}`);
  }

  // Phone width: the map and the views are still there, one above the other, nothing off the side.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await page.locator("#map svg").isVisible());
  assert.ok(await page.locator("#tab-services").isVisible());
  assert.ok(await fitsWidth(page), "the page is wider than the phone");
  await page.click("#tab-fiber");
  assert.ok(await page.locator(".direction").first().isVisible());
  assert.ok(await fitsWidth(page), "the fibre view is wider than the phone");
  await page.screenshot({ path: join(shots, "console-phone.png"), fullPage: true });

  assert.deepEqual(foreign, [], "requests to another host");
  assert.deepEqual(errors, [], "errors in the page");
});

test("the twin runs a sweep from the live state and plots blocking with its confidence bars, as the API answers", async () => {
  const { page, foreign, errors } = await openPage(browser, server.url);
  // Services held now: the sweep starts from them.
  for (const to of ["LD4", "THN", "MAN"]) {
    const r = await server.api("POST", "/api/v1/services", { from: "LSE", to, bandwidth_gbps: 400 });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
  await page.goto(`${server.url}/#token=${server.admin}`);
  await page.locator("[data-site]").first().waitFor(timeout);
  await page.click("#tab-twin");
  await page.fill("#twin-loads", "300, 1200, 2400");
  await page.fill("#twin-requests", "4000");
  await page.fill("#twin-replications", "4");
  await page.fill("#twin-seed", "7");
  await page.click("#twin-run");
  await page.locator("#twin-plot").waitFor({ timeout: 60000 });

  // The same study through the API (same seed, same state) gives the figures the page shows.
  const direct = await server.api("POST", "/api/v1/twin/simulate",
    { loads: [300, 1200, 2400], requests: 4000, replications: 4, seed: 7, policy: "ksp-ff",
      bitrate_min_gbps: 100, bitrate_max_gbps: 100 });
  assert.equal(direct.status, 200, JSON.stringify(direct.body));
  const services = (await server.api("GET", "/api/v1/services?limit=1000")).body.items.length;
  assert.match(await page.textContent("#twin-basis"), new RegExp(`^From now: ${services} service\\(s\\)`));
  const shown = await page.locator("#twin-table td.twin-blocking").evaluateAll((tds) =>
    tds.map((td) => ({ mean: Number(td.dataset.mean), ci95: Number(td.dataset.ci95) })));
  assert.deepEqual(shown, direct.body.points.map((p) => p.service_blocking));
  // One mark per load; a blocking point carries its confidence bar, a zero sits on the floor open.
  assert.equal(await page.locator("#twin-plot g.twin-point").count(), 3);
  const blocking = direct.body.points.filter((p) => p.service_blocking.mean > 0).length;
  assert.ok(blocking >= 2, "the loads were meant to block");
  assert.equal(await page.locator("#twin-plot g.twin-point line.ci").count(), blocking);
  assert.equal(await page.locator("#twin-plot g.twin-point circle.zero").count(), 3 - blocking);
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.locator("#view-twin").screenshot({ path: join(shots, "console-twin.png") });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A refusal is shown, not swallowed.
  await page.fill("#twin-loads", "0");
  await page.click("#twin-run");
  await page.locator("#twin-status.refused").waitFor(timeout);
  assert.match(await page.textContent("#twin-status"), /out of range/);
  assert.deepEqual(await unlabelledControls(page), [], "controls without a label");
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
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

test("workloads of every London kind: inference, a refusal, a cluster and a site search, as lightmesh place gives them", async () => {
  const { page, foreign, errors } = await openPage(browser, server.url);
  await page.goto(`${server.url}/#token=${server.admin}`);
  await page.locator("[data-site]").first().waitFor(timeout);
  await page.click("#tab-workloads");
  const place = async (example) => {
    await page.selectOption("#workload-kind", example);
    await page.click("#workload-load");
    await page.click("#workload-place");
    await page.locator("#workload-sites, #workload-refused").first().waitFor({ timeout: 60000 });
  };

  // Sovereign inference: the sites lightmesh place chooses, marked on the map, with the prediction
  // and the alternatives it turned down.
  const inference = placeDry(london, join(workloads, "inference.json"));
  const inferenceSites = [...new Set(inference.placement.sites.map((s) => s.site))];
  await place("inference");
  assert.equal(await page.getAttribute("#workload-sites", "data-sites"), inferenceSites.join(","));
  const chosen = await page.locator("g.site.chosen").evaluateAll((els) => els.map((e) => e.dataset.site));
  assert.deepEqual(chosen.sort(), [...inferenceSites].sort());
  assert.match(await page.textContent("#workload-headline"), new RegExp(`Processing at ${inference.prediction.gpu_site}`));
  assert.equal(await page.locator("#workload-alternatives li").count(), inference.alternatives.length);
  // Its lightpath's fibres are highlighted on the map.
  const placed = (await server.api("GET", "/api/v1/workloads")).body.items.at(-1);
  const route = new Set(placed.lightpaths.flatMap((l) => l.fibers));
  assert.equal(await page.locator("g.fiber.route").count(), route.size);
  assert.deepEqual(await unlabelledControls(page), [], "controls without a label");
  await page.screenshot({ path: join(shots, "console-workload-inference.png") });
  // Deleted from the console: gone from the API, its sites no longer marked.
  await page.click("#workload-delete");
  await page.locator("#workload-deleted", { hasText: "Deleted" }).waitFor(timeout);
  assert.equal((await server.api("GET", `/api/v1/workloads/${placed.id}`)).status, 404);
  assert.equal(await page.locator("g.site.chosen").count(), 0);

  // The same allowed only in DE: refused, and the rule named.
  const refused = placeDry(london, join(workloads, "inference-refused.json")).refused;
  await place("inference-refused");
  await page.locator("#workload-refused").waitFor(timeout);
  assert.equal(await page.getAttribute("#workload-refused", "data-rule"), refused.rule);
  assert.match(await page.textContent("#workload-refused"), new RegExp(`rule "${refused.rule}"`));
  assert.equal(await page.locator("g.site.chosen").count(), 0);
  await page.locator("#view-workloads").screenshot({ path: join(shots, "console-workload-refused.png") });

  // A cluster composed from three buildings (the YAML example, which the console carries as JSON).
  const cluster = placeDry(london, join(workloads, "cluster.yaml"));
  const clusterSites = [...new Set(cluster.placement.sites.map((s) => s.site))];
  await place("cluster");
  assert.equal(await page.getAttribute("#workload-sites", "data-sites"), clusterSites.join(","));
  for (const s of cluster.placement.sites) {
    assert.equal(await page.locator(`#workload-placement tr[data-site="${s.site}"]`, { hasText: s.role }).count(), 1);
  }
  assert.equal(await page.locator("#workload-alternatives li").count(), cluster.alternatives.length);

  // A site search around the exchange.
  const search = placeDry(london, join(workloads, "sites.json"));
  await place("sites");
  assert.equal(await page.getAttribute("#workload-sites", "data-sites"),
    [...new Set(search.placement.sites.map((s) => s.site))].join(","));
  assert.match(await page.textContent("#workload-headline"), new RegExp(`^${search.prediction.candidates.length} site`));
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
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
    assert.match(await page.textContent("#workload-headline"),
      new RegExp(`^Step time ${Number(placed.prediction.step_s.toPrecision(4))} s against ${Number(placed.prediction.single_site_step_s.toPrecision(4))} s in one site`));
    await page.screenshot({ path: join(shots, "console-workload.png") });

    // A live production from the venue to the gallery, as lightmesh place gives it.
    const production = placeDry(tokyo, join(workloads, "production.json"));
    await page.selectOption("#workload-kind", "production");
    await page.click("#workload-load");
    await page.click("#workload-place");
    await page.locator("#workload-sites", { hasText: "KAWASAKI" }).waitFor({ timeout: 60000 });
    assert.equal(await page.getAttribute("#workload-sites", "data-sites"),
      [...new Set(production.placement.sites.map((s) => s.site))].join(","));
    assert.equal(await page.locator('#workload-prediction tr[data-key="cameras"] td').textContent(), String(production.prediction.cameras));
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
  } finally {
    await tokyoServer.stop();
  }
});
