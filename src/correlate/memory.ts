// Letting go of memory: what an evicted group keeps, and how low the retained-group cap may go.
import type { RequestGroup } from '../model.js';

/** lowerCap never goes below this many requests */
export const MIN_MEMORY_CAP = 1000;

/** Empties what takes memory in an evicted group (lines, headers, bodies, messages); its summary stays. */
export function shed(g: RequestGroup): void {
  g.rawDropped += g.raw.length;
  g.raw = [];
  g.logs = [];
  if (g.request) g.request = { ...g.request, headers: [], body: undefined };
  if (g.response) g.response = { ...g.response, headers: [], body: undefined };
  g.upstreams = g.upstreams.map((u) => ({ ...u, headers: [], responseHeaders: [], body: undefined, responseBody: undefined }));
  g.shed = true;
  g.version++;
}
