// Workloads: place a workload document of any kind (training, sovereign inference, a composed
// cluster, a site search, a live production), each kind's example one choice away, then show the
// chosen sites (also marked on the map, with the workload's lightpaths), the prediction, the
// alternatives considered, or the rule that refused it.
import inferenceRefused from "../../examples/workloads/inference-refused.json";
import inference from "../../examples/workloads/inference.json";
import production from "../../examples/workloads/production.json";
import sites from "../../examples/workloads/sites.json";
import sovereign from "../../examples/workloads/sovereign.json";
import training from "../../examples/workloads/training.json";
import { Api, ApiError, explain } from "./api";
import { busy, el, setChildren } from "./dom";

// examples/workloads/cluster.yaml, as JSON (the API reads JSON documents, and the console bundles no
// YAML parser). The browser test checks that placing it gives the sites `lightmesh place` gives for
// the YAML file.
const cluster = {
  kind: "cluster",
  name: "composed-cluster",
  roles: { gpu: { gpus: 256, gpu_model: "H100" }, cpu: { cores: 8192 }, storage: { tb: 4500 } },
  edges: [
    { a: "gpu", b: "storage", max_rtt_us: 300, min_gbps: 400 },
    { a: "gpu", b: "cpu", max_rtt_us: 600, min_gbps: 200 },
  ],
  split_roles: false,
};

// Each kind's example, with the example network it was written for.
const examples: { id: string; label: string; doc: unknown }[] = [
  { id: "training", label: "Training: a 70B model on 3,072 H100s (Tokyo example)", doc: training },
  { id: "inference", label: "Sovereign inference: data at THN, GB only (London example)", doc: inference },
  { id: "inference-refused", label: "Sovereign inference refused: DE only (London example)", doc: inferenceRefused },
  { id: "sovereign", label: "Sovereign inference across a border: CH or DE (sovereign example)", doc: sovereign },
  { id: "cluster", label: "Cluster: GPUs, cores and storage composed from three sites (London example)", doc: cluster },
  { id: "sites", label: "Site search: every site within 1 ms RTT of LSE (London example)", doc: sites },
  { id: "production", label: "Production: 20 UHD cameras, KAWASAKI to OTEMACHI (Tokyo example)", doc: production },
];

interface SiteShare { site: string; role?: string; gpus?: number; gpu_model?: string; cpu_cores?: number;
  storage_tb?: number; rtt_us?: number; [k: string]: unknown }
interface Placed {
  id: string; kind: string; name: string; state: string; placement: { sites: SiteShare[] };
  prediction?: Record<string, unknown>; cost_usd_h?: number;
  alternatives?: { sites: SiteShare[]; cost_usd_h: number; rule?: string; why?: string }[];
  lightpaths?: { fibers: string[]; purpose?: string }[];
}
interface Refusal { reason: string; rule: string; detail: string }

export class WorkloadsView {
  readonly root = el("section", { id: "view-workloads", "aria-labelledby": "h-workloads" });
  private doc = el("textarea", { id: "workload-doc", rows: "7", spellcheck: "false" });
  private result = el("div", { id: "workload-result", "aria-live": "polite" });
  private choice = el("select", { id: "workload-kind" });

  constructor(private api: Api, private onPlaced: (sites: string[], fibers: string[]) => void) {
    for (const e of examples) this.choice.append(el("option", { value: e.id }, e.label));
    const load = el("button", { type: "button", id: "workload-load" }, "Load the example");
    load.addEventListener("click", () => this.load(this.choice.value));
    // Kept for the quickest path to the issue's own example.
    const example = el("button", { type: "button", id: "workload-example" }, "Load the training example");
    example.addEventListener("click", () => this.load("training"));
    const place = el("button", { type: "button", id: "workload-place" }, "Place");
    place.addEventListener("click", () => void this.place());
    this.root.append(el("h2", { id: "h-workloads" }, "Workloads"),
      el("label", { for: "workload-kind" }, "Example of each kind"),
      el("div", { class: "actions" }, this.choice, load, example),
      el("label", { for: "workload-doc" }, "Workload document (JSON: training, inference, cluster, sites or production)"),
      this.doc, el("div", { class: "actions" }, place), this.result);
  }

  private load(id: string): void {
    const e = examples.find((x) => x.id === id);
    if (!e) return;
    this.choice.value = id;
    this.doc.value = JSON.stringify(e.doc, null, 2);
  }

  private async place(): Promise<void> {
    let body: unknown;
    try { body = JSON.parse(this.doc.value); } catch (e) {
      setChildren(this.result, el("p", { class: "refused" }, `Not JSON: ${(e as Error).message}`));
      return;
    }
    setChildren(this.result, el("p", { role: "status" }, "Placing… (choosing sites and booking lightpaths)"));
    try {
      const w = await busy(this.root, () => this.api.call<Placed>("POST", "/api/v1/workloads", body));
      this.show(w);
    } catch (e) {
      const refused = e instanceof ApiError ? (e.body as { refused?: Refusal })?.refused : undefined;
      this.onPlaced([], []);
      setChildren(this.result, refused
        ? el("div", { id: "workload-refused", class: "refused", "data-rule": refused.rule },
          el("p", {}, `Refused by rule "${refused.rule}" (${refused.reason})`),
          el("p", { class: "refusal-detail" }, refused.detail))
        : el("p", { class: "refused", id: "workload-error" }, explain(e)));
    }
  }

