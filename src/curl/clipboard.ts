// Puts text on the user's clipboard two ways, and says where it went:
// - OSC 52 written to the terminal: works over SSH and in tmux (wrapped in tmux's DCS passthrough when $TMUX is
//   set, GNU screen's when $STY is). The terminal may ignore it (not every terminal allows OSC 52), so it is
//   reported as "sent", not as a certainty;
// - the system clipboard tool when one is on PATH: wl-copy (Wayland), xclip / xsel (X11), pbcopy (macOS).
//   Spawned with an argument array (no shell), text on stdin, given 3 s to take it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Terminals cap OSC 52 payloads (often ~100 KB): above this the sequence is not sent. */
export const OSC52_MAX_BASE64 = 100_000;

/** The OSC 52 sequence that sets the clipboard to `text`. */
export function osc52Sequence(text: string, env: NodeJS.ProcessEnv = process.env): string {
  const seq = `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
  // tmux (with allow-passthrough, or set-clipboard on) and screen pass a DCS-wrapped sequence through; ESCs doubled for tmux
  if (env.TMUX) return `\u001bPtmux;${seq.replace(/\u001b/g, '\u001b\u001b')}\u001b\\`;
  if (env.STY) return `\u001bP${seq}\u001b\\`;
  return seq;
}

export interface ClipboardTool {
  name: string;
  cmd: string;
  args: string[];
}

const TOOLS: Array<ClipboardTool & { when: (env: NodeJS.ProcessEnv, platform: string) => boolean }> = [
  { name: 'wl-copy', cmd: 'wl-copy', args: [], when: (e) => !!e.WAYLAND_DISPLAY },
  { name: 'xclip', cmd: 'xclip', args: ['-selection', 'clipboard'], when: (e) => !!e.DISPLAY },
  { name: 'xsel', cmd: 'xsel', args: ['--clipboard', '--input'], when: (e) => !!e.DISPLAY },
  { name: 'pbcopy', cmd: 'pbcopy', args: [], when: (_e, p) => p === 'darwin' },
];

function onPath(cmd: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The first clipboard tool that fits this session (display server / OS) and is installed. */
export function findClipboardTool(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): ClipboardTool | undefined {
  for (const t of TOOLS) {
    if (!t.when(env, platform)) continue;
    const full = onPath(t.cmd, env);
    if (full) return { name: t.name, cmd: full, args: t.args };
  }
  return undefined;
}

/** Feeds `text` to a clipboard tool; resolves with an error text, or undefined when it took it. */
export function copyWithTool(tool: ClipboardTool, text: string, timeoutMs = 3000): Promise<string | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (err: string | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(err);
    };
    // stdout/stderr ignored: xclip and wl-copy leave a child behind that keeps serving the selection
    const child = spawn(tool.cmd, tool.args, { stdio: ['pipe', 'ignore', 'ignore'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(`${tool.name} did not finish`);
    }, timeoutMs);
    child.on('error', (e) => done(`${tool.name}: ${e.message}`));
    child.on('exit', (code, signal) => done(code === 0 ? undefined : `${tool.name} exited with ${code ?? signal}`));
    child.stdin!.on('error', () => {});
    child.stdin!.end(text);
  });
}

export interface CopyOptions {
  /** writes to the terminal (OSC 52); none: OSC 52 is not sent */
  writeTerminal?: (s: string) => void;
  env?: NodeJS.ProcessEnv;
  platform?: string;
  /** the tool to use; default: findClipboardTool(); null: none */
  tool?: ClipboardTool | null;
}

export interface CopyReport {
  osc52: 'sent' | 'too-long' | 'no-terminal';
  tool?: string;
  toolError?: string;
  /** "copied via OSC 52 (terminal) and xclip" — for the status line */
  message: string;
}

/** Copies `text` every way available and says where it went. Never rejects. */
export async function copyToClipboard(text: string, opts: CopyOptions = {}): Promise<CopyReport> {
  const env = opts.env ?? process.env;
  let osc52: CopyReport['osc52'] = 'no-terminal';
  const seq = osc52Sequence(text, env);
  if (opts.writeTerminal) {
    if (seq.length > OSC52_MAX_BASE64 + 32) osc52 = 'too-long';
    else {
      try {
        opts.writeTerminal(seq);
        osc52 = 'sent';
      } catch {
        osc52 = 'no-terminal';
      }
    }
  }
  const tool = opts.tool === null ? undefined : (opts.tool ?? findClipboardTool(env, opts.platform));
  const toolError = tool ? await copyWithTool(tool, text) : undefined;
  // a tool says whether it worked; OSC 52 does not (the terminal, or tmux, may ignore it): worded as sent, not copied
  const viaTmux = env.TMUX ? ' through tmux (set-clipboard on or allow-passthrough on passes it)' : ' (if the terminal allows it)';
  let message: string;
  if (tool && !toolError) message = `copied to the clipboard via ${tool.name}${osc52 === 'sent' ? ' and OSC 52' : ''}`;
  else if (osc52 === 'sent') message = `sent to the terminal's clipboard via OSC 52${viaTmux}`;
  else message = 'not copied: no terminal for OSC 52 and no clipboard tool (wl-copy, xclip, xsel, pbcopy)';
  if (osc52 === 'too-long') message += `; too long for OSC 52 (${Math.round(seq.length / 1024)} KiB)`;
  if (toolError) message += `; ${toolError}`;
  return { osc52, tool: tool?.name, toolError, message };
}
