// Services: a paged, filterable list, a create form that shows the refusal reason, and the selected
// service's route (highlighted on the map), latency breakdown, GSNR and margin, with delete.
import { Api, ApiError, explain, type NetworkView, type Page, type ServiceView } from "./api";
import { busy, el, fmtUs, setChildren } from "./dom";

export class ServicesView {
  readonly root = el("section", { id: "view-services", "aria-labelledby": "h-services" });
  private list = el("tbody");
  private detail = el("div", { id: "service-detail", "aria-live": "polite" });
  private message = el("p", { id: "service-message", role: "status" });
  private filter = el("input", { id: "service-filter", type: "search", placeholder: "site, id or state" });
  private more = el("button", { type: "button", id: "services-more", hidden: true }, "More");
  private services: ServiceView[] = [];
  private next: string | null = null;

  constructor(private api: Api, net: NetworkView, private onRoute: (fibers: string[]) => void,
              private onChanged: () => void) {
    const siteOptions = () => net.sites.map((s) => el("option", { value: s.id }, `${s.id} — ${s.name}`));
    const form = el("form", { id: "service-form", "aria-label": "Create a service" },
      el("label", {}, "From ", el("select", { name: "from", id: "svc-from", required: true }, ...siteOptions())),
      el("label", {}, "To ", el("select", { name: "to", id: "svc-to", required: true }, ...siteOptions())),
      el("label", {}, "Bandwidth (Gb/s) ", el("input", { name: "bandwidth_gbps", id: "svc-bw", type: "number", min: "0.001", step: "any", value: "100", required: true })),
      el("label", {}, "Bound ", el("select", { name: "bound_kind", id: "svc-bound-kind" },
        el("option", { value: "" }, "none"), el("option", { value: "max_rtt_us" }, "RTT ≤"),
        el("option", { value: "max_one_way_us" }, "one-way ≤"))),
      el("label", {}, "Bound (µs) ", el("input", { name: "bound", id: "svc-bound", type: "number", min: "0", step: "any" })),
      el("label", {}, "Protection ", el("select", { name: "protection", id: "svc-protection" },
        el("option", { value: "none" }, "none"), el("option", { value: "1+1" }, "1+1"),
        el("option", { value: "restore" }, "restore"))),
      el("label", {}, "Latency group ", el("input", { name: "latency_group", id: "svc-group" })),
      el("label", {}, "Name ", el("input", { name: "name", id: "svc-name" })),
      el("button", { type: "submit" }, "Create service"));
    const to = form.querySelector<HTMLSelectElement>("#svc-to")!;
    if (net.sites.length > 1) to.value = net.sites[1].id;
    form.addEventListener("submit", (e) => { e.preventDefault(); void this.create(form); });
    this.filter.addEventListener("input", () => this.render());
    this.more.addEventListener("click", () => void this.load(false));
    this.root.append(
      el("h2", { id: "h-services" }, "Services"), form, this.message,
      el("label", {}, "Filter ", this.filter),
      el("table", { id: "services-table" },
        el("thead", {}, el("tr", {}, el("th", {}, "Service"), el("th", {}, "From → to"),
          el("th", {}, "Gb/s"), el("th", {}, "State"), el("th", {}, "One-way"))), this.list),
      this.more, this.detail);
  }

  async load(fresh = true): Promise<void> {
    const cursor = fresh || !this.next ? "" : `&cursor=${encodeURIComponent(this.next)}`;
    const page = await busy(this.root, () => this.api.get<Page<ServiceView>>(`/api/v1/services?limit=100${cursor}`));
    this.services = fresh ? page.items : [...this.services, ...page.items];
    this.next = page.next;
    this.more.hidden = !this.next;
    this.render();
  }

  private render(): void {
    const q = this.filter.value.trim().toLowerCase();
    const shown = this.services.filter((s) => !q ||
      [s.id, s.from, s.to, s.state, s.name].some((v) => v.toLowerCase().includes(q)));
    this.list.replaceChildren(...shown.map((s) => {
      const active = s.lightpaths.find((lp) => lp.active) ?? s.lightpaths[0];
      const open = el("button", { type: "button", class: "link", "data-service": s.id }, s.id);
      open.addEventListener("click", () => this.select(s.id));
      return el("tr", { "data-service": s.id }, el("td", {}, open), el("td", {}, `${s.from} → ${s.to}`),
        el("td", {}, s.bandwidth_gbps), el("td", { class: `state-${s.state}` }, s.state),
        el("td", {}, active ? fmtUs(active.one_way_us) : "—"));
    }));
  }

