// What a followed file's reader says goes to stderr once: once it has caught up, the reader says its latest note
// again (the TUI's header keeps it), and report mode printed a cut 64 MiB line's note twice.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { Pipeline } from '../../src/pipeline.js';
import { FollowSource } from '../../src/sources/follow.js';
import { runReport } from '../../src/report/run.js';
import type { LineSource, SourceStatus } from '../../src/model.js';
import { tmpFile } from '../helpers/run-cli.js';

describe('report mode on a followed file', () => {
  it("says a cut line's note once, also after the reader has caught up and said it again", async () => {
    const head = '09:00:00.100 req-00000001 Request details: GET https://shop.example.com/a\n09:00:00.200 req-00000001 INFO: ';
    const file = tmpFile('long-line-followed.log', Buffer.concat([Buffer.from(head), Buffer.alloc(65 << 20, 0x78), Buffer.from('\n')]));
    const follow = new FollowSource(file, {});
    const statuses: SourceStatus[] = [];
    let caughtUp = () => {};
    const caught = new Promise<void>((r) => (caughtUp = r));
    // the real follower, its statuses seen on their way to the report
    const watched: LineSource = {
      name: follow.name,
      live: follow.live,
      start: (onLines, onStatus) =>
        follow.start(onLines, (s) => {
          statuses.push(s);
          if (s.state === 'live' && s.bytesRead !== undefined && s.bytesRead === s.bytesTotal) caughtUp();
          onStatus(s);
        }),
      stop: () => follow.stop(),
    };
    const err = new PassThrough();
    let said = '';
    err.on('data', (d) => (said += d));
    const out = new PassThrough();
    out.resume();
    const done = runReport(new Pipeline({ live: true }), [watched], { json: true, color: false, width: 120, details: false, out, err });
    await caught;
    follow.stop();
    await done;
    const note = /a line longer than 64 MiB: cut into 64 MiB pieces/;
    // the reader did say it twice (else this test shows nothing)
    expect(statuses.filter((s) => note.test(s.detail ?? '')).length).toBeGreaterThanOrEqual(2);
    expect(said.split('\n').filter((l) => note.test(l))).toHaveLength(1);
  }, 60_000);
});
