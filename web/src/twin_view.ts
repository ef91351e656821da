// Twin: a small blocking-against-load sweep from the controller's current state
// (POST /api/v1/twin/simulate): the services' spectrum and the cut fibres are held, new requests
// arrive at random, and the figure is the share refused, with its 95 % confidence interval.
// Drawn on a log scale as `lightmesh simulate --plot` draws it; a blocking of 0 cannot sit on a
// log axis, so it is an open circle on the floor.
import { Api, explain } from "./api";
import { busy, el, setChildren } from "./dom";

interface Estimate { mean: number; ci95: number }
interface TwinPoint {
  load: number; requests: number; warmup: number; replications: number;
  service_blocking: Estimate; bandwidth_blocking: Estimate; utilisation: Estimate; fragmentation: Estimate;
}
interface TwinResult {
  config: { sites: number; links: number; slots: number; slot_ghz: number; policy: string; k: number;
    from_db: { services: number; cut_fibers: number; booked_link_slots: number } };
  points: TwinPoint[]; requests_per_second: number | null; elapsed_s: number;
}

const policies = ["ksp-ff", "ff-ksp", "ksp-bf", "ksp-lf", "ksp-rf", "ksp-fa"];
const svgNs = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>,
  text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function pct(x: number): string { return `${(100 * x).toPrecision(3)} %`; }

export class TwinView {
  readonly root = el("section", { id: "view-twin", "aria-labelledby": "h-twin" });
  private result = el("div", { id: "twin-result", "aria-live": "polite" });
  private status = el("p", { id: "twin-status", role: "status" });

  constructor(private api: Api) {
    const field = (label: string, input: HTMLElement) => el("label", {}, label, input);
    const form = el("form", { id: "twin-form", "aria-label": "Run a twin study" },
      field("Loads (Erlang, comma-separated) ", el("input", { id: "twin-loads", name: "loads", value: "400,800,1200,1600", required: true })),
      field("Requests per replication ", el("input", { id: "twin-requests", name: "requests", type: "number", min: "1", max: "1000000", value: "10000" })),
      field("Replications ", el("input", { id: "twin-replications", name: "replications", type: "number", min: "2", max: "100", value: "5" })),
      field("Bit rate (Gb/s) ", el("input", { id: "twin-bitrate", name: "bitrate", type: "number", min: "1", step: "any", value: "100" })),
      field("Policy ", el("select", { id: "twin-policy", name: "policy" }, ...policies.map((p) => el("option", { value: p }, p)))),
      field("Seed ", el("input", { id: "twin-seed", name: "seed", type: "number", min: "0", value: "1" })),
      el("button", { type: "submit", id: "twin-run" }, "Run the twin"));
    form.addEventListener("submit", (e) => { e.preventDefault(); void this.run(form); });
    this.root.append(el("h2", { id: "h-twin" }, "Twin"),
      el("p", { class: "hint" }, "What the network can still take: requests arrive at random (Poisson, " +
        "uniform over site pairs) on top of the spectrum the services hold now and the fibres cut now, " +
        "and the figure is the share refused. Same simulator as `lightmesh simulate --from-db`."),
      form, this.status, this.result);
  }

  private async run(form: HTMLFormElement): Promise<void> {
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const loads = v("loads").split(/[,\s]+/).filter((s) => s).map(Number);
    const bitrate = Number(v("bitrate"));
    const body = {
      loads, requests: Number(v("requests")), replications: Number(v("replications")),
      seed: Number(v("seed")), policy: v("policy"), bitrate_min_gbps: bitrate, bitrate_max_gbps: bitrate,
    };
    const run = form.querySelector<HTMLButtonElement>("#twin-run")!;
    run.disabled = true;
    this.status.className = "";
    setChildren(this.status, el("progress", { "aria-label": "Simulating" }), " Simulating…");
    try {
      const r = await busy(this.root, () => this.api.call<TwinResult>("POST", "/api/v1/twin/simulate", body));
      setChildren(this.status, `Done in ${r.elapsed_s} s` +
        (r.requests_per_second ? ` (${Math.round(r.requests_per_second).toLocaleString("en")} requests/s).` : "."));
      this.render(r);
    } catch (e) {
      this.status.className = "refused";
      setChildren(this.status, explain(e));
    } finally {
      run.disabled = false;
    }
  }

  private render(r: TwinResult): void {
    const held = r.config.from_db;
    setChildren(this.result,
      el("p", { id: "twin-basis" }, `From now: ${held.services} service(s) holding ${held.booked_link_slots} ` +
        `link-slots of ${r.config.slot_ghz} GHz, ${held.cut_fibers} fibre(s) cut; ${r.config.links} links × ` +
        `${r.config.slots} slots, ${r.config.policy} over k = ${r.config.k} paths.`),
      this.plot(r.points),
      el("p", { class: "hint" }, "Service blocking, log scale; bars are 95 % confidence intervals. An open " +
        "circle on the floor is a load at which no request was refused."),
      el("table", { id: "twin-table" },
        el("thead", {}, el("tr", {}, el("th", {}, "Load (E)"), el("th", {}, "Service blocking ± 95 % CI"),
          el("th", {}, "Bandwidth blocking ± 95 % CI"), el("th", {}, "Utilisation"))),
        el("tbody", {}, ...r.points.map((p) => el("tr", { "data-load": String(p.load) },
          el("td", {}, String(p.load)),
          el("td", { class: "twin-blocking", "data-mean": String(p.service_blocking.mean),
            "data-ci95": String(p.service_blocking.ci95) },
          `${pct(p.service_blocking.mean)} ± ${pct(p.service_blocking.ci95)}`),
          el("td", {}, `${pct(p.bandwidth_blocking.mean)} ± ${pct(p.bandwidth_blocking.ci95)}`),
          el("td", {}, pct(p.utilisation.mean)))))));
  }

