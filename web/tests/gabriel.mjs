// A Gabriel graph in TopoHub's node-link JSON, for `lightmesh import --from topohub`: n points drawn
// from a seeded generator in a square of `size` km, joined where no third point lies inside the
// circle whose diameter is the pair (the rule of TopoHub's synthetic Gabriel graphs; about 2n
// links). The file name must start with "gabriel" so the importer reads the positions as planar.
//
//   writeFileSync(join(dir, "gabriel_500.json"), JSON.stringify(gabrielGraph(500, 1200, 7)));

// mulberry32: a small seeded generator, so every run draws the same graph.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function gabrielGraph(n, size, seed) {
  const next = random(seed);
  const pos = Array.from({ length: n }, () => [next() * size, next() * size]);
  const edges = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const cx = (pos[i][0] + pos[j][0]) / 2, cy = (pos[i][1] + pos[j][1]) / 2;
      const r2 = ((pos[i][0] - pos[j][0]) ** 2 + (pos[i][1] - pos[j][1]) ** 2) / 4;
      let empty = true;
      for (let k = 0; k < n && empty; k++) {
        if (k !== i && k !== j && (pos[k][0] - cx) ** 2 + (pos[k][1] - cy) ** 2 < r2) empty = false;
      }
      if (empty) edges.push({ source: i, target: j });
    }
  }
  return {
    directed: false, multigraph: false, graph: { name: String(n) },
    nodes: pos.map((p, i) => ({ id: i, name: `G${i}`, pos: p })),
    edges,
  };
}
