// A small element builder, so views read as the markup they make; text is always set as text, never
// parsed as HTML, so nothing the API returns can inject markup.
type Child = Node | string | number | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

export function fmtUs(us: number): string { return `${us.toFixed(3)} µs`; }

// Marks `host` busy while `work` runs: long calls show progress and never block the page.
export async function busy<T>(host: HTMLElement, work: () => Promise<T>): Promise<T> {
  host.setAttribute("aria-busy", "true");
  try { return await work(); } finally { host.removeAttribute("aria-busy"); }
}

export function setChildren(host: HTMLElement, ...children: Child[]): void {
  host.replaceChildren();
  for (const c of children) if (c !== null && c !== undefined && c !== false) host.append(c instanceof Node ? c : String(c));
}
