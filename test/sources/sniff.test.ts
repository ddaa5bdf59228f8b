import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodingHint } from '../../src/sources/sniff.js';

describe('encodingHint', () => {
  it('names UTF-16 (with or without a byte order mark) and binary data, and leaves text alone', () => {
    const text = '09:00:00.000 req-0001 Request details: GET https://shop.example.com/é?q=ü\n'.repeat(10);
    expect(encodingHint(Buffer.from(text))).toBeUndefined();
    expect(encodingHint(Buffer.from('\u001b[32mcoloured\u001b[0m\tline\r\n'.repeat(20)))).toBeUndefined();
    expect(encodingHint(Buffer.from(text, 'utf16le'))).toMatch(/UTF-16/);
    expect(encodingHint(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]))).toMatch(/UTF-16/);
    expect(encodingHint(Buffer.concat([Buffer.from('\u007fELF'), Buffer.alloc(300)]))).toMatch(/binary/);
    // random bytes without a NUL in them
    const random = Buffer.from(crypto.randomBytes(2048).map((b) => b || 1));
    expect(encodingHint(random)).toMatch(/binary/);
  });
  it('names lines ended by a carriage return alone (they would read as one line), not CRLF ones', () => {
    const rows = ['09:00:00.100 req-00000042 Request details: GET https://shop.example.com/a', '09:00:00.200 req-00000042 Response details: GET https://shop.example.com/a 200 OK'];
    expect(encodingHint(Buffer.from(rows.join('\r') + '\r'))).toMatch(/carriage return alone .*tr '\\r' '\\n'/);
    expect(encodingHint(Buffer.from(rows.join('\r\n') + '\r\n'))).toBeUndefined();
    expect(encodingHint(Buffer.from('one line with a stray \r in it'))).toBeUndefined();
  });
  it("names a log that starts with zero bytes (truncated under its writer) as that, not as binary", () => {
    expect(encodingHint(Buffer.alloc(4096))).toMatch(/^starts with zero bytes .*copytruncate.*skipped$/);
  });
});
