// Types for scripts/gen-log.mjs (plain Node ESM, no build step), for the TypeScript tests that import it.

export type GenLabel =
  | 'ok' | 'not-found' | 'error' | 'allowlist-suspect' | 'backend-error' | 'ssr-code-error'
  | 'sni-error' | 'upstream-connection-error' | 'timeout';

export interface GenOptions {
  seed?: number;
  format?: 'mixed' | 'text' | 'json';
  /** stop at exactly this many lines (the tail filled with unattributed lines) */
  lines?: number;
  /** or after this many requests */
  requests?: number;
  /** requests started per second of log time (default 20) */
  rate?: number;
  /** epoch ms of the first request (default 2024-03-11T09:00:00Z) */
  start?: number;
  /** share of requests followed by one unattributed line (default 0.01) */
  noise?: number;
  labels?: GenLabel[];
  styles?: string[];
}

export interface Expected {
  requestId: string;
  label: GenLabel;
  style: string;
  variant: string;
}

export interface Block {
  /** the row's timestamp, epoch ms */
  t: number;
  /** a row and its continuation lines (headers, body, stack): they must stay together */
  lines: string[];
}

export interface GeneratedRequest extends Expected {
  blocks: Block[];
}

export const GEN_LABELS: GenLabel[];
export const TEXT_STYLES: string[];
export const JSON_STYLES: string[];
export const DEFAULT_START: number;

export function run(
  options: GenOptions,
  emit: (lines: string[]) => void,
  onRequest?: (req: GeneratedRequest) => void,
): { lines: number; requests: number };

export function generate(options: GenOptions): { text: string; expected: Expected[]; requests: GeneratedRequest[]; lines: number };

export function writeLog(options: GenOptions, outPath: string, expectPath?: string): { lines: number; requests: number };

export function sampleSpecs(): Array<{ file: string; opts: GenOptions }>;

export function writeSamples(dir: string): void;
