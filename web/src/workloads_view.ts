// Workloads: place a workload document (the bundled training example is one click away), then show
// the chosen sites (also marked on the map), the prediction, the alternatives, or the refusal rule.
import training from "../../examples/workloads/training.json";
import { Api, ApiError, explain } from "./api";
import { busy, el, setChildren } from "./dom";

interface Placed {
  id: string; state: string; placement: { sites: { site: string; [k: string]: unknown }[] };
  prediction?: Record<string, unknown>; alternatives?: { sites: unknown[]; cost_usd_h: number }[];
  cost_usd_h?: number;
}

export class WorkloadsView {
  readonly root = el("section", { id: "view-workloads", "aria-labelledby": "h-workloads" });
  private doc = el("textarea", { id: "workload-doc", rows: "10", spellcheck: "false" });
  private result = el("div", { id: "workload-result", "aria-live": "polite" });

  constructor(private api: Api, private onSites: (sites: string[]) => void) {
    const example = el("button", { type: "button", id: "workload-example" }, "Load the training example");
    example.addEventListener("click", () => { this.doc.value = JSON.stringify(training, null, 2); });
    const place = el("button", { type: "button", id: "workload-place" }, "Place");
    place.addEventListener("click", () => void this.place());
    this.root.append(el("h2", { id: "h-workloads" }, "Workloads"),
      el("label", { for: "workload-doc" }, "Workload document (JSON: training, inference, cluster, sites or production)"),
      this.doc, el("div", { class: "actions" }, example, place), this.result);
  }

  private async place(): Promise<void> {
    let body: unknown;
    try { body = JSON.parse(this.doc.value); } catch (e) {
      setChildren(this.result, el("p", { class: "refused" }, `Not JSON: ${(e as Error).message}`));
      return;
    }
    setChildren(this.result, el("p", {}, "Placing…"));
    try {
      const w = await busy(this.root, () => this.api.call<Placed>("POST", "/api/v1/workloads", body));
      this.show(w);
    } catch (e) {
      const refused = e instanceof ApiError ? (e.body as { refused?: { reason: string; rule: string; detail: string } })?.refused : undefined;
      setChildren(this.result, el("p", { class: "refused", id: "workload-refused" },
        refused ? `Refused by rule ${refused.rule}: ${refused.reason} — ${refused.detail}` : explain(e)));
    }
  }

  private show(w: Placed): void {
    const sites = w.placement.sites.map((s) => s.site);
    this.onSites(sites);
    const prediction = Object.entries(w.prediction ?? {}).filter(([, v]) => typeof v !== "object");
    setChildren(this.result, 
      el("h3", {}, `${w.id}: ${w.state}`),
      el("p", { id: "workload-sites" }, `Sites: ${sites.join(", ")}`),
      el("table", { id: "workload-prediction", "aria-label": "Prediction" },
        ...prediction.map(([k, v]) => el("tr", { "data-key": k }, el("th", {}, k), el("td", {}, readable(v))))),
      w.cost_usd_h !== undefined ? el("p", {}, `Cost: ${w.cost_usd_h} USD/h`) : null,
      w.alternatives?.length ? el("div", {}, el("p", {}, `${w.alternatives.length} alternative(s) considered:`),
        el("ul", { id: "workload-alternatives" }, ...w.alternatives.map((a) =>
          el("li", {}, `${a.sites.map(siteShare).join(" + ")}: ${a.cost_usd_h} USD/h`)))) : null);
  }
}

// Numbers at four significant digits (a step time of 2.174 s, not 2.1743174924165825).
function readable(v: unknown): string {
  return typeof v === "number" && !Number.isInteger(v) ? String(Number(v.toPrecision(4))) : String(v);
}

function siteShare(s: unknown): string {
  const share = s as { site?: string; gpus?: number };
  return share.site ? `${share.site}${share.gpus ? ` × ${share.gpus} GPUs` : ""}` : JSON.stringify(s);
}
