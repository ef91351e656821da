// Measures how a large network draws and pans in the console (not part of `make test`; the figures
// depend on the machine). Prints the time from opening the page to every site drawn, and the
// animation frames during a 60-step pan.
//
//   lightmesh import --from topohub gabriel_500_0.json -o gabriel500.json
//   node web/tests/draw_large.mjs gabriel500.json
import { join } from "node:path";
import { launch, openPage } from "./browser.mjs";
import { startServer } from "./serve.mjs";

const source = join(import.meta.dirname, "..", "..");
const network = process.argv[2];
const sites = JSON.parse((await import("node:fs")).readFileSync(network, "utf8")).sites.length;
const s = await startServer({ binary: join(source, "build", "lightmesh"), network, consoleDir: join(source, "build", "console") });
const b = await launch();
const { page, errors } = await openPage(b, s.url);
const t0 = Date.now();
await page.goto(`${s.url}/#token=${s.admin}`);
await page.waitForFunction((n) => document.querySelectorAll("[data-site]").length === n, sites, { timeout: 60000 });
console.log("drawn in ms", Date.now() - t0, "fibres", await page.locator("g.fiber").count());
// Pan: 60 mouse moves while counting animation frames and the longest gap between them.
await page.evaluate(() => { window.__gaps = []; let last = performance.now(); const f = (t) => { window.__gaps.push(t - last); last = t; if (window.__gaps.length < 400) requestAnimationFrame(f); }; requestAnimationFrame(f); });
const box = await page.locator("#map").boundingBox();
await page.mouse.move(box.x + 200, box.y + 200); await page.mouse.down();
const p0 = Date.now();
for (let i = 0; i < 60; i++) await page.mouse.move(box.x + 200 + i * 4, box.y + 200 + i * 2);
await page.mouse.up();
const panMs = Date.now() - p0;
const gaps = await page.evaluate(() => window.__gaps.slice(1));
gaps.sort((a, b) => a - b);
console.log("pan: 60 moves in ms", panMs, "frames", gaps.length, "median frame ms", gaps[Math.floor(gaps.length / 2)].toFixed(1), "p95", gaps[Math.floor(gaps.length * 0.95)].toFixed(1), "max", gaps[gaps.length - 1].toFixed(1));
console.log("errors", errors);
await b.close(); await s.stop();
