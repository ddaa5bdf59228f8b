// NDJSON: one object per request group.
import type { RequestGroup } from '../model.js';
import { formatTime } from './format.js';

export interface GroupJson {
  requestId: string;
  label: string;
  status: number | null;
  method: string | null;
  url: string | null;
  time: string | null;
  durationMs: number | null;
  upstream: Array<{ method: string | null; url: string | null; status: number | null; durationMs: number | null; errorCode?: string; error?: string }>;
  reasons: string[];
  next: string[];
  hasResponse: boolean;
  lines: number;
}

export function groupToJson(g: RequestGroup): GroupJson {
  return {
    requestId: g.requestId,
    label: g.label,
    status: g.status ?? null,
    method: g.method ?? null,
    url: g.url ?? null,
    time: g.firstTime !== undefined ? formatTime(g.firstTime) : null,
    durationMs: g.durationMs ?? null,
    upstream: g.upstreams.map((u) => {
      const o: GroupJson['upstream'][number] = {
        method: u.method ?? null,
        url: u.url ?? null,
        status: u.status ?? null,
        durationMs: u.durationMs ?? null,
      };
      if (u.errorCode) o.errorCode = u.errorCode;
      if (u.error) o.error = u.error;
      return o;
    }),
    reasons: g.reasons,
    next: g.next,
    hasResponse: g.response !== undefined,
    lines: g.totalLines,
  };
}

export function groupToNdjson(g: RequestGroup): string {
  return JSON.stringify(groupToJson(g));
}
