// Twin: the blocking-against-load sweep needs the simulator, which the controller does not serve yet.
import { el } from "./dom";

export function twinView(): HTMLElement {
  return el("section", { id: "view-twin", "aria-labelledby": "h-twin" },
    el("h2", { id: "h-twin" }, "Twin"),
    el("p", { id: "twin-unavailable" }, "Not available yet: the digital twin's simulator is not served by " +
      "this controller. When it is, this view will run a small blocking-against-load sweep from the " +
      "current state and plot it with confidence bars."));
}
