// One fibre: its length, spans, latency, state and use, its spectrum as a bar of slots per direction
// with each lightpath a block (N/M, centre THz, service), and the failure controls: cut it, repair
// it (admin tokens only).
import { Api, explain, type Direction, type FiberView, type SpectrumView } from "./api";
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
    // Each service keeps one colour in both directions.
    const services = [...new Set(spec.channels.map((c) => c.service))];
    const colour = (service: string) => blockColours[services.indexOf(service) % blockColours.length];
    const cut = el("button", { type: "button", id: "fiber-cut" }, `Cut ${spec.fiber}`);
    const repair = el("button", { type: "button", id: "fiber-repair" }, `Repair ${spec.fiber}`);
    const outcome = el("p", { id: "fiber-outcome", role: "status" });
    cut.addEventListener("click", () => void this.failure("POST", "/api/v1/failures", { fiber: spec.fiber }, outcome));
    repair.addEventListener("click", () =>
      void this.failure("DELETE", `/api/v1/failures/${encodeURIComponent(spec.fiber)}`, undefined, outcome));
    setChildren(this.body,
      el("h3", {}, `${spec.fiber}: ${spec.a} – ${spec.b}`),
      fiber ? this.facts(fiber, spec) : null,
      el("p", { class: "hint" }, "Spectrum per direction, low frequency to high; each block is a lightpath " +
        "(N/M on the 6.25 GHz grid, its centre in THz and its service). Forward: the service's signal from its " +
        "first site towards its last; return: back."),
      ...spec.directions.map((d, i) => this.direction(spec, d, i === 0 ? "ab" : "ba", colour)),
      el("div", { class: "actions" }, cut, repair), outcome);
  }

  // Length, spans, amplifiers and latency, with what the latency is made of as the API gives it.
  private facts(fiber: FiberView, spec: SpectrumView): HTMLElement {
    const spans = fiber.spans ?? [];
    return el("dl", { id: "fiber-summary", class: "facts" },
      el("dt", {}, "Length"), el("dd", { id: "fiber-length" }, `${fiber.length_km} km`),
      el("dt", {}, "Spans"), el("dd", { id: "fiber-spans", "data-count": String(spans.length) },
        `${spans.length}: ${spans.map((s) => `${s.length_km} km (${s.loss_db} dB${s.loss_stated ? ", stated" : ""})`).join(", ")}`),
      el("dt", {}, "In-line amplifiers"), el("dd", { id: "fiber-amplifiers" }, String(fiber.amplifiers)),
      el("dt", {}, "Latency one way"), el("dd", { id: "fiber-latency" },
        el("span", { class: "fiber-latency-us" }, `${fiber.latency_us.toFixed(3)} µs one way`),
        `: ${fiber.length_km} km of glass at ${fiber.us_per_km} µs/km and ${fiber.amplifiers} ` +
        `amplifier(s) at ${fiber.amplifier_us} µs each`),
      el("dt", {}, "State"), el("dd", {}, fiber.state === "cut" ? "CUT" : "up"),
      el("dt", {}, "Slots used"), el("dd", {}, `${spec.slots_used} of ${spec.slots_total}`));
  }

  // One direction: the whole band, then the booked part of it widened so each block can carry its
  // N/M, centre and service; then the same channels as a list.
  private direction(spec: SpectrumView, d: Direction, key: string, colour: (s: string) => string): HTMLElement {
    const title = `${d.from} → ${d.to}`;
    const section = el("section", { class: "direction", "data-direction": key, "data-from": d.from, "data-to": d.to,
      "aria-label": `Direction ${title}` });
    section.append(el("h4", {}, `${title}: ${d.slots_used} of ${spec.slots_total} slots used`),
      el("p", { class: "hint" }, `Whole band: slots 0–${spec.slots_total - 1}`),
      this.bar(spec, d, 0, spec.slots_total, "band", colour));
    if (d.channels.length) {
      const pad = 8;
      const from = Math.max(0, Math.min(...d.channels.map((c) => c.first_slot)) - pad);
      const to = Math.min(spec.slots_total, Math.max(...d.channels.map((c) => c.first_slot + c.slot_count)) + pad);
      section.append(el("p", { class: "hint" }, `Booked range: slots ${from}–${to - 1}`),
        this.bar(spec, d, from, to, "booked", colour),
        el("ul", { class: "channels" }, ...d.channels.map((c) =>
          el("li", { "data-service": c.service }, `${c.service} (${c.heading}): N/M ${c.n}/${c.m}, ` +
            `${c.center_thz} THz, ${c.width_ghz} GHz, slots ${c.first_slot}–${c.first_slot + c.slot_count - 1}`))));
    } else {
      section.append(el("p", { class: "hint" }, "No lightpath in this direction."));
    }
    return section;
  }

  private bar(spec: SpectrumView, d: Direction, from: number, to: number, kind: string,
              colour: (s: string) => string): HTMLElement {
    const span = to - from;
    const bar = el("div", { class: `spectrum spectrum-${kind}`, role: "list",
      "aria-label": `Spectrum of ${spec.fiber}, ${d.from} to ${d.to}, slots ${from} to ${to - 1}: ` +
        `${d.slots_used} of ${spec.slots_total} used` });
    for (const c of d.channels) {
      const label = `${c.service} (${c.heading}): N/M ${c.n}/${c.m}, ${c.center_thz} THz, ${c.width_ghz} GHz`;
      const block = el("div", { class: "block", role: "listitem", "data-service": c.service,
        "data-nm": `${c.n}/${c.m}`, "data-first-slot": String(c.first_slot), "data-heading": c.heading,
        title: label, "aria-label": label },
        // On the whole band a block is a few pixels wide: its words are in its label and tooltip.
        kind === "booked" ? el("span", { class: "nm" }, `${c.n}/${c.m}`) : null,
        kind === "booked" ? el("span", { class: "thz" }, `${c.center_thz} THz`) : null,
        kind === "booked" ? el("span", { class: "svc" }, c.service) : null);
      block.style.left = `${(100 * (c.first_slot - from)) / span}%`;
      block.style.width = `${(100 * c.slot_count) / span}%`;
      block.style.background = colour(c.service);
      bar.append(block);
    }
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
