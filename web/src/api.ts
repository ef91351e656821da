// The console's only way to the controller: the documented REST API (docs/api/openapi.yaml), on the
// page's own origin, with the user's token on every call.

export interface Place { id: string; name: string; kind: string; lat?: number; lon?: number }
export interface NetworkView { name: string; sites: Place[]; nodes: Place[] }
export interface SpanView { length_km: number; loss_db: number; loss_stated: boolean }
export interface FiberView {
  id: string; a: string; b: string; length_km: number; latency_us: number; amplifiers: number; state: "up" | "cut";
  slots_used: number; slots_total: number; utilisation: number;
  us_per_km: number; amplifier_us: number; spans: SpanView[];
}
export interface LatencyParts {
  fiber: number; amplifiers: number; nodes: number; transceivers: number; added_delay: number;
}
export interface LightpathView {
  role: string; route: string[]; fibers: string[]; length_km: number; one_way_us: number;
  rtt_us: number; mode: string; center_thz: number; n: number; m: number; first_slot: number;
  slot_count: number; active: boolean; added_delay_us: number; latency_us?: LatencyParts;
  gsnr_db?: number; required_osnr_db?: number; margin_db?: number;
}
export interface ServiceView {
  id: string; tenant: string; name: string; state: string; from: string; to: string;
  bandwidth_gbps: number; protection: string; lightpaths: LightpathView[];
}
export interface Channel {
  service: string; first_slot: number; slot_count: number; n: number; m: number;
  center_thz: number; width_ghz: number;
}
export interface DirectedChannel extends Channel { heading: "forward" | "return" }
export interface Direction { from: string; to: string; slots_used: number; channels: DirectedChannel[] }
export interface SpectrumView {
  fiber: string; slots_total: number; slots_used: number; channels: Channel[];
  a: string; b: string; directions: Direction[];
}
export interface AuditEvent {
  sequence: number; time_us: number; tenant: string; service: string; what: string; why: string;
}
export interface Page<T> { items: T[]; next: string | null }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly detail: string,
              readonly body: unknown) {
    super(`${code}: ${detail}`);
  }
}

export class Api {
  constructor(readonly token: string) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, ...extra };
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init: RequestInit = { method, headers: this.headers() };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = this.headers({ "Content-Type": "application/json" });
    }
    const r = await fetch(path, init);
    if (r.status === 204) return undefined as T;
    const text = await r.text();
    let parsed: unknown = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
    if (!r.ok) {
      const e = (parsed ?? {}) as { error?: string; detail?: string; message?: string };
      throw new ApiError(r.status, e.error ?? `HTTP ${r.status}`, e.detail ?? e.message ?? text, parsed);
    }
    return parsed as T;
  }

  get<T>(path: string): Promise<T> { return this.call<T>("GET", path); }
}

// A message a person can act on, for any failure the console shows.
export function explain(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return "The controller refused this token (401). Check it and sign in again.";
    if (e.status === 403) return "This token may not do that (403): it needs a tenant or admin role.";
    return `${e.code}: ${e.detail}`;
  }
  return `The controller could not be reached: ${(e as Error).message}`;
}
