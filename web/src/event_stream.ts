// The live event stream (GET /api/v1/events/stream, Server-Sent Events) read with fetch, because a
// browser's EventSource cannot send the Authorization header. Like EventSource it reconnects after
// the server's `retry` and sends Last-Event-ID, so a dropped connection loses no event.
import type { Api, AuditEvent } from "./api";

export type StreamState = "live" | "reconnecting" | "refused";

export function followEvents(api: Api, onEvent: (e: AuditEvent) => void,
                             onState: (s: StreamState) => void): void {
  let lastId: string | null = null;
  let retryMs = 2000;

  const connect = async (): Promise<void> => {
    const headers = api.headers(lastId ? { "Last-Event-ID": lastId } : {});
    // The whole log first (cursor 0), then live: the views show history and what follows.
    const r = await fetch("/api/v1/events/stream?cursor=0", { headers });
    if (r.status === 401 || r.status === 403) { onState("refused"); throw new Error("refused"); }
    if (!r.ok || !r.body) throw new Error(`HTTP ${r.status}`);
    onState("live");
    const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let id: string | null = null;
    let data: string[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, "");
        buffer = buffer.slice(nl + 1);
        if (line === "") {
          if (data.length) {
            if (id !== null) lastId = id;
            onEvent(JSON.parse(data.join("\n")) as AuditEvent);
          }
          id = null;
          data = [];
        } else if (line.startsWith("id:")) id = line.slice(3).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        else if (line.startsWith("retry:")) retryMs = Number(line.slice(6)) || retryMs;
      }
    }
  };

  const loop = async (): Promise<void> => {
    for (;;) {
      try { await connect(); } catch (e) { if ((e as Error).message === "refused") return; }
      onState("reconnecting");
      await new Promise((done) => setTimeout(done, retryMs));
    }
  };
  void loop();
}
