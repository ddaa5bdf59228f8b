// Lines of a shape ssrtail knows but does not read: when a log is mostly unparsed, the first such line
// tells the user what the log is and what to give ssrtail instead.
import stripAnsi from 'strip-ansi';

const HINTS: Array<[RegExp, string]> = [
  [
    // pino-pretty: `[12:34:56.789] INFO (1234): msg`, `[1710147600000] ERROR (1234 on web-1): msg`, `[2024-03-11 09:00:00.000 +0000] WARN: msg`
    /^\[[0-9][^\]]{4,40}\] (?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL|USERLVL)(?: \([^)]*\))?: /,
    'they look like pino-pretty output (made for reading, not for tools): give ssrtail the raw JSON (drop `| pino-pretty`)',
  ],
  [
    // a JSON document written over many lines (jq ., JSON.stringify(x, null, 2), a saved API response)
    /^\s*[[{]\s*$/,
    'they look like a pretty-printed JSON document: ssrtail reads one JSON object per line (`jq -c` puts it on one line; `jq -c ".[]"` for an array)',
  ],
  [
    // a Loki API error saved instead of a result (`curl .../query_range ... > out.json` of a query that failed)
    /^\uFEFF?\{"status": ?"error"/,
    'it is a Loki error response, not a query result: the query failed when it was saved (its "error" field says why); fix it and save the result again',
  ],
  [
    // a metric query's result (rate(), count_over_time(), ...): numbers, not log lines
    /^\uFEFF?\{"status": ?"success", ?"data": ?\{"resultType": ?"(?:matrix|vector|scalar)"/,
    'it is the result of a Loki metric query (numbers, not log lines): save a log query instead, e.g. {app="shop"} without rate() or count_over_time()',
  ],
  [
    // a query result of no entries
    /^\uFEFF?\{"status": ?"success", ?"data": ?\{"resultType": ?"streams", ?"result": ?\[\]/,
    'it is a Loki query result with no entries: the query matched no line in its time range',
  ],
  [
    // a saved Loki or Grafana document that is not whole JSON (the download was cut short)
    /^\uFEFF?(?:\{"status": ?"success"|\{"streams": ?\[|\[\{"line":)/,
    'it looks like a saved Loki/Grafana document that could not be read (cut short, or not valid JSON): save it again',
  ],
  [
    // a JSON array of records on one line (an export, a saved API response): not a Loki/Grafana document
    /^\uFEFF?\[\s*\{/,
    'they look like a JSON array of records on one line: ssrtail reads one JSON object per line (`jq -c ".[]"` puts each on its own)',
  ],
  [
    // Express's morgan 'dev', 'tiny' and 'short' lines: `GET /p/1 200 1.789 ms - 2`, `GET /p/1 200 2 - 1.789 ms`
    /^(?:\S+ \S+ )?(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S* (?:HTTP\/[\d.]+ )?\d{3} (?:[\d.]+ ms - (?:\d+|-)|(?:\d+|-) - [\d.]+ ms)$/,
    'they look like Express morgan\'s dev/tiny/short lines, which carry no request ID: log JSON lines with the request ID instead (pino-http, or morgan writing JSON such as {"requestId":..., "method":..., "url":..., "status":<number>, "responseTime":...})',
  ],
  [
    // a CSV table's header row (a spreadsheet, Grafana's "Download CSV" of a logs panel): names, comma-separated
    /^\uFEFF?"?[A-Za-z_][\w .@-]{0,40}"?(?:,"?[A-Za-z_][\w .@-]{0,40}"?){2,}$/,
    'they look like a CSV table, not log lines: export the logs themselves (JSON lines or text rows, e.g. Grafana\'s "Download logs" or logcli --output=jsonl)',
  ],
  [
    // nginx / Apache common and combined log format, Express's morgan (with a request ID token first: `:id :remote-addr ...`)
    /^(?:\S+ )?\S+ \S+ \S+ \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "/,
    'they look like an nginx/Apache or morgan access log, a format ssrtail does not read (also with a request ID in it): have the server log JSON lines with the request ID (nginx: log_format ... escape=json with $request_id; Express: pino-http, or morgan writing JSON such as {"requestId":..., "method":..., "url":..., "status":<number>, "responseTime":...})',
  ],
];

/** What an unparsed line looks like, when it is a shape ssrtail knows of but does not read. */
export function formatHint(line: string): string | undefined {
  // colour codes (morgan's dev format always writes them)
  const s = line.includes('\u001b') ? stripAnsi(line) : line;
  for (const [re, hint] of HINTS) if (re.test(s)) return hint;
  return undefined;
}

/**
 * The note to print when most lines went unparsed and one of them gave a hint; or, with `groups` and `unattributed`
 * given, when lines were read but not one request came of them because no line carries a request ID.
 */
export function hintNote(stats: { lines: number; rawLines: number; formatHint?: string; groups?: number; unattributed?: number }): string | undefined {
  if (stats.formatHint && stats.rawLines >= stats.lines / 2) return `${stats.rawLines} of ${stats.lines} lines unparsed: ${stats.formatHint}`;
  if (stats.groups === 0 && stats.lines > 0 && stats.unattributed === stats.lines && stats.rawLines < stats.lines) {
    return `no line carries a request ID, which ssrtail groups lines into requests by: log one on each line (requestId, reqId, req.id, x-request-id, ...: pino-http, Fastify's request logging, or a child logger with the ID; the README's "Formats it reads" lists them)`;
  }
  return undefined;
}