  private show(w: Placed): void {
    const chosen = [...new Set(w.placement.sites.map((s) => s.site))];
    const fibers = [...new Set((w.lightpaths ?? []).flatMap((l) => l.fibers))];
    this.onPlaced(chosen, fibers);
    const prediction = w.prediction ?? {};
    const scalars = Object.entries(prediction).filter(([, v]) => typeof v !== "object" || v === null);
    const tables = Object.entries(prediction).filter(([, v]) => Array.isArray(v) && v.length && typeof v[0] === "object");
    setChildren(this.result,
      el("h3", {}, `${w.id}: ${w.kind} "${w.name}", ${w.state}`),
      el("p", { id: "workload-sites", "data-sites": chosen.join(",") }, `Sites: ${chosen.join(", ")}`),
      el("p", { id: "workload-headline" }, headline(w.kind, prediction)),
      el("table", { id: "workload-placement", "aria-label": "Placement" },
        el("thead", {}, el("tr", {}, el("th", {}, "Site"), el("th", {}, "Role"), el("th", {}, "Holds"))),
        el("tbody", {}, ...w.placement.sites.map((s) =>
          el("tr", { "data-site": s.site }, el("td", {}, s.site), el("td", {}, s.role ?? ""), el("td", {}, holds(s)))))),
      el("h4", {}, "Prediction"),
      el("table", { id: "workload-prediction", "aria-label": "Prediction" },
        ...scalars.map(([k, v]) => el("tr", { "data-key": k }, el("th", {}, k), el("td", {}, readable(v))))),
      ...tables.map(([k, v]) => listTable(k, v as Record<string, unknown>[])),
      w.cost_usd_h !== undefined ? el("p", {}, `Cost: ${readable(w.cost_usd_h)} USD/h`) : null,
      el("h4", {}, "Alternatives"),
      w.alternatives?.length
        ? el("ul", { id: "workload-alternatives" }, ...w.alternatives.map((a) =>
          el("li", {}, `${a.sites.map(siteShare).join(" + ")}: ${readable(a.cost_usd_h)} USD/h` +
            `${a.rule ? ` — rule ${a.rule}` : ""}${a.why ? ` — ${a.why}` : ""}`)))
        : el("p", { class: "hint" }, "None: no other placement met the document."),
      this.deleteButton(w.id));
  }

  // Deleting releases the workload's compute and its lightpaths.
  private deleteButton(id: string): HTMLElement {
    const button = el("button", { type: "button", id: "workload-delete" }, `Delete ${id}`);
    const out = el("p", { id: "workload-deleted", role: "status" });
    button.addEventListener("click", async () => {
      out.className = "";
      out.textContent = "Deleting…";
      try {
        await busy(this.root, () => this.api.call("DELETE", `/api/v1/workloads/${encodeURIComponent(id)}`));
        this.onPlaced([], []);
        out.textContent = `Deleted ${id}: its compute and lightpaths are released.`;
        button.disabled = true;
      } catch (e) {
        out.className = "refused";
        out.textContent = explain(e);
      }
    });
    return el("div", { class: "actions" }, button, out);
  }
}

// The one line that answers the kind's own question.
function headline(kind: string, p: Record<string, unknown>): string {
  const n = (k: string) => readable(p[k]);
  switch (kind) {
    case "training":
      return `Step time ${n("step_s")} s against ${n("single_site_step_s")} s in one site (slowdown × ${n("slowdown")})`;
    case "inference":
      return `Processing at ${String(p.gpu_site)}: ${n("rtt_us")} µs RTT from the data`;
    case "cluster": {
      const edges = (p.edges as { a: string; b: string; rtt_us: number; max_rtt_us: number }[] | undefined) ?? [];
      return edges.map((e) => `${e.a}–${e.b} ${readable(e.rtt_us)} µs RTT (bound ${e.max_rtt_us})`).join("; ");
    }
    case "sites":
      return `${((p.candidates as unknown[]) ?? []).length} site(s) within the bound`;
    case "production":
      return `${n("cameras")} cameras, ${n("total_gbps")} Gb/s, ${n("one_way_us")} µs one way`;
    default:
      return "";
  }
}

function listTable(name: string, rows: Record<string, unknown>[]): HTMLElement {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return el("table", { class: "prediction-list", "data-key": name, "aria-label": `Prediction: ${name}` },
    el("caption", {}, name),
    el("thead", {}, el("tr", {}, ...keys.map((k) => el("th", {}, k)))),
    el("tbody", {}, ...rows.map((r) => el("tr", {}, ...keys.map((k) => el("td", {}, r[k] === undefined ? "" : readable(r[k])))))));
}

function holds(s: SiteShare): string {
  const parts: string[] = [];
  if (s.gpus) parts.push(`${s.gpus} × ${s.gpu_model ?? "GPU"}`);
  if (s.cpu_cores) parts.push(`${s.cpu_cores} cores`);
  if (s.storage_tb) parts.push(`${s.storage_tb} TB`);
  if (s.rtt_us !== undefined) parts.push(`${readable(s.rtt_us)} µs RTT`);
  return parts.join(", ");
}

// Numbers at four significant digits (a step time of 2.174 s, not 2.1743174924165825).
function readable(v: unknown): string {
  if (typeof v === "number" && !Number.isInteger(v)) return String(Number(v.toPrecision(4)));
  if (typeof v === "object" && v !== null) return JSON.stringify(v);
  return String(v);
}

function siteShare(s: SiteShare): string {
  return `${s.site}${s.role ? ` (${s.role})` : ""}${s.gpus ? ` × ${s.gpus} GPUs` : ""}`;
}
