// Bundles the console into one script and one style sheet beside index.html, in the directory
// given as the first argument (the Makefile passes build/console, next to the lightmesh binary).
// Everything the page needs, map data included, is inside: it fetches nothing from another host.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";

const out = resolve(process.argv[2] ?? "dist");
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { console: "src/main.ts" },
  bundle: true,
  minify: true,
  format: "esm",
  target: "es2022",
  outdir: out,
  loader: { ".json": "json" },
  legalComments: "eof",
  logLevel: "warning",
});
copyFileSync("src/index.html", resolve(out, "index.html"));
copyFileSync("src/console.css", resolve(out, "console.css"));
console.log(`console built into ${out}`);
