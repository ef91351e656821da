// One fibre: its length, state and use, its spectrum as a bar of slots with each lightpath a block
// (N/M, centre THz, service), and the failure controls: cut it, repair it (admin tokens only).
import { Api, explain, type FiberView, type SpectrumView } from "./api";
import { busy, el, setChildren } from "./dom";

const blockColours = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f"];

export class FiberPanel {
  readonly root = el("section", { id: "view-fiber", "aria-labelledby": "h-fiber" });
  private body = el("div", { id: "fiber-body", "aria-live": "polite" });

  constructor(private api: Api, private fibers: () => FiberView[], private onChanged: () => void) {
    this.body.append(el("p", {}, "Choose a fibre on the map (or Tab to it and press Enter)."));
    this.root.append(el("h2", { id: "h-fiber" }, "Fibre"), this.body);
  }

  async show(id: string): Promise<void> {
    const fiber = this.fibers().find((f) => f.id === id);
    try {
      const spec = await busy(this.root, () =>
        this.api.get<SpectrumView>(`/api/v1/fibers/${encodeURIComponent(id)}/spectrum`));
      this.render(fiber, spec);
    } catch (e) {
      setChildren(this.body, el("p", { class: "refused" }, explain(e)));
    }
  }

  private render(fiber: FiberView | undefined, spec: SpectrumView): void {
    // The whole band, then the booked part of it widened, where a 50 GHz block is wide enough to
    // carry its N/M.
    const bar = this.bar(spec, 0, spec.slots_total, "band");
    const first = Math.min(...spec.channels.map((c) => c.first_slot));
    const last = Math.max(...spec.channels.map((c) => c.first_slot + c.slot_count));
    const pad = 8;
    const zoomed = spec.channels.length
      ? this.bar(spec, Math.max(0, first - pad), Math.min(spec.slots_total, last + pad), "booked")
      : null;
    const cut = el("button", { type: "button", id: "fiber-cut" }, `Cut ${spec.fiber}`);
    const repair = el("button", { type: "button", id: "fiber-repair" }, `Repair ${spec.fiber}`);
    const outcome = el("p", { id: "fiber-outcome", role: "status" });
    cut.addEventListener("click", () => void this.failure("POST", "/api/v1/failures", { fiber: spec.fiber }, outcome));
    repair.addEventListener("click", () =>
      void this.failure("DELETE", `/api/v1/failures/${encodeURIComponent(spec.fiber)}`, undefined, outcome));
    setChildren(this.body, 
      el("h3", {}, fiber ? `${spec.fiber}: ${fiber.a} – ${fiber.b}` : spec.fiber),
      fiber ? el("p", { id: "fiber-summary" }, `${fiber.length_km} km, ${fiber.amplifiers} in-line amplifier(s), ` +
        `${fiber.latency_us.toFixed(3)} µs one way, ${fiber.state === "cut" ? "CUT" : "up"}, ` +
        `${spec.slots_used} of ${spec.slots_total} slots used`) : null,
      el("p", { class: "hint" }, "Booked slots, low frequency to high; each block is a lightpath (N/M on the 6.25 GHz grid)."),
      el("p", { class: "hint" }, `Whole band: slots 0–${spec.slots_total - 1}`), bar,
      zoomed ? el("p", { class: "hint" }, `Booked range: slots ${Math.max(0, first - pad)}–${Math.min(spec.slots_total, last + pad) - 1}`) : null,
      zoomed,
      el("ul", { class: "channels" }, ...spec.channels.map((c) =>
        el("li", { "data-service": c.service }, `${c.service}: N/M ${c.n}/${c.m}, ${c.center_thz} THz, ${c.width_ghz} GHz`))),
      el("div", { class: "actions" }, cut, repair), outcome);
  }

  private bar(spec: SpectrumView, from: number, to: number, kind: string): HTMLElement {
    const span = to - from;
    const bar = el("div", { class: `spectrum spectrum-${kind}`, role: "list",
      "aria-label": `Spectrum of ${spec.fiber}, slots ${from} to ${to - 1}: ${spec.slots_used} of ${spec.slots_total} used` });
    spec.channels.forEach((c, i) => {
      const block = el("div", { class: "block", role: "listitem", "data-service": c.service,
        "data-nm": `${c.n}/${c.m}`, title: `${c.service}: N/M ${c.n}/${c.m}, ${c.center_thz} THz, ${c.width_ghz} GHz` },
        el("span", {}, `${c.n}/${c.m}`));
      block.style.left = `${(100 * (c.first_slot - from)) / span}%`;
      block.style.width = `${(100 * c.slot_count) / span}%`;
      block.style.background = blockColours[i % blockColours.length];
      bar.append(block);
    });
    return bar;
  }

  private async failure(method: string, path: string, body: unknown, out: HTMLElement): Promise<void> {
    out.className = "";
    out.textContent = "Working…";
    try {
      const r = await busy(this.root, () => this.api.call<{ affected?: unknown[] }>(method, path, body));
      out.textContent = `${method === "POST" ? "Cut" : "Repaired"}: ${r?.affected?.length ?? 0} service(s) affected; ` +
        "their outcomes appear under Failures as they happen.";
      this.onChanged();
    } catch (e) {
      out.className = "refused";
      out.textContent = explain(e);
    }
  }
}