  // Service blocking against load, log scale, with 95 % confidence bars.
  private plot(points: TwinPoint[]): SVGSVGElement {
    const w = 460, h = 260, left = 56, right = 28, top = 12, bottom = 40;
    const m = (p: TwinPoint) => p.service_blocking.mean, c = (p: TwinPoint) => p.service_blocking.ci95;
    const lows = points.flatMap((p) => [m(p), m(p) - c(p)]).filter((x) => x > 0);
    const highs = points.map((p) => m(p) + c(p)).filter((x) => x > 0);
    // The floor is a decade below the lowest bar, so a zero (drawn on the floor) stands apart.
    const lo = Math.pow(10, Math.floor(Math.log10(lows.length ? Math.min(...lows) : 1e-3)) -
      (points.some((p) => m(p) === 0) ? 1 : 0));
    const yTop = Math.max(Math.min(1, Math.pow(10, Math.ceil(Math.log10(highs.length ? Math.max(...highs) : lo * 10)))), lo * 10);
    const loads = points.map((p) => p.load);
    const x0 = Math.min(...loads), x1 = Math.max(...loads);
    const pad = 0.06 * (w - left - right);
    const x = (l: number) => left + pad + (x1 > x0 ? ((l - x0) / (x1 - x0)) * (w - left - right - 2 * pad) : (w - left - right) / 2 - pad);
    const y = (b: number) => top + ((Math.log10(yTop) - Math.log10(Math.max(b, lo))) /
      (Math.log10(yTop) - Math.log10(lo))) * (h - top - bottom);
    // Decades, and 2 and 5 between them when there are few decades to read.
    const ticks: number[] = [];
    const decades = Math.round(Math.log10(yTop / lo));
    for (let d = lo; d <= yTop * 1.0001; d *= 10) {
      ticks.push(d);
      if (decades <= 2) for (const f of [2, 5]) if (d * f < yTop) ticks.push(d * f);
    }
    const chart = svg("svg", { id: "twin-plot", viewBox: `0 0 ${w} ${h}`, role: "img",
      "aria-label": "Service blocking against offered load, log scale, with 95 % confidence bars" });
    chart.append(svg("line", { x1: left, y1: top, x2: left, y2: h - bottom, stroke: "#5b6475" }),
      svg("line", { x1: left, y1: h - bottom, x2: w - right, y2: h - bottom, stroke: "#5b6475" }));
    for (const d of ticks) {
      chart.append(svg("line", { x1: left, x2: w - right, y1: y(d), y2: y(d), stroke: "#d5dae3" }),
        svg("text", { x: left - 6, y: y(d) + 4, "text-anchor": "end", "font-size": 11 }, d >= 0.01 ? String(Number(d.toPrecision(1))) : d.toExponential(0)));
    }
    for (const l of loads)
      chart.append(svg("text", { x: x(l), y: h - bottom + 16, "text-anchor": "middle", "font-size": 11 }, String(l)));
    chart.append(svg("text", { x: (left + w - right) / 2, y: h - 6, "text-anchor": "middle", "font-size": 12 }, "offered load (Erlang)"),
      svg("text", { x: 12, y: (top + h - bottom) / 2, "text-anchor": "middle", "font-size": 12,
        transform: `rotate(-90 12 ${(top + h - bottom) / 2})` }, "service blocking"));
    const line = points.filter((p) => p.service_blocking.mean > 0).map((p) => `${x(p.load)},${y(p.service_blocking.mean)}`);
    if (line.length > 1) chart.append(svg("polyline", { points: line.join(" "), fill: "none", stroke: "#1f6feb", "stroke-width": 2 }));
    for (const p of points) {
      const mean = m(p), ci95 = c(p);
      const g = svg("g", { class: "twin-point", "data-load": p.load });
      if (mean > 0) {
        const a = y(mean + ci95), b = y(Math.max(mean - ci95, lo));
        g.append(svg("line", { class: "ci", x1: x(p.load), x2: x(p.load), y1: a, y2: b, stroke: "#1d2330" }),
          svg("line", { x1: x(p.load) - 4, x2: x(p.load) + 4, y1: a, y2: a, stroke: "#1d2330" }),
          svg("line", { x1: x(p.load) - 4, x2: x(p.load) + 4, y1: b, y2: b, stroke: "#1d2330" }),
          svg("circle", { cx: x(p.load), cy: y(mean), r: 4, fill: "#1f6feb" }));
      } else {
        g.append(svg("circle", { class: "zero", cx: x(p.load), cy: y(lo), r: 4, fill: "#fff", stroke: "#1f6feb", "stroke-width": 1.5 }));
      }
      g.append(svg("title", {}, `${p.load} E: ${pct(mean)} ± ${pct(ci95)}`));
      chart.append(g);
    }
    return chart;
  }
}
