// Debian's Chromium, driven by playwright-core (Playwright's own browser download does not work
// everywhere; the Debian package is what `make deps` installs). Every request the page makes to
// another host is recorded, so a test can fail on it.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

export const chromiumPath = process.env.LIGHTMESH_CHROMIUM ?? "/usr/bin/chromium";

export async function launch() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: run \`make deps\` (installs Debian's chromium) ` +
      "or set LIGHTMESH_CHROMIUM");
  }
  // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
}

export async function openPage(browser, origin, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const foreign = [];
  const errors = [];
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin + "/") && !u.startsWith("data:")) foreign.push(u);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return { page, context, foreign, errors };
}
