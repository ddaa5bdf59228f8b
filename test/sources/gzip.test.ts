// The gzip decoder on its own: headers read by hand (every optional field), members and what follows them
// cut at every byte, the trailer's checks.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzip, maybeGunzip } from '../../src/sources/gzip.js';

async function* pieces(buf: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const c of [...cuts, buf.length]) {
    if (c > at) yield buf.subarray(at, c);
    at = Math.max(at, c);
  }
}

async function decode(gen: AsyncGenerator<Buffer>) {
  const out: Buffer[] = [];
  let error: (Error & { code?: string }) | undefined;
  try {
    for await (const b of gen) out.push(Buffer.from(b));
  } catch (err) {
    error = err as Error;
  }
  return { text: Buffer.concat(out).toString(), error };
}

/** a member with every optional header field (FEXTRA, FNAME, FCOMMENT, FHCRC), as few tools write them */
function fullHeaderMember(body: string): Buffer {
  const head = Buffer.concat([
    Buffer.from([0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3]),
    Buffer.from([3, 0, 0xaa, 0xbb, 0xcc]),
    Buffer.from('app.log\0'),
    Buffer.from('rotated\0'),
  ]);
  const hcrc = Buffer.alloc(2);
  hcrc.writeUInt16LE(zlib.crc32(head) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(body));
  trailer.writeUInt32LE(Buffer.byteLength(body), 4);
  return Buffer.concat([head, hcrc, zlib.deflateRawSync(body), trailer]);
}

describe('gzip decoding', () => {
  it('a member with every header field, another member, then plain text: the same output wherever the input is cut', async () => {
    const a = '09:00:00.000 req-00000001 GET https://shop.example.com/a\n';
    const b = '09:00:01.000 req-00000002 GET https://shop.example.com/b\n';
    const plain = '09:00:02.000 req-00000003 GET https://shop.example.com/c\n';
    const input = Buffer.concat([fullHeaderMember(a), zlib.gzipSync(b), Buffer.from(plain)]);
    expect(zlib.gunzipSync(fullHeaderMember(a)).toString()).toBe(a);
    for (let cut = 1; cut < input.length; cut++) {
      let said = 0;
      const r = await decode(maybeGunzip(pieces(input, [cut]), { onPlainText: () => said++ }));
      expect(r.error, `cut at ${cut}`).toBeUndefined();
      expect(r.text, `cut at ${cut}`).toBe(a + b + plain);
      expect(said).toBe(1);
    }
    // a byte at a time
    const bytes = await decode(gunzip(pieces(input, [...input.keys()])));
    expect(bytes.text).toBe(a + b + plain);
  });

  it("a wrong trailer or header CRC is zlib's data error, after the member's output", async () => {
    const body = 'x'.repeat(1000) + '\n';
    const member = fullHeaderMember(body);
    const badData = Buffer.from(member);
    badData[badData.length - 8]! ^= 1;
    const r = await decode(gunzip(pieces(badData, [])));
    expect(r.text).toBe(body);
    expect([r.error?.code, r.error?.message]).toEqual(['Z_DATA_ERROR', 'incorrect data check']);
    const badHeader = Buffer.from(member);
    badHeader[12]! ^= 1; // a byte of the extra field
    expect((await decode(gunzip(pieces(badHeader, [])))).error?.message).toBe('header crc mismatch');
  });
});
