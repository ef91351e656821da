// Failures: the cut fibres and, live from the event stream, what each cut and repair did to the
// services (switched, restored, down, up). Cutting and repairing is done from the fibre view.
import type { AuditEvent } from "./api";
import { el } from "./dom";

const outcomes = new Set(["switched", "restored", "down", "up", "fiber-cut", "fiber-repaired"]);

export class FailuresView {
  readonly root = el("section", { id: "view-failures", "aria-labelledby": "h-failures" });
  private log = el("ol", { id: "failure-log", "aria-live": "polite", reversed: true });

  constructor() {
    this.root.append(el("h2", { id: "h-failures" }, "Failures"),
      el("p", { class: "hint" }, "Cut or repair a fibre from its view (click it on the map). " +
        "The services it affects and their outcomes appear here as they happen."),
      this.log);
  }

  add(e: AuditEvent): void {
    if (!outcomes.has(e.what)) return;
    const subject = e.service || "";
    this.log.prepend(el("li", { "data-service": subject, "data-what": e.what },
      el("span", { class: `outcome outcome-${e.what}` }, e.what), ` ${subject}`, e.why ? ` — ${e.why}` : ""));
  }
}