  private async create(form: HTMLFormElement): Promise<void> {
    const f = new FormData(form);
    const body: Record<string, unknown> = {
      from: f.get("from"), to: f.get("to"), bandwidth_gbps: Number(f.get("bandwidth_gbps")),
      protection: f.get("protection"),
    };
    const boundKind = String(f.get("bound_kind") ?? "");
    if (boundKind && f.get("bound")) body[boundKind] = Number(f.get("bound"));
    for (const k of ["latency_group", "name"]) if (f.get(k)) body[k] = f.get(k);
    this.message.className = "";
    this.message.textContent = "Creating…";
    try {
      const s = await busy(this.root, () => this.api.call<ServiceView>("POST", "/api/v1/services", body));
      this.message.textContent = `Created ${s.id} (${s.state}).`;
      await this.load();
      this.select(s.id);
      this.onChanged();
    } catch (e) {
      this.message.className = "refused";
      this.message.textContent = e instanceof ApiError && e.status === 409
        ? `Refused: ${e.code} — ${e.detail}` : explain(e);
    }
  }

  async select(id: string): Promise<void> {
    try {
      const s = await this.api.get<ServiceView>(`/api/v1/services/${encodeURIComponent(id)}`);
      this.showDetail(s);
    } catch (e) {
      setChildren(this.detail, el("p", { class: "refused" }, explain(e)));
    }
  }

  private showDetail(s: ServiceView): void {
    this.onRoute(s.lightpaths.flatMap((lp) => lp.fibers));
    const del = el("button", { type: "button", id: "service-delete" }, `Delete ${s.id}`);
    del.addEventListener("click", async () => {
      try {
        await this.api.call("DELETE", `/api/v1/services/${encodeURIComponent(s.id)}`);
        setChildren(this.detail, el("p", {}, `Deleted ${s.id}.`));
        this.onRoute([]);
        await this.load();
        this.onChanged();
      } catch (e) { this.detail.append(el("p", { class: "refused" }, explain(e))); }
    });
    setChildren(this.detail, 
      el("h3", {}, `${s.id}: ${s.from} → ${s.to}, ${s.bandwidth_gbps} Gb/s, ${s.protection}, ${s.state}`),
      ...s.lightpaths.map((lp) => this.lightpathDetail(lp)),
      s.lightpaths.length ? null : el("p", {}, "No lightpath carries it now."),
      del);
  }

  private lightpathDetail(lp: ServiceView["lightpaths"][number]): HTMLElement {
    const parts = lp.latency_us;
    const rows: [string, number][] = parts ? [["Fibre", parts.fiber], ["Amplifiers", parts.amplifiers],
      ["Nodes", parts.nodes], ["Transceivers", parts.transceivers], ["Added delay", parts.added_delay]] : [];
    const total = lp.one_way_us || 1;
    return el("div", { class: "lightpath" },
      el("p", {}, `${lp.role}${lp.active ? " (carrying traffic)" : ""}: ${lp.route.join(" → ")}`),
      el("p", {}, `${lp.mode}, N/M ${lp.n}/${lp.m}, ${lp.center_thz} THz, ${lp.length_km} km`),
      el("p", { class: "one-way" }, "One-way latency ", el("strong", { class: "one-way-us" }, fmtUs(lp.one_way_us)),
        ` (RTT ${fmtUs(lp.rtt_us)})`),
      el("table", { class: "latency-breakdown", "aria-label": "Latency breakdown" },
        ...rows.map(([name, us]) => {
          const bar = el("span", { class: "bar" });
          bar.style.width = `${Math.max(0.5, (100 * us) / total)}%`;
          return el("tr", {}, el("th", {}, name), el("td", {}, fmtUs(us)), el("td", { class: "bar-cell" }, bar));
        })),
      lp.gsnr_db !== undefined
        ? el("p", { class: "gsnr" }, `GSNR ${lp.gsnr_db} dB, required ${lp.required_osnr_db} dB, margin ${lp.margin_db} dB`)
        : el("p", { class: "gsnr" }, "GSNR: this mode is judged by reach, not GSNR"));
  }
}
