// Utilisation to colour, shared by the map's fibres and its legend: green when empty, amber at
// half, red when full, so a full fibre stands out at a glance.
const stops: [number, [number, number, number]][] = [
  [0, [46, 160, 67]],
  [0.5, [230, 160, 20]],
  [1, [210, 40, 40]],
];

export function utilisationColour(u: number): string {
  const x = Math.min(1, Math.max(0, u));
  for (let i = 1; i < stops.length; i++) {
    const [x1, c1] = stops[i];
    const [x0, c0] = stops[i - 1];
    if (x <= x1) {
      const t = (x - x0) / (x1 - x0);
      const c = c0.map((v, k) => Math.round(v + (c1[k] - v) * t));
      return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
    }
  }
  return "rgb(210, 40, 40)";
}

export const legendSteps = [0, 0.25, 0.5, 0.75, 1];
