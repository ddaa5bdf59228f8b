// Lines of a stream that mixes times of day (text rows) with dated times (access records), as busy.log does.
export const H = 3_600_000;
export const DAY = Date.UTC(2024, 2, 11); // 2024-03-11T00:00Z

export function hms(ms: number): string {
  const d = new Date(((ms % 86_400_000) + 86_400_000) % 86_400_000);
  return d.toISOString().slice(11, 23);
}

/**
 * A request the SSR code never answered, as busy.log has them: text rows stamped with the time of day of a log
 * written in a zone `zoneMs` east of UTC, and the edge's 539 access record (epoch, UTC) 20 s after its first row.
 */
export function mixed539(id: string, localTod: number, zoneMs = 0): string[] {
  return [
    `${hms(localTod)} ${id} Request details: GET https://shop.example.com/p/${id}`,
    `${hms(localTod + 30)} ${id} Upstream Request: GET https://origin.example.org/api/${id}`,
    JSON.stringify({ timestamp: (DAY + localTod - zoneMs + 20_000) / 1000, uuid: id, status_code: 539, method: 'GET', host: 'shop.example.com', path: `/p/${id}` }),
  ];
}

/** A request answered at once, in text rows only. */
export function textOk(id: string, localTod: number): string[] {
  return [
    `${hms(localTod)} ${id} Request details: GET https://shop.example.com/ok/${id}`,
    `${hms(localTod + 120)} ${id} Response details: GET https://shop.example.com/ok/${id} 200 OK`,
  ];
}
