// The map: land from world-atlas (bundled), fibres coloured by utilisation (cut ones dashed with a
// cross), optical nodes and sites. Pans and zooms with d3-zoom; a fibre is a keyboard-reachable
// button that opens the fibre view.
import { geoPath } from "d3-geo";
import { select, type Selection } from "d3-selection";
import { zoom } from "d3-zoom";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import countries from "world-atlas/countries-50m.json";
import type { FiberView, NetworkView } from "./api";
import { legendSteps, utilisationColour } from "./colours";
import { layOut, type Layout } from "./layout";

const svgNs = "http://www.w3.org/2000/svg";

export class MapView {
  private svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private layer: Selection<SVGGElement, unknown, null, undefined>;
  private layout: Layout | null = null;
  private fibers: FiberView[] = [];
  private highlighted = new Set<string>();
  private chosenSites = new Set<string>();

  constructor(private host: HTMLElement, private legend: HTMLElement,
              private onFiber: (id: string) => void) {
    this.svg = select(host).append("svg").attr("role", "img").attr("aria-label", "Network map");
    this.layer = this.svg.append("g");
    const zoomer = zoom<SVGSVGElement, unknown>().scaleExtent([0.5, 40])
      .on("zoom", (e) => this.layer.attr("transform", e.transform.toString()));
    this.svg.call(zoomer);
    this.drawLegend();
  }

  draw(net: NetworkView, fibers: FiberView[]): void {
    const width = this.host.clientWidth || 800;
    const height = this.host.clientHeight || 500;
    this.svg.attr("viewBox", `0 0 ${width} ${height}`);
    this.fibers = fibers;
    this.layout = layOut(net.sites, net.nodes, fibers, width, height);
    this.layer.selectAll("*").remove();
    if (this.layout.projection) {
      const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
      const land = feature(topo, topo.objects.countries);
      this.layer.append("path").attr("class", "land").attr("d", geoPath(this.layout.projection)(land) ?? "");
    }
    this.layer.append("g").attr("class", "fibers");
    const points = this.layer.append("g").attr("class", "places");
    // Past a few dozen sites labels hide one another; each keeps its name in its tooltip.
    const labelled = net.sites.length <= 60;
    for (const p of this.layout.byId.values()) {
      const g = points.append("g").attr("class", p.isSite ? "site" : "node")
        .attr("transform", `translate(${p.x},${p.y})`);
      if (p.isSite) g.attr("data-site", p.place.id);
      g.append("circle").attr("r", p.isSite ? 6 : 3.5);
      g.append("title").text(`${p.place.id}: ${p.place.name} (${p.place.kind})`);
      if (p.isSite && labelled) g.append("text").attr("x", 8).attr("y", 4).text(p.place.id);
    }
    this.drawFibers();
  }

  updateFibers(fibers: FiberView[]): void {
    this.fibers = fibers;
    this.drawFibers();
  }

  // The fibres of a selected service's route, drawn over the others.
  highlight(fiberIds: string[]): void {
    this.highlighted = new Set(fiberIds);
    this.drawFibers();
  }

  // The sites a workload was placed on.
  markSites(siteIds: string[]): void {
    this.chosenSites = new Set(siteIds);
    this.layer.selectAll<SVGGElement, unknown>("g.site").classed("chosen", function () {
      return siteIds.includes(this.getAttribute("data-site") ?? "");
    });
  }

  private drawFibers(): void {
    if (!this.layout) return;
    const g = this.layer.select<SVGGElement>("g.fibers");
    g.selectAll("*").remove();
    // A selected route's fibres last, so they are drawn over the others.
    const ordered = [...this.fibers].sort((x, y) => Number(this.highlighted.has(x.id)) - Number(this.highlighted.has(y.id)));
    for (const f of ordered) {
      const a = this.layout.byId.get(f.a);
      const b = this.layout.byId.get(f.b);
      if (!a || !b) continue;
      const cut = f.state === "cut";
      const line = g.append("g").attr("class", `fiber${cut ? " cut" : ""}${this.highlighted.has(f.id) ? " route" : ""}`)
        .attr("data-fiber", f.id).attr("tabindex", 0).attr("role", "button")
        .attr("aria-label", `Fibre ${f.id}, ${cut ? "cut" : `${Math.round(f.utilisation * 100)} % used`}`);
      line.append("line").attr("class", "hit").attr("x1", a.x).attr("y1", a.y).attr("x2", b.x).attr("y2", b.y);
      const visible = line.append("line").attr("class", "wire").attr("x1", a.x).attr("y1", a.y)
        .attr("x2", b.x).attr("y2", b.y);
      visible.node()!.style.stroke = cut ? "" : utilisationColour(f.utilisation);
      if (cut) {
        const mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2;
        line.append("path").attr("class", "cut-mark")
          .attr("d", `M${mx - 5},${my - 5}L${mx + 5},${my + 5}M${mx - 5},${my + 5}L${mx + 5},${my - 5}`);
      }
      line.append("title").text(`${f.id}: ${f.a} – ${f.b}, ${f.length_km} km, ${f.slots_used}/${f.slots_total} slots${cut ? ", CUT" : ""}`);
      line.on("click", () => this.onFiber(f.id));
      line.on("keydown", (e: KeyboardEvent) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); this.onFiber(f.id); }
      });
    }
    void this.chosenSites;
  }

  private drawLegend(): void {
    this.legend.replaceChildren();
    const title = document.createElement("span");
    title.textContent = "Spectrum used:";
    this.legend.append(title);
    for (const u of legendSteps) {
      const item = document.createElement("span");
      item.className = "legend-item";
      const swatch = document.createElementNS(svgNs, "svg");
      swatch.setAttribute("width", "18");
      swatch.setAttribute("height", "8");
      const bar = document.createElementNS(svgNs, "rect");
      bar.setAttribute("width", "18");
      bar.setAttribute("height", "8");
      bar.style.fill = utilisationColour(u);
      swatch.append(bar);
      item.append(swatch, ` ${u * 100} %`);
      this.legend.append(item);
    }
    const cut = document.createElement("span");
    cut.className = "legend-item legend-cut";
    cut.textContent = "✕ dashed: cut";
    this.legend.append(cut);
  }
}
