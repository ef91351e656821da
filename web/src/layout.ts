// Where each node is drawn: its coordinates through a map projection fitted to the network, or,
// when the network gives none, a force layout of the graph (d3-force) in the same box.
import { geoMercator, type GeoProjection } from "d3-geo";
import { forceSimulation, forceLink, forceManyBody, forceCenter, type SimulationNodeDatum } from "d3-force";
import type { FiberView, Place } from "./api";

export interface Placed { place: Place; isSite: boolean; x: number; y: number }
export interface Layout { byId: Map<string, Placed>; projection: GeoProjection | null }

export function layOut(sites: Place[], nodes: Place[], fibers: FiberView[],
                       width: number, height: number): Layout {
  const all = [...sites.map((p) => ({ p, site: true })), ...nodes.map((p) => ({ p, site: false }))];
  const located = all.every(({ p }) => p.lat !== undefined && p.lon !== undefined);
  const byId = new Map<string, Placed>();
  if (located && all.length > 0) {
    const points = { type: "MultiPoint" as const, coordinates: all.map(({ p }) => [p.lon!, p.lat!]) };
    const projection = geoMercator().fitExtent([[40, 40], [width - 40, height - 40]], points);
    for (const { p, site } of all) {
      const [x, y] = projection([p.lon!, p.lat!]) ?? [0, 0];
      byId.set(p.id, { place: p, isSite: site, x, y });
    }
    return { byId, projection };
  }
  interface N extends SimulationNodeDatum { id: string }
  const simNodes: N[] = all.map(({ p }) => ({ id: p.id }));
  const links = fibers.map((f) => ({ source: f.a, target: f.b }));
  const sim = forceSimulation(simNodes)
    .force("link", forceLink<N, { source: string; target: string }>(links).id((d) => d.id).distance(60))
    .force("charge", forceManyBody().strength(-120))
    .force("center", forceCenter(width / 2, height / 2))
    .stop();
  // Run to rest before drawing: a settled picture, drawn once, rather than a moving one.
  for (let i = 0; i < 300; i++) sim.tick();
  // Scaled into the box, margins kept, so the whole network shows before any zoom.
  const xs = simNodes.map((n) => n.x ?? 0), ys = simNodes.map((n) => n.y ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min((width - 80) / Math.max(1, x1 - x0), (height - 80) / Math.max(1, y1 - y0));
  const dx = (width - (x1 - x0) * scale) / 2, dy = (height - (y1 - y0) * scale) / 2;
  all.forEach(({ p, site }, i) => byId.set(p.id, {
    place: p, isSite: site, x: dx + (xs[i] - x0) * scale, y: dy + (ys[i] - y0) * scale,
  }));
  return { byId, projection: null };
}
