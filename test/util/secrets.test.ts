import { describe, expect, it } from 'vitest';
import { isSecretHeader, maskHeaderValue, maskValue } from '../../src/util/secrets.js';

describe('isSecretHeader', () => {
  it('knows credential headers, API-key-like and token-like names, in any case', () => {
    for (const n of [
      'Cookie',
      'set-cookie',
      'AUTHORIZATION',
      'Proxy-Authorization',
      'x-api-key',
      'Api-Key',
      'apikey',
      'X-Api_Key',
      'X-Shop-Token',
      'x-access-token',
      'X-Client-Secret',
      'X-Session-Id',
      'X-Amz-Security-Token',
      'X-Signature',
      'X-Auth-User',
      'x-auth',
      'Private-Key',
      'X-Password',
      ' cookie ',
    ]) {
      expect(isSecretHeader(n), n).toBe(true);
    }
  });
  it('leaves ordinary headers alone', () => {
    for (const n of ['Accept', 'Content-Type', 'User-Agent', 'Host', ':authority', 'Author', 'X-Keyboard-Layout', 'Cache-Control', 'Referer', 'X-Request-Id']) {
      expect(isSecretHeader(n), n).toBe(false);
    }
  });
});

describe('maskValue', () => {
  it('keeps the scheme and the length, never the secret', () => {
    expect(maskValue('Bearer abc.def')).toBe('Bearer <masked: 7 chars>');
    expect(maskValue('basic dXNlcjpwYXNz')).toBe('basic <masked: 12 chars>');
    expect(maskValue('k-12345')).toBe('<masked: 7 chars>');
    expect(maskValue('é😀')).toBe('<masked: 2 chars>');
  });
  it('is printable ASCII whatever the input', () => {
    expect(maskValue('\u001b[31m\n\r')).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('maskHeaderValue', () => {
  it('keeps cookie names, masks their values', () => {
    expect(maskHeaderValue('Cookie', 'sid=abc; theme=dark;  x=1')).toBe('sid=<masked>; theme=<masked>; x=<masked>');
  });
  it('masks a cookie without names whole', () => {
    expect(maskHeaderValue('cookie', 'opaque')).toBe('<masked: 6 chars>');
  });
  it('returns other headers unchanged', () => {
    expect(maskHeaderValue('Accept', 'text/html')).toBe('text/html');
  });
});
