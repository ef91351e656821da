// The console's entry: take the token, check it against the API, draw the map and the views, and
// follow the event stream so every view updates without reloading.
import { Api, explain, type FiberView, type NetworkView, type Page } from "./api";
import { el } from "./dom";
import { followEvents } from "./event_stream";
import { EventsView } from "./events_view";
import { FailuresView } from "./failures_view";
import { FiberPanel } from "./fiber_view";
import { MapView } from "./map_view";
import { ServicesView } from "./services_view";
import { forgetToken, keepToken, takeToken } from "./token";
import { TwinView } from "./twin_view";
import { WorkloadsView } from "./workloads_view";

const app = document.getElementById("app")!;

function signIn(message: string): void {
  const input = el("input", { id: "token-input", type: "password", autocomplete: "off", required: true });
  const form = el("form", { id: "sign-in", "aria-label": "Sign in" },
    el("h1", {}, "lightmesh console"),
    message ? el("p", { id: "sign-in-error", role: "alert", class: "refused" }, message) : null,
    el("label", { for: "token-input" }, "API token"), input,
    el("button", { type: "submit" }, "Sign in"),
    el("p", { class: "hint" }, "`make run` prints a link that signs in with the admin token. " +
      "The token stays in this tab's session storage only."));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    keepToken(input.value.trim());
    void start();
  });
  app.replaceChildren(form);
  input.focus();
}

async function start(): Promise<void> {
  const token = takeToken();
  if (!token) return signIn("");
  const api = new Api(token);
  app.replaceChildren(el("p", { role: "status" }, "Loading the network…"));
  let net: NetworkView;
  let fibers: FiberView[];
  try {
    [net, fibers] = await Promise.all([api.get<NetworkView>("/api/v1/network"),
      api.get<Page<FiberView>>("/api/v1/fibers").then((p) => p.items)]);
  } catch (e) {
    forgetToken();
    return signIn(explain(e));
  }
  render(api, net, fibers);
}

function render(api: Api, net: NetworkView, initialFibers: FiberView[]): void {
  let fibers = initialFibers;
  const mapHost = el("div", { id: "map" });
  const legend = el("div", { id: "legend", "aria-label": "Legend" });
  const stream = el("span", { id: "stream-badge", role: "status" }, "connecting");
  const side = el("div", { id: "side" });
  const nav = el("nav", { "aria-label": "Views" });
  app.replaceChildren(
    el("header", {}, el("h1", {}, "lightmesh"), el("span", { class: "network-name" }, net.name),
      el("span", {}, "events: ", stream), nav),
    el("main", {}, el("div", { id: "map-pane" }, mapHost, legend), side));

  const fiberPanel = new FiberPanel(api, () => fibers, () => void refreshFibers());
  const map = new MapView(mapHost, legend, (id) => { show("fiber"); void fiberPanel.show(id); });
  const services = new ServicesView(api, net, (route) => map.highlight(route), () => void refreshFibers());
  const failures = new FailuresView();
  const events = new EventsView();
  const workloads = new WorkloadsView(api, (sites, route) => { map.markSites(sites); map.highlight(route); });
  const views: Record<string, HTMLElement> = {
    services: services.root, fiber: fiberPanel.root, failures: failures.root, workloads: workloads.root,
    events: events.root, twin: new TwinView(api).root,
  };
  const titles: Record<string, string> = {
    services: "Services", fiber: "Fibre", failures: "Failures", workloads: "Workloads", events: "Events", twin: "Twin",
  };
  const tabs: Record<string, HTMLButtonElement> = {};
  for (const [name, root] of Object.entries(views)) {
    root.hidden = true;
    side.append(root);
    const tab = el("button", { type: "button", id: `tab-${name}`, "aria-controls": root.id }, titles[name]);
    tab.addEventListener("click", () => show(name));
    tabs[name] = tab;
    nav.append(tab);
  }
  function show(name: string): void {
    for (const [n, root] of Object.entries(views)) {
      root.hidden = n !== name;
      tabs[n].setAttribute("aria-pressed", String(n === name));
    }
  }
  async function refreshFibers(): Promise<void> {
    try {
      fibers = (await api.get<Page<FiberView>>("/api/v1/fibers")).items;
      map.updateFibers(fibers);
    } catch { /* the next event retries */ }
  }
  show("services");
  map.draw(net, fibers);
  void services.load();

  // Each committed change reaches every view: the log, the failure outcomes, the fibres' state and
  // use on the map, and the service list.
  let pending: number | undefined;
  followEvents(api, (e) => {
    events.add(e);
    failures.add(e);
    clearTimeout(pending);
    pending = window.setTimeout(() => { void refreshFibers(); void services.load(); }, 150);
  }, (state) => {
    stream.textContent = state;
    events.setState(state === "live" ? "Live: new events appear at the top." :
      state === "refused" ? "The event stream refused this token." : "Reconnecting; no event is lost.");
  });
}

void start();
