// Types for test/helpers/heavy-lines.mjs (shared with a plain-Node child process).
export function heavyRequestLines(i: number, cookieBytes: number): [string, string];
