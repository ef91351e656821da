// Events: the audit log, live from the event stream, newest first (the last 500 kept on screen).
import type { AuditEvent } from "./api";
import { el } from "./dom";

export class EventsView {
  readonly root = el("section", { id: "view-events", "aria-labelledby": "h-events" });
  private rows = el("tbody", { id: "event-rows" });
  private state = el("p", { id: "stream-state", role: "status" }, "Connecting to the event stream…");

  constructor() {
    this.root.append(el("h2", { id: "h-events" }, "Events"), this.state,
      el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "#"), el("th", {}, "Time (UTC)"),
        el("th", {}, "Tenant"), el("th", {}, "Subject"), el("th", {}, "What"), el("th", {}, "Why"))), this.rows));
  }

  setState(text: string): void { this.state.textContent = text; }

  add(e: AuditEvent): void {
    const time = new Date(e.time_us / 1000).toISOString().replace("T", " ").slice(0, 19);
    this.rows.prepend(el("tr", { "data-sequence": String(e.sequence) }, el("td", {}, e.sequence), el("td", {}, time),
      el("td", {}, e.tenant), el("td", {}, e.service), el("td", {}, e.what), el("td", {}, e.why)));
    while (this.rows.children.length > 500) this.rows.lastElementChild!.remove();
  }
}
