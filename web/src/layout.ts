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
  all.forEach(({ p, site }, i) => byId.set(p.id, { place: p, isSite: site, x: simNodes[i].x ?? 0, y: simNodes[i].y ?? 0 }));
  return { byId, projection: null };
}
