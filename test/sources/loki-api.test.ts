import { describe, expect, it } from 'vitest';
import { lokiEndpointUrl, msToNs } from '../../src/sources/loki-api.js';

const tail = (base: string) => lokiEndpointUrl(base, 'tail').toString();
const range = (base: string) => lokiEndpointUrl(base, 'query_range').toString();

describe('lokiEndpointUrl', () => {
  it('turns an http(s) or ws(s) base URL, with or without a path prefix, into the ws(s) tail endpoint', () => {
    expect(tail('http://loki:3100')).toBe('ws://loki:3100/loki/api/v1/tail');
    expect(tail('https://u:p@logs.example.com/loki-proxy/')).toBe('wss://logs.example.com/loki-proxy/loki/api/v1/tail');
    expect(tail('ws://loki:3100/loki/api/v1/tail')).toBe('ws://loki:3100/loki/api/v1/tail');
    expect(tail('http://loki:3100/loki/api/v1/query_range')).toBe('ws://loki:3100/loki/api/v1/tail');
  });

  it('finds query_range under any base URL, over http(s)', () => {
    expect(range('wss://u:p@logs.example.com/loki/')).toBe('https://logs.example.com/loki/loki/api/v1/query_range');
    expect(range('http://127.0.0.1:3100/loki/api/v1/tail')).toBe('http://127.0.0.1:3100/loki/api/v1/query_range');
    expect(range('ws://loki:3100/prefix//')).toBe('http://loki:3100/prefix/loki/api/v1/query_range');
  });

  it("keeps the base's own query parameters for both endpoints and drops Loki's (the flags say those)", () => {
    const pasted = 'http://host:3100/loki/api/v1/query_range?x=y&query=%7Bapp%3D%22a%22%7D&start=1&end=2&limit=5&direction=backward';
    expect(tail(pasted)).toBe('ws://host:3100/loki/api/v1/tail?x=y');
    expect(range(pasted)).toBe('http://host:3100/loki/api/v1/query_range?x=y');
    expect(range('https://gw.example.com/tenant-a?orgId=7')).toBe('https://gw.example.com/tenant-a/loki/api/v1/query_range?orgId=7');
    expect(tail('http://host:3100/loki/api/v1/tail?delay_for=2&since=1h')).toBe('ws://host:3100/loki/api/v1/tail');
  });

  it('refuses a URL that is not http(s) or ws(s)', () => {
    expect(() => tail('ftp://host/')).toThrow('--loki: expected an http(s) URL, got ftp:');
    expect(() => range('ftp://host/')).toThrow('--loki: expected an http(s) URL, got ftp:');
  });
});

describe('msToNs', () => {
  it('gives whole nanoseconds for any millisecond time', () => {
    expect(msToNs(1_710_186_733_000)).toBe(1_710_186_733_000_000_000n);
    expect(msToNs(1.4)).toBe(1_000_000n);
    expect(msToNs(0)).toBe(0n);
  });
});
