// OSC 52 sequences, and real clipboard tools (stand-ins on a temp PATH that record what they were given).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyToClipboard, findClipboardTool, osc52Sequence, OSC52_MAX_BASE64 } from '../../src/curl/clipboard.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeTool(name: string, script: string): string {
  const bin = path.join(dir, `bin-${name}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return bin;
}

const TEXT = "curl 'https://a.example/' \\\n  -H $'X: it\\'s é'";

describe('osc52Sequence', () => {
  it('carries the text base64-encoded', () => {
    const seq = osc52Sequence(TEXT, {});
    const m = /^\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007$/.exec(seq);
    expect(m).not.toBeNull();
    expect(Buffer.from(m![1]!, 'base64').toString('utf8')).toBe(TEXT);
  });
  it("is wrapped for tmux's passthrough when $TMUX is set", () => {
    const seq = osc52Sequence('hi', { TMUX: '/tmp/tmux-0/default,1,0' });
    expect(seq).toBe(`\u001bPtmux;\u001b\u001b]52;c;${Buffer.from('hi').toString('base64')}\u0007\u001b\\`);
  });
  it('is wrapped for screen when $STY is set', () => {
    expect(osc52Sequence('hi', { STY: '1.pts' })).toBe(`\u001bP\u001b]52;c;aGk=\u0007\u001b\\`);
  });
});

describe('findClipboardTool', () => {
  it('finds xclip on PATH when there is an X display, wl-copy first on Wayland', () => {
    const x = fakeTool('xclip', 'exit 0');
    const wl = fakeTool('wl-copy', 'exit 0');
    expect(findClipboardTool({ PATH: x, DISPLAY: ':0' }, 'linux')).toMatchObject({ name: 'xclip', args: ['-selection', 'clipboard'] });
    expect(findClipboardTool({ PATH: `${x}${path.delimiter}${wl}`, DISPLAY: ':0', WAYLAND_DISPLAY: 'wayland-0' }, 'linux')?.name).toBe('wl-copy');
    expect(findClipboardTool({ PATH: x }, 'linux')).toBeUndefined();
    expect(findClipboardTool({ PATH: dir, DISPLAY: ':0' }, 'linux')).toBeUndefined();
  });
});

describe('copyToClipboard', () => {
  it('writes OSC 52 to the terminal and feeds the tool, and says both', async () => {
    const out = path.join(dir, 'clip.txt');
    const bin = fakeTool('xclip', `[ "$1" = "-selection" ] && [ "$2" = "clipboard" ] || exit 9\ncat > '${out}'`);
    const writes: string[] = [];
    const tool = findClipboardTool({ PATH: bin, DISPLAY: ':0' }, 'linux');
    const r = await copyToClipboard(TEXT, { writeTerminal: (s) => writes.push(s), env: {}, tool });
    expect(r.message).toBe('copied to the clipboard via xclip and OSC 52');
    expect(fs.readFileSync(out, 'utf8')).toBe(TEXT);
    expect(writes).toEqual([osc52Sequence(TEXT, {})]);
  });

  it('reports a tool that fails', async () => {
    const bin = fakeTool('xsel', 'cat >/dev/null; exit 1');
    const r = await copyToClipboard('x', { env: {}, tool: findClipboardTool({ PATH: bin, DISPLAY: ':0' }, 'linux') });
    expect(r.message).toMatch(/not copied.*xsel exited with 1/);
  });

  it('says when nothing could take it, and skips OSC 52 for huge text', async () => {
    const none = await copyToClipboard('x', { env: {}, tool: null });
    expect(none.message).toMatch(/^not copied/);
    const writes: string[] = [];
    const huge = await copyToClipboard('y'.repeat(OSC52_MAX_BASE64), { writeTerminal: (s) => writes.push(s), env: {}, tool: null });
    expect(writes).toEqual([]);
    expect(huge.osc52).toBe('too-long');
    expect(huge.message).toMatch(/too long for OSC 52/);
  });

  it('says OSC 52 alone was sent, not that it was copied (the terminal or tmux may drop it), and what tmux needs', async () => {
    const r = await copyToClipboard('x', { writeTerminal: () => {}, env: { TMUX: '1' }, tool: null });
    expect(r.message).toBe("sent to the terminal's clipboard via OSC 52 through tmux (set-clipboard on or allow-passthrough on passes it)");
    const plain = await copyToClipboard('x', { writeTerminal: () => {}, env: {}, tool: null });
    expect(plain.message).toBe("sent to the terminal's clipboard via OSC 52 (if the terminal allows it)");
  });
});
